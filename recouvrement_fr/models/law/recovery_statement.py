# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from ...core.plan_terms import PlanLine
from ...core.statement import OpenItem, account_statement


class RecoveryStatement(models.AbstractModel):
    """The statement of account of a customer (core/statement.py): every
    open item (invoices, credit notes, unapplied payments), the net balance,
    and "exigible" only for what is. A service (no table)."""

    _name = "recovery.statement"
    _description = "Recovery Statement of Account"

    @api.model
    def _statement(self, partner, at_date):
        """``{"rows": [...], "net": ..., "exigible": ..., "decompte": ...}``
        of ``partner`` (its commercial entity) at ``at_date``."""
        at_date = fields.Date.to_date(at_date) or fields.Date.context_today(self)
        customer = partner.commercial_partner_id
        invoices = customer._recovery_open_invoices()
        decompte = invoices._recovery_decompte_to_issue(at_date)
        credits = self._credit_lines(customer)
        items, rows = [], []
        for row in decompte["rows"]:
            move = row["move"]
            items.append(self._invoice_item(move, row["total"]))
            rows.append(dict(row, kind="invoice", ref=move.name))
        for line in credits:
            kind = (
                "credit_note" if line.move_id.move_type == "out_refund" else "payment"
            )
            items.append(
                OpenItem(
                    line.move_id.name, kind, line.amount_residual, line.date_maturity
                )
            )
            rows.append(
                {
                    "kind": kind,
                    "ref": line.move_id.name,
                    "move": line.move_id,
                    "total": line.amount_residual,
                }
            )
        judgment = customer.recovery_insolvency and customer.recovery_insolvency_date
        statement = account_statement(
            items,
            at_date,
            plan_lines=self._plan_lines(invoices),
            judgment_date=judgment or None,
        )
        for row, line in zip(rows, statement.lines, strict=True):
            row["status"] = line.status
        return {
            "rows": rows,
            "decompte": decompte,
            "net": float(statement.net_balance),
            "exigible": float(statement.total_exigible),
            "plan_exigible": float(statement.plan_exigible),
            "statuses": self._status_labels(),
        }

    @api.model
    def _invoice_item(self, move, total):
        return OpenItem(
            move.name,
            "penalty_invoice"
            if move.invoice_line_ids.recovery_penalty_origin_id
            else "invoice",
            total,
            move.invoice_date_due,
            move.invoice_date,
            move.delivery_date or None,
            disputed=bool(move.recovery_blocked or move.recovery_stage == "dispute"),
            in_plan=move.recovery_stage == "payment_plan",
        )

    @api.model
    def _credit_lines(self, customer):
        """Receivable lines owed to the customer: open credit notes and
        payments not applied to an invoice yet."""
        return self.env["account.move.line"].search(
            [
                ("partner_id", "child_of", customer.id),
                ("company_id", "=", self.env.company.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("amount_residual", "<", 0),
            ],
            order="date, id",
        )

    @api.model
    def _plan_lines(self, invoices):
        """The instalments of the running plan covering ``invoices``."""
        plans = invoices.recovery_plan_ids.filtered(lambda p: p.state == "active")
        return [
            PlanLine(line.date_due, line.amount, line.amount_paid)
            for line in plans.line_ids
        ]

    @api.model
    def _status_labels(self):
        return {
            "exigible": _("Due and payable"),
            "not_yet_due": _("Not yet due"),
            "under_plan": _("Under the payment plan"),
            "to_declare": _("To declare to the mandataire judiciaire"),
            "disputed": _("Disputed"),
            "credit": _("In your favour"),
        }
