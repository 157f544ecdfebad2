# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestLadder(RecoveryCommon):
    """Une facture impayée gravit l'échelle de relance, un échelon à la fois."""

    def test_invoice_climbs_the_ladder_over_weeks(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-01-05")
        self.assertEqual(invoice.invoice_date_due, d("2026-01-05"))

        # Due date itself: nothing yet.
        decided, _sent = self._run("2026-01-05")
        self.assertEqual(decided["events"], 0)
        self.assertEqual(invoice.recovery_stage, "none")

        # J+1: friendly e-mail with the letter attached, through the mail queue.
        decided, sent = self._run("2026-01-06")
        self.assertEqual((decided["events"], sent["sent"]), (1, 1))
        event = invoice.recovery_event_ids
        self.assertEqual(invoice.recovery_level_id, self.level_email)
        self.assertEqual(invoice.recovery_stage, "amiable")
        self.assertEqual(event.state, "done")
        mail = self._mails(event)
        self.assertEqual(
            mail.state, "outgoing", "the e-mail waits in Odoo's mail queue"
        )
        self.assertEqual(mail.recipient_ids, self.partner_a)
        self.assertIn(invoice.name, mail.body_html)
        self.assertIn(
            f"/my/invoices/{invoice.id}", mail.body_html, "portal payment link"
        )
        self.assertEqual(mail.attachment_ids, event.attachment_id)
        self.assertIn(invoice.name, event.attachment_id.raw.decode())

        # The next day and until J+15, the invoice waits on its level.
        for day in ("2026-01-07", "2026-01-19"):
            decided, _sent = self._run(day)
            self.assertEqual(decided["events"], 0, day)
        self.assertEqual(invoice.recovery_next_date, d("2026-01-20"))

        # J+15: a phone call for the recovery responsible.
        with freeze_time("2026-01-20"):
            self.assertTrue(invoice.recovery_is_due)
        decided, sent = self._run("2026-01-20")
        call = invoice.recovery_event_ids.filtered(
            lambda e: e.level_id == self.level_phone
        )
        self.assertEqual(sent["activities"], 1)
        self.assertEqual(
            call.activity_ids.activity_type_id,
            self.env.ref("mail.mail_activity_data_call"),
        )

        # J+30: the formal reminder letter goes to the print queue.
        self._run("2026-02-04")
        letter = invoice.recovery_event_ids.filtered(
            lambda e: e.level_id == self.level_letter
        )
        self.assertEqual(letter.state, "to_print")
        self.assertIn("Formal reminder", letter.attachment_id.raw.decode())
        self.assertIn("L441-10", letter.attachment_id.raw.decode())

        # J+45: the ladder waits for the letter to be posted...
        self.assertEqual(self._run("2026-02-19")[0]["events"], 0)
        self.assertEqual(invoice.recovery_level_id, self.level_letter)
        # ... then the formal notice waits for validation, and is not sent alone.
        self._post_letters(invoice, "2026-02-19")
        self._run("2026-02-19")
        notice = invoice.recovery_event_ids.filtered(
            lambda e: e.level_id == self.level_med
        )
        self.assertEqual(notice.state, "to_validate")
        self.assertEqual(invoice.recovery_stage, "mise_en_demeure")
        self.assertFalse(notice.attachment_id)
        with freeze_time("2026-02-19"):
            notice.action_validate()
        self.assertEqual(notice.state, "to_print")
        self.assertIn("FORMAL NOTICE TO PAY", notice.attachment_id.raw.decode())

        # J+60, the notice posted: litigation; the invoice leaves the ladder.
        self._post_letters(invoice, "2026-02-20")
        self._run("2026-03-06")
        self.assertEqual(invoice.recovery_stage, "contentieux")
        self.assertEqual(invoice.recovery_level_id, self.level_legal)
        decided, _sent = self._run("2026-04-30")
        self.assertEqual(decided["events"], 0)
        self.assertEqual(len(invoice.recovery_event_ids), 5)

    def test_one_communication_per_customer_and_level(self):
        inv1 = self._invoice(self.partner_a, 100.0, "2026-03-01")
        inv2 = self._invoice(self.partner_a, 250.0, "2026-03-02")
        inv3 = self._invoice(self.partner_b, 80.0, "2026-03-01")
        decided, sent = self._run("2026-03-10")
        self.assertEqual((decided["events"], decided["moves"], sent["sent"]), (2, 3, 2))
        event_a = inv1.recovery_event_ids
        self.assertEqual(event_a, inv2.recovery_event_ids)
        self.assertEqual(event_a.move_ids, inv1 + inv2)
        self.assertEqual(event_a.amount_residual, 350.0)
        self.assertNotEqual(inv3.recovery_event_ids, event_a)
        mail = self._mails(event_a)
        self.assertEqual(len(mail), 1, "one e-mail lists both invoices")
        self.assertIn(inv1.name, mail.body_html)
        self.assertIn(inv2.name, mail.body_html)

    def test_late_start_keeps_the_ladder_rhythm(self):
        """An invoice already 50 days late starts at the first step, not at the last."""
        invoice = self._invoice(self.partner_a, 500.0, "2026-01-01")
        self._run("2026-02-20")
        self.assertEqual(invoice.recovery_level_id, self.level_email)
        # The phone call comes 14 days after the e-mail (15 - 1), not the next night.
        self.assertEqual(self._run("2026-02-21")[0]["events"], 0)
        self.assertEqual(self._run("2026-03-06")[0]["events"], 1)
        self.assertEqual(invoice.recovery_level_id, self.level_phone)

    def test_payment_mid_ladder_recovers_the_invoice(self):
        invoice = self._invoice(self.partner_a, 1000.0, "2026-01-05")
        self._run("2026-01-06")
        self._pay(invoice, 400.0, "2026-01-10")
        self.assertEqual(
            invoice.recovery_stage,
            "amiable",
            "a partial payment keeps it on the ladder",
        )
        self._run("2026-01-20")
        self.assertEqual(invoice.recovery_level_id, self.level_phone)
        self.assertEqual(invoice.recovery_event_ids[:1].amount_residual, 600.0)
        self._pay(invoice, 600.0, "2026-01-25")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.recovery_stage, "recovered")
        self.assertEqual(self._run("2026-02-10")[0]["events"], 0)
        self.assertEqual(len(invoice.recovery_event_ids), 2, "history kept")

    def test_blocked_invoice_and_customer_are_skipped(self):
        disputed = self._invoice(self.partner_a, 300.0, "2026-01-05")
        disputed.write(
            {"recovery_blocked": True, "recovery_block_reason": "Livraison contestée"}
        )
        other = self._invoice(self.partner_b, 200.0, "2026-01-05")
        self.partner_b.recovery_blocked = True
        decided, _sent = self._run("2026-01-10")
        self.assertEqual(decided["events"], 0)
        self.assertFalse(disputed.recovery_event_ids | other.recovery_event_ids)
        self.partner_b.recovery_blocked = False
        self.assertEqual(self._run("2026-01-11")[0]["events"], 1)
        self.assertEqual(other.recovery_level_id, self.level_email)

    def test_pre_reminder_before_due_date_when_enabled(self):
        pre = (
            self.env["recovery.level"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company.id), ("days", "=", -5)])
        )
        self.assertFalse(pre.active, "shipped inactive")
        pre.active = True
        invoice = self._invoice(self.partner_a, 90.0, "2026-05-20")
        self.assertEqual(self._run("2026-05-14")[0]["events"], 0)
        self._run("2026-05-15")
        self.assertEqual(invoice.recovery_level_id, pre)
        self.assertIn("soon be due", self._mails(invoice.recovery_event_ids).body_html)

    def test_recipient_is_the_recovery_contact(self):
        accountant = self.env["res.partner"].create(
            {
                "name": "Mme Leroy",
                "email": "leroy@dupont-sa.example",
                "parent_id": self.partner_a.id,
            }
        )
        self.partner_a.recovery_contact_id = accountant
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-05")
        self._run("2026-01-06")
        self.assertEqual(
            self._mails(invoice.recovery_event_ids).recipient_ids, accountant
        )

    def test_escalation_leaves_the_posted_invoice_untouched(self):
        """The ladder state of a posted invoice is kept beside it: the nightly
        escalation moves it up without rewriting the accounting entry."""
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self.assertEqual(invoice.recovery_state_id.move_id, invoice)
        self.assertEqual(invoice.recovery_stage, "none")
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT xmin, write_date FROM account_move WHERE id = %s", [invoice.id]
        )
        before = self.env.cr.fetchone()
        self._run("2026-01-02")
        self.assertEqual(invoice.recovery_level_id, self.level_email)
        self.assertEqual(invoice.recovery_stage, "amiable")
        self.assertEqual(invoice.recovery_last_date, d("2026-01-02"))
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT xmin, write_date FROM account_move WHERE id = %s", [invoice.id]
        )
        self.assertEqual(self.env.cr.fetchone(), before)
        # The invoice's own fields still search and group by the ladder.
        found = self.env["account.move"].search(
            [("recovery_level_id", "=", self.level_email.id)]
        )
        self.assertIn(invoice, found)
        groups = self.env["account.move"]._read_group(
            [("id", "=", invoice.id)], ["recovery_level_id"], ["__count"]
        )
        self.assertEqual(groups, [(self.level_email, 1)])
