# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Opening judgment: interest cut-off (L622-28), pre-judgment claims
(L622-24, L622-26), the 40 € (L441-10 II), no letter after it (L622-7)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core import late_penalties
from recouvrement_core.insolvency import (
    accrual_end_date,
    accrual_until,
    blocked_after_judgment,
    claim_origin_date,
    indemnity_kept,
    is_pre_judgment_claim,
)

JUDGMENT = date(2025, 6, 20)


def test_accrual_stops_the_day_before_the_judgment():
    assert accrual_end_date(JUDGMENT) == date(2025, 6, 19)
    assert accrual_end_date(date(2025, 1, 1)) == date(2024, 12, 31)
    assert accrual_until(date(2025, 9, 30), JUDGMENT) == date(2025, 6, 19)
    assert accrual_until(date(2025, 5, 31), JUDGMENT) == date(2025, 5, 31)
    assert accrual_until(date(2025, 9, 30), None) == date(2025, 9, 30)


def test_penalties_to_declare_hand_computed(rates):
    # 3 000 € TTC due 2025-03-31, judgment 2025-06-20 (effect at 0 h).
    # Days: 1 Apr-19 Jun = 30 + 31 + 19 = 80. Rate H1 2025: ECB 3.15 + 10
    # = 13.15 %. 3000 x 13.15 % = 394.50; x 80 / 365 = 86.4657... -> 86.47.
    # Counting the judgment day too (81 days) would give 394.50 x 81 / 365
    # = 87.5466... -> 87.55: 1.08 € too much.
    until = accrual_until(date(2025, 9, 30), JUDGMENT)
    result = late_penalties(Decimal("3000"), date(2025, 3, 31), until, rates)
    assert result.days == 80
    assert result.total == Decimal("86.47")
    wrong = late_penalties(Decimal("3000"), date(2025, 3, 31), JUDGMENT, rates)
    assert wrong.total == Decimal("87.55")
    # The 40 € stays: due 31 March, late before the judgment. Declared:
    # 3 000 + 86.47 + 40 = 3 126.47.
    assert indemnity_kept(date(2025, 3, 31), JUDGMENT)
    assert Decimal("3000") + result.total + Decimal("40") == Decimal("3126.47")


def test_penalties_across_a_half_year_up_to_the_cut_off(rates):
    # 1 800 € due 2025-05-15, judgment 2025-07-10 -> accrual ends 9 July.
    # H1: 16 May-30 Jun = 16 + 30 = 46 days at 13.15 %:
    #   1800 x 0.1315 = 236.70; x 46 / 365 = 29.8307 -> 29.83.
    # H2: 1-9 Jul = 9 days at 2.15 + 10 = 12.15 %:
    #   1800 x 0.1215 = 218.70; x 9 / 365 = 5.3926 -> 5.39. Total 35.22.
    until = accrual_until(date(2025, 8, 1), date(2025, 7, 10))
    result = late_penalties(Decimal("1800"), date(2025, 5, 15), until, rates)
    assert [line.days for line in result.lines] == [46, 9]
    assert [line.amount for line in result.lines] == [
        Decimal("29.83"),
        Decimal("5.39"),
    ]
    assert result.total == Decimal("35.22")


@pytest.mark.parametrize(
    ("invoice_date", "delivery_date", "pre_judgment"),
    [
        (date(2025, 6, 19), None, True),  # invoiced the day before
        (date(2025, 6, 20), None, False),  # invoiced on the judgment day
        # Invoiced after the judgment for work delivered before: declared.
        (date(2025, 6, 25), date(2025, 6, 10), True),
        # Invoiced before for a delivery on the judgment day: not declared.
        (date(2025, 6, 18), date(2025, 6, 20), False),
        (date(2025, 7, 1), date(2025, 7, 1), False),
    ],
)
def test_pre_judgment_claims_by_origin(invoice_date, delivery_date, pre_judgment):
    assert claim_origin_date(invoice_date, delivery_date) == (
        delivery_date or invoice_date
    )
    assert is_pre_judgment_claim(JUDGMENT, invoice_date, delivery_date) is pre_judgment


def test_no_judgment_no_pre_judgment_claim():
    assert not is_pre_judgment_claim(None, date(2025, 1, 1))


def test_indemnity_kept_only_when_late_before_the_judgment():
    # Due 19 June: late from 20 June 0 h, the judgment did not prevent the
    # payment at the due date -> kept. Due on the judgment day or after:
    # the procedure prevented it -> not due (L441-10 II).
    assert indemnity_kept(date(2025, 6, 19), JUDGMENT)
    assert not indemnity_kept(date(2025, 6, 20), JUDGMENT)
    assert not indemnity_kept(date(2025, 7, 20), JUDGMENT)
    assert indemnity_kept(date(2025, 7, 20), None)


@pytest.mark.parametrize(
    "action", ["notice", "reminder", "penalty_invoice", "exigible", "payment_request"]
)
def test_nothing_asked_for_a_pre_judgment_claim_after_the_judgment(action):
    assert (
        blocked_after_judgment(action, JUDGMENT, JUDGMENT, date(2025, 5, 1))
        == "pre_judgment_claim_to_declare"
    )
    # The day before the judgment it was still allowed.
    assert (
        blocked_after_judgment(action, date(2025, 6, 19), JUDGMENT, date(2025, 5, 1))
        is None
    )
    # A claim born after the judgment is paid at its due date (L622-17).
    assert (
        blocked_after_judgment(action, date(2025, 8, 1), JUDGMENT, date(2025, 7, 1))
        is None
    )
    # Invoiced after, delivered before: blocked.
    assert (
        blocked_after_judgment(
            action, date(2025, 8, 1), JUDGMENT, date(2025, 7, 1), date(2025, 6, 1)
        )
        == "pre_judgment_claim_to_declare"
    )


def test_unknown_action_is_an_error():
    with pytest.raises(ValueError):
        blocked_after_judgment("fax", JUDGMENT, JUDGMENT, JUDGMENT)


@given(
    st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 6, 30)),
    st.integers(min_value=0, max_value=400),
)
def test_cut_off_never_counts_the_judgment_day(rates, due, gap):
    judgment = due + timedelta(days=gap)
    if judgment > date(2026, 6, 30):
        return
    until = accrual_until(date(2026, 6, 30), judgment)
    result = late_penalties(Decimal("1000"), due, until, rates)
    assert result.days == max(gap - 1, 0)
    assert all(line.date_to < judgment for line in result.lines)
