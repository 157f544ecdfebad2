# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Déclaration de créance, revendication and relevé de forclusion,
hand-computed. Customer in redressement judiciaire: judgment 10 March 2025
(effective at 0 h: penalties run to 9 March, L622-28), BODACC publication
25 March 2025. 2025-H1 penalty rate: ECB 3.15 + 10 = 13.15 %."""

from datetime import date
from decimal import Decimal

import pytest
from recouvrement_core import acts

D = Decimal
JUDGMENT = date(2025, 3, 10)
BODACC = date(2025, 3, 25)

SARL = acts.Party("Atelier Martin", kind="commercial_company", legal_form="sarl")
OVERSEAS = acts.Party(
    "Atelier Payet",
    kind="commercial_company",
    legal_form="sarl",
    outside_metropolitan_france=True,
)


def customer(kind="redressement"):
    return acts.Party(
        "Boulangerie Durand",
        kind="commercial_company",
        legal_form="sas",
        is_insolvent=True,
        insolvency_kind=kind,
        insolvency_judgment_date=JUDGMENT,
        insolvency_bodacc_date=BODACC,
    )


INVOICES = (
    # Late before the judgment: penalties 10 Feb-9 Mar = 28 days,
    # 2000 × 13.15 × 28 / 36500 = 736400/36500 = 20.1753 -> 20.18; + 40 €.
    acts.InvoiceClaim("A", date(2025, 1, 10), date(2025, 2, 9), D("2000.00")),
    # Due the eve of the judgment: late, 0 day of penalty, keeps its 40 €.
    acts.InvoiceClaim("E", date(2025, 2, 7), date(2025, 3, 9), D("300.00")),
    # Delivered before, due after: to fall due on 22 March, no 40 €.
    acts.InvoiceClaim(
        "B",
        date(2025, 2, 20),
        date(2025, 3, 22),
        D("1000.00"),
        origin_date=date(2025, 2, 15),
    ),
    # Invoiced after the judgment for work done on 5 March: declared.
    acts.InvoiceClaim(
        "C",
        date(2025, 3, 15),
        date(2025, 4, 14),
        D("500.00"),
        origin_date=date(2025, 3, 5),
    ),
    # Work done after the judgment: not declared (L622-17).
    acts.InvoiceClaim(
        "D",
        date(2025, 3, 20),
        date(2025, 4, 19),
        D("700.00"),
        origin_date=date(2025, 3, 12),
    ),
)


def test_declaration_amount_at_the_judgments_eve(rates):
    security = acts.Security("retention_of_title", "clause CGV art. 9", ("A",))
    declaration = acts.claim_declaration(
        SARL,
        customer(),
        INVOICES,
        rates,
        as_of=date(2025, 4, 1),
        mandataire="SELARL MJ Conseil",
        securities=(security,),
        pieces=(acts.PieceRef("invoice", "A"), acts.PieceRef("general_terms", "CGV")),
    )
    assert [claim.number for claim in declaration.claims] == ["A", "E", "B", "C"]
    assert [(c.number, c.origin_date, c.article) for c in declaration.excluded] == [
        ("D", date(2025, 3, 12), "L622-17 C. com.")
    ]
    first = declaration.claims[0]
    line = first.penalty.lines[0]
    assert (line.date_from, line.date_to, line.days, line.rate, line.amount) == (
        date(2025, 2, 10),
        date(2025, 3, 9),
        28,
        D("13.15"),
        D("20.18"),
    )
    # A: 2000 + 20.18 + 40 = 2060.18; E: 300 + 0 + 40 = 340.00
    assert [(c.amount_at_judgment, c.indemnity) for c in declaration.claims] == [
        (D("2060.18"), D("40.00")),
        (D("340.00"), D("40.00")),
        (D("0.00"), D("0.00")),
        (D("0.00"), D("0.00")),
    ]
    assert declaration.principal_due == D("2300.00")
    assert declaration.penalties == D("20.18")
    assert declaration.indemnities == D("80.00")
    # 2060.18 + 340.00 = 2400.18
    assert declaration.amount_due == D("2400.18")
    assert declaration.amounts_to_fall_due == (
        (date(2025, 3, 22), D("1000.00")),
        (date(2025, 4, 14), D("500.00")),
    )
    assert declaration.to_fall_due_total == D("1500.00")
    # 2400.18 + 1500.00
    assert declaration.total == D("3900.18")
    # 25 March + 2 months (R622-24)
    assert declaration.deadline == date(2025, 5, 25)
    assert not declaration.late and declaration.relief is None
    assert declaration.securities == (security,)
    assert declaration.mandataire == "SELARL MJ Conseil"
    assert [p.number for p in declaration.bordereau] == [1, 2]
    assert declaration.warnings == ()


def test_declaration_outside_metropolitan_france(rates):
    # 25 March + 2 + 2 months = 25 July 2025
    declaration = acts.claim_declaration(
        OVERSEAS, customer(), INVOICES[:1], rates, as_of=date(2025, 7, 20)
    )
    assert declaration.deadline == date(2025, 7, 25)
    assert not declaration.late


def test_declaration_in_liquidation_makes_future_amounts_due(rates):
    declaration = acts.claim_declaration(
        SARL, customer("liquidation"), INVOICES, rates, as_of=date(2025, 4, 1)
    )
    assert declaration.warnings == (
        ("not_yet_due_become_due", {"article": "L643-1 C. com."}),
    )


def test_declaration_needs_the_procedure(rates):
    with pytest.raises(ValueError):
        acts.claim_declaration(
            SARL, customer("faillite"), INVOICES, rates, as_of=date(2025, 4, 1)
        )


def test_late_declaration_carries_the_forclusion_relief(rates):
    declaration = acts.claim_declaration(
        SARL,
        customer(),
        INVOICES[:1],
        rates,
        as_of=date(2025, 7, 1),
        relief_ground="not_creditor_fault",
    )
    assert declaration.late
    assert declaration.relief.admissible
    # 25 March + 6 months (L622-26)
    assert declaration.relief.relief_deadline == date(2025, 9, 25)
    assert declaration.relief.recipient == "juge_commissaire"


@pytest.mark.parametrize(
    ("as_of", "ground", "unable", "reasons", "relief_deadline"),
    [
        (date(2025, 7, 1), "omitted_from_debtor_list", False, [], date(2025, 9, 25)),
        (date(2025, 9, 25), "not_creditor_fault", False, [], date(2025, 9, 25)),
        (
            date(2025, 9, 26),
            "not_creditor_fault",
            False,
            ["relief_deadline_passed"],
            date(2025, 9, 25),
        ),
        # One year for a creditor who could not know: 25 March 2026.
        (date(2025, 10, 1), "not_creditor_fault", True, [], date(2026, 3, 25)),
        (
            date(2026, 3, 26),
            "not_creditor_fault",
            True,
            ["relief_deadline_passed"],
            date(2026, 3, 25),
        ),
        (
            date(2025, 5, 25),
            "not_creditor_fault",
            False,
            ["declaration_still_open"],
            date(2025, 9, 25),
        ),
        (date(2025, 7, 1), None, False, ["relief_ground_required"], date(2025, 9, 25)),
    ],
)
def test_forclusion_relief(as_of, ground, unable, reasons, relief_deadline):
    relief = acts.forclusion_relief(BODACC, as_of, ground=ground, unable_to_know=unable)
    assert [code for code, _p in relief.reasons] == reasons
    assert relief.admissible is (not reasons)
    assert relief.relief_deadline == relief_deadline
    assert relief.declaration_deadline == date(2025, 5, 25)
    assert relief.article == "L622-26 C. com."


def test_retention_claim_within_three_months():
    # 25 March + 3 months = 25 June 2025 (L624-9)
    claim = acts.retention_claim(
        BODACC,
        date(2025, 6, 25),
        clause_agreed_in_writing=True,
        goods=("20 sacs de farine T65, lot 4411",),
        administrator_appointed=True,
        invoice_numbers=("A",),
    )
    assert claim.eligible and claim.reasons == ()
    assert claim.deadline == date(2025, 6, 25)
    assert claim.recipient == "administrateur_judiciaire"
    assert (claim.response_months, claim.judge_referral_months) == (1, 1)
    assert claim.invoice_numbers == ("A",)


def test_retention_claim_refused():
    claim = acts.retention_claim(
        BODACC, date(2025, 6, 26), clause_agreed_in_writing=False, goods=()
    )
    assert not claim.eligible
    assert claim.recipient == "debtor"
    assert [code for code, _p in claim.reasons] == [
        "no_retention_clause",
        "goods_not_identified",
        "claim_deadline_passed",
    ]
    sold = acts.retention_claim(
        BODACC, date(2025, 4, 1), True, ("machine n° 12",), goods_in_kind=False
    )
    assert [code for code, _p in sold.reasons] == ["goods_not_in_kind"]


def test_security_kind_is_checked():
    with pytest.raises(ValueError):
        acts.Security("mortgage_of_the_moon")
