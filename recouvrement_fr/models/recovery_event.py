# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import logging
import subprocess
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import pdf
from odoo.tools.misc import find_in_path

from .account_move import create_recovery_states
from .ir_actions_report import LETTERHEAD_REPORTS
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
# Invoices in these stages climb the ladder; the others wait for a user.
CLIMBING_STAGES = ("none", "amiable", "mise_en_demeure")
# Key of the advisory lock taken while deciding (second key: company id).
DECIDE_LOCK_KEY = 47104101
COMMUNICATE_STATS = ("sent", "printed", "activities", "failed")
EMAIL_FIELDS = ["subject", "body_html", "email_from", "reply_to"]


@functools.cache
def _wkhtmltopdf_renders_batches():
    """Only a wkhtmltopdf built with patched Qt renders several documents at once.

    Letters are an exception: a batch of them is one document (see
    ir_actions_report.py).
    """
    try:
        version = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in version.lower()


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
        todo._recovery_communicate_events()
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
    # ENGINE: DECIDE
    # ------------------------------------------------------------

    def _recovery_candidates_sql(self, today, company_ids, move_ids=None, force=False):
        """SQL of the invoices to move one level up, with their new level.

        One row per invoice: id, company_id, partner_id, amount (company
        currency), level_id, and the level's stage. The next level is the first
        active one after the current level; it is reached ``days`` after the
        due date and, after a previous level, at least the difference of days
        after it (so the ladder keeps its rhythm when started late).
        """
        where_moves = "AND m.id = ANY(%(move_ids)s)" if move_ids is not None else ""
        query = f"""
            SELECT m.id, m.company_id, m.commercial_partner_id AS partner_id,
                   m.amount_residual_signed AS amount, nl.id AS level_id,
                   nl.stage AS stage, s.id AS state_id
              FROM account_move m
              JOIN recovery_move_state s ON s.id = m.recovery_state_id
              JOIN res_partner p ON p.id = m.commercial_partner_id
              LEFT JOIN recovery_level cur ON cur.id = s.level_id
              JOIN LATERAL (
                    SELECT l.id, l.days, l.stage
                      FROM recovery_level l
                     WHERE l.company_id = m.company_id
                       AND l.active
                       AND (cur.id IS NULL
                            OR l.sequence > cur.sequence
                            OR (l.sequence = cur.sequence AND l.id > cur.id))
                     ORDER BY l.sequence, l.id
                     LIMIT 1
                   ) nl ON TRUE
             WHERE m.move_type = 'out_invoice'
               AND m.state = 'posted'
               AND m.payment_state IN ('not_paid', 'partial')
               AND m.amount_residual > 0
               AND m.invoice_date_due IS NOT NULL
               AND m.company_id = ANY(%(company_ids)s)
               AND NOT COALESCE(m.recovery_blocked, FALSE)
               AND NOT COALESCE(p.recovery_blocked, FALSE)
               AND p.recovery_insolvency IS NULL
               AND COALESCE(s.stage, 'none') IN %(stages)s
               AND (s.last_date IS NULL OR s.last_date < %(today)s)
               AND (%(force)s OR (
                    m.invoice_date_due + nl.days <= %(today)s
                    AND (s.last_date IS NULL
                         OR s.last_date + GREATEST(nl.days - cur.days, 0)
                            <= %(today)s)))
               {where_moves}
        """
        params = {
            "today": today,
            "company_ids": list(company_ids),
            "stages": CLIMBING_STAGES,
            "force": bool(force),
            "move_ids": list(move_ids or []),
        }
        return query, params

    @api.model
    def _recovery_decide(
        self, today=None, company_ids=None, move_ids=None, force=False
    ):
        """Move overdue invoices one level up and queue their communications.

        Invoices are grouped per customer and level into one event. Set-based:
        one statement per company whatever the number of invoices. A company
        whose ladder another run is deciding is skipped.
        """
        today = today or fields.Date.context_today(self)
        companies = (
            self.env["res.company"].browse(company_ids)
            if company_ids
            else self.env.companies
        )
        self.env.flush_all()
        # Invoices posted before the add-on, or written in SQL, have no state.
        create_recovery_states(self.env.cr, self.env.uid)
        stats = {"events": 0, "moves": 0, "skipped_companies": 0}
        event_ids = []
        for company in companies:
            self.env.cr.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                (DECIDE_LOCK_KEY, company.id),
            )
            if not self.env.cr.fetchone()[0]:
                _logger.info(
                    "Recovery: %s is being decided elsewhere, skipped", company.name
                )
                stats["skipped_companies"] += 1
                continue
            cand_sql, params = self._recovery_candidates_sql(
                today, [company.id], move_ids=move_ids, force=force
            )
            params.update(
                uid=self.env.uid, user_id=company.recovery_user_id.id or self.env.uid
            )
            self.env.cr.execute(
                f"""
                WITH cand AS MATERIALIZED ({cand_sql}),
                grp AS (
                    SELECT company_id, partner_id, level_id, SUM(amount) AS amount,
                           ARRAY_AGG(id ORDER BY id) AS move_ids
                      FROM cand
                     GROUP BY company_id, partner_id, level_id
                ),
                ins AS (
                    INSERT INTO recovery_event (
                        company_id, partner_id, level_id, channel, state, date,
                        amount_residual, user_id, create_uid, create_date,
                        write_uid, write_date)
                    SELECT g.company_id, g.partner_id, g.level_id, l.channel,
                           CASE WHEN l.needs_validation THEN 'to_validate'
                                ELSE 'queued' END,
                           %(today)s, g.amount, %(user_id)s, %(uid)s,
                           NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                      FROM grp g
                      JOIN recovery_level l ON l.id = g.level_id
                    RETURNING id, company_id, partner_id, level_id
                ),
                rel AS (
                    INSERT INTO recovery_event_account_move_rel (event_id, move_id)
                    SELECT ins.id, UNNEST(g.move_ids)
                      FROM ins
                      JOIN grp g USING (company_id, partner_id, level_id)
                ),
                upd AS (
                    UPDATE recovery_move_state s
                       SET level_id = c.level_id,
                           stage = c.stage,
                           last_date = %(today)s,
                           write_uid = %(uid)s,
                           write_date = NOW() AT TIME ZONE 'UTC'
                      FROM cand c
                     WHERE s.id = c.state_id
                    RETURNING s.id
                )
                SELECT (SELECT ARRAY_AGG(id) FROM ins), (SELECT COUNT(*) FROM upd)
                """,
                params,
            )
            ids, nb_moves = self.env.cr.fetchone()
            event_ids += ids or []
            stats["moves"] += nb_moves
        stats["events"] = len(event_ids)
        stats["event_ids"] = event_ids
        if event_ids:
            self.env["recovery.move.state"].invalidate_model(
                ["level_id", "stage", "last_date"]
            )
            self.env["account.move"].invalidate_model(
                [
                    "recovery_level_id",
                    "recovery_stage",
                    "recovery_last_date",
                    "recovery_event_ids",
                ]
            )
            self.invalidate_model()
        return stats

    # ------------------------------------------------------------
    # ENGINE: COMMUNICATE
    # ------------------------------------------------------------

    @api.model
    def _recovery_communicate(
        self, limit=None, chunk_size=50, commit=False, company_ids=None
    ):
        """Send the queued communications, chunk by chunk.

        Each chunk locks its events (``FOR UPDATE SKIP LOCKED``), so that two
        runs never send the same event; with ``commit`` every chunk is committed
        with the mails it queued, so a crash loses at most one chunk, which is
        sent by the next run.
        """
        stats = dict.fromkeys(COMMUNICATE_STATS, 0)
        companies = company_ids or self.env.companies.ids
        remaining = limit
        while remaining is None or remaining > 0:
            size = chunk_size if remaining is None else min(chunk_size, remaining)
            self.env.flush_all()
            self.env.cr.execute(
                """
                SELECT id FROM recovery_event
                 WHERE state = 'queued' AND company_id = ANY(%s)
                 ORDER BY id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                (list(companies), size),
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            chunk_stats = self.browse(ids)._recovery_communicate_events()
            for key, value in chunk_stats.items():
                stats[key] += value
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if remaining is not None:
                remaining -= len(ids)
            if len(ids) < size:
                break
        return stats

    def _recovery_communicate_events(self):
        """Carry out the events of ``self`` (queued), each in its own savepoint."""
        stats = dict.fromkeys(COMMUNICATE_STATS, 0)
        events = self.filtered(lambda e: e.state == "queued")
        events.move_ids._recovery_ensure_access_tokens()
        pdfs = events._recovery_render_documents()
        mails = events._recovery_render_emails()
        for event in events:
            try:
                with self.env.cr.savepoint():
                    key = event._recovery_communicate_one(
                        pdfs.get(event.id), mails.get(event.id)
                    )
                    stats[key] += 1
            except Exception as exc:  # noqa: BLE001 - any failure must be reported, not stop the run
                _logger.exception("Recovery communication %s failed", event.id)
                event.write({"state": "failed", "error": str(exc)})
                event.message_post(
                    body=_("The communication could not be sent: %(error)s", error=exc)
                )
                stats["failed"] += 1
        return stats

    def _recovery_render_documents(self):
        """Render the level's document of each event: one rendering per report.

        Returns {event id: attachment}. A report that fails in batch is left
        to the per-event rendering, so that one bad letter fails alone.
        """
        by_report = {}
        for event in self:
            if event._recovery_needs_document():
                by_report.setdefault(event.level_id.report_id, []).append(event.id)
        attachment_vals = []
        for report, ids in by_report.items():
            try:
                with self.env.cr.savepoint():
                    contents = self.browse(ids)._recovery_render_report(report)
            except Exception:  # noqa: BLE001 - retried one by one below
                _logger.exception("Recovery: batch rendering of %s failed", report.name)
                continue
            attachment_vals += [
                event._recovery_attachment_vals(content)
                for event, content in contents.items()
            ]
        attachments = self.env["ir.attachment"].create(attachment_vals)
        return {attachment.res_id: attachment for attachment in attachments}

    def _recovery_render_emails(self):
        """Render the e-mail of each event: one rendering per template and language.

        Returns {event id: values}. A group that fails is left to the
        per-event rendering, so that one bad e-mail fails alone.
        """
        groups = defaultdict(list)
        for event in self:
            template = event.level_id.mail_template_id
            if event.channel == "email" and template:
                lang = event.partner_id._recovery_recipient().lang or self.env.lang
                groups[template, lang].append(event.id)
        values = {}
        for (template, lang), ids in groups.items():
            try:
                with self.env.cr.savepoint():
                    values.update(
                        template.with_context(lang=lang)._generate_template(
                            ids, EMAIL_FIELDS
                        )
                    )
            except Exception:  # noqa: BLE001 - retried one by one
                _logger.exception("Recovery: batch e-mails of %s failed", template.name)
        return values

    def _recovery_needs_document(self):
        self.ensure_one()
        return bool(self.level_id.report_id) and self.channel in (
            "email",
            "letter",
            "lrar",
        )

    def _recovery_render_report(self, report):
        """Return {event: document bytes}; one wkhtmltopdf call for all of ``self``."""
        test_mode = tools.config["test_enable"] or tools.config["test_file"]
        if test_mode and not self.env.context.get("force_report_rendering"):
            # Like Odoo's own reports under test: HTML instead of calling wkhtmltopdf.
            return {
                event: report._render_qweb_html(report, event.ids)[0] for event in self
            }
        one_document = report.report_name in LETTERHEAD_REPORTS
        if len(self) > 1 and not (one_document or _wkhtmltopdf_renders_batches()):
            return {
                event: report._render_qweb_pdf(report, event.ids)[0] for event in self
            }
        streams = report._render_qweb_pdf_prepare_streams(report, {}, res_ids=self.ids)
        if set(streams) != set(self.ids):
            # The combined PDF could not be split: render one by one.
            return {
                event: report._render_qweb_pdf(report, event.ids)[0] for event in self
            }
        return {event: streams[event.id]["stream"].getvalue() for event in self}

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

    def _recovery_communicate_one(self, attachment, mail_values=None):
        """Carry out one event; return the stats key it counts for."""
        self.ensure_one()
        if self.level_id.stage == "mise_en_demeure":
            self.company_id._recovery_check_notice_identity()
        if (
            self.level_id.stage == "mise_en_demeure"
            and self.company_id.recovery_bill_penalties_at_notice
        ):
            self.move_ids._recovery_bill_penalties(self.date)
        if not attachment and self._recovery_needs_document():
            report = self.level_id.report_id
            content = self._recovery_render_report(report)[self]
            attachment = self.env["ir.attachment"].create(
                self._recovery_attachment_vals(content)
            )
        vals = {"attachment_id": attachment.id if attachment else False}
        if self.channel == "email":
            message = self._recovery_send_email(attachment, mail_values)
            vals.update(
                state="done",
                mail_message_id=message.id,
                sent_date=fields.Datetime.now(),
            )
            key = "sent"
        elif self.channel in ("letter", "lrar"):
            vals["state"] = "to_print"
            key = "printed"
        elif self.channel == "phone":
            self._recovery_schedule_activity(
                "mail.mail_activity_data_call",
                _(
                    "Call %(customer)s about %(count)s overdue invoice(s)",
                    customer=self.partner_id.name,
                    count=len(self.move_ids),
                ),
            )
            vals["state"] = "done"
            key = "activities"
        else:  # legal
            self._recovery_schedule_activity(
                "mail.mail_activity_data_todo",
                _(
                    "Prepare the litigation file of %(customer)s",
                    customer=self.partner_id.name,
                ),
            )
            vals["state"] = "done"
            key = "activities"
        self.write(vals)
        return key

    def _recovery_send_email(self, attachment, values=None):
        """Post the level's e-mail on the event; Odoo's mail queue sends it."""
        template = self.level_id.mail_template_id
        if not template:
            raise UserError(
                _("Level %(level)s has no e-mail template.", level=self.level_id.name)
            )
        recipient = self.partner_id._recovery_recipient()
        if not recipient.email:
            raise UserError(
                _(
                    "%(customer)s has no e-mail address.",
                    customer=recipient.display_name,
                )
            )
        if values is None:
            lang = recipient.lang or self.env.lang
            values = template.with_context(lang=lang)._generate_template(
                self.ids, EMAIL_FIELDS
            )[self.id]
        return self.with_context(mail_notify_force_send=False).message_post(
            body=Markup(values.get("body_html") or ""),
            subject=values.get("subject"),
            email_from=values.get("email_from") or None,
            # An explicit author spares a partner search by e-mail per message.
            author_id=(
                self.company_id.recovery_user_id.partner_id
                or self.company_id.partner_id
            ).id,
            reply_to=values.get("reply_to") or None,
            partner_ids=recipient.ids,
            attachment_ids=attachment.ids if attachment else [],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )

    def _recovery_schedule_activity(self, activity_xmlid, summary):
        self.activity_schedule(
            activity_xmlid,
            summary=summary,
            user_id=self.user_id.id or self.env.uid,
            date_deadline=self.date,
        )

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_escalate(self):
        """Nightly escalation: decide for every company, then communicate."""
        companies = self.env["res.company"].search([])
        decided = self.with_context(allowed_company_ids=companies.ids)._recovery_decide(
            company_ids=companies.ids
        )
        self.env.cr.commit()  # pylint: disable=invalid-commit
        sent = self.with_context(
            allowed_company_ids=companies.ids
        )._recovery_communicate(commit=True, company_ids=companies.ids)
        _logger.info("Recovery escalation: %s, %s", decided, sent)
        return decided, sent

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
