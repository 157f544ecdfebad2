# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestFrenchLaw(RecoveryCommon):
    """Pénalités, 40 €, intérêts, prescription et procédure, sur de vraies factures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The accountant reads the computation in French, French numbers.
        cls._load_french(as_user=True)
        cls.consumer = cls.env["res.partner"].create(
            {
                "name": "M. Jean Petit",
                "email": "jean.petit@example.com",
                "is_company": False,
            }
        )

    def _b2b_invoice_partly_paid(self):
        # 2 000 EUR TTC due 2025-05-20, 500 EUR paid on 2025-06-10.
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        self._pay(invoice, 500.0, "2025-06-10")
        return invoice

    def test_penalties_across_a_payment_and_a_semester(self):
        invoice = self._b2b_invoice_partly_paid()
        with freeze_time("2025-08-10"):
            invoice.invalidate_recordset()
            # ECB + 10: H1 2025 3.15 + 10 = 13.15 %; H2 2025 2.15 + 10 = 12.15 %.
            # 21/05-10/06: 2000 x 13.15 % x 21/365 = 15.1315 -> 15.13
            # 11/06-30/06: 1500 x 13.15 % x 20/365 = 10.8082 -> 10.81
            # 01/07-10/08: 1500 x 12.15 % x 41/365 = 20.4719 -> 20.47
            self.assertAlmostEqual(invoice.recovery_penalty_amount, 46.41)
            self.assertEqual(invoice.recovery_indemnity_amount, 40.0)
            self.assertEqual(invoice.recovery_interest_amount, 0.0)
            # 1 500 + 46.41 + 40 = 1 586.41
            self.assertAlmostEqual(invoice.recovery_total_claim, 1586.41)
            self.assertEqual(len(invoice.recovery_claim_detail.splitlines()), 4)
            # In the reader's format (French database): "2 000,00 € × 13,15 %".
            self.assertIn("13,15", invoice.recovery_claim_detail)
            # 5 years from the due date, restarted by the payment (C. civ. 2240).
            self.assertEqual(invoice.recovery_prescription_date, d("2030-06-10"))
            self.assertFalse(invoice.recovery_prescription_near)

    def test_contractual_rate_is_raised_to_three_times_the_legal_rate(self):
        self.partner_a.recovery_penalty_rate = 5.0
        invoice = self._invoice(self.partner_a, 1000.0, "2025-02-28")
        with freeze_time("2025-03-31"):
            # 3 x 3.71 (legal rate 2025 H1) = 11.13 % > 5 %:
            # 1000 x 11.13 % x 31/365 = 9.4529 -> 9.45
            self.assertAlmostEqual(invoice.recovery_penalty_amount, 9.45)
        self.partner_a.recovery_penalty_rate = 15.0
        with freeze_time("2025-03-31"):
            invoice.invalidate_recordset()
            # 1000 x 15 % x 31/365 = 12.7397 -> 12.74
            self.assertAlmostEqual(invoice.recovery_penalty_amount, 12.74)

    def test_penalty_invoice_has_no_vat_and_is_never_billed_twice(self):
        invoice = self._b2b_invoice_partly_paid()
        with freeze_time("2025-08-10"):
            action = invoice.action_recovery_bill_penalties()
            bill = self.env["account.move"].browse(action["params"]["next"]["res_id"])
            self.assertEqual(bill.state, "posted")
            # The accountant is told what was billed, in French.
            self.assertEqual(action["tag"], "display_notification")
            self.assertRegex(
                action["params"]["message"],
                f"^Facture de pénalités {bill.name} comptabilisée pour "
                f"{self.partner_a.name} : .*86,41",
            )
            self.assertEqual(bill.partner_id, self.partner_a)
            self.assertEqual(bill.amount_tax, 0.0)
            self.assertFalse(
                bill.line_ids.filtered("tax_line_id"), "outside the scope of VAT"
            )
            self.assertAlmostEqual(bill.amount_total, 86.41)  # 46.41 + 40
            self.assertIn(invoice.name, bill.invoice_line_ids[0].name)
            invoice.invalidate_recordset()
            self.assertEqual(invoice.recovery_penalty_amount, 0.0)
            self.assertEqual(invoice.recovery_indemnity_amount, 0.0)
            with self.assertRaisesRegex(UserError, "Rien à facturer"):
                invoice.action_recovery_bill_penalties()
        with freeze_time("2025-09-10"):
            invoice.invalidate_recordset()
            action = invoice.action_recovery_bill_penalties()
            second = self.env["account.move"].browse(action["params"]["next"]["res_id"])
            # Only 11/08-10/09: 1500 x 12.15 % x 31/365 = 15.4788 -> 15.48, no new 40.
            self.assertAlmostEqual(second.amount_total, 15.48)
            self.assertEqual(second.invoice_line_ids.recovery_penalty_kind, "penalty")
        # A cancelled penalty invoice frees its period again.
        with freeze_time("2025-09-10"):
            second.button_draft()
            second.button_cancel()
            invoice.invalidate_recordset()
            self.assertAlmostEqual(invoice.recovery_penalty_amount, 15.48)

    def test_consumer_owes_legal_interest_from_the_formal_notice_only(self):
        invoice = self._invoice(self.consumer, 1000.0, "2025-09-01")
        with freeze_time("2025-12-31"):
            self.assertFalse(invoice.recovery_is_b2b)
            self.assertEqual(invoice.recovery_penalty_amount, 0.0)
            self.assertEqual(
                invoice.recovery_indemnity_amount, 0.0, "no 40 EUR for a consumer"
            )
            self.assertEqual(invoice.recovery_interest_amount, 0.0, "no notice yet")
        self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.consumer.id,
                "level_id": self.level_med.id,
                "channel": "lrar",
                "state": "done",
                "date": "2025-10-01",
                "lrar_sent_date": "2025-10-01",
                "move_ids": [(6, 0, invoice.ids)],
            }
        )
        with freeze_time("2025-12-31"):
            invoice.invalidate_recordset()
            # From the notice's receipt (C. civ. 1231-6, 1344-1), not its
            # posting: posted Wednesday 1 October, presumed received 3 working
            # days later, Monday 6 October (issue #21). Legal rate "other
            # cases" 2025 H2 = 2.76 %, from 07/10 to 31/12 = 86 days:
            # 1000 x 2.76 % x 86/365 = 6.5030 -> 6.50
            self.assertAlmostEqual(invoice.recovery_interest_amount, 6.50)
            self.assertAlmostEqual(invoice.recovery_total_claim, 1006.50)
            # 2 years from the invoice date (Code de la consommation L218-2).
            self.assertEqual(invoice.recovery_prescription_date, d("2027-09-01"))

    def test_insolvent_customer_leaves_the_ladder_and_indemnity_follows_judgment(self):
        invoice = self._invoice(self.partner_a, 1000.0, "2025-06-30")
        after_judgment = self._invoice(self.partner_a, 500.0, "2025-07-20")
        self.partner_a.write(
            {
                "recovery_insolvency": "redressement",
                "recovery_insolvency_date": "2025-07-15",
                "recovery_bodacc_date": "2025-07-25",
            }
        )
        self.assertEqual(self.partner_a.recovery_claim_deadline, d("2025-09-25"))
        self.assertEqual(self._run("2025-08-01")[0]["events"], 0)
        with freeze_time("2025-08-01"):
            # Interest stops the day before the judgment, which takes effect
            # at 0 h (L622-28, issue #21): 01/07-14/07, 14 days at 12.15 %:
            # 1000 x 12.15 % x 14/365 = 4.6603 -> 4.66
            self.assertAlmostEqual(invoice.recovery_penalty_amount, 4.66)
            # Already late before the judgment: the 40 EUR is kept, to be
            # declared (L441-10 II); due after it: payment was forbidden.
            self.assertEqual(invoice.recovery_indemnity_amount, 40.0)
            self.assertEqual(after_judgment.recovery_indemnity_amount, 0.0)
            self.assertEqual(after_judgment.recovery_penalty_amount, 0.0)
            self.assertEqual(invoice.recovery_procedure, "declare_claim")
            self.assertIn(
                "mandataire judiciaire", invoice.recovery_procedure_explanation
            )

    def test_procedure_advice_follows_amount_and_dispute(self):
        small = self._invoice(self.partner_a, 1200.0, "2025-01-10")
        with freeze_time("2025-03-01"):
            self.assertEqual(small.recovery_procedure, "amicable_first")
        self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.partner_a.id,
                "level_id": self.level_med.id,
                "channel": "lrar",
                "state": "done",
                "date": "2025-02-25",
                "move_ids": [(6, 0, small.ids)],
            }
        )
        with freeze_time("2025-03-01"):
            small.invalidate_recordset()
            self.assertEqual(small.recovery_procedure, "petites_creances")
            self.assertIn(
                "commissaire de justice", small.recovery_procedure_explanation
            )
            small.recovery_blocked = True
            small.recovery_block_reason = "Qualité contestée"
            small.invalidate_recordset()
            self.assertEqual(small.recovery_procedure, "assignation")
            self.assertIn("contestée", small.recovery_procedure_explanation)

    def test_missing_semester_rate_is_said_plainly(self):
        self.env["recovery.rate"].search([("date_from", ">=", "2026-07-01")]).unlink()
        invoice = self._invoice(self.partner_a, 1000.0, "2026-06-15")
        with freeze_time("2026-08-01"):
            self.assertIn("2026-H2", invoice.recovery_law_warning)
            with self.assertRaisesRegex(UserError, "2026-H2"):
                invoice.action_recovery_bill_penalties()
        self.assertFalse(
            self.env["account.move"].search([("invoice_origin", "=", invoice.name)]),
            "nothing half-created",
        )

    def test_due_date_beyond_legal_terms_is_flagged(self):
        invoice = self._invoice(self.partner_a, 100.0, "2025-01-10")
        self.assertFalse(invoice.recovery_payment_term_warning)
        late_terms = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_a.id,
                "invoice_date": "2025-01-10",
                "invoice_date_due": "2025-05-10",
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    (0, 0, {"name": "x", "price_unit": 100.0, "tax_ids": []})
                ],
            }
        )
        late_terms.action_post()
        self.assertIn("L441-10", late_terms.recovery_payment_term_warning)

    def test_penalties_billed_automatically_with_the_formal_notice(self):
        self.company.recovery_bill_penalties_at_notice = True
        # A notice is not issued without the debtor's address.
        self.partner_a.write({"street": "5 avenue Foch", "city": "Paris"})
        invoice = self._invoice(self.partner_a, 1000.0, "2025-01-01")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2025-01-31",
            }
        )
        self._run("2025-02-15")
        notice = invoice.recovery_event_ids
        with freeze_time("2025-02-15"):
            notice.action_validate()
        bills = self.env["account.move"].search([("invoice_origin", "=", invoice.name)])
        self.assertEqual(len(bills), 1)
        # 02/01-15/02, 45 days: 1000 x 13.15 % x 45/365 = 16.2123 -> 16.21; + 40
        self.assertAlmostEqual(bills.amount_total, 56.21)
