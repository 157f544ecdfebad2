# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

from ...core.vocabulary import PROMISE_SOURCES, PROMISE_STATES
from ...tools.open_invoice import is_paid, paid_sql

_logger = logging.getLogger(__name__)


class RecoveryPromise(models.Model):
    """A customer's promise to pay some invoices by a date.

    While the promise is open its invoices are blocked until the promised date
    plus the company's grace days (``recovery_block_until``), which the ladder
    skips. Paid in time, the promise is kept; not paid after the grace days,
    it is broken by the nightly check and the ladder resumes.
    """

    _name = "recovery.promise"
    _description = "Promise to Pay"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    move_ids = fields.Many2many(
        "account.move",
        relation="recovery_promise_account_move_rel",
        column1="promise_id",
        column2="move_id",
        string="Invoices",
        required=True,
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id), "
        "('recovery_is_open', '=', True)]",
    )
    date = fields.Date(string="Promised date", required=True, tracking=True)
    grace_date = fields.Date(
        string="Broken after",
        compute="_compute_grace_date",
        store=True,
        help="Promised date plus the company's grace days: the ladder waits "
        "until this date; not paid by then, the promise is broken.",
    )
    amount = fields.Monetary(
        string="Amount promised", currency_field="currency_id", tracking=True
    )
    amount_due = fields.Monetary(
        string="Due when promised",
        currency_field="currency_id",
        readonly=True,
        help="Amount due on the invoices when the promise was made.",
    )
    source = fields.Selection(
        PROMISE_SOURCES, required=True, default="phone", tracking=True
    )
    note = fields.Text()
    state = fields.Selection(
        PROMISE_STATES,
        required=True,
        default="open",
        index=True,
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.company.recovery_user_id or self.env.user,
    )

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount IS NULL OR amount >= 0)",
            "The promised amount cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE / CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends("date", "company_id.recovery_promise_grace_days")
    def _compute_grace_date(self):
        for promise in self:
            promise.grace_date = promise.date and promise.date + timedelta(
                days=max(promise.company_id.recovery_promise_grace_days, 0)
            )

    @api.depends("partner_id", "date", "amount")
    def _compute_display_name(self):
        for promise in self:
            promise.display_name = _(
                "%(customer)s: %(amount)s on %(date)s",
                customer=promise.partner_id.name or "",
                amount=format_amount(
                    self.env, promise.amount or 0.0, promise.currency_id
                ),
                date=format_date(self.env, promise.date) if promise.date else "",
            )

    @api.constrains("move_ids", "partner_id")
    def _check_moves(self):
        for promise in self:
            customer = promise.partner_id.commercial_partner_id
            if promise.move_ids.commercial_partner_id - customer:
                raise ValidationError(
                    _("A promise to pay covers invoices of its customer only.")
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    # EXTENDS base
    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        for promise in promises:
            due = sum(promise.move_ids.mapped("amount_residual"))
            vals = {"amount_due": due}
            if not promise.amount:
                vals["amount"] = due
            promise.write(vals)
            if promise.amount > promise.currency_id.round(due):
                raise ValidationError(
                    _(
                        "The promised amount (%(amount)s) exceeds what is due on "
                        "the invoices (%(due)s).",
                        amount=format_amount(
                            self.env, promise.amount, promise.currency_id
                        ),
                        due=format_amount(self.env, due, promise.currency_id),
                    )
                )
        promises.filtered(lambda p: p.state == "open")._recovery_block_moves()
        return promises

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("A promise to pay is part of the recovery file: cancel it instead.")
        )

    # ------------------------------------------------------------
    # BLOCKS ON THE INVOICES
    # ------------------------------------------------------------

    def _recovery_block_reason(self):
        self.ensure_one()
        return _(
            "Promise to pay on %(date)s (%(channel)s)",
            date=format_date(self.env, self.date),
            channel=dict(self._fields["source"]._description_selection(self.env)).get(
                self.source
            ),
        )

    def _recovery_block_moves(self):
        """Block the unpaid invoices of these open promises until their grace date."""
        for promise in self:
            moves = promise.move_ids.filtered(
                lambda m, p=promise: (
                    not is_paid(m)
                    and (
                        not m.recovery_block_until
                        or m.recovery_block_until < p.grace_date
                    )
                )
            )
            moves._recovery_set_block(
                promise.grace_date, promise._recovery_block_reason()
            )

    def _recovery_release_moves(self):
        """Lift the blocks these promises put on their invoices."""
        for promise in self:
            moves = promise.move_ids.filtered(
                lambda m, p=promise: m.recovery_block_until == p.grace_date
            )
            moves._recovery_set_block(False, False)
        # Another open promise on the same invoices keeps them blocked.
        others = self.search(
            [
                ("state", "=", "open"),
                ("move_ids", "in", self.move_ids.ids),
                ("id", "not in", self.ids),
            ]
        )
        others._recovery_block_moves()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_cancel(self):
        if any(p.state != "open" for p in self):
            raise UserError(_("Only open promises can be cancelled."))
        self.write({"state": "cancelled"})
        self._recovery_release_moves()
        return True

    def action_open_moves(self):
        self.ensure_one()
        return self.move_ids._recovery_list_action()

    # ------------------------------------------------------------
    # CRON: KEPT OR BROKEN
    # ------------------------------------------------------------

    def _recovery_is_kept(self):
        self.ensure_one()
        residual = sum(self.move_ids.mapped("amount_residual"))
        paid = self.amount_due - residual
        return self.currency_id.compare_amounts(paid, self.amount) >= 0 or all(
            is_paid(m) for m in self.move_ids
        )

    @api.model
    def _cron_check_promises(self, batch_size=200):
        """Close the open promises: kept when paid, broken after the grace days.

        Bounded: ``batch_size`` promises a call; the cron runs again while some
        remain (``ir.cron._notify_progress``). Safe to run twice: only open
        promises are looked at, and each one leaves the open state.
        """
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, COUNT(*) OVER ()
                  FROM recovery_promise p
                 WHERE p.state = 'open'
                   AND p.company_id = ANY(%(companies)s)
                   AND (p.grace_date < %(today)s OR NOT EXISTS (
                        SELECT 1
                          FROM recovery_promise_account_move_rel r
                          JOIN account_move m ON m.id = r.move_id
                         WHERE r.promise_id = p.id
                           AND NOT %(paid)s))
                 ORDER BY p.grace_date, p.id
                 LIMIT %(limit)s
                """,
                companies=companies.ids,
                today=today,
                paid=paid_sql("m"),
                limit=batch_size,
            )
        )
        rows = self.env.cr.fetchall()
        # sudo: the nightly check of every company, by the system.
        promises = self.sudo().browse([row[0] for row in rows])
        for company, group in promises.grouped("company_id").items():
            group.with_context(lang=company.partner_id.lang)._recovery_check(today)
        total = rows[0][1] if rows else 0
        self.env["ir.cron"]._notify_progress(
            done=len(promises), remaining=total - len(promises)
        )
        return promises

    def _recovery_check(self, today):
        kept = self.filtered(lambda p: p._recovery_is_kept())
        broken = (self - kept).filtered(lambda p: p.grace_date < today)
        if kept:
            kept.write({"state": "kept"})
            for promise in kept:
                promise.message_post(body=_("The promise was kept: invoices paid."))
            kept._recovery_release_moves()
        if broken:
            broken.write({"state": "broken"})
            broken._recovery_release_moves()
            for promise in broken:
                promise._recovery_log_broken()
        return kept, broken

    def _recovery_log_broken(self):
        self.ensure_one()
        body = _(
            "Promise to pay of %(date)s broken: not paid after %(days)s grace "
            "day(s). The recovery ladder resumes.",
            date=format_date(self.env, self.date),
            days=self.company_id.recovery_promise_grace_days,
        )
        self.message_post(body=body)
        for move in self.move_ids.filtered(lambda m: not is_paid(m)):
            move.message_post(body=body)
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Broken promise to pay"),
                user_id=self.user_id.id,
            )
