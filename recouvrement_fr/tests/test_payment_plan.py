# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestPaymentPlan(RecoveryCommon):
    """Un échéancier accordé au client : l'échelle de relance attend tant qu'il
    est respecté, et reprend à la mise en demeure dès qu'une échéance manque."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="comptable_plan",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.auditor = new_test_user(
            cls.env,
            login="auditeur_plan",
            groups="account.group_account_readonly",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.company.recovery_plan_grace_days = 5
        # A formal notice (after a broken plan) needs the debtor's address.
        cls.partner_a.write(
            {"street": "5 avenue Foch", "zip": "75016", "city": "Paris"}
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _wizard(self, moves, user=None, **values):
        """The wizard opened from the invoice list on ``moves``."""
        env = self.env(user=user or self.accountant)
        return (
            env["recovery.plan.wizard"]
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create(values)
        )

    def _agree(self, moves, on, **values):
        with freeze_time(on):
            wizard = self._wizard(moves, **values)
            action = wizard.action_confirm()
        return self.env["recovery.plan"].browse(action["res_id"])

    def _check(self, on):
        with freeze_time(on):
            return self.env["recovery.plan.check"]._check_plans(
                company_ids=self.company.ids
            )

    def _counts(self):
        return (
            self.env["recovery.plan"].search_count([]),
            self.env["recovery.plan.line"].search_count([]),
        )

    # ------------------------------------------------------------
    # the story of one plan
    # ------------------------------------------------------------

    def test_an_invoice_that_joined_the_plan_resumes_when_it_ends(self):
        """Rule 8: a new overdue invoice of a customer under a plan joins the
        plan's stage (no friendly e-mail); the plan cancelled, the nightly
        check gives it back to the ladder, which climbs from there."""
        inv1 = self._invoice(self.partner_a, 900.0, "2026-01-05")
        plan = self._agree(inv1, "2026-01-20", instalment_count=3)
        if plan.state == "draft":
            plan.action_activate()
        late = self._invoice(self.partner_a, 150.0, "2026-02-01")
        self._run("2026-02-02")
        self.assertEqual(late.recovery_stage, "payment_plan")
        self.assertFalse(late.recovery_event_ids)
        self._check("2026-02-03")
        self.assertEqual(late.recovery_stage, "payment_plan", "the plan runs")
        plan.action_cancel()
        self._check("2026-02-04")
        self.assertEqual(late.recovery_stage, "none")
        self._run("2026-02-05")
        self.assertEqual(late.recovery_event_ids.level_id, self.level_email)

    def test_plan_paused_then_broken_then_ladder_resumes(self):
        inv1 = self._invoice(self.partner_a, 900.0, "2026-01-05")
        inv2 = self._invoice(self.partner_a, 300.0, "2026-02-01")
        other = self._invoice(self.partner_b, 500.0, "2026-01-05")
        self._run("2026-03-02")
        self.assertEqual((inv1 | inv2).mapped("recovery_stage"), ["amiable"] * 2)

        # The accountant agrees a plan on the phone, previews it, confirms it.
        with freeze_time("2026-03-02"):
            form = Form(
                self.env["recovery.plan.wizard"]
                .with_user(self.accountant)
                .with_context(active_model="account.move", active_ids=(inv1 | inv2).ids)
            )
            self.assertEqual(form.partner_id, self.partner_a)
            self.assertEqual(form.amount_due, 1200.0)
            self.assertEqual(form.amount_total, 1200.0)
            form.down_payment = 200.0
            form.down_payment_date = d("2026-03-02")
            form.instalment_count = 3
            form.periodicity = "monthly"
            form.first_due_date = d("2026-03-31")
            self.assertFalse(form.error_message)
            self.assertIn("333.33", form.preview_html)
            self.assertIn("333.34", form.preview_html)
            self.assertIn("1,200.00", form.preview_html)
            wizard = form.save()
            action = wizard.action_confirm()
        plan = self.env["recovery.plan"].browse(action["res_id"])
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.partner_id, self.partner_a)
        self.assertEqual(plan.move_ids, inv1 | inv2)
        self.assertTrue(plan.name.startswith("PLAN/2026/"))
        self.assertEqual(
            [(line.date_due, line.amount) for line in plan.line_ids],
            [
                (d("2026-03-02"), 200.0),
                (d("2026-03-31"), 333.33),
                (d("2026-04-30"), 333.33),
                (d("2026-05-31"), 333.34),
            ],
        )
        self.assertEqual(plan.line_ids[0].down_payment, True)
        self.assertAlmostEqual(sum(plan.line_ids.mapped("amount")), 1200.0, places=2)
        self.assertEqual((inv1 | inv2).mapped("recovery_stage"), ["payment_plan"] * 2)
        self.assertEqual(inv1.recovery_plan_count, 1)
        self.assertEqual(self.partner_a.recovery_plan_count, 1)

        # The ladder goes on for the other customer and skips the plan's invoices.
        decided, _sent = self._run("2026-03-20")
        self.assertEqual(decided["events"], 1)
        self.assertEqual(other.recovery_level_id, self.level_phone)
        self.assertEqual(inv1.recovery_level_id, self.level_email)
        self.assertFalse(inv1.recovery_is_due)

        # Down payment on time, then the first instalment paid in two goes.
        self._pay(inv1, 200.0, "2026-03-02")
        self.assertEqual(plan.line_ids[0].state, "paid")
        self._pay(inv1, 100.0, "2026-03-31")
        line2 = plan.line_ids[1]
        self.assertEqual((line2.amount_paid, line2.state), (100.0, "pending"))
        with freeze_time("2026-04-02"):
            line2.invalidate_recordset(["is_late"])
            self.assertTrue(line2.is_late)
            plan.invalidate_recordset(["is_late"])
            self.assertTrue(plan.is_late)
        # Within the grace period: still running.
        self.assertEqual(self._check("2026-04-05")["broken"], 0)
        self.assertEqual(plan.state, "active")
        self._pay(inv1, 233.33, "2026-04-05")
        self.assertEqual(line2.state, "paid")
        self.assertEqual(plan.amount_paid, 533.33)
        self.assertEqual(plan.amount_residual, 666.67)
        self.assertEqual(len(plan.payment_ids), 3)
        self.assertEqual(plan.state, "active")

        # 30 April comes and goes: missed on 6 May, after the 5 grace days.
        self.assertEqual(self._check("2026-05-05")["broken"], 0)
        self.assertEqual(plan.state, "active")
        self.assertEqual(self._check("2026-05-06")["broken"], 1)
        self.assertEqual(plan.state, "broken")
        line3 = plan.line_ids[2]
        self.assertEqual(line3.state, "missed")
        self.assertEqual(plan.break_line_id, line3)
        self.assertEqual(plan.break_date, d("2026-05-06"))
        self.assertEqual(plan.resume_level_id, self.level_med)
        self.assertTrue(
            any("broken" in message.body for message in plan.message_ids),
            "the break is told in the plan's chatter",
        )
        self.assertTrue(any("broken" in m.body for m in inv2.message_ids))

        # The invoices are back on the ladder at the formal notice, which waits
        # for validation like any formal notice.
        notice = plan.break_event_id
        self.assertEqual(notice.level_id, self.level_med)
        self.assertEqual(notice.channel, self.level_med.channel)
        self.assertEqual(notice.state, "to_validate")
        self.assertEqual(notice.move_ids, inv1 | inv2)
        self.assertEqual(notice.partner_id, self.partner_a)
        self.assertEqual(notice.amount_residual, 666.67)
        self.assertIn(plan.name, notice.note)
        for inv in inv1 | inv2:
            self.assertEqual(inv.recovery_stage, "mise_en_demeure")
            self.assertEqual(inv.recovery_level_id, self.level_med)
            self.assertEqual(inv.recovery_last_date, d("2026-05-06"))

        # Running the check again changes nothing.
        self.assertEqual(self._check("2026-05-06")["broken"], 0)
        self.assertEqual(self._check("2026-06-10")["broken"], 0)
        self.assertEqual(
            len(
                inv1.recovery_event_ids.filtered(lambda e: e.level_id == self.level_med)
            ),
            1,
        )

        # The escalation resumes from the formal notice: litigation 15 days
        # after it, once the notice is validated and posted.
        decided, _sent = self._run("2026-05-07")
        self.assertEqual(inv1.recovery_level_id, self.level_med)
        decided, _sent = self._run("2026-05-21")
        self.assertEqual(inv1.recovery_level_id, self.level_med, "notice to validate")
        with freeze_time("2026-05-21"):
            notice.action_validate()
        self._post_letters(inv1, "2026-05-21")
        decided, _sent = self._run("2026-05-22")
        self.assertEqual(inv1.recovery_level_id, self.level_legal)
        self.assertEqual(inv1.recovery_stage, "contentieux")

    def test_plan_honoured_invoices_recovered(self):
        inv1 = self._invoice(self.partner_a, 400.0, "2026-01-05")
        inv2 = self._invoice(self.partner_a, 200.0, "2026-01-20")
        plan = self._agree(
            inv1 | inv2,
            "2026-02-10",
            split_mode="amount",
            instalment_amount=250.0,
            periodicity="custom",
            interval_days=14,
            first_due_date="2026-02-15",
        )
        self.assertEqual(
            [(line.date_due, line.amount) for line in plan.line_ids],
            [
                (d("2026-02-15"), 250.0),
                (d("2026-03-01"), 250.0),
                (d("2026-03-15"), 100.0),
            ],
        )
        self._pay(inv1, 250.0, "2026-02-14")
        self._check("2026-02-25")
        self._pay(inv1, 150.0, "2026-03-01")
        self._pay(inv2, 100.0, "2026-03-01")
        self._check("2026-03-05")
        self.assertEqual(plan.state, "active")
        self.assertEqual(inv1.recovery_stage, "recovered")
        self.assertEqual(inv2.recovery_stage, "payment_plan")
        self._pay(inv2, 100.0, "2026-03-16")
        self.assertEqual(plan.state, "honoured")
        self.assertEqual(plan.line_ids.mapped("state"), ["paid"] * 3)
        self.assertEqual(plan.amount_residual, 0.0)
        self.assertEqual((inv1 | inv2).mapped("recovery_stage"), ["recovered"] * 2)
        self.assertEqual(self._check("2026-06-01")["broken"], 0)
        self.assertEqual(plan.state, "honoured")

    def test_weekly_plan_and_cancel(self):
        inv = self._invoice(self.partner_a, 100.0, "2026-01-05")
        self._run("2026-01-06")
        plan = self._agree(
            inv,
            "2026-01-10",
            instalment_count=3,
            periodicity="weekly",
            first_due_date="2026-01-12",
        )
        self.assertEqual(plan.line_ids.mapped("amount"), [33.33, 33.33, 33.34])
        self.assertEqual(
            plan.line_ids.mapped("date_due"),
            [d("2026-01-12"), d("2026-01-19"), d("2026-01-26")],
        )
        plan.with_user(self.accountant).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        self.assertEqual(inv.recovery_stage, "amiable")
        # A cancelled plan no longer covers the invoice: a new one can.
        self._agree(inv, "2026-01-11", instalment_count=2, first_due_date="2026-02-01")

    def test_check_isolates_a_plan_that_fails(self):
        inv_a = self._invoice(self.partner_a, 100.0, "2026-01-05")
        inv_b = self._invoice(self.partner_b, 100.0, "2026-01-05")
        plan_a = self._agree(inv_a, "2026-02-01", first_due_date="2026-02-10")
        plan_b = self._agree(inv_b, "2026-02-01", first_due_date="2026-02-10")
        Plan = type(self.env["recovery.plan"])
        original = Plan._recovery_break_event_vals

        def event_vals(plan, *args):
            if plan == plan_a:
                raise UserError(plan.env._("printer on fire"))
            return original(plan, *args)

        with (
            patch.object(Plan, "_recovery_break_event_vals", event_vals),
            mute_logger("odoo.addons.recouvrement_fr.models.plan.recovery_plan_check"),
        ):
            stats = self._check("2026-02-20")
        self.assertEqual(stats, {"broken": 1, "failed": 1})
        self.assertEqual(plan_b.state, "broken")
        self.assertEqual(inv_b.recovery_stage, "mise_en_demeure")
        # The failing plan is left running, its invoices untouched, the error told.
        self.assertEqual(plan_a.state, "active")
        self.assertFalse(plan_a.line_ids.filtered("missed"))
        self.assertEqual(inv_a.recovery_stage, "payment_plan")
        self.assertIn("printer on fire", plan_a.message_ids[0].body)
        # The next run breaks it.
        self.assertEqual(self._check("2026-02-21"), {"broken": 1, "failed": 0})
        self.assertEqual(plan_a.state, "broken")

    # ------------------------------------------------------------
    # bad input: refused, nothing created
    # ------------------------------------------------------------

    def _assert_refused(self, wizard, message):
        before = self._counts()
        stages = wizard.move_ids.mapped("recovery_stage")
        with self.assertRaises(UserError) as error:
            wizard.action_confirm()
        self.assertIn(message, str(error.exception))
        self.assertEqual(self._counts(), before, "nothing half-created")
        self.assertEqual(wizard.move_ids.mapped("recovery_stage"), stages)
        return error.exception

    @freeze_time("2026-03-02")
    def test_bad_input_is_refused(self):
        inv = self._invoice(self.partner_a, 600.0, "2026-01-05")
        inv_b = self._invoice(self.partner_b, 100.0, "2026-01-05")
        Wizard = self.env["recovery.plan.wizard"].with_user(self.accountant)
        self._assert_refused(Wizard.create({}), "Select at least one invoice")
        self._assert_refused(
            self._wizard(inv | inv_b), "covers the invoices of one customer"
        )
        cases = [
            ({"down_payment": -10.0}, "cannot be negative"),
            ({"down_payment": 600.0}, "must be lower than the total"),
            ({"instalment_count": 0}, "at least one instalment"),
            ({"instalment_count": -3}, "at least one instalment"),
            ({"split_mode": "amount", "instalment_amount": 0.0}, "must be positive"),
            ({"split_mode": "amount", "instalment_amount": -50.0}, "must be positive"),
            ({"periodicity": "custom", "interval_days": 0}, "at least 1"),
            ({"first_due_date": "2026-03-01"}, "cannot be in the past"),
            (
                {"down_payment": 100.0, "down_payment_date": "2026-02-28"},
                "down payment date cannot be in the past",
            ),
            (
                {
                    "down_payment": 100.0,
                    "down_payment_date": "2026-05-01",
                    "first_due_date": "2026-04-01",
                },
                "on or before the first due date",
            ),
            ({"instalment_count": 60001}, "more than 500"),
            (
                {"split_mode": "amount", "instalment_amount": 0.01},
                "more than 500",
            ),
            ({"instalment_count": 30}, "24 months"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                self._assert_refused(self._wizard(inv, **values), message)
        # The preview shows the same error instead of failing.
        wizard = self._wizard(inv, instalment_count=0)
        self.assertIn("at least one instalment", wizard.error_message)
        self.assertFalse(wizard.preview_html)
        # Beyond 24 months is a warning: agreed when acknowledged.
        wizard = self._wizard(inv, instalment_count=30)
        self.assertIn("1343-5", wizard.long_plan_warning)
        self.assertFalse(wizard.error_message)
        wizard.accept_long_plan = True
        plan = self.env["recovery.plan"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(len(plan.line_ids), 30)
        self.assertAlmostEqual(sum(plan.line_ids.mapped("amount")), 600.0, places=2)
        # An invoice already covered by a running plan.
        self._assert_refused(self._wizard(inv), "already covered")

    @freeze_time("2026-03-02")
    def test_bad_selection_is_refused(self):
        small = self._invoice(self.partner_a, 1.0, "2026-01-05")
        self._assert_refused(
            self._wizard(small, instalment_count=150), "too many for the amount"
        )
        paid = self._invoice(self.partner_a, 50.0, "2026-01-05")
        self._pay(paid, 50.0, "2026-03-02")
        self._assert_refused(self._wizard(paid), "Nothing is left to pay")
        draft = self._invoice(self.partner_a, 50.0, "2026-01-05")
        draft.button_draft()
        self._assert_refused(self._wizard(draft), "Only posted customer invoices")
        # Several currencies.
        usd = self.setup_other_currency("CHF")
        foreign = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_a.id,
                "currency_id": usd.id,
                "invoice_date": "2026-01-05",
                "invoice_payment_term_id": self.pay_terms_a.id,
                "invoice_line_ids": [
                    Command.create({"name": "x", "price_unit": 80.0, "tax_ids": []})
                ],
            }
        )
        foreign.action_post()
        self._assert_refused(self._wizard(small | foreign), "in one currency")
        # Several companies (a user who works in both).
        other = self.setup_other_company(name="Filiale Lyon")["company"]
        remote = self._invoice(self.partner_a, 70.0, "2026-01-05", company=other)
        wizard = (
            self.env["recovery.plan.wizard"]
            .with_context(
                allowed_company_ids=[self.company.id, other.id],
                active_model="account.move",
                active_ids=(small | remote).ids,
            )
            .create({})
        )
        self._assert_refused(wizard, "of one company")

    # ------------------------------------------------------------
    # agreement, e-mail, buttons, access
    # ------------------------------------------------------------

    def test_agreement_pdf_and_email(self):
        self.company.write(
            {
                "recovery_signatory_name": "Jeanne Martin",
                "recovery_signatory_function": "Gérante",
            }
        )
        inv = self._invoice(self.partner_a, 1000.0, "2026-01-05")
        plan = self._agree(
            inv, "2026-02-02", instalment_count=4, first_due_date="2026-02-15"
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("recouvrement_fr.action_report_recovery_plan", plan.ids)[
                0
            ]
            .decode()
        )
        for text in (
            plan.name,
            inv.name,
            self.partner_a.name,
            "250.00",
            "02/15/2026",
            "05/15/2026",
            # Issue #21: the missed instalment only, then the whole balance
            # after a notice (déchéance du terme, not a termination "by
            # operation of law"), and the fate of penalties and the 40 EUR.
            "within 5 days of its due date, the creditor may claim that "
            "instalment only",
            "still unpaid 15 days after the receipt of this formal notice",
            "déchéance du terme",
            "are waived once every instalment has been paid on time",
            "The fixed recovery indemnity of 40 euros per invoice",
            "Read and approved",
            "Jeanne Martin",
        ):
            self.assertIn(text, html)
        self.assertNotIn("by operation of law", html)

        action = plan.with_user(self.accountant).action_send_agreement()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.accountant)
            .with_context(action["context"], mail_notify_force_send=False)
            .create({})
        )
        self.assertIn(plan.name, composer.subject)
        self.assertEqual(len(composer.attachment_ids), 1)
        composer._action_send_mail()
        mail = self.env["mail.mail"].search(
            [("model", "=", "recovery.plan"), ("res_id", "=", plan.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.partner_a)
        self.assertIn("250.00", mail.body_html)
        # The e-mail says what the agreement says (one source).
        self.assertIn("claim that instalment only", mail.body_html)
        self.assertIn("déchéance du terme", mail.body_html)
        self.assertIn("Echeancier", mail.attachment_ids.name)

    def test_buttons_and_customer_form(self):
        inv1 = self._invoice(self.partner_a, 100.0, "2026-01-05")
        inv2 = self._invoice(self.partner_a, 50.0, "2026-01-06")
        self._invoice(self.partner_b, 70.0, "2026-01-06")
        with freeze_time("2026-02-01"):
            action = self.partner_a.with_user(
                self.accountant
            ).action_recovery_plan_wizard()
            wizard = (
                self.env[action["res_model"]]
                .with_user(self.accountant)
                .with_context(**action["context"])
                .create({"first_due_date": "2026-02-10"})
            )
            self.assertEqual(wizard.move_ids, inv1 | inv2)
            self.assertEqual(wizard.amount_total, 150.0)
            plan = self.env["recovery.plan"].browse(wizard.action_confirm()["res_id"])
        action = inv1.action_view_recovery_plans()
        self.assertEqual(action["res_id"], plan.id)
        action = self.partner_a.action_view_recovery_plans()
        self.assertEqual(self.env["recovery.plan"].search(action["domain"]), plan)
        self.assertEqual(
            self.env.ref("recouvrement_fr.ir_cron_recovery_plan_check").code.strip(),
            "model._cron_check_plans()",
        )

    def test_access(self):
        inv = self._invoice(self.partner_a, 100.0, "2026-01-05")
        plan = self._agree(inv, "2026-02-01", first_due_date="2026-02-10")
        self.assertEqual(plan.with_user(self.auditor).amount_total, 100.0)
        self.assertEqual(len(plan.with_user(self.auditor).line_ids), 3)
        with self.assertRaises(AccessError):
            self._wizard(inv, user=self.auditor)
        with self.assertRaises(AccessError):
            plan.with_user(self.auditor).action_cancel()
        with self.assertRaises(AccessError):
            plan.with_user(self.accountant).unlink()
        other = self.setup_other_company(name="Filiale Lyon")["company"]
        outsider = new_test_user(
            self.env,
            login="comptable_lyon",
            groups="account.group_account_invoice",
            company_id=other.id,
            company_ids=[other.id],
        )
        with self.assertRaises(AccessError):
            plan.with_user(outsider).read(["amount_total"])
