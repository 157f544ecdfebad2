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
