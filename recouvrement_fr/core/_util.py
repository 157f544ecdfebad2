# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small date and money helpers shared by the core modules."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

ONE_DAY = timedelta(days=1)
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_decimal(value):
    """Return ``value`` as a Decimal; floats go through ``repr`` (4.5 -> 4.5)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return Decimal(value)
    raise TypeError(f"cannot use {value!r} as an amount")


def cents(value):
    """Round a Decimal to cents, half up (French accounting practice)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def is_leap(year):
    return calendar.isleap(year)


def days_in_year(year):
    return 366 if calendar.isleap(year) else 365


def end_of_month(day):
    """Last day of ``day``'s month."""
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def add_months(day, months):
    """``day`` plus ``months`` calendar months.

    When the target month has no day with the same number, the result is that
    month's last day (Code de procédure civile art. 641: 31 Dec + 2 months ->
    28 or 29 Feb).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_years(day, years):
    """``day`` plus ``years`` years (29 Feb -> 28 Feb in a common year)."""
    return add_months(day, 12 * years)
