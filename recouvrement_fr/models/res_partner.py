# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..core import claim_declaration_deadline
from .recovery_ageing import DSO_HELP

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
    # Ageing balance (recovery.ageing) of the customer, current company, today.
    recovery_open_amount = fields.Monetary(
        string="Open balance",
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Open invoices minus credit notes and unapplied payments, in company "
        "currency.",
    )
    recovery_overdue_amount = fields.Monetary(
        string="Overdue amount",
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    recovery_overdue_count = fields.Integer(
        string="Overdue invoices",
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    recovery_dso = fields.Float(
        string="DSO (days)",
        digits=(16, 1),
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
        help=DSO_HELP,
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

    @api.depends_context("company", "recovery_ageing_date")
    def _compute_recovery_ageing(self):
        ageing = self.env["recovery.ageing"]
        at_date = ageing._recovery_ageing_date()
        customers = self.commercial_partner_id._origin
        company = self.env.company
        totals = ageing._recovery_totals(
            ["partner_id"],
            [
                ("line_partner_id", "child_of", customers.ids),
                ("company_id", "=", company.id),
            ],
            at_date,
        )
        sales = ageing._recovery_sales(
            "commercial_partner_id",
            [
                ("commercial_partner_id", "in", customers.ids),
                ("company_id", "=", company.id),
            ],
            at_date,
        )
        for partner in self:
            customer = partner.commercial_partner_id._origin
            total = totals.get(customer, {})
            open_amount = total.get("amount_residual", 0.0)
            partner.recovery_open_amount = open_amount
            partner.recovery_overdue_amount = total.get("amount_overdue", 0.0)
            partner.recovery_overdue_count = total.get("overdue_count", 0)
            partner.recovery_dso = ageing._recovery_dso(
                open_amount, sales.get(customer, 0.0)
            )

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

    def action_view_recovery_ageing(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_ageing_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.commercial_partner_id.id),
            ("company_id", "=", self.env.company.id),
        ]
        action["context"] = {}
        return action

    def _recovery_open_invoices(self):
        """Posted customer invoices of this customer still due, current company."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
            ]
        )

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

    # ------------------------------------------------------------
    # CUSTOMER ACCOUNT SCREEN (Compte client) AND RESPONSIBLE
    # ------------------------------------------------------------

    recovery_user_id = fields.Many2one(
        "res.users",
        string="Recovery responsible",
        tracking=True,
        help="Who follows this customer's payments; empty: the company's "
        "recovery responsible.",
    )

    def _recovery_responsible(self):
        """The customer's recovery responsible, else the current company's."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return commercial.recovery_user_id or self.env.company.recovery_user_id

    def action_recovery_account(self):
        """Open the customer account screen (Compte client) of this customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "recouvrement_fr.customer_account",
            "name": self.env._(
                "Customer account - %(customer)s",
                customer=self.commercial_partner_id.display_name,
            ),
            "params": {"partner_id": self.commercial_partner_id.id},
            "context": {"active_id": self.commercial_partner_id.id},
        }

    def action_recovery_schedule_call(self):
        """Plan a call to this customer today for its recovery responsible."""
        self.ensure_one()
        customer = self.commercial_partner_id
        user = customer._recovery_responsible() or self.env.user
        customer.check_access("read")
        # Accountants may not edit contacts: the activity is planned with sudo,
        # for the responsible (in his language), on a customer the user reads.
        customer = customer.sudo().with_context(lang=user.lang or self.env.lang)
        customer.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.context_today(self),
            summary=customer.env._(
                "Call %(customer)s about its overdue invoices",
                customer=customer.display_name,
            ),
            user_id=user.id,
        )
        return False

    def action_recovery_email(self):
        """Write to the customer's recovery contact from its chatter."""
        self.ensure_one()
        customer = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": customer.ids,
                "default_composition_mode": "comment",
                "default_partner_ids": customer._recovery_recipient().ids,
            },
        }

    def action_recovery_letter(self):
        """Take the next recovery step of the overdue invoices now (preview)."""
        self.ensure_one()
        moves = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "in", self.env.companies.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", fields.Date.context_today(self)),
            ]
        )
        if not moves:
            raise UserError(self.env._("This customer has no overdue invoice."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_escalate_wizard_action"
        )
        action["context"] = {"active_model": "account.move", "active_ids": moves.ids}
        return action

    def action_recovery_block(self):
        """Block or unblock the recovery of this customer, with the reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Block the recovery"),
            "res_model": "recovery.block.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
