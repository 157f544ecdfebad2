# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models

from ...core import claim_declaration_deadline, merchant_status
from ...core.merchant import NAME_SUFFIX, REASON_CONFLICTING_NAME, REASON_UNKNOWN
from ...core.vocabulary import INSOLVENCY_PROCEDURES, LEGAL_FORMS

UNKNOWN_REASONS = (REASON_UNKNOWN, REASON_CONFLICTING_NAME)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # French law (see core/): who the debtor is decides what may be claimed.
    recovery_debtor_type = fields.Selection(
        [
            ("auto", "Automatic"),
            ("b2b", "Business"),
            ("b2c", "Consumer"),
            ("public", "Public buyer"),
        ],
        string="Debtor type",
        default="auto",
        required=True,
        help="Automatic: a business when the contact is a company or has a SIRET "
        "or VAT number, else a consumer. Consumers owe no late-payment "
        "penalty nor 40 EUR indemnity. Public buyer (State, local authority, "
        "public hospital): moratory interest at the ECB rate + 8 points "
        "(Code de la commande publique R2192-31) and 40 EUR (D2192-35).",
    )
    recovery_is_b2b = fields.Boolean(
        string="Business debtor",
        compute="_compute_recovery_is_b2b",
        help="A business or a public buyer: not a consumer.",
    )
    recovery_is_public = fields.Boolean(
        string="Public buyer", compute="_compute_recovery_is_b2b"
    )
    recovery_public_health = fields.Boolean(
        string="Public health establishment",
        help="Payment term of 50 days instead of 30 (Code de la commande "
        "publique R2192-11).",
    )
    recovery_legal_form = fields.Selection(
        LEGAL_FORMS,
        string="Legal form",
        help="Decides whether the customer is a merchant: commercial companies "
        "are by their form (Code de commerce L210-1).",
    )
    recovery_naf_code = fields.Char(
        string="Activity code (NAF/APE)",
        help="For a sole trader: farming and liberal professions are civil activities.",
    )
    recovery_is_merchant = fields.Boolean(
        string="Merchant (commerçant)",
        compute="_compute_recovery_is_merchant",
        store=True,
        readonly=False,
        help="A merchant or commercial company: disputes between merchants go "
        "to the tribunal de commerce. Derived from the legal form and the "
        "activity code; tick or untick to override.",
    )
    recovery_merchant_reason = fields.Char(
        string="Why (merchant)", compute="_compute_recovery_merchant_reason"
    )
    recovery_merchant_unknown = fields.Boolean(
        string="Merchant status unknown",
        compute="_compute_recovery_merchant_reason",
        help="Neither the legal form nor the activity code tells whether the "
        "customer is a merchant: both courts are possible.",
    )
    recovery_mediation_start = fields.Date(
        string="Mediation started on",
        tracking=True,
        help="Mediation or conciliation with this customer: it suspends the "
        "prescription of its invoices from its start to its end (Code civil "
        "2238).",
    )
    recovery_mediation_end = fields.Date(string="Mediation ended on", tracking=True)
    recovery_penalty_rate = fields.Float(
        string="Contractual penalty rate (%)",
        digits=(6, 3),
        help="Late-payment penalty rate agreed with this customer; empty: the "
        "company's rate, or the legal rate (ECB + 10 points).",
    )
    recovery_insolvency = fields.Selection(
        INSOLVENCY_PROCEDURES,
        string="Insolvency procedure",
        tracking=True,
        help="Under a procédure collective, recovery actions stop and the claim "
        "must be declared to the mandataire judiciaire.",
    )
    recovery_insolvency_date = fields.Date(string="Judgment date")
    recovery_bodacc_date = fields.Date(string="BODACC publication")
    recovery_claim_deadline = fields.Date(
        string="Claim declaration deadline",
        compute="_compute_recovery_claim_deadline",
        help="2 months after the BODACC publication "
        "(Code de commerce L622-24, R622-24).",
    )

    @api.depends(
        "is_company",
        "commercial_partner_id.is_company",
        "vat",
        "siret",
        "recovery_debtor_type",
    )
    def _compute_recovery_is_b2b(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            kind = commercial.recovery_debtor_type
            partner.recovery_is_public = kind == "public"
            if kind != "auto":
                partner.recovery_is_b2b = kind in ("b2b", "public")
            else:
                partner.recovery_is_b2b = bool(
                    commercial.is_company or commercial.vat or commercial.siret
                )

    def _recovery_merchant_status(self):
        """``(is_merchant, reason code)`` from the record (core/merchant)."""
        self.ensure_one()
        form = "public" if self.recovery_is_public else self.recovery_legal_form
        return merchant_status(
            self.recovery_is_b2b,
            form,
            self.recovery_naf_code,
            name=self.commercial_partner_id.name or self.name,
        )

    @api.depends(
        "name",
        "commercial_partner_id.name",
        "is_company",
        "vat",
        "siret",
        "recovery_debtor_type",
        "recovery_legal_form",
        "recovery_naf_code",
    )
    def _compute_recovery_is_merchant(self):
        for partner in self:
            partner.recovery_is_merchant = partner._recovery_merchant_status()[0]

    @api.depends(
        "name",
        "recovery_is_merchant",
        "recovery_legal_form",
        "recovery_naf_code",
    )
    def _compute_recovery_merchant_reason(self):
        texts = self._recovery_merchant_reason_texts()
        for partner in self:
            derived, reason = partner._recovery_merchant_status()
            partner.recovery_merchant_unknown = reason in UNKNOWN_REASONS
            text = texts.get(reason.removesuffix(NAME_SUFFIX), reason)
            if reason.endswith(NAME_SUFFIX):
                text = _("Legal form read in the name: %(reason)s", reason=text)
            if partner.recovery_is_merchant != derived:
                text = _(
                    "Set by hand (the record suggests otherwise: %(reason)s)",
                    reason=text,
                )
            partner.recovery_merchant_reason = text

    @api.model
    def _recovery_merchant_reason_texts(self):
        """The text of each reason code of core/merchant.py."""
        return {
            "commercial_form": _(
                "Commercial company by its form (Code de commerce L210-1)."
            ),
            "liberal_profession": _("Liberal profession: not a merchant."),
            "civil_company": _("Civil company: not a merchant."),
            "association": _("Association: not a merchant."),
            "public_body": _("Public body: not a merchant (tribunal administratif)."),
            "civil_activity_code": _(
                "Its activity code is a civil activity (farming, liberal profession)."
            ),
            "commercial_activity_code": _("Its activity code is a commercial one."),
            "consumer": _("A consumer is not a merchant."),
            "form_unknown": self._recovery_merchant_unknown_text(),
            "conflicting_forms_in_name": _(
                "The name carries several legal forms that contradict each other. "
            )
            + self._recovery_merchant_unknown_text(),
        }

    @api.model
    def _recovery_merchant_unknown_text(self):
        """Unknown status: both candidate courts and the rule between them."""
        return _(
            "Merchant status unknown: neither a legal form (on the record or in "
            "the name) nor an activity code is known. Treated as a non-merchant "
            "until you set them. If the customer is a merchant or a commercial "
            "company, the tribunal de commerce hears the dispute; otherwise the "
            "tribunal judiciaire (Code de commerce L721-3)."
        )

    @api.depends("recovery_bodacc_date")
    def _compute_recovery_claim_deadline(self):
        for partner in self:
            bodacc = partner.recovery_bodacc_date
            partner.recovery_claim_deadline = bodacc and claim_declaration_deadline(
                bodacc
            )
