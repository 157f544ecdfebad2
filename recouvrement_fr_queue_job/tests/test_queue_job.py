# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.recouvrement_fr.tests.common import RecoveryCommon

from ..models.recovery_engine import CHANNEL, CUSTOMERS_PER_JOB_PARAM


@tagged("post_install", "-at_install")
class TestQueueJob(RecoveryCommon):
    """La communication du jour répartie en tâches queue_job, une par lot de
    clients : jamais deux fois la même, rejouée après une erreur passagère."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.env["ir.module.module"]._load_module_terms(
            ["recouvrement_fr_queue_job"], ["fr_FR"]
        )
        cls.env["ir.config_parameter"].sudo().set_param(CUSTOMERS_PER_JOB_PARAM, 1)
        cls.invoices = cls._invoice(cls.partner_a, 100.0, "2026-01-01") | cls._invoice(
            cls.partner_b, 200.0, "2026-01-01"
        )
        cls.engine = cls.env["recovery.engine"].with_user(cls.accountant)

    def _decide(self):
        with freeze_time("2026-01-10"):
            return self.env["recovery.engine"]._decide(company_ids=self.company.ids)

    def _enqueue(self):
        with freeze_time("2026-01-10"):
            return self.engine._queue_job_enqueue(self.company.ids)

    def test_one_job_per_chunk_of_customers_queued_once(self):
        decided = self._decide()
        events = self.env["recovery.event"].browse(decided["event_ids"])
        self.assertEqual(len(events), 2)
        with trap_jobs() as trap:
            self.assertEqual(self._enqueue(), 2)
            trap.assert_jobs_count(2, only=self.engine._job_communicate_chunk)
            for job in trap.enqueued_jobs:
                self.assertEqual(job.channel, CHANNEL)
                self.assertEqual(len(job.args[0]), 1)
        # Stored jobs: enqueuing again the same chunks adds nothing.
        self._enqueue()
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search([("method_name", "=", "_job_communicate_chunk")])
        )
        self.assertEqual(len(jobs), 2)
        self._enqueue()
        self.assertEqual(
            self.env["queue.job"]
            .sudo()
            .search_count([("method_name", "=", "_job_communicate_chunk")]),
            2,
        )
        self.assertEqual(set(jobs.mapped("channel")), {CHANNEL})

    def test_the_communicate_cron_queues_jobs_and_the_workers_send(self):
        """Through the cron records ("run manually"), as the nightly run does;
        the jobs then run as the accountant would see them, in French."""
        escalate = self.env.ref("recouvrement_fr.ir_cron_recovery_escalate")
        communicate = self.env.ref("recouvrement_fr.ir_cron_recovery_communicate")
        with freeze_time("2026-01-10"):
            escalate.method_direct_trigger()
        events = self.invoices.recovery_event_ids
        self.assertEqual(events.mapped("state"), ["queued", "queued"])
        with trap_jobs() as trap, freeze_time("2026-01-10"):
            communicate.method_direct_trigger()
            progress = self.env["ir.cron.progress"].search(
                [("cron_id", "=", communicate.id)], order="id desc", limit=1
            )
            self.assertEqual((progress.done, progress.remaining), (2, 0))
            trap.assert_jobs_count(2, only=self.engine._job_communicate_chunk)
            self.assertEqual(
                events.mapped("state"), ["queued", "queued"], "sent by the workers"
            )
            self.assertEqual(
                trap.enqueued_jobs[0].description,
                "Recouvrement : envoi d'un lot de communications (1)",
            )
            trap.perform_enqueued_jobs()
        self.assertFalse(events.filtered(lambda e: e.state == "queued"))
        self.assertEqual(len(self._mails(events)), 2)

    def test_a_job_run_twice_sends_nothing_twice(self):
        decided = self._decide()
        events = self.env["recovery.event"].browse(decided["event_ids"])
        with trap_jobs() as trap:
            self._enqueue()
            trap.perform_enqueued_jobs()
        self.assertFalse(events.filtered(lambda e: e.state == "queued"))
        self.assertEqual(len(self._mails(events)), 2)
        # The same chunk once more (a job retried after it had succeeded).
        result = self.engine._job_communicate_chunk(events.ids)
        self.assertEqual(result, "Il ne reste rien à envoyer dans ce lot.")
        self.assertEqual(len(self._mails(events)), 2)

    def test_a_pdf_error_rolls_back_and_retries_the_chunk(self):
        decided = self._decide()
        events = self.env["recovery.event"].browse(decided["event_ids"])
        report = type(self.env["ir.actions.report"])
        with (
            patch.object(
                report, "_render_qweb_html", side_effect=OSError("wkhtmltopdf crashed")
            ),
            self.assertRaises(RetryableJobError),
            self.env.cr.savepoint(),
        ):
            self.engine._job_communicate_chunk(events[:1].ids)
        self.assertEqual(events[:1].state, "queued", "rolled back, tried again later")
        self.assertFalse(self._mails(events))
        self.engine._job_communicate_chunk(events[:1].ids)
        self.assertNotEqual(events[:1].state, "queued")
        self.assertEqual(len(self._mails(events[:1])), 1)
