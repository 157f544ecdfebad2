# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Default of a payment plan: déchéance du terme only after a received
notice and the plan's notice period (Cass. 1re civ. 22/03/2023 n° 21-16.044,
C. conso. L212-1); penalties and 40 € set aside by the plan."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core.plan_terms import (
    PlanLine,
    balance_due_from,
    penalty_fate,
    plan_claim,
    plan_clause_terms,
)

D = Decimal


def plan(*paid):
    # 1 200 € in 4 monthly instalments of 300 € from 10 January 2026.
    days = [date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 10)]
    paid = list(paid) + [0] * (4 - len(paid))
    return [
        PlanLine(day, D(300), D(value)) for day, value in zip(days, paid, strict=True)
    ]


def test_clause_terms_default_and_consumer():
    terms = plan_clause_terms(is_consumer=True)
    assert terms.notice_days == 15
    assert terms.first_claim == "missed_instalments"
    assert terms.balance_due == "balance_after_notice_receipt_and_period"
    assert "acceleration_after_notice" in terms.clause_codes
    assert "decheance_not_resolution" in terms.clause_codes
    # No 40 € clause for a consumer (L441-10 II is B2B only).
    assert not any(code.startswith("indemnity_40") for code in terms.clause_codes)
    assert terms.warnings == ()
    business = plan_clause_terms(False, 8, "reserved")
    assert "indemnity_40_reserved" in business.clause_codes
    assert business.warnings == ()
    assert plan_clause_terms(True, 8).warnings == (
        "consumer_notice_shorter_than_usual",
    )


@pytest.mark.parametrize("days", [0, -1, 2.5, True])
def test_clause_terms_refuse_bad_notice(days):
    with pytest.raises(ValueError):
        plan_clause_terms(True, days)


def test_balance_due_from_counts_receipt_plus_period():
    # Received 20 Feb 2026 + 15 days = 7 March (8 days to 28 Feb, 7 in
    # March): the debtor may pay up to 7 March; balance due from 8 March.
    assert balance_due_from(date(2026, 2, 20)) == date(2026, 3, 8)
    # 8 days: 20 Feb + 8 = 28 Feb (2026 is not leap), balance due 1 March.
    assert balance_due_from(date(2026, 2, 20), 8) == date(2026, 3, 1)


def test_missed_instalment_only_before_any_notice():
    # 11 Feb: the February instalment (300) is missed; remaining 900.
    claim = plan_claim(plan(300), date(2026, 2, 11))
    assert (claim.state, claim.missed, claim.remaining, claim.claimable) == (
        "in_default",
        D(300),
        D(900),
        D(300),
    )
    assert claim.codes == ("missed_instalments_only", "acceleration_notice_needed")
    # Due date itself: not missed yet, but fallen due (payable that day).
    today = plan_claim(plan(300), date(2026, 2, 10))
    assert (today.state, today.claimable) == ("on_time", D(300))


def test_whole_balance_only_after_receipt_and_period():
    lines = plan(300)
    received = date(2026, 2, 20)
    running = plan_claim(lines, date(2026, 3, 7), received)
    assert (running.state, running.claimable) == ("in_default", D(300))
    assert running.codes[1] == "acceleration_notice_period_running"
    assert running.balance_due_from == date(2026, 3, 8)
    accelerated = plan_claim(lines, date(2026, 3, 8), received)
    # 1 200 - 300 paid = 900, all due.
    assert (accelerated.state, accelerated.claimable) == ("accelerated", D(900))
    assert accelerated.missed == D(300)


def test_cured_within_the_notice_period_no_acceleration():
    # February instalment paid before 8 March: nothing missed at the notice
    # any more; on 8 March nothing is due, on 10 March the March one.
    lines = plan(300, 300)
    received = date(2026, 2, 20)
    assert plan_claim(lines, date(2026, 3, 8), received).claimable == D(0)
    assert plan_claim(lines, date(2026, 3, 8), received).state == "on_time"
    assert plan_claim(lines, date(2026, 3, 10), received).claimable == D(300)
    # A later miss needs a new notice.
    later = plan_claim(lines, date(2026, 3, 11), received)
    assert later.codes == ("missed_instalments_only", "acceleration_notice_needed")


def test_partial_payment_of_an_instalment():
    # 300 + 120 paid: 180 of February missed; remaining 180 + 600 = 780.
    claim = plan_claim(plan(300, 120), date(2026, 2, 15))
    assert (claim.missed, claim.remaining, claim.claimable) == (D(180), D(780), D(180))


def test_completed_plan():
    claim = plan_claim(plan(300, 300, 300, 300), date(2026, 5, 1))
    assert (claim.state, claim.claimable) == ("completed", D(0))


# Penalties 86.47 + 40 € indemnity = 126.47 set aside by the plan.
@pytest.mark.parametrize(
    ("option", "state", "due_now", "suspended", "waived", "code"),
    [
        ("included", "on_time", 0, 0, 0, "included_in_plan_total"),
        ("included", "accelerated", 0, 0, 0, "included_in_plan_total"),
        (
            "waived_if_kept",
            "on_time",
            0,
            "126.47",
            0,
            "waived_if_kept_suspended_during_plan",
        ),
        (
            "waived_if_kept",
            "in_default",
            "126.47",
            0,
            0,
            "waived_if_kept_due_on_default",
        ),
        ("waived_if_kept", "completed", 0, 0, "126.47", "waived_plan_kept"),
        ("reserved", "on_time", 0, "126.47", 0, "reserved_suspended_during_plan"),
        ("reserved", "accelerated", "126.47", 0, 0, "reserved_due_on_default"),
        ("reserved", "completed", "126.47", 0, 0, "reserved_due_after_plan"),
    ],
)
def test_penalty_fate(option, state, due_now, suspended, waived, code):
    fate = penalty_fate(option, state, D("86.47"), D("40"))
    assert (fate.due_now, fate.suspended, fate.waived, fate.code) == (
        D(due_now),
        D(suspended),
        D(waived),
        code,
    )


def test_penalty_fate_refuses_an_indemnity_for_a_consumer():
    with pytest.raises(ValueError):
        penalty_fate("reserved", "on_time", D("12.30"), D("40"), is_consumer=True)
    assert penalty_fate(
        "reserved", "on_time", D("12.30"), is_consumer=True
    ).suspended == D("12.30")
    with pytest.raises(ValueError):
        penalty_fate("forgotten", "on_time", D(1))


@given(
    st.lists(st.integers(min_value=0, max_value=300), min_size=4, max_size=4),
    st.integers(min_value=0, max_value=150),
    st.one_of(st.none(), st.integers(min_value=0, max_value=150)),
)
def test_claim_never_exceeds_balance_and_balance_needs_a_notice(paid, day, notice):
    on_date = date(2026, 1, 1) + timedelta(days=day)
    received = None if notice is None else date(2026, 1, 1) + timedelta(days=notice)
    claim = plan_claim(plan(*paid), on_date, received)
    assert D(0) <= claim.claimable <= claim.remaining
    if claim.claimable > claim.missed + D(300):
        # More than the missed ones plus today's: only after acceleration,
        # itself only after receipt + 15 days.
        assert claim.state == "accelerated"
        assert received is not None and on_date > received + timedelta(days=15)


def test_plan_paid_up_late_is_not_kept():
    fate = penalty_fate("waived_if_kept", "completed", D("86.47"), D("40"), kept=False)
    assert (fate.due_now, fate.code) == (D("126.47"), "waived_if_kept_plan_paid_late")
