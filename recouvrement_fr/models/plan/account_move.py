# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # PAYMENT PLANS
    # ------------------------------------------------------------

    recovery_plan_ids = fields.Many2many(
        "recovery.plan",
        relation="recovery_plan_account_move_rel",
        column1="move_id",
        column2="plan_id",
        string="Payment plans",
        copy=False,
        readonly=True,
    )
    recovery_plan_count = fields.Integer(compute="_compute_recovery_plan_count")

    @api.depends("recovery_plan_ids")
    def _compute_recovery_plan_count(self):
        for move in self:
            move.recovery_plan_count = len(move.recovery_plan_ids)

    def action_view_recovery_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_plan_action"
        )
        action["domain"] = [("id", "in", self.recovery_plan_ids.ids)]
        action["context"] = {"create": False}
        if len(self.recovery_plan_ids) == 1:
            action.update(
                view_mode="form",
                res_id=self.recovery_plan_ids.id,
                views=[(False, "form")],
            )
        return action
