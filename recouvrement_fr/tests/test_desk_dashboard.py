# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import RecoveryCommon


class DeskCommon(RecoveryCommon):
    """Known data for the desk screens, ageing date 31 March 2026.

    ========  ========  ==========  ====================================  =====
    invoice   customer  due date    history                               open
    ========  ========  ==========  ====================================  =====
    inv_a1    A         2026-01-10  litigation (contentieux)              1000
    inv_b0    B         2026-02-01  paid in full on 2026-02-11 (10 late)     0
    inv_b1    B         2026-03-01  amicable, 500 paid on 2026-03-20      1500
    inv_b2    B         2026-03-31  not due                                400
    inv_lyon  A         2026-03-01  other company "Filiale Lyon"           250
    ========  ========  ==========  ====================================  =====

    Recovery responsible: the accountant Sophie (company) for A, Paul for B.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.other = cls.setup_other_company(name="Filiale Lyon")["company"]
        cls.paul = new_test_user(
            cls.env,
            login="paul.recouvrement",
            name="Paul Durand",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        a, b = cls.partner_a, cls.partner_b
        a.phone = "+33 4 72 00 00 01"
        b.recovery_user_id = cls.paul
        cls.inv_a1 = cls._invoice(a, 1000.0, "2026-01-10")
        cls.inv_a1.recovery_stage = "contentieux"
        cls.inv_b0 = cls._invoice(b, 300.0, "2026-02-01")
        cls.inv_b1 = cls._invoice(b, 2000.0, "2026-03-01")
        cls.inv_b1.recovery_stage = "amiable"
        cls.inv_b2 = cls._invoice(b, 400.0, "2026-03-31")
        cls.inv_lyon = cls._invoice(a, 250.0, "2026-03-01", company=cls.other)

    def setUp(self):
        super().setUp()
        self._pay(self.inv_b0, 300.0, "2026-02-11")
        self._pay(self.inv_b1, 500.0, "2026-03-20")

    def _as_accountant(self, model, companies=None):
        companies = companies or self.company
        return (
            self.env[model]
            .with_user(self.accountant)
            .with_context(allowed_company_ids=companies.ids, lang=self.accountant.lang)
        )


@tagged("post_install", "-at_install")
class TestDeskDashboard(DeskCommon):
    """Le tableau de bord pleine largeur : un appel, des chiffres justes."""

    @freeze_time("2026-03-31")
    def test_dashboard_figures(self):
        data = self._as_accountant("recovery.dashboard").recovery_dashboard_data()
        kpis = data["kpis"]
        self.assertEqual(kpis["receivable"], 2900.0)
        self.assertEqual(kpis["overdue"], 2500.0)
        self.assertEqual(kpis["overdue_count"], 2)
        # Sales of the last 90 days: 300 + 2000 + 400 + 1000.
        self.assertEqual(kpis["sales"], 3700.0)
        self.assertEqual(kpis["dso"], round(2900.0 / 3700.0 * 90, 1))
        self.assertEqual(kpis["recovered"], 500.0, "inv_b0 was not in recovery")
        self.assertEqual((kpis["contentieux"], kpis["contentieux_count"]), (1000, 1))
        self.assertEqual((kpis["plan"], kpis["plan_count"]), (0, 0))
        buckets = {bucket["key"]: bucket["amount"] for bucket in data["ageing"]}
        self.assertEqual(
            buckets,
            {
                "not_due": 400.0,
                "1_30": 1500.0,
                "31_60": 0.0,
                "61_90": 1000.0,
                "90_plus": 0.0,
            },
        )
        # French labels for Sophie.
        self.assertEqual(data["ageing"][0]["label"], "Non échu")

    @freeze_time("2026-03-31")
    def test_dashboard_trend_top_and_responsibles(self):
        data = self._as_accountant("recovery.dashboard").recovery_dashboard_data()
        trend = data["trend"]
        self.assertEqual(len(trend), 12)
        self.assertEqual(trend[-1]["date"], "2026-03-31")
        self.assertEqual(trend[-1]["overdue"], 2500.0)
        february = trend[-2]
        self.assertEqual(february["date"], "2026-02-28")
        # On 28 February: inv_a1 overdue, inv_b0 paid, inv_b1 not invoiced yet.
        self.assertEqual(february["overdue"], 1000.0)
        self.assertEqual(february["dso"], round(1000.0 / 1300.0 * 90, 1))
        self.assertEqual(trend[0]["overdue"], 0.0)
        top = [(row["partner_id"], row["overdue"]) for row in data["top_debtors"]]
        self.assertEqual(
            top, [(self.partner_b.id, 1500.0), (self.partner_a.id, 1000.0)]
        )
        people = {row["name"]: row["overdue"] for row in data["responsibles"]}
        self.assertEqual(people, {"Paul Durand": 1500.0, "Sophie Martin": 1000.0})

    @freeze_time("2026-03-31")
    def test_dashboard_companies(self):
        """The allowed companies only; both when both are allowed."""
        self.accountant.company_ids |= self.other
        both = self.company | self.other
        data = self._as_accountant("recovery.dashboard", both).recovery_dashboard_data()
        self.assertEqual(data["kpis"]["receivable"], 3150.0)
        action = self._as_accountant("recovery.dashboard").recovery_dashboard_action(
            "overdue"
        )
        self.assertIn(("company_id", "in", self.company.ids), action["domain"])
