# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from ..core import schedule
from ..core.vocabulary import OPEN_PLAN_STATES, PERIODICITIES


class RecoveryPlanWizard(models.TransientModel):
    """Agree a payment plan (échéancier) on invoices of one customer."""

    _name = "recovery.plan.wizard"
    _description = "Agree a payment plan"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    move_ids = fields.Many2many(
        "account.move",
        relation="recovery_plan_wizard_account_move_rel",
        column1="wizard_id",
        column2="move_id",
        string="Invoices",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_amounts")
    amount_due = fields.Monetary(string="Invoices due", compute="_compute_amounts")
    include_extra = fields.Boolean(
        string="Include penalties and indemnity",
        help="Add the late-payment penalties and the recovery indemnity owed "
        "today to the plan.",
    )
    amount_extra = fields.Monetary(
        string="Penalties and indemnity", compute="_compute_amounts"
    )
    amount_penalty = fields.Monetary(
        string="Late-payment penalties", compute="_compute_amounts"
    )
    amount_indemnity = fields.Monetary(
        string="Recovery indemnity", compute="_compute_amounts"
    )
    amount_interest = fields.Monetary(
        string="Legal interest", compute="_compute_amounts"
    )
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts")
    down_payment = fields.Monetary(string="Down payment")
    down_payment_date = fields.Date(
        string="Down payment due on", default=fields.Date.context_today
    )
    split_mode = fields.Selection(
        [("count", "Number of instalments"), ("amount", "Fixed amount")],
        string="Split by",
        required=True,
        default="count",
    )
    instalment_count = fields.Integer(string="Number of instalments", default=3)
    instalment_amount = fields.Monetary(string="Amount per instalment")
    periodicity = fields.Selection(PERIODICITIES, required=True, default="monthly")
    interval_days = fields.Integer(string="Days between instalments", default=30)
    first_due_date = fields.Date(
        string="First due date",
        required=True,
        default=lambda self: fields.Date.add(fields.Date.context_today(self), months=1),
    )
    accept_long_plan = fields.Boolean(
        string="Beyond 24 months",
        help="Agree to a plan longer than the 2 years a judge could grant "
        "(délais de grâce, Code civil 1343-5).",
    )
    note = fields.Html(string="Terms")
    preview_html = fields.Html(
        string="Schedule", compute="_compute_preview", sanitize=False
    )
    error_message = fields.Char(compute="_compute_preview")
    long_plan_warning = fields.Char(compute="_compute_preview")

    # ------------------------------------------------------------
    # DEFAULTS
    # ------------------------------------------------------------

    # EXTENDS base
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        moves = self.env["account.move"]
        if context.get("active_model") == "account.move":
            moves = moves.browse(context.get("active_ids") or [])
            partners = moves.commercial_partner_id
            if len(partners) == 1:
                values["partner_id"] = partners.id
        elif context.get("active_model") == "res.partner" and context.get("active_id"):
            partner = self.env["res.partner"].browse(context["active_id"])
            values["partner_id"] = partner.commercial_partner_id.id
            moves = partner._recovery_open_invoices().filtered(
                lambda m: (
                    not any(
                        plan.state in OPEN_PLAN_STATES for plan in m.recovery_plan_ids
                    )
                )
            )
        if moves:
            values["move_ids"] = [Command.set(moves.ids)]
            if len(moves.company_id) == 1:
                values["company_id"] = moves.company_id.id
        return values

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("move_ids", "include_extra", "company_id")
    def _compute_amounts(self):
        for wizard in self:
            currencies = wizard.move_ids.currency_id
            currency = (
                currencies if len(currencies) == 1 else wizard.company_id.currency_id
            )
            wizard.currency_id = currency
            wizard.amount_due = currency.round(
                sum(wizard.move_ids.mapped("amount_residual"))
            )
            split = (
                wizard._recovery_plan_extra_split()
                if wizard.include_extra
                else dict.fromkeys(("penalty", "indemnity", "interest"), 0.0)
            )
            wizard.amount_penalty = currency.round(split["penalty"])
            wizard.amount_indemnity = currency.round(split["indemnity"])
            wizard.amount_interest = currency.round(split["interest"])
            wizard.amount_extra = currency.round(
                wizard.amount_penalty + wizard.amount_indemnity + wizard.amount_interest
            )
            wizard.amount_total = currency.round(
                wizard.amount_due + wizard.amount_extra
            )

    @api.depends(
        "move_ids",
        "include_extra",
        "down_payment",
        "down_payment_date",
        "split_mode",
        "instalment_count",
        "instalment_amount",
        "periodicity",
        "interval_days",
        "first_due_date",
        "accept_long_plan",
    )
    def _compute_preview(self):
        for wizard in self:
            wizard.error_message = False
            wizard.long_plan_warning = False
            wizard.preview_html = False
            try:
                instalments = wizard._recovery_schedule(check_length=False)
            except UserError as error:
                wizard.error_message = error.args[0]
                continue
            wizard.long_plan_warning = wizard._recovery_long_plan_warning(instalments)
            wizard.preview_html = wizard._recovery_preview_html(instalments)

    # ------------------------------------------------------------
    # HOOKS
    # ------------------------------------------------------------

    def _recovery_plan_extra_split(self):
        """What the law adds to the selected invoices at the plan date.

        Penalties and 40 EUR indemnities for a business, moratory interest
        and 40 EUR for a public buyer, legal interest since the formal notice
        for a consumer (core/penalties, through the invoices' claim), minus
        what a penalty invoice already billed.
        """
        self.ensure_one()
        moves = self.move_ids._origin.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        decompte = moves._recovery_decompte(fields.Date.context_today(self))
        if decompte["warning"]:
            raise UserError(decompte["warning"])
        return {key: decompte[key] for key in ("penalty", "indemnity", "interest")}

    def _recovery_plan_extra_amount(self):
        """Penalties, indemnity and interest to add to the plan (plan currency)."""
        self.ensure_one()
        return sum(self._recovery_plan_extra_split().values())

    def _recovery_bill_plan_extra(self):
        """Bill the amounts the plan includes on a penalty invoice (no VAT), so
        that the customer's payments settle them like the invoices; returns
        the penalty invoices (empty when nothing is included)."""
        self.ensure_one()
        if not self.include_extra or self.currency_id.is_zero(self.amount_extra):
            return self.env["account.move"]
        bills = self.env["recovery.penalty.invoice"]._bill(
            self.move_ids, fields.Date.context_today(self)
        )
        billed = sum(bills.mapped("amount_total"))
        if self.currency_id.compare_amounts(billed, self.amount_extra):
            raise UserError(
                _(
                    "The penalties billed (%(billed)s) differ from those of the plan "
                    "(%(extra)s): reopen the wizard.",
                    billed=format_amount(self.env, billed, self.currency_id),
                    extra=format_amount(self.env, self.amount_extra, self.currency_id),
                )
            )
        return bills

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        """Create the plan from the previewed schedule and start it."""
        self.ensure_one()
        instalments = self._recovery_schedule()
        extra_moves = self._recovery_bill_plan_extra()
        plan = self.env["recovery.plan"].create(
            self._prepare_plan_vals(instalments, extra_moves)
        )
        plan.action_activate()
        return {
            "type": "ir.actions.act_window",
            "res_model": "recovery.plan",
            "res_id": plan.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _recovery_check_moves(self):
        """Refuse a selection a plan cannot cover (UserError, nothing created)."""
        self.ensure_one()
        moves = self.move_ids
        if not moves:
            raise UserError(_("Select at least one invoice to include in the plan."))
        wrong = moves.filtered(
            lambda m: m.move_type != "out_invoice" or m.state != "posted"
        )
        if wrong:
            raise UserError(
                _(
                    "Only posted customer invoices can be included in a payment "
                    "plan: %(invoices)s.",
                    invoices=", ".join(wrong.mapped("display_name")),
                )
            )
        self._recovery_check_moves_one_account(moves)
        self._recovery_check_moves_open(moves)

    def _recovery_check_moves_one_account(self, moves):
        """Refuse invoices of several customers, companies or currencies."""
        partners = moves.commercial_partner_id | self.partner_id.commercial_partner_id
        if len(partners) > 1:
            raise UserError(
                _(
                    "A payment plan covers the invoices of one customer; the "
                    "selection has several: %(customers)s.",
                    customers=", ".join(partners.mapped("display_name")),
                )
            )
        if len(moves.company_id) > 1:
            raise UserError(
                _(
                    "A payment plan covers the invoices of one company; the "
                    "selection has several: %(companies)s.",
                    companies=", ".join(moves.company_id.mapped("name")),
                )
            )
        if len(moves.currency_id) > 1:
            raise UserError(
                _(
                    "A payment plan is in one currency; the selected invoices are "
                    "in %(currencies)s.",
                    currencies=", ".join(moves.currency_id.mapped("name")),
                )
            )

    def _recovery_check_moves_open(self, moves):
        """Refuse invoices already paid or covered by a running plan."""
        settled = moves.filtered(
            lambda m: m.currency_id.compare_amounts(m.amount_residual, 0.0) <= 0
        )
        if settled:
            raise UserError(
                _(
                    "Nothing is left to pay on %(invoices)s.",
                    invoices=", ".join(settled.mapped("name")),
                )
            )
        covered = moves.filtered(
            lambda m: any(
                plan.state in OPEN_PLAN_STATES for plan in m.recovery_plan_ids
            )
        )
        if covered:
            raise UserError(
                _(
                    "Invoices %(invoices)s are already covered by a running "
                    "payment plan: cancel it first.",
                    invoices=", ".join(covered.mapped("name")),
                )
            )

    def _recovery_schedule(self, check_length=True):
        """Check the input and return the instalments (core ``Instalment``).

        Raises a UserError saying what to correct; ``check_length=False``
        leaves the 24-month warning to the preview.
        """
        self.ensure_one()
        self._recovery_check_moves()
        has_down_payment = self._recovery_check_terms()
        try:
            instalments = self._recovery_build_instalments(has_down_payment)
        except schedule.ScheduleError as error:
            raise UserError(self._recovery_schedule_error_message(error)) from error
        if check_length and not self.accept_long_plan:
            warning = self._recovery_long_plan_warning(instalments)
            if warning:
                raise UserError(
                    _(
                        "%(warning)s Tick \u201cBeyond 24 months\u201d to agree to it "
                        "anyway.",
                        warning=warning,
                    )
                )
        return instalments

    def _recovery_check_terms(self):
        """Refuse amounts or dates that cannot make a plan; True if down payment."""
        currency = self.currency_id
        today = fields.Date.context_today(self)
        if currency.compare_amounts(self.amount_total, 0.0) <= 0:
            raise UserError(_("The total of the plan must be positive."))
        if currency.compare_amounts(self.down_payment, 0.0) < 0:
            raise UserError(_("The down payment cannot be negative."))
        if currency.compare_amounts(self.down_payment, self.amount_total) >= 0:
            raise UserError(
                _(
                    "The down payment must be lower than the total of the plan "
                    "(%(total)s).",
                    total=format_amount(self.env, self.amount_total, currency),
                )
            )
        if self.split_mode == "count" and self.instalment_count < 1:
            raise UserError(_("The plan needs at least one instalment."))
        if (
            self.split_mode == "amount"
            and currency.compare_amounts(self.instalment_amount, 0.0) <= 0
        ):
            raise UserError(_("The amount per instalment must be positive."))
        if self.periodicity == "custom" and self.interval_days < 1:
            raise UserError(_("The days between instalments must be at least 1."))
        if not self.first_due_date or self.first_due_date < today:
            raise UserError(_("The first due date cannot be in the past."))
        has_down_payment = not currency.is_zero(self.down_payment)
        if has_down_payment:
            if not self.down_payment_date or self.down_payment_date < today:
                raise UserError(_("The down payment date cannot be in the past."))
            if self.down_payment_date > self.first_due_date:
                raise UserError(
                    _("The down payment is due on or before the first due date.")
                )
        return has_down_payment

    def _recovery_build_instalments(self, has_down_payment):
        """The core schedule of the plan (may raise ``schedule.ScheduleError``)."""
        return schedule.build_schedule(
            Decimal(str(self.amount_total)),
            self.first_due_date,
            count=self.instalment_count if self.split_mode == "count" else None,
            amount=(
                Decimal(str(self.instalment_amount))
                if self.split_mode == "amount"
                else None
            ),
            periodicity=self.periodicity,
            interval_days=self.interval_days,
            down_payment=Decimal(str(self.down_payment or 0.0)),
            down_payment_date=self.down_payment_date if has_down_payment else None,
            rounding=Decimal(str(self.currency_id.rounding)),
        )

    def _recovery_schedule_error_message(self, error):
        messages = {
            "too_many": _(
                "The plan would have %(count)s instalments, more than %(maximum)s: "
                "raise the amount per instalment.",
                count=error.params.get("count"),
                maximum=error.params.get("maximum"),
            ),
            "amount_too_small": _(
                "%(count)s instalments are too many for the amount to spread: "
                "reduce their number.",
                count=error.params.get("count"),
            ),
        }
        return messages.get(
            error.code,
            _("The schedule cannot be computed (%(reason)s).", reason=error.code),
        )

    def _recovery_long_plan_warning(self, instalments):
        """The 24-month warning (Code civil 1343-5), or False."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if not instalments:
            return False
        last_due = instalments[-1].due_date
        if not schedule.exceeds_grace_period(today, last_due):
            return False
        return _(
            "The last instalment falls due on %(date)s, more than 24 months from "
            "today: beyond the délais de grâce a judge could grant (Code civil "
            "1343-5).",
            date=format_date(self.env, last_due),
        )

    def _recovery_preview_html(self, instalments):
        currency = self.currency_id
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td class='text-end'>%s</td></tr>"
            )
            % (
                instalment.sequence,
                format_date(self.env, instalment.due_date),
                _("Down payment") if instalment.down_payment else "",
                format_amount(self.env, float(instalment.amount), currency),
            )
            for instalment in instalments
        )
        return Markup(
            "<table class='table table-sm o_recovery_plan_preview'><thead><tr>"
            "<th>%s</th><th>%s</th><th></th><th class='text-end'>%s</th></tr></thead>"
            "<tbody>%s</tbody><tfoot><tr><th colspan='3'>%s</th>"
            "<th class='text-end'>%s</th></tr></tfoot></table>"
        ) % (
            _("No."),
            _("Due date"),
            _("Amount"),
            rows,
            _("Total"),
            format_amount(
                self.env, float(sum(i.amount for i in instalments)), currency
            ),
        )

    def _prepare_plan_vals(self, instalments, extra_moves=None):
        """Values of the plan; ``extra_moves`` are the penalty invoices billing
        its penalties, indemnities and interest: the plan covers them too."""
        self.ensure_one()
        moves = self.move_ids | (extra_moves or self.env["account.move"])
        return {
            "company_id": moves.company_id.id,
            "partner_id": moves.commercial_partner_id.id,
            "currency_id": self.currency_id.id,
            "date": fields.Date.context_today(self),
            "move_ids": [Command.set(moves.ids)],
            "move_residuals": {str(move.id): move.amount_residual for move in moves},
            "amount_covered": self.amount_due
            + (self.amount_extra if extra_moves else 0),
            "amount_extra": self.amount_extra,
            "extra_move_id": extra_moves[:1].id if extra_moves else False,
            "amount_penalty": self.amount_penalty,
            "amount_indemnity": self.amount_indemnity,
            "amount_interest": self.amount_interest,
            "amount_total": self.amount_total,
            "amount_down_payment": self.down_payment,
            "periodicity": self.periodicity,
            "interval_days": self.interval_days if self.periodicity == "custom" else 0,
            "note": self.note,
            "line_ids": [
                Command.create(
                    {
                        "sequence": instalment.sequence,
                        "date_due": instalment.due_date,
                        "amount": float(instalment.amount),
                        "down_payment": instalment.down_payment,
                    }
                )
                for instalment in instalments
            ],
        }
