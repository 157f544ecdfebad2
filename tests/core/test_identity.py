# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Company identity on documents (C. com. R123-237, R123-238)."""

from decimal import Decimal

from recouvrement_core.identity import (
    CompanyFacts,
    french_vat_number,
    identity_mentions,
    luhn_valid,
    siret_valid,
)

# SIREN 123 456 782, Luhn from the right (x1, x2, ...):
# 2 + (8x2=16 -> 7) + 7 + (6x2=12 -> 3) + 5 + (4x2=8) + 3 + (2x2=4) + 1 = 40.
SIREN = "123456782"
# SIRET 123 456 782 00010: 0 + 2 + 0 + 0 + 0 + 4 + 8 + 5 + 6 + 1 + 4 + 6 + 2
# + 2 = 40.
SIRET = "12345678200010"
# VAT key: 123456782 mod 97 = 32 (97 x 1 272 750 = 123 456 750);
# 12 + 3 x 32 = 108; 108 mod 97 = 11 -> FR11123456782.
VAT = "FR11123456782"


def complete(**kwargs):
    values = {
        "name": "Atelier Roux",
        "legal_form": "SAS",
        "share_capital": Decimal("10000"),
        "rcs_city": "Lyon",
        "siren": "123 456 782",
        "siret": SIRET,
        "vat": "FR 11 123456782",
        "registered_office": "12 rue de la République, 69002 Lyon",
    }
    values.update(kwargs)
    return CompanyFacts(**values)


def test_numbers():
    assert luhn_valid(SIREN)
    assert not luhn_valid("123456789")
    assert siret_valid(SIRET)
    assert not siret_valid("12345678200011")
    # La Poste: SIREN 356000000, digits' sum a multiple of 5:
    # 3+5+6 + 0... + 4+8 = 26 -> not; 3+5+6+0+0+0+0+0+0+0+0+0+4+7 = 25 -> yes.
    assert siret_valid("35600000000047")
    assert not siret_valid("35600000000048")
    assert french_vat_number(SIREN) == VAT


def test_complete_identity():
    result = identity_mentions(complete())
    assert result.problems == ()
    assert result.mentions == (
        ("name", "Atelier Roux"),
        ("legal_form", "SAS"),
        ("share_capital", Decimal("10000")),
        ("rcs", "RCS Lyon 123 456 782"),
        ("siret", "123 456 782 00010"),
        ("vat", VAT),
        ("registered_office", "12 rue de la République, 69002 Lyon"),
    )


def test_a_name_ending_with_its_form_says_it_once():
    result = identity_mentions(complete(name="Atelier Roux SAS"))
    assert result.problems == ()
    assert result.mentions[:2] == (
        ("name", "Atelier Roux SAS"),
        ("share_capital", Decimal("10000")),
    )


def test_missing_items():
    result = identity_mentions(CompanyFacts(name="X"))
    assert result.missing == (
        "legal_form",
        "share_capital",
        "rcs_city",
        "siren",
        "registered_office",
    )
    # No RCS city: the SIREN is still printed, the city reported missing.
    partial = identity_mentions(complete(rcs_city=""))
    assert ("siren", "123 456 782") in partial.mentions
    assert partial.missing == ("rcs_city",)


def test_no_capital_for_an_association_or_sole_trader():
    result = identity_mentions(
        complete(
            legal_form="association",
            share_capital=None,
            registered_rcs=False,
            rcs_city=None,
        )
    )
    assert result.problems == ()
    assert ("siren", "123 456 782") in result.mentions


def test_inconsistent_numbers():
    result = identity_mentions(
        complete(siren="123456789", siret="98765432100017", vat="FR12123456782")
    )
    assert "siren_invalid" in result.invalid
    assert "siret_invalid" in result.invalid
    # VAT not checked against an invalid SIREN.
    assert "vat_not_matching_siren" not in result.invalid
    assert identity_mentions(complete(vat="FR12123456782")).invalid == (
        "vat_not_matching_siren",
    )


def test_in_liquidation_is_printed():
    assert ("in_liquidation", True) in identity_mentions(
        complete(in_liquidation=True)
    ).mentions
