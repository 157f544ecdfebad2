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

from ._util import add_months

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
