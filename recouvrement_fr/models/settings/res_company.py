# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ...core.identity import CompanyFacts, identity_mentions
from ...core.typography import french_phone, grouped_iban

# XML ids of the default ladder shipped in data/recovery_level_data.xml.
DEFAULT_LADDER = (
    "recovery_level_pre_reminder",
    "recovery_level_friendly_email",
    "recovery_level_phone_call",
    "recovery_level_formal_letter",
    "recovery_level_mise_en_demeure",
    "recovery_level_contentieux",
)


# Mentions printed together: "Durand SARL with a share capital of 10,000 €".
IDENTITY_HEAD = ("name", "legal_form", "share_capital", "in_liquidation")


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

    recovery_signatory_name = fields.Char(
        string="Signatory",
        help="Person who signs the formal notices, e.g. the manager.",
    )
    recovery_signatory_function = fields.Char(string="Signatory's function")
    recovery_signature = fields.Image(
        string="Signature", max_width=600, max_height=300, attachment=True
    )
    recovery_notice_delay = fields.Integer(
        string="Formal notice delay (days)",
        default=8,
        help="Days given to the customer to pay after receiving the formal notice.",
    )
    # The company's identity on its documents (Code de commerce R123-237/238).
    recovery_legal_form = fields.Char(
        string="Legal form (as printed)",
        help="E.g. SARL, SAS: printed with the share capital on every document.",
    )
    recovery_share_capital = fields.Monetary(string="Share capital")
    recovery_rcs_city = fields.Char(
        string="RCS city",
        help="City of the greffe where the company is registered: 'RCS Lyon'.",
    )
    # The consumer mediator (Code de la consommation L612-1, L616-1).
    recovery_mediator_name = fields.Char(
        string="Consumer mediator",
        help="The consumer mediation body the company adheres to, printed on "
        "every formal notice and payment plan to a consumer (Code de la "
        "consommation L612-1, L616-1). A consumer notice is not issued while it "
        "is missing.",
    )
    recovery_mediator_address = fields.Char(string="Mediator's address")
    recovery_mediator_website = fields.Char(string="Mediator's website")

    # Payment plans (recovery.plan).
    recovery_plan_grace_days = fields.Integer(
        string="Payment plan grace days",
        default=5,
        help="Days after the due date of an instalment before it is missed and "
        "the payment plan broken.",
    )
    recovery_plan_resume_level_id = fields.Many2one(
        "recovery.level",
        string="Resume at level",
        check_company=True,
        domain="[('company_id', '=', id), ('stage', '=', 'mise_en_demeure')]",
        help="Level where the invoices of a broken payment plan go back on the "
        "ladder; empty: the first formal notice level.",
    )

    _sql_constraints = [
        (
            "recovery_notice_delay_positive",
            "CHECK(recovery_notice_delay IS NULL OR recovery_notice_delay > 0)",
            "The formal notice delay must be at least one day.",
        ),
        (
            "recovery_promise_days_positive",
            "CHECK(recovery_promise_grace_days >= 0 AND recovery_promise_max_days "
            ">= 1 AND recovery_reply_pause_days >= 0 AND recovery_portal_plan_max "
            ">= 2)",
            "Promise and pause delays cannot be negative, a promise needs at "
            "least one day and a payment plan two instalments.",
        ),
    ]

    # Rule 8 of core/ladder.py: a new overdue invoice of a customer in a
    # payment plan or in litigation.
    recovery_held_invoices = fields.Selection(
        [
            ("join", "Join the customer's stage"),
            ("wait", "Wait for a user"),
        ],
        string="New invoices of customers in a plan or litigation",
        default="join",
        required=True,
        help="Join: a new overdue invoice of a customer under a payment plan or in "
        "litigation goes to that stage at once, and the responsible is asked to "
        "add it to the plan or the dossier. Wait: it stays out of the reminders "
        "until a user decides. Either way, no friendly reminder is sent.",
    )
    recovery_promise_grace_days = fields.Integer(
        string="Promise grace days",
        default=3,
        help="Days after the promised date before an unpaid promise is broken "
        "and the ladder resumes.",
    )
    recovery_promise_max_days = fields.Integer(
        string="Promise at most (days)",
        default=30,
        help="Latest date a customer may promise on the recovery portal, in days "
        "from today.",
    )
    recovery_reply_pause_days = fields.Integer(
        string="Pause after a reply (days)",
        default=7,
        help="Days the ladder of a customer waits after the customer replied to "
        "a reminder e-mail.",
    )
    recovery_portal_plan_max = fields.Integer(
        string="Instalments at most (portal)",
        default=12,
        help="Number of instalments a customer may ask for on the recovery portal.",
    )

    # France's public services (issue #25): each off until enabled here.
    recovery_sirene_enabled = fields.Boolean(
        string="Sirene lookup",
        help="Fill a customer's legal form, activity code, head office and "
        "SIRET from the Sirene register (API Recherche d'entreprises, free, no "
        "key). Sends the customer's SIREN or name.",
    )
    recovery_sirene_on_create = fields.Boolean(
        string="Look up new customers",
        help="Look a company up in the Sirene register when it is created.",
    )
    recovery_bodacc_enabled = fields.Boolean(
        string="BODACC watch",
        help="Every night, check the BODACC collective-proceedings "
        "announcements of the customers owing money with a SIREN; an opening "
        "judgment starts the declaration of the claim. Sends their SIRENs.",
    )

    # EXTENDS base
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

    def _recovery_check_notice_identity(self):
        """Refuse a formal notice that would not hold: signatory and legal identity."""
        for company in self:
            missing = []
            if not company.recovery_signatory_name:
                missing.append(_("the signatory (Settings > Invoicing > Recovery)"))
            if not (company.siret or company.company_registry):
                missing.append(_("the SIRET or registry number"))
            if not (company.street and company.zip and company.city):
                missing.append(_("the full address"))
            if missing:
                raise UserError(
                    _(
                        "A formal notice of %(company)s cannot go out without "
                        "%(missing)s.",
                        company=company.name,
                        missing=", ".join(missing),
                    )
                )

    def _recovery_identity_text(self):
        """The company's legal mentions, as its documents print them: name,
        legal form and capital, RCS city and SIREN, SIRET, VAT number,
        registered office (core/identity.py), in the context's language."""
        self.ensure_one()
        siret = "".join(char for char in (self.siret or "") if char.isdigit())
        town = " ".join(part for part in (self.zip, self.city) if part)
        office = ", ".join(part for part in (self.street, self.street2, town) if part)
        facts = CompanyFacts(
            name=self.name,
            legal_form=self.recovery_legal_form,
            share_capital=self.recovery_share_capital or None,
            rcs_city=self.recovery_rcs_city,
            siren=siret[:9] or self.company_registry,
            siret=siret or None,
            vat=self.vat,
            registered_office=office,
        )
        env = self.env
        words = {
            "share_capital": lambda value: env._(
                "with a share capital of %(amount)s",
                amount=format_amount(self.env, float(value), self.currency_id),
            ),
            "siren": lambda value: env._("SIREN %(number)s", number=value),
            "siret": lambda value: env._("SIRET %(number)s", number=value),
            "vat": lambda value: env._("VAT number %(number)s", number=value),
            "registered_office": lambda value: env._(
                "Registered office: %(address)s", address=value
            ),
            "in_liquidation": lambda _value: env._("in liquidation"),
        }
        head, tail = [], []
        for code, value in identity_mentions(facts).mentions:
            part = head if code in IDENTITY_HEAD else tail
            part.append(words.get(code, str)(value))
        return " – ".join([" ".join(head), *tail])

    def _recovery_phone(self):
        """The company's phone as the reader writes it: "04 78 12 34 56" in a
        French letter (core/typography.py), as entered otherwise."""
        self.ensure_one()
        if (self.env.lang or "").startswith("fr"):
            return french_phone(self.phone) or self.phone
        return self.phone

    def _recovery_mediator_configured(self):
        """The consumer mediator's name, address and website are all set."""
        self.ensure_one()
        return bool(
            self.recovery_mediator_name
            and self.recovery_mediator_address
            and self.recovery_mediator_website
        )

    def _recovery_plan_resume_levels(self):
        """{company id: level} where broken payment plans resume the ladder.

        The configured level, else the first active formal notice level.
        """
        levels = self.env["recovery.level"].search(
            [("company_id", "in", self.ids), ("stage", "=", "mise_en_demeure")],
            order="sequence, id",
        )
        result = {}
        for level in levels:
            result.setdefault(level.company_id.id, level)
        for company in self.filtered("recovery_plan_resume_level_id"):
            result[company.id] = company.recovery_plan_resume_level_id
        return result

    # ------------------------------------------------------------
    # CUSTOMER ANSWERS: PROMISES, REPLIES, PORTAL REQUESTS
    # ------------------------------------------------------------

    def _recovery_transfer_details(self, moves):
        """What a customer needs to pay ``moves`` by bank transfer: the
        company's bank account (its first bank journal's, else its own),
        holder, IBAN, BIC and the reference to quote; {} without account."""
        self.ensure_one()
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("type", "=", "bank"),
                    ("bank_account_id", "!=", False),
                ],
                limit=1,
            )
        )
        bank = journal.bank_account_id or self.partner_id.bank_ids[:1]
        if not bank:
            return {}
        return {
            "holder": bank.acc_holder_name or self.name,
            "iban": grouped_iban(bank.acc_number),
            "bic": bank.bank_bic or "",
            "reference": ", ".join(
                move.payment_reference or move.name for move in moves
            ),
        }
