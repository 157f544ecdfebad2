# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

import pytest
from recouvrement_core import advise_procedure, competent_court
from recouvrement_core.procedure import CODES


def advise(amount, **kwargs):
    values = {
        "debtor_is_business": True,
        "debtor_is_merchant": True,
        "creditor_is_merchant": True,
        "disputed": False,
        "insolvent": False,
        "mise_en_demeure_sent": True,
    }
    values.update(kwargs)
    return advise_procedure(amount, **values)


def codes(advice):
    return [advice.code] + [alt.code for alt in advice.alternatives]


def test_insolvent_debtor_declare_claim_only():
    advice = advise(12000, insolvent=True, disputed=True, mise_en_demeure_sent=False)
    assert advice.code == "declare_claim"
    assert advice.court == "mandataire_judiciaire"
    assert advice.alternatives == ()
    assert ("declaration_deadline", {"months": 2, "article": "L622-24 C. com."}) in (
        advice.reasons
    )


def test_no_mise_en_demeure_amicable_first_with_next_steps():
    advice = advise(3000, mise_en_demeure_sent=False)
    assert advice.code == "amicable_first"
    assert advice.court is None
    assert advice.reason_codes == ("mise_en_demeure_not_sent",)
    assert codes(advice)[1:] == [
        "petites_creances",
        "injonction_de_payer",
        "refere_provision",
        "assignation",
    ]


def test_small_undisputed_claim_petites_creances():
    advice = advise(Decimal("5000.00"))
    assert advice.code == "petites_creances"
    assert advice.court == "commissaire_de_justice"
    assert (
        "amount_below_threshold",
        {"threshold": 5000, "article": "R125-1 CPCE"},
    ) in advice.reasons
    assert "debtor_agreement_required" in advice.reason_codes
    # Its costs are the creditor's alone (L125-1 al. 3 CPCE).
    assert ("costs_borne_by_creditor", {"article": "L125-1 CPCE"}) in advice.reasons
    assert codes(advice) == [
        "petites_creances",
        "injonction_de_payer",
        "refere_provision",
        "assignation",
    ]
    # Between merchants the court steps go to the tribunal de commerce.
    assert {alt.court for alt in advice.alternatives} == {"tribunal_de_commerce"}


def test_large_undisputed_claim_injonction_de_payer():
    advice = advise("5000.01")
    assert advice.code == "injonction_de_payer"
    assert advice.court == "tribunal_de_commerce"
    assert "both_parties_merchants" in advice.reason_codes
    assert codes(advice) == ["injonction_de_payer", "refere_provision", "assignation"]
    assert "amount_above_threshold" in advice.alternatives[-1].reason_codes


def test_non_contractual_small_claim_skips_petites_creances():
    advice = advise(800, contractual=False)
    assert advice.code == "injonction_de_payer"


def test_urgent_undisputed_refere_provision_first():
    advice = advise(20000, urgent=True)
    assert codes(advice) == ["refere_provision", "injonction_de_payer", "assignation"]
    assert ("obligation_not_seriously_disputable", {"article": "873 CPC"}) in (
        advice.reasons
    )
    assert "urgency" in advice.reason_codes


def test_disputed_claim_assignation_and_mediation():
    advice = advise(20000, disputed=True)
    assert advice.code == "assignation"
    assert advice.court == "tribunal_de_commerce"
    assert "claim_disputed" in advice.reason_codes
    (mediation,) = advice.alternatives
    assert (mediation.code, mediation.court) == (
        "mediation",
        "mediateur_des_entreprises",
    )
    assert "mediation_suspends_prescription" in mediation.reason_codes


def test_consumer_goes_to_tribunal_judiciaire_with_prior_amicable_attempt():
    # B2C, 1 200 €, disputed: tribunal judiciaire, CPC 750-1 prior attempt,
    # mediation through a conciliateur de justice.
    advice = advise(
        1200,
        debtor_is_business=False,
        debtor_is_merchant=False,
        disputed=True,
    )
    assert advice.court == "tribunal_judiciaire"
    assert (
        "prior_amicable_attempt_required",
        {"threshold": 5000, "article": "750-1 CPC"},
    ) in advice.reasons
    assert advice.alternatives[0].court == "conciliateur_de_justice"
    # Undisputed: the injonction de payer is exempt from the prior attempt.
    advice = advise(6000, debtor_is_business=False, debtor_is_merchant=False)
    assert advice.code == "injonction_de_payer"
    assert "prior_amicable_attempt_required" not in advice.reason_codes
    assert ("obligation_not_seriously_disputable", {"article": "835 CPC"}) in (
        advice.alternatives[0].reasons
    )


def test_competent_court():
    assert competent_court(True, True, True)[0] == "tribunal_de_commerce"
    court, reasons = competent_court(True, True, False)
    assert court == "tribunal_judiciaire"
    assert ("creditor_may_choose_commercial_court", {}) in reasons
    assert competent_court(True, False, True)[0] == "tribunal_judiciaire"
    # A consumer flagged as merchant by mistake is still not a merchant.
    assert competent_court(False, True, True)[0] == "tribunal_judiciaire"


def test_reasons_are_codes_with_params():
    for kwargs in (
        {},
        {"disputed": True},
        {"insolvent": True},
        {"mise_en_demeure_sent": False},
        {"urgent": True},
    ):
        advice = advise(1000, **kwargs)
        for item in (advice, *advice.alternatives):
            assert item.code in CODES
            for code, params in item.reasons:
                assert code.isidentifier() and code == code.lower()
                assert isinstance(params, dict)


def test_negative_amount_is_rejected():
    with pytest.raises(ValueError):
        advise(-1)
