# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from decimal import Decimal

import pytest
from recouvrement_core import MissingRateError, RateTable, Semester, rates
from recouvrement_core.rates import semester_end, semester_start


def test_semester_bounds():
    assert semester_start(date(2024, 6, 30)) == date(2024, 1, 1)
    assert semester_start(date(2024, 7, 1)) == date(2024, 7, 1)
    assert semester_end(date(2024, 1, 1)) == date(2024, 6, 30)
    assert semester_end(date(2024, 12, 31)) == date(2024, 12, 31)
    assert Semester(2024, 2).next() == Semester(2025, 1)
    assert Semester(2024, 1).label == "2024-H1"
    with pytest.raises(ValueError):
        Semester(2024, 3)


def test_rate_in_force_takes_latest_row_on_or_before_day(rates):
    # ECB 4.50 from 2023-09-20, 4.25 from 2024-06-12.
    assert rates.rate_in_force("ecb", date(2024, 6, 11)) == Decimal("4.50")
    assert rates.rate_in_force("ecb", date(2024, 6, 12)) == Decimal("4.25")
    assert rates.rate_in_force("ecb", date(2014, 9, 9)) is None


def test_ecb_semester_rate_is_rate_in_force_on_first_day(rates, ecb_by_semester):
    # The ECB cut of 2024-06-12 (4.50 -> 4.25) only counts from 2024-H2.
    assert rates.semester_rate("ecb", date(2024, 6, 30)) == Decimal("4.50")
    assert rates.semester_rate("ecb", date(2024, 7, 1)) == Decimal("4.25")
    for (year, half), expected in ecb_by_semester.items():
        day = Semester(year, half).end
        assert rates.semester_rate("ecb", day) == Decimal(expected), (year, half)


def test_legal_semester_rate_needs_row_on_first_day(rates, legal_rates):
    for (year, half), (individual, other) in legal_rates.items():
        day = Semester(year, half).start
        assert rates.semester_rate("legal_individual", day) == Decimal(individual)
        assert rates.semester_rate("legal_other", day) == Decimal(other)
    # A legal rate row dated in the middle of a half-year is not that
    # half-year's rate: the arrêté fixes it from 1 January / 1 July.
    table = RateTable([("legal_other", date(2024, 1, 2), 5.07)])
    with pytest.raises(MissingRateError):
        table.semester_rate("legal_other", date(2024, 3, 1))


def test_missing_rate_error_carries_kind_and_semester(rates):
    with pytest.raises(MissingRateError) as info:
        rates.semester_rate("legal_other", date(2026, 8, 1))
    error = info.value
    assert (error.kind, error.year, error.half) == ("legal_other", 2026, 2)
    assert error.semester_label == "2026-H2"
    assert error.args == ("legal_other", "2026-H2")
    assert "2026-H2" in str(error)
    with pytest.raises(MissingRateError) as info:
        RateTable().semester_rate("ecb", date(2024, 1, 1))
    assert (info.value.kind, info.value.year, info.value.half) == ("ecb", 2024, 1)
    # Also built from a label.
    error = MissingRateError("ecb", "2026-H2")
    assert (error.year, error.half, error.args) == (2026, 2, ("ecb", "2026-H2"))


def test_rows_are_validated():
    with pytest.raises(ValueError):
        RateTable([("euribor", date(2024, 1, 1), 3)])
    with pytest.raises(ValueError):
        RateTable([("ecb", date(2024, 1, 1), 3), ("ecb", date(2024, 1, 1), 4)])
    with pytest.raises(TypeError):
        RateTable([("ecb", "2024-01-01", 3)])
    with pytest.raises(ValueError):
        RateTable().semester_rate("euribor", date(2024, 1, 1))
    # The same row twice is harmless; floats become exact decimals.
    table = RateTable(
        [("ecb", date(2024, 1, 1), 4.5), ("ecb", date(2024, 1, 1), "4.50")]
    )
    assert len(table) == 1
    assert table.rate_in_force("ecb", date(2024, 1, 1)) == Decimal("4.5")
    assert rates.KINDS == ("ecb", "legal_individual", "legal_other")
