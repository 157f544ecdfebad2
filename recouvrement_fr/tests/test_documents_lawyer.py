# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import shutil
import subprocess

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RecoveryCommon, d
from .static_server import static_url


def _plain(text):
    """Spaces as a reader sees them: no-break and narrow ones become plain."""
    text = (text or "").replace("\xa0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


@tagged("post_install", "-at_install")
class TestDocumentsLawyer(RecoveryCommon):
    country_code = "FR"

    """Des documents qu'un avocat en recouvrement signe tels quels (issue #21) :
    statut de commerçant, mises en demeure lues dans le PDF, taux manquant,
    acheteur public, consommateur, procédure collective."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.write(
            {
                "vat": "FR03552081317",
                "recovery_signatory_function": "Gérante",
                "recovery_notice_delay": 8,
            }
        )
        cls.level_notice = cls.levels.filtered(
            lambda level: level.stage == "mise_en_demeure"
        )[:1]
        cls.madame = cls.env.ref("base.res_partner_title_madam")

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _customer(self, name, **vals):
        return self.env["res.partner"].create(
            dict(
                {
                    "name": name,
                    "is_company": True,
                    "street": "3 rue des Lilas",
                    "zip": "69003",
                    "city": "Lyon",
                    "lang": "fr_FR",
                },
                **vals,
            )
        )

    def _sale(self, partner, amount, invoice_date, label, **vals):
        invoice = self.env["account.move"].create(
            dict(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": invoice_date,
                    "invoice_payment_term_id": self.pay_terms_a.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                },
                **vals,
            )
        )
        invoice.action_post()
        return invoice

    def _event(self, moves, on, level=None, state="to_validate", **vals):
        level = level or self.level_notice
        return self.env["recovery.event"].create(
            dict(
                {
                    "company_id": self.company.id,
                    "partner_id": moves.commercial_partner_id.id,
                    "level_id": level.id,
                    "channel": level.channel,
                    "date": on,
                    "move_ids": [Command.set(moves.ids)],
                    "state": state,
                },
                **vals,
            )
        )

    def _pdf_pages(self, xmlid, records, data=None):
        """The text of each page of the real PDF, as pdftotext reads it."""
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext is not installed")
        # The test server shares the test's cursor: wkhtmltopdf must not ask
        # it; the fonts come from a static server of this process.
        self.env["ir.config_parameter"].sudo().set_param("report.url", static_url())
        report = self.env.ref(xmlid).with_user(self.accountant)
        pdf, _kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, records.ids, data=data
        )
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [_plain(page) for page in text.split("\f") if page.strip()]

    def _pdf_text(self, xmlid, records, data=None):
        """The text of the real PDF, as pdftotext reads it."""
        return " ".join(self._pdf_pages(xmlid, records, data=data))

    def _notice_text(self, event):
        return self._pdf_text("recouvrement_fr.action_report_mise_en_demeure", event)

    # ------------------------------------------------------------
    # MERCHANT OR NOT
    # ------------------------------------------------------------

    def test_sci_and_association_are_civil_and_unknown_is_said(self):
        sci = self._customer("SCI Les Tilleuls")
        association = self._customer("Association Les Petits Pas")
        sarl = self._customer("Menuiserie Durand SARL")
        bakery = self._customer("Boulangerie du Centre")
        partners = (sci | association | sarl | bakery).with_user(self.accountant)
        self.assertEqual(
            partners.mapped("recovery_is_merchant"), [False, False, True, False]
        )
        sci, association, sarl, bakery = partners
        self.assertIn("Forme juridique lue dans le nom", sci.recovery_merchant_reason)
        self.assertIn("Société civile", sci.recovery_merchant_reason)
        self.assertIn("Association", association.recovery_merchant_reason)
        self.assertIn("Société commerciale", sarl.recovery_merchant_reason)
        # No form anywhere: unknown, both courts explained, never presumed.
        self.assertTrue(bakery.recovery_merchant_unknown)
        reason = bakery.recovery_merchant_reason
        self.assertNotIn("résumé", reason)
        for words in ("inconnu", "tribunal de commerce", "tribunal judiciaire"):
            self.assertIn(words, reason)
        # The advice on its invoice says so too, instead of presuming.
        invoice = self._sale(bakery, 1200.0, "2026-01-05", "Fournitures")
        with freeze_time("2026-03-02"):
            invoice.invalidate_recordset()
            advice = invoice.with_user(self.accountant).recovery_procedure_explanation
        self.assertIn("Statut de commerçant inconnu", advice)
        self.assertIn("tribunal de commerce", advice)
        self.assertNotIn("résumé commerçant", advice)

    # ------------------------------------------------------------
    # FORMAL NOTICES
    # ------------------------------------------------------------

    def test_first_notice_then_after_reminders(self):
        customer = self._customer("Dupont Rénovation SARL")
        contact = self.env["res.partner"].create(
            {
                "name": "Jeanne Dupont",
                "title": self.madame.id,
                "parent_id": customer.id,
                "type": "invoice",
                "lang": "fr_FR",
            }
        )
        customer.recovery_contact_id = contact
        invoice = self._sale(customer, 1500.0, "2026-01-05", "Pose de menuiseries")
        notice = self._event(invoice, d("2026-03-02"))
        text = self._notice_text(notice)
        self.assertIn("Madame Dupont,", text)
        self.assertIn("Sauf erreur de notre part", text)
        self.assertNotIn("Malgré nos précédentes relances", text)
        self.assertIn(f"{invoice.name}, pour : Pose de menuiseries", text)
        # 1 500 € due on 5 January; 6 January - 2 March: 56 days at
        # 2.15 + 10 = 12.15 %: 1 500 x 12.15 % x 56/365 = 27.9616 -> 27,96 €;
        # + 40 € = 1 567,96 €.
        self.assertIn("la somme de 1 567,96 €, arrêtée au 2 mars 2026", text)
        self.assertIn(
            "outre les pénalités et intérêts courant jusqu'à parfait paiement", text
        )
        self.assertIn("27,96", text)
        self.assertIn("Leur taux est de 12,15 %", text)
        self.assertIn("(2,15 %), majoré de 10 points", text)
        self.assertIn("dans un délai de 8 jours à compter de la réception", text)
        self.assertNotIn("Il manque", text)
        self.assertIn("Veuillez agréer, Madame Dupont, l'expression", text)
        # After an e-mail reminder and a letter actually sent.
        for level, day in (
            (self.level_email, "2026-01-20"),
            (self.level_letter, "2026-02-10"),
        ):
            self._event(invoice, d(day), level=level, state="done")
        text = self._notice_text(self._event(invoice, d("2026-03-02")))
        self.assertIn("Malgré nos précédentes relances", text)
        self.assertNotIn("Sauf erreur de notre part", text)
        # The first day of a month is written "1er" (place and date, sums).
        text = self._notice_text(self._event(invoice, d("2026-03-01")))
        self.assertIn("Lyon, le 1er mars 2026", text)
        self.assertIn(", arrêtée au 1er mars 2026", text)

    def test_missing_rate_blocks_the_notice_never_prints_it(self):
        customer = self._customer("Martin Plomberie SAS")
        invoice = self._sale(customer, 900.0, "2026-05-04", "Dépannage")
        # 2026-H2: no rate entered yet.
        notice = self._event(invoice, d("2026-08-03"))
        with self.assertRaisesRegex(UserError, "ne peut pas être émis") as caught:
            notice.with_user(self.accountant).action_validate()
        self.assertIn("Il manque le taux", str(caught.exception))
        self.assertEqual(notice.state, "to_validate")
        self.assertFalse(notice.attachment_id)
        # The nightly run: not sent, a to-do for the responsible instead.
        notice.state = "queued"
        with freeze_time("2026-08-03"):
            self.env["recovery.engine"]._communicate(company_ids=self.company.ids)
        self.assertEqual(notice.state, "failed")
        self.assertFalse(notice.attachment_id)
        todo = notice.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(todo.user_id, self.accountant)
        self.assertIn("Il manque le taux", todo.note)

    def test_public_buyer_owes_moratory_interest_in_its_own_column(self):
        town = self._customer("Commune de Villeurbanne", recovery_debtor_type="public")
        invoice = self._sale(town, 1000.0, "2026-01-05", "Entretien des espaces verts")
        text = self._notice_text(self._event(invoice, d("2026-03-02")))
        self.assertIn("Intérêts moratoires", text)
        self.assertNotIn("Pénalités", text)
        self.assertIn("outre les intérêts moratoires courant jusqu'à parfait", text)
        # ECB 2.15 + 8 = 10.15 %, 56 days: 1 000 x 10.15 % x 56/365 = 15.5726.
        self.assertIn("15,57", text)
        self.assertIn("au taux de 10,15 %", text)
        self.assertIn("majoré de 8 points", text)
        self.assertIn("juge des référés du tribunal administratif", text)
        self.assertNotIn("injonction de payer", text)

    def test_consumer_notice_needs_the_mediator_and_names_the_person(self):
        person = self._customer(
            "Camille Bernard", is_company=False, title=self.madame.id
        )
        invoice = self._sale(person, 800.0, "2026-01-05", "Cuisine équipée")
        notice = self._event(invoice, d("2026-03-02"))
        with self.assertRaisesRegex(UserError, "médiateur de la consommation"):
            notice.with_user(self.accountant).action_validate()
        self.company.write(
            {
                "recovery_mediator_name": "Médiation Conso Services",
                "recovery_mediator_address": "12 rue Paradis, 13001 Marseille",
                "recovery_mediator_website": "https://www.cm2c.example",
            }
        )
        text = self._notice_text(notice)
        self.assertIn("Madame Bernard,", text)
        self.assertIn("Médiation Conso Services", text)
        self.assertIn("https://www.cm2c.example", text)
        self.assertIn("à compter de la réception de la présente mise en demeure", text)
        self.assertIn("intérêts au taux légal courant jusqu'à parfait paiement", text)
        # 800 € on a contract: the small-claims procedure, exempt from 750-1.
        self.assertNotIn("750-1", text)
        self.assertNotIn("pénalités de retard", text)
        self.assertNotIn("40 euros", text)

    def test_consumer_legal_interest_runs_from_receipt(self):
        person = self._customer("Paul Girard", is_company=False)
        invoice = self._sale(person, 1000.0, "2026-01-05", "Chaudière")
        # Posted Monday 2 March: presumed received 3 working days later,
        # Thursday 5 March. 6 March - 4 April: 30 days at the legal rate of a
        # professional creditor ("autres cas"), 2.62 % in 2026-H1:
        # 1 000 x 2.62 % x 30/365 = 2.1534 -> 2.15 (from the posting date it
        # would be 33 days: 2.37).
        self._event(
            invoice,
            d("2026-03-02"),
            state="posted",
            lrar_sent_date=d("2026-03-02"),
            lrar_number="1A00000000001",
        )
        with freeze_time("2026-04-04"):
            invoice.invalidate_recordset()
            self.assertEqual(invoice.recovery_interest_amount, 2.15)
            invoice.invalidate_recordset()
            detail = invoice.with_context(lang="fr_FR").recovery_claim_detail
            self.assertIn("du 06/03/2026 au 04/04/2026", detail)
            self.assertIn("2,62 % × 30/365", _plain(detail))

    # ------------------------------------------------------------
    # INSOLVENCY
    # ------------------------------------------------------------

    def test_insolvent_customer_before_and_after_the_judgment(self):
        customer = self._customer("Charpentes Lebrun SAS")
        before = self._sale(customer, 1000.0, "2026-01-05", "Charpente")
        # Invoiced after the judgment, delivered before it: declared.
        late_invoiced = self._sale(
            customer, 500.0, "2026-03-10", "Couverture", delivery_date="2026-02-20"
        )
        # Delivered and invoiced after: paid at its due date (L622-17).
        after = self._sale(customer, 300.0, "2026-03-20", "Zinguerie")
        # Before the judgment a notice may go out.
        text = self._notice_text(self._event(before, d("2026-02-27")))
        self.assertIn("mettons en demeure", text)
        with freeze_time("2026-03-03"):
            customer.write(
                {
                    "recovery_insolvency": "redressement",
                    "recovery_insolvency_date": d("2026-03-02"),
                }
            )
        self.assertEqual(
            (before | late_invoiced | after).mapped("recovery_stage"),
            ["declaration", "declaration", "none"],
        )
        # Penalties stop on 1 March, the day before the judgment: 6 January -
        # 1 March, 55 days: 1 000 x 12.15 % x 55/365 = 18.3082 -> 18.31; the
        # 40 € stay (late before the judgment).
        with freeze_time("2026-04-01"):
            before.invalidate_recordset()
            self.assertEqual(before.recovery_penalty_amount, 18.31)
            self.assertEqual(before.recovery_indemnity_amount, 40.0)
            # No penalty invoice, no notice after the judgment.
            with self.assertRaisesRegex(UserError, "Rien à facturer"):
                before.with_user(self.accountant).action_recovery_bill_penalties()
            notice = self._event(before, d("2026-04-01"))
            with self.assertRaisesRegex(UserError, "procédure collective"):
                notice.with_user(self.accountant).action_validate()

    # ------------------------------------------------------------
    # PAYMENT PLANS
    # ------------------------------------------------------------

    def _plan(self, moves, on, **values):
        with freeze_time(on):
            wizard = (
                self.env(user=self.accountant)["recovery.plan.wizard"]
                .with_context(active_model="account.move", active_ids=moves.ids)
                .create(dict({"instalment_count": 3}, **values))
            )
            action = wizard.action_confirm()
        return self.env["recovery.plan"].browse(action["res_id"])

    def test_plan_agreement_states_the_fate_of_penalties_for_each_option(self):
        customer = self._customer("Garage Moreau SARL")
        expected = {
            "included": "sont inclus dans le total ci-dessus",
            "waived_if_kept": "sont abandonnés dès lors que toutes les échéances",
            "reserved": "restent dus : le créancier se réserve",
        }
        for option, sentence in expected.items():
            with self.subTest(option=option):
                invoice = self._sale(customer, 1200.0, "2026-01-05", "Révision")
                plan = self._plan(
                    invoice,
                    "2026-03-02",
                    penalty_option=option,
                    first_due_date="2026-03-15",
                    note="<p>Accord par téléphone avec le gérant.</p>",
                )
                self.assertEqual(plan.penalty_option, option)
                text = self._pdf_text(
                    "recouvrement_fr.action_report_recovery_plan", plan
                )
                self.assertIn(sentence, text)
                self.assertIn("indemnité forfaitaire de recouvrement de 40 euros", text)
                self.assertIn("déchéance du terme", text)
                self.assertIn("15 jours après la réception", text)
                self.assertNotIn("de plein droit", text)
                # The internal note is never printed.
                self.assertNotIn("Accord par téléphone", text)
                self.assertIn("Nom et qualité du signataire", text)
                # The identity of the seller, in the page.
                self.assertIn("Siège social : 12 rue de la République", text)
                plan.action_cancel()

    def test_plan_agreement_pages_numbered_signatures_with_last_clause(self):
        customer = self._customer("Garage Moreau SARL")
        invoices = self.env["account.move"]
        for number in range(12):
            invoices |= self._sale(
                customer, 300.0 + number, "2026-01-05", f"Révision {number}"
            )
        plan = self._plan(
            invoices, "2026-03-02", instalment_count=24, first_due_date="2026-03-15"
        )
        pages = self._pdf_pages("recouvrement_fr.action_report_recovery_plan", plan)
        self.assertGreater(len(pages), 1, "a long plan runs over several pages")
        for number, page in enumerate(pages, start=1):
            self.assertIn(f"{plan.name} - Page {number} / {len(pages)}", page)
        # The signatures are never alone on the last page: the last clause,
        # the place and date come with them.
        last = pages[-1]
        self.assertIn("Pour le débiteur", last)
        self.assertIn("interrompt le délai de prescription", last)
        self.assertIn("Fait en deux exemplaires à Lyon", last)
        self.assertNotIn("Pour le débiteur", " ".join(pages[:-1]))

    def test_consumer_plan_signed_by_name_and_only_when_signed(self):
        person = self._customer("Léa Fontaine", is_company=False, title=self.madame.id)
        invoice = self._sale(person, 900.0, "2026-01-05", "Salle de bains")
        plan = self._plan(invoice, "2026-03-02", first_due_date="2026-03-15")
        text = self._pdf_text("recouvrement_fr.action_report_recovery_plan", plan)
        self.assertIn("Léa Fontaine", text)
        self.assertNotIn("Nom et qualité du signataire", text)
        self.assertIn("intérêts au taux légal", text)
        self.assertNotIn("40 euros", text)
        # Recorded as signed only with the signed agreement.
        with self.assertRaisesRegex(Exception, "accord signé par le client"):
            plan.with_user(self.accountant).signed_date = d("2026-03-05")
            plan.flush_recordset()
        plan.with_user(self.accountant).write(
            {
                "signed_agreement": "JVBERi0xLjQK",
                "signed_agreement_name": "accord.pdf",
                "signed_date": d("2026-03-05"),
            }
        )
        self.assertEqual(plan.signed_date, d("2026-03-05"))

    # ------------------------------------------------------------
    # IDENTITY, STATEMENT
    # ------------------------------------------------------------

    def _identity(self):
        self.company.write(
            {
                "name": "Menuiserie Durand",
                "recovery_legal_form": "SARL",
                "recovery_share_capital": 10000.0,
                "recovery_rcs_city": "Lyon",
            }
        )

    def test_penalty_invoice_pdf_carries_the_sellers_identity(self):
        self._identity()
        customer = self._customer("Bâtiments Roux SAS")
        invoice = self._sale(customer, 1000.0, "2026-01-05", "Menuiseries")
        with freeze_time("2026-03-02"):
            bill = (
                self.env["recovery.penalty.invoice"]
                .with_user(self.accountant)
                .with_context(lang=self.accountant.lang)
                ._bill(invoice, d("2026-03-02"))
            )
        text = self._pdf_text("account.account_invoices", bill)
        for mention in (
            "Menuiserie Durand SARL au capital de 10 000,00 €",
            "RCS Lyon 552 081 317",
            "SIRET 552 081 317 66522",
            "TVA FR03552081317",
            "Siège social : 12 rue de la République, 69002 Lyon",
        ):
            self.assertIn(mention, text)
        self.assertNotIn("Date de livraison", text)
        # Odoo's own footer, printed by a wkhtmltopdf with patched Qt only
        # (scripts/bootstrap_odoo.sh puts one first in PATH).
        self.assertIn(
            f"{bill.name} Page 1 / 1",
            text,
            "no footer: the wkhtmltopdf on PATH lacks patched Qt",
        )

    def test_statement_lists_credit_note_and_unapplied_payment(self):
        self._identity()
        customer = self._customer("Ets Blanc SAS")
        invoice = self._sale(customer, 1000.0, "2026-01-05", "Parquet")
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": customer.id,
                "invoice_date": "2026-01-20",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Avoir",
                            "quantity": 1,
                            "price_unit": 100.0,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        refund.action_post()
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": customer.id,
                "amount": 250.0,
                "date": "2026-02-01",
            }
        )
        payment.action_post()
        text = self._pdf_text(
            "recouvrement_fr.action_report_recovery_statement",
            customer,
            data={"recovery_date": "2026-03-02"},
        )
        self.assertIn(invoice.name, text)
        self.assertIn(refund.name, text)
        self.assertIn("(avoir)", text)
        self.assertIn("(paiement non imputé)", text)
        # 1 000 € + penalties 1 000 x 12.15 % x 56/365 = 18.6411 -> 18.64
        # + 40 € = 1 058.64 €; less the credit note (100) and the payment
        # (250): net balance 708.64 €, all of it due.
        self.assertIn("Solde net de votre compte : 708,64 €", text)
        self.assertIn("Sommes exigibles à cette date : 708,64 €", text)
        # The invoice's status reads "Exigible" (it read "Échéance").
        self.assertIn(f"{invoice.name} 05/01/2026", text)
        self.assertIn("€ Exigible", text)
        self.assertNotIn("Échéance", text.replace("Date d'échéance", ""))
        self.assertIn("RCS Lyon 552 081 317", text)
        # The legal mentions in the customer's French too, not the user's.
        self.assertIn("au capital de 10 000,00 €", text)
        self.assertIn("Siège social : 12 rue de la République, 69002 Lyon", text)

    def test_consumer_broken_plan_notice_claims_the_missed_instalment(self):
        self.company.write(
            {
                "recovery_mediator_name": "Médiation Conso Services",
                "recovery_mediator_address": "12 rue Paradis, 13001 Marseille",
                "recovery_mediator_website": "https://www.cm2c.example",
                "recovery_plan_grace_days": 5,
            }
        )
        person = self._customer("Hugo Lemaire", is_company=False)
        invoice = self._sale(person, 2112.0, "2026-01-05", "Véranda")
        plan = self._plan(invoice, "2026-02-02", first_due_date="2026-02-15")
        self.assertEqual(plan.state, "active")
        # 704 € due on 15 February, not paid within 5 days: the plan breaks.
        with freeze_time("2026-02-23"):
            self.env["recovery.plan.check"]._check_plans(company_ids=self.company.ids)
        self.assertEqual(plan.state, "broken")
        notice = plan.break_event_id
        self.assertTrue(notice)
        text = self._notice_text(notice)
        self.assertIn("régler ces échéances, soit 704,00 €", text)
        self.assertIn("15 jours après sa réception", text)
        self.assertIn("soit 2 112,00 €, deviendra exigible (déchéance du terme)", text)
        self.assertNotIn("régler la somme de 2 112,00 €", text)
        self.assertIn("Médiation Conso Services", text)

    def test_reminder_letter_phone_in_french_format(self):
        self.company.phone = "+33 4 78 12 34 56"
        customer = self._customer("Imprimerie Vidal SARL")
        invoice = self._sale(customer, 300.0, "2026-01-05", "Affiches")
        letter = self._event(invoice, d("2026-02-10"), level=self.level_letter)
        text = self._pdf_text("recouvrement_fr.action_report_recovery_letter", letter)
        self.assertIn("04 78 12 34 56", text)
        self.assertNotIn("+33", text)
