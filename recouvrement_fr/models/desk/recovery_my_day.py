# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression

from ...core.vocabulary import CARRIED_OUT_STATES, DECLARATION_ACTIVITY

# Lines shown per section; the counts are exact.
SECTION_LIMIT = 80


class RecoveryMyDay(models.AbstractModel):
    """Ma journée: today's work of a recovery responsible, in one call.

    Sections: calls due, notices to validate, letters to print and post,
    registered letters waiting for their number, disputes, dossiers to send.
    ``mine`` keeps what is assigned to the current user (the customers he is
    responsible for); otherwise the whole team's work of the allowed companies.
    """

    _name = "recovery.my.day"
    _description = "My recovery day"

    @api.model
    def get_day_data(self, mine=True):
        today = fields.Date.context_today(self)
        domains = self._event_domains(mine)
        sections = {
            "calls": self._calls(today, mine),
            "to_validate": self._events(domains["to_validate"]),
            "to_print": self._events(domains["to_print"]),
            "to_post": self._events(domains["to_post"]),
            "disputes": self._disputes(mine),
            "dossiers": self._events(domains["dossiers"]),
            "declarations": self._declarations(today, mine),
            "answers": self._answers(mine),
        }
        self._add_customer_facts(sections)
        return {
            "date": fields.Date.to_string(today),
            "mine": mine,
            "user": self.env.user.name,
            "currency_id": self.env.company.currency_id.id,
            "sections": sections,
            "counts": {key: section["count"] for key, section in sections.items()},
        }

    @api.model
    def _day_counts(self, mine=True):
        """The ``counts`` of :meth:`get_day_data`, without reading the lines
        (the activity menu asks for them at every page load)."""
        today = fields.Date.context_today(self)
        domains = self._event_domains(mine)
        events = self.env["recovery.event"]
        return {
            "calls": len(self._call_activities(today, mine)[0]),
            "to_validate": events.search_count(domains["to_validate"]),
            "to_print": events.search_count(domains["to_print"]),
            "to_post": events.search_count(domains["to_post"]),
            "disputes": self.env["account.move"].search_count(
                self._dispute_domain(mine)
            ),
            "dossiers": events.search_count(domains["dossiers"]),
            "declarations": self.env["mail.activity"].search_count(
                self._declaration_domain(mine)
            ),
            "answers": sum(
                self.env[model].search_count(domain)
                for model, domain in self._answer_domains(mine).items()
            ),
        }

    @api.model
    def _section_labels(self):
        """The titles of the sections, as the screen shows them, in the
        user's language (for the activity menu)."""
        return {
            "calls": self.env._("Calls of the day"),
            "to_validate": self.env._("Formal notices to validate"),
            "to_print": self.env._("Letters to print and post"),
            "to_post": self.env._("Registered letters: LRAR number to enter"),
            "disputes": self.env._("Disputes to resolve"),
            "dossiers": self.env._("Dossiers to send"),
            "declarations": self.env._("Claims to declare (insolvency)"),
            "answers": self.env._("Customers' answers to review"),
        }

    # ------------------------------------------------------------
    # SECTIONS
    # ------------------------------------------------------------

    @api.model
    def _event_domains(self, mine):
        """Domains of the sections made of recovery communications."""
        base = [("company_id", "in", self.env.companies.ids)]
        if mine:
            base.append(("user_id", "=", self.env.uid))
        return {
            "to_validate": base + [("state", "=", "to_validate")],
            "to_print": base + [("state", "=", "to_print")],
            "to_post": base + [("state", "=", "to_post")],
            "dossiers": base
            + [
                ("channel", "=", "legal"),
                ("dossier_attachment_id", "=", False),
                # Done (the dossier exported) or cancelled (a plan granted):
                # nothing to send any more.
                ("state", "=", "to_do"),
            ],
        }

    @api.model
    def _call_activities(self, today, mine):
        """Call activities due today or late, on the recovery communications
        of the allowed companies and on customers; and those communications
        by id."""
        call = self.env.ref("mail.mail_activity_data_call")
        domain = [
            ("activity_type_id", "=", call.id),
            ("date_deadline", "<=", today),
            ("res_model", "in", ("recovery.event", "res.partner")),
        ]
        if mine:
            domain.append(("user_id", "=", self.env.uid))
        activities = self.env["mail.activity"].search(domain, order="date_deadline, id")
        events = self.env["recovery.event"].browse(
            activities.filtered(lambda a: a.res_model == "recovery.event").mapped(
                "res_id"
            )
        )
        events = events.filtered_domain([("company_id", "in", self.env.companies.ids)])
        by_id = {event.id: event for event in events}
        activities = activities.filtered(
            lambda a: a.res_model == "res.partner" or a.res_id in by_id
        )
        return activities, by_id

    @api.model
    def _calls(self, today, mine):
        """The lines of the calls to make."""
        activities, by_id = self._call_activities(today, mine)
        lines = []
        for activity in activities:
            if activity.res_model == "recovery.event":
                event = by_id[activity.res_id]
                partner = event.partner_id
                script = event.level_id.note or ""
            else:
                event = self.env["recovery.event"]
                partner = self.env["res.partner"].browse(activity.res_id)
                script = ""
            lines.append(
                {
                    "activity_id": activity.id,
                    "event_id": event.id,
                    "partner_id": partner.commercial_partner_id.id,
                    "date": fields.Date.to_string(activity.date_deadline),
                    "late": activity.date_deadline < today,
                    "summary": activity.summary or activity.activity_type_id.name,
                    "script": script,
                }
            )
        return {"count": len(lines), "lines": lines[:SECTION_LIMIT]}

    @api.model
    def _events(self, domain):
        events_model = self.env["recovery.event"]
        count = events_model.search_count(domain)
        events = events_model.search(domain, order="date, id", limit=SECTION_LIMIT)
        return {
            "count": count,
            "ids": events.ids,
            "lines": [
                {
                    "event_id": event.id,
                    "partner_id": event.partner_id.commercial_partner_id.id,
                    "date": fields.Date.to_string(event.date),
                    "summary": event.level_id.name,
                    "channel": event.channel,
                    "lrar": event.lrar_number or "",
                    "amount_event": event.amount_residual,
                    "has_pdf": bool(event.attachment_id),
                    # "Tout imprimer" done: the letters say so until posted.
                    "printed": event.printed_date
                    and fields.Date.to_string(
                        fields.Datetime.context_timestamp(
                            self, event.printed_date
                        ).date()
                    ),
                    "attachment_id": event.attachment_id.id,
                    "invoices": ", ".join(event.move_ids.mapped("name")),
                }
                for event in events
            ],
        }

    @api.model
    def _dispute_domain(self, mine):
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("recovery_stage", "=", "dispute"),
            # A credit note settles it too: the invoice is no longer open.
            ("recovery_is_open", "=", True),
        ]
        if not mine:
            return domain
        uid = self.env.uid
        return expression.AND(
            [
                domain,
                [
                    "|",
                    ("commercial_partner_id.recovery_user_id", "=", uid),
                    "&",
                    ("commercial_partner_id.recovery_user_id", "=", False),
                    ("company_id.recovery_user_id", "=", uid),
                ],
            ]
        )

    @api.model
    def _disputes(self, mine):
        domain = self._dispute_domain(mine)
        moves_model = self.env["account.move"]
        moves = moves_model.search(
            domain, order="invoice_date_due, id", limit=SECTION_LIMIT
        )
        return {
            "count": moves_model.search_count(domain),
            "lines": [
                {
                    "move_id": move.id,
                    "partner_id": move.commercial_partner_id.id,
                    "date": fields.Date.to_string(move.invoice_date_due),
                    "summary": move.name,
                    "reason": move.recovery_block_reason or "",
                    "amount_event": move.amount_residual_signed,
                }
                for move in moves
            ],
        }

    @api.model
    def _declaration_domain(self, mine):
        """The claims to declare to a mandataire judiciaire (rule 8 of
        core/ladder.py): all of them, whatever their deadline."""
        domain = [
            ("activity_type_id", "=", self.env.ref(DECLARATION_ACTIVITY).id),
            ("res_model", "=", "res.partner"),
        ]
        if mine:
            domain.append(("user_id", "=", self.env.uid))
        return domain

    @api.model
    def _declarations(self, today, mine):
        domain = self._declaration_domain(mine)
        activities = self.env["mail.activity"].search(
            domain, order="date_deadline, id", limit=SECTION_LIMIT
        )
        return {
            "count": self.env["mail.activity"].search_count(domain),
            "lines": [
                {
                    "partner_id": activity.res_id,
                    "date": fields.Date.to_string(activity.date_deadline),
                    "late": activity.date_deadline < today,
                    "summary": activity.summary or activity.activity_type_id.name,
                }
                for activity in activities
            ],
        }

    @api.model
    def _answer_domains(self, mine):
        """What customers answered on the portal and nobody looked at yet:
        promises whose review is still planned, plan requests to handle."""
        base = [("company_id", "in", self.env.companies.ids)]
        if mine:
            base.append(("user_id", "=", self.env.uid))
        return {
            "recovery.promise": base
            + [
                ("source", "=", "portal"),
                ("state", "=", "open"),
                ("activity_ids", "!=", False),
            ],
            "recovery.request": base + [("kind", "=", "plan"), ("state", "=", "new")],
        }

    @api.model
    def _answers(self, mine):
        domains = self._answer_domains(mine)
        promises = self.env["recovery.promise"].search(
            domains["recovery.promise"], order="date, id", limit=SECTION_LIMIT
        )
        requests = self.env["recovery.request"].search(
            domains["recovery.request"], order="requested_on, id", limit=SECTION_LIMIT
        )
        lines = [
            {
                "kind": "promise",
                "promise_id": promise.id,
                "partner_id": promise.partner_id.commercial_partner_id.id,
                "date": fields.Date.to_string(promise.date),
                "summary": self.env._("Promise to pay"),
                "amount_event": promise.amount,
                "invoices": ", ".join(promise.move_ids.mapped("name")),
                "reason": promise.note or "",
            }
            for promise in promises
        ] + [
            {
                "kind": "plan_request",
                "request_id": request.id,
                "partner_id": request.partner_id.commercial_partner_id.id,
                "date": fields.Date.to_string(request.requested_on.date()),
                "summary": self.env._(
                    "Payment plan asked in %(count)s instalments",
                    count=request.instalment_count,
                ),
                "invoices": ", ".join(request.move_ids.mapped("name")),
                "reason": request.description or "",
            }
            for request in requests
        ]
        count = sum(
            self.env[model].search_count(domain) for model, domain in domains.items()
        )
        return {"count": count, "lines": lines[:SECTION_LIMIT]}

    # ------------------------------------------------------------
    # CUSTOMER FACTS (one grouped read for all the lines)
    # ------------------------------------------------------------

    @api.model
    def _add_customer_facts(self, sections):
        """Name, phone, overdue amount and last contact of every line's
        customer, read once for all of them."""
        lines = [line for section in sections.values() for line in section["lines"]]
        partners = self.env["res.partner"].browse(
            {line["partner_id"] for line in lines}
        )
        companies = self.env.companies.ids
        overdue = self.env["recovery.ageing"]._recovery_totals(
            ["partner_id"],
            [("partner_id", "in", partners.ids), ("company_id", "in", companies)],
        )
        last_contact = dict(
            self.env["recovery.event"]._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "in", companies),
                    ("state", "in", CARRIED_OUT_STATES),
                ],
                ["partner_id"],
                ["date:max"],
            )
        )
        facts = {
            partner.id: {
                "partner_name": partner.display_name,
                "phone": partner.phone or partner.mobile or "",
                "email": partner.email or "",
                "overdue": overdue.get(partner, {}).get("amount_overdue") or 0.0,
                "last_contact": fields.Date.to_string(last_contact.get(partner)),
            }
            for partner in partners
        }
        for line in lines:
            line.update(facts.get(line["partner_id"], {}))
