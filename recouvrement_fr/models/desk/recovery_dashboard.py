# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ...core.vocabulary import AGEING_BUCKETS, AGEING_MEASURES, DSO_DAYS, DSO_HELP

# Days of payments counted as "recovered" on the full-width dashboard.
RECOVERED_DAYS = 30
TREND_MONTHS = 12
TOP_DEBTORS = 10


class RecoveryDashboard(models.Model):
    """The customer ledger at a glance: recovery figures per company (fields)
    and, for the full-width client action, ``recovery_dashboard_data``.

    Figures at the date of the context key ``recovery_ageing_date`` (default
    today), in company currency, all taken from the ageing balance
    (``recovery.ageing``) and a few grouped reads: no loop over invoices.
    """

    _name = "recovery.dashboard"
    _description = "Recovery dashboard"
    _auto = False
    _order = "company_id"
    _rec_name = "company_id"
    _depends = {"res.company": ["currency_id"]}

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(compute="_compute_kpis")
    receivable_amount = fields.Monetary(
        string="Customer receivables",
        compute="_compute_kpis",
        help="Open balance of the customer accounts at the date.",
    )
    not_due_amount = fields.Monetary(string="Not due", compute="_compute_kpis")
    amount_1_30 = fields.Monetary(string="1-30 days", compute="_compute_kpis")
    amount_31_60 = fields.Monetary(string="31-60 days", compute="_compute_kpis")
    amount_61_90 = fields.Monetary(string="61-90 days", compute="_compute_kpis")
    amount_90_plus = fields.Monetary(string="Over 90 days", compute="_compute_kpis")
    unapplied_amount = fields.Monetary(
        string="Unapplied payments", compute="_compute_kpis"
    )
    overdue_amount = fields.Monetary(string="Overdue", compute="_compute_kpis")
    overdue_count = fields.Integer(string="Overdue invoices", compute="_compute_kpis")
    sales_amount = fields.Monetary(
        string="Sales (90 days)",
        compute="_compute_kpis",
        help="Sales tax included invoiced over the last 90 days, net of credit notes.",
    )
    dso = fields.Float(
        string="DSO (days)", digits=(16, 1), compute="_compute_kpis", help=DSO_HELP
    )
    recovered_month_amount = fields.Monetary(
        string="Recovered this month",
        compute="_compute_kpis",
        help="Payments received from the first day of the month to the date and "
        "matched with invoices that had entered recovery.",
    )
    payment_plan_amount = fields.Monetary(
        string="In payment plans", compute="_compute_kpis"
    )
    payment_plan_count = fields.Integer(
        string="Invoices in payment plans", compute="_compute_kpis"
    )
    contentieux_amount = fields.Monetary(
        string="In litigation", compute="_compute_kpis"
    )
    contentieux_count = fields.Integer(
        string="Invoices in litigation", compute="_compute_kpis"
    )
    prescription_amount = fields.Monetary(
        string="Prescribed within 90 days",
        compute="_compute_kpis",
        help="Open invoices whose 5-year limitation period between businesses "
        "(due date + 5 years, Code de commerce L110-4) ends within 90 days. "
        "An approximation: see each invoice for the exact date.",
    )
    prescription_count = fields.Integer(
        string="Invoices prescribed within 90 days", compute="_compute_kpis"
    )

    @property
    def _table_query(self):
        return SQL("SELECT c.id, c.id AS company_id, c.currency_id FROM res_company c")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("recovery_ageing_date")
    def _compute_kpis(self):
        ageing = self.env["recovery.ageing"]
        at_date = ageing._recovery_ageing_date()
        domain = [("company_id", "in", self.company_id.ids)]
        per_stage = ageing._recovery_totals(
            ["company_id", "recovery_stage"], domain, at_date
        )
        sales = ageing._recovery_sales("company_id", domain, at_date)
        recovered = self._recovery_recovered(at_date)
        for card in self:
            stages = {
                stage: totals
                for (company, stage), totals in per_stage.items()
                if company == card.company_id
            }
            card.update(
                self._recovery_card_values(
                    stages,
                    at_date,
                    sales.get(card.company_id, 0.0),
                    recovered.get(card.company_id, 0.0),
                )
            )

    @api.model
    def _recovery_card_values(self, stages, at_date, sales, recovered):
        """The figures of one company's card from its ageing totals per stage."""
        zero = dict.fromkeys(AGEING_MEASURES, 0)
        total = {key: sum(totals[key] for totals in stages.values()) for key in zero}
        plan = stages.get("payment_plan", zero)
        litigation = stages.get("contentieux", zero)
        receivable = total["amount_residual"]
        return {
            "date": at_date,
            "receivable_amount": receivable,
            "not_due_amount": total["amount_not_due"],
            "amount_1_30": total["amount_1_30"],
            "amount_31_60": total["amount_31_60"],
            "amount_61_90": total["amount_61_90"],
            "amount_90_plus": total["amount_90_plus"],
            "unapplied_amount": total["amount_unapplied"],
            "overdue_amount": total["amount_overdue"],
            "overdue_count": total["overdue_count"],
            "sales_amount": sales,
            "dso": self.env["recovery.ageing"]._recovery_dso(receivable, sales),
            "recovered_month_amount": recovered,
            "payment_plan_amount": plan["amount_residual"],
            "payment_plan_count": plan["count"],
            "contentieux_amount": litigation["amount_residual"],
            "contentieux_count": litigation["count"],
            "prescription_amount": total["amount_prescription"],
            "prescription_count": total["prescription_count"],
        }

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_ageing(self):
        return self._recovery_ageing_action()

    def action_open_overdue(self):
        action = self._recovery_ageing_action(
            [("amount_overdue", "!=", 0)],
            "recouvrement_fr.recovery_ageing_action_overdue",
        )
        return action

    def action_open_payment_plans(self):
        return self._recovery_ageing_action([("recovery_stage", "=", "payment_plan")])

    def action_open_contentieux(self):
        return self._recovery_ageing_action([("recovery_stage", "=", "contentieux")])

    def action_open_prescription(self):
        return self._recovery_ageing_action([("prescription_count", "=", 1)])

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _recovery_ageing_action(
        self, domain=(), xmlid="recouvrement_fr.recovery_ageing_action"
    ):
        """The ageing balance of this card's company, at the card's date."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("company_id", "=", self.company_id.id), *domain]
        action["context"] = {
            "recovery_ageing_date": fields.Date.to_string(self.date),
            "search_default_group_partner": 1,
        }
        action["name"] = self.env._(
            "%(action)s - %(company)s",
            action=action["name"],
            company=self.company_id.name,
        )
        return action

    def _recovery_recovered(self, at_date, date_from=None):
        """Payments matched from ``date_from`` (default: the first day of the
        month of ``at_date``) to ``at_date`` with invoices in recovery.

        :return: ``{company: amount in company currency}``
        """
        rows = self.env["account.partial.reconcile"]._read_group(
            [
                ("company_id", "in", self.company_id.ids),
                ("max_date", ">=", date_from or at_date.replace(day=1)),
                ("max_date", "<=", at_date),
                (
                    "debit_move_id.move_id.move_type",
                    "in",
                    ("out_invoice", "out_receipt"),
                ),
                ("debit_move_id.move_id.recovery_stage", "not in", ("none", False)),
                "|",
                ("credit_move_id.move_id.origin_payment_id", "!=", False),
                ("credit_move_id.move_id.statement_line_id", "!=", False),
            ],
            ["company_id"],
            ["amount:sum"],
        )
        return dict(rows)

    # ------------------------------------------------------------
    # FULL-WIDTH DASHBOARD (client action recovery_dashboard)
    # ------------------------------------------------------------

    @api.model
    def recovery_dashboard_data(self):
        """Every figure of the dashboard in one call, for the allowed companies.

        Set-based: grouped reads of the ageing balance (one per month of the
        trend), of the sales and of the reconciliations; amounts in the
        currency of the current company (the companies of one French group
        share the euro).
        """
        ageing = self.env["recovery.ageing"]
        at_date = ageing._recovery_ageing_date()
        companies = self.env.companies
        domain = [("company_id", "in", companies.ids)]
        per_stage = ageing._recovery_totals(["recovery_stage"], domain, at_date)
        total = {
            key: sum(totals[key] for totals in per_stage.values())
            for key in AGEING_MEASURES
        }
        sales = sum(ageing._recovery_sales("company_id", domain, at_date).values())
        cards = self.browse(companies.ids)
        recovered = cards._recovery_recovered(
            at_date, date_from=at_date - timedelta(days=RECOVERED_DAYS - 1)
        )
        return {
            "date": fields.Date.to_string(at_date),
            "currency_id": self.env.company.currency_id.id,
            "companies": companies.mapped("name"),
            "kpis": self._recovery_dashboard_kpis(
                total, per_stage, sales, sum(recovered.values())
            ),
            "ageing": [
                {"key": key, "label": label, "amount": total[f"amount_{key}"]}
                for key, label in self._fields_selection_labels(AGEING_BUCKETS)
                if key != "unapplied"
            ],
            "trend": self._recovery_trend(domain, at_date),
            "top_debtors": self._recovery_top_debtors(domain, at_date),
            "responsibles": self._recovery_by_responsible(domain, at_date),
        }

    @api.model
    def _recovery_dashboard_kpis(self, total, per_stage, sales, recovered):
        """The tiles of the full-width dashboard from the ageing totals."""
        zero = dict.fromkeys(AGEING_MEASURES, 0)
        plan = per_stage.get("payment_plan", zero)
        litigation = per_stage.get("contentieux", zero)
        return {
            "receivable": total["amount_residual"],
            "unapplied": total["amount_unapplied"],
            "overdue": total["amount_overdue"],
            "overdue_count": total["overdue_count"],
            "sales": sales,
            "dso": self.env["recovery.ageing"]._recovery_dso(
                total["amount_residual"], sales
            ),
            "dso_days": DSO_DAYS,
            "recovered": recovered,
            "recovered_days": RECOVERED_DAYS,
            "plan": plan["amount_residual"],
            "plan_count": plan["count"],
            "contentieux": litigation["amount_residual"],
            "contentieux_count": litigation["count"],
            "prescription": total["amount_prescription"],
            "prescription_count": total["prescription_count"],
        }

    @api.model
    def recovery_dashboard_action(self, kind, value=False):
        """The ageing balance of the allowed companies behind a tile or a bar."""
        domains = {
            "all": [],
            "overdue": [("amount_overdue", "!=", 0)],
            "payment_plan": [("recovery_stage", "=", "payment_plan")],
            "contentieux": [("recovery_stage", "=", "contentieux")],
            "prescription": [("prescription_count", "=", 1)],
            "bucket": [("bucket", "=", value)],
        }
        xmlid = (
            "recouvrement_fr.recovery_ageing_action_overdue"
            if kind == "overdue"
            else "recouvrement_fr.recovery_ageing_action"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [
            ("company_id", "in", self.env.companies.ids),
            *domains.get(kind, []),
        ]
        action["context"] = {"search_default_group_partner": 1}
        return action

    @api.model
    def _fields_selection_labels(self, selection):
        """``selection`` with its labels in the user's language."""
        labels = dict(
            self.env["recovery.ageing"]
            ._fields["bucket"]
            ._description_selection(self.env)
        )
        return [(key, labels.get(key, label)) for key, label in selection]

    @api.model
    def _recovery_trend(self, domain, at_date):
        """Overdue amount and DSO at the end of each of the last 12 months
        (the last point is ``at_date``)."""
        ageing = self.env["recovery.ageing"]
        points = []
        for back in range(TREND_MONTHS - 1, -1, -1):
            day = at_date + relativedelta(months=-back, day=31)
            day = min(day, at_date)
            totals = ageing._recovery_totals([], domain, day).get((), {})
            receivable = totals.get("amount_residual") or 0.0
            sales = sum(ageing._recovery_sales("company_id", domain, day).values())
            points.append(
                {
                    "date": fields.Date.to_string(day),
                    "overdue": totals.get("amount_overdue") or 0.0,
                    "dso": ageing._recovery_dso(receivable, sales),
                }
            )
        return points

    @api.model
    def _recovery_top_debtors(self, domain, at_date):
        """The 10 customers owing the most overdue money."""
        ageing = self.env["recovery.ageing"].with_context(recovery_ageing_date=at_date)
        rows = ageing._read_group(
            domain,
            ["partner_id"],
            ["amount_overdue:sum", "amount_residual:sum", "days_overdue:max"],
            having=[("amount_overdue:sum", ">", 0)],
            order="amount_overdue:sum desc",
            limit=TOP_DEBTORS,
        )
        return [
            {
                "partner_id": partner.id,
                "name": partner.display_name,
                "overdue": overdue,
                "open": residual,
                "days": days or 0,
            }
            for partner, overdue, residual, days in rows
        ]

    @api.model
    def _recovery_by_responsible(self, domain, at_date):
        """Open and overdue amounts per recovery responsible of the customers
        (the customer's own, else the company's)."""
        ageing = self.env["recovery.ageing"].with_context(recovery_ageing_date=at_date)
        rows = ageing._read_group(
            domain,
            ["partner_id", "company_id"],
            ["amount_overdue:sum", "amount_residual:sum"],
        )
        partners = self.env["res.partner"].browse({row[0].id for row in rows})
        partners.fetch(["recovery_user_id"])
        result = {}
        for partner, company, overdue, residual in rows:
            user = partner.recovery_user_id or company.recovery_user_id
            entry = result.setdefault(
                user.id,
                {
                    "user_id": user.id,
                    "name": user.name or self.env._("Nobody"),
                    "overdue": 0.0,
                    "open": 0.0,
                    "customers": 0,
                },
            )
            entry["overdue"] += overdue
            entry["open"] += residual
            entry["customers"] += 1 if overdue > 0 else 0
        return sorted(result.values(), key=lambda entry: -entry["overdue"])
