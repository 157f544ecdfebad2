# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    recovery_court_city = fields.Char(
        string="Court city (debtor's seat)",
        help="City of the court competent for this customer's seat (Code de "
        "procédure civile 1406), as confirmed when drafting an act.",
    )
    recovery_act_ids = fields.One2many(
        "recovery.act", "partner_id", string="Judicial acts"
    )
    recovery_act_count = fields.Integer(compute="_compute_recovery_act_count")

    def _compute_recovery_act_count(self):
        counts = dict(
            self.env["recovery.act"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.recovery_act_count = counts.get(partner, 0)

    def action_recovery_draft_act(self):
        """The wizard drafting the act the procedure advice offers for this
        customer's unpaid invoices."""
        self.ensure_one()
        return self.env["recovery.act.wizard"]._open(self.commercial_partner_id)

    def action_recovery_acts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Judicial acts"),
            "res_model": "recovery.act",
            "view_mode": "list,form",
            "views": [[False, "list"], [False, "form"]],
            "domain": [("partner_id", "=", self.commercial_partner_id.id)],
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
