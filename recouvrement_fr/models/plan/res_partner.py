# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # PAYMENT PLANS
    # ------------------------------------------------------------

    recovery_plan_count = fields.Integer(compute="_compute_recovery_plan_count")

    @api.depends("commercial_partner_id")
    def _compute_recovery_plan_count(self):
        counts = dict(
            self.env["recovery.plan"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.recovery_plan_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_recovery_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_plan_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"create": False}
        return action

    def action_recovery_plan_wizard(self):
        """Agree a payment plan on this customer's open invoices."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_plan_wizard_action"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_id": self.id,
            "active_ids": self.ids,
        }
        return action
