# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Acts addressed to a court or to a commissaire de justice (ex-huissier).

- :func:`injonction_request`: requête en injonction de payer (CPC 1405 to
  1407): names, the amount with its breakdown, the basis of the claim, the
  pieces; before the court of the place where the debtor lives (CPC 1406):
  tribunal de commerce between merchants / commercial companies (C. com.
  L721-3), tribunal judiciaire otherwise. Refused against a public person
  (référé-provision before the tribunal administratif, CJA R541-1), a debtor
  under an insolvency procedure (declaration, C. com. L622-21) and for a
  disputed claim (référé or action on the merits).
- :func:`small_claims_request`: procédure simplifiée de recouvrement des
  petites créances (CPCE L125-1, R125-1 to R125-8): a claim of contractual or
  statutory cause of at most 5 000 € in principal and interest; the debtor
  has one month to agree; the fees of any kind are borne by the creditor
  alone (L125-1).
- :func:`mandate_letter`: the creditor's mandate to the commissaire de
  justice, any mission, with the fee terms the user entered.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._util import to_decimal
from .acts_common import (
    PUBLIC,
    Decompte,
    Party,
    Refusal,
    build_decompte,
    disputed_total,
    missing_pieces,
    number_pieces,
    party_is_merchant,
)
from .procedure import (
    ASSIGNATION,
    COMMISSAIRE_DE_JUSTICE,
    MANDATAIRE_JUDICIAIRE,
    REFERE_PROVISION,
    TRIBUNAL_ADMINISTRATIF,
    competent_court,
)

CLAIM_DECLARATION = "claim_declaration"
SMALL_CLAIMS_THRESHOLD = Decimal(5000)
SMALL_CLAIMS_RESPONSE_MONTHS = 1

# Missions of the commissaire de justice.
MISSION_AMIABLE = "amiable"
MISSION_INJONCTION = "injonction"
MISSION_PETITES_CREANCES = "petites_creances"
MISSION_EXECUTION = "execution"
MISSIONS = (
    MISSION_AMIABLE,
    MISSION_INJONCTION,
    MISSION_PETITES_CREANCES,
    MISSION_EXECUTION,
)
FEE_FIXED = "fixed"
FEE_PERCENTAGE = "percentage"
FEE_TARIFF = "tariff"
FEE_KINDS = (FEE_FIXED, FEE_PERCENTAGE, FEE_TARIFF)


@dataclass(frozen=True)
class InjonctionRequest:
    """The requête (CPC 1407), or its ``refusal``. ``court_reasons`` and
    ``warnings`` are ``(code, params)`` pairs; ``court_city`` is the
    debtor's city, for the user to confirm (CPC 1406)."""

    refusal: Refusal | None
    creditor: Party
    debtor: Party
    court: str | None = None
    court_city: str | None = None
    court_reasons: tuple = ()
    decompte: Decompte | None = None
    basis: tuple = ()
    bordereau: tuple = ()
    mise_en_demeure_date: date | None = None
    acknowledgement_date: date | None = None
    warnings: tuple = ()

    @property
    def drafted(self):
        return self.refusal is None


def injonction_refusal(debtor, invoices, contractual=True):
    """Why no injonction de payer can be asked, or None.

    Public person: CJA R541-1 (référé-provision, tribunal administratif);
    insolvent debtor: C. com. L622-21 (declare the claim); claim of neither
    contractual nor statutory cause: CPC 1405; disputed claim: the order would
    meet an opposition (CPC 1416), go to référé or to the merits.
    """
    if debtor.kind == PUBLIC:
        return Refusal(
            "public_person", "R541-1 CJA", REFERE_PROVISION, TRIBUNAL_ADMINISTRATIF
        )
    if debtor.is_insolvent:
        return Refusal(
            "debtor_insolvent",
            "L622-21 C. com.",
            CLAIM_DECLARATION,
            MANDATAIRE_JUDICIAIRE,
        )
    if not contractual:
        return Refusal("not_contractual", "1405 CPC", ASSIGNATION)
    if disputed_total(invoices) > 0:
        return Refusal("claim_disputed", "1405, 1416 CPC", ASSIGNATION)
    return None


def court_for(creditor, debtor):
    """``(court, reasons)`` for a claim of ``creditor`` against ``debtor``
    (C. com. L721-3 through :func:`.procedure.competent_court`)."""
    debtor_merchant, debtor_reason = party_is_merchant(debtor)
    creditor_merchant, creditor_reason = party_is_merchant(creditor)
    court, reasons = competent_court(
        debtor.is_business, debtor_merchant, creditor_merchant
    )
    return court, (
        *reasons,
        ("debtor_status", {"reason": debtor_reason}),
        ("creditor_status", {"reason": creditor_reason}),
    )


def _injonction_warnings(debtor, invoices, pieces, mise_en_demeure, receipt):
    warnings = [("court_city_to_confirm", {"article": "1406 CPC"})]
    if not mise_en_demeure:
        warnings.append(("no_mise_en_demeure", {"article": "1344 C. civ."}))
    elif not receipt:
        warnings.append(("no_acknowledgement_of_receipt", {}))
    warnings += [
        ("missing_piece", {"piece": code}) for code in missing_pieces(pieces, invoices)
    ]
    return tuple(warnings)


def injonction_request(
    creditor,
    debtor,
    invoices,
    as_of,
    rate_table,
    pieces=(),
    mise_en_demeure_date=None,
    acknowledgement_date=None,
    contractual=True,
):
    """Requête en injonction de payer on ``as_of`` (CPC 1405-1407).

    ``invoices``: :class:`.acts_common.InvoiceClaim`; ``pieces``:
    :class:`.acts_common.PieceRef`, numbered into the bordereau. Consumer
    interest runs from ``acknowledgement_date``, the receipt of the mise en
    demeure (C. civ. 1231-6, 1344-1).
    """
    refusal = injonction_refusal(debtor, invoices, contractual)
    if refusal:
        return InjonctionRequest(refusal, creditor, debtor)
    court, reasons = court_for(creditor, debtor)
    decompte = build_decompte(
        invoices, as_of, rate_table, debtor, interest_from=acknowledgement_date
    )
    warnings = _injonction_warnings(
        debtor, invoices, pieces, mise_en_demeure_date, acknowledgement_date
    )
    return InjonctionRequest(
        refusal=None,
        creditor=creditor,
        debtor=debtor,
        court=court,
        court_city=debtor.city,
        court_reasons=reasons,
        decompte=decompte,
        basis=decompte.basis,
        bordereau=number_pieces(pieces),
        mise_en_demeure_date=mise_en_demeure_date,
        acknowledgement_date=acknowledgement_date,
        warnings=warnings,
    )


@dataclass(frozen=True)
class FeeTerms:
    """The commissaire de justice's fees as agreed: a ``fixed`` amount, a
    ``percentage`` of the sums recovered, or the regulated ``tariff``
    (C. com. L444-1 and following); values entered by the user."""

    kind: str
    fixed_amount: Decimal | None = None
    percentage: Decimal | None = None

    def __post_init__(self):
        if self.kind not in FEE_KINDS:
            raise ValueError(f"unknown fee kind {self.kind!r}")
        if self.kind == FEE_FIXED and not (
            self.fixed_amount and to_decimal(self.fixed_amount) > 0
        ):
            raise ValueError("a fixed fee needs a positive amount")
        if self.kind == FEE_PERCENTAGE and not (
            self.percentage and 0 < to_decimal(self.percentage) <= 100
        ):
            raise ValueError("a percentage fee needs a rate in ]0, 100]")


@dataclass(frozen=True)
class MandateLetter:
    """Mandate to the commissaire de justice. ``fees_borne_by_creditor``
    with its article: recovery without an enforceable title (CPCE L111-8)
    and the petites créances procedure (L125-1) stay at the creditor's
    charge."""

    mission: str
    creditor: Party
    debtor: Party
    recipient: str | None
    decompte: Decompte | None
    amount: Decimal
    bordereau: tuple
    fee_terms: FeeTerms
    fees_borne_by_creditor: bool
    fees_article: str | None
    enforceable_title: str | None = None
    warnings: tuple = ()


def _fees_rule(mission):
    if mission == MISSION_PETITES_CREANCES:
        return True, "L125-1 CPCE"
    if mission == MISSION_AMIABLE:
        return True, "L111-8 CPCE"
    return False, "L111-8 CPCE"


def mandate_letter(
    mission,
    creditor,
    debtor,
    decompte,
    fee_terms,
    pieces=(),
    recipient=None,
    enforceable_title=None,
):
    """Mandate letter for ``mission`` (:data:`MISSIONS`). An execution
    mission needs an enforceable title (CPCE L111-2, L111-3): without its
    reference the letter carries the warning ``enforceable_title_missing``."""
    if mission not in MISSIONS:
        raise ValueError(f"unknown mission {mission!r}")
    borne, article = _fees_rule(mission)
    warnings = ()
    if mission == MISSION_EXECUTION and not enforceable_title:
        warnings = (("enforceable_title_missing", {"article": "L111-2 CPCE"}),)
    return MandateLetter(
        mission=mission,
        creditor=creditor,
        debtor=debtor,
        recipient=recipient,
        decompte=decompte,
        amount=decompte.total if decompte else Decimal("0.00"),
        bordereau=number_pieces(pieces),
        fee_terms=fee_terms,
        fees_borne_by_creditor=borne,
        fees_article=article,
        enforceable_title=enforceable_title,
        warnings=warnings,
    )


@dataclass(frozen=True)
class SmallClaimsRequest:
    """Request to a commissaire de justice under CPCE L125-1. ``refusals``
    lists every reason it is not available; ``total`` (principal, interest,
    penalties and indemnities) is compared with ``threshold``."""

    eligible: bool
    refusals: tuple
    creditor: Party
    debtor: Party
    decompte: Decompte
    total: Decimal
    threshold: Decimal
    mandate: MandateLetter | None
    bordereau: tuple
    recipient: str = COMMISSAIRE_DE_JUSTICE
    fees_borne_by_creditor: bool = True
    fees_article: str = "L125-1 CPCE"
    debtor_agreement_required: bool = True
    response_months: int = SMALL_CLAIMS_RESPONSE_MONTHS
    agreement_suspends_prescription: bool = True


def small_claims_refusals(debtor, invoices, total, contractual=True):
    """Every reason the petites créances procedure is closed (CPCE L125-1,
    R125-1: contractual or statutory claim, at most 5 000 € in principal and
    interest — the whole claimed total is counted, the safe reading)."""
    refusals = []
    if debtor.kind == PUBLIC:
        refusals.append(
            Refusal(
                "public_person", "R541-1 CJA", REFERE_PROVISION, TRIBUNAL_ADMINISTRATIF
            )
        )
    if debtor.is_insolvent:
        refusals.append(
            Refusal(
                "debtor_insolvent",
                "L622-21 C. com.",
                CLAIM_DECLARATION,
                MANDATAIRE_JUDICIAIRE,
            )
        )
    if not contractual:
        refusals.append(Refusal("not_contractual", "L125-1 CPCE"))
    if total > SMALL_CLAIMS_THRESHOLD:
        refusals.append(Refusal("amount_above_threshold", "R125-1 CPCE"))
    if disputed_total(invoices) > 0:
        refusals.append(Refusal("claim_disputed", "L125-1 CPCE", ASSIGNATION))
    return tuple(refusals)


def small_claims_request(
    creditor,
    debtor,
    invoices,
    as_of,
    rate_table,
    fee_terms,
    pieces=(),
    acknowledgement_date=None,
    contractual=True,
):
    """Petites créances request on ``as_of``, with its décompte and the
    mandate to the commissaire de justice (mission ``petites_creances``)."""
    decompte = build_decompte(
        invoices, as_of, rate_table, debtor, interest_from=acknowledgement_date
    )
    refusals = small_claims_refusals(debtor, invoices, decompte.total, contractual)
    mandate = None
    if not refusals:
        mandate = mandate_letter(
            MISSION_PETITES_CREANCES, creditor, debtor, decompte, fee_terms, pieces
        )
    return SmallClaimsRequest(
        eligible=not refusals,
        refusals=refusals,
        creditor=creditor,
        debtor=debtor,
        decompte=decompte,
        total=decompte.total,
        threshold=SMALL_CLAIMS_THRESHOLD,
        mandate=mandate,
        bordereau=number_pieces(pieces),
    )
