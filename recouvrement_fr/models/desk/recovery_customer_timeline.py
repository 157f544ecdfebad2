# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.mail import html_to_inner_content

TIMELINE_LIMIT = 300
# The ladder's step logged on an invoice links to its event: the event is its
# timeline entry already (one per step, its invoices listed).
# The link of a step's log, as the ORM writes it (double quotes) or the
# nightly run's set-based INSERT (single quotes).
STEP_LINK = re.compile(
    r"data-oe-model=[\"']recovery\.event[\"']\s+data-oe-id=[\"'](\d+)[\"']"
)


class RecoveryCustomerTimeline(models.AbstractModel):
    """The timeline of the customer account screen (Compte client): one
    entry per step, payment, invoice, note, call, stage change and customer
    answer, each dated when it happened and signed by who did it, in the
    reader's language."""

    _name = "recovery.customer.timeline"
    _description = "Customer account timeline"

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
        items += partner._recovery_answer_timeline()
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
                "subtitle": self._dossier_sent(event)
                or f"{channels.get(event.channel, '')} · {states.get(event.state, '')}",
                "body": html_to_inner_content(event.note) if event.note else "",
                "author": self._event_author(event),
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
                    date=format_date(self.env, move.invoice_date_due),
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
            if not self._is_step_log(message, events)
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
        label = self._stage_label
        changes = " ; ".join(
            f"{label(value.old_value_char) or '-'} → "
            f"{label(value.new_value_char) or '-'}"
            for value in stages
        )
        if message.mail_activity_type_id:
            kind, icon = "call", "fa-phone"
            title = message.mail_activity_type_id.name
        elif stages:
            kind, icon = "stage", "fa-level-up"
            title = self.env._(
                "Stage: %(stage)s", stage=self._stage_label(stages[0].new_value_char)
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
            "body": changes or html_to_inner_content(message.body or ""),
            "author": message.author_id.name or "",
            "res_model": message.model,
            "res_id": message.res_id,
        }

    @api.model
    def _dossier_sent(self, event):
        """A dossier exported reads as sent: its version, date, recipient."""
        if not event.dossier_version:
            return ""
        return self.env._(
            "Dossier v%(version)s sent on %(date)s to %(recipient)s.",
            version=event.dossier_version,
            date=format_date(self.env, event.date),
            recipient=event.dossier_recipient_id.display_name or "-",
        )

    @api.model
    def _event_author(self, event):
        """Who took the step: the user who did, or for the nightly run the
        company's recovery responsible via the ladder."""
        creator = event.create_uid
        if creator and not creator._is_superuser() and creator.active:
            return creator.name
        responsible = event.company_id.recovery_user_id
        return self.env._(
            "%(user)s via the recovery ladder",
            user=responsible.name or event.company_id.name,
        )

    @api.model
    def _is_step_log(self, message, events):
        """A ladder step logged on an invoice, whose event is listed."""
        if message.model != "account.move" or not message.body:
            return False
        match = STEP_LINK.search(str(message.body))
        return bool(match) and int(match.group(1)) in events.ids

    @api.model
    def _stage_label(self, stored):
        """A tracked stage as the reader reads it: tracking values keep the
        label in the writer's language (English for the nightly run)."""
        if not stored:
            return stored
        field = self.env["account.move"]._fields["recovery_stage"]
        keys = {}
        for lang in ("en_US", self.env.lang or "en_US"):
            env = self.with_context(lang=lang).env
            for key, label in field._description_selection(env):
                keys.setdefault(label, key)
        labels = dict(field._description_selection(self.env))
        return labels.get(keys.get(stored), stored)
