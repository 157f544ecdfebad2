# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import models

_logger = logging.getLogger(__name__)

# Failures whose reason Odoo writes on the mail rather than passing it on.
FAILURES_WITH_MAIL_REASON = ("mail_smtp", "unknown")


class MailMail(models.Model):
    _inherit = "mail.mail"

    # EXTENDS mail
    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        """Tell the recovery events what the mail server did with their e-mail.

        Read before ``super()``, which deletes the mails to auto-delete.
        """
        outcomes = [
            (mail.res_id, mail.mail_message_id.id, mail.state == "sent")
            + (mail._recovery_failure(failure_reason, failure_type),)
            for mail in self
            if mail.model == "recovery.event" and mail.res_id
        ]
        result = super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
        events = self.env["recovery.event"].sudo()
        delivery = self.env["recovery.delivery"].sudo()
        for event_id, message_id, accepted, reason in outcomes:
            event = events.browse(event_id).exists()
            if not event or event.mail_message_id.id != message_id:
                continue
            try:
                with self.env.cr.savepoint():
                    delivery._feedback(event, accepted, reason)
            except Exception:  # noqa: BLE001 - the mail is sent: never undo that
                # Raising here would mark a sent mail as failed; the event is
                # caught up by recovery.delivery._sync_sending.
                _logger.exception(
                    "Recovery: delivery of event %s not recorded", event_id
                )
        return result

    def _recovery_failure(self, failure_reason, failure_type):
        """The server's reason of a failure, as precise as Odoo knows it."""
        self.ensure_one()
        if self.state == "sent":
            return False
        if failure_reason:
            return failure_reason
        if failure_type in FAILURES_WITH_MAIL_REASON or not failure_type:
            return self.failure_reason
        return dict(self._fields["failure_type"]._description_selection(self.env))[
            failure_type
        ]
