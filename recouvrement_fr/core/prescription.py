# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prescription (limitation period) of the claim for an unpaid invoice.

- Between businesses: 5 years (Code de commerce L110-4) from the due date,
  when the creditor could act (Code civil 2224).
- Business against consumer: 2 years (Code de la consommation L218-2) from
  the completion of the service or the delivery (Cass. 1re civ. 19 May 2021,
  n° 20-12.520; 3e civ. 1 March 2023, n° 21-23.176); the invoice date when
  that date is not known.
- Only the debtor's own acknowledgement interrupts it (C. civ. 2240): its
  payments, the signature of a payment plan, a written acknowledgement; a
  court claim does too (2241). A new period of the same length starts on
  that day (2231). A credit note, a write-off, an exchange difference or a
  mise en demeure do not: the caller passes the debtor's acts only.
- Mediation or conciliation suspends it (2238) from its start to its end;
  it then runs again for what was left, and never less than 6 months.
- A judgment replaces it: a court decision can be enforced for 10 years
  (C. proc. civ. exéc. L111-4) from its date.
- Against a public person (State, local authorities, public establishments
  with a public accountant): 4 years from 1 January of the year after the
  one in which the right was acquired (loi n° 68-1250 du 31 décembre 1968,
  art. 1), interrupted by any written claim of the creditor about the
  payment, a court claim or a payment (art. 2): a new 4 years then run from
  1 January of the year after the interruption.

The period ends on the day of the last year bearing the same number as its
start (C. civ. 2228-2229, CPC 641; 29 Feb -> 28 Feb). ``expiry_date`` is the
last day on which the creditor can still act; no weekend or holiday
extension is applied, which errs on the creditor's safe side.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from ._util import add_months, add_years

B2B_YEARS = 5
B2C_YEARS = 2
JUDGMENT_YEARS = 10
SUSPENSION_MINIMUM_MONTHS = 6
WARNING_DAYS = 90

# What the running period was counted from.
START_DUE_DATE = "due_date"
START_DELIVERY_DATE = "delivery_date"
START_INVOICE_DATE = "invoice_date"
START_ACKNOWLEDGEMENT = "acknowledgement"
START_JUDGMENT = "judgment"
START_PUBLIC = "public"
PUBLIC_YEARS = 4


@dataclass(frozen=True)
class Prescription:
    start_date: date
    expiry_date: date
    warning_date: date
    years: int
    interrupted: bool
    start_basis: str = START_DUE_DATE
    suspended_days: int = 0


def _suspend(expiry, start, end):
    """Expiry after a suspension from ``start`` to ``end`` (C. civ. 2238):
    what was left on ``start`` runs again from ``end``, at least 6 months."""
    left = expiry - start
    return max(end + left, add_months(end, SUSPENSION_MINIMUM_MONTHS))


def _public_period(act_date):
    """(start, expiry) of the 4 years following the year of ``act_date``."""
    start = date(act_date.year + 1, 1, 1)
    return start, date(act_date.year + PUBLIC_YEARS, 12, 31)


def public_prescription(
    right_date,
    acknowledgement_dates=(),
    written_claim_dates=(),
    warning_days=WARNING_DAYS,
):
    """Prescription quadriennale of a claim on a public person (loi 68-1250).

    ``right_date``: when the right was acquired (service done, else the
    invoice date); ``acknowledgement_dates``: payments; ``written_claim_dates``:
    reminders, formal notices and other written claims sent to the buyer.
    """
    start, expiry = _public_period(right_date)
    interrupted = False
    for act in sorted([*acknowledgement_dates, *written_claim_dates]):
        if act <= right_date or act > expiry:
            continue
        new_start, new_expiry = _public_period(act)
        if new_expiry > expiry:
            start, expiry, interrupted = new_start, new_expiry, True
    warning = expiry - timedelta(days=warning_days)
    return Prescription(start, expiry, warning, PUBLIC_YEARS, interrupted, START_PUBLIC)


def _judgment_prescription(judgment_date, warning_days):
    """The 10 years of enforcement of a judgment (L111-4 CPCE)."""
    expiry = add_years(judgment_date, JUDGMENT_YEARS)
    warning = expiry - timedelta(days=warning_days)
    return Prescription(
        judgment_date, expiry, warning, JUDGMENT_YEARS, False, START_JUDGMENT
    )


def _period_start(is_b2b, due_date, invoice_date, delivery_date):
    """``(start, basis)``: due date (B2B), else delivery date, else invoice date."""
    if is_b2b:
        return due_date, START_DUE_DATE
    if delivery_date:
        return delivery_date, START_DELIVERY_DATE
    return invoice_date, START_INVOICE_DATE


def compute_prescription(
    is_b2b,
    due_date,
    invoice_date,
    acknowledgement_dates=(),
    warning_days=WARNING_DAYS,
    delivery_date=None,
    suspensions=(),
    judgment_date=None,
):
    """Expiry and warning dates of the claim.

    ``acknowledgement_dates`` are the debtor's own acts (2240);
    ``suspensions`` are ``(start, end)`` periods of mediation or
    conciliation (2238), ``end`` being the day it ended (or today for one
    still running). An act restarts or suspends the period only when it
    falls within the running period: once the claim is time-barred, there
    is nothing left to interrupt. A ``judgment_date`` starts the 10 years of
    enforcement (L111-4 CPCE) instead.
    """
    years = B2B_YEARS if is_b2b else B2C_YEARS
    if judgment_date:
        return _judgment_prescription(judgment_date, warning_days)
    start, basis = _period_start(is_b2b, due_date, invoice_date, delivery_date)
    expiry = add_years(start, years)
    interrupted = False
    suspended_days = 0
    events = sorted(
        [(ack, ack, "ack") for ack in acknowledgement_dates]
        + [(begin, end, "suspension") for begin, end in suspensions if begin]
    )
    for begin, end, kind in events:
        if begin <= start or begin > expiry:
            continue
        if kind == "ack":
            start, expiry, interrupted = begin, add_years(begin, years), True
            basis = START_ACKNOWLEDGEMENT
        elif end and end >= begin:
            new_expiry = _suspend(expiry, begin, end)
            suspended_days += (new_expiry - expiry).days
            expiry = new_expiry
    warning = expiry - timedelta(days=warning_days)
    return Prescription(
        start, expiry, warning, years, interrupted, basis, suspended_days
    )


def is_prescription_near(today, prescription_info):
    """True from the warning date up to and including the expiry date."""
    return prescription_info.warning_date <= today <= prescription_info.expiry_date


def is_prescribed(today, prescription_info):
    """True once the expiry date has passed: the claim is time-barred."""
    return today > prescription_info.expiry_date
