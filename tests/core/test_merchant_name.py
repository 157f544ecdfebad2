# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Merchant status read from the name, the activity code, and the courts
(C. com. L210-1, L721-3; CPC 750-1)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core.merchant import (
    amicable_attempt_required,
    debtor_status,
    legal_forms_in_name,
    merchant_status,
    normalize_name,
)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("S.A.R.L. Dupont", {"sarl"}),
        ("S.A.R.L Dupont", {"sarl"}),
        ("Dupont sarl", {"sarl"}),
        ("É.U.R.L. Léa", {"eurl"}),
        ("SAS Martin & Fils", {"sas"}),
        ("S.A.S. Martin", {"sas"}),
        ("Martin SASU", {"sasu"}),
        ("Société Anonyme des Eaux", {"sa"}),
        ("Société par actions simplifiée Roux", {"sas"}),
        ("SCI Les Tilleuls", {"sci"}),
        ("Société civile immobilière Roux", {"sci"}),
        ("GAEC du Pré", {"gaec"}),
        ("EARL des Vignes", {"earl"}),
        ("SCEA Domaine X", {"scea"}),
        ("SCM Cabinet médical", {"scm"}),
        ("SCP Avocats Roux", {"scp"}),
        ("SELARL Dr Roux", {"selarl"}),
        ("Selas Pharmacie", {"selas"}),
        ("Association Les P'tits Loups", {"association"}),
        ("Fondation Lumière", {"fondation"}),
        # Word boundaries: "Sasha", "Scierie", "Casa" carry no form.
        ("Sasha Durand", set()),
        ("Scierie du Jura", set()),
        ("Casa Bella", set()),
        ("Clinique vétérinaire du Parc", set()),
        ("Crèche Arc-en-ciel", set()),
        ("", set()),
        (None, set()),
    ],
)
def test_legal_forms_in_name(name, forms):
    assert legal_forms_in_name(name) == forms


def test_normalize_name_joins_dotted_forms_and_drops_accents():
    assert normalize_name("S.A.R.L. Éts Léon") == "sarl ets leon"
    # A single initial is not a dotted abbreviation.
    assert normalize_name("M. Dupont") == "m dupont"


def test_form_field_wins_over_the_name():
    # Field says SCI, name says SAS: the field (entered by the user) decides.
    assert merchant_status(True, "sci", None, "SAS Roux") == (False, "civil_company")


def test_name_wins_over_the_activity_code():
    # A SAS is commercial by form (L210-1) even with a civil activity
    # (69.10Z legal activities).
    assert merchant_status(True, None, "69.10Z", "Roux SAS") == (
        True,
        "commercial_form_in_name",
    )
    # An association with a commercial code (47.11F) stays civil.
    assert merchant_status(True, None, "47.11F", "Association X") == (
        False,
        "association_in_name",
    )


@pytest.mark.parametrize(
    ("naf", "reason"),
    [
        ("01.11Z", "civil_activity_code"),  # farming
        ("68.20A", "civil_activity_code"),  # renting own housing: civil
        ("68.10Z", "commercial_activity_code"),  # dealing in real estate
        ("69.20Z", "civil_activity_code"),  # accountant
        ("71.11Z", "civil_activity_code"),  # architect
        ("75.00Z", "civil_activity_code"),  # veterinarian
        ("86.23Z", "civil_activity_code"),  # dentist
        ("88.91A", "civil_activity_code"),  # crèche
        ("90.03A", "civil_activity_code"),  # artistic creation
        ("47.11F", "commercial_activity_code"),
        ("56.10A", "commercial_activity_code"),  # restaurant
    ],
)
def test_activity_codes(naf, reason):
    assert merchant_status(True, "ei", naf)[1] == reason
    assert merchant_status(True, None, naf)[1] == reason


def test_conflicting_forms_fall_back_on_the_code_else_unknown():
    assert debtor_status(True, name="SCI X SARL").status == "unknown"
    assert debtor_status(True, name="SCI X SARL").reason == "conflicting_forms_in_name"
    assert debtor_status(True, naf_code="47.11F", name="SCI X SARL").status == (
        "merchant"
    )


def test_debtor_status_courts():
    merchant = debtor_status(True, "sas")
    assert (merchant.status, merchant.courts) == ("merchant", ("tribunal_de_commerce",))
    assert merchant.is_merchant
    # A non-merchant creditor goes to the tribunal judiciaire by default.
    assert debtor_status(True, "sas", creditor_is_merchant=False).courts == (
        "tribunal_judiciaire",
    )
    civil = debtor_status(True, name="SCI Roux")
    assert (civil.status, civil.courts) == ("civil", ("tribunal_judiciaire",))
    consumer = debtor_status(False, name="SAS Roux")  # a consumer is a consumer
    assert (consumer.status, consumer.courts) == ("consumer", ("tribunal_judiciaire",))
    public = debtor_status(True, "public")
    assert (public.status, public.courts) == ("public", ("tribunal_administratif",))


def test_unknown_gives_both_courts_and_the_deciding_rule():
    unknown = debtor_status(True, name="Clinique du Parc")
    assert unknown.status == "unknown"
    assert not unknown.is_merchant
    assert unknown.courts == ("tribunal_de_commerce", "tribunal_judiciaire")
    assert unknown.court_rule == "commercial_court_between_merchants_l721_3"


@pytest.mark.parametrize(
    ("court", "amount", "procedure", "expected"),
    [
        ("tribunal_judiciaire", "5000", "assignation", (True, "cpc_750_1")),
        ("tribunal_judiciaire", "5000.01", "assignation", (False, "above_threshold")),
        ("tribunal_judiciaire", "1200", "refere_provision", (True, "cpc_750_1")),
        (
            "tribunal_judiciaire",
            "1200",
            "injonction_de_payer",
            (False, "exempt_injonction_de_payer"),
        ),
        (
            "tribunal_judiciaire",
            "1200",
            "petites_creances",
            (False, "exempt_petites_creances"),
        ),
        (
            "tribunal_de_commerce",
            "1200",
            "assignation",
            (False, "not_tribunal_judiciaire"),
        ),
    ],
)
def test_cpc_750_1(court, amount, procedure, expected):
    assert amicable_attempt_required(court, Decimal(amount), procedure) == expected


@given(st.text(max_size=40))
def test_never_presumed_merchant_without_a_basis(name):
    status = debtor_status(True, name=name)
    if status.status == "merchant":
        assert status.reason == "commercial_form_in_name"
        assert legal_forms_in_name(name) & {
            "sa",
            "sas",
            "sasu",
            "sarl",
            "eurl",
            "snc",
            "scs",
            "sca",
        }
