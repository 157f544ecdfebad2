# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.recouvrement_fr.tests.common import RecoveryCommon

LINK = re.compile(r'href="([^"]*/recovery/[^"]+)"')


@tagged("post_install", "-at_install", "recouvrement_fr_tour")
class TestPortalTour(RecoveryCommon, HttpCase):
    """Le client, sans compte, suit le lien de l'e-mail de relance dans
    Chromium : il conteste une facture, promet une date pour une autre et paie
    la troisième avec le fournisseur de démonstration ; au bureau, chaque acte
    est dans le dossier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.env["ir.module.module"]._load_module_terms(
            ["web", "portal", "payment", "account_payment", "recouvrement_fr_payment"],
            ["fr_FR"],
        )
        demo = cls.env.ref("payment.payment_provider_demo").sudo()
        cls.provider = demo.copy(
            {
                "company_id": cls.company.id,
                "state": "test",
                "journal_id": cls.company_data["default_journal_bank"].id,
            }
        )
        cls.provider.payment_method_ids = cls.env.ref(
            "payment_demo.payment_method_demo"
        )

    def test_customer_answers_from_the_reminder(self):
        self.company.recovery_promise_grace_days = 10
        today = fields.Date.today()
        first = self._invoice(self.partner_a, 1840.0, today - timedelta(days=40))
        second = self._invoice(self.partner_a, 612.5, today - timedelta(days=30))
        third = self._invoice(self.partner_a, 297.2, today - timedelta(days=20))
        self._run(fields.Date.to_string(today))
        reminder = first.recovery_event_ids
        self.assertEqual(reminder.level_id, self.level_email)
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", "=", reminder.mail_message_id.id)])
        )
        link = html.unescape(LINK.search(mail.body_html).group(1))
        url = urlsplit(link)
        self.start_tour(f"{url.path}?{url.query}", "recouvrement_fr_portal_tour")

        # The first invoice: blocked in dispute, the responsible has a task.
        dispute = (
            self.env["recovery.request"].sudo().search([("move_id", "=", first.id)])
        )
        self.assertEqual(first.recovery_stage, "dispute")
        self.assertIn("deux cartons manquent", dispute.description)
        self.assertEqual(dispute.activity_ids.user_id, self.accountant)
        # The second: an open promise from the portal, the next run skips it.
        promise = second.recovery_promise_ids
        self.assertEqual((promise.state, promise.source), ("open", "portal"))
        self.assertEqual(promise.date, today + timedelta(days=10))
        self.assertGreaterEqual(second.recovery_block_until, promise.date)
        # The third: paid through the demo provider, reconciled.
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .search([("invoice_ids", "=", third.id)])
        )
        self.assertEqual((tx.state, tx.amount), ("done", 297.2))
        tx._post_process()
        self.assertIn(third.payment_state, ("paid", "in_payment"))
        # The phone call would be due in 15 days: nothing for the three of them
        # while the promise holds (promised date + 10 grace days).
        later = fields.Date.to_string(today + timedelta(days=15))
        self._run(later)
        for invoice in (first, second, third):
            self.assertEqual(len(invoice.recovery_event_ids), 1, invoice.name)
