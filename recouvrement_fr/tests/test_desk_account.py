# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .test_desk_dashboard import DeskCommon


@tagged("post_install", "-at_install")
class TestDeskCustomerAccount(DeskCommon):
    """Le compte client : totaux de la créance et chronologie dans l'ordre."""

    def setUp(self):
        super().setUp()
        with freeze_time("2026-03-10 09:00:00"):
            self.event = self.env["recovery.event"].create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.partner_b.id,
                    "level_id": self.level_email.id,
                    "channel": "email",
                    "state": "done",
                    "date": "2026-03-10",
                    "move_ids": [(6, 0, self.inv_b1.ids)],
                    "amount_residual": 2000.0,
                }
            )
        with freeze_time("2026-03-15 10:00:00"):
            self.inv_b1.with_user(self.accountant).message_post(
                body="Promet un virement fin mars", subtype_xmlid="mail.mt_note"
            )

    @freeze_time("2026-03-31")
    def test_account_totals(self):
        data = self._as_accountant("recovery.customer.account").get_account_data(
            self.partner_b.id
        )
        self.assertEqual(
            [row["name"] for row in data["invoices"]],
            [self.inv_b1.name, self.inv_b2.name],
        )
        totals = data["totals"]
        self.assertEqual(totals["principal"], 1900.0)
        self.assertEqual(totals["open"], 1900.0)
        self.assertEqual(totals["overdue"], 1500.0)
        # A business debtor owes the 40 EUR indemnity on the overdue invoice.
        self.assertEqual(totals["indemnity"], 40.0)
        self.assertGreater(totals["penalties"], 0.0)
        self.assertAlmostEqual(
            totals["claim"],
            totals["principal"]
            + totals["penalties"]
            + totals["indemnity"]
            + totals["interest"],
            places=2,
        )
        # inv_b0 paid 10 days late, inv_b1 still open 30 days late: (10 + 30) / 2.
        self.assertEqual(totals["days_late"], 20.0)
        # Countback (core/dso.py): 1 900 owed; the 400 of 31 March (day 1),
        # then 1 500 of the 2 000 of 1 March (30 days back): 30 + 0.75.
        self.assertEqual(totals["dso"], 30.8)
        self.assertEqual(data["partner"]["responsible"], "Paul Durand")
        self.assertEqual(data["partner"]["email"], "factures@martin.example")

    @freeze_time("2026-03-31")
    def test_account_timeline_in_date_order(self):
        data = self._as_accountant("recovery.customer.account").get_account_data(
            self.partner_b.id
        )
        timeline = [(item["date"], item["kind"]) for item in data["timeline"]]
        self.assertEqual(
            timeline,
            [
                ("2026-03-31", "invoice"),
                ("2026-03-20", "payment"),
                ("2026-03-15", "note"),
                ("2026-03-10", "event"),
                ("2026-03-01", "invoice"),
                ("2026-02-11", "payment"),
                ("2026-02-01", "invoice"),
            ],
        )
        note = data["timeline"][2]
        self.assertEqual(note["body"], "Promet un virement fin mars")
        self.assertEqual(note["author"], "Sophie Martin")
        event = data["timeline"][3]
        self.assertEqual(event["res_id"], self.event.id)
        self.assertEqual(event["invoices"], self.inv_b1.name)

    @freeze_time("2026-03-31")
    def test_account_other_company_and_actions(self):
        """A's Lyon invoice stays out while Lyon is not allowed; the buttons
        work for the accountant."""
        account = self._as_accountant("recovery.customer.account")
        data = account.get_account_data(self.partner_a.id)
        self.assertEqual([row["id"] for row in data["invoices"]], self.inv_a1.ids)
        self.assertEqual(data["totals"]["open"], 1000.0)
        partner = self.partner_a.with_user(self.accountant).with_context(
            allowed_company_ids=self.company.ids
        )
        partner.action_recovery_schedule_call()
        call = self.partner_a.activity_ids
        self.assertEqual(call.user_id, self.accountant)
        self.assertEqual(
            call.activity_type_id, self.env.ref("mail.mail_activity_data_call")
        )
        self.assertIn("Appeler", call.summary)
        data = account.get_account_data(self.partner_a.id)
        self.assertEqual(data["next_action"]["date"], "2026-03-31")
        letter = partner.action_recovery_letter()
        self.assertEqual(letter["context"]["active_ids"], self.inv_a1.ids)
        self.assertEqual(
            partner.action_recovery_account()["params"]["partner_id"],
            self.partner_a.id,
        )
        # Block: accountants may not edit contacts, but may block a recovery.
        wizard = (
            self.env["recovery.block.wizard"]
            .with_user(self.accountant)
            .with_context(default_partner_id=self.partner_a.id)
            .create({"reason": "Litige en cours"})
        )
        self.assertTrue(wizard.blocked)
        wizard.action_apply()
        self.assertTrue(self.partner_a.recovery_blocked)
        self.assertEqual(self.partner_a.recovery_block_reason, "Litige en cours")
        self.assertTrue(
            account.get_account_data(self.partner_a.id)["partner"]["blocked"]
        )

    def test_account_from_an_invoice_list(self):
        """Action > Compte client on an invoice opens its customer's account."""
        server_action = self.env.ref(
            "recouvrement_fr.account_move_action_recovery_account"
        ).with_user(self.accountant)
        action = server_action.with_context(
            active_model="account.move",
            active_ids=self.inv_b1.ids,
            active_id=self.inv_b1.id,
            allowed_company_ids=self.company.ids,
        ).run()
        self.assertEqual(action["tag"], "recouvrement_fr.customer_account")
        self.assertEqual(action["params"]["partner_id"], self.partner_b.id)
