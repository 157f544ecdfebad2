# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The judicial acts, as data for the reports, and which of them fits now.

One pure function per act, each returning a frozen dataclass (codes,
figures, dates, lists; no sentences):

- :func:`injonction_request` (CPC 1405-1407), :func:`small_claims_request`
  (CPCE L125-1), :func:`mandate_letter` — see :mod:`.acts_court`;
- :func:`claim_declaration` (C. com. L622-24, L622-25, R622-23),
  :func:`retention_claim` (L624-9, L624-16), :func:`forclusion_relief`
  (L622-26) — see :mod:`.acts_insolvency`;
- :func:`conciliation_referral` (CPC 750-1), :func:`business_mediation_referral`,
  :func:`consumer_mediation_referral` (C. conso. L612-1), with their effect on
  the prescription (C. civ. 2238) — see :mod:`.acts_referral`.

:func:`acts_available` maps the advice of :func:`.procedure.advise_procedure`
to the acts that can be drafted now, and says why the others cannot.
"""

from dataclasses import dataclass

from ._util import add_months
from .acts_common import (
    CONSUMER,
    PUBLIC,
    ClaimLine,
    Decompte,
    InvoiceClaim,
    NumberedPiece,
    Party,
    PieceRef,
    Refusal,
    build_decompte,
    number_pieces,
    party_is_merchant,
)
from .acts_court import (
    FeeTerms,
    InjonctionRequest,
    MandateLetter,
    SmallClaimsRequest,
    court_for,
    injonction_refusal,
    injonction_request,
    mandate_letter,
    small_claims_refusals,
    small_claims_request,
)
from .acts_insolvency import (
    RELIEF_MONTHS,
    RETENTION_MONTHS,
    ClaimDeclaration,
    DeclaredClaim,
    ExcludedClaim,
    ForclusionRelief,
    RetentionClaim,
    Security,
    claim_declaration,
    declared_claims,
    forclusion_relief,
    retention_claim,
)
from .acts_referral import (
    BUSINESS_MEDIATION_REFERRAL,
    CONCILIATION_REFERRAL,
    CONSUMER_MEDIATION_REFERRAL,
    PrescriptionEffect,
    Referral,
    business_mediation_referral,
    conciliation_referral,
    consumer_mediation_referral,
    invoice_prescription,
    prescription_effects,
)
from .insolvency import claim_declaration_deadline
from .procedure import (
    AMICABLE_FIRST,
    ASSIGNATION,
    DECLARE_CLAIM,
    INJONCTION_DE_PAYER,
    PETITES_CREANCES,
    REFERE_PROVISION,
)

INJONCTION_REQUEST = "injonction_request"
SMALL_CLAIMS_REQUEST = "small_claims_request"
MANDATE_LETTER = "mandate_letter"
CLAIM_DECLARATION = "claim_declaration"
RETENTION_CLAIM = "retention_claim"
FORCLUSION_RELIEF = "forclusion_relief"
ACT_CODES = (
    INJONCTION_REQUEST,
    SMALL_CLAIMS_REQUEST,
    MANDATE_LETTER,
    CLAIM_DECLARATION,
    RETENTION_CLAIM,
    FORCLUSION_RELIEF,
    CONCILIATION_REFERRAL,
    BUSINESS_MEDIATION_REFERRAL,
    CONSUMER_MEDIATION_REFERRAL,
)
INSOLVENCY_ACTS = (CLAIM_DECLARATION, RETENTION_CLAIM, FORCLUSION_RELIEF)
PRIOR_AMICABLE = "prior_amicable_attempt_required"


@dataclass(frozen=True)
class ActChoice:
    """``available``: ``(act, reasons)`` best first; ``unavailable``:
    ``(act, reason, params)``; every act of :data:`ACT_CODES` is in one."""

    available: tuple
    unavailable: tuple

    @property
    def codes(self):
        return tuple(act for act, _reasons in self.available)

    def reason_for(self, act):
        """The code saying why ``act`` is not available (None if it is)."""
        return next((code for name, code, _p in self.unavailable if name == act), None)


class _Choice:
    def __init__(self):
        self.available, self.unavailable = {}, {}

    def add(self, act, *reasons):
        self.unavailable.pop(act, None)
        self.available.setdefault(act, []).extend(reasons)

    def refuse(self, act, reason, **params):
        if act not in self.available and act not in self.unavailable:
            self.unavailable[act] = (reason, params)

    def result(self):
        for act in ACT_CODES:
            self.refuse(act, "not_suggested_by_advice")
        available = tuple((act, tuple(r)) for act, r in self.available.items())
        unavailable = tuple(
            (act, reason, params) for act, (reason, params) in self.unavailable.items()
        )
        return ActChoice(available, unavailable)


def _insolvency_acts(choice, debtor, as_of, retention_clause, outside):
    """Declaration while open (L622-24); revendication within 3 months
    (L624-9); relevé de forclusion past the deadline, within 6 months
    (L622-26)."""
    bodacc = debtor.insolvency_bodacc_date
    if not bodacc:
        choice.add(CLAIM_DECLARATION, ("publication_date_missing", {}))
        for act in (RETENTION_CLAIM, FORCLUSION_RELIEF):
            choice.refuse(act, "publication_date_missing")
        return
    deadline = claim_declaration_deadline(bodacc, outside)
    relief_end = add_months(bodacc, RELIEF_MONTHS)
    if as_of <= deadline:
        choice.add(CLAIM_DECLARATION, ("declaration_deadline", {"date": deadline}))
        choice.refuse(FORCLUSION_RELIEF, "declaration_still_open", date=deadline)
    elif as_of <= relief_end:
        choice.add(FORCLUSION_RELIEF, ("relief_deadline", {"date": relief_end}))
        choice.add(CLAIM_DECLARATION, ("with_forclusion_relief", {}))
    else:
        choice.refuse(FORCLUSION_RELIEF, "relief_deadline_passed", date=relief_end)
        choice.refuse(CLAIM_DECLARATION, "declaration_foreclosed", date=deadline)
    retention_end = add_months(bodacc, RETENTION_MONTHS)
    if not retention_clause:
        choice.refuse(RETENTION_CLAIM, "no_retention_clause")
    elif as_of > retention_end:
        choice.refuse(RETENTION_CLAIM, "claim_deadline_passed", date=retention_end)
    else:
        choice.add(RETENTION_CLAIM, ("retention_deadline", {"date": retention_end}))


def _referrals(choice, debtor, consumer_mediator):
    if debtor.kind == CONSUMER:
        if consumer_mediator:
            choice.add(CONSUMER_MEDIATION_REFERRAL, ("consumer_mediator", {}))
        else:
            choice.refuse(CONSUMER_MEDIATION_REFERRAL, "consumer_mediator_missing")
        choice.refuse(BUSINESS_MEDIATION_REFERRAL, "debtor_not_business")
    else:
        choice.add(BUSINESS_MEDIATION_REFERRAL, ("mediation_suspends_prescription", {}))
        choice.refuse(CONSUMER_MEDIATION_REFERRAL, "debtor_not_consumer")
    choice.add(CONCILIATION_REFERRAL, ("mediation_suspends_prescription", {}))


def _step_acts(choice, step):
    reasons = step.reason_codes
    if step.code == INJONCTION_DE_PAYER:
        choice.add(INJONCTION_REQUEST, *step.reasons)
        choice.add(MANDATE_LETTER, ("serve_the_order", {"article": "1411 CPC"}))
    elif step.code == PETITES_CREANCES:
        choice.add(SMALL_CLAIMS_REQUEST, *step.reasons)
        choice.add(MANDATE_LETTER, ("petites_creances_mission", {}))
    elif step.code in (ASSIGNATION, REFERE_PROVISION) and PRIOR_AMICABLE in reasons:
        choice.add(CONCILIATION_REFERRAL, (PRIOR_AMICABLE, {"article": "750-1 CPC"}))


def _court_acts(choice, advice, debtor, consumer_mediator):
    steps = (advice, *advice.alternatives)
    if advice.code == AMICABLE_FIRST:
        for act in (INJONCTION_REQUEST, SMALL_CLAIMS_REQUEST):
            choice.refuse(act, "mise_en_demeure_not_sent", article="1344 C. civ.")
        choice.add(MANDATE_LETTER, ("amicable_recovery", {}))
    else:
        for step in steps:
            _step_acts(choice, step)
    codes = {code for step in steps for code in step.reason_codes}
    if "claim_disputed" in codes:
        choice.refuse(INJONCTION_REQUEST, "claim_disputed")
        choice.refuse(SMALL_CLAIMS_REQUEST, "claim_disputed")
    if "amount_above_threshold" in codes:
        choice.refuse(SMALL_CLAIMS_REQUEST, "amount_above_threshold")
    _referrals(choice, debtor, consumer_mediator)


def acts_available(
    advice,
    debtor,
    as_of,
    retention_clause=False,
    consumer_mediator=None,
    creditor_outside_metropolitan_france=False,
):
    """Acts that can be drafted on ``as_of`` given ``advice`` (an
    :class:`.procedure.Advice`) and ``debtor`` (a :class:`.Party`)."""
    choice = _Choice()
    if advice.code == DECLARE_CLAIM or debtor.is_insolvent:
        _insolvency_acts(
            choice,
            debtor,
            as_of,
            retention_clause,
            creditor_outside_metropolitan_france,
        )
        for act in ACT_CODES:
            choice.refuse(act, "debtor_insolvent", article="L622-21 C. com.")
        return choice.result()
    for act in INSOLVENCY_ACTS:
        choice.refuse(act, "debtor_not_insolvent")
    if debtor.kind == PUBLIC:
        for act in ACT_CODES:
            choice.refuse(act, "public_person", article="R541-1 CJA")
        return choice.result()
    _court_acts(choice, advice, debtor, consumer_mediator)
    return choice.result()


__all__ = [
    "ACT_CODES",
    "ActChoice",
    "ClaimDeclaration",
    "ClaimLine",
    "DeclaredClaim",
    "Decompte",
    "ExcludedClaim",
    "FeeTerms",
    "ForclusionRelief",
    "InjonctionRequest",
    "InvoiceClaim",
    "MandateLetter",
    "NumberedPiece",
    "Party",
    "PieceRef",
    "PrescriptionEffect",
    "Referral",
    "Refusal",
    "RetentionClaim",
    "Security",
    "SmallClaimsRequest",
    "acts_available",
    "build_decompte",
    "business_mediation_referral",
    "claim_declaration",
    "conciliation_referral",
    "consumer_mediation_referral",
    "court_for",
    "declared_claims",
    "forclusion_relief",
    "injonction_refusal",
    "injonction_request",
    "invoice_prescription",
    "mandate_letter",
    "number_pieces",
    "party_is_merchant",
    "prescription_effects",
    "retention_claim",
    "small_claims_refusals",
    "small_claims_request",
]
