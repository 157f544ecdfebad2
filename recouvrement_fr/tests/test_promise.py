# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestPromise(RecoveryCommon):
    """Promesses de paiement : saisies par la comptable, tenues ou rompues par
    le cron, et l'échelle mise en pause jusqu'à la date promise + la grâce."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.recovery_promise_grace_days = 3
        cls.cron = cls.env.ref("recouvrement_fr.ir_cron_recovery_promise_check")
        cls.lift_cron = cls.env.ref("recouvrement_fr.ir_cron_recovery_lift_blocks")

    def _promise(self, invoices, on, **vals):
        with freeze_time(on):
            return (
                self.env["recovery.promise"]
                .with_user(self.accountant)
                .create(
                    dict(
                        {
                            "partner_id": invoices.commercial_partner_id.id,
                            "move_ids": [Command.set(invoices.ids)],
                            "date": "2026-03-10",
                            "source": "phone",
                        },
                        **vals,
                    )
                )
            )

    def _trigger(self, cron, on):
        with freeze_time(on):
            cron.method_direct_trigger()

    def test_promise_pauses_its_invoices_until_grace(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-02-01")
        other = self._invoice(self.partner_a, 300.0, "2026-02-01")
        promise = self._promise(invoice, "2026-03-01")
        self.assertEqual(promise.state, "open")
        self.assertEqual(promise.amount, 1200.0, "the whole residual by default")
        self.assertEqual(promise.grace_date, d("2026-03-13"))
        self.assertEqual(invoice.recovery_block_until, d("2026-03-13"))
        self.assertIn("Promesse de paiement", invoice.recovery_block_until_reason)
        self.assertFalse(other.recovery_block_until, "other invoices keep climbing")

    def test_promise_heard_on_the_phone(self):
        overdue = self._invoice(self.partner_a, 800.0, "2026-02-01")
        self._invoice(self.partner_a, 200.0, "2026-04-30")
        with freeze_time("2026-03-01"):
            action = self.partner_a.with_user(self.accountant).action_recovery_promise()
            promise = (
                self.env["recovery.promise"]
                .with_user(self.accountant)
                .with_context(**action["context"])
                .create({"date": "2026-03-15"})
            )
        self.assertEqual(promise.move_ids, overdue, "the overdue invoices")
        self.assertEqual((promise.source, promise.amount), ("phone", 800.0))
        self.assertEqual(promise.user_id, self.accountant)

    def test_promise_kept_when_paid(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-02-01")
        promise = self._promise(invoice, "2026-03-01")
        self._pay(invoice, 1200.0, "2026-03-09")
        self._trigger(self.cron, "2026-03-09")
        self.assertEqual(promise.state, "kept")
        self.assertFalse(invoice.recovery_block_until)
        self.assertIn("tenue", promise.message_ids[0].body)

    def test_partial_promise_kept_by_its_amount(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-02-01")
        promise = self._promise(invoice, "2026-03-01", amount=500.0)
        self._pay(invoice, 500.0, "2026-03-10")
        self._trigger(self.cron, "2026-03-10")
        self.assertEqual(promise.state, "open", "checked at the grace date")
        self._trigger(self.cron, "2026-03-14")
        self.assertEqual(promise.state, "kept")

    def test_promise_broken_after_grace_days(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-02-01")
        promise = self._promise(invoice, "2026-03-01")
        self._trigger(self.cron, "2026-03-13")
        self.assertEqual(promise.state, "open", "the last grace day still counts")
        self._trigger(self.cron, "2026-03-14")
        self.assertEqual(promise.state, "broken")
        self.assertFalse(invoice.recovery_block_until, "the ladder resumes")
        self.assertIn("rompue", invoice.message_ids[0].body)
        activity = promise.activity_ids
        self.assertEqual(activity.user_id, self.accountant)
        # Twice: nothing more happens.
        self._trigger(self.cron, "2026-03-14")
        self.assertEqual(len(promise.activity_ids), 1)

    def test_cron_is_bounded(self):
        invoices = [
            self._invoice(self.partner_a, 100.0 + i, "2026-02-01") for i in range(3)
        ]
        promises = self.env["recovery.promise"]
        for invoice in invoices:
            promises |= self._promise(invoice, "2026-03-01")
        with freeze_time("2026-03-20"):
            self.env["recovery.promise"]._cron_check_promises(batch_size=2)
        self.assertEqual(promises.mapped("state").count("broken"), 2)
        with freeze_time("2026-03-20"):
            self.env["recovery.promise"]._cron_check_promises(batch_size=2)
        self.assertEqual(set(promises.mapped("state")), {"broken"})

    def test_cancel_lifts_the_pause_but_not_another_promise(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-02-01")
        first = self._promise(invoice, "2026-03-01", date="2026-03-20")
        second = self._promise(invoice, "2026-03-01", date="2026-03-05", amount=100.0)
        self.assertEqual(invoice.recovery_block_until, d("2026-03-23"))
        first.with_user(self.accountant).action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(invoice.recovery_block_until, second.grace_date)

    def test_amount_checked_and_evidence_kept(self):
        invoice = self._invoice(self.partner_a, 1200.0, "2026-02-01")
        with self.assertRaises(ValidationError):
            self._promise(invoice, "2026-03-01", amount=1500.0)
        with self.assertRaises(ValidationError):
            self._promise(invoice, "2026-03-01", partner_id=self.partner_b.id)
        promise = self._promise(invoice, "2026-03-01")
        with self.assertRaises(UserError):
            promise.sudo().unlink()

    def test_other_company_promises_are_hidden(self):
        other = self.setup_other_company(name="Filiale Lyon")["company"]
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01", company=other)
        promise = (
            self.env["recovery.promise"]
            .with_company(other)
            .create(
                {
                    "partner_id": self.partner_a.id,
                    "move_ids": [Command.set(invoice.ids)],
                    "date": "2026-03-10",
                    "company_id": other.id,
                }
            )
        )
        Promise = self.env["recovery.promise"].with_user(self.accountant)
        self.assertFalse(Promise.search([]))
        with self.assertRaises(AccessError):
            promise.with_user(self.accountant).read(["state"])


@tagged("post_install", "-at_install")
class TestBlockUntil(RecoveryCommon):
    """Pause jusqu'à une date, levée et tracée par le cron suivant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.accountant.groups_id += cls.env.ref("base.group_partner_manager")
        cls.lift_cron = cls.env.ref("recouvrement_fr.ir_cron_recovery_lift_blocks")

    def test_pauses_lifted_the_day_after_and_logged(self):
        invoice = self._invoice(self.partner_a, 500.0, "2026-02-01")
        invoice.with_user(self.accountant).write(
            {
                "recovery_block_until": "2026-03-10",
                "recovery_block_until_reason": "Attente avoir",
            }
        )
        self.partner_b.with_user(self.accountant).write(
            {
                "recovery_block_until": "2026-03-11",
                "recovery_block_until_reason": "Litige commercial",
            }
        )
        with freeze_time("2026-03-10"):
            self.lift_cron.method_direct_trigger()
        self.assertEqual(invoice.recovery_block_until, d("2026-03-10"))
        with freeze_time("2026-03-11"):
            self.lift_cron.method_direct_trigger()
        self.assertFalse(invoice.recovery_block_until)
        self.assertFalse(invoice.recovery_block_until_reason)
        self.assertIn("Attente avoir", invoice.message_ids[0].body)
        self.assertIn("relances reprennent", invoice.message_ids[0].body)
        self.assertEqual(self.partner_b.recovery_block_until, d("2026-03-11"))
        with freeze_time("2026-03-12"):
            self.lift_cron.method_direct_trigger()
        self.assertFalse(self.partner_b.recovery_block_until)
        self.assertIn("Litige commercial", self.partner_b.message_ids[0].body)

    def test_invoice_shows_the_customer_pause(self):
        invoice = self._invoice(self.partner_a, 500.0, "2026-02-01")
        self.partner_a._recovery_set_block(d("2026-03-11"), "Client en congés")
        self.assertEqual(invoice.recovery_partner_block_until, d("2026-03-11"))
        self.assertEqual(
            invoice.recovery_partner_block_until_reason, "Client en congés"
        )
