# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DSO and average days late, against figures computed by hand."""

from datetime import date

from recouvrement_core.dso import average_days_late, countback_dso, simple_dso

TODAY = date(2026, 3, 31)


def test_company_simple_method():
    # 2 900 owed, 3 700 sold over 90 days: 2900 / 3700 × 90 = 70.54… → 70.5
    assert simple_dso(2900, 3700) == 70.5
    # 1 000 owed, 4 000 sold over 30 days: 1000 / 4000 × 30 = 7.5
    assert simple_dso(1000, 4000, days=30) == 7.5


def test_simple_method_undefined_without_sales():
    assert simple_dso(0, 0) == 0.0, "nothing owed: 0 days"
    assert simple_dso(6063, 0) is None, "owed but nothing sold: undefined, not 0"


def test_customer_who_never_paid():
    """One invoice of 6 063 € of 15 December 2025 (due 14 January, 76 days
    late on 31 March), nothing paid: the receivable is the sales of the days
    from 31 March back to 15 December: 31 (March) + 28 + 31 + 17 = 107,
    the 15 December counting whole (6063 / 6063)."""
    sales = [(date(2025, 12, 15), 6063.0)]
    assert countback_dso(6063.0, sales, TODAY) == 107.0
    # Its lateness: due 14 January, 31 March: 17 + 28 + 31 = 76 days.
    assert average_days_late([], [date(2026, 1, 14)], TODAY) == 76.0


def test_customer_under_a_plan():
    """Invoices of 1 000 € (20 December 2025) and 500 € (19 February 2026),
    300 € paid by the plan's first instalment: 1 200 € owed. Counting back:
    the 500 € of 19 February (day 41: 31 March is day 1) is not enough, 700
    of the 1 000 € of 20 December (day 102) are needed: 101 whole days
    + 700 / 1000 = 101.7. The plan's credit-free arithmetic stays bounded."""
    sales = [(date(2025, 12, 20), 1000.0), (date(2026, 2, 19), 500.0)]
    assert countback_dso(1200.0, sales, TODAY) == 101.7
    # Simple method on 90 days for comparison: only the 500 € are in the
    # window: 1200 / 500 × 90 = 216 days, the figure the screen no longer uses.
    assert simple_dso(1200.0, 500.0) == 216.0


def test_countback_edges():
    assert countback_dso(0, [(TODAY, 100.0)], TODAY) == 0.0
    # An invoice of today that is the whole receivable: day 1, whole.
    assert countback_dso(100.0, [(TODAY, 100.0)], TODAY) == 1.0
    # Half of today's invoice: half a day.
    assert countback_dso(50.0, [(TODAY, 100.0)], TODAY) == 0.5
    # Two invoices on the same day add up; credit notes and future ones ignored.
    sales = [(TODAY, 60.0), (TODAY, 40.0), (TODAY, -30.0), (date(2026, 4, 2), 9.0)]
    assert countback_dso(100.0, sales, TODAY) == 1.0
    # Owed more than ever sold: undefined.
    assert countback_dso(500.0, [(TODAY, 100.0)], TODAY) is None


def test_average_days_late():
    # Paid 10 days late, paid early (0), one open 30 days late: (10+0+30)/3.
    settled = [
        (date(2026, 2, 1), date(2026, 2, 11)),
        (date(2026, 2, 1), date(2026, 1, 25)),
    ]
    overdue = [date(2026, 3, 1), date(2026, 3, 31)]  # the second not late yet
    assert average_days_late(settled, overdue, TODAY) == 13.3
    assert average_days_late([], [], TODAY) is None
