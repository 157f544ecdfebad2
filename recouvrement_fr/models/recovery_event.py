# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import pdf

from .recovery_level import CHANNELS

_logger = logging.getLogger(__name__)

EVENT_STATES = [
    ("to_validate", "To validate"),
    ("queued", "To send"),
    ("to_print", "To print"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
# Steps that reached the customer, or happened (a call made).
CARRIED_OUT_STATES = ("sent", "done", "posted", "received")
# Steps still on their way: the invoice waits for them before climbing.
BLOCKING_STATES = ("to_validate", "queued", "sending", "to_print", "to_post")


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
    error = fields.Text(readonly=True, copy=False)

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

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "Recovery communications are the evidence of the recovery file: "
                "they cannot be deleted. Cancel them instead."
            )
        )

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
        todo.write({"state": "queued", "user_id": self.env.user.id})
        self.env["recovery.dispatch"]._communicate_events(todo)
        return True

    def action_cancel(self):
        if any(e.state == "done" for e in self):
            raise UserError(_("A communication already sent cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_retry(self):
        self.filtered(lambda e: e.state == "failed").write(
            {"state": "queued", "error": False}
        )
        return True

    def action_mark_sent(self):
        """Mark printed letters as posted."""
        for event in self:
            if event.state != "to_print":
                raise UserError(_("Only letters to print can be marked as sent."))
            if event.channel == "lrar" and not event.lrar_number:
                raise UserError(
                    _(
                        "Enter the registered letter number (LRAR) of %(event)s "
                        "before marking it as sent.",
                        event=event.display_name,
                    )
                )
        self.write({"state": "done", "sent_date": fields.Datetime.now()})
        for event in self.filtered(
            lambda e: e.channel == "lrar" and not e.lrar_sent_date
        ):
            event.lrar_sent_date = fields.Date.context_today(event)
        return True

    def action_print_letters(self):
        """Print the letters waiting in the queue as one PDF.

        Simple letters are then sent; registered letters wait for their LRAR
        number before being marked as sent.
        """
        letters = self.filtered(lambda e: e.state == "to_print" and e.attachment_id)
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
        now = fields.Datetime.now()
        merged = self.env["ir.attachment"].create(
            {
                "name": _("Letters to print %(date)s.pdf", date=fields.Date.today()),
                "raw": pdf.merge_pdf(documents),
                "mimetype": "application/pdf",
            }
        )
        letters.write({"printed_date": now})
        letters.filtered(lambda e: e.channel == "letter").write(
            {"state": "done", "sent_date": now}
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{merged.id}?download=true",
            "target": "self",
        }

    def action_open_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.move_ids.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------
    # HELPERS FOR THE ENGINE
    # ------------------------------------------------------------

    def _recovery_needs_document(self):
        self.ensure_one()
        return bool(self.level_id.report_id) and self.channel in (
            "email",
            "letter",
            "lrar",
        )

    def _recovery_attachment_vals(self, content):
        self.ensure_one()
        if isinstance(content, str):
            content = content.encode()
        is_pdf = content.startswith(b"%PDF")
        return {
            "name": "{}.{}".format(
                self._recovery_document_name(), "pdf" if is_pdf else "html"
            ),
            "raw": content,
            "mimetype": "application/pdf" if is_pdf else "text/html",
            "res_model": self._name,
            "res_id": self.id,
        }

    def _recovery_document_name(self):
        self.ensure_one()
        date = fields.Date.to_string(self.date)
        return f"{self.level_id.name} - {self.partner_id.name} - {date}"

    def _recovery_schedule_activity(self, activity_xmlid, summary):
        self.activity_schedule(
            activity_xmlid,
            summary=summary,
            user_id=self.user_id.id or self.env.uid,
            date_deadline=self.date,
        )

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

    # ------------------------------------------------------------
    # DOSSIER FOR THE COMMISSAIRE DE JUSTICE
    # ------------------------------------------------------------

    dossier_attachment_id = fields.Many2one(
        "ir.attachment", string="Dossier (ZIP)", readonly=True, copy=False
    )
    dossier_version = fields.Integer(readonly=True, copy=False)
    dossier_recipient_id = fields.Many2one(
        "res.partner", string="Dossier sent to", readonly=True, copy=False
    )
    dossier_override_reason = fields.Text(
        string="Override reason",
        readonly=True,
        copy=False,
        help="Why the dossier was exported although a check failed.",
    )

    def action_download_dossier(self):
        """Download the dossier ZIP of this event."""
        self.ensure_one()
        if not self.dossier_attachment_id:
            raise UserError(_("This communication has no dossier."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.dossier_attachment_id.id}?download=true",
            "target": "self",
        }
