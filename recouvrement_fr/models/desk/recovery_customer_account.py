# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...core import dso as core_dso
from ...core import ladder
from ...core.vocabulary import AGEING_BUCKETS
from ...tools.open_invoice import open_invoice_domain

# Paid invoices looked at for the average days late.
LATE_WINDOW_DAYS = 365


class RecoveryCustomerAccount(models.AbstractModel):
    """The customer account screen (Compte client): one call returns all a
    credit manager reads about one customer, in the allowed companies.

    Grouped reads and one search per kind of record: no read per invoice.
    """

    _name = "recovery.customer.account"
    _description = "Customer account (Compte client)"

    @api.model
    def get_account_data(self, partner_id):
        partner = self.env["res.partner"].browse(partner_id).commercial_partner_id
        partner.check_access("read")
        if not partner.exists():
            raise UserError(self.env._("This customer no longer exists."))
        invoices = self._open_invoices(partner)
        ageing = self.env["recovery.ageing"]
        at_date = ageing._recovery_ageing_date()
        domain = [
            ("partner_id", "=", partner.id),
            ("company_id", "in", self.env.companies.ids),
        ]
        totals = ageing._recovery_totals([], domain, at_date).get((), {})
        responsible = partner._recovery_responsible()
        return {
            "date": fields.Date.to_string(at_date),
            "currency_id": self.env.company.currency_id.id,
            "partner": self._partner_data(partner, responsible),
            "invoices": [self._invoice_data(move) for move in invoices],
            "totals": self._totals_data(partner, invoices, totals, at_date),
            "ageing": self._ageing_data(totals),
            "plans": self._plans_data(partner),
            "next_action": self._next_action(partner, invoices),
            "timeline": self._timeline(partner, invoices),
        }

    @api.model
    def _totals_data(self, partner, invoices, totals, at_date):
        """The claim on the open invoices and the account's ageing figures."""
        return {
            "principal": sum(invoices.mapped("amount_residual_signed")),
            "penalties": sum(invoices.mapped("recovery_penalty_amount")),
            "indemnity": sum(invoices.mapped("recovery_indemnity_amount")),
            "interest": sum(invoices.mapped("recovery_interest_amount")),
            "claim": sum(invoices.mapped("recovery_total_claim")),
            "open": totals.get("amount_residual") or 0.0,
            "overdue": totals.get("amount_overdue") or 0.0,
            "overdue_count": totals.get("overdue_count") or 0,
            "dso": self._customer_dso(partner, totals, at_date),
            "dso_formula": self.env._(
                "Days of sales, counted back from the date, that add up "
                "to the open balance"
            ),
            "days_late": self._average_days_late(partner, at_date, invoices),
        }

    @api.model
    def _ageing_data(self, totals):
        """The account's balance per ageing bucket, with the buckets' labels."""
        ageing = self.env["recovery.ageing"]
        labels = dict(ageing._fields["bucket"]._description_selection(self.env))
        return [
            {
                "key": key,
                "label": labels.get(key, label),
                "amount": totals.get(f"amount_{key}") or 0.0,
            }
            for key, label in AGEING_BUCKETS
        ]

    # ------------------------------------------------------------
    # PARTS
    # ------------------------------------------------------------

    @api.model
    def _open_invoices(self, partner):
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
                *open_invoice_domain(),
            ],
            order="invoice_date_due, id",
        )

    @api.model
    def _partner_data(self, partner, responsible):
        insolvency = dict(
            partner._fields["recovery_insolvency"]._description_selection(self.env)
        )
        stages = dict(
            partner._fields["recovery_customer_stage"]._description_selection(self.env)
        )
        stage = partner.recovery_customer_stage
        return {
            "stage": stages.get(stage, "") if stage and stage != "none" else "",
            "stage_holds": stage in ladder.HOLDING_STAGES,
            "id": partner.id,
            "name": partner.display_name,
            "phone": partner.phone or partner.mobile or "",
            "email": partner.email or "",
            "city": partner.city or "",
            "vat": partner.vat or "",
            "responsible": responsible.name or "",
            "blocked": partner.recovery_blocked,
            "block_reason": partner.recovery_block_reason or "",
            "insolvency": insolvency.get(partner.recovery_insolvency, ""),
            "claim_deadline": fields.Date.to_string(partner.recovery_claim_deadline),
            "note": partner.recovery_note or "",
        }

    @api.model
    def _invoice_data(self, move):
        stages = dict(move._fields["recovery_stage"]._description_selection(self.env))
        return {
            "id": move.id,
            "name": move.name,
            "date": fields.Date.to_string(move.invoice_date),
            "due": fields.Date.to_string(move.invoice_date_due),
            "days": move.days_overdue,
            "total": move.amount_total_signed,
            "principal": move.amount_residual_signed,
            "penalties": move.recovery_penalty_amount,
            "indemnity": move.recovery_indemnity_amount,
            "interest": move.recovery_interest_amount,
            "claim": move.recovery_total_claim,
            "stage": stages.get(move.recovery_stage, ""),
            "level": move.recovery_level_id.name or "",
            "blocked": move.recovery_blocked,
            "disputed": move.recovery_stage == "dispute",
        }

    @api.model
    def _plans_data(self, partner):
        plans = self.env["recovery.plan"].search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
            ],
            order="id desc",
        )
        states = dict(plans._fields["state"]._description_selection(self.env))
        return partner._recovery_plan_requests() + [
            {
                "key": f"plan-{plan.id}",
                "res_model": "recovery.plan",
                "id": plan.id,
                "name": plan.display_name,
                "state": states.get(plan.state, ""),
                "amount": plan.amount_total,
                "paid": plan.amount_paid,
                "residual": plan.amount_residual,
                "next_date": fields.Date.to_string(plan.next_date_due),
                "late": plan.is_late,
            }
            for plan in plans
        ]

    @api.model
    def _customer_dso(self, partner, totals, at_date):
        """The customer's DSO, countback method (core/dso.py)."""
        ageing = self.env["recovery.ageing"]
        sales = ageing._recovery_sales_by_day(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
            ],
            at_date,
        ).get(partner, [])
        receivable = totals.get("amount_residual") or 0.0
        return ageing._recovery_customer_dso(receivable, sales, at_date)

    @api.model
    def _average_days_late(self, partner, at_date, invoices):
        """Average days late (core.dso.average_days_late) of the invoices
        settled over the last year and of the open ones overdue."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT m.invoice_date_due, p.paid
                  FROM account_move m
                  JOIN LATERAL (
                        SELECT MAX(pr.max_date) AS paid
                          FROM account_move_line l
                          JOIN account_partial_reconcile pr
                            ON pr.debit_move_id = l.id
                         WHERE l.move_id = m.id
                           AND l.display_type = 'payment_term'
                  ) p ON TRUE
                 WHERE m.commercial_partner_id = %(partner)s
                   AND m.company_id = ANY(%(companies)s)
                   AND m.move_type = 'out_invoice'
                   AND m.state = 'posted'
                   AND m.payment_state IN ('paid', 'in_payment')
                   AND p.paid > %(since)s
                """,
                partner=partner.id,
                companies=self.env.companies.ids,
                since=at_date - timedelta(days=LATE_WINDOW_DAYS),
            )
        )
        settled = self.env.cr.fetchall()
        overdue = invoices.filtered(lambda m: m.move_type == "out_invoice").mapped(
            "invoice_date_due"
        )
        return core_dso.average_days_late(settled, overdue, at_date) or 0.0

    @api.model
    def _next_action(self, partner, invoices):
        """The earliest planned step: an open activity, else the ladder's next
        step of an invoice."""
        events = self.env["recovery.event"].search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        activities = self.env["mail.activity"].search(
            [
                "|",
                "&",
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                "&",
                ("res_model", "=", "recovery.event"),
                ("res_id", "in", events.ids),
            ],
            order="date_deadline, id",
            limit=1,
        )
        candidates = []
        if activities:
            candidates.append(
                (
                    activities.date_deadline,
                    activities.summary or activities.activity_type_id.name,
                    activities.user_id.name or "",
                )
            )
        planned = invoices.filtered("recovery_next_date").sorted("recovery_next_date")
        if planned:
            move = planned[0]
            candidates.append(
                (
                    move.recovery_next_date,
                    self.env._(
                        "%(level)s (%(invoice)s)",
                        level=move.recovery_next_level_id.name,
                        invoice=move.name,
                    ),
                    "",
                )
            )
        candidates += partner._recovery_answer_actions()
        if not candidates:
            return False
        day, label, user = min(candidates, key=lambda item: item[0])
        return {"date": fields.Date.to_string(day), "label": label, "user": user}

    # ------------------------------------------------------------
    # TIMELINE (recovery.customer.timeline)
    # ------------------------------------------------------------

    @api.model
    def _timeline(self, partner, invoices):
        return self.env["recovery.customer.timeline"]._timeline(partner, invoices)
