# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which procedure to use next for an unpaid claim.

:func:`advise_procedure` returns an :class:`Advice`: a procedure code, the
body to address, reasons and ranked alternatives. Reasons are stable codes
with parameters, e.g. ``("amount_below_threshold", {"threshold": ...})``,
never prose: the Odoo layer translates them. The rules, in order:

1. ``declare_claim``: debtor under sauvegarde / redressement / liquidation.
   Individual actions are stayed (Code de commerce L622-21); declare the
   claim to the mandataire judiciaire within 2 months of the BODACC
   publication (L622-24, R622-24). No alternative.
2. ``amicable_first``: no mise en demeure yet (Code civil 1344): send one
   first; the court steps are given as alternatives.
3. Disputed claim: ``assignation`` (summons on the merits) before the
   competent court, with ``mediation`` suggested (médiateur des entreprises
   between businesses, else conciliateur de justice; suspends prescription,
   C. civ. 2238). Before the tribunal judiciaire, claims up to 5 000 € need
   a prior amicable attempt (CPC 750-1).
4. Undisputed claim:
   - ``refere_provision`` first when speed is needed (``urgent``): the
     obligation is not seriously disputable (CPC 835 al. 2 tribunal
     judiciaire, 873 al. 2 tribunal de commerce);
   - ``petites_creances``: contractual claim up to 5 000 € (principal and
     interest), handled by a commissaire de justice, needs the debtor's
     agreement (C. proc. civ. exéc. L125-1, R125-1);
   - ``injonction_de_payer``: request without hearing nor lawyer, any amount
     (CPC 1405 and following);
   - ``refere_provision`` (when not urgent), then ``assignation`` as the last
     resort, the natural route for large claims.

Competent court: tribunal de commerce between merchants / commercial
companies (C. com. L721-3), tribunal judiciaire otherwise. A non-merchant
creditor suing a merchant may choose the tribunal de commerce. Who is a
merchant: see :mod:`.merchant`.

Public buyers (State, local authorities, public hospitals): no injonction de
payer nor petites créances against a public person; the tribunal
administratif, first by its référé-provision (Code de justice
administrative R541-1), then on the merits.

CPC 750-1: before the tribunal judiciaire, up to 5 000 €, a prior attempt
at amicable resolution is required: a conciliateur de justice, a mediation
or a procédure participative; a mise en demeure is not one. The
injonction de payer is exempt.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from ._util import to_decimal

DECLARE_CLAIM = "declare_claim"
AMICABLE_FIRST = "amicable_first"
PETITES_CREANCES = "petites_creances"
INJONCTION_DE_PAYER = "injonction_de_payer"
REFERE_PROVISION = "refere_provision"
ASSIGNATION = "assignation"
MEDIATION = "mediation"
CODES = (
    DECLARE_CLAIM,
    AMICABLE_FIRST,
    PETITES_CREANCES,
    INJONCTION_DE_PAYER,
    REFERE_PROVISION,
    ASSIGNATION,
    MEDIATION,
)

TRIBUNAL_DE_COMMERCE = "tribunal_de_commerce"
TRIBUNAL_JUDICIAIRE = "tribunal_judiciaire"
TRIBUNAL_ADMINISTRATIF = "tribunal_administratif"
COMMISSAIRE_DE_JUSTICE = "commissaire_de_justice"
MANDATAIRE_JUDICIAIRE = "mandataire_judiciaire"
MEDIATEUR_DES_ENTREPRISES = "mediateur_des_entreprises"
CONCILIATEUR_DE_JUSTICE = "conciliateur_de_justice"

PETITES_CREANCES_THRESHOLD = Decimal(5000)
AMICABLE_ATTEMPT_THRESHOLD = Decimal(5000)
DECLARATION_MONTHS = 2


@dataclass(frozen=True)
class Advice:
    """``reasons`` is a tuple of ``(code, params)``; ``alternatives`` holds
    further :class:`Advice` objects, best first."""

    code: str
    court: str | None
    reasons: tuple = ()
    alternatives: tuple = ()

    @property
    def reason_codes(self):
        return tuple(code for code, _params in self.reasons)


def _threshold_param(value):
    return int(value) if value == value.to_integral_value() else value


def competent_court(debtor_is_business, debtor_is_merchant, creditor_is_merchant):
    """Court code and reasons for a claim for payment (C. com. L721-3)."""
    debtor_merchant = bool(debtor_is_business and debtor_is_merchant)
    if debtor_merchant and creditor_is_merchant:
        return TRIBUNAL_DE_COMMERCE, (
            ("both_parties_merchants", {"article": "L721-3 C. com."}),
        )
    reasons = [("not_between_merchants", {})]
    if debtor_merchant:
        reasons.append(("creditor_may_choose_commercial_court", {}))
    return TRIBUNAL_JUDICIAIRE, tuple(reasons)


def _amicable_reason():
    """The reason "a prior amicable attempt is required" (art. 750-1 CPC)."""
    return (
        "prior_amicable_attempt_required",
        {
            "threshold": _threshold_param(AMICABLE_ATTEMPT_THRESHOLD),
            "article": "750-1 CPC",
        },
    )


def _disputed_steps(debtor_is_business, court, court_reasons, amicable_attempt):
    """Steps for a disputed claim: assignation on the merits, then mediation."""
    reasons = [("claim_disputed", {}), *court_reasons]
    if amicable_attempt:
        reasons.append(_amicable_reason())
    mediator = (
        MEDIATEUR_DES_ENTREPRISES if debtor_is_business else CONCILIATEUR_DE_JUSTICE
    )
    mediation = Advice(
        MEDIATION,
        mediator,
        (
            ("claim_disputed", {}),
            ("mediation_suspends_prescription", {"article": "2238 C. civ."}),
        ),
    )
    return [Advice(ASSIGNATION, court, tuple(reasons)), mediation]


def _refere_advice(court, court_reasons, urgent, amicable_attempt):
    """The référé-provision before ``court`` (art. 873 or 835 CPC)."""
    refere_article = "873 CPC" if court == TRIBUNAL_DE_COMMERCE else "835 CPC"
    refere_reasons = [
        ("obligation_not_seriously_disputable", {"article": refere_article}),
        ("fast_procedure", {}),
        *court_reasons,
    ]
    if urgent:
        refere_reasons.append(("urgency", {}))
    elif amicable_attempt:
        refere_reasons.append(_amicable_reason())
    return Advice(REFERE_PROVISION, court, tuple(refere_reasons))


def _injonction_advice(court, court_reasons):
    """The injonction de payer before ``court`` (art. 1405 CPC)."""
    return Advice(
        INJONCTION_DE_PAYER,
        court,
        (
            ("claim_undisputed", {}),
            ("no_hearing_no_lawyer", {"article": "1405 CPC"}),
            *court_reasons,
        ),
    )


def _assignation_advice(court, court_reasons, large, amicable_attempt):
    """The assignation on the merits before ``court``, the last resort."""
    assignation_reasons = [("last_resort", {})]
    if large:
        assignation_reasons.insert(
            0,
            (
                "amount_above_threshold",
                {"threshold": _threshold_param(PETITES_CREANCES_THRESHOLD)},
            ),
        )
    assignation_reasons.extend(court_reasons)
    if amicable_attempt:
        assignation_reasons.append(_amicable_reason())
    return Advice(ASSIGNATION, court, tuple(assignation_reasons))


def _petites_creances_advice():
    """The petites créances procedure before a commissaire de justice."""
    return Advice(
        PETITES_CREANCES,
        COMMISSAIRE_DE_JUSTICE,
        (
            (
                "amount_below_threshold",
                {
                    "threshold": _threshold_param(PETITES_CREANCES_THRESHOLD),
                    "article": "R125-1 CPCE",
                },
            ),
            ("contractual_claim", {}),
            ("debtor_agreement_required", {"article": "L125-1 CPCE"}),
            # L125-1 al. 3 CPCE: "les frais de toute nature qu'occasionne la
            # procédure sont à la charge exclusive du créancier".
            ("costs_borne_by_creditor", {"article": "L125-1 CPCE"}),
        ),
    )


def _court_steps(
    amount, debtor_is_business, court, court_reasons, disputed, urgent, contractual
):
    """The judicial steps before ``court``, best first, for a private debtor."""
    amicable_attempt = (
        court == TRIBUNAL_JUDICIAIRE and amount <= AMICABLE_ATTEMPT_THRESHOLD
    )
    if disputed:
        return _disputed_steps(
            debtor_is_business, court, court_reasons, amicable_attempt
        )
    refere = _refere_advice(court, court_reasons, urgent, amicable_attempt)
    large = amount > PETITES_CREANCES_THRESHOLD
    steps = [refere] if urgent else []
    if contractual and not large:
        steps.append(_petites_creances_advice())
    steps.append(_injonction_advice(court, court_reasons))
    if not urgent:
        steps.append(refere)
    steps.append(_assignation_advice(court, court_reasons, large, amicable_attempt))
    return steps


def _public_steps():
    """The steps before the administrative court, for a public debtor."""
    refere = Advice(
        REFERE_PROVISION,
        TRIBUNAL_ADMINISTRATIF,
        (
            ("public_person_no_injonction", {}),
            ("refere_provision_administratif", {"article": "R541-1 CJA"}),
        ),
    )
    merits = Advice(
        ASSIGNATION,
        TRIBUNAL_ADMINISTRATIF,
        (("administrative_court_merits", {}), ("last_resort", {})),
    )
    return [refere, merits]


def advise_procedure(
    amount,
    debtor_is_business,
    debtor_is_merchant,
    creditor_is_merchant,
    disputed,
    insolvent,
    mise_en_demeure_sent,
    urgent=False,
    contractual=True,
    debtor_is_public=False,
):
    """Recommended next procedure for a claim of ``amount`` (principal and
    interest, in euros); see the module docstring for the rules."""
    amount = to_decimal(amount)
    if amount < 0:
        raise ValueError("the amount cannot be negative")
    if debtor_is_public:
        return _first_step(_public_steps(), mise_en_demeure_sent)
    if insolvent:
        return _insolvency_advice()
    court, court_reasons = competent_court(
        debtor_is_business, debtor_is_merchant, creditor_is_merchant
    )
    steps = _court_steps(
        amount, debtor_is_business, court, court_reasons, disputed, urgent, contractual
    )
    return _first_step(steps, mise_en_demeure_sent)


def _insolvency_advice():
    """Declare the claim to the mandataire judiciaire (L622-21, L622-24 C. com.)."""
    return Advice(
        DECLARE_CLAIM,
        MANDATAIRE_JUDICIAIRE,
        (
            ("debtor_insolvent", {"article": "L622-21 C. com."}),
            (
                "declaration_deadline",
                {"months": DECLARATION_MONTHS, "article": "L622-24 C. com."},
            ),
        ),
    )


def _first_step(steps, mise_en_demeure_sent):
    """The best of ``steps``, or the mise en demeure first if it was not sent."""
    if not mise_en_demeure_sent:
        return Advice(
            AMICABLE_FIRST,
            None,
            (("mise_en_demeure_not_sent", {"article": "1344 C. civ."}),),
            tuple(steps),
        )
    best, *others = steps
    return replace(best, alternatives=tuple(others))
