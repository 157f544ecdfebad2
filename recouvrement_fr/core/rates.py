# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reference rates: ECB main refinancing rate and the two French legal rates.

Rates are data (model ``recovery.rate``), never constants: the Odoo layer
builds a :class:`RateTable` from its records and hands it to the calculators.
All rates are percentages (``Decimal("4.50")`` means 4.50 %).
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from ._util import to_decimal

ECB = "ecb"
LEGAL_INDIVIDUAL = "legal_individual"
LEGAL_OTHER = "legal_other"
KINDS = (ECB, LEGAL_INDIVIDUAL, LEGAL_OTHER)


@dataclass(frozen=True, order=True)
class Semester:
    """A half-year: ``half`` is 1 (January-June) or 2 (July-December)."""

    year: int
    half: int

    def __post_init__(self):
        if self.half not in (1, 2):
            raise ValueError(f"half must be 1 or 2, not {self.half!r}")

    @classmethod
    def of(cls, day):
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self):
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self):
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def label(self):
        return f"{self.year}-H{self.half}"

    def next(self):
        return Semester(self.year, 2) if self.half == 1 else Semester(self.year + 1, 1)


def semester_start(day):
    """First day of ``day``'s half-year (1 January or 1 July)."""
    return Semester.of(day).start


def semester_end(day):
    """Last day of ``day``'s half-year (30 June or 31 December)."""
    return Semester.of(day).end


class MissingRateError(Exception):
    """No rate of ``kind`` is known for the half-year ``year``-H``half``.

    Built as ``MissingRateError(kind, year, half)`` or
    ``MissingRateError(kind, "2024-H1")``; ``args`` is
    ``(kind, semester_label)``. The Odoo layer turns it into a translated
    UserError asking the user to enter the rate.
    """

    def __init__(self, kind, year, half=None):
        if half is None:
            year, half = (int(part) for part in str(year).split("-H"))
        self.kind = kind
        self.year = year
        self.half = half
        super().__init__(kind, self.semester_label)

    @property
    def semester_label(self):
        return f"{self.year}-H{self.half}"

    def __str__(self):
        return f"no {self.kind} rate for {self.semester_label}"


class RateTable:
    """Rates by kind and effective date, built from ``(kind, date_from, rate)``.

    Two rows of the same kind and date must agree (ValueError otherwise).
    """

    def __init__(self, rows=()):
        by_kind = {kind: {} for kind in KINDS}
        for kind, date_from, rate in rows:
            if kind not in by_kind:
                raise ValueError(f"unknown rate kind {kind!r}")
            if not isinstance(date_from, date):
                raise TypeError(f"date_from must be a date, not {date_from!r}")
            value = to_decimal(rate)
            known = by_kind[kind].get(date_from)
            if known is not None and known != value:
                raise ValueError(
                    f"two {kind} rates on {date_from.isoformat()}: {known} and {value}"
                )
            by_kind[kind][date_from] = value
        self._by_date = by_kind
        self._dates = {kind: sorted(rates) for kind, rates in by_kind.items()}

    def __len__(self):
        return sum(len(rates) for rates in self._by_date.values())

    def rate_in_force(self, kind, day):
        """Rate of the row with the latest ``date_from <= day``, or None."""
        dates = self._dates[kind]
        index = bisect_right(dates, day)
        if not index:
            return None
        return self._by_date[kind][dates[index - 1]]

    def semester_rate(self, kind, day):
        """Rate applying to the whole half-year containing ``day``.

        ECB (Code de commerce L441-10 II): the rate in force on 1 January for
        the first half-year, on 1 July for the second. Legal rates (Code
        monétaire et financier L313-2, D313-1-A): the rate fixed for that
        half-year, i.e. the row dated exactly 1 January / 1 July.
        Raises :class:`MissingRateError` when the table has no such rate.
        """
        semester = Semester.of(day)
        if kind == ECB:
            rate = self.rate_in_force(kind, semester.start)
        elif kind in self._by_date:
            rate = self._by_date[kind].get(semester.start)
        else:
            raise ValueError(f"unknown rate kind {kind!r}")
        if rate is None:
            raise MissingRateError(kind, semester.year, semester.half)
        return rate
