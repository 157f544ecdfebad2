# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Days sales outstanding (DSO, "délai moyen de paiement clients") and the
average days late, defined once for the company and for one customer.

Plain data in, plain data out: amounts as ``float`` or ``Decimal``, dates as
``datetime.date``. ``None`` means "undefined" (nothing to divide by), which a
screen shows as such rather than as 0.

- Company: the accounting method, :func:`simple_dso`:
  receivable / sales of the last ``days`` days × ``days``.
- Customer: the countback method, :func:`countback_dso`: how many days of the
  customer's sales, counted back from the date, add up to what it owes. A
  customer who bought little lately or pays by a plan keeps a meaningful
  figure (the simple ratio gives 0 without recent sales, thousands of days
  after a credit note).
- :func:`average_days_late`: the average number of days late of the invoices
  settled over the period and of those still overdue (at the date): a
  customer who never paid is as late as its open invoices.
"""

__all__ = [
    "COUNTBACK_FORMULA",
    "SIMPLE_FORMULA",
    "average_days_late",
    "countback_dso",
    "simple_dso",
]

SIMPLE_FORMULA = "receivable / sales of the last {days} days × {days}"
COUNTBACK_FORMULA = (
    "days of sales, counted back from the date, that add up to the receivable"
)


def simple_dso(receivable, sales, days=90):
    """Receivable / sales of the last ``days`` days × ``days``, one decimal.

    0 when nothing is owed; ``None`` when something is owed but nothing was
    sold over the period (the ratio is undefined).
    """
    receivable, sales = float(receivable), float(sales)
    if receivable <= 0:
        return 0.0
    if sales <= 0:
        return None
    return round(receivable / sales * days, 1)


def countback_dso(receivable, sales, at_date):
    """Days of sales, counted back from ``at_date`` included, whose total is
    the receivable; the last day counts for the part of it needed.

    ``sales``: ``(invoice_date, amount)`` pairs (credit notes left out: they
    lower the receivable already). Day 1 is ``at_date``: an invoice of the
    day that is all the receivable gives 1.0. 0 when nothing is owed;
    ``None`` when the sales do not add up to the receivable (the balance
    comes from elsewhere: opening entries, another ledger).
    """
    remaining = float(receivable)
    if remaining <= 0:
        return 0.0
    by_day = {}
    for day, amount in sales:
        if amount > 0 and day <= at_date:
            by_day[day] = by_day.get(day, 0.0) + float(amount)
    for day in sorted(by_day, reverse=True):
        amount = by_day[day]
        if amount >= remaining:
            return round((at_date - day).days + remaining / amount, 1)
        remaining -= amount
    return None


def average_days_late(settled, overdue_due_dates, at_date):
    """Average days late, one decimal, of the invoices settled (a pair
    ``(due_date, settled_on)`` each; paid early counts 0) and of the invoices
    still overdue at ``at_date`` (their due date: late ``at_date - due``
    days). ``None`` when there is neither."""
    days = [max((paid - due).days, 0) for due, paid in settled]
    days += [(at_date - due).days for due in overdue_due_dates if due and due < at_date]
    if not days:
        return None
    return round(sum(days) / len(days), 1)
