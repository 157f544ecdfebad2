# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date, get_lang

from ...core.vocabulary import OPEN_PLAN_STATES, PERIODICITIES, PLAN_STATES
from ...tools.open_invoice import open_invoices

try:
    from num2words import num2words
except ImportError:  # optional in Odoo: amount_to_text then
    num2words = None


class RecoveryPlan(models.Model):
    """A payment plan (échéancier) agreed with a customer.

    While the plan runs and is honoured on time, its invoices wait in the
    ``payment_plan`` stage, which the escalation skips. A missed instalment
    breaks the plan and puts the invoices back on the ladder at the formal
    notice.
    """

    _name = "recovery.plan"
    _description = "Payment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        readonly=True,
        default=lambda self: self.env.company.currency_id,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    date = fields.Date(
        string="Agreement date",
        required=True,
        readonly=True,
        default=fields.Date.context_today,
    )
    state = fields.Selection(
        PLAN_STATES,
        compute="_compute_state",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        copy=False,
    )
    move_ids = fields.Many2many(
        "account.move",
        relation="recovery_plan_account_move_rel",
        column1="plan_id",
        column2="move_id",
        string="Invoices",
        readonly=True,
        check_company=True,
    )
    move_count = fields.Integer(compute="_compute_move_count")
    line_ids = fields.One2many(
        "recovery.plan.line", "plan_id", string="Schedule", readonly=True
    )
    payment_ids = fields.Many2many(
        "account.payment", string="Payments", compute="_compute_payment_ids"
    )
    move_residuals = fields.Json(
        string="Amounts due at the agreement",
        readonly=True,
        copy=False,
        help="Amount due on each invoice when the plan was agreed, per invoice id.",
    )
    amount_covered = fields.Monetary(
        string="Invoices due",
        readonly=True,
        help="Amount due on the invoices when the plan was agreed.",
    )
    amount_extra = fields.Monetary(
        string="Penalties and indemnity",
        readonly=True,
        help="Late-payment penalties and recovery indemnity included in the plan.",
    )
    # The split of amount_extra the agreement prints (core/penalties).
    amount_penalty = fields.Monetary(string="Late-payment penalties", readonly=True)
    amount_indemnity = fields.Monetary(string="Recovery indemnity", readonly=True)
    amount_interest = fields.Monetary(string="Legal interest", readonly=True)
    extra_move_id = fields.Many2one(
        "account.move",
        string="Penalty invoice",
        readonly=True,
        copy=False,
        check_company=True,
        help="The invoice billing the penalties, indemnities and interest the "
        "plan includes.",
    )
    amount_total = fields.Monetary(string="Total", readonly=True)
    amount_down_payment = fields.Monetary(string="Down payment", readonly=True)
    amount_paid = fields.Monetary(
        string="Paid", compute="_compute_amount_paid", store=True
    )
    amount_residual = fields.Monetary(
        string="Left to pay", compute="_compute_amount_paid", store=True
    )
    periodicity = fields.Selection(PERIODICITIES, readonly=True)
    interval_days = fields.Integer(string="Days between instalments", readonly=True)
    instalment_count = fields.Integer(
        string="Instalments", compute="_compute_schedule_info"
    )
    next_line_id = fields.Many2one(
        "recovery.plan.line", string="Next instalment", compute="_compute_schedule_info"
    )
    next_date_due = fields.Date(
        string="Next due date", compute="_compute_schedule_info"
    )
    date_end = fields.Date(string="Last due date", compute="_compute_schedule_info")
    is_late = fields.Boolean(string="Late", compute="_compute_schedule_info")
    signed_agreement = fields.Binary(
        string="Signed agreement", attachment=True, copy=False
    )
    signed_agreement_name = fields.Char(copy=False)
    signed_date = fields.Date(string="Signed on", tracking=True, copy=False)
    break_date = fields.Date(string="Broken on", readonly=True, copy=False)
    break_line_id = fields.Many2one(
        "recovery.plan.line", string="Missed instalment", readonly=True, copy=False
    )
    resume_level_id = fields.Many2one(
        "recovery.level",
        string="Resumed at level",
        readonly=True,
        copy=False,
        check_company=True,
    )
    break_event_id = fields.Many2one(
        "recovery.event",
        string="Formal notice",
        readonly=True,
        copy=False,
        check_company=True,
    )
    note = fields.Html(string="Terms")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("move_ids")
    def _compute_move_count(self):
        for plan in self:
            plan.move_count = len(plan.move_ids)

    @api.depends("move_ids.matched_payment_ids")
    def _compute_payment_ids(self):
        for plan in self:
            plan.payment_ids = plan.move_ids.matched_payment_ids.filtered(
                lambda pay: pay.state not in ("draft", "canceled")
            )

    @api.depends("amount_covered", "amount_total", "move_ids.amount_residual")
    def _compute_amount_paid(self):
        """Paid: what the covered invoices lost of their residual since the plan."""
        for plan in self:
            currency = plan.currency_id
            residual = sum(plan.move_ids.mapped("amount_residual"))
            paid = max(plan.amount_covered - residual, 0.0) if plan.move_ids else 0.0
            plan.amount_paid = currency.round(min(paid, plan.amount_total))
            plan.amount_residual = currency.round(plan.amount_total - plan.amount_paid)

    @api.depends("amount_residual")
    def _compute_state(self):
        # A stored state that follows the payments: a plan paid in full is
        # honoured; unreconciling a payment makes it run again. The other
        # transitions are explicit (activate, break, cancel).
        for plan in self:
            state = plan.state or "draft"
            paid = plan.amount_total and plan.currency_id.is_zero(plan.amount_residual)
            if state == "active" and paid:
                state = "honoured"
            elif state == "honoured" and not paid:
                state = "active"
            plan.state = state

    @api.depends("line_ids.date_due", "line_ids.state")
    def _compute_schedule_info(self):
        today = fields.Date.context_today(self)
        for plan in self:
            lines = plan.line_ids.sorted(lambda line: (line.date_due, line.sequence))
            open_lines = lines.filtered(lambda line: line.state != "paid")
            plan.instalment_count = len(lines)
            plan.next_line_id = open_lines[:1]
            plan.next_date_due = open_lines[:1].date_due
            plan.date_end = lines[-1:].date_due
            plan.is_late = plan.state == "active" and any(
                line.date_due < today for line in open_lines
            )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = (
                f"{plan.name} - {plan.partner_id.name}"
                if plan.partner_id
                else plan.name
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    # EXTENDS base
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "recovery.plan", sequence_date=vals.get("date")
                ) or _("Payment plan")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(plan.state not in ("draft", "cancelled") for plan in self):
            raise UserError(
                _(
                    "A payment plan agreed with the customer is part of the "
                    "recovery file: cancel it instead of deleting it."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_activate(self):
        """Start the plan: its invoices leave the ladder while it is honoured."""
        if any(plan.state != "draft" for plan in self):
            raise UserError(_("Only a draft payment plan can be started."))
        self._recovery_check_plan()
        self.write({"state": "active"})
        open_invoices(self.move_ids)._recovery_set_stage("payment_plan")
        for plan in self:
            plan.message_post(
                body=_(
                    "Payment plan agreed: %(total)s in %(count)s instalment(s), "
                    "the last one due on %(date)s.",
                    total=format_amount(self.env, plan.amount_total, plan.currency_id),
                    count=plan.instalment_count,
                    date=format_date(self.env, plan.date_end),
                )
            )
            body = _(
                "Payment plan %(plan)s agreed: the recovery ladder is paused "
                "while it is honoured.",
                plan=plan._get_html_link(),
            )
            plan.move_ids._message_log_batch(dict.fromkeys(plan.move_ids.ids, body))
        return True

    def action_cancel(self):
        """Cancel the plan: its unpaid invoices go back where the ladder left them."""
        if any(plan.state not in OPEN_PLAN_STATES for plan in self):
            raise UserError(_("Only a draft or running payment plan can be cancelled."))
        self.write({"state": "cancelled"})
        self._recovery_release_moves()
        for plan in self:
            plan.message_post(body=_("Payment plan cancelled."))
        return True

    def action_print_agreement(self):
        report = self.env.ref("recouvrement_fr.action_report_recovery_plan")
        return report.report_action(self)

    def action_send_agreement(self):
        """Open the e-mail composer with the agreement to sign attached."""
        self.ensure_one()
        template = self.env.ref(
            "recouvrement_fr.mail_template_recovery_plan", raise_if_not_found=False
        )
        recipient = self.partner_id._recovery_recipient()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment",
                "default_partner_ids": recipient.ids,
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
            },
        }

    def action_open_moves(self):
        self.ensure_one()
        return self.move_ids._recovery_list_action()

    def action_open_payments(self):
        self.ensure_one()
        return self.payment_ids._get_records_action(name=_("Payments"))

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _recovery_check_plan(self):
        """Refuse a plan whose schedule or invoices do not hold together."""
        others = self.search(
            [
                ("state", "in", OPEN_PLAN_STATES),
                ("move_ids", "in", self.move_ids.ids),
                ("id", "not in", self.ids),
            ]
        )
        for plan in self:
            currency = plan.currency_id
            if not plan.line_ids:
                raise UserError(
                    _("The payment plan %(plan)s has no instalment.", plan=plan.name)
                )
            if currency.compare_amounts(
                sum(plan.line_ids.mapped("amount")), plan.amount_total
            ):
                raise UserError(
                    _(
                        "The instalments of %(plan)s do not add up to its total "
                        "%(total)s.",
                        plan=plan.name,
                        total=format_amount(self.env, plan.amount_total, currency),
                    )
                )
            taken = others.filtered(
                lambda other, plan=plan: other.move_ids & plan.move_ids
            )
            if taken:
                raise UserError(
                    _(
                        "Invoices %(invoices)s are already covered by the payment "
                        "plan %(plan)s.",
                        invoices=", ".join(
                            (taken.move_ids & plan.move_ids).mapped("name")
                        ),
                        plan=taken[0].name,
                    )
                )

    def _recovery_release_moves(self):
        """Give back to the ladder the unpaid invoices paused by these plans."""
        open_invoices(self.move_ids).filtered(
            lambda m: m.recovery_stage == "payment_plan"
        )._recovery_set_stage()

    def _recovery_debt_rows(self):
        """Invoices of the agreement with the amount due when it was agreed
        (the penalty invoice of the plan is printed as its split instead)."""
        self.ensure_one()
        residuals = self.move_residuals or {}
        moves = self.move_ids - self.extra_move_id
        return [
            {
                "move": move,
                "amount": residuals.get(str(move.id), move.amount_residual),
            }
            for move in moves.sorted(lambda m: (m.invoice_date_due, m.id))
        ]

    def _recovery_extra_rows(self):
        """(label, amount) of what the law adds, as the agreement prints it."""
        self.ensure_one()
        rows = [
            (_("Late-payment penalties"), self.amount_penalty),
            (_("Fixed recovery indemnities"), self.amount_indemnity),
            (_("Legal interest"), self.amount_interest),
        ]
        rows = [(label, amount) for label, amount in rows if amount]
        if not rows and self.amount_extra:
            rows = [(_("Penalties and indemnity"), self.amount_extra)]
        return rows

    def _recovery_amount_in_words(self, amount=None):
        """The sum in words in the debtor's language (Code civil 1376):
        "deux mille quatre-vingt-trois euros et vingt-trois centimes".

        num2words names the currency units of each language ("centimes",
        not Odoo's untranslated "Cents"); Odoo's amount_to_text when it
        cannot.
        """
        self.ensure_one()
        lang = self.partner_id._recovery_recipient().lang or self.env.lang
        currency = self.currency_id.with_context(lang=lang)
        amount = self.amount_total if amount is None else amount
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
        iso = get_lang(self.with_context(lang=lang).env).iso_code
        if num2words is None:
            return currency.amount_to_text(amount).lower()
        try:
            units, _cents = num2words(
                value, lang=iso, to="currency", currency=currency.name, separator="|"
            ).split("|", 1)
            if value == value.to_integral_value():
                return units.strip()
            return num2words(value, lang=iso, to="currency", currency=currency.name)
        except (NotImplementedError, ValueError, KeyError):
            return currency.amount_to_text(amount).lower()

    def _recovery_amount_in_figures(self, amount=None):
        """ "(2 096,84 €)": the sum in figures, in the debtor's format."""
        self.ensure_one()
        lang = self.partner_id._recovery_recipient().lang or self.env.lang
        amount = self.amount_total if amount is None else amount
        figures = format_amount(self.env, amount, self.currency_id, lang_code=lang)
        return f"({figures})"

    def _recovery_is_consumer_plan(self):
        """A consumer's plan: no acceleration without a formal notice and a
        notice period (Cass. 1re civ. 22 March 2023, n° 21-16.044)."""
        self.ensure_one()
        return not self.partner_id.commercial_partner_id.recovery_is_b2b

    def _recovery_grace_days(self):
        self.ensure_one()
        return self.company_id.recovery_plan_grace_days

    # ------------------------------------------------------------
    # CRON: MISSED INSTALMENTS (recovery.plan.check)
    # ------------------------------------------------------------

    @api.model
    def _cron_check_plans(self, batch_size=None):
        """Nightly check of the running plans: breaks those with a missed
        instalment (see ``recovery.plan.check``)."""
        return self.env["recovery.plan.check"]._run(batch_size)

    def _recovery_break_reason(self, first_missed):
        self.ensure_one()
        return _(
            "Payment plan %(plan)s broken: the instalment of %(amount)s due on "
            "%(date)s was not paid within %(days)s days. The whole balance "
            "(%(balance)s) is due.",
            plan=self.name,
            amount=format_amount(self.env, first_missed.amount, self.currency_id),
            date=format_date(self.env, first_missed.date_due),
            days=self._recovery_grace_days(),
            balance=format_amount(self.env, self.amount_residual, self.currency_id),
        )

    def _recovery_break_event_vals(self, level, moves, today, reason):
        """Values written on the plan's formal-notice event after it is created."""
        self.ensure_one()
        return {"note": Markup("<p>%s</p>") % reason}
