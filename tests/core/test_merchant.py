# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from recouvrement_core import advise_procedure, merchant_status
from recouvrement_core.merchant import naf_division


def test_commercial_by_form_whatever_the_activity():
    assert merchant_status(True, "SAS", "69.10Z") == (True, "commercial_form")
    assert merchant_status(True, "sarl") == (True, "commercial_form")


def test_civil_companies_associations_liberal_and_public_are_not_merchants():
    assert merchant_status(True, "sci") == (False, "civil_company")
    assert merchant_status(True, "association") == (False, "association")
    assert merchant_status(True, "selarl") == (False, "liberal_profession")
    assert merchant_status(True, "public") == (False, "public_body")
    assert merchant_status(False, None) == (False, "consumer")


def test_sole_trader_is_told_by_the_activity_code():
    # 69.10Z legal activities, 86.21Z general practitioner, 01.11Z farming.
    assert merchant_status(True, "ei", "86.21Z") == (False, "civil_activity_code")
    assert merchant_status(True, "ei", "0111Z") == (False, "civil_activity_code")
    # 47.11F supermarket.
    assert merchant_status(True, "ei", "47.11F") == (True, "commercial_activity_code")
    assert naf_division("47.11F") == "47"
    assert naf_division("") is None


def test_business_without_form_nor_code_is_not_presumed_merchant():
    # Was (True, "form_unknown"): legally wrong. Law notes §13 ("Merchant or
    # not"): unknown -> treat as non-merchant and say so; a wrong "merchant"
    # sends the claim to the tribunal de commerce, which lacks jurisdiction
    # over a non-merchant defendant (C. com. L721-3).
    assert merchant_status(True) == (False, "form_unknown")


def test_public_buyer_goes_to_the_administrative_court():
    advice = advise_procedure(
        3000,
        debtor_is_business=True,
        debtor_is_merchant=False,
        creditor_is_merchant=True,
        disputed=False,
        insolvent=False,
        mise_en_demeure_sent=True,
        debtor_is_public=True,
    )
    assert (advice.code, advice.court) == ("refere_provision", "tribunal_administratif")
    assert "public_person_no_injonction" in advice.reason_codes
    assert dict(advice.reasons)["refere_provision_administratif"] == {
        "article": "R541-1 CJA"
    }
    codes = [alt.code for alt in advice.alternatives]
    assert "injonction_de_payer" not in codes
    assert "petites_creances" not in codes
