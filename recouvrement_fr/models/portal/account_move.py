# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # PAUSE UNTIL A DATE, PROMISES, CUSTOMER REQUESTS
    # ------------------------------------------------------------

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

    def _recovery_is_paused(self, today):
        """True while the invoice or its customer is paused (``today`` included).

        The Python twin of the ladder's SQL conditions on ``recovery_block_until``.
        """
        self.ensure_one()
        return any(
            until and until >= today
            for until in (
                self.recovery_block_until,
                self.commercial_partner_id.recovery_block_until,
            )
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
        """Lift the pauses whose date is over (see ``recovery.pause``)."""
        return self.env["recovery.pause"]._cron_lift(batch_size)

    # ------------------------------------------------------------
    # DISPUTES RESOLVED IN PLACE (Ma journée, Compte client)
    # ------------------------------------------------------------

    def _recovery_open_disputes(self):
        """The customers' dispute requests on these invoices still to handle."""
        return self.recovery_request_ids.filtered(
            lambda r: r.kind == "dispute" and r.state == "new"
        )

    def action_recovery_resolve_dispute(self):
        """The dispute is settled in our favour: the invoices go back on the
        ladder where they were, and the request is closed."""
        disputed = self.filtered(lambda m: m.recovery_stage == "dispute")
        requests = disputed._recovery_open_disputes()
        requests.action_unblock()
        requests.activity_ids.action_feedback(feedback=self.env._("Dispute resolved."))
        for move in disputed.filtered(lambda m: m.recovery_stage == "dispute"):
            move.write(
                {
                    "recovery_stage": move.recovery_level_id.stage or "none",
                    "recovery_blocked": False,
                    "recovery_block_reason": False,
                }
            )
        for move in disputed:
            move.message_post(
                body=self.env._(
                    "Dispute resolved by %(user)s: the invoice goes back on the "
                    "recovery ladder.",
                    user=self.env.user.name,
                )
            )
        return True

    def action_recovery_dispute_credit_note(self):
        """The customer is right: credit the invoice (Odoo's reversal wizard);
        the request is accepted."""
        self.ensure_one()
        requests = self._recovery_open_disputes()
        if requests:
            requests.activity_ids.action_feedback(
                feedback=self.env._("Credit note issued.")
            )
            return requests[:1].action_credit_note()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move.reversal",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "account.move", "active_ids": self.ids},
        }
