# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup
from psycopg2.errors import SerializationFailure

from odoo import _, api, fields, models
from odoo.tools import SQL, mute_logger

from ...core import ladder
from ...core.vocabulary import BLOCKING_STATES
from ...tools.open_invoice import open_invoice_sql

_logger = logging.getLogger(__name__)

# Key of the advisory lock taken while deciding (second key: company id).
DECIDE_LOCK_KEY = 47104101


class RecoveryEngine(models.AbstractModel):
    """The recovery engine: decide who climbs the ladder, advance invoices,
    communicate, and the crons that run them (communicate and the crons in
    models/sending/recovery_engine.py).

    A service (no table), like ``account.move.send``: ``recovery.event`` keeps
    the evidence, ``recovery.dispatch`` carries one chunk of events out.
    """

    _name = "recovery.engine"
    _description = "Recovery Engine"

    # ------------------------------------------------------------
    # ENVIRONMENT
    # ------------------------------------------------------------

    @api.model
    def _company_lang(self, company):
        """The language the add-on writes in for ``company``: its recovery
        responsible's, else the company's."""
        return company.recovery_user_id.lang or company.partner_id.lang or self.env.lang

    @api.model
    def _for_company(self, company):
        """This service working for ``company``, in its language."""
        return self.with_company(company).with_context(
            allowed_company_ids=company.ids, lang=self._company_lang(company)
        )

    # ------------------------------------------------------------
    # DECIDE (the ladder rule of core/ladder.py, in SQL)
    # ------------------------------------------------------------

    @api.model
    def _candidates_sql(self, today, company_ids, move_ids=None, force=False):
        """SQL of the invoices to move one level up today, with their new level.

        Rows: id, company_id, partner_id, amount (company currency), level_id,
        stage, state_id, grp (NULL). The clauses are core/ladder.py's rules,
        numbered as there; ``force`` skips the delays (rules 4 and 5) only.
        Rule 8 (held customers) comes from ``recovery.customer.stage``.
        """
        only_moves = (
            SQL("AND m.id = ANY(%s)", list(move_ids)) if move_ids is not None else SQL()
        )
        return SQL(
            """
            SELECT m.id, m.company_id, m.commercial_partner_id AS partner_id,
                   m.amount_residual_signed AS amount, nl.id AS level_id,
                   nl.stage AS stage, s.id AS state_id, NULL::int AS grp
              FROM account_move m
              JOIN recovery_move_state s ON s.id = m.recovery_state_id
              JOIN res_partner p ON p.id = m.commercial_partner_id
              -- rule 8: the customer's stage holds its invoices
              LEFT JOIN (%(held)s) held
                     ON held.partner_id = m.commercial_partner_id
                    AND held.company_id = m.company_id
              -- rule 3: the first active level after the current one (on
              -- the state's company, the invoice's: the planner then hashes
              -- the states with their next level before reading the invoices)
              JOIN (%(next_levels)s) nl
                ON nl.company_id = s.company_id
               AND nl.cur_key = COALESCE(s.level_id, 0)
             WHERE m.company_id = ANY(%(company_ids)s)
               -- rule 1: open, not blocked, in a climbing stage
               AND %(open_invoice)s
               AND m.invoice_date_due IS NOT NULL
               -- (IS NOT TRUE: NOT COALESCE(…, FALSE) that the planner can
               -- estimate from the column's statistics)
               AND m.recovery_blocked IS NOT TRUE
               AND p.recovery_blocked IS NOT TRUE
               AND p.recovery_insolvency IS NULL
               AND %(climbing)s
               AND held.partner_id IS NULL
               -- rule 6: one step a day
               AND (s.last_date IS NULL OR s.last_date < %(today)s)
               -- rule 7: paused (promise, reply, block until a date) up to a day
               AND (m.recovery_block_until IS NULL
                    OR m.recovery_block_until < %(today)s)
               AND (p.recovery_block_until IS NULL
                    OR p.recovery_block_until < %(today)s)
               -- rules 4 and 5: the delays after the due date and the last step
               AND (%(force)s OR (
                    m.invoice_date_due + nl.days <= %(today)s
                    AND (s.last_date IS NULL
                         OR s.last_date + GREATEST(
                                nl.days - COALESCE(nl.cur_days, %(no_level_days)s), 0
                            ) <= %(today)s)))
               -- rule 2: the latest step is not on its way any more
               AND NOT EXISTS (
                    SELECT 1
                      FROM (SELECT r.event_id
                              FROM recovery_event_account_move_rel r
                             WHERE r.move_id = m.id
                             ORDER BY r.event_id DESC
                             LIMIT 1) latest
                      JOIN recovery_event e ON e.id = latest.event_id
                     WHERE e.state IN %(blocking)s)
               %(only_moves)s
            """,
            today=today,
            company_ids=list(company_ids),
            open_invoice=open_invoice_sql("m"),
            climbing=self._climbing_sql("s"),
            no_level_days=ladder.NO_LEVEL_DAYS,
            blocking=BLOCKING_STATES,
            force=bool(force),
            only_moves=only_moves,
            held=self.env["recovery.customer.stage"]._stages_sql(company_ids),
            next_levels=self._next_levels_sql(company_ids),
        )

    @api.model
    def _climbing_sql(self, alias):
        """``COALESCE(alias.stage, 'none') IN CLIMBING_STAGES``, written so
        that the planner estimates it from the stage's statistics (a
        COALESCE gets a blind guess: half a percent of the rows, and then
        nested loops over what are in fact all the invoices)."""
        stages = tuple(ladder.CLIMBING_STAGES)
        state = SQL.identifier(alias)
        if "none" in stages:
            return SQL("(%s.stage IS NULL OR %s.stage IN %s)", state, state, stages)
        return SQL("%s.stage IN %s", state, stages)

    @api.model
    def _next_levels_sql(self, company_ids):
        """SQL of rule 3 for each company and current level (key 0: none
        yet): the first active level of the company after it.

        Rows: company_id, cur_key, cur_days, id, days, stage. A few rows per
        level, computed once, that the candidates join on by hash instead
        of looking the next level up for each invoice.
        """
        return SQL(
            """
            SELECT c.id AS company_id, COALESCE(cur.id, 0) AS cur_key,
                   cur.days AS cur_days, nl.id, nl.days, nl.stage
              FROM UNNEST(%(company_ids)s::int[]) AS c(id)
             CROSS JOIN (SELECT id, sequence, days FROM recovery_level
                         UNION ALL
                         SELECT NULL, NULL, NULL) cur
              JOIN LATERAL (
                    SELECT l.id, l.days, l.stage
                      FROM recovery_level l
                     WHERE l.company_id = c.id
                       AND l.active
                       AND (cur.id IS NULL
                            OR l.sequence > cur.sequence
                            OR (l.sequence = cur.sequence AND l.id > cur.id))
                     ORDER BY l.sequence, l.id
                     LIMIT 1
                   ) nl ON TRUE
            -- computed on its own, not merged into the candidates' joins
            -- (where the planner would look the next level up per invoice)
            OFFSET 0
            """,
            company_ids=list(company_ids),
        )

    @api.model
    def _decide(self, today=None, company_ids=None, move_ids=None, force=False):
        """Move overdue invoices one level up and queue their communications.

        Invoices are grouped per customer into one event a day. Set-based:
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
        # Invoices posted before the add-on, or written in SQL, have no state
        # (another run may be giving them theirs: then it is done).
        self._decided_elsewhere(self.env["recovery.move.state"]._create_missing)
        stats = {"events": 0, "moves": 0, "skipped_companies": 0, "event_ids": []}
        for company in companies:
            advanced = self._try_decide_lock(company) and self._decided_elsewhere(
                self._for_company(company)._decide_company,
                company,
                today,
                move_ids,
                force,
            )
            if not advanced:
                stats["skipped_companies"] += 1
                continue
            stats["event_ids"] += advanced["event_ids"]
            stats["moves"] += advanced["moves"]
        stats["events"] = len(stats["event_ids"])
        return stats

    @api.model
    def _decide_company(self, company, today, move_ids, force):
        """Decide ``company``'s ladder: the invoices of held customers join
        their stage (rule 8), then the others climb."""
        partners = (
            self.env["account.move"].browse(move_ids).commercial_partner_id
            if move_ids is not None
            else None
        )
        self.env["recovery.customer.stage"]._join(company, today, partners)
        return self._advance(
            self._candidates_sql(today, [company.id], move_ids=move_ids, force=force),
            today,
        )

    @api.model
    def _decided_elsewhere(self, function, *args):
        """Run ``function(*args)`` in a savepoint; ``None`` when another run
        changed the same ladder states after this transaction began.

        Our view of the states is then older than theirs (repeatable read):
        PostgreSQL refuses the update, and the other run has done the work.
        """
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                return function(*args) or True
        except SerializationFailure:
            _logger.info("Recovery: decided by a concurrent run meanwhile, skipped")
            self.env.invalidate_all()
            return None

    @api.model
    def _try_decide_lock(self, company):
        """Lock ``company``'s ladder for this transaction, if no one else has."""
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", DECIDE_LOCK_KEY, company.id)
        )
        if self.env.cr.fetchone()[0]:
            return True
        _logger.info("Recovery: %s is being decided elsewhere, skipped", company.name)
        return False

    # ------------------------------------------------------------
    # ADVANCE: the one way invoices change level (ladder, plans, dossier)
    # ------------------------------------------------------------

    @api.model
    def _moves_sql(self, rows):
        """Rows for :meth:`_advance` from ``[(move id, level id, group)]``."""
        move_ids, level_ids, groups = zip(*rows, strict=True) if rows else ((), (), ())
        return SQL(
            """
            SELECT m.id, m.company_id, m.commercial_partner_id AS partner_id,
                   m.amount_residual_signed AS amount, l.id AS level_id,
                   l.stage AS stage, m.recovery_state_id AS state_id, v.grp
              FROM UNNEST(%s::int[], %s::int[], %s::int[]) AS v(move_id, level_id, grp)
              JOIN account_move m ON m.id = v.move_id
              JOIN recovery_level l ON l.id = v.level_id
            """,
            list(move_ids),
            list(level_ids),
            list(groups),
        )

    @api.model
    def _advance(self, rows, today, event_state=None, log=True):
        """Move invoices to a level and create the events that record it.

        ``rows``: SQL of (id, company_id, partner_id, amount, level_id, stage,
        state_id, grp), the invoices with their new level (see
        :meth:`_candidates_sql` and :meth:`_moves_sql`). One event per
        company, customer and ``grp`` (one communication per customer a day):
        each invoice goes to its own level, the event speaks at the most
        advanced one. In state ``event_state`` or, by default, queued (to
        validate if the level says so). One statement.

        Returns {"event_ids": [...], "groups": {grp: event id}, "moves": n}.
        The steps that the communicate loop will not carry out are logged on
        the invoices now (unless ``log`` is false: the caller logs them with
        :meth:`_log_steps`); the others when they are carried out.
        """
        self.env.flush_all()
        # PostgreSQL's JIT compiles this one big statement for longer than it
        # runs (1.6 s of 4.7 s at 100,000 invoices): off for it alone.
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        self.env.cr.execute(self._advance_sql(rows, today, event_state))
        events, nb_moves, not_queued = self.env.cr.fetchone()
        self.env.cr.execute(SQL("RESET jit"))
        events = events or []
        if events:
            self._invalidate_ladder_cache()
        event_ids = [event_id for event_id, _grp in events]
        # The INSERT skipped recovery.event's create(): its hook runs here,
        # on the events born in another state than queued (the hook has
        # nothing to do for a queued one; 20,000 of them a night to read).
        self.env["recovery.event"].browse(not_queued or [])._recovery_after_create(
            today
        )
        if log and not_queued:
            self._log_steps(self.env["recovery.event"].browse(not_queued))
        return {
            "event_ids": event_ids,
            "groups": {grp: event_id for event_id, grp in events},
            "moves": nb_moves,
        }

    @api.model
    def _advance_sql(self, rows, today, event_state):
        """The statement of :meth:`_advance`.

        Raw INSERTs into ``recovery_event`` and its invoices' relation table,
        and a raw UPDATE of ``recovery_move_state``: thousands of invoices
        move in one statement each night. What they skip, and who makes up
        for it: the ORM's create of the events (defaults are written out
        here; :meth:`_advance` then runs ``_recovery_after_create``, the
        create hook), mail.thread's creation message and tracking on the
        events (an event's history starts with its step, logged on the
        invoices by :meth:`_log_steps`), the ORM's write of the states (the
        stored ``stage`` is written here with the level; ``_advance``
        invalidates the caches).
        """
        state = (
            SQL("%s", event_state)
            if event_state
            else SQL(
                "CASE WHEN l.needs_validation THEN 'to_validate' ELSE 'queued' END"
            )
        )
        return SQL(
            """
            WITH cand AS MATERIALIZED (%(rows)s),
            -- One event per group; its id is taken here, so that the group
            -- (e.g. a payment plan) is known with the event's id.
            grp AS MATERIALIZED (
                SELECT NEXTVAL('recovery_event_id_seq') AS event_id, x.*
                  FROM (SELECT c.company_id, c.partner_id,
                               (ARRAY_AGG(c.level_id
                                          ORDER BY cl.sequence DESC, cl.id DESC)
                               )[1] AS level_id,
                               COALESCE(c.grp, 0) AS grp, SUM(c.amount) AS amount,
                               ARRAY_AGG(c.id ORDER BY c.id) AS move_ids
                          FROM cand c
                          JOIN recovery_level cl ON cl.id = c.level_id
                         GROUP BY c.company_id, c.partner_id, COALESCE(c.grp, 0)) x
            ),
            ins AS (
                INSERT INTO recovery_event (
                    id, company_id, partner_id, level_id, channel, state, date,
                    amount_residual, user_id, create_uid, create_date,
                    write_uid, write_date)
                SELECT g.event_id, g.company_id, g.partner_id, g.level_id,
                       l.channel, %(state)s, %(today)s, g.amount,
                       COALESCE(c.recovery_user_id, %(uid)s), %(uid)s,
                       NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM grp g
                  JOIN recovery_level l ON l.id = g.level_id
                  JOIN res_company c ON c.id = g.company_id
                RETURNING id, state
            ),
            rel AS (
                INSERT INTO recovery_event_account_move_rel (event_id, move_id)
                SELECT g.event_id, UNNEST(g.move_ids) FROM grp g
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
            SELECT (SELECT ARRAY_AGG(ARRAY[g.event_id, g.grp] ORDER BY g.event_id)
                      FROM grp g JOIN ins ON ins.id = g.event_id),
                   (SELECT COUNT(*) FROM upd),
                   (SELECT ARRAY_AGG(id ORDER BY id) FROM ins WHERE state != 'queued')
            """,
            rows=rows,
            state=state,
            today=today,
            uid=self.env.uid,
        )

    def _invalidate_ladder_cache(self):
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

    # ------------------------------------------------------------
    # CHATTER: each step on the invoices it moved, in one statement
    # ------------------------------------------------------------

    @api.model
    def _log_steps(self, events, body=None):
        """Log each event's ladder step on its invoices' chatter.

        One INSERT per company for the invoices of ``events`` (no message_post per
        invoice, no write on the posted invoices), in the language of each
        company's recovery responsible. ``body`` replaces the default text.
        """
        if not events:
            return
        self.env.flush_all()
        for company, company_events in events.grouped("company_id").items():
            engine = self.with_context(lang=self._company_lang(company))
            move_ids, bodies = [], []
            for event in company_events.sorted("id"):
                text = body or engine._step_body(event)
                move_ids += event.move_ids.ids
                bodies += [text] * len(event.move_ids)
            self._log_on_moves(company, move_ids, bodies)

    @api.model
    def _log_on_moves(self, company, move_ids, bodies):
        """Log ``bodies`` (one per invoice id of ``move_ids``) on the
        invoices' chatter, authored by ``company``'s recovery responsible.

        One raw INSERT into ``mail_message`` instead of a ``message_post``
        per invoice: the nightly run logs thousands of steps. What it skips:
        ``message_post``'s notifications and followers (an internal note
        notifies nobody), its write of the invoice (none: posted invoices
        stay untouched) and the message's create hooks (none apply to an
        internal note). The caches of the messages are invalidated.
        """
        if not move_ids:
            return
        note = self.env.ref("mail.mt_note")
        author = company.recovery_user_id.partner_id or company.partner_id
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_message (
                    model, res_id, record_company_id, message_type, subtype_id,
                    is_internal, body, author_id, date,
                    create_uid, create_date, write_uid, write_date)
                SELECT 'account.move', b.move_id, %s, 'notification', %s, TRUE,
                       b.body, %s, NOW() AT TIME ZONE 'UTC', %s,
                       NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC'
                  FROM UNNEST(%s::int[], %s::text[]) AS b(move_id, body)
                """,
                company.id,
                note.id,
                author.id,
                self.env.uid,
                self.env.uid,
                list(move_ids),
                [str(body) for body in bodies],
            )
        )
        self.env["mail.message"].invalidate_model()
        self.env["account.move"].invalidate_model(["message_ids"])

    @api.model
    def _step_body(self, event):
        """ "Recovery step: <level> (<channel>) — <event>", in the context's
        language."""
        event = event.with_env(self.env)
        channels = dict(event._fields["channel"]._description_selection(self.env))
        return Markup("<p>%s</p>") % _(
            "Recovery step: %(level)s (%(channel)s) — %(event)s",
            level=event.level_id.name,
            channel=channels.get(event.channel, event.channel),
            event=event._get_html_link(),
        )

    # ------------------------------------------------------------
