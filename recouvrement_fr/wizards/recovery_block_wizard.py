# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date


class RecoveryBlockWizard(models.TransientModel):
    """Block or unblock the recovery of a customer from the account screen.

    Accountants may not edit contacts; they may decide that the recovery of a
    customer waits: only the recovery fields are written, with sudo.
    """

    _name = "recovery.block.wizard"
    _description = "Block the recovery of a customer"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    blocked = fields.Boolean(string="Recovery blocked")
    reason = fields.Char(string="Blocking reason")
    note = fields.Text(string="Recovery note")

    # EXTENDS base
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        partner = self.env["res.partner"].browse(
            values.get("partner_id") or self.env.context.get("active_id")
        )
        if partner:
            partner = partner.commercial_partner_id
            values.update(
                partner_id=partner.id,
                blocked=not partner.recovery_blocked,
                reason=partner.recovery_block_reason,
                note=partner.recovery_note,
            )
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants may block a recovery."))
        self.partner_id.check_access("read")
        changed = self.blocked != self.partner_id.recovery_blocked
        self.partner_id.sudo().write(
            {
                "recovery_blocked": self.blocked,
                "recovery_block_reason": self.reason if self.blocked else False,
                "recovery_note": self.note,
            }
        )
        if changed:
            self._log_block()
        return {"type": "ir.actions.act_window_close"}

    def _log_block(self):
        """The block or unblock in the customer's chatter (its timeline), by
        whom, when and why; sudo as the write above, authored by the user."""
        today = format_date(self.env, fields.Date.context_today(self))
        if self.blocked:
            body = self.env._(
                "Recovery blocked on %(date)s by %(user)s: %(reason)s",
                date=today,
                user=self.env.user.name,
                reason=self.reason or "-",
            )
        else:
            body = self.env._(
                "Recovery unblocked on %(date)s by %(user)s.",
                date=today,
                user=self.env.user.name,
            )
        self.partner_id.sudo().message_post(
            body=body,
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
