# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Maximum agreed payment term between businesses (Code de commerce L441-10 I).

The agreed term may not exceed 60 days from the invoice date or, if the
contract says so expressly, 45 days end of month. Two readings of "45 days
end of month" are common: the end of the month in which invoice date + 45
days falls, or the end of the invoice month + 45 days. The check accepts
the most generous of the three limits. Periodic invoices (CGI 289 I 3)
may not exceed 45 days from the invoice date (L441-10 I). Sector rules
(L441-11: transport, perishable food...) are stricter and not checked here.

Public buyers (Code de la commande publique R2192-10, R2192-11): 30 days,
50 days for public health establishments, from the receipt of the invoice
(approximated by the invoice date, which errs on the buyer's side).
Consumers: no legal maximum, nothing to check.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from ._util import end_of_month

MAX_DAYS = 60
END_OF_MONTH_DAYS = 45
PERIODIC_MAX_DAYS = 45
PUBLIC_MAX_DAYS = 30
PUBLIC_HEALTH_MAX_DAYS = 50
WARNING_CODE = "payment_term_exceeds_legal_maximum"


@dataclass(frozen=True)
class PaymentTermLimits:
    sixty_days: date
    end_of_month_after_45_days: date
    end_of_month_plus_45_days: date

    @property
    def most_generous(self):
        return max(
            self.sixty_days,
            self.end_of_month_after_45_days,
            self.end_of_month_plus_45_days,
        )


@dataclass(frozen=True)
class PaymentTermWarning:
    code: str
    limit_date: date
    days_over: int


def payment_term_limits(invoice_date):
    """The three limit dates of L441-10 I for an invoice issued that day."""
    return PaymentTermLimits(
        sixty_days=invoice_date + timedelta(days=MAX_DAYS),
        end_of_month_after_45_days=end_of_month(
            invoice_date + timedelta(days=END_OF_MONTH_DAYS)
        ),
        end_of_month_plus_45_days=end_of_month(invoice_date)
        + timedelta(days=END_OF_MONTH_DAYS),
    )


def legal_limit(invoice_date, periodic=False, public=False, public_health=False):
    """Latest lawful due date of an invoice issued on ``invoice_date``."""
    if public:
        days = PUBLIC_HEALTH_MAX_DAYS if public_health else PUBLIC_MAX_DAYS
        return invoice_date + timedelta(days=days)
    if periodic:
        return invoice_date + timedelta(days=PERIODIC_MAX_DAYS)
    return payment_term_limits(invoice_date).most_generous


def check_payment_terms(
    invoice_date,
    due_date,
    periodic=False,
    public=False,
    public_health=False,
    is_business=True,
):
    """None when the due date is lawful, else a :class:`PaymentTermWarning`.

    Only for business and public debtors (``is_business=False``: None).
    """
    if not is_business and not public:
        return None
    limit = legal_limit(invoice_date, periodic, public, public_health)
    if due_date <= limit:
        return None
    return PaymentTermWarning(WARNING_CODE, limit, (due_date - limit).days)
