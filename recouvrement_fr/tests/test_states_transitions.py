# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""True states: calls and tasks to do until done, letters to print until
posted, registered letters to post, posted, received; the invoice's last
recovery step counts only what reached the customer."""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestStatesTransitions(RecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.partner_a.write({"phone": "+33 4 78 12 34 56"})

    def _at_level(self, level, last_date, amount=1500.0, invoice_date="2026-01-01"):
        invoice = self._invoice(self.partner_a, amount, invoice_date)
        invoice.write({"recovery_level_id": level.id, "recovery_last_date": last_date})
        return invoice

    def test_call_is_to_do_until_its_activity_is_done_with_an_outcome(self):
        invoice = self._at_level(self.level_email, "2026-01-02")
        self._run("2026-01-16")
        call = invoice.recovery_event_ids
        self.assertEqual((call.channel, call.state), ("phone", "to_do"))
        self.assertFalse(invoice.recovery_last_sent_date, "a planned call is not made")
        activity = call.activity_ids
        self.assertEqual(activity.user_id, self.accountant)
        # In the French of the responsible, with the number to call.
        self.assertEqual(
            activity.summary, "Appeler partner_a au sujet d'une facture échue"
        )
        self.assertIn("+33 4 78 12 34 56", activity.note)
        self.assertIn("1&nbsp;500,00", activity.note)
        self.assertIn(invoice.name, activity.note)

        # Marked done without an outcome: refused, in French.
        with self.assertRaisesRegex(UserError, "choisissez le résultat de l'appel"):
            activity.with_user(self.accountant).action_feedback(feedback="ok")
        self.assertEqual(call.state, "to_do")

        call.with_user(self.accountant).call_outcome = "reached"
        with freeze_time("2026-01-17"):
            activity.with_user(self.accountant).action_feedback(feedback="Virement")
        self.assertEqual(call.state, "done")
        self.assertEqual(call.carried_out_date, d("2026-01-17"))
        self.assertFalse(call.activity_ids)
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-01-17"))

    def test_call_made_from_the_communication(self):
        invoice = self._at_level(self.level_email, "2026-01-02")
        self._run("2026-01-16")
        call = invoice.recovery_event_ids.with_user(self.accountant)
        with self.assertRaisesRegex(UserError, "résultat de l'appel"):
            call.action_done()
        call.call_outcome = "no_answer"
        call.action_done()
        self.assertEqual(call.state, "done")
        self.assertFalse(call.activity_ids)
        self.assertTrue(
            any("Pas de réponse" in message.body for message in call.message_ids),
            call.message_ids.mapped("body"),
        )

    def test_legal_task_is_to_do_then_done(self):
        invoice = self._at_level(self.level_med, "2026-02-15")
        invoice.recovery_stage = "mise_en_demeure"
        self._run("2026-03-02")
        task = invoice.recovery_event_ids
        self.assertEqual((task.channel, task.state), ("legal", "to_do"))
        self.assertEqual(
            task.activity_ids.summary, "Préparer le dossier contentieux de partner_a"
        )
        task.activity_ids.with_user(self.accountant).action_feedback()
        self.assertEqual(task.state, "done")

    def test_registered_letter_to_post_posted_received(self):
        invoice = self._at_level(self.level_letter, "2026-01-31")
        self._run("2026-02-15")
        notice = invoice.recovery_event_ids.with_user(self.accountant)
        self.assertEqual(notice.state, "to_validate")
        with freeze_time("2026-02-15"):
            notice.action_validate()
        self.assertEqual(notice.state, "to_post")
        self.assertFalse(invoice.recovery_last_sent_date)
        self.assertEqual(invoice.recovery_last_date, d("2026-02-15"), "decided")
        with freeze_time("2026-02-16"):
            notice.lrar_number = "1A 234 567 8901 2"
        self.assertEqual(notice.state, "posted")
        self.assertEqual(notice.lrar_sent_date, d("2026-02-16"))
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-02-16"))
        with self.assertRaises(UserError):
            notice.action_cancel()
        # Posted the day after all: the date on the receipt is what counts.
        notice.lrar_sent_date = "2026-02-17"
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-02-17"))
        notice.ar_date = "2026-02-18"
        self.assertEqual(notice.state, "received")
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-02-17"), "posted on")

    def test_simple_letter_to_print_then_sent_when_posted(self):
        invoice = self._at_level(self.level_phone, "2026-01-16")
        self._run("2026-01-31")
        letter = invoice.recovery_event_ids.with_user(self.accountant)
        self.assertEqual((letter.channel, letter.state), ("letter", "to_print"))
        with freeze_time("2026-02-02"):
            letter.action_mark_sent()
        self.assertEqual(letter.state, "sent")
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-02-02"))
        with self.assertRaisesRegex(UserError, "ne peut pas être annulée"):
            letter.action_cancel()

    def test_cancelling_a_planned_call_removes_its_activity(self):
        invoice = self._at_level(self.level_email, "2026-01-02")
        self._run("2026-01-16")
        call = invoice.recovery_event_ids.with_user(self.accountant)
        call.action_cancel()
        self.assertEqual(call.state, "cancelled")
        self.assertFalse(call.activity_ids)

    def test_last_recovery_step_is_labelled_and_shows_only_what_was_sent(self):
        fields = self.env["account.move"].with_context(lang="fr_FR").fields_get()
        self.assertEqual(
            fields["recovery_last_sent_date"]["string"], "Date de la dernière relance"
        )
        self.assertEqual(
            fields["recovery_last_date"]["string"], "Dernière étape décidée"
        )

    def test_a_list_of_events_never_adds_up_the_same_debt(self):
        invoice = self._at_level(self.level_email, "2026-01-02", amount=1000.0)
        self._run("2026-01-16")  # the call
        self._run("2026-01-31")  # the letter: the same 1000 again
        events = invoice.recovery_event_ids
        self.assertEqual(len(events), 2)
        self.assertEqual(events.mapped("amount_residual"), [1000.0, 1000.0])
        groups = (
            self.env["recovery.event"]
            .with_user(self.accountant)
            .web_read_group(
                [("id", "in", events.ids)], ["amount_residual"], ["partner_id"]
            )["groups"]
        )
        self.assertEqual(groups[0]["partner_id_count"], 2)
        self.assertNotIn("amount_residual", groups[0], "no 2000 for a 1000 debt")
        arch = self.env.ref("recouvrement_fr.recovery_event_view_list").arch
        self.assertNotIn("sum=", arch)
