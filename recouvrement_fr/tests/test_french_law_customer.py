# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import RecoveryCommon, d


def _text(markup):
    """What a reader sees: the text of the page, spaces collapsed (the
    non-breaking spaces of French numbers become plain ones)."""
    text = lxml_html.fromstring(markup).text_content()
    text = text.replace("\xa0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


def _plain(text):
    return re.sub(r"\s+", " ", (text or "").replace("\xa0", " ").replace("\u202f", " "))


@tagged("post_install", "-at_install")
class TestFrenchLawCustomer(RecoveryCommon):
    """Ce que le client reçoit dit le droit juste : factures de pénalités,
    échéanciers, prescription, acheteurs publics et mise en demeure, sur une
    société française en euros avec des clients francophones."""

    country_code = "FR"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_french(as_user=True)
        cls.accountant = new_test_user(
            cls.env,
            login="comptable_droit",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
            lang="fr_FR",
        )
        cls.company.write(
            {
                "recovery_notice_delay": 8,
                "recovery_signatory_function": "Gérante",
                "phone": "+33 4 72 00 00 00",
            }
        )
        cls.env["res.partner.bank"].create(
            {
                "acc_number": "FR7630006000011234567890189",
                "partner_id": cls.company.partner_id.id,
            }
        )
        cls.partner_a.write(
            {
                "name": "Dupont SA",
                "lang": "fr_FR",
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "recovery_legal_form": "sa",
            }
        )
        cls.consumer = cls.env["res.partner"].create(
            {
                "name": "M. Jean Petit",
                "lang": "fr_FR",
                "street": "3 rue des Lilas",
                "zip": "69003",
                "city": "Lyon",
                "email": "jean.petit@example.com",
            }
        )
        cls.mairie = cls.env["res.partner"].create(
            {
                "name": "Commune de Villeurbanne",
                "lang": "fr_FR",
                "is_company": True,
                "recovery_debtor_type": "public",
            }
        )

    def _notice_event(self, partner, invoices, on, state="done"):
        return self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": partner.id,
                "level_id": self.level_med.id,
                "channel": "lrar",
                "state": state,
                "date": on,
                "lrar_sent_date": on,
                "move_ids": [Command.set(invoices.ids)],
            }
        )

    def _html(self, xmlid, records):
        report = self.env.ref(xmlid).with_user(self.accountant)
        return report._render_qweb_html(report, records.ids)[0].decode()

    # ------------------------------------------------------------
    # 1. Penalty invoices accrue nothing
    # ------------------------------------------------------------

    def test_penalty_invoice_owes_no_penalty_nor_indemnity_later(self):
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        with freeze_time("2025-08-10"):
            action = invoice.action_recovery_bill_penalties()
        bill = self.env["account.move"].browse(action["params"]["next"]["res_id"])
        # 21/05-30/06: 2000 x 13.15 % x 41/365 = 29.5425 -> 29.54
        # 01/07-10/08: 2000 x 12.15 % x 41/365 = 27.2959 -> 27.30; + 40
        self.assertAlmostEqual(bill.amount_total, 96.84)
        self.assertEqual(bill.invoice_date_due, d("2025-08-10"))
        with freeze_time("2025-11-10"):
            bill.invalidate_recordset()
            # Three months later, still unpaid: reminded, but it earns nothing.
            self.assertEqual(bill.recovery_penalty_amount, 0.0)
            self.assertEqual(bill.recovery_indemnity_amount, 0.0)
            self.assertEqual(bill.recovery_interest_amount, 0.0)
            self.assertAlmostEqual(bill.recovery_total_claim, 96.84)
            # The late invoice itself keeps accruing after what was billed.
            invoice.invalidate_recordset()
            self.assertGreater(invoice.recovery_penalty_amount, 0.0)

    # ------------------------------------------------------------
    # 2. Payment plan with the penalties
    # ------------------------------------------------------------

    def test_plan_including_penalties_carries_them_in_total_and_instalments(self):
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        with freeze_time("2025-08-10"):
            wizard = (
                self.env["recovery.plan.wizard"]
                .with_user(self.accountant)
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create(
                    {
                        "include_extra": True,
                        "instalment_count": 3,
                        "first_due_date": "2025-09-10",
                    }
                )
            )
            # Same figures as the penalty invoice above: 56.84 + 40 = 96.84.
            self.assertAlmostEqual(wizard.amount_penalty, 56.84)
            self.assertAlmostEqual(wizard.amount_indemnity, 40.0)
            self.assertAlmostEqual(wizard.amount_extra, 96.84)
            self.assertAlmostEqual(wizard.amount_total, 2096.84)
            action = wizard.action_confirm()
        plan = self.env["recovery.plan"].browse(action["res_id"])
        self.assertAlmostEqual(plan.amount_total, 2096.84)
        self.assertAlmostEqual(sum(plan.line_ids.mapped("amount")), 2096.84)
        # 2096.84 / 3 = 698.95 (x2) + 698.94 or the like: each above 2000/3.
        self.assertTrue(all(line.amount > 698.9 for line in plan.line_ids))
        # Billed once, on a penalty invoice the plan covers, so payments settle it.
        self.assertTrue(plan.extra_move_id)
        self.assertAlmostEqual(plan.extra_move_id.amount_total, 96.84)
        self.assertIn(plan.extra_move_id, plan.move_ids)
        text = _text(self._html("recouvrement_fr.action_report_recovery_plan", plan))
        self.assertIn("Principal 2 000,00 €", text)
        self.assertIn("Pénalités de retard 56,84 €", text)
        self.assertIn("Indemnités forfaitaires de recouvrement 40,00 €", text)
        self.assertIn(
            "deux mille quatre-vingt-seize euros et quatre-vingt-quatre centimes "
            "(2 096,84 €) détaillée ci-dessous",
            text,
        )
        # Paying both invoices honours the plan.
        self._pay(invoice, 2000.0, "2025-09-01")
        self._pay(plan.extra_move_id, 96.84, "2025-09-01")
        self.assertEqual(plan.state, "honoured")

    def test_consumer_plan_needs_notice_and_fifteen_days_before_acceleration(self):
        invoice = self._invoice(self.consumer, 900.0, "2025-05-20")
        with freeze_time("2025-06-10"):
            wizard = (
                self.env["recovery.plan.wizard"]
                .with_user(self.accountant)
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"instalment_count": 3, "first_due_date": "2025-07-10"})
            )
            plan = self.env["recovery.plan"].browse(wizard.action_confirm()["res_id"])
        text = _text(self._html("recouvrement_fr.action_report_recovery_plan", plan))
        # Issue #21: the clause from core/plan_terms.py, the same in the e-mail.
        self.assertIn(
            "demeure impayée 15 jours après la réception de cette mise en demeure",
            text,
        )
        self.assertIn("déchéance du terme", text)
        self.assertNotIn("sans mise en demeure préalable", text)
        self.assertIn("neuf cents euros (900,00 €) détaillée ci-dessous", text)
        self.assertNotIn(" , ", text)

    # ------------------------------------------------------------
    # 3. Prescription: only the customer's own acts
    # ------------------------------------------------------------

    def test_credit_note_leaves_prescription_and_payment_restarts_it(self):
        invoice = self._invoice(self.partner_a, 1000.0, "2025-03-01")
        self.assertEqual(invoice.recovery_prescription_date, d("2030-03-01"))
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.partner_a.id,
                "invoice_date": "2025-06-01",
                "date": "2025-06-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Avoir",
                            "quantity": 1,
                            "price_unit": 200.0,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        refund.action_post()
        (invoice.line_ids | refund.line_ids).filtered(
            lambda line: line.account_type == "asset_receivable"
        ).reconcile()
        invoice.invalidate_recordset()
        self.assertAlmostEqual(invoice.amount_residual, 800.0)
        # A credit note is the creditor's act, not the debtor's (C. civ. 2240).
        self.assertEqual(invoice.recovery_prescription_date, d("2030-03-01"))
        self.assertIn("L110-4", invoice.recovery_prescription_note)
        self._pay(invoice, 300.0, "2025-07-01")
        invoice.invalidate_recordset()
        self.assertEqual(invoice.recovery_prescription_date, d("2030-07-01"))
        self.assertIn("2240", invoice.recovery_prescription_note)
        # A written acknowledgement the user records restarts it too.
        invoice.recovery_acknowledgement_date = "2026-02-02"
        self.assertEqual(invoice.recovery_prescription_date, d("2031-02-02"))

    def test_consumer_prescription_from_delivery_and_mediation_suspends(self):
        invoice = self._invoice(self.consumer, 500.0, "2025-03-20")
        invoice.delivery_date = "2025-02-10"
        # 2 years from the completion of the service (Cass. 1re civ. 19 May 2021).
        self.assertEqual(invoice.recovery_prescription_date, d("2027-02-10"))
        self.assertIn("livraison", invoice.recovery_prescription_note)
        self.consumer.write(
            {
                "recovery_mediation_start": "2026-01-10",
                "recovery_mediation_end": "2026-03-10",
            }
        )
        invoice.invalidate_recordset()
        # Left on 10/01/2026: 396 days; 10/03/2026 + 396 days = 10/04/2027.
        self.assertEqual(invoice.recovery_prescription_date, d("2027-04-10"))

    # ------------------------------------------------------------
    # 7. Public buyers
    # ------------------------------------------------------------

    def test_public_buyer_paid_late_owes_ecb_plus_8_fixed_for_the_delay(self):
        self.assertTrue(self.mairie.recovery_is_b2b)
        self.assertFalse(self.mairie.recovery_is_merchant)
        invoice = self._invoice(self.mairie, 5750.40, "2025-05-15")
        self._pay(invoice, 5750.40, "2025-08-14")
        with freeze_time("2025-08-20"):
            invoice.invalidate_recordset()
            # Delay from 16/05/2025, in 2025-H1, whose ECB rate in force on
            # 1 January 2025 was 3.15 -> 3.15 + 8 = 11.15 % for the whole delay,
            # July and August included (not 2.15 + 8 from July); 16/05-14/08 =
            # 16 + 30 + 31 + 14 = 91 days:
            # 5750.40 x 11.15 % x 91/365 = 159.8532 -> 159.85
            self.assertAlmostEqual(invoice.recovery_penalty_amount, 159.85)
            self.assertEqual(invoice.recovery_indemnity_amount, 40.0)
            detail = _plain(invoice.recovery_claim_detail)
            self.assertIn("5 750,40 € × 11,15 % × 91/365 = 159,85 €", detail)
            self.assertIn("D2192-35", detail)
            self.assertEqual(len(invoice.recovery_claim_detail.splitlines()), 2)
            # Prescription quadriennale (loi 68-1250): from 1 January 2026,
            # the year after the service, for 4 years.
            self.assertEqual(invoice.recovery_prescription_date, d("2029-12-31"))
            self.assertIn("68-1250", invoice.recovery_prescription_note)

    def test_public_buyer_terms_and_court(self):
        late_terms = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.mairie.id,
                "invoice_date": "2025-01-10",
                "invoice_date_due": "2025-03-01",
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create({"name": "x", "price_unit": 100.0, "tax_ids": []})
                ],
            }
        )
        late_terms.action_post()
        self.assertIn("R2192-10", late_terms.recovery_payment_term_warning)
        self._notice_event(self.mairie, late_terms, "2025-03-10")
        with freeze_time("2025-03-20"):
            late_terms.invalidate_recordset()
            self.assertEqual(late_terms.recovery_procedure, "refere_provision")
            self.assertIn("R541-1", late_terms.recovery_procedure_explanation)
            self.assertIn(
                "tribunal administratif", late_terms.recovery_procedure_explanation
            )

    # ------------------------------------------------------------
    # 4. Mise en demeure, read as text
    # ------------------------------------------------------------

    def test_mise_en_demeure_for_a_business_reads_right(self):
        invoice = self._invoice(self.partner_a, 5750.40, "2025-10-16")
        notice = self._notice_event(self.partner_a, invoice, "2025-11-30", "to_print")
        html = self._html("recouvrement_fr.action_report_mise_en_demeure", notice)
        text = _text(html)
        self.assertIn("Lyon, le 30 novembre 2025", text)
        self.assertIn("dans un délai de 8 jours à compter de la réception", text)
        self.assertNotIn("au plus tard", text)
        # 17/10-30/11 = 45 days at 2.15 + 10 = 12.15 %.
        self.assertIn("5 750,40 € × 12,15 % × 45/365 = 86,14 €", text)
        self.assertIn("pourront être mis à votre charge", text)
        self.assertNotIn("seront mis à votre charge", text)
        # The IBAN is never cut across two lines.
        self.assertIn("IBAN FR76 3000 6000 0112 3456 7890 189,", text)
        # Its groups are joined by no-break spaces (a no-wrap span made old
        # WebKit drop the space after it: "189- BIC").
        self.assertIn("FR76\u00a03000\u00a06000\u00a00112", html)
        self.assertNotIn(") ,", text)

    def test_mise_en_demeure_for_a_consumer_threatens_no_costs(self):
        # A consumer notice names the consumer mediator (L612-1, L616-1).
        self.company.write(
            {
                "recovery_mediator_name": "CM2C",
                "recovery_mediator_address": "49 rue de Ponthieu, 75008 Paris",
                "recovery_mediator_website": "https://www.cm2c.net",
            }
        )
        invoice = self._invoice(self.consumer, 1200.0, "2025-10-16")
        notice = self._notice_event(self.consumer, invoice, "2025-11-30", "to_print")
        text = _text(
            self._html("recouvrement_fr.action_report_mise_en_demeure", notice)
        )
        self.assertIn("Lyon, le 30 novembre 2025", text)
        self.assertIn("dans un délai de 8 jours à compter de la réception", text)
        self.assertIn("1 200,00 €", text)
        self.assertNotIn("40 euros", text)
        self.assertNotIn("à votre charge", text)
        self.assertNotIn("sans autre avis", text)
        self.assertIn("intérêts au taux légal", text)
        self.assertIn("médiateur de la consommation : CM2C", text)
        # 1 200 EUR on a contract: the small-claims procedure of a commissaire
        # de justice, to which CPC 750-1 does not apply (issue #21: the old
        # letter threatened with 750-1 where it does not apply).
        self.assertIn("commissaire de justice", text)
        self.assertNotIn("750-1", text)

    # ------------------------------------------------------------
    # 5. Reminder letters
    # ------------------------------------------------------------

    def _letter(self, partner, invoice, on):
        event = self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": partner.id,
                "level_id": self.level_letter.id,
                "channel": "letter",
                "state": "to_print",
                "date": on,
                "move_ids": [Command.set(invoice.ids)],
            }
        )
        return _text(self._html("recouvrement_fr.action_report_recovery_letter", event))

    def test_reminder_letters_speak_to_businesses_and_consumers_apart(self):
        # A consumer that Odoo flags as a company still is a consumer here.
        self.consumer.write({"is_company": True, "recovery_debtor_type": "b2c"})
        consumer_text = self._letter(
            self.consumer,
            self._invoice(self.consumer, 300.0, "2025-10-01"),
            "2025-11-03",
        )
        business_text = self._letter(
            self.partner_a,
            self._invoice(self.partner_a, 300.0, "2025-10-01"),
            "2025-11-03",
        )
        for text in (consumer_text, business_text):
            self.assertIn("Lyon, le 3 novembre 2025", text)
            self.assertIn("au plus tard le 11 novembre 2025", text)
            self.assertIn("Créancier", text)
            self.assertIn("SIRET : 552 081 317 66522", text)
            self.assertNotIn(") ,", text)
        self.assertNotIn("40 euros", consumer_text)
        self.assertNotIn("L441-10", consumer_text)
        self.assertIn("40 euros", business_text)
        self.assertIn("L441-10", business_text)

    # ------------------------------------------------------------
    # 9, 12. Who is a merchant; after a judgment
    # ------------------------------------------------------------

    def test_civil_company_goes_to_the_tribunal_judiciaire_and_says_why(self):
        sci = self.env["res.partner"].create(
            {
                "name": "SCI Les Tilleuls",
                "is_company": True,
                "recovery_legal_form": "sci",
            }
        )
        self.assertFalse(sci.recovery_is_merchant)
        self.assertIn("Société civile", sci.recovery_merchant_reason)
        invoice = self._invoice(sci, 3000.0, "2025-01-10")
        self._notice_event(sci, invoice, "2025-02-25")
        invoice.write({"recovery_blocked": True, "recovery_block_reason": "Litige"})
        with freeze_time("2025-03-01"):
            invoice.invalidate_recordset()
            # Disputed, 3 000 EUR, between a merchant creditor and a civil
            # company: summons before the tribunal judiciaire, after a prior
            # amicable attempt (CPC 750-1).
            self.assertEqual(invoice.recovery_procedure, "assignation")
            explanation = invoice.recovery_procedure_explanation
            self.assertIn("tribunal judiciaire", explanation)
            self.assertIn("Société civile", explanation)
            # CPC 750-1 says what counts as the prior amicable attempt.
            self.assertIn("conciliateur de justice", explanation)
            self.assertIn("mise en demeure n'en tient pas lieu", explanation)
        # The user may override, and the record says so.
        sci.recovery_is_merchant = True
        self.assertIn("Forcé à la main", sci.recovery_merchant_reason)

    def test_judgment_adds_five_points_and_ten_years(self):
        invoice = self._invoice(self.consumer, 1000.0, "2024-12-01")
        self._notice_event(self.consumer, invoice, "2025-01-31")
        invoice.recovery_judgment_date = "2025-03-10"
        with freeze_time("2025-06-30"):
            invoice.invalidate_recordset()
            # From the notice's receipt (issue #21): posted Friday 31
            # January, presumed received Wednesday 5 February (3 working days).
            # 06/02-10/05: 1000 x 3.71 % x 94/365 = 9.5545 -> 9.55
            # 11/05-30/06: 1000 x 8.71 % x 51/365 = 12.1701 -> 12.17
            self.assertAlmostEqual(invoice.recovery_interest_amount, 21.72)
            self.assertIn("8,71 %", _plain(invoice.recovery_claim_detail))
            # Enforceable for 10 years (L111-4 CPCE) instead of the 2 years.
            self.assertEqual(invoice.recovery_prescription_date, d("2035-03-10"))

    # ------------------------------------------------------------
    # 13. Next half-year's rates
    # ------------------------------------------------------------

    def test_managers_are_reminded_to_enter_next_half_year_rates(self):
        self.env["recovery.rate"].search([("date_from", ">=", "2026-07-01")]).unlink()
        cron = self.env.ref("recouvrement_fr.ir_cron_recovery_rate_reminder")
        Activity = self.env["mail.activity"]
        domain = [
            ("res_model", "=", "recovery.rate"),
            ("date_deadline", "=", "2026-07-01"),
        ]
        with freeze_time("2026-06-10"):  # 21 days before: too early
            cron.method_direct_trigger()
        self.assertFalse(Activity.search(domain))
        with freeze_time("2026-06-17"):
            cron.method_direct_trigger()
            cron.method_direct_trigger()  # twice: nothing more
        activities = Activity.search(domain)
        managers = self.env.ref("account.group_account_manager").users.filtered(
            lambda user: not user.share
        )
        self.assertEqual(activities.user_id, managers)
        self.assertEqual(len(activities), len(managers))
        self.assertIn("2026-H2", activities[0].summary)
        self.assertIn("recovery_rate_action", activities[0].note)

    # ------------------------------------------------------------
    # 10. Payment terms
    # ------------------------------------------------------------

    def _invoice_due(self, partner, invoice_date, due_date, **values):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due_date,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create({"name": "x", "price_unit": 100.0, "tax_ids": []})
                ],
                **values,
            }
        )
        invoice.action_post()
        return invoice

    def test_payment_terms_checked_for_businesses_only_and_periodic_cap(self):
        # 10/01 -> 01/03: within 60 days (11/03) for a business...
        ordinary = self._invoice_due(self.partner_a, "2025-01-10", "2025-03-01")
        self.assertFalse(ordinary.recovery_payment_term_warning)
        # ...but not for a periodic invoice: 45 days, 24/02/2025.
        periodic = self._invoice_due(
            self.partner_a, "2025-01-10", "2025-03-01", recovery_periodic_invoice=True
        )
        self.assertIn("45", periodic.recovery_payment_term_warning)
        self.assertIn("24/02/2025", periodic.recovery_payment_term_warning)
        # A consumer has no legal maximum: nothing to flag.
        consumer = self._invoice_due(self.consumer, "2025-01-10", "2025-06-30")
        self.assertFalse(consumer.recovery_payment_term_warning)
