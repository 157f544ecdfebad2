# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL, html2plaintext


class RecoveryDelivery(models.AbstractModel):
    """What became of the recovery e-mails once in Odoo's mail queue.

    The mail server accepted them (``sent``), refused them or they bounced
    (``failed``, with the reason); a level may then send a letter instead.
    Called by the mail framework hooks (mail_mail.py, mail_thread.py).
    """

    _name = "recovery.delivery"
    _description = "Recovery E-mail Delivery"

    def _feedback(self, events, accepted, reason=False):
        """The mail server accepted (or refused) the e-mails of ``events``."""
        events = events.filtered(lambda e: e.state in ("sending", "sent"))
        if accepted:
            events.filtered(lambda e: e.state == "sending").write(
                {"state": "sent", "sent_date": fields.Datetime.now(), "error": False}
            )
            return
        events.write({"state": "failed", "error": reason})
        for event in events:
            lang_env = event.with_context(lang=event._recovery_reader_lang()).env
            event.message_post(
                body=lang_env._(
                    "The e-mail was not delivered: %(reason)s", reason=reason
                )
            )
        self._fall_back_to_letter(events)

    @api.model
    def _sync_sending(self):
        """Catch up the e-mails still ``sending`` whose mail Odoo already sent
        or failed (a feedback that could not be written at the time)."""
        self.env["recovery.event"].flush_model(["state", "mail_message_id"])
        self.env["mail.mail"].flush_model(["state", "failure_reason"])
        self.env.cr.execute(
            SQL(
                """
                SELECT e.id, m.state = 'sent', m.failure_reason
                  FROM recovery_event e
                  JOIN mail_mail m ON m.mail_message_id = e.mail_message_id
                 WHERE e.state = 'sending' AND m.state IN ('sent', 'exception')
                """
            )
        )
        events = self.env["recovery.event"].sudo()
        for event_id, accepted, reason in self.env.cr.fetchall():
            self._feedback(events.browse(event_id), accepted, reason)

    def _bounced(self, events, message, email, body):
        """A bounce came back for the e-mail ``message`` of ``events``."""
        reason = _(
            "%(email)s bounced: %(details)s",
            email=email,
            details=(html2plaintext(body or "") or "").strip()[:1000],
        )
        self._feedback(
            events.filtered(lambda e: e.mail_message_id == message), False, reason
        )

    def _fall_back_to_letter(self, events):
        """Queue a letter instead of the failed e-mails whose level says so;
        the e-mail stays failed: the evidence tells what happened."""
        events = events.filtered(
            lambda e: e.level_id.fallback_letter and not e.fallback_event_ids
        )
        letters = events.create(
            [
                {
                    "company_id": event.company_id.id,
                    "partner_id": event.partner_id.id,
                    "level_id": event.level_id.id,
                    "channel": "letter",
                    "state": "queued",
                    "date": fields.Date.context_today(event),
                    "user_id": event.user_id.id,
                    "move_ids": [(6, 0, event.move_ids.ids)],
                    "amount_residual": event.amount_residual,
                    "origin_event_id": event.id,
                }
                for event in events
            ]
        )
        for letter in letters:
            lang_env = letter.with_context(lang=letter._recovery_reader_lang()).env
            letter.origin_event_id.message_post(
                body=Markup(lang_env._("A letter will be sent instead: %(letter)s"))
                % {"letter": letter._get_html_link()}
            )
        return letters
