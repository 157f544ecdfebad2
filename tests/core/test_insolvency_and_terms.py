# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import pytest
from recouvrement_core import (
    check_payment_terms,
    claim_declaration_deadline,
    is_declaration_late,
    payment_term_limits,
)


@pytest.mark.parametrize(
    ("published", "deadline"),
    [
        (date(2024, 3, 15), date(2024, 5, 15)),  # same day number
        (date(2024, 12, 31), date(2025, 2, 28)),  # no 31 Feb -> last day
        (date(2023, 12, 31), date(2024, 2, 29)),  # leap year
        (date(2024, 12, 30), date(2025, 2, 28)),
        (date(2025, 10, 31), date(2025, 12, 31)),
        (date(2025, 11, 30), date(2026, 1, 30)),  # across the year end
    ],
)
def test_declaration_deadline_two_months(published, deadline):
    assert claim_declaration_deadline(published) == deadline


def test_declaration_deadline_outside_metropolitan_france():
    # 2 + 2 months: 31 Dec 2024 -> 30 Apr 2025 (no 31 Apr).
    assert claim_declaration_deadline(
        date(2024, 12, 31), creditor_outside_metropolitan_france=True
    ) == date(2025, 4, 30)


def test_declaration_late():
    assert not is_declaration_late(date(2025, 2, 28), date(2024, 12, 31))
    assert is_declaration_late(date(2025, 3, 1), date(2024, 12, 31))


def test_payment_term_limits_three_readings():
    # Invoice 2024-01-15 (2024 is leap):
    # 60 days: 15 Jan + 16 = 31 Jan, + 29 = 29 Feb (45 d), + 15 = 15 Mar 2024.
    # End of month of (15 Jan + 45 d = 29 Feb): 29 Feb 2024.
    # End of January + 45 d: 31 Jan + 29 = 29 Feb, + 16 = 16 Mar 2024.
    limits = payment_term_limits(date(2024, 1, 15))
    assert limits.sixty_days == date(2024, 3, 15)
    assert limits.end_of_month_after_45_days == date(2024, 2, 29)
    assert limits.end_of_month_plus_45_days == date(2024, 3, 16)
    assert limits.most_generous == date(2024, 3, 16)
    assert check_payment_terms(date(2024, 1, 15), date(2024, 3, 16)) is None
    warning = check_payment_terms(date(2024, 1, 15), date(2024, 3, 17))
    assert (warning.code, warning.limit_date, warning.days_over) == (
        "payment_term_exceeds_legal_maximum",
        date(2024, 3, 16),
        1,
    )


def test_payment_term_end_of_month_after_45_days_wins():
    # Invoice 2025-03-20: 60 d -> 19 May (11 + 30 + 19); 20 Mar + 45 d = 4 May
    # -> end of May 31 May; 31 Mar + 45 d = 15 May. Most generous: 31 May.
    limits = payment_term_limits(date(2025, 3, 20))
    assert (
        limits.sixty_days,
        limits.end_of_month_after_45_days,
        limits.end_of_month_plus_45_days,
    ) == (date(2025, 5, 19), date(2025, 5, 31), date(2025, 5, 15))
    assert check_payment_terms(date(2025, 3, 20), date(2025, 5, 31)) is None
    assert check_payment_terms(date(2025, 3, 20), date(2025, 6, 10)).days_over == 10


def test_payment_term_early_due_dates_are_fine():
    # Invoice 2025-01-01: 60 d -> 2 Mar (30 + 28 + 2); end of month after 45 d
    # (15 Feb) -> 28 Feb; 31 Jan + 45 d -> 17 Mar (28 + 17).
    assert payment_term_limits(date(2025, 1, 1)).most_generous == date(2025, 3, 17)
    assert check_payment_terms(date(2025, 1, 1), date(2025, 1, 31)) is None
    assert check_payment_terms(date(2025, 1, 1), date(2024, 12, 1)) is None
