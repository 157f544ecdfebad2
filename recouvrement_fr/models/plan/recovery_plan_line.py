# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.tools import format_amount, format_date

from ...core import schedule
from ...core.vocabulary import PLAN_LINE_STATES


class RecoveryPlanLine(models.Model):
    """One instalment of a payment plan."""

    _name = "recovery.plan.line"
    _description = "Payment Plan Instalment"
    _order = "plan_id, date_due, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "recovery.plan",
        string="Payment plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer(string="No.", default=1)
    date_due = fields.Date(string="Due date", required=True, index=True)
    amount = fields.Monetary(required=True)
    down_payment = fields.Boolean(readonly=True)
    amount_paid = fields.Monetary(
        string="Paid", compute="_compute_amount_paid", store=True
    )
    amount_residual = fields.Monetary(
        string="Left to pay", compute="_compute_amount_paid", store=True
    )
    missed = fields.Boolean(
        readonly=True,
        copy=False,
        help="Not paid in full at the end of the grace period: the plan was broken.",
    )
    state = fields.Selection(
        PLAN_LINE_STATES, compute="_compute_state", store=True, index=True
    )
    is_late = fields.Boolean(string="Late", compute="_compute_is_late")

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "An instalment must be a positive amount.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "amount",
        "date_due",
        "plan_id.amount_paid",
        "plan_id.line_ids.amount",
        "plan_id.line_ids.date_due",
    )
    def _compute_amount_paid(self):
        """What the customer paid, spread over the instalments by due date."""
        for plan in self.plan_id:
            currency = plan.currency_id
            lines = plan.line_ids.sorted(lambda line: (line.date_due, line.sequence))
            allocated, _left = schedule.allocate_payments(
                [Decimal(str(line.amount)) for line in lines],
                Decimal(str(plan.amount_paid)),
                rounding=currency.rounding or 0.01,
            )
            for line, paid in zip(lines, allocated, strict=True):
                line.amount_paid = float(paid)
                line.amount_residual = currency.round(line.amount - float(paid))
        for line in self.filtered(lambda rec: not rec.plan_id):
            line.amount_paid = 0.0
            line.amount_residual = line.amount

    @api.depends("amount_residual", "missed")
    def _compute_state(self):
        for line in self:
            if line.currency_id.is_zero(line.amount_residual) and line.amount:
                line.state = "paid"
            elif line.missed:
                line.state = "missed"
            else:
                line.state = "pending"

    @api.depends("sequence", "date_due", "amount")
    def _compute_display_name(self):
        for line in self:
            line.display_name = _(
                "No. %(number)s of %(date)s (%(amount)s)",
                number=line.sequence,
                date=format_date(self.env, line.date_due),
                amount=format_amount(self.env, line.amount, line.currency_id),
            )

    @api.depends("state", "date_due")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_late = bool(
                line.state != "paid" and line.date_due and line.date_due < today
            )
