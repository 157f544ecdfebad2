# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ...core import dso as core_dso
from ...core.prescription import B2B_YEARS, WARNING_DAYS
from ...core.vocabulary import AGEING_BUCKETS, AGEING_KINDS, AGEING_MEASURES, STAGES

# Sales window of the DSO, in days.
DSO_DAYS = 90


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

    The ORM caches the values of a record whatever the date it was read at:
    in one transaction, invalidate the model before reading the same lines at
    another date (``_read_group`` is not affected).
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
            "payment_id",
            "reconciled",
            "statement_line_id",
        ],
        "account.move": [
            "invoice_user_id",
            "move_type",
            "recovery_state_id",
        ],
        "recovery.move.state": ["level_id", "stage"],
        "account.partial.reconcile": [
            "amount",
            "credit_move_id",
            "debit_move_id",
            "full_reconcile_id",
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
    # The journal item's own partner (a contact of the customer, sometimes):
    # filtering on it uses the index of account_move_line.
    line_partner_id = fields.Many2one("res.partner", string="Partner")
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
    recovery_stage = fields.Selection(STAGES, string="Recovery stage")
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
        help="Open amount owed (invoices, other debit entries) whose 5-year "
        "limitation period ends within 90 days of the ageing date.",
    )
    prescription_count = fields.Integer(string="Invoices prescribed within 90 days")

    # ------------------------------------------------------------
    # SQL VIEW
    # ------------------------------------------------------------

    def init(self):
        # Reconciliations dated after the ageing date reopen the lines they
        # closed; those not (yet) part of a full reconciliation are the only
        # ones on lines still open today. Both indexes keep these reads small
        # on a database with years of reconciled invoices.
        create_index(
            self.env.cr,
            "account_partial_reconcile_max_date_idx",
            "account_partial_reconcile",
            ["max_date"],
        )
        create_index(
            self.env.cr,
            "account_partial_reconcile_open_max_date_idx",
            "account_partial_reconcile",
            ["max_date"],
            where="full_reconcile_id IS NULL",
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
    def _recovery_receivable_account_ids(self):
        """Trade receivable accounts of all companies.

        Given to the SQL as literals so that PostgreSQL estimates the number of
        open lines from its column statistics and picks hash joins.
        """
        self.env["account.account"].flush_model(["account_type", "non_trade"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_account"
                " WHERE account_type = 'asset_receivable' AND non_trade IS NOT TRUE"
            )
        )
        return [row[0] for row in self.env.cr.fetchall()] or [0]

    @api.model
    def _recovery_ageing_query(self, at_date):
        """SQL of the receivable lines open at the end of ``at_date``.

        Open amount = balance - reconciliations (``account_partial_reconcile``)
        dated on or before ``at_date``. The candidate lines are those not
        reconciled today, plus those that a reconciliation dated after
        ``at_date`` closed ("reopened"). Their reconciliations up to
        ``at_date`` are the partial ones (no full reconciliation yet: the lines
        not reconciled today) and those of the reopened lines; the others only
        touch lines closed on ``at_date`` already.
        """
        return SQL(
            """
            WITH reopened AS MATERIALIZED (
                SELECT pr.debit_move_id AS id
                  FROM account_partial_reconcile pr
                 WHERE pr.max_date > %(at_date)s
                 UNION
                SELECT pr.credit_move_id
                  FROM account_partial_reconcile pr
                 WHERE pr.max_date > %(at_date)s
            ), matched AS (
                SELECT s.line_id, SUM(s.amount) AS amount
                  FROM (
                    SELECT pr.debit_move_id AS line_id, -pr.amount AS amount
                      FROM account_partial_reconcile pr
                     WHERE pr.full_reconcile_id IS NULL
                       AND pr.max_date <= %(at_date)s
                     UNION ALL
                    SELECT pr.credit_move_id, pr.amount
                      FROM account_partial_reconcile pr
                     WHERE pr.full_reconcile_id IS NULL
                       AND pr.max_date <= %(at_date)s
                     UNION ALL
                    SELECT pr.debit_move_id, -pr.amount
                      FROM reopened r
                      JOIN account_partial_reconcile pr ON pr.debit_move_id = r.id
                     WHERE pr.full_reconcile_id IS NOT NULL
                       AND pr.max_date <= %(at_date)s
                     UNION ALL
                    SELECT pr.credit_move_id, pr.amount
                      FROM reopened r
                      JOIN account_partial_reconcile pr ON pr.credit_move_id = r.id
                     WHERE pr.full_reconcile_id IS NOT NULL
                       AND pr.max_date <= %(at_date)s
                  ) s
                 GROUP BY s.line_id
            )
            SELECT o.id,
                   o.id AS move_line_id,
                   o.move_id,
                   o.company_id,
                   o.company_currency_id AS currency_id,
                   COALESCE(p.commercial_partner_id, o.partner_id) AS partner_id,
                   o.partner_id AS line_partner_id,
                   o.account_id,
                   m.invoice_user_id,
                   CASE WHEN o.bucket = 'unapplied' THEN 'payment'
                        WHEN m.move_type IN ('out_invoice', 'out_receipt')
                        THEN 'invoice'
                        WHEN m.move_type = 'out_refund' THEN 'refund'
                        ELSE 'other' END AS kind,
                   o.date,
                   o.date_maturity,
                   o.days AS days_overdue,
                   o.bucket,
                   COALESCE(rs.stage, 'none') AS recovery_stage,
                   rs.level_id AS recovery_level_id,
                   o.prescription_date,
                   CASE WHEN o.bucket = 'not_due' THEN o.amount ELSE 0 END
                       AS amount_not_due,
                   CASE WHEN o.bucket = '1_30' THEN o.amount ELSE 0 END
                       AS amount_1_30,
                   CASE WHEN o.bucket = '31_60' THEN o.amount ELSE 0 END
                       AS amount_31_60,
                   CASE WHEN o.bucket = '61_90' THEN o.amount ELSE 0 END
                       AS amount_61_90,
                   CASE WHEN o.bucket = '90_plus' THEN o.amount ELSE 0 END
                       AS amount_90_plus,
                   CASE WHEN o.bucket = 'unapplied' THEN o.amount ELSE 0 END
                       AS amount_unapplied,
                   o.amount AS amount_residual,
                   CASE WHEN o.bucket NOT IN ('not_due', 'unapplied')
                        THEN o.amount ELSE 0 END AS amount_overdue,
                   CASE WHEN o.bucket NOT IN ('not_due', 'unapplied')
                         AND o.amount > 0 THEN 1 ELSE 0 END AS overdue_count,
                   CASE WHEN o.prescription_soon THEN o.amount ELSE 0 END
                       AS amount_prescription,
                   CASE WHEN o.prescription_soon THEN 1 ELSE 0 END
                       AS prescription_count
              FROM (
                SELECT a.*,
                       CASE WHEN a.is_payment THEN 'unapplied'
                            WHEN a.days <= 0 THEN 'not_due'
                            WHEN a.days <= 30 THEN '1_30'
                            WHEN a.days <= 60 THEN '31_60'
                            WHEN a.days <= 90 THEN '61_90'
                            ELSE '90_plus' END AS bucket,
                       -- Dashboard approximation: the 5-year B2B period from
                       -- the due date (L110-4) of what is owed, no
                       -- interruption nor B2C rule; the invoice form gives the
                       -- exact date (core/).
                       NOT a.is_payment AND a.amount > 0
                         AND a.prescription_date BETWEEN %(at_date)s
                             AND %(warning_end)s AS prescription_soon
                  FROM (
                    SELECT l.id, l.move_id, l.company_id, l.company_currency_id,
                           l.partner_id, l.account_id, l.date,
                           COALESCE(l.date_maturity, l.date) AS date_maturity,
                           %(at_date)s::date - COALESCE(l.date_maturity, l.date)
                               AS days,
                           (COALESCE(l.date_maturity, l.date)
                            + make_interval(years => %(years)s))::date
                               AS prescription_date,
                           l.payment_id IS NOT NULL
                             OR l.statement_line_id IS NOT NULL AS is_payment,
                           l.balance + COALESCE(mt.amount, 0) AS amount
                      FROM account_move_line l
                      LEFT JOIN matched mt ON mt.line_id = l.id
                     WHERE l.account_id = ANY(%(accounts)s)
                       AND l.parent_state = 'posted'
                       AND l.date <= %(at_date)s
                       AND (l.reconciled IS NOT TRUE
                            OR l.id IN (SELECT r.id FROM reopened r))
                  ) a
              ) o
              -- Left joins on primary keys: PostgreSQL skips them when the
              -- query reads none of their columns (totals per company...).
              LEFT JOIN account_move m ON m.id = o.move_id
              LEFT JOIN recovery_move_state rs ON rs.id = m.recovery_state_id
              LEFT JOIN res_partner p ON p.id = o.partner_id
             WHERE o.amount != 0
            """,
            at_date=at_date,
            accounts=self._recovery_receivable_account_ids(),
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
    def _recovery_totals(self, groupby, domain=None, at_date=None, order=None):
        """Sums of the amount columns per ``groupby`` key at ``at_date``.

        :return: ``{key: {field: amount, "overdue_count": n, ...}}`` where
            ``key`` is the group record (or a tuple of them), in ``order``.
        """
        measures = AGEING_MEASURES[:-1]
        ageing = self.with_context(recovery_ageing_date=at_date) if at_date else self
        rows = ageing._read_group(
            domain or [],
            groupby,
            [f"{name}:sum" for name in measures] + ["__count"],
            order=order,
        )
        width = len(groupby)
        result = {}
        for row in rows:
            key = row[0] if width == 1 else row[:width]
            result[key] = dict(zip(AGEING_MEASURES, row[width:], strict=True))
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
        """The company's DSO (core.dso.simple_dso): receivable / sales of the
        last ``days`` × ``days``; 0 when the ratio is undefined."""
        return core_dso.simple_dso(receivable, sales, days) or 0.0

    @api.model
    def _recovery_sales_by_day(self, domain, at_date):
        """Each customer's invoices (tax included, company currency) by
        invoice date up to ``at_date``: ``{customer: [(date, amount)]}``,
        what the countback DSO of a customer reads."""
        rows = self.env["account.move"]._read_group(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", "<=", at_date),
                *domain,
            ],
            ["commercial_partner_id", "invoice_date:day"],
            ["amount_total_signed:sum"],
        )
        sales = {}
        for customer, day, amount in rows:
            sales.setdefault(customer, []).append((day, amount))
        return sales

    @api.model
    def _recovery_customer_dso(self, receivable, sales, at_date):
        """A customer's DSO (core.dso.countback_dso); 0 when undefined."""
        return core_dso.countback_dso(receivable, sales, at_date) or 0.0
