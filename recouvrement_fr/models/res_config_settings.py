# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    recovery_user_id = fields.Many2one(
        related="company_id.recovery_user_id", readonly=False
    )
    recovery_penalty_rate = fields.Float(
        related="company_id.recovery_penalty_rate", readonly=False
    )
    recovery_claim_indemnity = fields.Boolean(
        related="company_id.recovery_claim_indemnity", readonly=False
    )
    recovery_bill_penalties_at_notice = fields.Boolean(
        related="company_id.recovery_bill_penalties_at_notice", readonly=False
    )
    recovery_penalty_account_id = fields.Many2one(
        related="company_id.recovery_penalty_account_id", readonly=False
    )
