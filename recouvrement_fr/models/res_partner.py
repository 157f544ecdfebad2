# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..core import claim_declaration_deadline, merchant_status
from .account_move import RECOVERY_STAGES
from .recovery_ageing import DSO_HELP

# Legal forms that decide whether the customer is a merchant (core/merchant).
LEGAL_FORMS = [
    ("sa", "SA"),
    ("sas", "SAS / SASU"),
    ("sarl", "SARL / EURL"),
    ("snc", "SNC"),
    ("sca", "SCA / SCS"),
    ("ei", "Sole trader (EI, micro-entreprise)"),
    ("selarl", "Liberal profession company (SEL, SCP)"),
    ("sci", "Civil company (SCI, SCM, GAEC...)"),
    ("association", "Association, foundation, union"),
    ("public", "Public body"),
]

INSOLVENCY_PROCEDURES = [
    ("sauvegarde", "Safeguard (sauvegarde)"),
    ("redressement", "Receivership (redressement judiciaire)"),
    ("liquidation", "Liquidation (liquidation judiciaire)"),
]
# The stages a user may give a customer by hand (rule 8 of core/ladder.py).
MANUAL_STAGES = [
    ("payment_plan", "Payment plan"),
    ("contentieux", "Litigation"),
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
    recovery_bounced_email = fields.Char(
        string="Bounced e-mail",
        compute="_compute_recovery_bounced_email",
        help="Address of this customer's reminders that a mail server returned "
        "(bounce): correct it, then retry the failed communications.",
    )
    recovery_email_failure = fields.Text(
        string="Last e-mail failure",
        compute="_compute_recovery_bounced_email",
        help="Why the last failed reminder e-mail was not delivered.",
    )
    recovery_event_count = fields.Integer(compute="_compute_recovery_event_count")
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
        return merchant_status(self.recovery_is_b2b, form, self.recovery_naf_code)

    @api.depends(
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

    @api.depends("recovery_is_merchant", "recovery_legal_form", "recovery_naf_code")
    def _compute_recovery_merchant_reason(self):
        texts = {
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
            "form_unknown": _(
                "Presumed a merchant: no legal form nor activity code is known; "
                "set them to be sure."
            ),
        }
        for partner in self:
            derived, reason = partner._recovery_merchant_status()
            text = texts[reason]
            if partner.recovery_is_merchant != derived:
                text = _(
                    "Set by hand (the record suggests otherwise: %(reason)s)",
                    reason=text,
                )
            partner.recovery_merchant_reason = text

    @api.depends("recovery_bodacc_date")
    def _compute_recovery_claim_deadline(self):
        for partner in self:
            bodacc = partner.recovery_bodacc_date
            partner.recovery_claim_deadline = bodacc and claim_declaration_deadline(
                bodacc
            )

    @api.depends("commercial_partner_id", "recovery_contact_id")
    def _compute_recovery_bounced_email(self):
        """The reminders' address if it bounced, and the last e-mail failure."""
        last_failed = dict(
            self.env["recovery.event"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id._origin.ids),
                    ("channel", "=", "email"),
                    ("state", "=", "failed"),
                ],
                ["partner_id"],
                ["id:max"],
            )
        )
        errors = dict(
            self.env["recovery.event"]
            .browse(last_failed.values())
            .mapped(lambda e: (e.partner_id, e.error))
        )
        for partner in self:
            customer = partner.commercial_partner_id._origin
            recipient = customer and customer._recovery_recipient()
            partner.recovery_bounced_email = (
                recipient and recipient.message_bounce and recipient.email
            ) or False
            partner.recovery_email_failure = errors.get(customer, False)

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

    def _recovery_place_and_date(self, day):
        """ "Lyon, le 30 novembre 2026": where and when a letter is written,
        in the reader's language (the context's)."""
        self.ensure_one()
        long_date = format_date(self.env, day, date_format="d MMMM y")
        if not self.city:
            return long_date
        return _("%(city)s, %(date)s", city=self.city, date=long_date)

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
    # PAUSE UNTIL A DATE AND RECOVERY PORTAL LINK
    # ------------------------------------------------------------

    recovery_block_until = fields.Date(
        string="Recovery paused until",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The recovery ladder skips every invoice of this customer up to "
        "this date included; the pause lifts itself the next day.",
    )
    recovery_block_until_reason = fields.Char(
        string="Pause reason", copy=False, tracking=True
    )
    recovery_access_token = fields.Char(
        copy=False,
        groups="base.group_system",
        help="Secret of this customer's recovery portal links; renewing it "
        "invalidates every link already sent.",
    )

    # ------------------------------------------------------------
    # PAUSE (recovery.pause)
    # ------------------------------------------------------------

    def _recovery_set_block(self, until, reason):
        """Pause (``until`` a date) or resume (``until`` False) these customers."""
        customers = self.commercial_partner_id
        if customers:
            customers.sudo().write(
                {
                    "recovery_block_until": until or False,
                    "recovery_block_until_reason": reason or False,
                }
            )

    # ------------------------------------------------------------
    # RECOVERY PORTAL LINK (recovery.portal.link)
    # ------------------------------------------------------------

    def _recovery_portal_url(self, company=None):
        """Absolute link to this customer's recovery page, without an account."""
        return self.env["recovery.portal.link"]._url(self, company)

    def action_recovery_renew_portal_token(self):
        """Invalidate the links already sent; new letters carry a new link."""
        return self.env["recovery.portal.link"]._renew(self)

    def action_recovery_promise(self):
        """Record a promise to pay heard on the phone, on the overdue invoices."""
        self.ensure_one()
        customer = self.commercial_partner_id
        today = fields.Date.context_today(self)
        overdue = customer._recovery_open_invoices().filtered(
            lambda m: m.invoice_date_due and m.invoice_date_due < today
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Promise to pay"),
            "res_model": "recovery.promise",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": customer.id,
                "default_move_ids": [Command.set(overdue.ids)],
                "default_source": "phone",
            },
        }

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

    # ------------------------------------------------------------
    # THE CUSTOMER'S OWN STAGE (rule 8 of core/ladder.py)
    # ------------------------------------------------------------

    recovery_stage_manual = fields.Selection(
        MANUAL_STAGES,
        string="Stage set by hand",
        company_dependent=True,
        tracking=True,
        help="Puts the whole customer in this stage in the current company, e.g. "
        "a lawyer already instructed: its invoices stop climbing the reminder "
        "ladder and new overdue ones join this stage.",
    )
    recovery_customer_stage = fields.Selection(
        RECOVERY_STAGES,
        string="Customer recovery stage",
        compute="_compute_recovery_customer_stage",
        help="The most advanced stage of the customer's open invoices, or the "
        "stage set by hand, or the claim to declare under insolvency "
        "proceedings. In a payment plan, litigation or a claim to declare, "
        "its new overdue invoices join that stage instead of starting the "
        "reminders.",
    )

    @api.depends_context("company")
    @api.depends("recovery_stage_manual", "recovery_insolvency")
    def _compute_recovery_customer_stage(self):
        stages = self.env["recovery.customer.stage"]._stages(
            self.commercial_partner_id, self.env.company
        )
        for partner in self:
            partner.recovery_customer_stage = stages.get(
                (partner.commercial_partner_id.id, self.env.company.id), "none"
            )

    # EXTENDS base
    def write(self, vals):
        opened = (
            self.filtered(lambda p: not p.recovery_insolvency)
            if vals.get("recovery_insolvency")
            else self.browse()
        )
        result = super().write(vals)
        insolvent = self.filtered("recovery_insolvency")
        if opened:
            self.env["recovery.customer.stage"]._open_insolvency(opened)
        elif insolvent and {"recovery_bodacc_date", "recovery_insolvency_date"} & set(
            vals
        ):
            self.env["recovery.customer.stage"]._plan_declarations(insolvent)
        return result
