# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Maximum agreed payment term between businesses (Code de commerce L441-10 I).

The agreed term may not exceed 60 days from the invoice date or, if the
contract says so expressly, 45 days end of month. Two readings of "45 days
end of month" are common: the end of the month in which invoice date + 45
days falls, or the end of the invoice month + 45 days. The check accepts
the most generous of the three limits. Sector rules (L441-11: transport,
perishable food...) are stricter and not checked here.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from ._util import end_of_month

MAX_DAYS = 60
END_OF_MONTH_DAYS = 45
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


def check_payment_terms(invoice_date, due_date):
    """None when the due date is lawful, else a :class:`PaymentTermWarning`."""
    limit = payment_term_limits(invoice_date).most_generous
    if due_date <= limit:
        return None
    return PaymentTermWarning(WARNING_CODE, limit, (due_date - limit).days)
