# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..core import claim_declaration_deadline

INSOLVENCY_PROCEDURES = [
    ("sauvegarde", "Safeguard (sauvegarde)"),
    ("redressement", "Receivership (redressement judiciaire)"),
    ("liquidation", "Liquidation (liquidation judiciaire)"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    recovery_blocked = fields.Boolean(
        string="Recovery blocked",
        tracking=True,
        help="No recovery step is taken for any invoice of this customer.",
    )
    recovery_block_reason = fields.Char(string="Blocking reason")
    recovery_contact_id = fields.Many2one(
        "res.partner",
        string="Recovery contact",
        domain="[('id', 'child_of', commercial_partner_id)]",
        help="Person who receives the reminders; by default the invoicing address.",
    )
    recovery_note = fields.Text(string="Recovery note")
    recovery_event_count = fields.Integer(compute="_compute_recovery_event_count")
    # French law (see core/): who the debtor is decides what may be claimed.
    recovery_debtor_type = fields.Selection(
        [("auto", "Automatic"), ("b2b", "Business"), ("b2c", "Consumer")],
        string="Debtor type",
        default="auto",
        required=True,
        help="Automatic: a business when the contact is a company or has a SIRET "
        "or VAT number, else a consumer. Consumers owe no late-payment "
        "penalty nor 40 EUR indemnity.",
    )
    recovery_is_b2b = fields.Boolean(
        string="Business debtor", compute="_compute_recovery_is_b2b"
    )
    recovery_is_merchant = fields.Boolean(
        string="Merchant (commerçant)",
        compute="_compute_recovery_is_merchant",
        store=True,
        readonly=False,
        help="A merchant or commercial company: disputes between merchants go "
        "to the tribunal de commerce.",
    )
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
            if commercial.recovery_debtor_type != "auto":
                partner.recovery_is_b2b = commercial.recovery_debtor_type == "b2b"
            else:
                partner.recovery_is_b2b = bool(
                    commercial.is_company or commercial.vat or commercial.siret
                )

    @api.depends("is_company")
    def _compute_recovery_is_merchant(self):
        for partner in self:
            partner.recovery_is_merchant = partner.is_company

    @api.depends("recovery_bodacc_date")
    def _compute_recovery_claim_deadline(self):
        for partner in self:
            bodacc = partner.recovery_bodacc_date
            partner.recovery_claim_deadline = bodacc and claim_declaration_deadline(
                bodacc
            )

    @api.depends("commercial_partner_id")
    def _compute_recovery_event_count(self):
        counts = dict(
            self.env["recovery.event"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.recovery_event_count = counts.get(partner.commercial_partner_id, 0)

    def _recovery_recipient(self):
        """Contact who receives the reminders of this customer."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if commercial.recovery_contact_id:
            return commercial.recovery_contact_id
        return self.browse(commercial.address_get(["invoice"])["invoice"])

    def action_view_recovery_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"create": False}
        return action
