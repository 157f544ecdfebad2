# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import _, fields, models, tools

from ...core.vocabulary import ACTIVITY_TYPES, COMMUNICATE_STATS
from ...tools.pdf_run import wkhtmltopdf_renders_batches
from ...tools.sending import (
    COMPILE_CACHE_KEY,
    EMAIL_FIELDS,
    LETTERHEAD_REPORTS,
    TRANSIENT_ERRORS,
)

_logger = logging.getLogger(__name__)


class RecoveryDispatch(models.AbstractModel):
    """Carry out decided communications: render the documents and e-mails,
    send, plan the calls, queue the letters; one savepoint per event."""

    _name = "recovery.dispatch"
    _description = "Recovery Dispatch"

    # ------------------------------------------------------------
    # CARRY OUT A BATCH OF EVENTS
    # ------------------------------------------------------------

    def _communicate_events(self, events):
        """Carry out the events of ``self`` (queued), each in its own savepoint.

        The letters' wkhtmltopdf runs go on while the e-mails are rendered
        and the events whose documents are ready are carried out.
        """
        stats = dict.fromkeys(COMMUNICATE_STATS, 0)
        events = events.filtered(lambda e: e.state == "queued")
        self.env["recovery.delivery"]._sync_sending()
        events.move_ids._recovery_ensure_access_tokens()
        # A retried event keeps the document it was decided with.
        todo = events.filtered(lambda e: not e.attachment_id)
        runs, pdfs = self._start_documents(todo)
        pending = list(runs)
        renderer = self.env["recovery.pdf"]
        try:
            mails = self._render_emails(events)
            renderer._tick(pending)
            waiting = {event_id for run in runs for event_id in run.ids}
            ready = events.filtered(lambda e: e.id not in waiting)
            self._communicate_batch(ready, pdfs, mails, stats)
            while pending:
                run = pending.pop(0)
                pdfs.update(self._finish_documents(run))
                renderer._tick(pending)
                self._communicate_batch(events.browse(run.ids), pdfs, mails, stats)
        finally:
            for run in pending:
                renderer._abort(run)
        return stats

    def _communicate_batch(self, events, pdfs, mails, stats):
        """Carry out ``events`` together, in one savepoint; if any of them
        fails, again one by one, each in its own, so that it fails alone."""
        if len(events) > 1:
            try:
                with self.env.cr.savepoint():
                    keys = self._carry_out(events, pdfs, mails)
            except Exception:  # noqa: BLE001 - retried one by one below
                _logger.info(
                    "Recovery: batch of %s events retried one by one", len(events)
                )
            else:
                for key in keys:
                    stats[key] += 1
                return
        for event in events:
            try:
                with self.env.cr.savepoint():
                    stats[self._carry_out(event, pdfs, mails)[0]] += 1
            except Exception as exc:  # noqa: BLE001 - any failure must be reported, not stop the run
                if self.env.context.get("recovery_raise_transient") and isinstance(
                    exc, TRANSIENT_ERRORS
                ):
                    raise  # the caller (a queued job) tries the batch again later
                _logger.exception("Recovery communication %s failed", event.id)
                event.write({"state": "failed", "error": str(exc)})
                event.message_post(
                    body=_("The communication could not be sent: %(error)s", error=exc)
                )
                stats["failed"] += 1

    def _start_documents(self, events):
        """Render the level's document of each event: one rendering per report,
        the letters in slices whose wkhtmltopdf runs are started, not waited for.

        Returns (the runs, {event id: attachment} of the documents already
        made). A report or slice that fails is left to the per-event
        rendering, so that one bad letter fails alone.
        """
        by_report = {}
        for event in events:
            if self._needs_document(event):
                by_report.setdefault(event.level_id.report_id, []).append(event.id)
        renderer = self.env["recovery.pdf"]
        runs, attachment_vals = [], []
        for report, ids in by_report.items():
            if renderer._can_start(report) and not self._renders_html_only():
                for slice_ids in renderer._slices(ids):
                    try:
                        with self.env.cr.savepoint():
                            runs.append(renderer._start(report, slice_ids))
                        renderer._tick(runs)
                    except Exception:  # noqa: BLE001 - retried one by one
                        _logger.exception("Recovery: letters of %s failed", report.name)
                continue
            try:
                with self.env.cr.savepoint():
                    contents = self._render_report(
                        self.env["recovery.event"].browse(ids), report
                    )
            except Exception:  # noqa: BLE001 - retried one by one below
                _logger.exception("Recovery: batch rendering of %s failed", report.name)
                continue
            attachment_vals += [
                self._attachment_vals(event, content)
                for event, content in contents.items()
            ]
        return runs, self._create_attachments(attachment_vals)

    def _finish_documents(self, run):
        """Wait for ``run``; {event id: attachment} of its letters."""
        try:
            contents = self.env["recovery.pdf"]._finish(run)
        except Exception:  # noqa: BLE001 - retried one by one
            _logger.exception("Recovery: wkhtmltopdf of events %s failed", run.ids)
            return {}
        events = self.env["recovery.event"].browse(run.ids)
        return self._create_attachments(
            [self._attachment_vals(event, contents[event.id]) for event in events]
        )

    def _create_attachments(self, vals_list):
        attachments = self.env["ir.attachment"].create(vals_list)
        return {attachment.res_id: attachment for attachment in attachments}

    def _render_emails(self, events):
        """Render the e-mail of each event: one rendering per template and language.

        Returns {event id: values}. A group that fails is left to the
        per-event rendering, so that one bad e-mail fails alone.
        """
        groups = defaultdict(list)
        for event in events:
            template = event.level_id.mail_template_id
            if event.channel == "email" and template:
                lang = event.partner_id._recovery_recipient().lang or self.env.lang
                groups[template, lang].append(event.id)
        values = {}
        for (template, lang), ids in groups.items():
            # The body is compiled once for the group, not once per e-mail.
            template = template.with_context(lang=lang, **{COMPILE_CACHE_KEY: {}})
            try:
                with self.env.cr.savepoint():
                    values.update(template._generate_template(ids, EMAIL_FIELDS))
            except Exception:  # noqa: BLE001 - retried one by one
                _logger.exception("Recovery: batch e-mails of %s failed", template.name)
        return values

    def _renders_html_only(self):
        """Like Odoo's own reports under test: HTML instead of wkhtmltopdf."""
        test_mode = tools.config["test_enable"] or tools.config["test_file"]
        return test_mode and not self.env.context.get("force_report_rendering")

    def _render_report(self, events, report):
        """Return {event: document bytes}; one wkhtmltopdf call for all ``events``."""
        if self._renders_html_only():
            # Like Odoo's own reports under test: HTML instead of calling wkhtmltopdf.
            return {
                event: report._render_qweb_html(report, event.ids)[0]
                for event in events
            }
        one_document = report.report_name in LETTERHEAD_REPORTS
        if len(events) > 1 and not (one_document or wkhtmltopdf_renders_batches()):
            return {
                event: report._render_qweb_pdf(report, event.ids)[0] for event in events
            }
        streams = report._render_qweb_pdf_prepare_streams(
            report, {}, res_ids=events.ids
        )
        if set(streams) != set(events.ids):
            # The combined PDF could not be split: render one by one.
            return {
                event: report._render_qweb_pdf(report, event.ids)[0] for event in events
            }
        return {event: streams[event.id]["stream"].getvalue() for event in events}

    def _communicate_one(self, event, attachment, mail_values=None):
        """Carry out one event; return the stats key it counts for."""
        event.ensure_one()
        return self._carry_out(event, {event.id: attachment}, {event.id: mail_values})[
            0
        ]

    def _carry_out(self, events, pdfs, mails):
        """Carry out ``events``; return the stats key each counts for.

        Each event takes the state that tells where it stands: an e-mail is
        ``sending`` until the mail server accepts it (see mail_mail.py), a
        letter ``to_print`` until posted, a registered letter ``to_post`` until
        its number is entered, a call or task ``to_do`` until its activity is
        done. The e-mails are posted together (recovery.email).
        """
        attachments = {
            event.id: self._prepare_step(event, pdfs.get(event.id)) for event in events
        }
        emails = events.filtered(lambda e: e.channel == "email")
        messages = self.env["recovery.email"]._post(
            emails,
            attachments,
            {event.id: mails.get(event.id) for event in emails},
        )
        keys = []
        for event in events:
            attachment = attachments[event.id]
            vals = {"attachment_id": attachment.id if attachment else False}
            if event.channel == "email":
                vals.update(state="sending", mail_message_id=messages[event.id].id)
                keys.append("sent")
                # The e-mail just posted is the chatter's record of this
                # step: no tracking message on top of it ("To send ->
                # Sending"); what the mail server does next is tracked.
                event.with_context(mail_notrack=True).write(vals)
                continue
            elif event.channel in ("letter", "lrar"):
                vals["state"] = "to_print" if event.channel == "letter" else "to_post"
                keys.append("printed")
            else:  # phone, legal
                self._plan_activity(event)
                vals["state"] = "to_do"
                keys.append("activities")
            event.write(vals)
        return keys

    def _prepare_step(self, event, attachment):
        """What must hold before ``event`` leaves, and its document."""
        first_attempt = not event.attachment_id and not event.mail_message_id
        if event.level_id.stage == "mise_en_demeure":
            event.company_id._recovery_check_notice_identity()
            if first_attempt and event.company_id.recovery_bill_penalties_at_notice:
                self.env["recovery.penalty.invoice"]._bill(event.move_ids, event.date)
        attachment = attachment or event.attachment_id
        if not attachment and self._needs_document(event):
            report = event.level_id.report_id
            content = self._render_report(event, report)[event]
            attachment = self.env["ir.attachment"].create(
                self._attachment_vals(event, content)
            )
        return attachment

    def _plan_activity(self, event):
        """The call or legal task, in the language of who will do it."""
        user = event.user_id or self.env.user
        lang_env = event.with_context(lang=user.lang or self.env.lang).env
        if event.channel == "phone" and len(event.move_ids) == 1:
            summary = lang_env._(
                "Call %(customer)s about an overdue invoice",
                customer=event.partner_id.name,
            )
        elif event.channel == "phone":
            summary = lang_env._(
                "Call %(customer)s about %(count)s overdue invoices",
                customer=event.partner_id.name,
                count=len(event.move_ids),
            )
        else:
            summary = lang_env._(
                "Prepare the litigation file of %(customer)s",
                customer=event.partner_id.name,
            )
        event.activity_schedule(
            ACTIVITY_TYPES[event.channel],
            summary=summary,
            note=self._activity_note(event, lang_env),
            user_id=user.id,
            date_deadline=event.date,
        )

    def _activity_note(self, event, lang_env):
        """Who to call and at which number, for how much and which invoices."""
        recipient = event.partner_id._recovery_recipient()
        phone = (
            recipient.phone
            or recipient.mobile
            or event.partner_id.phone
            or event.partner_id.mobile
            or lang_env._("no phone number")
        )
        amount = tools.format_amount(
            lang_env, event.amount_residual, event.currency_id, lang_env.lang
        )
        return Markup("<p>%s</p><p>%s</p>") % (
            lang_env._(
                "%(contact)s, phone: %(phone)s",
                contact=recipient.display_name,
                phone=phone,
            ),
            lang_env._(
                "Amount due: %(amount)s on %(invoices)s",
                amount=amount,
                invoices=", ".join(event.move_ids.mapped("name")),
            ),
        )

    def _needs_document(self, event):
        return bool(event.level_id.report_id) and event.channel in (
            "email",
            "letter",
            "lrar",
        )

    def _attachment_vals(self, event, content):
        """The document of ``event``, kept on it: PDF, or HTML under tests.

        Named after its level in the language it is written in, the
        customer's, whoever renders it: the name the customer reads on the
        e-mail's attachment.
        """
        if isinstance(content, str):
            content = content.encode()
        is_pdf = content.startswith(b"%PDF")
        date = fields.Date.to_string(event.date)
        lang = event.partner_id._recovery_recipient().lang or self.env.lang
        level = event.level_id.with_context(lang=lang).name
        name = f"{level} - {event.partner_id.name} - {date}"
        return {
            "name": "{}.{}".format(name, "pdf" if is_pdf else "html"),
            "raw": content,
            "mimetype": "application/pdf" if is_pdf else "text/html",
            "res_model": event._name,
            "res_id": event.id,
        }
