# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from freezegun import freeze_time
from markupsafe import Markup

from odoo import Command
from odoo.tests import tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestEmailAdapter(RecoveryCommon):
    """recovery.email posts a night's e-mails in batches through Odoo's
    private mail steps (``_message_create``, ``_notify_thread_by_inbox``,
    ``_notify_by_email_render_layout``…). Each test here compares one of the
    behaviours it relies on with what ``message_post`` gives for the same
    e-mail on a twin event: if an Odoo upgrade changes ``message_post``, a
    test fails here, not a customer's reminder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        # Two internal followers of every event: one notified in Odoo (inbox),
        # one by e-mail.
        cls.inbox_user, cls.email_user = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": name,
                        "login": login,
                        "email": f"{login}@example.fr",
                        "notification_type": notification,
                        "company_id": cls.company.id,
                        "company_ids": [Command.set(cls.company.ids)],
                        "groups_id": [Command.set([cls.env.ref("base.group_user").id])],
                    }
                    for name, login, notification in (
                        ("Paul Inbox", "paul.inbox", "inbox"),
                        ("Léa Courriel", "lea.courriel", "email"),
                    )
                ]
            )
        )
        cls.batch_invoice = cls._invoice(cls.partner_a, 300.0, "2026-01-01")
        cls.twin_invoice = cls._invoice(cls.partner_b, 300.0, "2026-01-01")

    def _two_events(self):
        """The e-mail events of both customers, queued by the ladder."""
        with freeze_time("2026-01-06"):
            self.env["recovery.engine"]._decide(company_ids=self.company.ids)
        batch = self.batch_invoice.recovery_event_ids
        twin = self.twin_invoice.recovery_event_ids
        for event in batch | twin:
            event.message_subscribe(
                partner_ids=(self.inbox_user | self.email_user).partner_id.ids
            )
        return batch, twin

    def _values(self, event):
        return {
            "subject": "Relance facture",
            "body_html": "<p>Sauf erreur de notre part, la facture reste due.</p>",
            "email_from": "Sophie <sophie@example.fr>",
            "reply_to": "recouvrement@example.fr",
        }

    def _post_both(self):
        batch, twin = self._two_events()
        attachments = {
            event: self.env["ir.attachment"].create(
                {
                    "name": "relance.pdf",
                    "raw": b"%PDF-1.4 relance",
                    "res_model": event._name,
                    "res_id": event.id,
                }
            )
            for event in batch | twin
        }
        messages = self.env["recovery.email"]._post(
            batch, {batch.id: attachments[batch]}, {batch.id: self._values(batch)}
        )
        twin_values = self._values(twin)
        # Queued, not sent at once: as the batch's mails wait for the queue.
        twin_message = twin.with_context(mail_notify_force_send=False).message_post(
            body=Markup(twin_values["body_html"]),
            subject=twin_values["subject"],
            email_from=twin_values["email_from"],
            reply_to=twin_values["reply_to"],
            partner_ids=twin.partner_id._recovery_recipient().ids,
            attachment_ids=attachments[twin].ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
            mail_auto_delete=False,
        )
        self.env.flush_all()
        return (batch, messages[batch.id]), (twin, twin_message)

    def _notifications(self, message):
        return sorted(
            (
                n.res_partner_id.name
                if n.res_partner_id in (self.inbox_user | self.email_user).partner_id
                else "customer",
                n.notification_type,
            )
            for n in message.notification_ids
        )

    def test_message_as_message_post_writes_it(self):
        (_batch, message), (_twin, twin_message) = self._post_both()
        for name in (
            "message_type",
            "subtype_id",
            "author_id",
            "email_from",
            "reply_to",
            "subject",
            "body",
            "is_internal",
        ):
            self.assertEqual(message[name], twin_message[name], name)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertEqual(bool(message.parent_id), bool(twin_message.parent_id))

    def test_followers_and_notifications_as_message_post_gives_them(self):
        (batch, message), (twin, twin_message) = self._post_both()
        # The author follows the event to be told of the answer; the
        # customer, only a recipient, does not.
        self.assertEqual(
            batch.message_partner_ids - batch.partner_id,
            twin.message_partner_ids - twin.partner_id,
        )
        self.assertNotIn(batch.partner_id, batch.message_partner_ids)
        # The inbox follower gets an Odoo notification, the others an e-mail.
        self.assertEqual(
            self._notifications(message), self._notifications(twin_message)
        )
        self.assertIn(("Paul Inbox", "inbox"), self._notifications(message))
        self.assertIn(("customer", "email"), self._notifications(message))

    def _mail_shape(self, event, message):
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        shapes = []
        for mail in mails:
            body = mail.body_html or ""
            for text in (event.display_name, event.partner_id.name, mail.record_name):
                if text:
                    body = body.replace(text, "RECORD")
            body = re.sub(r"access_token=[\w-]+", "access_token=TOKEN", body)
            body = re.sub(r"\d+", "#", body)
            shapes.append(
                (
                    len(mail.recipient_ids),
                    mail.email_from,
                    mail.reply_to,
                    mail.auto_delete,
                    mail.state,
                    body,
                )
            )
        return sorted(shapes)

    def test_mail_in_odoo_s_layout_as_message_post_renders_it(self):
        (batch, message), (twin, twin_message) = self._post_both()
        shape, twin_shape = (
            self._mail_shape(batch, message),
            self._mail_shape(twin, twin_message),
        )
        self.assertEqual(shape, twin_shape)
        # The light notification layout, with the text the template gave.
        self.assertTrue(shape)
        self.assertTrue(
            any("Sauf erreur de notre part" in body for *_rest, body in shape)
        )
        self.assertFalse(any(mail[3] for mail in shape), "the mail is evidence: kept")
