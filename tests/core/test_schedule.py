# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payment-plan schedules: hand-computed examples and properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from recouvrement_core import schedule
from recouvrement_core.schedule import ScheduleError

D = Decimal
PRECISIONS = [D("0.01"), D("0.05"), D("1"), D("0.001")]


def amounts_of(instalments):
    return [i.amount for i in instalments]


# --- examples -----------------------------------------------------------------


def test_three_monthly_instalments_difference_on_the_last():
    plan = schedule.build_schedule(D("100.00"), date(2026, 1, 31), count=3)
    assert amounts_of(plan) == [D("33.33"), D("33.33"), D("33.34")]
    assert [i.due_date for i in plan] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    assert [i.sequence for i in plan] == [1, 2, 3]
    assert not any(i.down_payment for i in plan)


def test_down_payment_first_then_the_rest():
    plan = schedule.build_schedule(
        D("1000.00"),
        date(2026, 3, 1),
        count=4,
        down_payment=D("200"),
        down_payment_date=date(2026, 2, 10),
        periodicity="weekly",
    )
    assert amounts_of(plan) == [D("200.00"), D("200.00")] + [D("200.00")] * 3
    assert plan[0].down_payment and plan[0].due_date == date(2026, 2, 10)
    assert [i.due_date for i in plan[1:]] == [
        date(2026, 3, 1),
        date(2026, 3, 8),
        date(2026, 3, 15),
        date(2026, 3, 22),
    ]
    assert sum(amounts_of(plan)) == D("1000.00")


def test_fixed_amount_last_takes_what_is_left():
    plan = schedule.build_schedule(
        D("1000.00"),
        date(2026, 1, 1),
        amount=D("300"),
        periodicity="custom",
        interval_days=10,
    )
    assert amounts_of(plan) == [D("300.00")] * 3 + [D("100.00")]
    assert plan[-1].due_date == date(2026, 1, 31)


def test_fixed_amount_dividing_the_total():
    plan = schedule.build_schedule(D("900.00"), date(2026, 1, 1), amount=D("300"))
    assert amounts_of(plan) == [D("300.00")] * 3


def test_rounding_to_five_cents_and_whole_units():
    plan = schedule.build_schedule(
        D("100.00"), date(2026, 1, 1), count=3, rounding=D("0.05")
    )
    assert amounts_of(plan) == [D("33.30"), D("33.30"), D("33.40")]
    plan = schedule.build_schedule(D("1000"), date(2026, 1, 1), count=7, rounding=1)
    assert amounts_of(plan) == [D(142)] * 6 + [D(148)]


def test_float_inputs_as_odoo_gives_them():
    plan = schedule.build_schedule(
        1234.56, date(2026, 1, 1), count=5, down_payment=100.1, rounding=0.01
    )
    assert sum(amounts_of(plan)) == D("1234.56")
    assert plan[0].amount == D("100.10")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"total": 0, "count": 3}, "no_total"),
        ({"total": -5, "count": 3}, "no_total"),
        ({"total": 100, "count": 0}, "bad_count"),
        ({"total": 100, "count": -2}, "bad_count"),
        ({"total": 100, "count": 2.5}, "bad_count"),
        ({"total": 100, "amount": 0}, "bad_amount"),
        ({"total": 100, "amount": -10}, "bad_amount"),
        ({"total": 100}, "count_or_amount"),
        ({"total": 100, "count": 2, "amount": 50}, "count_or_amount"),
        ({"total": D("0.05"), "count": 10}, "amount_too_small"),
        ({"total": 100, "count": 2, "down_payment": -1}, "bad_down_payment"),
        ({"total": 100, "count": 2, "down_payment": 100}, "down_payment_too_high"),
        ({"total": 100, "count": 2, "periodicity": "yearly"}, "bad_periodicity"),
        ({"total": 100, "count": 2, "periodicity": "custom"}, "bad_interval"),
        (
            {"total": 100, "count": 2, "periodicity": "custom", "interval_days": 0},
            "bad_interval",
        ),
        ({"total": 1_000_000, "amount": D("0.01")}, "too_many"),
        ({"total": 100, "count": 2, "rounding": 0}, "bad_rounding"),
        (
            {
                "total": 100,
                "count": 2,
                "down_payment": 10,
                "down_payment_date": date(2026, 2, 2),
            },
            "down_payment_after_first_due",
        ),
    ],
)
def test_bad_input_is_refused_with_a_code(kwargs, code):
    total = kwargs.pop("total")
    with pytest.raises(ScheduleError) as error:
        schedule.build_schedule(total, date(2026, 2, 1), **kwargs)
    assert error.value.code == code


def test_grace_period_of_two_years():
    start = date(2026, 1, 15)
    assert not schedule.exceeds_grace_period(start, date(2028, 1, 15))
    assert schedule.exceeds_grace_period(start, date(2028, 1, 16))
    assert schedule.GRACE_PERIOD_MONTHS == 24


def test_allocation_in_due_date_order():
    allocated, left = schedule.allocate_payments(
        [D("100"), D("100"), D("50")], D("150")
    )
    assert allocated == [D("100"), D("50"), D("0")]
    assert left == D("0")
    allocated, left = schedule.allocate_payments([D("100"), D("50")], D("170"))
    assert allocated == [D("100"), D("50")]
    assert left == D("20")
    allocated, left = schedule.allocate_payments([D("100")], D("-3"))
    assert allocated == [D("0")] and left == D("0")


def test_missed_after_the_grace_days():
    plan = schedule.build_schedule(D("300"), date(2026, 3, 1), count=3)
    allocated, _left = schedule.allocate_payments(amounts_of(plan), D("150"))
    # Due 1 April, half paid: late from 2 April, missed from 7 April (5 days).
    assert schedule.missed_instalments(plan, allocated, date(2026, 4, 6), 5) == []
    assert schedule.missed_instalments(plan, allocated, date(2026, 4, 7), 5) == [1]
    assert schedule.missed_instalments(plan, allocated, date(2026, 4, 2), 0) == [1]
    assert schedule.missed_instalments(plan, allocated, date(2026, 5, 7), 5) == [1, 2]


# --- properties ---------------------------------------------------------------

precisions = st.sampled_from(PRECISIONS)
units = st.integers(min_value=1, max_value=10**9)
first_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
periodicities = st.sampled_from(["weekly", "monthly", "custom"])


def check_schedule(plan, total, precision, first_due):
    amounts = amounts_of(plan)
    assert sum(amounts) == total, "the sum is exactly the total"
    assert all(a >= precision for a in amounts), "no zero nor negative instalment"
    assert all(a % precision == 0 for a in amounts), "amounts in the precision"
    days = [i.due_date for i in plan]
    assert days == sorted(days), "ordered dates"
    assert [i.sequence for i in plan] == list(range(1, len(plan) + 1))
    assert all(i.due_date >= first_due for i in plan if not i.down_payment)


@given(
    total_units=units,
    count=st.integers(min_value=1, max_value=60),
    precision=precisions,
    first_due=first_dates,
    periodicity=periodicities,
    interval=st.integers(min_value=1, max_value=120),
)
def test_split_by_count(
    total_units, count, precision, first_due, periodicity, interval
):
    total = total_units * precision
    assume(total_units >= count)
    plan = schedule.build_schedule(
        total,
        first_due,
        count=count,
        periodicity=periodicity,
        interval_days=interval,
        rounding=precision,
    )
    assert len(plan) == count
    check_schedule(plan, total, precision, first_due)
    amounts = amounts_of(plan)
    # Equal instalments; the rounding difference only on the last one, and
    # less than one precision step per other instalment.
    assert len(set(amounts[:-1])) <= 1
    assert amounts[-1] >= amounts[0]
    assert amounts[-1] - amounts[0] < precision * count


@given(
    count_and_units=st.integers(min_value=2, max_value=60).flatmap(
        lambda count: st.tuples(
            st.just(count), st.integers(min_value=1, max_value=count - 1)
        )
    ),
    precision=precisions,
)
def test_too_many_instalments_for_the_amount(count_and_units, precision):
    count, total_units = count_and_units
    with pytest.raises(ScheduleError) as error:
        schedule.build_schedule(
            total_units * precision, date(2026, 1, 1), count=count, rounding=precision
        )
    assert error.value.code == "amount_too_small"


@given(
    total_units=units,
    amount_units=st.integers(min_value=1, max_value=10**9),
    precision=precisions,
    first_due=first_dates,
    periodicity=periodicities,
)
def test_split_by_fixed_amount(
    total_units, amount_units, precision, first_due, periodicity
):
    total = total_units * precision
    amount = amount_units * precision
    assume(total_units <= amount_units * schedule.MAX_INSTALMENTS)
    plan = schedule.build_schedule(
        total,
        first_due,
        amount=amount,
        periodicity=periodicity,
        interval_days=15,
        rounding=precision,
    )
    check_schedule(plan, total, precision, first_due)
    amounts = amounts_of(plan)
    assert all(a == amount for a in amounts[:-1])
    assert 0 < amounts[-1] <= amount


@given(
    total_units=st.integers(min_value=2, max_value=10**9),
    down_share=st.floats(min_value=0, max_value=0.99),
    count=st.integers(min_value=1, max_value=36),
    precision=precisions,
    first_due=first_dates,
    lead_days=st.integers(min_value=0, max_value=60),
)
def test_with_down_payment(
    total_units, down_share, count, precision, first_due, lead_days
):
    total = total_units * precision
    down = int(total_units * down_share) * precision
    assume(total_units - int(total_units * down_share) >= count)
    plan = schedule.build_schedule(
        total,
        first_due,
        count=count,
        down_payment=down,
        down_payment_date=first_due - timedelta(days=lead_days),
        rounding=precision,
    )
    check_schedule(plan, total, precision, first_due)
    if down:
        assert plan[0].down_payment and plan[0].amount == down
        assert len(plan) == count + 1
    else:
        assert len(plan) == count


@given(
    total=st.decimals(
        min_value=D("0.01"),
        max_value=D("99999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
    count=st.integers(min_value=1, max_value=24),
)
def test_any_cent_total(total, count):
    assume(total * 100 >= count)
    plan = schedule.build_schedule(total, date(2026, 1, 31), count=count)
    check_schedule(plan, total, D("0.01"), date(2026, 1, 31))


@given(
    amounts=st.lists(st.integers(min_value=1, max_value=10**6), max_size=30),
    paid=st.integers(min_value=0, max_value=4 * 10**7),
)
def test_allocation_properties(amounts, paid):
    amounts = [D(a) / 100 for a in amounts]
    paid = D(paid) / 100
    allocated, left = schedule.allocate_payments(amounts, paid)
    assert sum(allocated) + left == paid
    assert all(
        0 <= part <= amount for part, amount in zip(allocated, amounts, strict=True)
    )
    # Due-date order: an instalment is paid only once the earlier ones are.
    for index, part in enumerate(allocated):
        if part:
            assert all(allocated[i] == amounts[i] for i in range(index))
    assert left == 0 or allocated == amounts


@given(first_due=first_dates, count=st.integers(min_value=1, max_value=60))
def test_monthly_dates_do_not_drift(first_due, count):
    days = schedule.due_dates(first_due, count, "monthly")
    assert days[0] == first_due
    for day in days:
        assert day.day == first_due.day or day.day < first_due.day <= 31
    assert len(set(days)) == count
