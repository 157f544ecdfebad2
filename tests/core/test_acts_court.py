# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Requête en injonction de payer, petites créances and the mandate letter,
hand-computed.

Penalties: base × rate × days / 36 500, days = (until - due date), rounded
half up per line. 2025-H1 penalty rate: ECB 3.15 (1 Jan 2025) + 10 = 13.15 %.
2024-H1: 4.50 + 10 = 14.50 %; 2024-H2: 4.25 + 10 = 14.25 %.
Consumer interest: legal rate "all other cases", 2025-H1 3.71 %, / 365.
"""

from datetime import date
from decimal import Decimal

import pytest
from recouvrement_core import acts

D = Decimal

SARL = acts.Party("Atelier Martin", kind="commercial_company", legal_form="sarl")
SAS = acts.Party(
    "Boulangerie Durand", kind="commercial_company", legal_form="sas", city="Lyon"
)
SCI = acts.Party("SCI Les Tilleuls", kind="civil", legal_form="sci", city="Nantes")
CONSUMER = acts.Party("Paul Roux", kind="consumer", city="Dijon")
TOWN = acts.Party("Commune de Brest", kind="public", legal_form="public")


def invoice(number, amount, invoice_date, due_date, **kwargs):
    return acts.InvoiceClaim(number, invoice_date, due_date, D(amount), **kwargs)


F1 = invoice("F1", "1200.00", date(2025, 1, 15), date(2025, 2, 14))
F2 = invoice("F2", "800.00", date(2025, 2, 1), date(2025, 3, 3))
PIECES = (
    acts.PieceRef("invoice", "F1", date(2025, 1, 15)),
    acts.PieceRef("invoice", "F2", date(2025, 2, 1)),
    acts.PieceRef("mise_en_demeure", "MED-1", date(2025, 3, 5)),
    acts.PieceRef("lrar_proof", "1A 234 567 8901 2", date(2025, 3, 7)),
)


def test_injonction_sas_goes_to_the_tribunal_de_commerce(rates):
    # F1 1 200 € due 14 Feb 2025, account on 16 Mar 2025: 15 Feb-16 Mar =
    #   14 + 16 = 30 days; 1200 × 13.15 × 30 / 36500 = 473400/36500
    #   = 12.9699 -> 12.97
    # F2 800 € due 3 Mar: 13 days; 800 × 13.15 × 13 / 36500 = 136760/36500
    #   = 3.7468 -> 3.75
    # 40 € × 2 = 80; total 2000 + 12.97 + 3.75 + 80 = 2096.72
    request = acts.injonction_request(
        SARL,
        SAS,
        (F1, F2),
        date(2025, 3, 16),
        rates,
        pieces=PIECES,
        mise_en_demeure_date=date(2025, 3, 5),
        acknowledgement_date=date(2025, 3, 7),
    )
    assert request.drafted
    assert request.court == "tribunal_de_commerce"
    assert request.court_city == "Lyon"
    assert ("debtor_status", {"reason": "commercial_form"}) in request.court_reasons
    decompte = request.decompte
    assert [line.penalty.total for line in decompte.lines] == [D("12.97"), D("3.75")]
    line = decompte.lines[0].penalty.lines[0]
    assert (line.date_from, line.date_to, line.days, line.rate) == (
        date(2025, 2, 15),
        date(2025, 3, 16),
        30,
        D("13.15"),
    )
    assert decompte.principal == D("2000.00")
    assert decompte.penalties == D("16.72")
    assert decompte.indemnities == D("80.00")
    assert decompte.interest == 0
    assert decompte.total == D("2096.72")
    assert [code for code, _article in request.basis] == [
        "unpaid_invoices",
        "late_penalties",
        "fixed_indemnity",
    ]
    assert [(p.number, p.reference) for p in request.bordereau] == [
        (1, "F1"),
        (2, "F2"),
        (3, "MED-1"),
        (4, "1A 234 567 8901 2"),
    ]
    # Only the city to confirm: every piece is there.
    assert [code for code, _p in request.warnings] == ["court_city_to_confirm"]


def test_injonction_sci_goes_to_the_tribunal_judiciaire(rates):
    # 3 000 € due 15 May 2024, account on 14 Aug 2024 (the law notes' dates):
    # 46 days at 14.50 %: 3000 × 14.5 × 46 / 36500 = 2001000/36500 = 54.82
    # 45 days at 14.25 %: 3000 × 14.25 × 45 / 36500 = 1923750/36500 = 52.71
    # + 40 €: total 3000 + 107.53 + 40 = 3147.53
    rent = invoice("F9", "3000.00", date(2024, 4, 15), date(2024, 5, 15))
    request = acts.injonction_request(SARL, SCI, (rent,), date(2024, 8, 14), rates)
    assert request.court == "tribunal_judiciaire"
    assert request.court_city == "Nantes"
    assert ("debtor_status", {"reason": "civil_company"}) in request.court_reasons
    assert request.decompte.penalties == D("107.53")
    assert request.decompte.total == D("3147.53")
    warnings = [params.get("piece", code) for code, params in request.warnings]
    assert warnings == [
        "court_city_to_confirm",
        "no_mise_en_demeure",
        "mise_en_demeure",
        "lrar_proof",
        "invoice:F9",
    ]


def test_injonction_consumer_interest_from_the_receipt(rates):
    # 1 000 € due 31 Jan 2025, mise en demeure received 10 Mar 2025, account
    # on 9 Apr 2025: 11 Mar-9 Apr = 30 days at 3.71 %:
    # 1000 × 3.71 × 30 / 36500 = 111300/36500 = 3.0493 -> 3.05; no 40 €.
    bill = invoice("F3", "1000.00", date(2025, 1, 1), date(2025, 1, 31))
    request = acts.injonction_request(
        SARL,
        CONSUMER,
        (bill,),
        date(2025, 4, 9),
        rates,
        mise_en_demeure_date=date(2025, 3, 6),
        acknowledgement_date=date(2025, 3, 10),
    )
    assert request.court == "tribunal_judiciaire"
    assert request.decompte.regime == "consumer"
    assert request.decompte.interest == D("3.05")
    assert request.decompte.indemnities == 0
    assert request.decompte.total == D("1003.05")
    assert request.decompte.interest_from == date(2025, 3, 10)
    # Without the receipt's date, no interest is claimed and it is said.
    unknown = acts.injonction_request(
        SARL,
        CONSUMER,
        (bill,),
        date(2025, 4, 9),
        rates,
        mise_en_demeure_date=date(2025, 3, 6),
    )
    assert unknown.decompte.total == D("1000.00")
    assert "no_acknowledgement_of_receipt" in [code for code, _p in unknown.warnings]


def test_unknown_form_is_treated_as_non_merchant(rates):
    debtor = acts.Party("Client X", kind="unknown", city="Tours")
    request = acts.injonction_request(SARL, debtor, (F1,), date(2025, 3, 16), rates)
    assert request.court == "tribunal_judiciaire"
    assert (
        "debtor_status",
        {"reason": "form_unknown_treated_as_non_merchant"},
    ) in request.court_reasons


@pytest.mark.parametrize(
    ("debtor", "invoices", "reason", "route", "court"),
    [
        (TOWN, (F1,), "public_person", "refere_provision", "tribunal_administratif"),
        (
            acts.Party(
                "Durand",
                kind="commercial_company",
                legal_form="sas",
                is_insolvent=True,
                insolvency_judgment_date=date(2025, 3, 1),
            ),
            (F1,),
            "debtor_insolvent",
            "claim_declaration",
            "mandataire_judiciaire",
        ),
        (
            SAS,
            (
                F1,
                invoice(
                    "F4",
                    "500",
                    date(2025, 1, 1),
                    date(2025, 1, 31),
                    disputed_amount=D("200"),
                ),
            ),
            "claim_disputed",
            "assignation",
            None,
        ),
    ],
)
def test_injonction_refused(rates, debtor, invoices, reason, route, court):
    request = acts.injonction_request(SARL, debtor, invoices, date(2025, 3, 16), rates)
    assert not request.drafted
    assert request.decompte is None and request.court is None
    assert (request.refusal.reason, request.refusal.route) == (reason, route)
    assert request.refusal.court == court
    assert (
        request.refusal.article
        == {
            "public_person": "R541-1 CJA",
            "debtor_insolvent": "L622-21 C. com.",
            "claim_disputed": "1405, 1416 CPC",
        }[reason]
    )


def test_injonction_refused_without_contractual_cause(rates):
    request = acts.injonction_request(
        SARL, SAS, (F1,), date(2025, 3, 16), rates, contractual=False
    )
    assert request.refusal.reason == "not_contractual"


FEES = acts.FeeTerms("fixed", fixed_amount=D("90.00"))


def test_small_claims_1500_eligible_fees_on_the_creditor(rates):
    # 1 500 € due 31 Jan 2025, received 10 Mar 2025, account 9 Apr 2025:
    # 30 days at 3.71 %: 1500 × 3.71 × 30 / 36500 = 166950/36500 = 4.5740
    # -> 4.57; total 1504.57 <= 5 000.
    bill = invoice("F5", "1500.00", date(2025, 1, 1), date(2025, 1, 31))
    request = acts.small_claims_request(
        SARL,
        CONSUMER,
        (bill,),
        date(2025, 4, 9),
        rates,
        FEES,
        pieces=(acts.PieceRef("invoice", "F5"),),
        acknowledgement_date=date(2025, 3, 10),
    )
    assert request.eligible and request.refusals == ()
    assert request.total == D("1504.57")
    assert request.threshold == D(5000)
    assert request.recipient == "commissaire_de_justice"
    assert request.fees_borne_by_creditor
    assert request.fees_article == "L125-1 CPCE"
    assert request.debtor_agreement_required and request.response_months == 1
    assert request.mandate.mission == "petites_creances"
    assert request.mandate.fees_borne_by_creditor
    assert request.mandate.amount == D("1504.57")
    assert request.mandate.fee_terms.fixed_amount == D("90.00")
    assert [p.reference for p in request.bordereau] == ["F5"]


@pytest.mark.parametrize(
    ("principal", "total", "eligible"),
    [
        # 30 days at 3.71 %: 4984.81 × 3.71 × 30 / 36500 = 554809.353/36500
        # = 15.2003 -> 15.20; 4984.81 + 15.20 = 5000.01 > 5000: refused.
        ("4984.81", "5000.01", False),
        # 4984.80 × 111.3 / 36500 = 554808.24/36500 = 15.2002 -> 15.20;
        # 4984.80 + 15.20 = 5000.00: the threshold itself is allowed.
        ("4984.80", "5000.00", True),
    ],
)
def test_small_claims_threshold_counts_interest(rates, principal, total, eligible):
    bill = invoice("F6", principal, date(2025, 1, 1), date(2025, 1, 31))
    request = acts.small_claims_request(
        SARL,
        CONSUMER,
        (bill,),
        date(2025, 4, 9),
        rates,
        FEES,
        acknowledgement_date=date(2025, 3, 10),
    )
    assert request.total == D(total)
    assert request.eligible is eligible
    if not eligible:
        assert [r.reason for r in request.refusals] == ["amount_above_threshold"]
        assert request.refusals[0].article == "R125-1 CPCE"
        assert request.mandate is None


def test_small_claims_refusals_accumulate(rates):
    bill = invoice("F7", "900", date(2025, 1, 1), date(2025, 1, 31))
    request = acts.small_claims_request(
        SARL, TOWN, (bill,), date(2025, 2, 1), rates, FEES, contractual=False
    )
    assert [r.reason for r in request.refusals] == ["public_person", "not_contractual"]
    disputed = invoice(
        "F8", "900", date(2025, 1, 1), date(2025, 1, 31), disputed_amount=D("900")
    )
    request = acts.small_claims_request(
        SARL, SAS, (disputed,), date(2025, 2, 1), rates, FEES
    )
    assert [r.reason for r in request.refusals] == ["claim_disputed"]


@pytest.mark.parametrize(
    ("mission", "borne", "article"),
    [
        ("amiable", True, "L111-8 CPCE"),
        ("petites_creances", True, "L125-1 CPCE"),
        ("injonction", False, "L111-8 CPCE"),
        ("execution", False, "L111-8 CPCE"),
    ],
)
def test_mandate_letter_fee_rule(rates, mission, borne, article):
    decompte = acts.build_decompte((F1,), date(2025, 3, 16), rates, SAS)
    letter = acts.mandate_letter(
        mission,
        SARL,
        SAS,
        decompte,
        acts.FeeTerms("percentage", percentage=D("8")),
        pieces=PIECES,
        recipient="Me Leroy",
        enforceable_title="ordonnance 2025/123" if mission == "execution" else None,
    )
    # 1200 + 12.97 + 40 = 1252.97
    assert letter.amount == D("1252.97")
    assert (letter.fees_borne_by_creditor, letter.fees_article) == (borne, article)
    assert len(letter.bordereau) == 4 and letter.warnings == ()


def test_mandate_letter_checks():
    with pytest.raises(ValueError):
        acts.FeeTerms("fixed")
    with pytest.raises(ValueError):
        acts.FeeTerms("percentage", percentage=D("120"))
    with pytest.raises(ValueError):
        acts.FeeTerms("success")
    tariff = acts.FeeTerms("tariff")
    with pytest.raises(ValueError):
        acts.mandate_letter("seizure", SARL, SAS, None, tariff)
    letter = acts.mandate_letter("execution", SARL, SAS, None, tariff)
    assert letter.amount == D("0.00")
    assert letter.warnings == (
        ("enforceable_title_missing", {"article": "L111-2 CPCE"}),
    )


def test_small_claims_b2b_counts_penalties_and_indemnity(rates):
    # 4 960 € due 3 Mar 2025, account 16 Mar: 13 days at 13.15 %:
    # 4960 × 13.15 × 13 / 36500 = 847912/36500 = 23.2305 -> 23.23;
    # + 40 € = 5023.23 > 5 000: the safe reading counts everything claimed.
    bill = invoice("F10", "4960.00", date(2025, 2, 1), date(2025, 3, 3))
    request = acts.small_claims_request(
        SARL, SAS, (bill,), date(2025, 3, 16), rates, FEES
    )
    assert request.total == D("5023.23")
    assert [r.reason for r in request.refusals] == ["amount_above_threshold"]


def test_decompte_public_buyer_moratory_interest(rates):
    # 1 000 € due 31 Jan 2025, account 2 Mar 2025: 28 + 2 = 30 days at the
    # ECB rate of 1 Jan 2025 (3.15) + 8 = 11.15 %, fixed (CCP R2192-31):
    # 1000 × 11.15 × 30 / 36500 = 334500/36500 = 9.1644 -> 9.16; + 40 €.
    bill = invoice("F11", "1000.00", date(2025, 1, 1), date(2025, 1, 31))
    decompte = acts.build_decompte((bill,), date(2025, 3, 2), rates, TOWN)
    assert decompte.regime == "public"
    assert decompte.penalties == D("9.16")
    assert decompte.lines[0].penalty.lines[0].rate == D("11.15")
    assert decompte.total == D("1049.16")
    assert decompte.basis[1] == ("moratory_interest", "R2192-31 CCP")


def test_decompte_uses_penalties_computed_by_the_caller(rates):
    # A partial payment of 400 € on 20 Feb 2025 on F1 (1 200 € due 14 Feb):
    # 15-20 Feb: 6 days on 1200: 1200 × 13.15 × 6 / 36500 = 94680/36500
    # = 2.5940 -> 2.59; 21 Feb-16 Mar: 24 days on 800: 800 × 13.15 × 24 /
    # 36500 = 252480/36500 = 6.9173 -> 6.92; total 9.51.
    paid = invoice(
        "F1",
        "800.00",
        date(2025, 1, 15),
        date(2025, 2, 14),
        payments=((date(2025, 2, 20), D("400.00")),),
    )
    decompte = acts.build_decompte((paid,), date(2025, 3, 16), rates, SAS)
    assert decompte.penalties == D("9.51")
    assert decompte.principal == D("800.00")
    given = acts.InvoiceClaim(
        "F1",
        date(2025, 1, 15),
        date(2025, 2, 14),
        D("800.00"),
        penalty=decompte.lines[0].penalty,
    )
    assert acts.build_decompte((given,), date(2025, 3, 16), rates, SAS) == decompte


def test_party_is_merchant():
    assert acts.party_is_merchant(SAS) == (True, "commercial_form")
    assert acts.party_is_merchant(SCI) == (False, "civil_company")
    assert acts.party_is_merchant(TOWN) == (False, "public_body")
    assert acts.party_is_merchant(CONSUMER) == (False, "consumer")
    sole = acts.Party("Jean Vidal", kind="merchant")
    assert acts.party_is_merchant(sole) == (True, "declared_merchant")
    architect = acts.Party("Cabinet Roy", kind="merchant", naf_code="71.11Z")
    assert acts.party_is_merchant(architect) == (False, "civil_activity_code")
    with pytest.raises(ValueError):
        acts.Party("X", kind="alien")
