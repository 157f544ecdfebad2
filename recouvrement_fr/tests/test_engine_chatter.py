# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestEngineChatter(RecoveryCommon):
    """Chaque relance se lit dans le fil de discussion des factures qu'elle a
    fait avancer, en français, sans réécrire les factures comptabilisées."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()

    def _steps(self, invoice):
        return invoice.message_ids.filtered(lambda m: "Relance :" in (m.body or ""))

    def _rows(self, invoices):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, xmin::text, write_date FROM account_move WHERE id = ANY(%s) "
            "ORDER BY id",
            [invoices.ids],
        )
        return self.env.cr.fetchall()

    def test_each_step_on_each_invoice_once_in_french(self):
        invoices = self.env["account.move"].union(
            *(
                self._invoice(self.partner_a, amount, "2026-01-05")
                for amount in (1, 2, 3)
            )
        )
        before = self._rows(invoices)
        # The run is made by an English-speaking admin: the chatter follows the
        # company's recovery responsible (French).
        self.assertEqual(self.env.user.lang, "en_US")
        self._run("2026-01-06")
        event = invoices.recovery_event_ids
        self.assertEqual(len(event), 1)
        level = self.level_email.with_context(lang="fr_FR").name
        for invoice in invoices:
            step = self._steps(invoice)
            self.assertEqual(len(step), 1, invoice.name)
            self.assertIn(f"Relance : {level} (E-mail)", step.body)
            self.assertIn(f"data-oe-id='{event.id}'", step.body)
            self.assertEqual(step.subtype_id, self.env.ref("mail.mt_note"))
            self.assertEqual(step.message_type, "notification")
        self.assertEqual(self._rows(invoices), before, "posted invoices untouched")

        # Running again the same day logs nothing more.
        self._run("2026-01-06")
        self.assertEqual(len(self._steps(invoices[0])), 1)

    def test_notice_to_validate_is_logged_when_decided(self):
        """A step that waits for a person (formal notice to validate) is told
        on the invoice at once, not when it is sent."""
        invoice = self._invoice(self.partner_a, 500.0, "2026-01-05")
        self.level_email.needs_validation = True
        self._run("2026-01-06")
        event = invoice.recovery_event_ids
        self.assertEqual(event.state, "to_validate")
        self.assertEqual(len(self._steps(invoice)), 1)
        with freeze_time("2026-01-06"):
            event.action_validate()
        self.assertEqual(len(self._steps(invoice)), 1, "not logged twice")

    def test_documents_named_in_the_customers_language(self):
        """The document attached to the reminder e-mail and to the formal
        notice is named after the level in the customer's language (French),
        though an English-speaking admin runs the escalation and validates."""
        self.level_email.with_context(lang="fr_FR").name = "Rappel amiable par e-mail"
        self.level_med.with_context(lang="fr_FR").name = "Mise en demeure (LRAR)"
        self.assertEqual(self.env.user.lang, "en_US")
        invoice = self._invoice(self.partner_a, 1000.0, "2026-01-05")
        self._run("2026-01-06")
        email = invoice.recovery_event_ids
        name = f"Rappel amiable par e-mail - {self.partner_a.name} - 2026-01-06.html"
        self.assertEqual(email.attachment_id.name, name)
        self.assertEqual(email.mail_message_id.attachment_ids.mapped("name"), [name])
        self._run("2026-01-20")  # the call
        self._run("2026-02-04")  # the letter
        self._post_letters(invoice, "2026-02-05")
        self._run("2026-02-19")  # the formal notice, to validate
        notice = invoice.recovery_event_ids.filtered(
            lambda e: e.level_id == self.level_med
        )
        with freeze_time("2026-02-19"):
            notice.action_validate()
        self.assertEqual(notice.state, "to_post", notice.error)
        self.assertEqual(
            notice.attachment_id.name,
            f"Mise en demeure (LRAR) - {self.partner_a.name} - 2026-02-19.html",
        )
