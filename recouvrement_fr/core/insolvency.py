# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer under sauvegarde, redressement or liquidation judiciaire.

Individual recovery actions stop (Code de commerce L622-21) and the claim
must be declared to the mandataire judiciaire within 2 months of the
publication of the opening judgment in the BODACC (L622-24, R622-24); the
delay is increased by 2 months for creditors who do not live in
metropolitan France (R622-24). A month-based delay ends on the day with the
same number, or the month's last day when there is none (CPC 641):
31 December + 2 months = 28 or 29 February. No weekend or holiday extension
(CPC 642) is applied: the date returned is the earliest safe one.
"""

from ._util import ONE_DAY, add_months

DECLARATION_MONTHS = 2
# What the add-on cites when it stops the steps and asks for the declaration.
STOP_ARTICLE = "C. com. L622-21"
DECLARATION_ARTICLES = "C. com. L622-24, R622-24"
OUTSIDE_METROPOLITAN_FRANCE_EXTRA_MONTHS = 2


def claim_declaration_deadline(
    bodacc_publication_date, creditor_outside_metropolitan_france=False
):
    """Last day to declare the claim to the mandataire judiciaire."""
    months = DECLARATION_MONTHS
    if creditor_outside_metropolitan_france:
        months += OUTSIDE_METROPOLITAN_FRANCE_EXTRA_MONTHS
    return add_months(bodacc_publication_date, months)


def is_declaration_late(today, bodacc_publication_date, **kwargs):
    """True once the declaration deadline has passed (relevé de forclusion
    under L622-26 is then the only way)."""
    return today > claim_declaration_deadline(bodacc_publication_date, **kwargs)


def indemnity_barred_by_insolvency(due_date, judgment_date):
    """True when the 40 € indemnity of an invoice is not due because of the
    debtor's procédure collective (C. com. L441-10 II: "lorsque l'ouverture
    d'une procédure ... interdit le paiement à son échéance").

    Only the invoices falling due on or after the opening judgment are
    concerned; an invoice already late before it keeps its indemnity, to be
    declared with the claim.
    """
    return bool(judgment_date and due_date and judgment_date <= due_date)


# --- Opening judgment: cut-off of interest, pre-judgment claims -------------

# What may not be done any more for a pre-judgment claim after the judgment.
ACTIONS = ("notice", "reminder", "penalty_invoice", "exigible", "payment_request")
REASON_PRE_JUDGMENT_CLAIM = "pre_judgment_claim_to_declare"


def accrual_end_date(judgment_date):
    """Last day on which penalties and interest accrue: the day before the
    opening judgment (C. com. L622-28: the judgment stops the running of
    legal and contractual interest; it takes effect at 0 h on its date, so
    the day of the judgment earns nothing)."""
    return judgment_date - ONE_DAY


def accrual_until(until, judgment_date):
    """``until`` capped at :func:`accrual_end_date` when there is a judgment:
    the date to pass as ``until`` to the penalty and interest calculators."""
    if not judgment_date:
        return until
    return min(until, accrual_end_date(judgment_date))


def claim_origin_date(invoice_date, delivery_date=None):
    """Date the claim was born: the delivery or the service done, else the
    invoice date (C. com. L622-24, L622-26: the origin, not the invoice,
    decides which claims are declared)."""
    return delivery_date or invoice_date


def is_pre_judgment_claim(judgment_date, invoice_date, delivery_date=None):
    """True when the claim was born strictly before the opening judgment: it
    must be declared (L622-24). An invoice issued after the judgment for work
    delivered before it is one; a claim born on or after the judgment day is
    not (paid at its due date, L622-17)."""
    if not judgment_date:
        return False
    return claim_origin_date(invoice_date, delivery_date) < judgment_date


def indemnity_kept(due_date, judgment_date):
    """True when the 40 € indemnity stays due despite the procedure: the
    invoice was already due (hence late from the next day) before the
    judgment (L441-10 II); it is then declared with the claim."""
    return not indemnity_barred_by_insolvency(due_date, judgment_date)


def blocked_after_judgment(
    action, on_date, judgment_date, invoice_date, delivery_date=None
):
    """Reason code why ``action`` may not be taken on ``on_date`` for this
    claim, or None when it may.

    From the opening judgment the debtor may not pay a pre-judgment claim
    (L622-7) and individual actions stop (L622-21): no notice, reminder,
    penalty invoice, payment request, nor "exigible" on a statement; the
    claim is declared instead. ``action`` is one of :data:`ACTIONS`.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not judgment_date or on_date < judgment_date:
        return None
    if is_pre_judgment_claim(judgment_date, invoice_date, delivery_date):
        return REASON_PRE_JUDGMENT_CLAIM
    return None
