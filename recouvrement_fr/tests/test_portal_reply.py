# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecoveryCommon, d

REPLY = """\
Return-Path: <{sender}>
From: Compta Dupont <{sender}>
To: {to}
Subject: Re: {subject}
Date: Tue, 13 Jan 2026 09:12:00 +0100
Message-ID: <reply-{tag}@dupont-sa.example>
In-Reply-To: {parent}
References: {parent}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Bonjour,

La facture est contestée : la livraison était incomplète. Je vous rappelle.

Cordialement,
Service comptable Dupont SA
"""


@tagged("post_install", "-at_install")
class TestPortalReply(RecoveryCommon):
    """Le client répond à l'e-mail de relance : la passerelle de messagerie
    classe la réponse sur la relance, une activité « Le client a répondu » est
    créée pour la responsable et les relances du client sont en pause N jours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.recovery_reply_pause_days = 7

    def _reminder(self):
        invoice = self._invoice(self.partner_a, 960.0, "2026-01-01")
        self._run("2026-01-10")
        event = invoice.recovery_event_ids
        self.assertEqual(event.level_id, self.level_email)
        self.assertTrue(event.mail_message_id.message_id)
        return invoice, event

    def _reply(self, event, sender, tag="1"):
        mail = self.env["mail.mail"].search(
            [("mail_message_id", "=", event.mail_message_id.id)]
        )
        raw = REPLY.format(
            sender=sender,
            to=mail.reply_to or event.mail_message_id.reply_to or "relances@example",
            subject=event.mail_message_id.subject,
            parent=event.mail_message_id.message_id,
            tag=tag,
        )
        with freeze_time("2026-01-13 08:12:00"):
            return self.env["mail.thread"].message_process(None, raw.encode())

    def test_reply_pauses_the_ladder_and_calls_the_responsible(self):
        invoice, event = self._reminder()
        thread_id = self._reply(event, "compta@dupont-sa.example")
        self.assertEqual(thread_id, event.id, "the reply lands on the reminder")
        reply = event.message_ids.filtered(
            lambda m: m.message_id == "<reply-1@dupont-sa.example>"
        )
        self.assertEqual(reply.author_id, self.partner_a)
        self.assertIn("livraison était incomplète", reply.body)
        activity = event.activity_ids
        self.assertEqual(activity.summary, "Le client a répondu")
        self.assertEqual(activity.user_id, self.accountant)
        self.assertEqual(self.partner_a.recovery_block_until, d("2026-01-20"))
        self.assertIn(
            "Le client a répondu le", self.partner_a.recovery_block_until_reason
        )
        self.assertEqual(invoice.recovery_partner_block_until, d("2026-01-20"))
        self.assertIn("Relances en pause jusqu'au", self.partner_a.message_ids[0].body)

    def test_longer_pause_kept(self):
        _invoice, event = self._reminder()
        self.partner_a._recovery_set_block(d("2026-02-28"), "Accord du directeur")
        self._reply(event, "compta@dupont-sa.example")
        self.assertEqual(self.partner_a.recovery_block_until, d("2026-02-28"))
        self.assertEqual(
            self.partner_a.recovery_block_until_reason, "Accord du directeur"
        )
        self.assertEqual(len(event.activity_ids), 1, "the responsible still reads it")

    def test_colleague_note_does_not_pause(self):
        _invoice, event = self._reminder()
        self._reply(event, self.accountant.email, tag="internal")
        self.assertFalse(self.partner_a.recovery_block_until)
        self.assertFalse(event.activity_ids)
