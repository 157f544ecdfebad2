# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import split_every

from ...core.vocabulary import CLIMBING_STAGES, OPEN_PLAN_STATES
from ...tools.open_invoice import open_invoice_domain, open_invoices

_logger = logging.getLogger(__name__)


class RecoveryPlanCheck(models.AbstractModel):
    """The nightly check of the running payment plans.

    A service (no table), run by the cron of ``recovery.plan``: a plan with
    an instalment missed past the grace period is broken, and its unpaid
    invoices go back on the ladder at the formal notice, through
    ``recovery.engine``.
    """

    _name = "recovery.plan.check"
    _description = "Payment Plan Check"

    @api.model
    def _run(self, batch_size=None):
        """Nightly check of the running plans: one bounded batch per call,
        company by company in its language; the cron runner commits the
        batch and calls again while some plans remain.

        Batch size: ``batch_size``, else the system parameter
        ``recouvrement_fr.plan_batch_size``, else 100.
        """
        engine = self.env["recovery.engine"]
        batch_size = batch_size or engine._batch_size(
            "recouvrement_fr.plan_batch_size", 100
        )
        stats = {"broken": 0, "failed": 0, "remaining": 0}
        for company in self.env["res.company"].search([]):
            checker = self.with_env(engine._for_company(company).env)
            budget = batch_size - stats["broken"] - stats["failed"]
            done = checker._check_plans(
                company_ids=company.ids, chunk_size=batch_size, limit=max(budget, 0)
            )
            for key in stats:
                stats[key] += done.get(key, 0)
        processed = stats["broken"] + stats["failed"]
        # No plan broken in this call: what remains waits for tomorrow.
        remaining = stats["remaining"] if stats["broken"] else 0
        self.env["ir.cron"].sudo()._notify_progress(done=processed, remaining=remaining)
        if stats["broken"]:
            engine._trigger_communicate()
        return stats

    @api.model
    def _check_plans(self, today=None, company_ids=None, chunk_size=100, limit=None):
        """Break the running plans with an instalment missed past the grace period.

        Safe to run again: a broken plan is no longer running. At most
        ``limit`` plans (all by default), in chunks of ``chunk_size``, each in
        its own savepoint; a plan that cannot be broken is reported in its
        chatter and left running for the next run. Returns the counts of
        broken and failed plans, and the plans left (``remaining``).
        """
        today = today or fields.Date.context_today(self)
        companies = (
            self.env["res.company"].browse(company_ids)
            if company_ids
            else self.env.companies
        )
        self.env.flush_all()
        missed = self._missed_lines(companies, today)
        plans = missed.plan_id
        todo = plans if limit is None else plans[:limit]
        stats = {"broken": 0, "failed": 0}
        for chunk_ids in split_every(chunk_size, todo.ids):
            chunk = plans.browse(chunk_ids)
            chunk_missed = missed.filtered(
                lambda line, ids=chunk_ids: line.plan_id.id in ids
            )
            try:
                with self.env.cr.savepoint():
                    self._break(chunk, chunk_missed, today)
                stats["broken"] += len(chunk)
            except Exception:  # noqa: BLE001 - retried plan by plan to isolate the bad one
                _logger.exception("Payment plans: breaking a chunk failed, one by one")
                broken = self._break_one_by_one(chunk, chunk_missed, today)
                stats["broken"] += broken
                stats["failed"] += len(chunk) - broken
        if len(todo) == len(plans):
            self._pause_running(companies)
            self._release_joined(companies)
        _logger.info("Payment plans checked: %s", stats)
        if limit is not None:
            stats["remaining"] = len(plans) - len(todo)
        return stats

    @api.model
    def _missed_lines(self, companies, today):
        """Pending instalments of running plans missed past the grace period."""
        missed = self.env["recovery.plan.line"]
        for company in companies:
            limit = today - timedelta(days=max(company.recovery_plan_grace_days, 0))
            missed |= self.env["recovery.plan.line"].search(
                [
                    ("company_id", "=", company.id),
                    ("plan_id.state", "=", "active"),
                    ("state", "=", "pending"),
                    ("date_due", "<", limit),
                ],
                order="date_due, sequence, id",
            )
        return missed

    @api.model
    def _pause_running(self, companies):
        """Safety net: invoices of running plans stay out of the ladder even
        after a payment was unreconciled."""
        running = self.env["recovery.plan"].search(
            [("state", "=", "active"), ("company_id", "in", companies.ids)]
        )
        open_invoices(running.move_ids).filtered(
            lambda m: m.recovery_stage in CLIMBING_STAGES
        )._recovery_set_stage("payment_plan")

    @api.model
    def _release_joined(self, companies):
        """Rule 8 of core/ladder.py: the invoices that joined their customer's
        payment plan stage go back to the ladder once no plan of that customer
        runs any more (unless the stage was set by hand on the customer)."""
        joined = self.env["account.move"].search(
            [
                ("company_id", "in", companies.ids),
                ("recovery_stage", "=", "payment_plan"),
                *open_invoice_domain(),
            ]
        )
        if not joined:
            return
        running = self.env["recovery.plan"].search(
            [
                ("company_id", "in", companies.ids),
                ("state", "in", OPEN_PLAN_STATES),
                ("partner_id", "child_of", joined.commercial_partner_id.ids),
            ]
        )
        held = {
            (p.partner_id.commercial_partner_id.id, p.company_id.id) for p in running
        }
        orphans = joined.filtered(
            lambda m: (
                (m.commercial_partner_id.id, m.company_id.id) not in held
                and m.commercial_partner_id.with_company(
                    m.company_id
                ).recovery_stage_manual
                != "payment_plan"
            )
        )
        orphans._recovery_set_stage()

    @api.model
    def _break(self, plans, missed_lines, today):
        """Break ``plans``: record the fact and resume the ladder at the notice.

        The unpaid invoices go to the resume level (stage ``mise_en_demeure``)
        through the engine's ``_advance``: one event of that level per plan,
        so the formal notice goes out through the normal validation and
        sending path.
        """
        resume_levels = plans.company_id._recovery_plan_resume_levels()
        missed_lines.write({"missed": True})
        rows, event_vals = [], {}
        for plan in plans:
            first_missed = missed_lines.filtered(
                lambda line, plan=plan: line.plan_id == plan
            ).sorted(lambda line: (line.date_due, line.sequence))[:1]
            level = resume_levels.get(plan.company_id.id)
            moves = open_invoices(plan.move_ids)
            plan.write(
                {
                    "state": "broken",
                    "break_date": today,
                    "break_line_id": first_missed.id,
                    "resume_level_id": level.id if level else False,
                }
            )
            reason = plan._recovery_break_reason(first_missed)
            if level and moves:
                rows += [(move.id, level.id, plan.id) for move in moves]
                event_vals[plan.id] = plan._recovery_break_event_vals(
                    level, moves, today, reason
                )
            elif moves:
                # No formal-notice level in the ladder: back where it left them.
                plan._recovery_release_moves()
            plan.message_post(body=reason)
            moves._message_log_batch(dict.fromkeys(moves.ids, reason))
        return self._resume_ladder(plans, rows, event_vals, today)

    @api.model
    def _resume_ladder(self, plans, rows, event_vals, today):
        """Move the invoices of ``rows`` (move, level, plan) to their level,
        one event per plan, through the engine."""
        if not rows:
            return self.env["recovery.event"]
        plans.move_ids._recovery_ensure_states()
        engine = self.env["recovery.engine"]
        advanced = engine._advance(engine._moves_sql(rows), today)
        events = self.env["recovery.event"]
        for plan_id, event_id in advanced["groups"].items():
            event = events.browse(event_id)
            event.write(event_vals[plan_id])
            plans.browse(plan_id).break_event_id = event
            events |= event
        return events

    @api.model
    def _break_one_by_one(self, plans, missed_lines, today):
        """Break each plan in its own savepoint; report failures in the chatter."""
        broken = 0
        for plan in plans:
            try:
                with self.env.cr.savepoint():
                    self._break(
                        plan,
                        missed_lines.filtered(lambda line, p=plan: line.plan_id == p),
                        today,
                    )
                broken += 1
            except Exception as error:  # noqa: BLE001 - reported on the plan
                _logger.exception("Payment plan %s could not be broken", plan.id)
                plan.message_post(
                    body=_(
                        "The missed instalment could not be processed: %(error)s",
                        error=error,
                    )
                )
        return broken
