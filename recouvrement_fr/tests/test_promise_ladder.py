# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools import format_amount, html2plaintext

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestPromiseLadder(RecoveryCommon):
    """L'échelle laisse de côté les factures en pause (promesse, réponse du
    client, blocage manuel jusqu'à une date) et les reprend le lendemain."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.recovery_promise_grace_days = 3
        cls.cron = cls.env.ref("recouvrement_fr.ir_cron_recovery_promise_check")

    def _climbed(self, invoice):
        return bool(invoice.recovery_event_ids)

    def test_invoice_paused_until_a_date(self):
        paused = self._invoice(self.partner_a, 500.0, "2026-01-01")
        other = self._invoice(self.partner_a, 300.0, "2026-01-01")
        paused.write(
            {
                "recovery_block_until": "2026-01-10",
                "recovery_block_until_reason": "Avoir en préparation",
            }
        )
        self._run("2026-01-10")
        self.assertFalse(self._climbed(paused), "paused up to the date included")
        with freeze_time("2026-01-10"):
            paused.invalidate_recordset(["recovery_is_due", "recovery_next_level_id"])
            self.assertFalse(paused.recovery_is_due)
            # The next step shows when the ladder resumes: the day after.
            self.assertEqual(paused.recovery_next_level_id, self.level_email)
            self.assertEqual(paused.recovery_next_date, d("2026-01-11"))
        self.assertTrue(self._climbed(other))
        self._run("2026-01-11")
        self.assertTrue(self._climbed(paused), "resumes the next day")

    def test_customer_paused_until_a_date(self):
        invoice = self._invoice(self.partner_a, 500.0, "2026-01-01")
        other_customer = self._invoice(self.partner_b, 300.0, "2026-01-01")
        self.partner_a._recovery_set_block(d("2026-01-12"), "Le client a répondu")
        self._run("2026-01-12")
        self.assertFalse(self._climbed(invoice))
        self.assertTrue(self._climbed(other_customer))
        self._run("2026-01-13")
        self.assertTrue(self._climbed(invoice))

    def test_open_promise_skipped_until_broken(self):
        invoice = self._invoice(self.partner_a, 500.0, "2026-01-01")
        promise = self.env["recovery.promise"].create(
            {
                "partner_id": self.partner_a.id,
                "move_ids": [Command.set(invoice.ids)],
                "date": "2026-01-15",
                "source": "phone",
            }
        )
        self._run("2026-01-10")
        self._run("2026-01-18")
        self.assertFalse(self._climbed(invoice), "skipped while the promise is open")
        with freeze_time("2026-01-19"):
            self.cron.method_direct_trigger()
        self.assertEqual(promise.state, "broken")
        self._run("2026-01-19")
        self.assertTrue(self._climbed(invoice), "the next run resumes the ladder")

    def test_the_next_reminder_recalls_the_broken_promise_once(self):
        """The e-mail after a broken promise recalls it, in the customer's
        French; the following letter does not recall it again."""
        invoice = self._invoice(self.partner_a, 500.0, "2026-01-01")
        promise = self.env["recovery.promise"].create(
            {
                "partner_id": self.partner_a.id,
                "move_ids": [Command.set(invoice.ids)],
                "date": "2026-01-15",
                "source": "phone",
            }
        )
        with freeze_time("2026-01-19"):
            self.cron.method_direct_trigger()
        self.assertEqual(promise.state, "broken")
        self._run("2026-01-19")
        email = invoice.recovery_event_ids
        self.assertEqual(email.channel, "email")
        body = html2plaintext(self._mails(email).body_html or "")
        if not body:
            body = html2plaintext(email.mail_message_id.body)
        self.assertIn("Sauf erreur ou omission de notre part", body)
        amount = format_amount(self.env, 500.0, self.company.currency_id)
        # A neutral phrasing: "Vous vous étiez engagé" did not agree with a
        # female customer (issue #21, typography and agreement).
        self.assertIn(
            f"Votre engagement de régler {amount} au plus tard le "
            "15 janvier 2026 n'a pas été tenu",
            body,
        )
        self.assertIn("ce règlement ne nous est pas parvenu à ce jour.", body)
        self.assertEqual(email._recovery_broken_promise(), promise)
        # A later letter on the same invoice: already recalled.
        later = self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.partner_a.id,
                "level_id": self.level_letter.id,
                "channel": "letter",
                "state": "to_print",
                "date": d("2026-02-20"),
                "move_ids": [Command.set(invoice.ids)],
            }
        )
        self.assertFalse(later._recovery_broken_promise())

    def test_disputed_invoice_does_not_climb(self):
        invoice = self._invoice(self.partner_a, 500.0, "2026-01-01")
        request = (
            self.env["recovery.request"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.partner_a.id,
                    "kind": "dispute",
                    "move_id": invoice.id,
                    "reason": "price",
                    "description": "Remise de 10 % oubliée",
                }
            )
        )
        request._recovery_apply_dispute()
        self.assertEqual(invoice.recovery_stage, "dispute")
        self._run("2026-02-20")
        self.assertFalse(self._climbed(invoice))
