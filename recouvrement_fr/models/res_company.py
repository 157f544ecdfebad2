# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# XML ids of the default ladder shipped in data/recovery_level_data.xml.
DEFAULT_LADDER = (
    "recovery_level_pre_reminder",
    "recovery_level_friendly_email",
    "recovery_level_phone_call",
    "recovery_level_formal_letter",
    "recovery_level_mise_en_demeure",
    "recovery_level_contentieux",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    recovery_user_id = fields.Many2one(
        "res.users",
        string="Recovery responsible",
        help="Receives the phone calls and files to prepare; signs the letters.",
    )

    recovery_penalty_rate = fields.Float(
        string="Contractual penalty rate (%)",
        digits=(6, 3),
        help="Late-payment penalty rate of your general terms of sale; empty: "
        "the legal rate, ECB main refinancing rate + 10 points. A contractual "
        "rate cannot be lower than 3 times the legal interest rate.",
    )
    recovery_claim_indemnity = fields.Boolean(
        string="Claim the 40 EUR indemnity",
        default=True,
        help="Fixed recovery indemnity of 40 EUR per invoice paid late by a business.",
    )
    recovery_bill_penalties_at_notice = fields.Boolean(
        string="Bill penalties with the formal notice",
        help="When a formal notice is sent, invoice the penalties and indemnities due.",
    )
    recovery_penalty_account_id = fields.Many2one(
        "account.account",
        string="Penalty income account",
        check_company=True,
        help="Income account of penalty invoices; default: the sales journal's.",
    )
    recovery_is_merchant = fields.Boolean(
        string="Merchant company",
        default=True,
        help="A commercial company: claims against other merchants go to the "
        "tribunal de commerce.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._recovery_ensure_ladder()
        return companies

    def _recovery_ensure_ladder(self):
        """Copy the default ladder to the companies that have none."""
        # sudo: the ladder is set up by the system, whoever creates the company.
        Level = self.env["recovery.level"].sudo().with_context(active_test=False)
        templates = Level.browse(
            level.id
            for xmlid in DEFAULT_LADDER
            if (
                level := self.env.ref(
                    f"recouvrement_fr.{xmlid}", raise_if_not_found=False
                )
            )
        )
        if not templates:
            return
        counts = dict(
            Level._read_group(
                [("company_id", "in", self.ids)], ["company_id"], ["__count"]
            )
        )
        for company in self.filtered(lambda c: not counts.get(c)):
            for level in templates:
                level.copy({"company_id": company.id})
