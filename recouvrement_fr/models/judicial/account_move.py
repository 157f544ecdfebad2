# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def action_recovery_draft_act(self):
        """The selected invoices' act (list action): one customer at a time."""
        partner = self.commercial_partner_id
        if len(partner) != 1:
            raise UserError(_("Select the invoices of one customer."))
        return self.env["recovery.act.wizard"]._open(partner, self)
