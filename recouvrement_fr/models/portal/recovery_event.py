# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date

from ...core.vocabulary import CARRIED_OUT_STATES
from ...tools.letter_format import long_date

_logger = logging.getLogger(__name__)


class RecoveryEvent(models.Model):
    """The customer's side of an event: the promise a reminder recalls, once,
    when the customer broke it; a reply to a reminder pauses the ladder."""

    _inherit = "recovery.event"

    broken_promise_id = fields.Many2one(
        "recovery.promise",
        compute="_compute_broken_promise_id",
        help="The promise to pay on these invoices that the customer broke "
        "since the previous step reached it: the letter recalls it, once.",
    )
    promise_id = fields.Many2one(
        "recovery.promise",
        string="Promise to pay",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The promise the customer made during this call.",
    )

    @api.depends("date", "partner_id", "company_id", "move_ids")
    def _compute_broken_promise_id(self):
        """One query for all the events rendered together (the prefetched
        batch), not two searches per letter and per e-mail."""
        real = self.filtered("id")
        broken = {}
        if real:
            self.env["recovery.promise"].flush_model()
            self.flush_recordset(["date", "partner_id", "company_id", "move_ids"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT DISTINCT ON (e.id) e.id, p.id
                      FROM recovery_event e
                      JOIN recovery_promise p
                        ON p.company_id = e.company_id
                       AND p.partner_id = e.partner_id
                       AND p.state = 'broken' AND p.grace_date <= e.date
                     WHERE e.id = ANY(%(ids)s)
                       AND EXISTS (
                            SELECT 1
                              FROM recovery_promise_account_move_rel pm
                              JOIN recovery_event_account_move_rel em
                                ON em.move_id = pm.move_id
                             WHERE pm.promise_id = p.id AND em.event_id = e.id)
                       -- recalled once: no step reached the customer since
                       AND NOT EXISTS (
                            SELECT 1
                              FROM recovery_event_account_move_rel em
                              JOIN recovery_event_account_move_rel om
                                ON om.move_id = em.move_id
                               AND om.event_id != em.event_id
                              JOIN recovery_event o ON o.id = om.event_id
                             WHERE em.event_id = e.id
                               AND o.state = ANY(%(carried)s)
                               AND o.date <= e.date
                               AND o.date > p.grace_date)
                     ORDER BY e.id, p.grace_date DESC, p.id DESC
                    """,
                    ids=real.ids,
                    carried=list(CARRIED_OUT_STATES),
                )
            )
            broken = dict(self.env.cr.fetchall())
        for event in self:
            event.broken_promise_id = broken.get(event.id, False)

    # EXTENDS recouvrement_fr
    def action_done(self):
        """A call whose outcome is a promise asks for its date and amount
        first (the promise wizard), then is done."""
        asking = self.filtered(
            lambda e: (
                e.channel == "phone"
                and e.state == "to_do"
                and e.call_outcome == "promised"
                and not e.promise_id
            )
        )
        if asking:
            if len(self) > 1:
                raise UserError(
                    _(
                        "Record the promise of the call to %(customer)s first.",
                        customer=asking[0].partner_id.name,
                    )
                )
            return {
                "type": "ir.actions.act_window",
                "name": _("Payment promised"),
                "res_model": "recovery.promise.wizard",
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "context": {"default_event_id": self.id},
            }
        return super().action_done()

    def _recovery_promise_from_call(self, moves, date, amount, note=False):
        """The promise heard on the phone, as the portal's (the ladder paused
        until its grace date, checked every night), then the call is done."""
        self.ensure_one()
        promise = self.env["recovery.promise"].create(
            {
                "company_id": self.company_id.id,
                "partner_id": self.partner_id.commercial_partner_id.id,
                "move_ids": [Command.set(moves.ids)],
                "date": date,
                "amount": amount or False,
                "source": "phone",
                "note": note or False,
                "user_id": self.env.user.id,
            }
        )
        self.promise_id = promise
        self.action_done()
        return promise

    def _recovery_broken_promise(self):
        """The promise to pay on these invoices that the customer broke since
        the previous step reached it, for this letter to recall (or an empty
        recordset): a broken promise is recalled once."""
        self.ensure_one()
        return self.broken_promise_id

    def _recovery_broken_promise_text(self):
        """The sentence of the letter or e-mail recalling the broken promise
        (empty if none), in the context's language: the reader's."""
        promise = self._recovery_broken_promise()
        if not promise:
            return ""
        return _(
            "You had undertaken to pay %(amount)s by %(date)s; we have not "
            "received this payment to date.",
            amount=format_amount(self.env, promise.amount, promise.currency_id),
            date=long_date(self.env, promise.date),
        )

    # ------------------------------------------------------------
    # THE CUSTOMER'S REPLY (mail gateway)
    # ------------------------------------------------------------

    # OVERRIDE: the mail gateway posts the reply on the event it answers.
    def message_update(self, msg_dict, update_vals=None):
        result = super().message_update(msg_dict, update_vals=update_vals)
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        if not author.user_ids.filtered(lambda u: not u.share):
            self._recovery_customer_replied()
        return result

    def _recovery_customer_replied(self):
        """Activity for the responsible, pause of the customer's ladder."""
        for event in self:
            company = event.company_id
            responsible = company.recovery_user_id or event.user_id
            # The gateway runs in no one's language: write in the responsible's.
            event = event.with_context(
                lang=responsible.lang or company.partner_id.lang or self.env.lang
            )
            days = company.recovery_reply_pause_days
            reason = event.env._(
                "The customer replied on %(date)s to %(event)s",
                date=format_date(event.env, fields.Date.context_today(event)),
                event=event.display_name,
            )
            paused = event.env["recovery.pause"]._pause_customers(
                event.partner_id, days, reason
            )
            for customer in paused.with_env(event.env):
                customer.message_post(
                    body=event.env._(
                        "Recovery paused until %(date)s: %(reason)s.",
                        date=format_date(event.env, customer.recovery_block_until),
                        reason=reason,
                    )
                )
            event.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=event.env._("The customer replied"),
                note=event.env._("Read the reply and answer the customer."),
                user_id=responsible.id or self.env.uid,
            )
