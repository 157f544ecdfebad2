# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    recovery_promise_grace_days = fields.Integer(
        related="company_id.recovery_promise_grace_days", readonly=False
    )
    recovery_promise_max_days = fields.Integer(
        related="company_id.recovery_promise_max_days", readonly=False
    )
    recovery_reply_pause_days = fields.Integer(
        related="company_id.recovery_reply_pause_days", readonly=False
    )
    recovery_portal_plan_max = fields.Integer(
        related="company_id.recovery_portal_plan_max", readonly=False
    )
