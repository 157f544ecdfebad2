# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

from ...core import ladder
from ...core.vocabulary import AGEING_BUCKETS
from ...tools.open_invoice import open_invoice_domain

# Paid invoices looked at for the average days late.
LATE_WINDOW_DAYS = 365
TIMELINE_LIMIT = 300


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
        sales = sum(
            ageing._recovery_sales(
                "company_id", [("commercial_partner_id", "=", partner.id)], at_date
            ).values()
        )
        responsible = partner._recovery_responsible()
        return {
            "date": fields.Date.to_string(at_date),
            "currency_id": self.env.company.currency_id.id,
            "partner": self._partner_data(partner, responsible),
            "invoices": [self._invoice_data(move) for move in invoices],
            "totals": self._totals_data(partner, invoices, totals, sales, at_date),
            "ageing": self._ageing_data(totals),
            "plans": self._plans_data(partner),
            "next_action": self._next_action(partner, invoices),
            "timeline": self._timeline(partner, invoices),
        }

    @api.model
    def _totals_data(self, partner, invoices, totals, sales, at_date):
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
            "dso": self.env["recovery.ageing"]._recovery_dso(
                totals.get("amount_residual") or 0.0, sales
            ),
            "days_late": self._average_days_late(partner, at_date),
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
        return [
            {
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
    def _average_days_late(self, partner, at_date):
        """Average days between due date and settlement of the invoices paid
        over the last year (0 for an invoice paid on time)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT AVG(GREATEST(p.paid - m.invoice_date_due, 0))
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
        value = self.env.cr.fetchone()[0]
        return round(float(value), 1) if value is not None else 0.0

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
        if not candidates:
            return False
        day, label, user = min(candidates, key=lambda item: item[0])
        return {"date": fields.Date.to_string(day), "label": label, "user": user}

    # ------------------------------------------------------------
    # TIMELINE
    # ------------------------------------------------------------

    @api.model
    def _timeline(self, partner, invoices):
        """Everything that happened to this customer, newest first."""
        events = self.env["recovery.event"].search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        items = self._timeline_events(events)
        items += self._timeline_payments(partner)
        items += self._timeline_invoices(partner)
        items += self._timeline_messages(partner, events)
        items.sort(
            key=lambda item: (item["date"] or "", item["stamp"] or ""), reverse=True
        )
        return items[:TIMELINE_LIMIT]

    @api.model
    def _timeline_events(self, events):
        states = dict(events._fields["state"]._description_selection(self.env))
        channels = dict(events._fields["channel"]._description_selection(self.env))
        return [
            {
                "kind": "event",
                "icon": "fa-gavel" if event.channel == "legal" else "fa-envelope-o",
                "date": fields.Date.to_string(event.date),
                "stamp": fields.Datetime.to_string(event.create_date),
                "title": event.level_id.name,
                "subtitle": f"{channels.get(event.channel, '')} · "
                f"{states.get(event.state, '')}",
                "body": html2plaintext(event.note or "") if event.note else "",
                "amount": event.amount_residual,
                "lrar": event.lrar_number or "",
                "attachment_id": event.attachment_id.id,
                "attachment_name": event.attachment_id.name or "",
                "res_model": "recovery.event",
                "res_id": event.id,
                "invoices": ", ".join(event.move_ids.mapped("name")),
            }
            for event in events
        ]

    @api.model
    def _timeline_payments(self, partner):
        lines = self.env["account.move.line"].search(
            [
                ("partner_id", "child_of", partner.id),
                ("company_id", "in", self.env.companies.ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                "|",
                ("payment_id", "!=", False),
                ("statement_line_id", "!=", False),
            ],
            order="date desc, id desc",
            limit=TIMELINE_LIMIT,
        )
        return [
            {
                "kind": "payment",
                "icon": "fa-money",
                "date": fields.Date.to_string(line.date),
                "stamp": fields.Datetime.to_string(line.create_date),
                "title": self.env._("Payment received"),
                "subtitle": line.move_id.name,
                "body": line.name or "",
                "amount": -line.balance,
                "res_model": "account.move",
                "res_id": line.move_id.id,
            }
            for line in lines
        ]

    @api.model
    def _timeline_invoices(self, partner):
        moves = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
            ],
            order="invoice_date desc, id desc",
            limit=TIMELINE_LIMIT,
        )
        return [
            {
                "kind": "invoice",
                "icon": "fa-file-text-o",
                "date": fields.Date.to_string(move.invoice_date),
                "stamp": fields.Datetime.to_string(move.create_date),
                "title": self.env._("Invoice %(name)s", name=move.name)
                if move.move_type == "out_invoice"
                else self.env._("Credit note %(name)s", name=move.name),
                "subtitle": self.env._(
                    "due %(date)s",
                    date=fields.Date.to_string(move.invoice_date_due),
                ),
                "body": "",
                "amount": move.amount_total_signed,
                "res_model": "account.move",
                "res_id": move.id,
            }
            for move in moves
        ]

    @api.model
    def _timeline_messages(self, partner, events):
        """Notes, call outcomes and stage changes from the chatters of the
        customer, its invoices and its recovery communications."""
        moves = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ]
        )
        note = self.env.ref("mail.mt_note")
        documents = [
            "|",
            "|",
            "&",
            ("model", "=", "res.partner"),
            ("res_id", "=", partner.id),
            "&",
            ("model", "=", "account.move"),
            ("res_id", "in", moves.ids),
            "&",
            ("model", "=", "recovery.event"),
            ("res_id", "in", events.ids),
        ]
        messages = self.env["mail.message"].search(
            documents
            + [
                ("message_type", "in", ("comment", "notification")),
                "|",
                ("subtype_id", "=", note.id),
                ("mail_activity_type_id", "!=", False),
            ],
            order="date desc, id desc",
            limit=TIMELINE_LIMIT,
        )
        # Tracking values are for admins: read the stage changes of the
        # invoices this user can read with sudo, then read their messages as him.
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("field_id.name", "=", "recovery_stage"),
                    ("mail_message_id.model", "=", "account.move"),
                    ("mail_message_id.res_id", "in", moves.ids),
                ],
                order="id desc",
                limit=TIMELINE_LIMIT,
            )
        )
        messages |= tracked.mail_message_id.with_env(self.env)
        names = {("account.move", move.id): move.name for move in moves}
        names.update(
            {("recovery.event", event.id): event.display_name for event in events}
        )
        names[("res.partner", partner.id)] = partner.display_name
        items = [
            self._message_item(message, names.get((message.model, message.res_id)))
            for message in messages
        ]
        # Notes without text are field trackings (event states): shown already.
        return [item for item in items if item["kind"] != "note" or item["body"]]

    @api.model
    def _message_item(self, message, record_name=None):
        stages = [
            value
            for value in message.sudo().tracking_value_ids
            if value.field_id.name == "recovery_stage"
        ]
        changes = " ; ".join(
            f"{value.old_value_char or '-'} → {value.new_value_char or '-'}"
            for value in stages
        )
        if message.mail_activity_type_id:
            kind, icon = "call", "fa-phone"
            title = message.mail_activity_type_id.name
        elif stages:
            kind, icon = "stage", "fa-level-up"
            title = self.env._(
                "Stage: %(stage)s", stage=stages[0].new_value_char or "-"
            )
        else:
            kind, icon, title = "note", "fa-sticky-note-o", self.env._("Note")
        return {
            "kind": kind,
            "icon": icon,
            "date": fields.Date.to_string(
                fields.Datetime.context_timestamp(self, message.date).date()
            ),
            "stamp": fields.Datetime.to_string(message.date),
            "title": title,
            "subtitle": record_name or message.record_name or "",
            "body": changes or html2plaintext(message.body or "").strip(),
            "author": message.author_id.name or "",
            "res_model": message.model,
            "res_id": message.res_id,
        }
