# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RecoveryPlan(models.Model):
    """The customer's side of a plan: the request it answers is granted."""

    _inherit = "recovery.plan"

    # EXTENDS recouvrement_fr
    def action_activate(self):
        """A plan started grants the customer's request for it: the request's
        to-do is done and it leaves Ma journée."""
        result = super().action_activate()
        self.env["recovery.request"]._recovery_plan_granted(self)
        return result
