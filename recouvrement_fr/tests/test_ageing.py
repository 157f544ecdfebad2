# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import RecoveryCommon, d

BUCKETS = (
    "amount_not_due",
    "amount_1_30",
    "amount_31_60",
    "amount_61_90",
    "amount_90_plus",
    "amount_unapplied",
)


def ageing(not_due=0, d30=0, d60=0, d90=0, over=0, unapplied=0):
    """Expected row of the ageing balance, its total included."""
    values = dict(zip(BUCKETS, (not_due, d30, d60, d90, over, unapplied), strict=True))
    values["amount_residual"] = sum(values.values())
    return values


@tagged("post_install", "-at_install")
class TestAgeing(RecoveryCommon):
    """La balance âgée et le DSO, recalculés à la main.

    Ageing date: 31 March 2026. Company "main" (EUR):

    ============  ========  ==========  ===================================  ========
    document      customer  due date    history                              open
    ============  ========  ==========  ===================================  ========
    INV1 1000     A         2026-03-20  level e-mail                          1000
    INV2 2000     A         2026-01-15  paid 500 on 02-10, 1500 on 04-10      1500
    INV3  800     A         2025-12-01  contentieux                            800
    RF1  -300     A         2026-03-05  credit note, not matched              -300
    INV5  600     A         2026-04-24  invoiced 03-25, 30 days                600
    INV6  500     B         2026-02-20  payment plan, paid 100 on 03-10        400
    INV7  700     B         2026-03-01  amicable, paid in full on 03-15          0
    INV9  100     B         2021-05-15  prescribed on 2026-05-15               100
    PAY  -200     B         2026-03-28  not matched before INV8 (unapplied)   -200
    INV8  300     B         2026-04-05  after the ageing date; PAY applied       -
    ============  ========  ==========  ===================================  ========

    Company "Filiale Lyon": INV 250 of A due 2026-03-01.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.setup_other_company(name="Filiale Lyon")["company"]
        cls.accountant = new_test_user(
            cls.env,
            login="credit_manager",
            groups="account.group_account_invoice,base.group_allow_export",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        a, b = cls.partner_a, cls.partner_b
        cls.inv1 = cls._invoice(a, 1000.0, "2026-03-20")
        cls.inv1.recovery_level_id = cls.level_email
        cls.inv2 = cls._invoice(a, 2000.0, "2026-01-15")
        cls.inv2.recovery_level_id = cls.level_letter
        cls.inv3 = cls._invoice(a, 800.0, "2025-12-01")
        cls.inv3.recovery_stage = "contentieux"
        cls.rf1 = cls._invoice(a, 300.0, "2026-03-05", move_type="out_refund")
        cls.pay_terms_30 = cls.env.ref("account.account_payment_term_30days")
        cls.inv5 = cls._invoice(a, 600.0, "2026-03-25", due=True)
        cls.inv6 = cls._invoice(b, 500.0, "2026-02-20")
        cls.inv6.recovery_stage = "payment_plan"
        cls.inv7 = cls._invoice(b, 700.0, "2026-03-01")
        cls.inv7.recovery_stage = "amiable"
        cls.inv9 = cls._invoice(b, 100.0, "2021-05-15")
        cls.inv8 = cls._invoice(b, 300.0, "2026-04-05")
        cls.inv_lyon = cls._invoice(a, 250.0, "2026-03-01", company=cls.other)

    @classmethod
    def _invoice(
        cls, partner, amount, invoice_date, company=None, move_type=None, due=False
    ):
        """A posted invoice or credit note, due 30 days later if ``due``."""
        if not (move_type or due):
            return super()._invoice(partner, amount, invoice_date, company=company)
        company = company or cls.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type or "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": invoice_date,
                    "invoice_payment_term_id": (
                        cls.pay_terms_30 if due else cls.pay_terms_a
                    ).id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Prestation",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    def setUp(self):
        super().setUp()
        self._pay(self.inv2, 500.0, "2026-02-10")
        self._pay(self.inv2, 1500.0, "2026-04-10")
        self._pay(self.inv6, 100.0, "2026-03-10")
        self._pay(self.inv7, 700.0, "2026-03-15")
        with freeze_time("2026-03-28"):
            self.unapplied = self.env["account.payment"].create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.partner_b.id,
                    "amount": 200.0,
                    "date": "2026-03-28",
                    "journal_id": self.company_data["default_journal_bank"].id,
                }
            )
            self.unapplied.action_post()
        # Later, the 200 received are matched with INV8 (dated 04-05).
        (self.inv8 + self.unapplied.move_id).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()

    def _totals(self, at_date, user=None, groupby=("partner_id",), company=None):
        model = self.env["recovery.ageing"]
        if user:
            model = model.with_user(user)
        company = company or self.company
        totals = model._recovery_totals(
            list(groupby), [("company_id", "=", company.id)], d(at_date)
        )
        return {
            key: {name: values[name] for name in (*BUCKETS, "amount_residual")}
            for key, values in totals.items()
        }

    # ------------------------------------------------------------
    # AGEING BALANCE
    # ------------------------------------------------------------

    def test_data_is_what_the_scenario_says(self):
        self.assertEqual(self.inv2.payment_state, "paid")
        self.assertEqual(self.inv7.recovery_stage, "recovered")
        self.assertEqual(self.inv6.amount_residual, 400.0)
        self.assertTrue(self.unapplied.move_id, "the payment has its journal entry")
        self.assertEqual(self.inv5.invoice_date_due, d("2026-04-24"))
        self.assertEqual(self.rf1.amount_total_signed, -300.0)

    def test_buckets_by_customer_at_the_end_of_march(self):
        totals = self._totals("2026-03-31", user=self.accountant)
        self.assertEqual(
            totals,
            {
                # INV5 not due; INV1 1000 - RF1 300; INV2 1500 of 2000 (the
                # April payment does not count yet); INV3.
                self.partner_a: ageing(
                    not_due=600.0, d30=700.0, d90=1500.0, over=800.0
                ),
                # INV6 400; INV9; the 200 received and not matched.
                self.partner_b: ageing(d60=400.0, over=100.0, unapplied=-200.0),
            },
        )

    def test_buckets_move_with_the_date(self):
        # Before the first payment of INV2, and before INV1, RF1, INV5...
        self.assertEqual(
            self._totals("2026-02-09"),
            {
                self.partner_a: ageing(d30=2000.0, d90=800.0),
                self.partner_b: ageing(over=100.0),
            },
        )
        # INV2 is paid on 04-10; INV8 (04-05) appears, less the 200 received
        # on 03-28 and matched with it; everything ages a month.
        self.assertEqual(
            self._totals("2026-04-30"),
            {
                self.partner_a: ageing(d30=600.0, d60=700.0, over=800.0),
                self.partner_b: ageing(d30=100.0, d90=400.0, over=100.0),
            },
        )

    def test_one_line_per_open_receivable_line(self):
        lines = (
            self.env["recovery.ageing"]
            .with_user(self.accountant)
            .with_context(recovery_ageing_date="2026-03-31")
            .search([("partner_id", "=", self.partner_a.id)])
        )
        self.assertEqual(
            {
                (line.move_id, line.kind, line.bucket, line.days_overdue)
                for line in lines
            },
            {
                (self.inv5, "invoice", "not_due", -24),
                (self.inv1, "invoice", "1_30", 11),
                (self.rf1, "refund", "1_30", 26),
                (self.inv2, "invoice", "61_90", 75),
                (self.inv3, "invoice", "90_plus", 120),
            },
        )
        inv2 = lines.filtered(lambda line: line.move_id == self.inv2)
        self.assertEqual(inv2.amount_residual, 1500.0)
        self.assertEqual(inv2.amount_61_90, 1500.0)
        self.assertEqual(inv2.amount_1_30, 0.0)
        self.assertEqual(inv2.recovery_level_id, self.level_letter)
        # Today INV2 is paid: it leaves the balance.
        with freeze_time("2026-05-01"):
            today = self.env["recovery.ageing"].search([("move_id", "=", self.inv2.id)])
        self.assertFalse(today)

    def test_open_amount_is_balance_less_matchings_up_to_the_date(self):
        """The SQL agrees with the definition, computed line by line, every week."""
        receivable = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
        at_date = d("2026-01-01")
        while at_date <= d("2026-05-15"):
            expected = {}
            for line in receivable.filtered(lambda aml, day=at_date: aml.date <= day):
                as_credit = line.matched_debit_ids.filtered(
                    lambda p, day=at_date: p.max_date <= day
                )
                as_debit = line.matched_credit_ids.filtered(
                    lambda p, day=at_date: p.max_date <= day
                )
                amount = (
                    line.balance
                    - sum(as_debit.mapped("amount"))
                    + sum(as_credit.mapped("amount"))
                )
                if not self.company.currency_id.is_zero(amount):
                    expected[line.id] = amount
            # The ORM caches a line's amounts whatever the date it was read at.
            self.env["recovery.ageing"].invalidate_model()
            lines = (
                self.env["recovery.ageing"]
                .with_context(recovery_ageing_date=at_date)
                .search([("company_id", "=", self.company.id)])
            )
            self.assertEqual(
                {line.id: line.amount_residual for line in lines}, expected, at_date
            )
            at_date += timedelta(days=7)

    def test_companies_are_apart(self):
        both = self.env["recovery.ageing"]._recovery_totals(
            ["company_id"],
            [("company_id", "in", (self.company + self.other).ids)],
            d("2026-03-31"),
        )
        self.assertEqual(both[self.company]["amount_residual"], 3900.0)
        self.assertEqual(both[self.other]["amount_1_30"], 250.0)
        self.assertEqual(both[self.other]["amount_residual"], 250.0)
        # The accountant of the main company does not see Lyon's receivables.
        self.assertEqual(
            self._totals("2026-03-31", self.accountant, company=self.other), {}
        )
        self.assertFalse(
            self.env["recovery.ageing"]
            .with_user(self.accountant)
            .search([("move_id", "=", self.inv_lyon.id)])
        )

    # ------------------------------------------------------------
    # KPIS
    # ------------------------------------------------------------

    def test_dashboard_at_the_end_of_march(self):
        card = (
            self.env["recovery.dashboard"]
            .with_user(self.accountant)
            .with_context(recovery_ageing_date="2026-03-31")
            .search([])
        )
        self.assertEqual(card.company_id, self.company, "own company only")
        # Sales TTC from 2026-01-02 to 03-31: INV1 1000 + INV2 2000 - RF1 300
        # + INV5 600 + INV6 500 + INV7 700 = 4500 (INV3, INV9 older, INV8 later).
        # DSO = 3900 / 4500 x 90 = 78.0 days.
        self.assertRecordValues(
            card,
            [
                {
                    "date": d("2026-03-31"),
                    "receivable_amount": 3900.0,
                    "not_due_amount": 600.0,
                    "amount_1_30": 700.0,
                    "amount_31_60": 400.0,
                    "amount_61_90": 1500.0,
                    "amount_90_plus": 900.0,
                    "unapplied_amount": -200.0,
                    # Credit note RF1 counts against the 1-30 days column;
                    # overdue invoices: INV1, INV2, INV3, INV6, INV9.
                    "overdue_amount": 3500.0,
                    "overdue_count": 5,
                    "sales_amount": 4500.0,
                    "dso": 78.0,
                    # March payments on invoices in recovery: INV6 100, INV7 700.
                    "recovered_month_amount": 800.0,
                    "payment_plan_amount": 400.0,
                    "payment_plan_count": 1,
                    "contentieux_amount": 800.0,
                    "contentieux_count": 1,
                    # INV9: due 2021-05-15, time-barred on 2026-05-15.
                    "prescription_amount": 100.0,
                    "prescription_count": 1,
                }
            ],
        )
        action = card.action_open_payment_plans()
        self.assertEqual(action["context"]["recovery_ageing_date"], "2026-03-31")
        plans = (
            self.env["recovery.ageing"]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(plans.move_id, self.inv6)

    def test_dashboard_of_each_company(self):
        self.env.user.company_ids += self.other
        cards = (
            self.env["recovery.dashboard"]
            .with_context(
                recovery_ageing_date="2026-03-31",
                allowed_company_ids=(self.company + self.other).ids,
            )
            .search([])
        )
        lyon = cards.filtered(lambda card: card.company_id == self.other)
        main = cards - lyon
        self.assertEqual(main.receivable_amount, 3900.0)
        # 250 open / 250 invoiced over 90 days x 90.
        self.assertEqual((lyon.receivable_amount, lyon.dso), (250.0, 90.0))
        self.assertEqual(lyon.overdue_count, 1)

    def test_overdue_per_recovery_level_and_stage(self):
        rows = (
            self.env["recovery.ageing"]
            .with_context(recovery_ageing_date="2026-03-31")
            ._read_group(
                [("company_id", "=", self.company.id), ("amount_overdue", "!=", 0)],
                ["recovery_level_id", "recovery_stage"],
                ["amount_overdue:sum", "overdue_count:sum"],
            )
        )
        self.assertEqual(
            {(level, stage): (amount, count) for level, stage, amount, count in rows},
            {
                (self.level_email, "none"): (1000.0, 1),
                (self.level_letter, "none"): (1500.0, 1),
                (self.env["recovery.level"], "none"): (-200.0, 1),  # RF1, INV9
                (self.env["recovery.level"], "contentieux"): (800.0, 1),
                (self.env["recovery.level"], "payment_plan"): (400.0, 1),
            },
        )

    def test_customer_form_figures(self):
        partners = (self.partner_a + self.partner_b).with_user(self.accountant)
        partners = partners.with_context(recovery_ageing_date="2026-03-31")
        # The customer's DSO counts back its invoices (core/dso.py) from 31 March:
        # A: 3600 open = INV5 600 (25 March) + INV1 1000 (20 March) + all of
        #    INV2 2000 (15 January, 75 days back): 75 + 2000/2000 = 76.0 days.
        # B: 300 open, within INV7 700 of 1 March (30 days back):
        #    30 + 300/700 = 30.43 → 30.4 days.
        self.assertRecordValues(
            partners,
            [
                {
                    "recovery_open_amount": 3600.0,
                    "recovery_overdue_amount": 3000.0,
                    "recovery_overdue_count": 3,
                    "recovery_dso": 76.0,
                },
                {
                    "recovery_open_amount": 300.0,
                    "recovery_overdue_amount": 500.0,
                    "recovery_overdue_count": 2,
                    "recovery_dso": 30.4,
                },
            ],
        )
        action = partners[0].action_view_recovery_ageing()
        self.assertIn(("partner_id", "=", self.partner_a.id), action["domain"])

    # ------------------------------------------------------------
    # WIZARD, PDF, EXPORT
    # ------------------------------------------------------------

    def test_wizard_opens_prints_and_exports(self):
        wizard = (
            self.env["recovery.ageing.wizard"]
            .with_user(self.accountant)
            .create({"date": "2026-03-31"})
        )
        self.assertEqual(wizard.company_ids, self.company)
        action = wizard.action_open()
        self.assertEqual(action["res_model"], "recovery.ageing")
        self.assertEqual(action["context"]["recovery_ageing_date"], "2026-03-31")

        (section,) = wizard._recovery_report_data()
        self.assertEqual(section["company"], self.company)
        self.assertEqual(
            [row["partner"] for row in section["rows"]],
            [self.partner_a, self.partner_b],
        )
        self.assertEqual(section["total"]["amount_residual"], 3900.0)
        self.assertEqual(section["total"]["amount_90_plus"], 900.0)

        html = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html("recouvrement_fr.report_recovery_ageing", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Ageing balance on", html)
        self.assertIn(self.partner_a.name, html)
        self.assertIn("3,900.00", html)
        self.assertIn("Unapplied payments", html)
        self.assertEqual(wizard.action_print()["type"], "ir.actions.report")

        # What Odoo's standard export (XLSX too) reads.
        lines = (
            self.env["recovery.ageing"]
            .with_user(self.accountant)
            .with_context(recovery_ageing_date="2026-03-31")
            .search([("partner_id", "=", self.partner_b.id)], order="date_maturity")
        )
        exported = lines.export_data(
            [
                "partner_id",
                "move_id",
                "date_maturity",
                "amount_90_plus",
                "amount_residual",
            ]
        )["datas"]
        self.assertEqual(len(exported), 3)
        self.assertEqual(exported[0][3:], [100.0, 100.0])
