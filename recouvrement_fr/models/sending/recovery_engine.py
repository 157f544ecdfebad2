# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.tools import SQL

from ...core.vocabulary import COMMUNICATE_STATS

_logger = logging.getLogger(__name__)

# Events carried out by one call of the communicate cron, and per chunk.
COMMUNICATE_BATCH = 200
COMMUNICATE_CHUNK = 200
COMMUNICATE_CRON = "recouvrement_fr.ir_cron_recovery_communicate"
BATCH_SIZE_PARAM = "recouvrement_fr.communicate_batch_size"


class RecoveryEngine(models.AbstractModel):
    """The engine's second half: communicate what decide queued, and the
    crons that run both halves (see models/ladder/recovery_engine.py)."""

    _inherit = "recovery.engine"

    # ------------------------------------------------------------
    # COMMUNICATE
    # ------------------------------------------------------------

    @api.model
    def _communicate(self, limit=None, chunk_size=COMMUNICATE_CHUNK, company_ids=None):
        """Carry out the queued communications, chunk by chunk.

        Each chunk locks its events (``FOR UPDATE SKIP LOCKED``) until the
        transaction ends, so that two runs never carry out the same event.
        Nothing is committed here: the cron runner commits each call of
        :meth:`_cron_communicate`.
        """
        stats = dict.fromkeys(COMMUNICATE_STATS, 0)
        companies = company_ids or self.env.companies.ids
        remaining = limit
        while remaining is None or remaining > 0:
            size = chunk_size if remaining is None else min(chunk_size, remaining)
            events = self._lock_queued(companies, size)
            if not events:
                break
            for key, value in self._communicate_chunk(events).items():
                stats[key] += value
            if remaining is not None:
                remaining -= len(events)
            if len(events) < size:
                break
        return stats

    @api.model
    def _lock_queued(self, company_ids, size, event_ids=None):
        """Lock and return up to ``size`` queued events (of ``event_ids``,
        if given) that no other run holds."""
        only = SQL("AND id = ANY(%s)", list(event_ids)) if event_ids else SQL()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM recovery_event
                 WHERE state = 'queued' AND company_id = ANY(%s) %s
                 ORDER BY id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                list(company_ids),
                only,
                size,
            )
        )
        return self.env["recovery.event"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )

    @api.model
    def _communicate_chunk(self, events):
        """Carry out ``events`` (locked, queued) and log their steps."""
        self._log_steps(events)
        return self.env["recovery.dispatch"]._communicate_events(events)

    # ------------------------------------------------------------
    # CRONS
    # ------------------------------------------------------------

    @api.model
    def _cron_escalate(self):
        """Nightly escalation: decide for every company, one statement each,
        then wake the communicate cron up.

        Safe to run again the same day: an invoice climbs once a day.
        """
        stats = {"events": 0, "moves": 0, "skipped_companies": 0, "event_ids": []}
        for company in self.env["res.company"].search([]):
            done = self._for_company(company)._decide(company_ids=company.ids)
            for key, value in done.items():
                stats[key] += value
        _logger.info(
            "Recovery escalation: %s invoices moved, %s events",
            stats["moves"],
            stats["events"],
        )
        self.env["ir.cron"].sudo()._notify_progress(done=stats["moves"], remaining=0)
        if stats["events"]:
            self._trigger_communicate()
        return stats

    @api.model
    def _cron_communicate(self, batch_size=None):
        """Carry out one bounded batch of queued events, company by company
        in its language, and report the progress: the cron runner commits the
        batch and calls again while some remain.

        Batch size: ``batch_size``, else the system parameter
        ``recouvrement_fr.communicate_batch_size``, else 200.
        """
        stats = dict.fromkeys(COMMUNICATE_STATS, 0)
        budget = batch_size or self._batch_size(BATCH_SIZE_PARAM, COMMUNICATE_BATCH)
        for company in self.env["res.company"].search([]):
            if budget <= 0:
                break
            done = self._for_company(company)._communicate(
                limit=budget, company_ids=company.ids
            )
            for key, value in done.items():
                stats[key] += value
            budget -= sum(done.values())
        done = sum(stats.values())
        # No progress (every queued event held by another run): stop here.
        remaining = self._count_queued() if done else 0
        self.env["ir.cron"].sudo()._notify_progress(done=done, remaining=remaining)
        _logger.info("Recovery communications: %s, %s remaining", stats, remaining)
        return stats

    @api.model
    def _batch_size(self, param, default):
        """Size of a cron's batch: the system parameter ``param``, or ``default``."""
        value = self.env["ir.config_parameter"].sudo().get_param(param)
        return int(value) if value and str(value).isdigit() else default

    @api.model
    def _count_queued(self):
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM recovery_event WHERE state = 'queued' "
                "AND company_id = ANY(%s)",
                self.env["res.company"].search([]).ids,
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _trigger_communicate(self):
        """Ask the cron runner to carry out the queued events soon."""
        cron = self.env.ref(COMMUNICATE_CRON, raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()
