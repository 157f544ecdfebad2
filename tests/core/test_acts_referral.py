# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Referral letters and their effect on the prescription (C. civ. 2238):
suspended from the start to the end, then what was left runs again, at
least 6 months. Dates hand-computed."""

from datetime import date
from decimal import Decimal

import pytest
from recouvrement_core import acts

D = Decimal
SARL = acts.Party("Atelier Martin", kind="commercial_company", legal_form="sarl")
SAS = acts.Party("Boulangerie Durand", kind="commercial_company", legal_form="sas")
SCI = acts.Party("SCI Les Tilleuls", kind="civil", legal_form="sci")
CONSUMER = acts.Party("Paul Roux", kind="consumer")
TOWN = acts.Party("Commune de Brest", kind="public")
INSOLVENT = acts.Party(
    "Durand", kind="commercial_company", is_insolvent=True, legal_form="sas"
)


def test_conciliation_before_the_tribunal_judiciaire():
    # B2B: 5 years from the due date 30 June 2023 -> 30 June 2028.
    # Conciliation from 15 April to 15 June 2025: 61 days (15 + 31 + 15)
    # suspended; 30 June 2028 + 61 days = 30 August 2028 (> 15 Dec 2025,
    # the 6-month floor).
    bill = acts.InvoiceClaim("F1", date(2023, 5, 31), date(2023, 6, 30), D("1800"))
    letter = acts.conciliation_referral(
        SARL,
        SCI,
        (bill,),
        letter_date=date(2025, 4, 1),
        start_date=date(2025, 4, 15),
        expected_end=date(2025, 6, 15),
    )
    assert letter.drafted
    assert letter.recipient == "conciliateur_de_justice"
    assert letter.required_by_750_1  # tribunal judiciaire, 1 800 <= 5 000
    assert letter.start_date == date(2025, 4, 15) and letter.start_confirmed
    assert not letter.end_assumed
    assert letter.amount == D("1800")
    (effect,) = letter.prescription
    assert effect.before.expiry_date == date(2028, 6, 30)
    assert effect.after.expiry_date == date(2028, 8, 30)
    assert effect.extra_days == 61
    assert effect.after.suspended_days == 61
    assert not effect.prescribed_at_start


def test_conciliation_not_required_between_merchants():
    bill = acts.InvoiceClaim("F1", date(2023, 5, 31), date(2023, 6, 30), D("1800"))
    letter = acts.conciliation_referral(SARL, SAS, (bill,), date(2025, 4, 1))
    assert not letter.required_by_750_1
    # No start yet: projected from the letter, over 3 months (1 Apr-1 Jul =
    # 91 days): 30 June 2028 + 91 days = 29 September 2028.
    assert not letter.start_confirmed and letter.end_assumed
    assert letter.expected_end == date(2025, 7, 1)
    assert letter.prescription[0].after.expiry_date == date(2028, 9, 29)


def test_business_mediation_projected_over_three_months():
    # Due 15 Jan 2024 -> expiry 15 Jan 2029. Letter 5 May 2025, mediation
    # assumed 5 May-5 Aug 2025: 26 + 30 + 31 + 5 = 92 days; 15 Jan 2029 +
    # 92 days = 17 April 2029 (16 days to 31 Jan, 28 in Feb, 31 in Mar, 17).
    bill = acts.InvoiceClaim("F2", date(2023, 12, 15), date(2024, 1, 15), D("6400"))
    letter = acts.business_mediation_referral(SARL, SAS, (bill,), date(2025, 5, 5))
    assert letter.recipient == "mediateur_des_entreprises"
    assert letter.start_date == date(2025, 5, 5) and not letter.start_confirmed
    assert letter.expected_end == date(2025, 8, 5) and letter.end_assumed
    (effect,) = letter.prescription
    assert effect.before.expiry_date == date(2029, 1, 15)
    assert effect.after.expiry_date == date(2029, 4, 17)
    assert effect.extra_days == 92


def test_consumer_mediation_six_month_floor():
    # B2C: 2 years from the delivery, 20 Aug 2024 -> 20 Aug 2026. Mediation
    # from 10 June 2026, expected end 90 days later: 8 Sept 2026 (20 days
    # left in June, 31 in July, 31 in Aug, 8). 71 days were left (20 + 31 +
    # 20): 8 Sept + 71 days = 18 Nov 2026 < 8 Sept + 6 months = 8 March 2027,
    # so 8 March 2027.
    bill = acts.InvoiceClaim(
        "F3",
        date(2024, 9, 1),
        date(2024, 9, 30),
        D("850"),
        origin_date=date(2024, 8, 20),
    )
    letter = acts.consumer_mediation_referral(
        SARL,
        CONSUMER,
        (bill,),
        date(2026, 6, 1),
        mediator="CM2C, 14 rue Saint-Jean, 75017 Paris",
        start_date=date(2026, 6, 10),
    )
    assert letter.drafted
    assert letter.recipient == "mediateur_de_la_consommation"
    assert letter.mediator.startswith("CM2C")
    assert letter.expected_end == date(2026, 9, 8)
    (effect,) = letter.prescription
    assert effect.before.expiry_date == date(2026, 8, 20)
    assert effect.before.start_basis == "delivery_date"
    assert effect.after.expiry_date == date(2027, 3, 8)
    # 11 days to 31 Aug, then 30 + 31 + 30 + 31 + 31 + 28, then 8 = 200
    assert effect.extra_days == 200


def test_payment_restarts_then_mediation_suspends():
    # Due 10 Jan 2020, partial payment 1 June 2021 (C. civ. 2240): expiry
    # 1 June 2026. Mediation 1 May-1 June 2026: 31 days left -> 2 July 2026,
    # below the floor 1 June + 6 months = 1 Dec 2026.
    paid = acts.InvoiceClaim(
        "F4",
        date(2019, 12, 10),
        date(2020, 1, 10),
        D("900"),
        payments=((date(2021, 6, 1), D("100")),),
    )
    # Without any payment the claim was time-barred on 10 Jan 2025: the
    # mediation comes too late and changes nothing.
    barred = acts.InvoiceClaim("F5", date(2019, 12, 10), date(2020, 1, 10), D("900"))
    letter = acts.business_mediation_referral(
        SARL,
        SAS,
        (paid, barred),
        date(2026, 4, 20),
        start_date=date(2026, 5, 1),
        expected_end=date(2026, 6, 1),
    )
    first, second = letter.prescription
    assert first.before.expiry_date == date(2026, 6, 1) and first.before.interrupted
    assert first.after.expiry_date == date(2026, 12, 1)
    assert second.before.expiry_date == date(2025, 1, 10)
    assert second.prescribed_at_start
    assert second.after == second.before


@pytest.mark.parametrize(
    ("function", "debtor", "reason"),
    [
        (acts.conciliation_referral, TOWN, "public_person"),
        (acts.business_mediation_referral, TOWN, "public_person"),
        (acts.conciliation_referral, INSOLVENT, "debtor_insolvent"),
        (acts.business_mediation_referral, CONSUMER, "debtor_not_business"),
        (acts.consumer_mediation_referral, SAS, "debtor_not_consumer"),
        (acts.consumer_mediation_referral, CONSUMER, "consumer_mediator_missing"),
    ],
)
def test_referral_refused(function, debtor, reason):
    bill = acts.InvoiceClaim("F6", date(2025, 1, 1), date(2025, 1, 31), D("100"))
    kwargs = {"mediator": None} if function is acts.consumer_mediation_referral else {}
    letter = function(SARL, debtor, (bill,), date(2025, 3, 1), **kwargs)
    assert not letter.drafted
    assert letter.refusal.reason == reason
    assert letter.prescription == ()
