# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prescription (limitation period) of the claim for an unpaid invoice.

- Between businesses: 5 years (Code de commerce L110-4) from the due date,
  when the creditor could act (Code civil 2224).
- Business against consumer: 2 years (Code de la consommation L218-2),
  counted from the invoice date, the safest start courts have used.
- An acknowledgement of the debt by the debtor (partial payment, signed
  payment plan: C. civ. 2240) or a court claim (2241) interrupts it: a new
  period of the same length starts on that day (2231). A mise en demeure
  does not. Suspension by mediation (2238) is not modelled.

The period ends on the day of the last year bearing the same number as its
start (C. civ. 2228-2229, CPC 641; 29 Feb -> 28 Feb). ``expiry_date`` is the
last day on which the creditor can still act; no weekend or holiday
extension is applied, which errs on the creditor's safe side.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from ._util import add_years

B2B_YEARS = 5
B2C_YEARS = 2
WARNING_DAYS = 90


@dataclass(frozen=True)
class Prescription:
    start_date: date
    expiry_date: date
    warning_date: date
    years: int
    interrupted: bool


def compute_prescription(
    is_b2b, due_date, invoice_date, acknowledgement_dates=(), warning_days=WARNING_DAYS
):
    """Expiry and warning dates of the claim.

    An acknowledgement restarts the period only if it falls after the start
    of the running period and no later than its expiry: once the claim is
    time-barred, there is nothing left to interrupt.
    """
    years = B2B_YEARS if is_b2b else B2C_YEARS
    start = due_date if is_b2b else invoice_date
    expiry = add_years(start, years)
    interrupted = False
    for ack in sorted(acknowledgement_dates):
        if ack <= start:
            continue
        if ack > expiry:
            break
        start, expiry, interrupted = ack, add_years(ack, years), True
    warning = expiry - timedelta(days=warning_days)
    return Prescription(start, expiry, warning, years, interrupted)


def is_prescription_near(today, prescription_info):
    """True from the warning date up to and including the expiry date."""
    return prescription_info.warning_date <= today <= prescription_info.expiry_date


def is_prescribed(today, prescription_info):
    """True once the expiry date has passed: the claim is time-barred."""
    return today > prescription_info.expiry_date
