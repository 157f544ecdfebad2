# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestEmailBatch(RecoveryCommon):
    """Les relances d'une nuit sont postées ensemble (recovery.email) : chaque
    client reçoit la sienne, et elle seule, avec sa lettre ; le chatter garde
    ce que message_post y aurait mis ; le coût par e-mail ne dépend plus de
    requêtes faites une à une."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.customers = cls.partner_a | cls.partner_b
        for number in range(3, 9):
            cls.customers |= cls.env["res.partner"].create(
                {
                    "name": f"Client {number} SARL",
                    "is_company": True,
                    "email": f"compta{number}@client.example",
                    "lang": "fr_FR",
                }
            )

    def _invoices(self, customers, invoice_date="2026-01-01"):
        return {
            customer: self._invoice(customer, 100.0 * (index + 1), invoice_date)
            for index, customer in enumerate(customers)
        }

    def test_each_customer_receives_its_own_email_only(self):
        invoices = self._invoices(self.customers)
        _decided, sent = self._run("2026-01-06")
        self.assertEqual(sent["sent"], len(self.customers))
        for customer, invoice in invoices.items():
            event = invoice.recovery_event_ids
            self.assertEqual(event.state, "sent")
            message = event.mail_message_id
            self.assertEqual(message.model, "recovery.event")
            self.assertEqual(message.res_id, event.id)
            self.assertEqual(message.message_type, "comment")
            self.assertEqual(message.partner_ids, customer)
            self.assertEqual(message.author_id, self.accountant.partner_id)
            # its own letter, named in the customer's language
            self.assertEqual(message.attachment_ids, event.attachment_id)
            self.assertIn(customer.name, event.attachment_id.name)
            mail = self._mails(event)
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.recipient_ids, customer)
            self.assertFalse(mail.auto_delete, "the mail stays: it is evidence")
            notification = message.notification_ids
            self.assertEqual(notification.res_partner_id, customer)
            self.assertEqual(notification.notification_type, "email")
            self.assertEqual(notification.notification_status, "sent")
            # the customer's own invoice, nobody else's
            self.assertIn(invoice.name, mail.body_html)
            for other in set(invoices.values()) - {invoice}:
                self.assertNotIn(other.name, mail.body_html)
            self.assertIn("Sauf erreur ou omission de notre part", mail.body_html)

    def test_the_responsible_follows_the_answers_not_her_own_email(self):
        invoices = self._invoices(self.customers[:3])
        engine = self.env["recovery.engine"].with_context(mail_create_nosubscribe=False)
        with freeze_time("2026-01-06"):
            engine._decide(company_ids=self.company.ids)
            engine._communicate(company_ids=self.company.ids)
        for invoice in invoices.values():
            event = invoice.recovery_event_ids
            self.assertEqual(event.message_partner_ids, self.env.user.partner_id)
            # posted by the test user: she is not sent her own e-mail
            self.assertEqual(self._mails(event).recipient_ids, invoice.partner_id)

    def _communicate_queries(self, customers, invoice_date, on):
        self._invoices(customers, invoice_date)
        engine = self.env["recovery.engine"]
        with freeze_time(on):
            engine._decide(company_ids=self.company.ids)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            sent = engine._communicate(company_ids=self.company.ids)
            self.env.flush_all()
        self.assertEqual(sent["sent"], len(customers))
        return self.env.cr.sql_log_count - before

    def test_each_more_email_costs_a_few_queries(self):
        # the first run compiles the templates and fills the caches
        self._communicate_queries(self.customers[:1], "2025-12-31", "2026-01-05")
        two = self._communicate_queries(self.customers[1:3], "2026-01-01", "2026-01-06")
        five = self._communicate_queries(self.customers[3:], "2026-01-02", "2026-01-07")
        # message_post cost about twenty queries an e-mail
        per_email = (five - two) / 3
        self.assertLess(per_email, 10, f"{per_email:.1f} queries an e-mail")
