# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Acts for a customer under sauvegarde, redressement or liquidation.

- :func:`claim_declaration`: déclaration de créance to the mandataire
  judiciaire (C. com. L622-24, L622-25, R622-23): the amount due on the
  judgment date, the amounts to fall due with their dates, the nature of any
  security, the pieces; within 2 months of the BODACC publication, plus 2
  months for a creditor outside metropolitan France (R622-24). The claims
  declared are those whose origin (delivery or service, else the invoice)
  is before the judgment, whatever the invoice date (L622-24); the others
  are paid at their due date (L622-17). The judgment takes effect at 0 h:
  penalties stop the day before (L622-28); the 40 € stays owed for invoices
  already late before it (L441-10 II). A liquidation makes the claims not
  yet due payable (L643-1).
- :func:`retention_claim`: revendication of goods sold under a retention-of-
  title clause (L624-9, L624-16): within 3 months of the publication, by a
  letter to the administrator, else the debtor (R624-13).
- :func:`forclusion_relief`: relevé de forclusion (L622-26): asked of the
  juge-commissaire within 6 months of the publication, 1 year for a creditor
  who could not know of its claim before the 6 months ran out.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._util import ZERO, add_months
from .acts_common import Party, build_decompte, number_pieces
from .insolvency import claim_declaration_deadline
from .penalties import AccrualResult

SAUVEGARDE = "sauvegarde"
REDRESSEMENT = "redressement"
LIQUIDATION = "liquidation"
PROCEDURE_KINDS = (SAUVEGARDE, REDRESSEMENT, LIQUIDATION)
RETENTION_MONTHS = 3
RELIEF_MONTHS = 6
RELIEF_MONTHS_UNABLE_TO_KNOW = 12
RETENTION_RESPONSE_MONTHS = 1
JUGE_COMMISSAIRE = "juge_commissaire"
ADMINISTRATEUR_JUDICIAIRE = "administrateur_judiciaire"
DEBTOR = "debtor"
# Grounds of a relief (L622-26 al. 1).
GROUND_NOT_CREDITOR_FAULT = "not_creditor_fault"
GROUND_OMITTED_FROM_DEBTOR_LIST = "omitted_from_debtor_list"
RELIEF_GROUNDS = (GROUND_NOT_CREDITOR_FAULT, GROUND_OMITTED_FROM_DEBTOR_LIST)
SECURITY_KINDS = ("retention_of_title", "guarantee", "privilege", "pledge", "other")


@dataclass(frozen=True)
class Security:
    """A security or privilege the user declares with the claim (L622-25)."""

    kind: str
    description: str = ""
    invoice_numbers: tuple = ()

    def __post_init__(self):
        if self.kind not in SECURITY_KINDS:
            raise ValueError(f"unknown security kind {self.kind!r}")


@dataclass(frozen=True)
class DeclaredClaim:
    """An invoice declared: ``fallen_due`` when its due date is before the
    judgment (then ``amount_at_judgment`` holds principal, penalties to the
    eve and the 40 €), else its principal is ``to_fall_due`` on ``due_date``."""

    number: str
    origin_date: date
    invoice_date: date
    due_date: date
    principal: Decimal
    penalty: AccrualResult
    indemnity: Decimal
    fallen_due: bool
    amount_at_judgment: Decimal
    to_fall_due: Decimal


@dataclass(frozen=True)
class ExcludedClaim:
    """An invoice born on or after the judgment: not declared, paid at its
    due date (L622-17)."""

    number: str
    origin_date: date
    reason: str = "born_after_judgment"
    article: str = "L622-17 C. com."


@dataclass(frozen=True)
class ForclusionRelief:
    admissible: bool
    reasons: tuple
    declaration_deadline: date
    relief_deadline: date
    ground: str | None
    recipient: str = JUGE_COMMISSAIRE
    article: str = "L622-26 C. com."


@dataclass(frozen=True)
class ClaimDeclaration:
    """The déclaration de créance (L622-25, R622-23). ``amounts_to_fall_due``
    is a tuple of ``(due_date, amount)``; ``late`` once ``deadline`` passed,
    then ``relief`` tells whether a relevé de forclusion can still be asked."""

    creditor: Party
    debtor: Party
    mandataire: Party | str | None
    procedure_kind: str
    judgment_date: date
    bodacc_date: date
    claims: tuple
    excluded: tuple
    principal_due: Decimal
    penalties: Decimal
    indemnities: Decimal
    amount_due: Decimal
    amounts_to_fall_due: tuple
    to_fall_due_total: Decimal
    total: Decimal
    securities: tuple
    bordereau: tuple
    deadline: date
    late: bool
    relief: ForclusionRelief | None
    basis: tuple
    warnings: tuple = ()


def _declared(invoice, line, judgment_date):
    fallen_due = invoice.due_date < judgment_date
    return DeclaredClaim(
        number=invoice.number,
        origin_date=invoice.origin,
        invoice_date=invoice.invoice_date,
        due_date=invoice.due_date,
        principal=line.principal,
        penalty=line.penalty,
        indemnity=line.indemnity,
        fallen_due=fallen_due,
        amount_at_judgment=line.total if fallen_due else ZERO,
        to_fall_due=ZERO if fallen_due else line.principal,
    )


def declared_claims(invoices, judgment_date, rate_table, debtor):
    """``(declared, excluded)``: the invoices whose origin is before the
    judgment (L622-24), with their amounts at its eve (L622-28), and the
    others (L622-17)."""
    kept = [invoice for invoice in invoices if invoice.origin < judgment_date]
    excluded = tuple(
        ExcludedClaim(invoice.number, invoice.origin)
        for invoice in invoices
        if invoice.origin >= judgment_date
    )
    decompte = build_decompte(
        kept, judgment_date, rate_table, debtor, judgment_date=judgment_date
    )
    declared = tuple(
        _declared(invoice, line, judgment_date)
        for invoice, line in zip(kept, decompte.lines, strict=True)
    )
    return declared, excluded, decompte.basis


def _sum(claims, attribute):
    return sum((attribute(claim) for claim in claims), ZERO)


def declaration_totals(claims):
    """The figures of L622-25: what was due on the judgment date, and what
    falls due after it with its dates."""
    due = [claim for claim in claims if claim.fallen_due]
    to_fall = tuple(
        (claim.due_date, claim.to_fall_due) for claim in claims if not claim.fallen_due
    )
    amount_due = _sum(due, lambda claim: claim.amount_at_judgment)
    to_fall_total = sum((amount for _day, amount in to_fall), ZERO)
    return {
        "principal_due": _sum(due, lambda claim: claim.principal),
        "penalties": _sum(due, lambda claim: claim.penalty.total),
        "indemnities": _sum(due, lambda claim: claim.indemnity),
        "amount_due": amount_due,
        "amounts_to_fall_due": to_fall,
        "to_fall_due_total": to_fall_total,
        "total": amount_due + to_fall_total,
    }


def claim_declaration(
    creditor,
    debtor,
    invoices,
    rate_table,
    as_of,
    mandataire=None,
    securities=(),
    pieces=(),
    relief_ground=None,
    unable_to_know=False,
):
    """Déclaration de créance against ``debtor`` (a :class:`.Party` whose
    insolvency fields are set) drafted on ``as_of``. The deadline counts
    from ``debtor.insolvency_bodacc_date`` (R622-24; +2 months when
    ``creditor.outside_metropolitan_france``); once it has passed,
    ``relief`` says whether a relevé de forclusion is still open."""
    kind = debtor.insolvency_kind
    judgment, bodacc = debtor.insolvency_judgment_date, debtor.insolvency_bodacc_date
    if kind not in PROCEDURE_KINDS or not judgment or not bodacc:
        raise ValueError("the debtor's procedure, judgment and BODACC dates are needed")
    claims, excluded, basis = declared_claims(invoices, judgment, rate_table, debtor)
    outside = creditor.outside_metropolitan_france
    deadline = claim_declaration_deadline(bodacc, outside)
    late = as_of > deadline
    relief = (
        forclusion_relief(bodacc, as_of, outside, relief_ground, unable_to_know)
        if late
        else None
    )
    totals = declaration_totals(claims)
    warnings = ()
    if kind == LIQUIDATION and totals["amounts_to_fall_due"]:
        warnings = (("not_yet_due_become_due", {"article": "L643-1 C. com."}),)
    return ClaimDeclaration(
        creditor=creditor,
        debtor=debtor,
        mandataire=mandataire,
        procedure_kind=kind,
        judgment_date=judgment,
        bodacc_date=bodacc,
        claims=claims,
        excluded=excluded,
        securities=tuple(securities),
        bordereau=number_pieces(pieces),
        deadline=deadline,
        late=late,
        relief=relief,
        basis=basis,
        warnings=warnings,
        **totals,
    )


def forclusion_relief(
    bodacc_date,
    as_of,
    creditor_outside_metropolitan_france=False,
    ground=None,
    unable_to_know=False,
):
    """Relevé de forclusion (L622-26): admissible once the declaration
    deadline has passed, up to 6 months after the publication (1 year when
    the creditor could not know of its claim before), on a ground of
    :data:`RELIEF_GROUNDS` (its default is not its fault, or the debtor left
    it off the list of L622-6)."""
    deadline = claim_declaration_deadline(
        bodacc_date, creditor_outside_metropolitan_france
    )
    months = RELIEF_MONTHS_UNABLE_TO_KNOW if unable_to_know else RELIEF_MONTHS
    relief_deadline = add_months(bodacc_date, months)
    reasons = []
    if as_of <= deadline:
        reasons.append(("declaration_still_open", {"deadline": deadline}))
    if as_of > relief_deadline:
        reasons.append(("relief_deadline_passed", {"months": months}))
    if ground not in RELIEF_GROUNDS:
        reasons.append(("relief_ground_required", {}))
    return ForclusionRelief(
        admissible=not reasons,
        reasons=tuple(reasons),
        declaration_deadline=deadline,
        relief_deadline=relief_deadline,
        ground=ground,
    )


@dataclass(frozen=True)
class RetentionClaim:
    """Revendication of goods under a retention-of-title clause. The
    recipient has 1 month to answer; without agreement the juge-commissaire
    must be seized within the following month (R624-13)."""

    eligible: bool
    reasons: tuple
    deadline: date
    recipient: str
    goods: tuple
    invoice_numbers: tuple
    response_months: int = RETENTION_RESPONSE_MONTHS
    judge_referral_months: int = RETENTION_RESPONSE_MONTHS
    articles: str = "L624-9, L624-16, R624-13 C. com."


def retention_claim(
    bodacc_date,
    as_of,
    clause_agreed_in_writing,
    goods,
    goods_in_kind=True,
    administrator_appointed=False,
    invoice_numbers=(),
):
    """Claim for goods sold with a retention-of-title clause (L624-16: the
    clause agreed in writing at the latest on delivery, the goods still in
    kind and identified) within 3 months of the publication (L624-9)."""
    deadline = add_months(bodacc_date, RETENTION_MONTHS)
    reasons = []
    if not clause_agreed_in_writing:
        reasons.append(("no_retention_clause", {"article": "L624-16 C. com."}))
    if not goods:
        reasons.append(("goods_not_identified", {"article": "L624-16 C. com."}))
    if not goods_in_kind:
        reasons.append(("goods_not_in_kind", {"article": "L624-16 C. com."}))
    if as_of > deadline:
        reasons.append(("claim_deadline_passed", {"article": "L624-9 C. com."}))
    recipient = ADMINISTRATEUR_JUDICIAIRE if administrator_appointed else DEBTOR
    return RetentionClaim(
        eligible=not reasons,
        reasons=tuple(reasons),
        deadline=deadline,
        recipient=recipient,
        goods=tuple(goods),
        invoice_numbers=tuple(invoice_numbers),
    )
