# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..core.prescription import B2B_YEARS, WARNING_DAYS
from .account_move import RECOVERY_STAGES

# Sales window of the DSO, in days.
DSO_DAYS = 90
DSO_HELP = (
    "Days sales outstanding, simple (accounting) method: open customer "
    "receivables at the date (tax included, net of credit notes and unapplied "
    "payments) / sales tax included invoiced over the last 90 days (invoices "
    "minus credit notes) x 90. Zero when nothing was invoiced over the period."
)
AGEING_BUCKETS = [
    ("not_due", "Not due"),
    ("1_30", "1-30 days"),
    ("31_60", "31-60 days"),
    ("61_90", "61-90 days"),
    ("90_plus", "Over 90 days"),
    ("unapplied", "Unapplied payment"),
]
AGEING_KINDS = [
    ("invoice", "Invoice"),
    ("refund", "Credit note"),
    ("payment", "Payment"),
    ("other", "Other entry"),
]
# Amount columns of the ageing balance, in the order of the reports.
AMOUNT_FIELDS = (
    "amount_not_due",
    "amount_1_30",
    "amount_31_60",
    "amount_61_90",
    "amount_90_plus",
    "amount_unapplied",
    "amount_residual",
)
# What ``_recovery_totals`` returns for each group.
MEASURES = (
    *AMOUNT_FIELDS,
    "amount_overdue",
    "overdue_count",
    "amount_prescription",
    "prescription_count",
    "count",
)


class RecoveryAgeing(models.Model):
    """Ageing balance (balance âgée clients): the open customer receivable lines.

    One row per receivable line still open at the ageing date (context key
    ``recovery_ageing_date``, default today), with its open amount in company
    currency spread over the age buckets of its due date. The open amount is
    rebuilt from the line's balance and the reconciliations dated on or before
    that date (``account_partial_reconcile.max_date``, the date of the later of
    the two matched lines, as Odoo's own aged balance does), never from today's
    ``amount_residual``: the balance of any past date is exact.

    Invoices, credit notes (negative) and other entries are aged by due date;
    payments not yet matched with an invoice are shown apart as "unapplied"
    (non lettré) and not aged. The total is the customer's open balance.
    Totals come from SQL (``_read_group``), never from a loop over invoices.
    """

    _name = "recovery.ageing"
    _description = "Ageing balance line"
    _auto = False
    _order = "partner_id, date_maturity, id"
    _rec_name = "move_id"
    _depends = {
        "account.move.line": [
            "account_id",
            "balance",
            "company_id",
            "company_currency_id",
            "date",
            "date_maturity",
            "move_id",
            "parent_state",
            "partner_id",
            "reconciled",
        ],
        "account.move": [
            "invoice_user_id",
            "move_type",
            "origin_payment_id",
            "recovery_level_id",
            "recovery_stage",
            "statement_line_id",
        ],
        "account.partial.reconcile": [
            "amount",
            "credit_move_id",
            "debit_move_id",
            "max_date",
        ],
        "account.account": ["account_type", "non_trade"],
        "res.partner": ["commercial_partner_id"],
    }

    move_line_id = fields.Many2one("account.move.line", string="Journal item")
    move_id = fields.Many2one("account.move", string="Entry")
    company_id = fields.Many2one("res.company")
    currency_id = fields.Many2one("res.currency", string="Company currency")
    partner_id = fields.Many2one("res.partner", string="Customer")
    account_id = fields.Many2one("account.account")
    invoice_user_id = fields.Many2one("res.users", string="Salesperson")
    kind = fields.Selection(AGEING_KINDS)
    date = fields.Date()
    date_maturity = fields.Date(string="Due date")
    days_overdue = fields.Integer(
        string="Days overdue",
        aggregator="max",
        help="Days between the due date and the ageing date.",
    )
    bucket = fields.Selection(AGEING_BUCKETS, string="Age")
    recovery_stage = fields.Selection(RECOVERY_STAGES, string="Recovery stage")
    recovery_level_id = fields.Many2one("recovery.level", string="Recovery level")
    prescription_date = fields.Date(
        string="Prescription",
        help="Due date + 5 years: the limitation period between businesses "
        "(Code de commerce L110-4), without interruption.",
    )
    amount_not_due = fields.Monetary(string="Not due")
    amount_1_30 = fields.Monetary(string="1-30 days")
    amount_31_60 = fields.Monetary(string="31-60 days")
    amount_61_90 = fields.Monetary(string="61-90 days")
    amount_90_plus = fields.Monetary(string="Over 90 days")
    amount_unapplied = fields.Monetary(
        string="Unapplied payments",
        help="Payments received and not yet matched with an invoice (non lettré).",
    )
    amount_residual = fields.Monetary(
        string="Total",
        help="Open amount at the ageing date, in company currency.",
    )
    amount_overdue = fields.Monetary(
        string="Overdue", help="Sum of the 1-30 to over 90 days columns."
    )
    overdue_count = fields.Integer(
        string="Overdue invoices",
        help="Invoices (receivable lines) past their due date and still owed.",
    )
    amount_prescription = fields.Monetary(
        string="Prescribed within 90 days",
        help="Open amount of the invoices whose 5-year limitation period ends "
        "within 90 days of the ageing date.",
    )
    prescription_count = fields.Integer(string="Invoices prescribed within 90 days")

    # ------------------------------------------------------------
    # SQL VIEW
    # ------------------------------------------------------------

    def init(self):
        # The past-date ageing looks up the reconciliations made after that
        # date; without this index it reads the whole partial table.
        create_index(
            self.env.cr,
            "account_partial_reconcile_max_date_idx",
            "account_partial_reconcile",
            ["max_date"],
        )

    @property
    def _table_query(self):
        return self._recovery_ageing_query(self._recovery_ageing_date())

    @api.model
    def _recovery_ageing_date(self):
        """Ageing date: context key ``recovery_ageing_date``, else today."""
        at_date = self.env.context.get("recovery_ageing_date")
        return fields.Date.to_date(at_date) or fields.Date.context_today(self)

    @api.model
    def _recovery_ageing_query(self, at_date):
        """SQL of the open receivable lines at ``at_date``.

        Candidates are the lines not reconciled today (Odoo's partial index
        ``account_move_line__unreconciled_index``) plus the lines matched by a
        reconciliation dated after ``at_date``; their open amount is then
        rebuilt from the reconciliations dated on or before ``at_date``.
        """
        open_lines = SQL(
            """
            SELECT l.id, l.move_id, l.company_id, l.company_currency_id,
                   l.partner_id, l.account_id, l.date,
                   COALESCE(l.date_maturity, l.date) AS date_maturity,
                   l.balance
                     - COALESCE((SELECT SUM(pr.amount)
                                   FROM account_partial_reconcile pr
                                  WHERE pr.debit_move_id = l.id
                                    AND pr.max_date <= %(at_date)s), 0)
                     + COALESCE((SELECT SUM(pr.amount)
                                   FROM account_partial_reconcile pr
                                  WHERE pr.credit_move_id = l.id
                                    AND pr.max_date <= %(at_date)s), 0)
                     AS amount
              FROM account_move_line l
              JOIN account_account a ON a.id = l.account_id
             WHERE a.account_type = 'asset_receivable'
               AND a.non_trade IS NOT TRUE
               AND l.parent_state = 'posted'
               AND l.date <= %(at_date)s
               AND (
                    (l.reconciled IS NULL OR l.reconciled = false
                     OR l.reconciled IS NOT true)
                    OR l.id IN (
                        SELECT pr.debit_move_id FROM account_partial_reconcile pr
                         WHERE pr.max_date > %(at_date)s
                        UNION ALL
                        SELECT pr.credit_move_id FROM account_partial_reconcile pr
                         WHERE pr.max_date > %(at_date)s
                    )
               )
            """,
            at_date=at_date,
        )
        return SQL(
            """
            SELECT o.id,
                   o.id AS move_line_id,
                   o.move_id,
                   o.company_id,
                   o.company_currency_id AS currency_id,
                   COALESCE(p.commercial_partner_id, o.partner_id) AS partner_id,
                   o.account_id,
                   m.invoice_user_id,
                   k.kind,
                   o.date,
                   o.date_maturity,
                   k.days AS days_overdue,
                   k.bucket,
                   m.recovery_stage,
                   m.recovery_level_id,
                   k.prescription_date,
                   CASE WHEN k.bucket = 'not_due' THEN o.amount ELSE 0 END
                       AS amount_not_due,
                   CASE WHEN k.bucket = '1_30' THEN o.amount ELSE 0 END
                       AS amount_1_30,
                   CASE WHEN k.bucket = '31_60' THEN o.amount ELSE 0 END
                       AS amount_31_60,
                   CASE WHEN k.bucket = '61_90' THEN o.amount ELSE 0 END
                       AS amount_61_90,
                   CASE WHEN k.bucket = '90_plus' THEN o.amount ELSE 0 END
                       AS amount_90_plus,
                   CASE WHEN k.bucket = 'unapplied' THEN o.amount ELSE 0 END
                       AS amount_unapplied,
                   o.amount AS amount_residual,
                   CASE WHEN k.bucket NOT IN ('not_due', 'unapplied')
                        THEN o.amount ELSE 0 END AS amount_overdue,
                   CASE WHEN k.bucket NOT IN ('not_due', 'unapplied')
                         AND o.amount > 0 THEN 1 ELSE 0 END AS overdue_count,
                   CASE WHEN k.prescription_soon THEN o.amount ELSE 0 END
                       AS amount_prescription,
                   CASE WHEN k.prescription_soon THEN 1 ELSE 0 END
                       AS prescription_count
              FROM (%(open_lines)s) o
              JOIN account_move m ON m.id = o.move_id
              LEFT JOIN res_partner p ON p.id = o.partner_id
             CROSS JOIN LATERAL (
                SELECT x.kind, x.days,
                       CASE WHEN x.kind = 'payment' THEN 'unapplied'
                            WHEN x.days <= 0 THEN 'not_due'
                            WHEN x.days <= 30 THEN '1_30'
                            WHEN x.days <= 60 THEN '31_60'
                            WHEN x.days <= 90 THEN '61_90'
                            ELSE '90_plus' END AS bucket,
                       x.prescription_date,
                       -- Dashboard approximation: the 5-year B2B period from
                       -- the due date (L110-4), no interruption nor B2C rule;
                       -- the invoice form gives the exact date (core/).
                       x.kind = 'invoice' AND o.amount > 0
                         AND x.prescription_date BETWEEN %(at_date)s
                             AND %(warning_end)s AS prescription_soon
                  FROM (SELECT
                            CASE WHEN m.origin_payment_id IS NOT NULL
                                   OR m.statement_line_id IS NOT NULL
                                 THEN 'payment'
                                 WHEN m.move_type IN ('out_invoice', 'out_receipt')
                                 THEN 'invoice'
                                 WHEN m.move_type = 'out_refund' THEN 'refund'
                                 ELSE 'other' END AS kind,
                            %(at_date)s::date - o.date_maturity AS days,
                            (o.date_maturity
                             + make_interval(years => %(years)s))::date
                                AS prescription_date
                       ) x
             ) k
             WHERE o.amount != 0
            """,
            open_lines=open_lines,
            at_date=at_date,
            warning_end=at_date + timedelta(days=WARNING_DAYS),
            years=B2B_YEARS,
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_move(self):
        """Open the invoice, credit note or payment of this line."""
        self.ensure_one()
        return self.move_id._get_records_action()

    # ------------------------------------------------------------
    # KPI HELPERS
    # ------------------------------------------------------------

    @api.model
    def _recovery_totals(self, groupby, domain=None, at_date=None):
        """Sums of the amount columns per ``groupby`` key at ``at_date``.

        :return: ``{key: {field: amount, "overdue_count": n, ...}}`` where
            ``key`` is the group record (or a tuple of them).
        """
        measures = MEASURES[:-1]
        ageing = self.with_context(recovery_ageing_date=at_date or False)
        rows = ageing._read_group(
            domain or [],
            groupby,
            [f"{name}:sum" for name in measures] + ["__count"],
        )
        width = len(groupby)
        result = {}
        for row in rows:
            key = row[0] if width == 1 else row[:width]
            result[key] = dict(zip(MEASURES, row[width:], strict=True))
        return result

    @api.model
    def _recovery_sales(self, groupby, domain, at_date, days=DSO_DAYS):
        """Sales TTC in company currency invoiced in the ``days`` up to ``at_date``.

        Customer invoices minus credit notes, by invoice date.
        """
        rows = self.env["account.move"]._read_group(
            [
                ("move_type", "in", ("out_invoice", "out_refund", "out_receipt")),
                ("state", "=", "posted"),
                ("invoice_date", ">", at_date - timedelta(days=days)),
                ("invoice_date", "<=", at_date),
                *domain,
            ],
            [groupby],
            ["amount_total_signed:sum"],
        )
        return dict(rows)

    @api.model
    def _recovery_dso(self, receivable, sales, days=DSO_DAYS):
        """Days sales outstanding: receivable / sales of the last ``days`` × ``days``.

        Zero when nothing was sold over the period (the ratio is undefined).
        """
        if sales <= 0:
            return 0.0
        return round(receivable / sales * days, 1)
