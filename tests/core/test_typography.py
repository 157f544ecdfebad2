# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core.typography import (
    NNBSP,
    agree,
    french_long_date,
    french_phone,
    french_spacing,
    grammatical_gender,
    salutation,
)

N = NNBSP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Objet: mise en demeure", f"Objet{N}: mise en demeure"),
        ("Objet : mise en demeure", f"Objet{N}: mise en demeure"),
        ("Objet\u00a0: x", f"Objet{N}: x"),
        (f"Objet{N}: x", f"Objet{N}: x"),  # not doubled
        ("Vraiment ?!", f"Vraiment{N}?!"),
        ("Payez; merci!", f"Payez{N}; merci{N}!"),
        ("Rendez-vous à 10:30 demain", "Rendez-vous à 10:30 demain"),
        (
            "Voir https://example.fr/pay?x=1;y=2 : merci",
            f"Voir https://example.fr/pay?x=1;y=2{N}: merci",
        ),
        ("Site www.example.fr?a=1", "Site www.example.fr?a=1"),
        ("mailto:compta@example.fr", "mailto:compta@example.fr"),
        (": début", ": début"),
        ("", ""),
    ],
)
def test_french_spacing(text, expected):
    assert french_spacing(text) == expected


@given(st.text(alphabet="ab :;!?\u00a0\u202f1", max_size=30))
def test_french_spacing_is_idempotent_and_never_doubles(text):
    once = french_spacing(text)
    assert french_spacing(once) == once
    # After a word, a high punctuation mark has exactly one narrow space.
    assert not re.search(r"\S[ \u00a0\u202f]{2,}[;:!?]", once)
    assert not re.search(r"\S[ \u00a0][;:!?]", once)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 1), "1er décembre 2026"),
        (date(2026, 12, 2), "2 décembre 2026"),
        (date(2026, 8, 1), "1er août 2026"),
        (date(2027, 2, 28), "28 février 2027"),
    ],
)
def test_french_long_date(day, text):
    assert french_long_date(day) == text


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("+33 4 78 12 34 56", "04 78 12 34 56"),
        ("+33 (0)4 78 12 34 56", "04 78 12 34 56"),
        ("0033478123456", "04 78 12 34 56"),
        ("04.78.12.34.56", "04 78 12 34 56"),
        ("0612345678", "06 12 34 56 78"),
        ("+262 692 12 34 56", "06 92 12 34 56"),  # Réunion mobile
        ("+32 2 123 45 67", "+32 2 123 45 67"),  # Belgium kept
        ("+44  20 7946 0958", "+44 20 7946 0958"),
        ("+33 4 78", "+33 4 78"),  # too short: kept as given
        ("", ""),
        (None, None),
    ],
)
def test_french_phone(number, shown):
    assert french_phone(number) == shown


def test_agreement():
    assert agree("engagé", "engagée", "feminine") == "engagée"
    assert agree("engagé", "engagée", "Monsieur") == "engagé"
    assert agree("engagé", "engagée", "Mme.") == "engagée"
    assert agree("engagé", "engagée", None) is None
    assert grammatical_gender("other") == "neutral"


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("feminine", "Dupont"), "madame_name", "Madame Dupont,"),
        (("masculine", "Martin", "Paul"), "monsieur_name", "Monsieur Martin,"),
        ((None, "Dupont", "Camille"), "name_only", "Camille Dupont,"),
        ((None, None), "madame_monsieur", "Madame, Monsieur,"),
        (("feminine", "  "), "madame_monsieur", "Madame, Monsieur,"),
    ],
)
def test_salutation(args, code, text):
    assert (salutation(*args).code, salutation(*args).text) == (code, text)


def test_iban_printed_in_groups_of_four():
    from recouvrement_core.typography import grouped_iban

    assert grouped_iban("FR7630006000011234567890189") == (
        "FR76 3000 6000 0112 3456 7890 189"
    )
    assert grouped_iban("fr76 3000 6000 0112 3456 7890 189") == (
        "FR76 3000 6000 0112 3456 7890 189"
    )
    # Not an IBAN (a national account number): as given.
    assert grouped_iban("123-456-789") == "123-456-789"
    assert grouped_iban("") == ""
