# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging

from odoo import _, api, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.recouvrement_fr.tools.sending import TRANSIENT_ERRORS

_logger = logging.getLogger(__name__)

# Customers per job: small enough for a job to finish in a few seconds, large
# enough for the documents of a chunk to render in one wkhtmltopdf run.
CUSTOMERS_PER_JOB_PARAM = "recouvrement_fr_queue_job.customers_per_job"
DEFAULT_CUSTOMERS_PER_JOB = 50
CHANNEL = "root.recouvrement"


def chunk_identity(job):
    """One job per set of events: the same chunk is never queued twice."""
    event_ids = sorted(job.args[0]) if job.args else []
    key = "recovery-communicate:" + ",".join(map(str, event_ids))
    return hashlib.sha1(key.encode()).hexdigest()


class RecoveryEngine(models.AbstractModel):
    _inherit = "recovery.engine"

    # ------------------------------------------------------------
    # ENQUEUE
    # ------------------------------------------------------------

    def _queue_job_chunks(self, company_ids, limit=None):
        """Queued events of ``company_ids`` (the first ``limit`` of them) split
        in chunks of whole customers.

        Returns a list of lists of event ids, each customer's events together
        so that one job sends a customer's communications of the day.
        """
        size = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(CUSTOMERS_PER_JOB_PARAM, DEFAULT_CUSTOMERS_PER_JOB)
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH todo AS (
                    SELECT id, company_id, partner_id
                      FROM recovery_event
                     WHERE state = 'queued' AND company_id = ANY(%s)
                     ORDER BY id
                     LIMIT %s
                )
                SELECT ARRAY_AGG(id ORDER BY id)
                  FROM todo
                 GROUP BY company_id, partner_id
                 ORDER BY company_id, MIN(id)
                """,
                list(company_ids),
                limit,
            )
        )
        per_customer = [row[0] for row in self.env.cr.fetchall()]
        return [
            [event_id for ids in per_customer[i : i + size] for event_id in ids]
            for i in range(0, len(per_customer), max(size, 1))
        ]

    @api.model
    def _queue_job_enqueue(self, company_ids, limit=None):
        """One job per chunk of customers on the ``root.recouvrement`` channel.

        Returns the number of chunks; a chunk already waiting in the queue
        (same events) is not queued again.
        """
        chunks = self._queue_job_chunks(company_ids, limit=limit)
        for event_ids in chunks:
            self.with_delay(
                channel=CHANNEL,
                identity_key=chunk_identity,
                description=_(
                    "Recovery: sending a chunk of communications (%(count)s)",
                    count=len(event_ids),
                ),
            )._job_communicate_chunk(event_ids)
        return len(chunks)

    # OVERRIDE
    @api.model
    def _cron_communicate(self, batch_size=None):
        """The communicate cron queues jobs instead of sending in its own
        process: one job per chunk of customers, for the workers to run.

        The cron's run is then fully done; a chunk already waiting in the
        queue is not queued twice.
        """
        jobs = 0
        for company in self.env["res.company"].search([]):
            jobs += self._for_company(company)._queue_job_enqueue(company.ids)
        self.env["ir.cron"].sudo()._notify_progress(done=jobs, remaining=0)
        _logger.info("Recovery communications: %s jobs queued", jobs)
        return {"jobs": jobs}

    # ------------------------------------------------------------
    # THE JOB
    # ------------------------------------------------------------

    @api.model
    def _job_communicate_chunk(self, event_ids):
        """Carry out the events of one chunk that are still queued.

        The event's state is the only truth: a job that runs twice, or after
        another one, finds nothing queued and sends nothing. A mail server or
        PDF error rolls the whole chunk back and raises a retryable error, so
        that queue_job tries again later following the job's retry pattern.
        """
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM recovery_event
                 WHERE id = ANY(%s) AND state = 'queued'
                 ORDER BY id
                   FOR UPDATE SKIP LOCKED
                """,
                list(event_ids),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        company = self.env["recovery.event"].browse(event_ids).company_id[:1]
        # What the job writes is read by the recovery responsible, in French
        # for a French company.
        engine = self._for_company(company).with_context(recovery_raise_transient=True)
        if not ids:
            return engine._job_result(None)
        events = engine.env["recovery.event"].browse(ids)
        try:
            stats = engine._communicate_chunk(events)
        except TRANSIENT_ERRORS as exc:
            raise RetryableJobError(engine._job_retry_message(exc)) from exc
        return engine._job_result(stats)

    @api.model
    def _job_retry_message(self, error):
        return _(
            "Temporary error, the chunk will be tried again: %(error)s", error=error
        )

    @api.model
    def _job_result(self, stats):
        """What the job's record says it did, in the responsible's language."""
        if stats is None:
            return _("Nothing left to send in this chunk.")
        return _(
            "Sent: %(sent)s, letters: %(printed)s, activities: %(activities)s, "
            "failed: %(failed)s",
            **{
                key: stats.get(key, 0)
                for key in ("sent", "printed", "activities", "failed")
            },
        )
