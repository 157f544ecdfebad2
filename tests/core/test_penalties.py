# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Late-payment penalties (C. com. L441-10 II), hand-computed.

Convention: penalty days run from due date + 1 to ``until`` inclusive,
days = (until - due_date).days; a payment on day D still bears penalties on
D. Amount of a line = base × rate/100 × days / 365, rounded half up.
"""

from datetime import date
from decimal import Decimal

import pytest
from recouvrement_core import MissingRateError, RateTable, late_penalties, penalty_rate

D = Decimal


def lines_as_tuples(result):
    return [
        (line.date_from, line.date_to, line.days, line.base, line.rate, line.amount)
        for line in result.lines
    ]


def test_worked_example_of_the_law_notes(rates):
    # 2 400 € due 2024-05-15, paid 2024-08-14 (law notes, section 2):
    # 16 May-30 Jun: 46 days at 4.50 + 10 = 14.50 %:
    #   2400*14.5*46/36500 = 1600800/36500 = 43.8575 -> 43.86
    # 1 Jul-14 Aug: 45 days at 4.25 + 10 = 14.25 %:
    #   2400*14.25*45/36500 = 1539000/36500 = 42.1644 -> 42.16
    # total 86.02
    result = late_penalties(2400, date(2024, 5, 15), date(2024, 8, 14), rates)
    assert lines_as_tuples(result) == [
        (date(2024, 5, 16), date(2024, 6, 30), 46, D(2400), D("14.50"), D("43.86")),
        (date(2024, 7, 1), date(2024, 8, 14), 45, D(2400), D("14.25"), D("42.16")),
    ]
    assert result.total == D("86.02")
    assert result.days == 91
    # Same figure when the payment is given and the computation goes further:
    # the amount paid on 14 Aug accrues through 14 Aug, nothing after.
    paid = late_penalties(
        2400, date(2024, 5, 15), date(2024, 12, 31), rates, [(date(2024, 8, 14), 2400)]
    )
    assert paid == result


def test_one_half_year_default_rate(rates):
    # 1 000 € due 2023-03-10, computed on 2023-04-09: 11 Mar..9 Apr = 30 days.
    # 2023-H1: ECB on 1 Jan 2023 = 2.50 -> 12.50 %.
    # 1000 * 12.5 * 30 / 36500 = 375000 / 36500 = 10.2739... -> 10.27
    result = late_penalties(1000, date(2023, 3, 10), date(2023, 4, 9), rates)
    assert lines_as_tuples(result) == [
        (date(2023, 3, 11), date(2023, 4, 9), 30, D(1000), D("12.50"), D("10.27")),
    ]
    assert result.total == D("10.27")


def test_three_half_years_and_a_partial_payment(rates):
    # 5 000 € due 2023-05-31; 2 000 € paid on 2023-08-31; computed on 2024-01-15.
    # 1 Jun-30 Jun 2023: 30 d, 5000 at 12.50 (ECB 2.50 on 1 Jan 2023 + 10):
    #   5000*12.5*30/36500 = 1875000/36500 = 51.3698 -> 51.37
    # 1 Jul-31 Aug 2023: 31+31 = 62 d, 5000 at 14.00 (ECB 4.00 on 1 Jul 2023 + 10):
    #   5000*14*62/36500 = 4340000/36500 = 118.9041 -> 118.90
    # 1 Sep-31 Dec 2023: 30+31+30+31 = 122 d, 3000 at 14.00:
    #   3000*14*122/36500 = 5124000/36500 = 140.3835 -> 140.38
    # 1 Jan-15 Jan 2024: 15 d, 3000 at 14.50 (ECB 4.50 on 1 Jan 2024 + 10):
    #   3000*14.5*15/36500 = 652500/36500 = 17.8767 -> 17.88
    # total 51.37 + 118.90 + 140.38 + 17.88 = 328.53
    result = late_penalties(
        5000, date(2023, 5, 31), date(2024, 1, 15), rates, [(date(2023, 8, 31), 2000)]
    )
    assert lines_as_tuples(result) == [
        (date(2023, 6, 1), date(2023, 6, 30), 30, D(5000), D("12.50"), D("51.37")),
        (date(2023, 7, 1), date(2023, 8, 31), 62, D(5000), D("14.00"), D("118.90")),
        (date(2023, 9, 1), date(2023, 12, 31), 122, D(3000), D("14.00"), D("140.38")),
        (date(2024, 1, 1), date(2024, 1, 15), 15, D(3000), D("14.50"), D("17.88")),
    ]
    assert result.total == D("328.53")
    # Split at the payment date: before = 51.37 + 118.90 = 170.27,
    # after = 140.38 + 17.88 = 158.26, sum 328.53.
    before = late_penalties(
        5000, date(2023, 5, 31), date(2023, 8, 31), rates, [(date(2023, 8, 31), 2000)]
    )
    after = late_penalties(
        5000,
        date(2023, 5, 31),
        date(2024, 1, 15),
        rates,
        [(date(2023, 8, 31), 2000)],
        after=date(2023, 8, 31),
    )
    assert (before.total, after.total) == (D("170.27"), D("158.26"))
    assert before.total + after.total == result.total


def test_payment_day_still_bears_penalties(rates):
    # 1 000 € due 2024-07-10, paid in full on 2024-07-20: 11..20 Jul = 10 days
    # at 4.25 + 10 = 14.25 %: 1000*14.25*10/36500 = 142500/36500 = 3.9041 -> 3.90
    result = late_penalties(
        1000, date(2024, 7, 10), date(2024, 12, 31), rates, [(date(2024, 7, 20), 1000)]
    )
    assert lines_as_tuples(result) == [
        (date(2024, 7, 11), date(2024, 7, 20), 10, D(1000), D("14.25"), D("3.90")),
    ]


def test_payment_before_due_date_lowers_the_base(rates):
    # 1 000 € due 2024-07-10, 400 € paid on 2024-07-05, computed on 2024-07-20:
    # base 600 for 10 days at 14.25 %: 600*14.25*10/36500 = 85500/36500 = 2.3424 -> 2.34
    result = late_penalties(
        1000, date(2024, 7, 10), date(2024, 7, 20), rates, [(date(2024, 7, 5), 400)]
    )
    assert lines_as_tuples(result) == [
        (date(2024, 7, 11), date(2024, 7, 20), 10, D(600), D("14.25"), D("2.34")),
    ]


def test_several_payments_same_day_and_overpayment(rates):
    # 1 000 € due 2024-07-10; 300 + 300 paid on 2024-07-15, 900 on 2024-07-17.
    # 11..15 Jul: 5 d on 1000: 1000*14.25*5/36500 = 71250/36500 = 1.9520 -> 1.95
    # 16..17 Jul: 2 d on 400:  400*14.25*2/36500 = 11400/36500 = 0.3123 -> 0.31
    # from 18 Jul nothing is due (overpaid): total 2.26
    result = late_penalties(
        1000,
        date(2024, 7, 10),
        date(2024, 8, 31),
        rates,
        [(date(2024, 7, 17), 900), (date(2024, 7, 15), 300), (date(2024, 7, 15), 300)],
    )
    assert lines_as_tuples(result) == [
        (date(2024, 7, 11), date(2024, 7, 15), 5, D(1000), D("14.25"), D("1.95")),
        (date(2024, 7, 16), date(2024, 7, 17), 2, D(400), D("14.25"), D("0.31")),
    ]
    assert result.total == D("2.26")


def test_leap_year_still_counts_365(rates):
    # 1 000 € due 2024-01-31, contractual 20 %, computed on 2024-03-01:
    # 1 Feb..1 Mar 2024 = 29 + 1 = 30 days; 20 % > 3 * 5.07 = 15.21.
    # 1000*20*30/36500 = 600000/36500 = 16.4383 -> 16.44 (365 even in 2024)
    result = late_penalties(
        1000, date(2024, 1, 31), date(2024, 3, 1), rates, contractual_rate=20
    )
    assert lines_as_tuples(result) == [
        (date(2024, 2, 1), date(2024, 3, 1), 30, D(1000), D(20), D("16.44")),
    ]


def test_contractual_rate_below_floor_is_raised(rates):
    # Contractual 10 % in 2024-H1 < 3 * 5.07 = 15.21 % -> 15.21 %.
    # 1000*15.21*30/36500 = 456300/36500 = 12.5013 -> 12.50
    result = late_penalties(
        1000, date(2024, 1, 31), date(2024, 3, 1), rates, contractual_rate="10"
    )
    assert result.lines[0].rate == D("15.21")
    assert result.total == D("12.50")
    # 2020-H1: floor 3 * 0.87 = 2.61 %; a 2 % clause gives 2.61, 5 % stays 5.
    assert penalty_rate(rates, date(2020, 3, 1), D(2)) == D("2.61")
    assert penalty_rate(rates, date(2020, 3, 1), 5) == D(5)


def test_default_rate_is_ecb_plus_ten_without_floor(rates):
    # 2024-H1: ECB 4.50 + 10 = 14.50 %, below 3 * 5.07 = 15.21 %: the floor
    # bounds contractual clauses only (L441-10 II), the statutory rate stays.
    assert penalty_rate(rates, date(2024, 2, 1)) == D("14.50")
    # 2020-H2: ECB 0.00 + 10 = 10 %.
    assert penalty_rate(rates, date(2020, 9, 1)) == D(10)


def test_rounding_is_half_up_per_line(rates):
    # 2020-H1: 10 % (ECB 0 + 10). 18.25 € late 1 day:
    # 18.25*10*1/36500 = 0.005 exactly -> 0.01 half up (0.00 half even).
    result = late_penalties("18.25", date(2020, 1, 10), date(2020, 1, 11), rates)
    assert result.total == D("0.01")
    # 91.25 € late 1 day: 91.25*10/36500 = 0.025 -> 0.03 (0.02 half even).
    result = late_penalties("91.25", date(2020, 1, 10), date(2020, 1, 11), rates)
    assert result.total == D("0.03")


def test_nothing_before_first_penalty_day(rates):
    due = date(2024, 5, 15)
    for until in (date(2024, 5, 1), due):
        result = late_penalties(2400, due, until, rates)
        assert result.lines == ()
        assert result.total == D("0.00")
    # One day late: 2400*14.5*1/36500 = 0.9534 -> 0.95
    assert late_penalties(2400, due, date(2024, 5, 16), rates).total == D("0.95")
    # ``after`` earlier than the due date changes nothing.
    assert late_penalties(
        2400, due, date(2024, 8, 14), rates, after=date(2024, 1, 1)
    ).total == D("86.02")


def test_missing_rate_is_reported():
    table = RateTable(
        [
            ("ecb", date(2024, 6, 12), "4.25"),
            ("legal_other", date(2024, 1, 1), "5.07"),
            ("legal_other", date(2024, 7, 1), "4.92"),
        ]
    )
    with pytest.raises(MissingRateError) as info:
        late_penalties(100, date(2024, 5, 15), date(2024, 8, 14), table)
    # 2024-H1 needs the ECB rate in force on 1 Jan 2024, absent here.
    assert (info.value.kind, info.value.year, info.value.half) == ("ecb", 2024, 1)
    # A half-year whose legal rate is not entered yet is refused even without a
    # contractual rate: its rates were not updated.
    table = RateTable([("ecb", date(2023, 9, 20), "4.50")])
    with pytest.raises(MissingRateError) as info:
        late_penalties(100, date(2024, 5, 15), date(2024, 5, 20), table)
    expected = ("legal_other", 2024, 1)
    assert (info.value.kind, info.value.year, info.value.half) == expected
    table = RateTable([("ecb", date(2024, 6, 12), "4.25")])
    with pytest.raises(MissingRateError) as info:
        late_penalties(
            100, date(2024, 7, 15), date(2024, 8, 14), table, contractual_rate=12
        )
    assert (info.value.kind, info.value.half) == ("legal_other", 2)


def test_invalid_inputs(rates):
    with pytest.raises(ValueError):
        late_penalties(-1, date(2024, 5, 15), date(2024, 8, 14), rates)
    with pytest.raises(ValueError):
        late_penalties(
            1, date(2024, 5, 15), date(2024, 8, 14), rates, [(date(2024, 6, 1), -5)]
        )
    with pytest.raises(TypeError):
        late_penalties(True, date(2024, 5, 15), date(2024, 8, 14), rates)


def test_public_buyer_late_amount_is_moratory_interest():
    from recouvrement_core.penalties import late_charge_category

    # CCP R2192-31: "intérêts moratoires", not "pénalités".
    assert late_charge_category("public") == "moratory_interest"
    assert late_charge_category("business") == "late_penalties"
    assert late_charge_category("consumer") == "legal_interest"
    with pytest.raises(ValueError):
        late_charge_category("other")


def test_public_moratory_interest_hand_computed(rates):
    from recouvrement_core import public_late_interest

    # 5 000 € due 27 Feb 2026, paid 28 Apr 2026. Rate fixed for the whole
    # delay (R2192-31): ECB on 1 Jan 2026 2.15 + 8 = 10.15 %. Days: 28 Feb
    # + 31 (March) + 28 (April) = 60. 5000 x 10.15 % = 507.50;
    # x 60 / 365 = 83.4246... -> 83.42.
    result = public_late_interest(
        Decimal(5000), date(2026, 2, 27), date(2026, 4, 28), rates
    )
    assert (result.days, result.total) == (60, Decimal("83.42"))
    assert {line.rate for line in result.lines} == {Decimal("10.15")}
