# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.tools import format_date


class AccountMove(models.Model):
    """Block an invoice's recovery until a date (promise, pause, manual)."""

    _inherit = "account.move"

    recovery_block_until = fields.Date(
        string="Recovery paused until",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The recovery ladder skips this invoice up to this date included; "
        "the block lifts itself the next day.",
    )
    recovery_block_until_reason = fields.Char(
        string="Pause reason", copy=False, tracking=True
    )
    recovery_partner_block_until = fields.Date(
        related="commercial_partner_id.recovery_block_until",
        string="Customer paused until",
    )
    recovery_partner_block_until_reason = fields.Char(
        related="commercial_partner_id.recovery_block_until_reason",
        string="Customer pause reason",
    )
    recovery_promise_ids = fields.Many2many(
        "recovery.promise",
        relation="recovery_promise_account_move_rel",
        column1="move_id",
        column2="promise_id",
        string="Promises to pay",
        copy=False,
        readonly=True,
    )
    recovery_request_ids = fields.One2many(
        "recovery.request", "move_id", string="Customer requests", readonly=True
    )

    def _recovery_set_block(self, until, reason):
        """Pause (``until`` a date) or resume (``until`` False) these invoices."""
        if self:
            self.sudo().write(
                {
                    "recovery_block_until": until or False,
                    "recovery_block_until_reason": reason or False,
                }
            )

    @api.model
    def _cron_recovery_lift_blocks(self, batch_size=500):
        """Lift the pauses whose date is over, invoices then customers; logged.

        Bounded: ``batch_size`` records a call, the cron is called again while
        some remain (``ir.cron._notify_progress``). Safe to run twice.
        """
        today = fields.Date.context_today(self)
        domain = [("recovery_block_until", "<", today)]
        done = 0
        remaining = 0
        for model in (self.sudo(), self.env["res.partner"].sudo()):
            records = model.with_context(active_test=False).search(
                domain, limit=max(batch_size - done, 0) or 1
            )
            if done >= batch_size:
                records = model.browse()
            remaining += model.with_context(active_test=False).search_count(
                domain
            ) - len(records)
            for lang, group in records.grouped(
                lambda r: (r.company_id or r.env.company).partner_id.lang or r.env.lang
            ).items():
                group.with_context(lang=lang)._recovery_lift_block()
            done += len(records)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    def _recovery_lift_block(self):
        for move in self:
            move.message_post(
                body=_(
                    "Recovery pause until %(date)s lifted (%(reason)s): the "
                    "recovery ladder resumes.",
                    date=format_date(self.env, move.recovery_block_until),
                    reason=move.recovery_block_until_reason or _("no reason"),
                )
            )
        self._recovery_set_block(False, False)
