# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

from .account_move import create_recovery_states
from .recovery_dispatch import COMMUNICATE_STATS

_logger = logging.getLogger(__name__)

# Invoices in these stages climb the ladder; the others wait for a user.
CLIMBING_STAGES = ("none", "amiable", "mise_en_demeure")
# Key of the advisory lock taken while deciding (second key: company id).
DECIDE_LOCK_KEY = 47104101


class RecoveryEngine(models.AbstractModel):
    """The recovery engine: decide who climbs the ladder, then communicate.

    A service (no table), like ``account.move.send``: ``recovery.event`` keeps
    the evidence, this model carries the ladder out.
    """

    _name = "recovery.engine"
    _description = "Recovery Engine"

    # ------------------------------------------------------------
    # ENGINE: DECIDE
    # ------------------------------------------------------------

    def _candidates_sql(self, today, company_ids, move_ids=None, force=False):
        """SQL of the invoices to move one level up, with their new level.

        One row per invoice: id, company_id, partner_id, amount (company
        currency), level_id, and the level's stage. The next level is the first
        active one after the current level; it is reached ``days`` after the
        due date and, after a previous level, at least the difference of days
        after it (so the ladder keeps its rhythm when started late).
        """
        where_moves = "AND m.id = ANY(%(move_ids)s)" if move_ids is not None else ""
        query = f"""
            SELECT m.id, m.company_id, m.commercial_partner_id AS partner_id,
                   m.amount_residual_signed AS amount, nl.id AS level_id,
                   nl.stage AS stage, s.id AS state_id
              FROM account_move m
              JOIN recovery_move_state s ON s.id = m.recovery_state_id
              JOIN res_partner p ON p.id = m.commercial_partner_id
              LEFT JOIN recovery_level cur ON cur.id = s.level_id
              JOIN LATERAL (
                    SELECT l.id, l.days, l.stage
                      FROM recovery_level l
                     WHERE l.company_id = m.company_id
                       AND l.active
                       AND (cur.id IS NULL
                            OR l.sequence > cur.sequence
                            OR (l.sequence = cur.sequence AND l.id > cur.id))
                     ORDER BY l.sequence, l.id
                     LIMIT 1
                   ) nl ON TRUE
             WHERE m.move_type = 'out_invoice'
               AND m.state = 'posted'
               AND m.payment_state IN ('not_paid', 'partial')
               AND m.amount_residual > 0
               AND m.invoice_date_due IS NOT NULL
               AND m.company_id = ANY(%(company_ids)s)
               AND NOT COALESCE(m.recovery_blocked, FALSE)
               AND NOT COALESCE(p.recovery_blocked, FALSE)
               AND p.recovery_insolvency IS NULL
               AND COALESCE(s.stage, 'none') IN %(stages)s
               AND (s.last_date IS NULL OR s.last_date < %(today)s)
               AND (%(force)s OR (
                    m.invoice_date_due + nl.days <= %(today)s
                    AND (s.last_date IS NULL
                         OR s.last_date + GREATEST(nl.days - cur.days, 0)
                            <= %(today)s)))
               {where_moves}
        """
        params = {
            "today": today,
            "company_ids": list(company_ids),
            "stages": CLIMBING_STAGES,
            "force": bool(force),
            "move_ids": list(move_ids or []),
        }
        return query, params

    @api.model
    def _decide(self, today=None, company_ids=None, move_ids=None, force=False):
        """Move overdue invoices one level up and queue their communications.

        Invoices are grouped per customer and level into one event. Set-based:
        one statement per company whatever the number of invoices. A company
        whose ladder another run is deciding is skipped.
        """
        today = today or fields.Date.context_today(self)
        companies = (
            self.env["res.company"].browse(company_ids)
            if company_ids
            else self.env.companies
        )
        self.env.flush_all()
        # Invoices posted before the add-on, or written in SQL, have no state.
        create_recovery_states(self.env.cr, self.env.uid)
        stats = {"events": 0, "moves": 0, "skipped_companies": 0}
        event_ids = []
        for company in companies:
            self.env.cr.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                (DECIDE_LOCK_KEY, company.id),
            )
            if not self.env.cr.fetchone()[0]:
                _logger.info(
                    "Recovery: %s is being decided elsewhere, skipped", company.name
                )
                stats["skipped_companies"] += 1
                continue
            cand_sql, params = self._candidates_sql(
                today, [company.id], move_ids=move_ids, force=force
            )
            params.update(
                uid=self.env.uid, user_id=company.recovery_user_id.id or self.env.uid
            )
            self.env.cr.execute(
                f"""
                WITH cand AS MATERIALIZED ({cand_sql}),
                grp AS (
                    SELECT company_id, partner_id, level_id, SUM(amount) AS amount,
                           ARRAY_AGG(id ORDER BY id) AS move_ids
                      FROM cand
                     GROUP BY company_id, partner_id, level_id
                ),
                ins AS (
                    INSERT INTO recovery_event (
                        company_id, partner_id, level_id, channel, state, date,
                        amount_residual, user_id, create_uid, create_date,
                        write_uid, write_date)
                    SELECT g.company_id, g.partner_id, g.level_id, l.channel,
                           CASE WHEN l.needs_validation THEN 'to_validate'
                                ELSE 'queued' END,
                           %(today)s, g.amount, %(user_id)s, %(uid)s,
                           NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                      FROM grp g
                      JOIN recovery_level l ON l.id = g.level_id
                    RETURNING id, company_id, partner_id, level_id
                ),
                rel AS (
                    INSERT INTO recovery_event_account_move_rel (event_id, move_id)
                    SELECT ins.id, UNNEST(g.move_ids)
                      FROM ins
                      JOIN grp g USING (company_id, partner_id, level_id)
                ),
                upd AS (
                    UPDATE recovery_move_state s
                       SET level_id = c.level_id,
                           stage = c.stage,
                           last_date = %(today)s,
                           write_uid = %(uid)s,
                           write_date = NOW() AT TIME ZONE 'UTC'
                      FROM cand c
                     WHERE s.id = c.state_id
                    RETURNING s.id
                )
                SELECT (SELECT ARRAY_AGG(id) FROM ins), (SELECT COUNT(*) FROM upd)
                """,
                params,
            )
            ids, nb_moves = self.env.cr.fetchone()
            event_ids += ids or []
            stats["moves"] += nb_moves
        stats["events"] = len(event_ids)
        stats["event_ids"] = event_ids
        if event_ids:
            self.env["recovery.move.state"].invalidate_model(
                ["level_id", "stage", "last_date"]
            )
            self.env["account.move"].invalidate_model(
                [
                    "recovery_level_id",
                    "recovery_stage",
                    "recovery_last_date",
                    "recovery_event_ids",
                ]
            )
            self.env["recovery.event"].invalidate_model()
        return stats

    # ------------------------------------------------------------
    # ENGINE: COMMUNICATE
    # ------------------------------------------------------------

    @api.model
    def _communicate(self, limit=None, chunk_size=50, commit=False, company_ids=None):
        """Send the queued communications, chunk by chunk.

        Each chunk locks its events (``FOR UPDATE SKIP LOCKED``), so that two
        runs never send the same event; with ``commit`` every chunk is committed
        with the mails it queued, so a crash loses at most one chunk, which is
        sent by the next run.
        """
        stats = dict.fromkeys(COMMUNICATE_STATS, 0)
        companies = company_ids or self.env.companies.ids
        remaining = limit
        while remaining is None or remaining > 0:
            size = chunk_size if remaining is None else min(chunk_size, remaining)
            self.env.flush_all()
            self.env.cr.execute(
                """
                SELECT id FROM recovery_event
                 WHERE state = 'queued' AND company_id = ANY(%s)
                 ORDER BY id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                (list(companies), size),
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            chunk_stats = self.env["recovery.dispatch"]._communicate_events(
                self.env["recovery.event"].browse(ids)
            )
            for key, value in chunk_stats.items():
                stats[key] += value
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if remaining is not None:
                remaining -= len(ids)
            if len(ids) < size:
                break
        return stats

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_escalate(self):
        """Nightly escalation: decide for every company, then communicate."""
        companies = self.env["res.company"].search([])
        decided = self.with_context(allowed_company_ids=companies.ids)._decide(
            company_ids=companies.ids
        )
        self.env.cr.commit()  # pylint: disable=invalid-commit
        sent = self.with_context(allowed_company_ids=companies.ids)._communicate(
            commit=True, company_ids=companies.ids
        )
        _logger.info("Recovery escalation: %s, %s", decided, sent)
        return decided, sent
