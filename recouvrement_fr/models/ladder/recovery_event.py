# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, pdf

from ...core.vocabulary import (
    ACTIVITY_TYPES,
    CALL_OUTCOMES,
    CARRIED_OUT_STATES,
    CHANNELS,
    EVENT_STATES,
)
from ...tools.letter_format import LetterFormat
from ...tools.tracking import tracking_records

_logger = logging.getLogger(__name__)


class RecoveryEvent(models.Model):
    """One recovery communication to a customer: the evidence of the ladder."""

    _name = "recovery.event"
    _description = "Recovery Communication"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    level_id = fields.Many2one(
        "recovery.level",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
        ondelete="restrict",
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    state = fields.Selection(
        EVENT_STATES, required=True, default="queued", index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    move_ids = fields.Many2many(
        "account.move",
        relation="recovery_event_account_move_rel",
        column1="event_id",
        column2="move_id",
        string="Invoices",
        readonly=True,
        check_company=True,
    )
    move_count = fields.Integer(compute="_compute_move_count")
    amount_residual = fields.Monetary(
        string="Amount due",
        currency_field="currency_id",
        readonly=True,
        # The same debt is in every event of the ladder: never added up.
        aggregator=None,
        help="Amount due on the invoices when the communication was decided.",
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Document sent", readonly=True, copy=False
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="E-mail", readonly=True, copy=False
    )
    sent_date = fields.Datetime(readonly=True, copy=False)
    printed_date = fields.Datetime(readonly=True, copy=False)
    lrar_number = fields.Char(string="LRAR number", tracking=True, copy=False)
    lrar_sent_date = fields.Date(string="Posted on", tracking=True, copy=False)
    ar_date = fields.Date(string="Received on (AR)", tracking=True, copy=False)
    ar_attachment_id = fields.Many2one("ir.attachment", string="Scanned AR", copy=False)
    note = fields.Html(string="Outcome")
    call_outcome = fields.Selection(
        CALL_OUTCOMES,
        string="Call outcome",
        tracking=True,
        copy=False,
        help="What the call gave; required to mark the call as done.",
    )
    carried_out_date = fields.Date(
        string="Carried out on",
        readonly=True,
        copy=False,
        help="Day the communication reached the customer (e-mail accepted by "
        "the mail server, letter posted) or the call or task was done.",
    )
    error = fields.Text(readonly=True, copy=False)
    origin_event_id = fields.Many2one(
        "recovery.event",
        string="Replaces the e-mail",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The failed e-mail this letter is sent instead of.",
    )
    fallback_event_ids = fields.One2many(
        "recovery.event", "origin_event_id", string="Letter sent instead"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("move_ids")
    def _compute_move_count(self):
        for event in self:
            event.move_count = len(event.move_ids)

    @api.depends("partner_id", "level_id", "date")
    def _compute_display_name(self):
        for event in self:
            event.display_name = " - ".join(
                part
                for part in (
                    event.level_id.name,
                    event.partner_id.name,
                    event.date and fields.Date.to_string(event.date),
                )
                if part
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    # EXTENDS base
    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._recovery_after_create()
        return events

    def _recovery_after_create(self, day=None):
        """What every new event needs, however it was created: by the ORM's
        ``create``, or by the engine's set-based INSERT (``_advance``), which
        calls it for the events it inserted. An event born carried out (a
        dossier exported) dates itself (``day``, by default today) and its
        invoices' last step."""
        carried_out = self.filtered(lambda e: e.state in CARRIED_OUT_STATES)
        carried_out._recovery_carried_out(day)

    # EXTENDS base
    def write(self, vals):
        res = super().write(vals)
        if "lrar_number" in vals or "ar_date" in vals:
            self._recovery_sync_lrar_state()
        if vals.get("lrar_sent_date"):
            # A corrected posting date is the day the notice was sent.
            posted = self.filtered(lambda e: e.carried_out_date and e.lrar_sent_date)
            posted.write({"carried_out_date": vals["lrar_sent_date"]})
            posted._recovery_update_last_sent()
        if vals.get("state") in CARRIED_OUT_STATES:
            self._recovery_carried_out()
        elif vals.get("state") == "failed":
            # A bounce after acceptance: the invoice's last sent date is redone.
            self._recovery_update_last_sent()
        return res

    # OVERRIDE mail
    def _creation_message(self):
        """Agreed in French ("Relance créée", not the generic "%s créé")."""
        return _("Recovery communication created")

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "Recovery communications are the evidence of the recovery file: "
                "they cannot be deleted. Cancel them instead."
            )
        )

    # ------------------------------------------------------------
    # STATE MACHINE
    # ------------------------------------------------------------

    def _recovery_sync_lrar_state(self):
        """A registered letter is posted once its number is entered, received
        once its AR date is."""
        today = fields.Date.context_today(self)
        posted = self.filtered(
            lambda e: e.channel == "lrar" and e.state == "to_post" and e.lrar_number
        )
        for event in posted:
            event.write(
                {
                    "state": "posted",
                    "lrar_sent_date": event.lrar_sent_date or today,
                    "sent_date": fields.Datetime.now(),
                }
            )
        self.filtered(
            lambda e: e.channel == "lrar" and e.state == "posted" and e.ar_date
        ).write({"state": "received"})

    def _recovery_carried_out(self, day=None):
        """Date the events that reached the customer (``day``, by default
        today, or the registered letter's posting date), then the invoices."""
        undated = self.filtered(lambda e: not e.carried_out_date)
        day = day or fields.Date.context_today(self)
        for lrar_sent_date, events in undated.grouped("lrar_sent_date").items():
            events.carried_out_date = lrar_sent_date or day
        self._recovery_update_last_sent()

    def _recovery_update_last_sent(self):
        """Last reminder sent of the invoices of ``self``: the latest carried
        out event of each; one statement.

        A raw UPDATE of ``recovery_move_state.last_sent_date``: a read-only
        date that no compute, constraint or tracking depends on; the ORM's
        write would cost one query per invoice. Callers read it afresh.
        """
        if not self:
            return
        self.flush_model(["state", "carried_out_date"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE recovery_move_state s
                   SET last_sent_date = (
                        SELECT MAX(e.carried_out_date)
                          FROM recovery_event_account_move_rel r
                          JOIN recovery_event e ON e.id = r.event_id
                         WHERE r.move_id = s.move_id AND e.state IN %(states)s)
                 WHERE s.move_id IN (
                        SELECT move_id FROM recovery_event_account_move_rel
                         WHERE event_id IN %(ids)s)
                """,
                states=CARRIED_OUT_STATES,
                ids=tuple(self.ids),
            )
        )
        self.env["recovery.move.state"].invalidate_model(["last_sent_date"])
        self.env["account.move"].invalidate_model(["recovery_last_sent_date"])

    def _recovery_reader_lang(self):
        """Language of who reads the event: its responsible."""
        self.ensure_one()
        return (self.user_id or self.env.user).lang or self.env.lang

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_validate(self):
        """Validate communications waiting for approval and send them now."""
        todo = self.filtered(lambda e: e.state == "to_validate")
        if todo != self:
            raise UserError(
                _("Only communications waiting for validation can be validated.")
            )
        todo.filtered(
            lambda e: e.level_id.stage == "mise_en_demeure"
        ).company_id._recovery_check_notice_identity()
        # A missing datum (a rate, the consumer mediator) refuses the notice.
        todo._recovery_check_issuable()
        todo.write({"state": "queued", "user_id": self.env.user.id})
        self.env["recovery.dispatch"]._communicate_events(todo)
        return True

    def action_cancel(self):
        if any(e.state in CARRIED_OUT_STATES or e.state == "sending" for e in self):
            raise UserError(
                _("A communication already sent or being sent cannot be cancelled.")
            )
        self.activity_unlink(list(ACTIVITY_TYPES.values()))
        self.write({"state": "cancelled"})
        return True

    def action_retry(self):
        """Carry out the failed communications again, now.

        The failed e-mail is cancelled in the mail queue so that nothing sends
        it a second time; a new one is written to the address of today.
        """
        failed = self.filtered(lambda e: e.state == "failed")
        if failed != self:
            raise UserError(_("Only failed communications can be retried."))
        self.env["mail.mail"].sudo().search(
            [
                ("mail_message_id", "in", failed.mail_message_id.ids),
                ("state", "in", ("exception", "outgoing")),
            ]
        ).cancel()
        failed.write({"state": "queued", "error": False})
        self.env["recovery.dispatch"]._communicate_events(failed)
        return True

    def action_done(self):
        """Mark the planned calls and legal tasks as done."""
        for event in self:
            if event.state != "to_do":
                raise UserError(_("Only calls and tasks to do can be marked as done."))
            if event.channel == "phone" and not event.call_outcome:
                raise UserError(
                    _(
                        "Choose the outcome of the call to %(customer)s first.",
                        customer=event.partner_id.name,
                    )
                )
        for event in self:
            activities = event._recovery_planned_activities()
            if activities:
                # The add-on's own line, in the chatter's language (the
                # responsible's), not Odoo's generic "Call done (originally
                # assigned to ...) Original note: ... Feedback: ...".
                event.with_context(
                    lang=event._recovery_reader_lang()
                )._recovery_log_done(activities)
                activities.unlink()
        # Marking the activities done closes the events; those without any too.
        self.filtered(lambda e: e.state == "to_do")._recovery_mark_done()
        return True

    def _recovery_log_done(self, activities):
        """One line in the event's chatter for its call or task done: what,
        by whom, and the call's outcome, as a note of the activity's type."""
        self.ensure_one()
        outcomes = dict(self._fields["call_outcome"]._description_selection(self.env))
        if self.channel == "phone":
            body = _(
                "Call made by %(user)s: %(outcome)s",
                user=self.env.user.name,
                outcome=outcomes.get(self.call_outcome, ""),
            )
        else:
            body = _("Task done by %(user)s.", user=self.env.user.name)
        self.message_post(
            body=body,
            subtype_xmlid="mail.mt_note",
            mail_activity_type_id=activities[:1].activity_type_id.id,
        )

    def _recovery_planned_activities(self):
        """The activities the ladder planned for the events (call, task)."""
        types = {
            key: self.env.ref(xmlid, raise_if_not_found=False)
            for key, xmlid in ACTIVITY_TYPES.items()
        }
        return self.activity_ids.filtered(
            lambda a: a.activity_type_id == types.get(self.browse(a.res_id).channel)
        )

    def _recovery_mark_done(self):
        self.write({"state": "done"})

    def action_mark_sent(self):
        """Mark printed letters as posted."""
        for event in self:
            if event.state not in ("to_print", "to_post"):
                raise UserError(_("Only letters to print can be marked as sent."))
            if event.channel == "lrar" and not event.lrar_number:
                raise UserError(
                    _(
                        "Enter the registered letter number (LRAR) of %(event)s "
                        "before marking it as sent.",
                        event=event.display_name,
                    )
                )
        self.filtered(lambda e: e.channel == "letter").write(
            {"state": "sent", "sent_date": fields.Datetime.now()}
        )
        # Registered letters with their number are already posted (see write).
        self._recovery_sync_lrar_state()
        return True

    def action_print_letters(self):
        """Print the letters waiting in the queue as one PDF.

        Letters stay to post until marked as sent; registered letters until
        their LRAR number is entered.
        """
        letters = self.filtered(
            lambda e: e.state in ("to_print", "to_post") and e.attachment_id
        )
        if not letters:
            raise UserError(_("No letter to print in the selection."))
        letters = letters.sorted(lambda e: (e.partner_id.name or "", e.id))
        documents = [
            event.attachment_id.raw
            for event in letters
            if event.attachment_id.mimetype == "application/pdf"
        ]
        if len(documents) != len(letters):
            raise UserError(_("Some letters have no PDF: print them again."))
        merged = self.env["ir.attachment"].create(
            {
                "name": _("Letters to print %(date)s.pdf", date=fields.Date.today()),
                "raw": pdf.merge_pdf(documents),
                "mimetype": "application/pdf",
            }
        )
        letters.write({"printed_date": fields.Datetime.now()})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{merged.id}?download=true",
            "target": "self",
        }

    def action_preview_document(self):
        """Read the letter or notice before validating it: the PDF kept once
        it exists, else the level's report rendered now (nothing stored)."""
        self.ensure_one()
        if self.attachment_id:
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self.attachment_id.id}",
                "target": "new",
            }
        report = self.level_id.report_id
        if not report:
            raise UserError(_("This step sends no document."))
        return report.report_action(self, config=False)

    def action_enter_lrar_numbers(self):
        """The registered letters waiting for their number, in one list to
        fill in: each number entered posts its letter."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action_lrar_numbers"
        )
        if self:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def action_open_moves(self):
        self.ensure_one()
        return self.move_ids._recovery_list_action()

    # ------------------------------------------------------------
    # HELPERS FOR TEMPLATES AND LETTERS
    # ------------------------------------------------------------

    def _recovery_deadline(self):
        """Last day to pay given by a formal notice."""
        self.ensure_one()
        return fields.Date.add(
            self.date, days=self.company_id.recovery_notice_delay or 8
        )

    def _recovery_portal_lines(self):
        """Invoices of the event with their portal payment link."""
        self.ensure_one()
        return [
            {"move": move, "url": move.get_base_url() + move.get_portal_url()}
            for move in self.move_ids.sorted("invoice_date_due")
        ]

    def _recovery_letter_lines(self):
        """The letter's table: each invoice with its link, its dates and its
        amounts written in the language of ``self``'s environment (the
        reader's). Formatted here rather than by ``t-field``: the field
        converters cost more than the rest of the letter, and the e-mails
        list the same figures."""
        self.ensure_one()
        lines = self._recovery_portal_lines()
        write = LetterFormat(self.env)
        for line in lines:
            move = line["move"]
            currency = move.currency_id
            line.update(
                date=write.date(move.invoice_date),
                due=write.date(move.invoice_date_due),
                days=max((self.date - move.invoice_date_due).days, 0),
                total=write.amount(move.amount_total, currency),
                residual=write.amount(move.amount_residual, currency),
            )
        return lines

    # EXTENDS mail
    def _message_track(self, fields_iter, initial_values_dict):
        """Tracked values in the writer's language, else the company's
        (the nightly run has none): never English in a French chatter."""
        records = tracking_records(self)
        return super(RecoveryEvent, records)._message_track(
            fields_iter, initial_values_dict
        )
