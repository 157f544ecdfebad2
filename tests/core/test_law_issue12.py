# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public buyers, judgment interest, insolvency and the 40 €, payment terms."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core import (
    MissingRateError,
    RateTable,
    check_payment_terms,
    indemnity_barred_by_insolvency,
    judgment_increase_date,
    late_penalties,
    legal_interest,
    public_interest_rate,
    public_late_interest,
)


def test_public_buyer_rate_is_fixed_at_the_half_year_the_delay_started(rates):
    # 2 400 EUR due 2024-05-15, paid 2024-08-14: interest runs from
    # 2024-05-16, in 2024-H1, whose ECB rate was 4.50 -> 4.50 + 8 = 12.50 %
    # for the whole delay, July and August included (R2192-31 CCP).
    # 16/05-14/08 = 16 + 30 + 31 + 14 = 91 days, one line:
    # 2400 x 12.50 % x 91/365 = 74.7945 -> 74.79
    result = public_late_interest(
        Decimal("2400"), date(2024, 5, 15), date(2024, 8, 14), rates
    )
    assert [(line.rate, line.days) for line in result.lines] == [(Decimal("12.50"), 91)]
    assert result.total == Decimal("74.79")
    # A private business would owe ECB + 10 of each half-year instead:
    # 46 d at 14.50 % + 45 d at 14.25 % = 43.86 + 42.16 = 86.02 (law notes).
    private = late_penalties(
        Decimal("2400"), date(2024, 5, 15), date(2024, 8, 14), rates
    )
    assert private.total == Decimal("86.02")


def test_public_buyer_delay_starting_on_1_july_takes_the_second_half_year(rates):
    # Due 2025-06-30: the delay starts 2025-07-01, in 2025-H2 (ECB 2.15):
    # 10.15 %. 5 750.40 x 10.15 % x 45/365 = 71.9588 -> 71.96 (01/07-14/08).
    assert public_interest_rate(rates, date(2025, 6, 30)) == Decimal("10.15")
    assert public_interest_rate(rates, date(2025, 6, 29)) == Decimal("11.15")
    result = public_late_interest(
        Decimal("5750.40"), date(2025, 6, 30), date(2025, 8, 14), rates
    )
    assert result.total == Decimal("71.96")


def test_public_rate_of_a_half_year_not_updated_is_refused():
    # Only the ECB rate of 2025 is known, no legal rate for 2026-H1: the
    # rates of that half-year were not entered, so no silent 2.15 + 8.
    table = RateTable(
        [("ecb", date(2025, 6, 11), "2.15"), ("legal_other", date(2025, 7, 1), "2.76")]
    )
    assert public_interest_rate(table, date(2025, 9, 30)) == Decimal("10.15")
    with pytest.raises(MissingRateError) as error:
        public_interest_rate(table, date(2026, 1, 15))
    assert error.value.semester_label == "2026-H1"


def test_public_interest_follows_partial_payments(rates):
    # 1 000 due 2025-01-31 (delay from 01/02, 2025-H1, ECB 3.15 -> 11.15 %),
    # 400 paid 2025-02-28, rest 2025-03-31:
    # 01/02-28/02: 1000 x 11.15 % x 28/365 = 8.5534 -> 8.55
    # 01/03-31/03:  600 x 11.15 % x 31/365 = 5.6819 -> 5.68  => 14.23
    result = public_late_interest(
        Decimal("1000"),
        date(2025, 1, 31),
        date(2025, 3, 31),
        rates,
        payments=[(date(2025, 2, 28), Decimal("400"))],
    )
    assert [line.amount for line in result.lines] == [
        Decimal("8.55"),
        Decimal("5.68"),
    ]
    assert result.total == Decimal("14.23")


def test_judgment_adds_five_points_two_months_after_it_is_enforceable(rates):
    # Enforceable 2025-03-10: + 5 points from 2025-05-11 (L313-3 CMF).
    assert judgment_increase_date(date(2025, 3, 10)) == date(2025, 5, 11)
    # 31 Dec + 2 months = 28 Feb (CPC 641): increase from 1 March.
    assert judgment_increase_date(date(2024, 12, 31)) == date(2025, 3, 1)
    # 1 000 from a notice of 2025-01-31 to 2025-06-30, legal rate 3.71 %:
    # 01/02-10/05: 99 days x 3.71 %: 1000 x 3.71 % x 99/365 = 10.0627 -> 10.06
    # 11/05-30/06: 51 days x 8.71 %: 1000 x 8.71 % x 51/365 = 12.1701 -> 12.17
    result = legal_interest(
        Decimal("1000"),
        date(2025, 1, 31),
        date(2025, 6, 30),
        rates,
        judgment_enforceable_date=date(2025, 3, 10),
    )
    assert [(line.rate, line.days, line.amount) for line in result.lines] == [
        (Decimal("3.71"), 99, Decimal("10.06")),
        (Decimal("8.71"), 51, Decimal("12.17")),
    ]
    assert result.total == Decimal("22.23")


def test_indemnity_and_insolvency_compare_due_date_and_judgment():
    judgment = date(2025, 7, 15)
    # Already late before the judgment: the 40 EUR stays (declared with the claim).
    assert not indemnity_barred_by_insolvency(date(2025, 6, 30), judgment)
    # Falling due on or after the judgment: payment was forbidden (L622-7).
    assert indemnity_barred_by_insolvency(date(2025, 7, 15), judgment)
    assert indemnity_barred_by_insolvency(date(2025, 8, 31), judgment)
    assert not indemnity_barred_by_insolvency(date(2025, 8, 31), None)


def test_payment_terms_only_for_businesses_and_periodic_cap():
    # 2025-01-10 + 60 days = 2025-03-11; a due date of 2025-03-01 is lawful...
    assert check_payment_terms(date(2025, 1, 10), date(2025, 3, 1)) is None
    # ...but not for a periodic invoice: 2025-01-10 + 45 days = 2025-02-24.
    warning = check_payment_terms(date(2025, 1, 10), date(2025, 3, 1), periodic=True)
    assert (warning.limit_date, warning.days_over) == (date(2025, 2, 24), 5)
    # A consumer has no legal maximum.
    assert (
        check_payment_terms(date(2025, 1, 10), date(2025, 6, 1), is_business=False)
        is None
    )


def test_public_payment_terms_30_and_50_days():
    # State / local authority: 30 days (R2192-10): 2025-01-10 -> 2025-02-09.
    warning = check_payment_terms(date(2025, 1, 10), date(2025, 3, 1), public=True)
    assert warning.limit_date == date(2025, 2, 9)
    # Public health establishment: 50 days (R2192-11): -> 2025-03-01, lawful.
    assert (
        check_payment_terms(
            date(2025, 1, 10), date(2025, 3, 1), public=True, public_health=True
        )
        is None
    )


@given(
    amount=st.decimals(min_value=1, max_value=1_000_000, places=2),
    due=st.dates(min_value=date(2016, 1, 1), max_value=date(2025, 12, 1)),
    days=st.integers(min_value=1, max_value=400),
)
def test_public_interest_has_one_rate_for_the_whole_delay(rates, amount, due, days):
    until = date.fromordinal(min(due.toordinal() + days, date(2026, 6, 30).toordinal()))
    result = public_late_interest(amount, due, until, rates)
    assert {line.rate for line in result.lines} <= {public_interest_rate(rates, due)}
    assert result.days == max((until - due).days, 0)
