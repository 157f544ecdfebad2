# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payment plans (échéancier): schedule arithmetic and payment allocation.

Plain data in, plain data out: ``Decimal`` amounts, ``datetime.date`` dates.
The amounts of a schedule are multiples of the currency's rounding (the
smallest amount), the rounding difference goes on the last instalment and the
sum is exactly the total.

A judge may postpone or spread a debt over up to two years (*délais de
grâce*, Code civil 1343-5); an amicable plan has no legal cap but should stay
within it: :func:`exceeds_grace_period` tells when it does not.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

from ._util import CENT, add_months, to_decimal

# Code civil 1343-5: the judge may spread a debt over 2 years at most.
GRACE_PERIOD_MONTHS = 24
# Above this many instalments a schedule is surely a typo (e.g. 0.01 a week).
MAX_INSTALMENTS = 500
PERIODICITIES = ("weekly", "monthly", "custom")


class ScheduleError(ValueError):
    """Input a schedule cannot be built from.

    ``code`` names the problem and ``params`` holds its values, so that the
    caller can word a translated message.
    """

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        detail = ", ".join(f"{key}={value}" for key, value in sorted(params.items()))
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True)
class Instalment:
    """One instalment: number (1-based), due date, amount."""

    sequence: int
    due_date: date
    amount: Decimal
    down_payment: bool = False


def _precision(rounding):
    precision = to_decimal(rounding) if rounding is not None else CENT
    if not precision.is_finite() or precision <= 0:
        raise ScheduleError("bad_rounding", rounding=rounding)
    return precision


def round_to(amount, precision):
    """``amount`` rounded half up to a multiple of ``precision``."""
    units = (to_decimal(amount) / precision).to_integral_value(rounding=ROUND_HALF_UP)
    return units * precision


def _floor_to(amount, precision):
    return (amount / precision).to_integral_value(rounding=ROUND_DOWN) * precision


def due_dates(first_due, count, periodicity="monthly", interval_days=None):
    """``count`` due dates from ``first_due``, one period apart.

    Monthly dates are counted from the first one, so that 31 January gives
    28/29 February then 31 March (no drift to the 28th).
    """
    if periodicity not in PERIODICITIES:
        raise ScheduleError("bad_periodicity", periodicity=periodicity)
    if periodicity == "custom" and (not interval_days or interval_days < 1):
        raise ScheduleError("bad_interval", interval_days=interval_days)
    if periodicity == "monthly":
        return [add_months(first_due, index) for index in range(count)]
    step = 7 if periodicity == "weekly" else interval_days
    return [first_due + timedelta(days=step * index) for index in range(count)]


def split_amounts(total, count=None, amount=None, rounding=CENT):
    """Split ``total`` into instalments, by number or by fixed amount.

    By number: equal instalments rounded down to the precision, the last one
    takes the difference (so it is the largest, never negative). By amount:
    as many instalments of ``amount`` as needed, the last one takes what is
    left (0 < last <= amount). Each instalment is at least the precision.
    """
    precision = _precision(rounding)
    total = round_to(total, precision)
    if total <= 0:
        raise ScheduleError("no_total", total=total)
    if (count is None) == (amount is None):
        raise ScheduleError("count_or_amount")
    if count is not None:
        if isinstance(count, bool) or int(count) != count or count < 1:
            raise ScheduleError("bad_count", count=count)
        count = int(count)
        if count > MAX_INSTALMENTS:
            raise ScheduleError("too_many", count=count, maximum=MAX_INSTALMENTS)
        base = _floor_to(total / count, precision)
        if base < precision:
            raise ScheduleError(
                "amount_too_small", total=total, count=count, precision=precision
            )
        return [base] * (count - 1) + [total - base * (count - 1)]
    amount = round_to(amount, precision)
    if amount <= 0:
        raise ScheduleError("bad_amount", amount=amount)
    count = int((total / amount).to_integral_value(rounding=ROUND_CEILING))
    if count > MAX_INSTALMENTS:
        raise ScheduleError("too_many", count=count, maximum=MAX_INSTALMENTS)
    return [amount] * (count - 1) + [total - amount * (count - 1)]


def build_schedule(
    total,
    first_due,
    count=None,
    amount=None,
    periodicity="monthly",
    interval_days=None,
    down_payment=0,
    down_payment_date=None,
    rounding=CENT,
):
    """The instalments of a payment plan of ``total``.

    An optional down payment, due on ``down_payment_date`` (default: the first
    due date), comes first; the rest is split by ``count`` or fixed ``amount``
    (see :func:`split_amounts`) and falls due from ``first_due`` every period
    (``weekly``, ``monthly`` or ``custom`` every ``interval_days`` days).
    Returns a list of :class:`Instalment`, ordered by due date, whose amounts
    add up exactly to ``total`` rounded to the precision.
    """
    precision = _precision(rounding)
    total = round_to(total, precision)
    if total <= 0:
        raise ScheduleError("no_total", total=total)
    down = round_to(down_payment or 0, precision)
    if down < 0:
        raise ScheduleError("bad_down_payment", down_payment=down)
    if down >= total:
        raise ScheduleError("down_payment_too_high", down_payment=down, total=total)
    down_date = down_payment_date or first_due
    if down and down_date > first_due:
        raise ScheduleError(
            "down_payment_after_first_due",
            down_payment_date=down_date,
            first_due=first_due,
        )
    amounts = split_amounts(
        total - down, count=count, amount=amount, rounding=precision
    )
    dates = due_dates(first_due, len(amounts), periodicity, interval_days)
    instalments = []
    if down:
        instalments.append(Instalment(1, down_date, down, down_payment=True))
    offset = len(instalments) + 1
    instalments += [
        Instalment(offset + index, day, value)
        for index, (day, value) in enumerate(zip(dates, amounts, strict=True))
    ]
    return instalments


def exceeds_grace_period(start, last_due, months=GRACE_PERIOD_MONTHS):
    """True when ``last_due`` is more than ``months`` months after ``start``."""
    return last_due > add_months(start, months)


def allocate_payments(amounts, paid, rounding=CENT):
    """Spread ``paid`` over instalments of ``amounts``, in the given order.

    ``amounts`` are in due-date order. Returns ``(allocated, left)``: the
    amount paid on each instalment (0 <= allocated <= amount) and what is
    left over after the last one.
    """
    precision = _precision(rounding)
    left = max(round_to(paid or 0, precision), Decimal(0))
    allocated = []
    for amount in amounts:
        amount = to_decimal(amount)
        part = min(max(amount, Decimal(0)), left)
        allocated.append(part)
        left -= part
    return allocated, left


def missed_instalments(instalments, allocated, today, grace_days=0):
    """Indexes of the instalments not fully paid ``grace_days`` after due date.

    ``instalments`` are :class:`Instalment` (or objects with ``due_date`` and
    ``amount``), ``allocated`` the amounts paid on them.
    """
    limit = today - timedelta(days=max(grace_days or 0, 0))
    return [
        index
        for index, (instalment, paid) in enumerate(
            zip(instalments, allocated, strict=True)
        )
        if instalment.due_date < limit and to_decimal(paid) < instalment.amount
    ]
