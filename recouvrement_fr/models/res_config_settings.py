# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    recovery_user_id = fields.Many2one(
        related="company_id.recovery_user_id", readonly=False
    )
