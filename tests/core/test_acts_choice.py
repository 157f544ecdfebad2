# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which act can be drafted now, from the advice of advise_procedure."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core import acts, advise_procedure

SAS = acts.Party("Boulangerie Durand", kind="commercial_company", legal_form="sas")
SCI = acts.Party("SCI Les Tilleuls", kind="civil", legal_form="sci")
CONSUMER = acts.Party("Paul Roux", kind="consumer")
TOWN = acts.Party("Commune de Brest", kind="public")
INSOLVENT = acts.Party(
    "Durand",
    kind="commercial_company",
    legal_form="sas",
    is_insolvent=True,
    insolvency_kind="redressement",
    insolvency_judgment_date=date(2025, 3, 10),
    insolvency_bodacc_date=date(2025, 3, 25),
)


def advice(amount, debtor, disputed=False, sent=True, creditor_merchant=True):
    merchant, _reason = acts.party_is_merchant(debtor)
    return advise_procedure(
        amount,
        debtor.is_business,
        merchant,
        creditor_merchant,
        disputed=disputed,
        insolvent=debtor.is_insolvent,
        mise_en_demeure_sent=sent,
        debtor_is_public=debtor.kind == "public",
    )


def test_injonction_between_merchants():
    choice = acts.acts_available(advice(8000, SAS), SAS, date(2025, 4, 1))
    assert choice.codes[:2] == ("injonction_request", "mandate_letter")
    assert "business_mediation_referral" in choice.codes
    assert choice.reason_for("small_claims_request") == "amount_above_threshold"
    assert choice.reason_for("claim_declaration") == "debtor_not_insolvent"
    assert choice.reason_for("consumer_mediation_referral") == "debtor_not_consumer"


def test_small_claim_of_a_consumer():
    choice = acts.acts_available(
        advice(1500, CONSUMER), CONSUMER, date(2025, 4, 1), consumer_mediator="CM2C"
    )
    assert choice.codes[:3] == (
        "small_claims_request",
        "mandate_letter",
        "injonction_request",
    )
    assert "consumer_mediation_referral" in choice.codes
    assert choice.reason_for("business_mediation_referral") == "debtor_not_business"
    without = acts.acts_available(advice(1500, CONSUMER), CONSUMER, date(2025, 4, 1))
    assert without.reason_for("consumer_mediation_referral") == (
        "consumer_mediator_missing"
    )


def test_disputed_small_claim_before_the_tribunal_judiciaire_conciliation_first():
    # SCI: tribunal judiciaire; 1 800 <= 5 000: CPC 750-1.
    choice = acts.acts_available(
        advice(1800, SCI, disputed=True), SCI, date(2025, 4, 1)
    )
    assert choice.codes[0] == "conciliation_referral"
    reasons = dict(choice.available)["conciliation_referral"]
    assert ("prior_amicable_attempt_required", {"article": "750-1 CPC"}) in reasons
    assert choice.reason_for("injonction_request") == "claim_disputed"
    assert choice.reason_for("small_claims_request") == "claim_disputed"


def test_amicable_first():
    choice = acts.acts_available(advice(1800, SAS, sent=False), SAS, date(2025, 4, 1))
    assert choice.codes[0] == "mandate_letter"
    assert choice.reason_for("injonction_request") == "mise_en_demeure_not_sent"


def test_public_buyer_has_no_act_here():
    choice = acts.acts_available(advice(1800, TOWN), TOWN, date(2025, 4, 1))
    assert choice.codes == ()
    assert choice.reason_for("injonction_request") == "public_person"
    assert choice.reason_for("claim_declaration") == "debtor_not_insolvent"


def test_insolvency_within_the_deadlines():
    # BODACC 25 March 2025: declaration to 25 May, revendication to 25 June.
    choice = acts.acts_available(
        advice(8000, INSOLVENT), INSOLVENT, date(2025, 4, 1), retention_clause=True
    )
    assert choice.codes == ("claim_declaration", "retention_claim")
    assert choice.reason_for("forclusion_relief") == "declaration_still_open"
    assert choice.reason_for("injonction_request") == "debtor_insolvent"
    assert choice.reason_for("conciliation_referral") == "debtor_insolvent"
    no_clause = acts.acts_available(
        advice(8000, INSOLVENT), INSOLVENT, date(2025, 4, 1)
    )
    assert no_clause.reason_for("retention_claim") == "no_retention_clause"


def test_insolvency_past_the_declaration_deadline():
    choice = acts.acts_available(
        advice(8000, INSOLVENT), INSOLVENT, date(2025, 7, 1), retention_clause=True
    )
    assert choice.codes == ("forclusion_relief", "claim_declaration")
    assert choice.reason_for("retention_claim") == "claim_deadline_passed"
    # After 25 September 2025 (6 months), the claim is foreclosed.
    late = acts.acts_available(advice(8000, INSOLVENT), INSOLVENT, date(2025, 9, 26))
    assert late.codes == ()
    assert late.reason_for("claim_declaration") == "declaration_foreclosed"
    assert late.reason_for("forclusion_relief") == "relief_deadline_passed"


def test_insolvency_without_publication_date():
    debtor = acts.Party("Durand", kind="commercial_company", is_insolvent=True)
    choice = acts.acts_available(advice(8000, debtor), debtor, date(2025, 4, 1))
    assert choice.codes == ("claim_declaration",)
    assert choice.reason_for("retention_claim") == "publication_date_missing"


@given(
    amount=st.integers(min_value=0, max_value=20000),
    debtor=st.sampled_from([SAS, SCI, CONSUMER, TOWN, INSOLVENT]),
    disputed=st.booleans(),
    sent=st.booleans(),
    day=st.dates(min_value=date(2025, 3, 25), max_value=date(2026, 6, 30)),
)
def test_every_act_is_available_or_explained(amount, debtor, disputed, sent, day):
    choice = acts.acts_available(advice(amount, debtor, disputed, sent), debtor, day)
    available = set(choice.codes)
    unavailable = [act for act, _reason, _params in choice.unavailable]
    assert len(unavailable) == len(set(unavailable))
    assert available.isdisjoint(unavailable)
    assert available | set(unavailable) == set(acts.ACT_CODES)
    if debtor.kind == "public" or debtor.is_insolvent:
        assert "injonction_request" not in available
    if disputed:
        assert "injonction_request" not in available
