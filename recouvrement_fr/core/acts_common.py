# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared facts of the judicial acts: parties, invoices, pieces, décompte.

Everything is plain data (``Decimal`` amounts, ``datetime.date`` dates,
frozen dataclasses); reasons and bases are stable codes paired with their
article, never French sentences: the Odoo reports word them.

The account of the sums due (Code de procédure civile 1407: "le décompte
des différents éléments de la créance") is built with the calculators of
:mod:`.penalties`, never with its own arithmetic:

- business debtor: penalties of C. com. L441-10 II from the day after the due
  date, and the 40 € fixed indemnity per invoice (L441-10 II, D441-5);
- consumer: legal interest from the receipt of the mise en demeure (C. civ.
  1231-6, 1344-1), no indemnity, no recovery costs (CPCE L111-8);
- public buyer: moratory interest (CCP R2192-31) and the 40 € (D2192-35).
"""

import datetime as dt
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._util import ONE_DAY, ZERO, to_decimal
from .insolvency import indemnity_barred_by_insolvency
from .merchant import REASON_UNKNOWN, merchant_status
from .penalties import (
    AccrualResult,
    fixed_indemnity,
    late_penalties,
    legal_interest,
    public_late_interest,
)

# Party kinds.
MERCHANT = "merchant"
COMMERCIAL_COMPANY = "commercial_company"
CIVIL = "civil"
CONSUMER = "consumer"
PUBLIC = "public"
UNKNOWN = "unknown"
PARTY_KINDS = (MERCHANT, COMMERCIAL_COMPANY, CIVIL, CONSUMER, PUBLIC, UNKNOWN)

# What the account is made of (the basis of the claim, CPC 1407).
BASIS_CONTRACT = ("unpaid_invoices", "1103 C. civ.")
BASIS_PENALTIES = ("late_penalties", "L441-10 II C. com.")
BASIS_INDEMNITY = ("fixed_indemnity", "L441-10 II, D441-5 C. com.")
BASIS_LEGAL_INTEREST = ("legal_interest", "1231-6, 1344-1 C. civ.")
BASIS_PUBLIC_INTEREST = ("moratory_interest", "R2192-31 CCP")
BASIS_PUBLIC_INDEMNITY = ("fixed_indemnity", "D2192-35 CCP")

EMPTY = AccrualResult((), ZERO)


@dataclass(frozen=True)
class Party:
    """A creditor or debtor as the acts print it; ``kind`` is one of
    :data:`PARTY_KINDS`. The insolvency fields describe an opened
    sauvegarde / redressement / liquidation (C. com. L622-21)."""

    name: str
    kind: str = UNKNOWN
    legal_form: str | None = None
    naf_code: str | None = None
    siren: str | None = None
    address: tuple = ()
    city: str | None = None
    outside_metropolitan_france: bool = False
    is_insolvent: bool = False
    insolvency_kind: str | None = None
    insolvency_judgment_date: date | None = None
    insolvency_bodacc_date: date | None = None

    def __post_init__(self):
        if self.kind not in PARTY_KINDS:
            raise ValueError(f"unknown party kind {self.kind!r}")

    @property
    def is_business(self):
        return self.kind not in (CONSUMER, PUBLIC)


@dataclass(frozen=True)
class InvoiceClaim:
    """One unpaid invoice. ``residual`` is the principal still due (VAT
    included); ``payments`` the earlier ``(date, amount)`` payments, so that
    penalties run on what was unpaid each day; ``origin_date`` the delivery
    or service date (the claim's origin, L622-24 C. com.)."""

    number: str
    invoice_date: date
    due_date: date
    residual: Decimal
    payments: tuple = ()
    origin_date: date | None = None
    disputed_amount: Decimal = ZERO
    contractual_rate: Decimal | None = None
    penalty: AccrualResult | None = None
    acknowledgement_dates: tuple = ()

    @property
    def amount(self):
        """The invoice's amount before the payments listed."""
        paid = sum((to_decimal(value) for _day, value in self.payments), ZERO)
        return to_decimal(self.residual) + paid

    @property
    def origin(self):
        return self.origin_date or self.invoice_date


@dataclass(frozen=True)
class PieceRef:
    """A piece the user attaches: ``kind`` (invoice, order, contract,
    general_terms, delivery_proof, reminder, mise_en_demeure, lrar_proof,
    other...), its reference and date."""

    kind: str
    reference: str
    date: dt.date | None = None


@dataclass(frozen=True)
class NumberedPiece:
    number: int
    kind: str
    reference: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Refusal:
    """Why an act cannot be drafted, and the route to take instead."""

    reason: str
    article: str
    route: str | None = None
    court: str | None = None


@dataclass(frozen=True)
class ClaimLine:
    """One invoice in the account: ``penalty`` and ``interest`` keep their
    lines (period, days, base, rate) for the report."""

    number: str
    invoice_date: date
    due_date: date
    principal: Decimal
    penalty: AccrualResult
    indemnity: Decimal
    interest: AccrualResult
    total: Decimal


@dataclass(frozen=True)
class Decompte:
    """Account of the sums due on ``as_of`` (CPC 1407), per invoice."""

    as_of: date
    regime: str
    lines: tuple
    principal: Decimal
    penalties: Decimal
    indemnities: Decimal
    interest: Decimal
    total: Decimal
    basis: tuple
    interest_from: date | None = None


def party_is_merchant(party):
    """``(is_merchant, reason)`` for the court (C. com. L721-3, L210-1).

    The legal form decides when known (:func:`.merchant.merchant_status`);
    otherwise the declared kind. An unknown form is treated as non-merchant
    and said so (law notes §13): the tribunal judiciaire is never wrong for
    a claim against a non-merchant, and the user confirms.
    """
    if party.kind in (PUBLIC, CONSUMER):
        return merchant_status(party.kind != CONSUMER, party.kind)
    merchant, reason = merchant_status(True, party.legal_form, party.naf_code)
    if reason != REASON_UNKNOWN:
        return merchant, reason
    if party.kind in (MERCHANT, COMMERCIAL_COMPANY):
        return True, "declared_merchant"
    if party.kind == CIVIL:
        return False, "civil_company"
    return False, "form_unknown_treated_as_non_merchant"


def number_pieces(pieces):
    """The bordereau: the pieces numbered from 1, in the order given."""
    return tuple(
        NumberedPiece(index, piece.kind, piece.reference, piece.date)
        for index, piece in enumerate(pieces, start=1)
    )


def _penalty(invoice, until, rate_table):
    if invoice.penalty is not None:
        return invoice.penalty
    return late_penalties(
        invoice.amount,
        invoice.due_date,
        until,
        rate_table,
        payments=invoice.payments,
        contractual_rate=invoice.contractual_rate,
    )


def _business_line(invoice, until, rate_table, judgment_date, public):
    """Penalties (or moratory interest) and 40 € of a late invoice: late when
    its due date is before the account's day, or before the judgment."""
    late = invoice.due_date < (judgment_date or until)
    if public:
        accrued = public_late_interest(
            invoice.amount, invoice.due_date, until, rate_table, invoice.payments
        )
    else:
        accrued = _penalty(invoice, until, rate_table) if late else EMPTY
    barred = indemnity_barred_by_insolvency(invoice.due_date, judgment_date)
    indemnity = fixed_indemnity(True, barred, 1 if late else 0).total
    return accrued, indemnity


def _line(invoice, as_of, rate_table, debtor, interest_from, judgment_date):
    principal = to_decimal(invoice.residual)
    accrued, indemnity, interest = EMPTY, ZERO, EMPTY
    until = judgment_date - ONE_DAY if judgment_date else as_of
    if debtor.kind == CONSUMER:
        if interest_from:
            interest = legal_interest(
                invoice.amount, interest_from, until, rate_table, invoice.payments
            )
    else:
        accrued, indemnity = _business_line(
            invoice, until, rate_table, judgment_date, debtor.kind == PUBLIC
        )
    total = principal + accrued.total + indemnity + interest.total
    return ClaimLine(
        invoice.number,
        invoice.invoice_date,
        invoice.due_date,
        principal,
        accrued,
        indemnity,
        interest,
        total,
    )


def _regime(debtor):
    if debtor.kind == CONSUMER:
        return "consumer", (BASIS_CONTRACT, BASIS_LEGAL_INTEREST)
    if debtor.kind == PUBLIC:
        return "public", (BASIS_CONTRACT, BASIS_PUBLIC_INTEREST, BASIS_PUBLIC_INDEMNITY)
    return "business", (BASIS_CONTRACT, BASIS_PENALTIES, BASIS_INDEMNITY)


def build_decompte(
    invoices, as_of, rate_table, debtor, interest_from=None, judgment_date=None
):
    """Account of ``invoices`` on ``as_of`` for ``debtor`` (a :class:`Party`).

    ``interest_from``: for a consumer, the day the mise en demeure was
    received (C. civ. 1231-6, 1344-1); without it no interest is counted.
    ``judgment_date``: opening of an insolvency procedure; penalties and
    interest stop the day before (C. com. L622-28) and the 40 € of invoices
    not yet due on it is not owed (L441-10 II).
    """
    lines = tuple(
        _line(invoice, as_of, rate_table, debtor, interest_from, judgment_date)
        for invoice in invoices
    )
    regime, basis = _regime(debtor)

    def total(attribute):
        return sum((attribute(line) for line in lines), ZERO)

    return Decompte(
        as_of=as_of,
        regime=regime,
        lines=lines,
        principal=total(lambda line: line.principal),
        penalties=total(lambda line: line.penalty.total),
        indemnities=total(lambda line: line.indemnity),
        interest=total(lambda line: line.interest.total),
        total=total(lambda line: line.total),
        basis=basis,
        interest_from=interest_from if regime == "consumer" else None,
    )


def disputed_total(invoices):
    """Sum of the amounts the debtor disputes."""
    return sum((to_decimal(invoice.disputed_amount) for invoice in invoices), ZERO)


def missing_pieces(pieces, invoices, required=("mise_en_demeure", "lrar_proof")):
    """Kinds of piece the dossier lacks (law notes §11): an invoice piece per
    invoice number, and the ``required`` kinds."""
    kinds = {piece.kind for piece in pieces}
    references = {piece.reference for piece in pieces if piece.kind == "invoice"}
    missing = [kind for kind in required if kind not in kinds]
    missing += [
        f"invoice:{invoice.number}"
        for invoice in invoices
        if invoice.number not in references
    ]
    return tuple(missing)
