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
    recovery_signatory_name = fields.Char(
        related="company_id.recovery_signatory_name", readonly=False
    )
    recovery_signatory_function = fields.Char(
        related="company_id.recovery_signatory_function", readonly=False
    )
    recovery_signature = fields.Image(
        related="company_id.recovery_signature", readonly=False
    )
    recovery_notice_delay = fields.Integer(
        related="company_id.recovery_notice_delay", readonly=False
    )
    recovery_plan_grace_days = fields.Integer(
        related="company_id.recovery_plan_grace_days", readonly=False
    )
    recovery_plan_resume_level_id = fields.Many2one(
        related="company_id.recovery_plan_resume_level_id", readonly=False
    )

    recovery_held_invoices = fields.Selection(
        related="company_id.recovery_held_invoices", readonly=False
    )

    # ------------------------------------------------------------
    # CUSTOMER ANSWERS
    # ------------------------------------------------------------

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

    # ------------------------------------------------------------
    # FRANCE'S PUBLIC SERVICES
    # ------------------------------------------------------------

    recovery_sirene_enabled = fields.Boolean(
        related="company_id.recovery_sirene_enabled", readonly=False
    )
    recovery_sirene_on_create = fields.Boolean(
        related="company_id.recovery_sirene_on_create", readonly=False
    )
    recovery_bodacc_enabled = fields.Boolean(
        related="company_id.recovery_bodacc_enabled", readonly=False
    )
