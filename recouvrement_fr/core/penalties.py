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

from ._util import ONE_DAY, ZERO, add_months, cents, days_in_year, to_decimal
from .rates import ECB, LEGAL_OTHER, Semester

PENALTY_DAY_BASIS = 365
ECB_MARGIN = Decimal(10)
# Public buyers (Code de la commande publique R2192-31): ECB + 8 points.
PUBLIC_ECB_MARGIN = Decimal(8)
# After a judgment: + 5 points two months after it became enforceable
# (Code monétaire et financier L313-3).
JUDGMENT_INCREASE = Decimal(5)
JUDGMENT_INCREASE_MONTHS = 2
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


def _segments(first, until, amount, payments, extra_cuts=(), by_semester=True):
    """Yield ``(date_from, date_to, base)`` periods with one half-year and base
    (one base only when ``by_semester`` is false: a rate fixed for the delay)."""
    cuts = {cut for cut in extra_cuts if first < cut <= until}
    semester = Semester.of(first).next()
    while by_semester and semester.start <= until:
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


def _accrue(
    amount,
    after,
    until,
    payments,
    rate_for,
    day_basis_for,
    extra_cuts=(),
    by_semester=True,
):
    amount = to_decimal(amount)
    if amount < 0:
        raise ValueError("the amount cannot be negative")
    payments = _payments(payments)
    first = after + ONE_DAY
    lines = []
    if until >= first:
        segments = _segments(first, until, amount, payments, extra_cuts, by_semester)
        for start, end, base in segments:
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


def judgment_increase_date(enforceable_date):
    """First day of the +5 points (C. mon. fin. L313-3): two months after the
    decision became enforceable (CPC 641: 31 Dec + 2 months -> 28/29 Feb),
    counted from the next day."""
    return add_months(enforceable_date, JUDGMENT_INCREASE_MONTHS) + ONE_DAY


def legal_interest(
    amount,
    from_date,
    until,
    rate_table,
    payments=(),
    kind=LEGAL_OTHER,
    judgment_enforceable_date=None,
    after=None,
):
    """Interest at the legal rate from the mise en demeure (C. civ. 1231-6, 1344-1).

    For B2C claims; our users are businesses, hence the "all other cases"
    rate by default (C. mon. fin. L313-2). ``from_date`` is the date the
    mise en demeure was received (the interest runs from the day after it):
    the AR's date, else a presumed one, see
    :func:`..notice.notice_receipt_date` and
    :func:`..notice.legal_interest_from_receipt`. Day count actual/actual:
    a day of a leap year weighs 1/366, a day of a common year 1/365 (lines
    never cross 31 December).
    With ``judgment_enforceable_date``, the rate is increased by 5 points
    from two months after that date (L313-3): a line never straddles it.
    ``after`` (optional) counts only the days after that date (interest
    already invoiced up to it).
    """
    increase_from = (
        judgment_increase_date(judgment_enforceable_date)
        if judgment_enforceable_date
        else None
    )

    def rate_for(day):
        rate = rate_table.semester_rate(kind, day)
        if increase_from and day >= increase_from:
            rate += JUDGMENT_INCREASE
        return rate

    return _accrue(
        amount,
        from_date if after is None else max(from_date, after),
        until,
        payments,
        rate_for,
        lambda day: days_in_year(day.year),
        extra_cuts=(increase_from,) if increase_from else (),
    )


def public_interest_rate(rate_table, due_date):
    """Rate (%) of the interest owed by a public buyer (CCP R2192-31).

    The ECB main refinancing rate in force on the first day of the half-year
    in which the interest started to run (the day after ``due_date``), plus
    8 points, fixed for the whole delay.
    """
    first_day = due_date + ONE_DAY
    # As for the penalties: a half-year whose legal rate is not entered is a
    # half-year whose rates were not updated; the ECB rate alone cannot tell
    # (it stays in force until changed). Raises MissingRateError.
    rate_table.semester_rate(LEGAL_OTHER, first_day)
    return rate_table.semester_rate(ECB, first_day) + PUBLIC_ECB_MARGIN


def public_late_interest(amount, due_date, until, rate_table, payments=(), after=None):
    """Moratory interest owed by a public buyer (CCP L2192-13, R2192-31).

    Due from the day after the end of the payment term without formality, on
    the unpaid amount, at one rate for the whole delay (see
    :func:`public_interest_rate`), actual days / 365. ``after`` counts only
    the days after that date (already billed). No 3 x legal-rate floor: the
    rate is set by decree, not by the parties.
    """
    rate = public_interest_rate(rate_table, due_date)
    start = due_date if after is None else max(due_date, after)
    return _accrue(
        amount,
        start,
        until,
        payments,
        lambda day: rate,
        lambda day: PENALTY_DAY_BASIS,
        by_semester=False,
    )


def fixed_indemnity(is_b2b, insolvent, unpaid_invoice_count, extra_justified_costs=0):
    """Fixed recovery indemnity (L441-10 II, D441-5): 40 € per late invoice.

    The same 40 € is owed by a public buyer (CCP L2192-13, D2192-35): pass
    ``is_b2b=True`` for one. Not due when the opening of a sauvegarde,
    redressement or liquidation prevented payment at the due date
    (L441-10 II): ``insolvent`` says so for these invoices (see
    :func:`..insolvency.indemnity_barred_by_insolvency`).
    ``extra_justified_costs`` is the total of the recovery costs actually
    incurred and justified for these invoices: only the part exceeding the
    fixed indemnities is added as a complement, so the total is
    max(40 × n, costs). Never anything for a consumer: amicable recovery
    costs stay with the creditor (C. proc. civ. exéc. L111-8).
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


# What the late amount is called, by debtor kind: a report column code.
LATE_PENALTIES = "late_penalties"
MORATORY_INTEREST = "moratory_interest"
LEGAL_INTEREST = "legal_interest"


def late_charge_category(debtor_kind):
    """Column under which a debtor's late-payment amount is reported.

    A public buyer owes *intérêts moratoires* (CCP L2192-13, R2192-31), not
    penalties; a business owes late-payment penalties (C. com. L441-10 II);
    a consumer owes interest at the legal rate (C. civ. 1231-6, 1344-1).
    ``debtor_kind`` is ``public``, ``business`` or ``consumer``.
    """
    categories = {
        "public": MORATORY_INTEREST,
        "business": LATE_PENALTIES,
        "consumer": LEGAL_INTEREST,
    }
    if debtor_kind not in categories:
        raise ValueError(f"unknown debtor kind {debtor_kind!r}")
    return categories[debtor_kind]
