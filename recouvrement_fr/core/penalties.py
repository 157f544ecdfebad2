# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Late-payment penalties, the 40 € recovery indemnity and legal interest.

Day-count convention, shared by penalties and legal interest: interest runs
from the day *after* the start date (due date, or date of the mise en
demeure) up to and including ``until``, so the number of days is
``(until - start).days``. A payment made on day D still bears interest on D
and stops it from D + 1.

Each line of a result has one half-year and one base; its amount is rounded
to the cent (half up) and the total is the sum of the rounded lines.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from ._util import ONE_DAY, ZERO, cents, days_in_year, to_decimal
from .rates import ECB, LEGAL_OTHER, Semester

PENALTY_DAY_BASIS = 365
ECB_MARGIN = Decimal(10)
LEGAL_RATE_MULTIPLIER = Decimal(3)
INDEMNITY_PER_INVOICE = Decimal("40.00")


@dataclass(frozen=True)
class AccrualLine:
    """Interest on ``base`` at ``rate`` % from ``date_from`` to ``date_to``."""

    date_from: date
    date_to: date
    days: int
    base: Decimal
    rate: Decimal
    day_basis: int
    amount: Decimal


@dataclass(frozen=True)
class AccrualResult:
    lines: tuple
    total: Decimal

    @property
    def days(self):
        return sum(line.days for line in self.lines)


@dataclass(frozen=True)
class Indemnity:
    """Fixed 40 € indemnities plus the justified complement above them."""

    fixed: Decimal
    complementary: Decimal
    total: Decimal


def _payments(payments):
    result = []
    for pay_date, pay_amount in payments:
        value = to_decimal(pay_amount)
        if value < 0:
            raise ValueError("a payment amount cannot be negative")
        result.append((pay_date, value))
    return sorted(result, key=lambda payment: payment[0])


def _segments(first, until, amount, payments):
    """Yield ``(date_from, date_to, base)`` periods with one half-year and base."""
    cuts = set()
    semester = Semester.of(first).next()
    while semester.start <= until:
        cuts.add(semester.start)
        semester = semester.next()
    for pay_date, _amount in payments:
        restart = pay_date + ONE_DAY
        if first < restart <= until:
            cuts.add(restart)
    starts = [first, *sorted(cuts)]
    for index, start in enumerate(starts):
        end = starts[index + 1] - ONE_DAY if index + 1 < len(starts) else until
        paid = sum((value for day, value in payments if day < start), ZERO)
        yield start, end, max(amount - paid, ZERO)


def _accrue(amount, after, until, payments, rate_for, day_basis_for):
    amount = to_decimal(amount)
    if amount < 0:
        raise ValueError("the amount cannot be negative")
    payments = _payments(payments)
    first = after + ONE_DAY
    lines = []
    if until >= first:
        for start, end, base in _segments(first, until, amount, payments):
            if base <= 0:
                continue
            rate = rate_for(start)
            days = (end - start).days + 1
            basis = day_basis_for(start)
            with localcontext() as ctx:
                ctx.prec = 60
                exact = base * rate * days / (100 * basis)
            line = AccrualLine(start, end, days, base, rate, basis, cents(exact))
            lines.append(line)
    total = sum((line.amount for line in lines), ZERO)
    return AccrualResult(tuple(lines), total)


def penalty_rate(rate_table, day, contractual_rate=None):
    """Penalty rate (%) for the half-year containing ``day`` (L441-10 II).

    Without a contractual rate: the ECB rate of the half-year plus 10 points.
    A contractual rate is raised to 3 × the legal rate "all other cases" of
    the half-year when it is lower. The floor bounds the parties' clause only
    ("sauf disposition contraire qui ne peut toutefois fixer un taux
    inférieur à trois fois le taux d'intérêt légal"): the statutory ECB + 10
    rate applies as it is, as in the worked example of the law notes.
    """
    # Looked up first in every case: a half-year whose legal rate is not
    # entered yet is a half-year whose rates were not updated (the ECB rate
    # alone cannot tell, it stays in force until changed).
    floor = LEGAL_RATE_MULTIPLIER * rate_table.semester_rate(LEGAL_OTHER, day)
    if contractual_rate is None:
        return rate_table.semester_rate(ECB, day) + ECB_MARGIN
    return max(to_decimal(contractual_rate), floor)


def late_penalties(
    amount,
    due_date,
    until,
    rate_table,
    payments=(),
    contractual_rate=None,
    after=None,
):
    """B2B late-payment penalties (Code de commerce L441-10 II).

    Due from the day after ``due_date`` without any reminder, on the unpaid
    amount including VAT, pro rata of actual days / 365, split at every
    half-year and at every change of the unpaid amount. ``payments`` is an
    iterable of ``(payment_date, amount)``. ``after`` (optional) counts only
    the days after that date, e.g. penalties already invoiced up to it.
    Interest stops at the opening judgment of an insolvency procedure
    (L622-28): pass that date as ``until``. Outside the scope of VAT.
    """
    start = due_date if after is None else max(due_date, after)
    return _accrue(
        amount,
        start,
        until,
        payments,
        lambda day: penalty_rate(rate_table, day, contractual_rate),
        lambda day: PENALTY_DAY_BASIS,
    )


def legal_interest(amount, from_date, until, rate_table, payments=(), kind=LEGAL_OTHER):
    """Interest at the legal rate from the mise en demeure (C. civ. 1231-6, 1344-1).

    For B2C claims; our users are businesses, hence the "all other cases"
    rate by default (C. mon. fin. L313-2). ``from_date`` is the date of the
    mise en demeure. Day count actual/actual: a day of a leap year weighs
    1/366, a day of a common year 1/365 (lines never cross 31 December).
    The +5 points after a judgment (L313-3) are not applied here.
    """
    return _accrue(
        amount,
        from_date,
        until,
        payments,
        lambda day: rate_table.semester_rate(kind, day),
        lambda day: days_in_year(day.year),
    )


def fixed_indemnity(is_b2b, insolvent, unpaid_invoice_count, extra_justified_costs=0):
    """Fixed recovery indemnity (L441-10 II, D441-5): 40 € per late invoice.

    B2B only; not due when the debtor is under sauvegarde, redressement or
    liquidation (L441-10 II). ``extra_justified_costs`` is the total of the
    recovery costs actually incurred and justified for these invoices: only
    the part exceeding the fixed indemnities is added as a complement, so the
    total is max(40 × n, costs). Never anything for a consumer: amicable
    recovery costs stay with the creditor (C. proc. civ. exéc. L111-8).
    """
    if unpaid_invoice_count < 0:
        raise ValueError("the invoice count cannot be negative")
    costs = to_decimal(extra_justified_costs)
    if costs < 0:
        raise ValueError("justified costs cannot be negative")
    if not is_b2b or insolvent or not unpaid_invoice_count:
        return Indemnity(ZERO, ZERO, ZERO)
    fixed = INDEMNITY_PER_INVOICE * unpaid_invoice_count
    complementary = cents(max(costs - fixed, ZERO))
    return Indemnity(fixed, complementary, fixed + complementary)
