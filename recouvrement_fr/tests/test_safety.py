# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.recouvrement_fr.models.ladder.recovery_engine import DECIDE_LOCK_KEY
from odoo.addons.recouvrement_fr.models.ladder.recovery_event import RecoveryEvent

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestSafety(RecoveryCommon):
    """Deux passages, deux exécutions, une panne : rien n'est envoyé deux fois."""

    def test_running_twice_the_same_day_sends_nothing_twice(self):
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        first, sent = self._run("2026-03-01")
        second, sent_again = self._run("2026-03-01")
        self.assertEqual((first["events"], sent["sent"]), (1, 1))
        self.assertEqual((second["events"], sent_again["sent"]), (0, 0))
        self.assertEqual(len(invoice.recovery_event_ids), 1)
        self.assertEqual(len(self._mails(invoice.recovery_event_ids)), 1)

    def test_concurrent_run_skips_the_company_being_decided(self):
        self._invoice(self.partner_a, 100.0, "2026-01-01")
        with self.registry.cursor() as other_cr:
            other_cr.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                (DECIDE_LOCK_KEY, self.company.id),
            )
            decided, _sent = self._run("2026-01-10")
        self.assertEqual((decided["events"], decided["skipped_companies"]), (0, 1))
        decided, _sent = self._run("2026-01-10")
        self.assertEqual(decided["events"], 1)

    def test_communication_in_chunks_sends_each_event_once(self):
        self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._invoice(self.partner_b, 100.0, "2026-01-01")
        decided, _sent = self._run_decide_only("2026-01-10")
        events = self.env["recovery.event"].browse(decided["event_ids"])
        self.assertEqual(events.mapped("state"), ["queued", "queued"])
        sent = self.env["recovery.engine"]._communicate(limit=1, chunk_size=1)
        self.assertEqual(sent["sent"], 1)
        self.assertEqual(sorted(events.mapped("state")), ["queued", "sending"])
        sent = self.env["recovery.engine"]._communicate(chunk_size=1)
        self.assertEqual(sent["sent"], 1)
        self.assertEqual(self.env["recovery.engine"]._communicate()["sent"], 0)
        self.assertEqual(len(self._mails(events)), 2)

    @mute_logger("odoo.addons.recouvrement_fr.models.sending.recovery_dispatch")
    def test_one_failure_does_not_stop_the_others_and_retry_sends_once(self):
        inv_a = self._invoice(self.partner_a, 100.0, "2026-01-01")
        inv_b = self._invoice(self.partner_b, 100.0, "2026-01-01")
        self.partner_b.email = False
        decided, sent = self._run("2026-01-10")
        self.assertEqual((sent["sent"], sent["failed"]), (1, 1))
        failed = inv_b.recovery_event_ids
        self.assertEqual(failed.state, "failed")
        self.assertIn("no e-mail address", failed.error)
        self.assertIn("could not be sent", failed.message_ids[0].body)
        self.assertEqual(inv_a.recovery_event_ids.state, "sent")
        self.partner_b.email = "factures@martin.example"
        failed.action_retry()
        self.assertEqual(failed.state, "sending", "retried at once")
        self._process_mail_queue()
        self.assertEqual(failed.state, "sent")
        _decided, sent = self._run("2026-01-10")
        self.assertEqual(sent["sent"], 0, "nothing left to send")
        self.assertEqual(len(self._mails(inv_a.recovery_event_ids)), 1)
        self.assertEqual(len(self._mails(failed)), 1)

    @mute_logger("odoo.addons.recouvrement_fr.models.sending.recovery_dispatch")
    def test_crash_in_the_middle_loses_nothing(self):
        """A crash while sending rolls the chunk back: the next run sends it, once."""
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._run_decide_only("2026-01-10")
        event = invoice.recovery_event_ids
        with (
            patch.object(RecoveryEvent, "write", side_effect=MemoryError("crash")),
            self.assertRaises(MemoryError),
        ):
            with self.env.cr.savepoint():
                self.env["recovery.engine"]._communicate()
        self.env.invalidate_all()
        self.assertEqual(event.state, "queued")
        self.assertFalse(self._mails(event))
        sent = self.env["recovery.engine"]._communicate()
        self.assertEqual(sent["sent"], 1)
        self.assertEqual(len(self._mails(event)), 1)

    def _run_decide_only(self, on):
        with patch.object(
            type(self.env["recovery.engine"]), "_communicate", autospec=True
        ) as send:
            send.return_value = {}
            return self._run(on)

    def test_events_are_never_deleted(self):
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._run("2026-01-10")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            invoice.recovery_event_ids.sudo().unlink()
        self.assertTrue(invoice.recovery_event_ids.exists())

    def test_each_company_has_its_own_ladder(self):
        other = self.setup_other_company(name="Filiale Lyon")["company"]
        other_levels = self.env["recovery.level"].search(
            [("company_id", "=", other.id)]
        )
        self.assertEqual(len(other_levels), len(self.levels))
        self.assertFalse(other_levels & self.levels)
        # Changing one company's ladder leaves the other's alone.
        other_levels.filtered(lambda lvl: lvl.days == 1).days = 10
        self.assertEqual(self.level_email.days, 1)
        inv_other = self._invoice(self.partner_a, 100.0, "2026-01-01", company=other)
        inv_main = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._run("2026-01-05")
        self.assertEqual(inv_main.recovery_level_id, self.level_email)
        self.assertFalse(inv_other.recovery_level_id, "only the main company was run")
        self._run("2026-01-05", company=other)
        self.assertFalse(inv_other.recovery_level_id, "its own first level is at J+10")
        self._run("2026-01-11", company=other)
        self.assertEqual(inv_other.recovery_level_id.company_id, other)
