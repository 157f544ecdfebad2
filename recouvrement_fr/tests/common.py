# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, modules

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class RecoveryCommon(AccountTestInvoicingCommon):
    """A French company with its default ladder and two customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's test runner flags the test under way, and so its mail servers
        # send nothing; pytest-odoo does not for Odoo 18: flag it the same way.
        cls.startClassPatcher(patch.object(modules.module, "current_test", True))
        cls.company = cls.company_data["company"]
        cls.levels = cls.env["recovery.level"].search(
            [("company_id", "=", cls.company.id)], order="sequence, id"
        )
        (
            cls.level_email,
            cls.level_phone,
            cls.level_letter,
            cls.level_med,
            cls.level_legal,
        ) = cls.levels
        # The legal identity a formal notice needs (checked before sending).
        cls.company.write(
            {
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "siret": "55208131766522",
                "recovery_signatory_name": "Claire Durand",
            }
        )
        # A formal notice is not issued to a customer without an address
        # (core/notice.py, issue #21).
        cls.partner_a.write(
            {
                "email": "compta@dupont-sa.example",
                "is_company": True,
                "lang": "en_US",
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
            }
        )
        cls.partner_b.write(
            {
                "email": "factures@martin.example",
                "is_company": True,
                "street": "8 quai Saint-Vincent",
                "zip": "69001",
                "city": "Lyon",
            }
        )
        # partner_b's default terms split the invoice in two due dates: keep one.
        cls.partner_b.property_payment_term_id = cls.pay_terms_a

    @classmethod
    def _load_french(cls, as_user=False):
        """fr_FR active with the translations of the modules the letters use;
        with ``as_user``, the test user works in French too."""
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "mail", "account", "recouvrement_fr"], ["fr_FR"]
        )
        if as_user:
            cls.env.user.lang = "fr_FR"
            cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))

    @classmethod
    def _setup_french(cls):
        """Live as the users do: French loaded, the customers, the company and
        the recovery responsible in French, and a non-admin accountant.

        Sets ``cls.accountant`` (Facturation group, French) and makes him the
        company's recovery responsible.
        """
        cls._load_french()
        (cls.partner_a | cls.partner_b | cls.company.partner_id).lang = "fr_FR"
        cls.accountant = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Sophie Martin",
                    "login": "sophie.recouvrement",
                    "email": "sophie@example.fr",
                    "lang": "fr_FR",
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                    "groups_id": [
                        Command.set(
                            [
                                cls.env.ref("base.group_user").id,
                                cls.env.ref("account.group_account_invoice").id,
                            ]
                        )
                    ],
                }
            )
        )
        cls.company.recovery_user_id = cls.accountant

    @classmethod
    def _invoice(cls, partner, amount, invoice_date, company=None):
        """A posted customer invoice due on its invoice date (immediate terms)."""
        company = company or cls.company
        invoice = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": invoice_date,
                    "invoice_payment_term_id": cls.pay_terms_a.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Prestation",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        return invoice

    def _pay(self, invoice, amount, on):
        with freeze_time(on):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": amount, "payment_date": on})._create_payments()

    def _run(self, on, company=None):
        """The nightly escalation of day ``on``: decide, communicate, then
        Odoo's mail queue sends the e-mails (as its cron would)."""
        company = company or self.company
        engine = self.env["recovery.engine"].with_company(company)
        with freeze_time(on):
            decided = engine._decide(company_ids=company.ids)
            sent = engine._communicate(company_ids=company.ids)
            self._process_mail_queue()
        return decided, sent

    def _process_mail_queue(self):
        """Send the recovery e-mails waiting in Odoo's mail queue, as its cron
        does: as the superuser (the test's user may not write other users'
        mails), and only those (an empty ``ids`` would send them all)."""
        mails = self.env["mail.mail"].sudo()
        ids = mails.search(
            [("model", "=", "recovery.event"), ("state", "=", "outgoing")]
        ).ids
        if ids:
            mails.process_email_queue(ids=ids)

    def _post_letters(self, moves, on):
        """The letters of ``moves`` waiting to be printed are posted on ``on``
        (registered ones with a number): the ladder waits for them."""
        letters = moves.recovery_event_ids.filtered(
            lambda e: e.state in ("to_print", "to_post")
        )
        with freeze_time(on):
            # A registered letter is posted once its number is entered.
            for letter in letters.filtered(lambda e: e.channel == "lrar"):
                letter.lrar_number = letter.lrar_number or f"1A{letter.id:011d}"
            letters.filtered(lambda e: e.channel == "letter").action_mark_sent()
        return letters

    @classmethod
    def _enter_current_rates(cls, rate=3.0):
        """The reference rates of today's half-year, as an accountant enters
        them once published: documents dated today are refused without them
        (no 2026-H2 rate ships with the add-on)."""
        today = date.today()
        semester = date(today.year, 1 if today.month <= 6 else 7, 1)
        rates = cls.env["recovery.rate"]
        for kind in ("ecb", "legal_other", "legal_individual"):
            if not rates.search([("kind", "=", kind), ("date_from", "=", semester)]):
                rates.create({"kind": kind, "date_from": semester, "rate": rate})

    def _mails(self, events):
        return self.env["mail.mail"].search(
            [("model", "=", "recovery.event"), ("res_id", "in", events.ids)]
        )


def d(iso):
    return date.fromisoformat(iso)
