# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .recovery_ageing import DSO_HELP, MEASURES


class RecoveryDashboard(models.Model):
    """The customer ledger at a glance: one card of recovery figures per company.

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
        zero = dict.fromkeys(MEASURES, 0)
        for card in self:
            stages = {
                stage: totals
                for (company, stage), totals in per_stage.items()
                if company == card.company_id
            }
            total = {
                key: sum(totals[key] for totals in stages.values()) for key in zero
            }
            plan = stages.get("payment_plan", zero)
            litigation = stages.get("contentieux", zero)
            receivable = total["amount_residual"]
            card_sales = sales.get(card.company_id, 0.0)
            card.update(
                {
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
                    "sales_amount": card_sales,
                    "dso": ageing._recovery_dso(receivable, card_sales),
                    "recovered_month_amount": recovered.get(card.company_id, 0.0),
                    "payment_plan_amount": plan["amount_residual"],
                    "payment_plan_count": plan["count"],
                    "contentieux_amount": litigation["amount_residual"],
                    "contentieux_count": litigation["count"],
                    "prescription_amount": total["amount_prescription"],
                    "prescription_count": total["prescription_count"],
                }
            )

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

    def _recovery_recovered(self, at_date):
        """Payments matched during the month of ``at_date`` with invoices in recovery.

        :return: ``{company: amount in company currency}``
        """
        rows = self.env["account.partial.reconcile"]._read_group(
            [
                ("company_id", "in", self.company_id.ids),
                ("max_date", ">=", at_date.replace(day=1)),
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
