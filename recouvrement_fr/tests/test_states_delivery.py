# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Delivery feedback against a real SMTP server on 127.0.0.1.

The server accepts one recipient and refuses another at RCPT TO (550), as a
mail server does for an unknown mailbox; Odoo really connects to it (only the
"do not send under tests" decision of ir.mail_server is patched).
"""

import logging
import socket
from email import message_from_bytes, policy
from unittest.mock import patch

from aiosmtpd.controller import Controller
from freezegun import freeze_time

from odoo import modules
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import RecoveryCommon, d

ACCEPTED = "compta@dupont-sa.example"
REFUSED = "inconnu@martin.example"
FIXED = "factures@martin.example"


class SmtpRecorder:
    """aiosmtpd handler: refuses some recipients, records what it accepts."""

    def __init__(self, refused):
        self.refused = set(refused)
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Ok: queued"


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestStatesDelivery(RecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.smtp = SmtpRecorder(refused=[REFUSED])
        port = _free_port()
        cls.controller = Controller(cls.smtp, hostname="127.0.0.1", port=port)
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's log
        cls.controller.start()
        cls.addClassCleanup(cls.controller.stop)
        # Only this server may be used: nothing leaves the machine.
        cls.env["ir.mail_server"].search([]).active = False
        cls.env["ir.mail_server"].create(
            {
                "name": "SMTP de test",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_encryption": "none",
            }
        )
        # Odoo skips connecting under tests: let it connect to this server.
        cls.startClassPatcher(patch.object(modules.module, "current_test", False))
        cls.partner_a.email = ACCEPTED
        cls.partner_b.email = REFUSED

    def setUp(self):
        super().setUp()
        self.smtp.messages.clear()

    def _ladder_first_step(self):
        inv_a = self._invoice(self.partner_a, 100.0, "2026-01-01")
        inv_b = self._invoice(self.partner_b, 200.0, "2026-01-01")
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            self._run("2026-01-06")
        return inv_a, inv_b

    def test_accepted_is_sent_refused_is_failed_with_the_server_reason(self):
        inv_a, inv_b = self._ladder_first_step()
        sent, failed = inv_a.recovery_event_ids, inv_b.recovery_event_ids
        self.assertEqual(sent.state, "sent")
        self.assertEqual(sent.carried_out_date, d("2026-01-06"))
        self.assertEqual(failed.state, "failed")
        self.assertIn("550", failed.error)
        self.assertIn("Recipient address rejected: User unknown", failed.error)
        self.assertEqual(len(self.smtp.messages), 1, "one message reached the server")
        rcpt_tos, content = self.smtp.messages[0]
        self.assertEqual(rcpt_tos, [ACCEPTED])
        received = message_from_bytes(content, policy=policy.default)
        self.assertIn(ACCEPTED, received["To"])
        self.assertIn(inv_a.name, received.get_body(("plain",)).get_content())
        # The responsible reads why in French, the customer's form too.
        self.assertIn("pas été remis", failed.message_ids[0].body)
        self.assertIn("550", self.partner_b.recovery_email_failure)
        self.assertFalse(self.partner_a.recovery_email_failure)
        # Only what was sent is the invoice's last recovery step.
        self.assertEqual(inv_a.recovery_last_sent_date, d("2026-01-06"))
        self.assertFalse(inv_b.recovery_last_sent_date)
        self.assertEqual(inv_b.recovery_last_date, d("2026-01-06"), "ladder date")

    def test_retry_after_fixing_the_address_sends_once(self):
        _inv_a, inv_b = self._ladder_first_step()
        failed = inv_b.recovery_event_ids
        old_mail = self._mails(failed)
        self.partner_b.email = FIXED
        with freeze_time("2026-01-07"):
            failed.with_user(self.accountant).action_retry()
            self.assertEqual(failed.state, "sending")
            self.assertEqual(old_mail.state, "cancel", "the refused mail never leaves")
            self._process_mail_queue()
            self._process_mail_queue()
        self.assertEqual(failed.state, "sent")
        self.assertFalse(failed.error)
        self.assertEqual(len(self.smtp.messages), 2)
        self.assertEqual(self.smtp.messages[1][0], [FIXED])
        self.assertEqual(inv_b.recovery_last_sent_date, d("2026-01-07"))
        # The refused attempt stays in the evidence.
        self.assertEqual(len(self._mails(failed)), 2)

    def test_a_feedback_missed_at_send_time_is_caught_up(self):
        inv_a, inv_b = self._ladder_first_step()
        events = inv_a.recovery_event_ids | inv_b.recovery_event_ids
        self.env.flush_all()
        # As if the mail queue could not write on the events when it sent.
        self.env.cr.execute(
            "UPDATE recovery_event SET state = 'sending', error = NULL WHERE id IN %s",
            [tuple(events.ids)],
        )
        events.invalidate_recordset()
        self.env["recovery.delivery"]._sync_sending()
        self.assertEqual(inv_a.recovery_event_ids.state, "sent")
        self.assertEqual(inv_b.recovery_event_ids.state, "failed")
        self.assertIn("550", inv_b.recovery_event_ids.error)
        self.assertEqual(len(self.smtp.messages), 1, "nothing sent again")

    def test_failed_email_falls_back_to_a_letter(self):
        self.level_email.fallback_letter = True
        _inv_a, inv_b = self._ladder_first_step()
        failed = inv_b.recovery_event_ids.filtered(lambda e: e.channel == "email")
        letter = failed.fallback_event_ids
        self.assertEqual(failed.state, "failed", "the e-mail did fail")
        self.assertEqual(
            (letter.channel, letter.state, letter.level_id),
            ("letter", "queued", self.level_email),
        )
        self.assertEqual(letter.move_ids, inv_b)
        self.assertIn("Un courrier sera envoyé", failed.message_ids[0].body)
        self._run("2026-01-07")
        self.assertEqual(letter.state, "to_print")
        self.assertTrue(letter.attachment_id)
        # A second failure of the same e-mail does not queue a second letter.
        self.env["recovery.delivery"]._feedback(failed, False, "again")
        self.assertEqual(len(failed.fallback_event_ids), 1)

    def test_bounce_fails_the_sent_email_and_shows_on_the_customer(self):
        self.partner_b.email = FIXED
        inv_a, _inv_b = self._ladder_first_step()
        event = inv_a.recovery_event_ids
        self.assertEqual(event.state, "sent")
        self.env["mail.thread"].message_process(
            False, self._bounce(ACCEPTED, event.mail_message_id.message_id)
        )
        self.assertEqual(event.state, "failed")
        self.assertIn(ACCEPTED, event.error)
        self.assertIn("mailbox full", event.error)
        self.assertEqual(self.partner_a.recovery_bounced_email, ACCEPTED)
        # On the customer's form, as the accountant sees it.
        form = Form(self.partner_a.with_user(self.accountant))
        self.assertEqual(form.recovery_bounced_email, ACCEPTED)
        self.assertIn("mailbox full", form.recovery_email_failure)
        self.assertFalse(inv_a.recovery_last_sent_date, "a bounced e-mail is not sent")

    def _bounce(self, email, message_id):
        """A delivery status notification of the recipient's server (RFC 3464)."""
        return f"""From: MAILER-DAEMON@mx.dupont-sa.example
To: notifications@example.com
Subject: Undelivered Mail Returned to Sender
Message-Id: <bounce-1@mx.dupont-sa.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

--DSN
Content-Type: text/plain; charset=us-ascii

<{email}>: host mx.dupont-sa.example said: 552 5.2.2 mailbox full

--DSN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.dupont-sa.example

Final-Recipient: rfc822; {email}
Action: failed
Status: 5.2.2

--DSN
Content-Type: message/rfc822

Message-Id: {message_id}
To: {email}
Subject: Relance

Relance
--DSN--
"""
