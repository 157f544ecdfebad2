# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Legal interest (B2C, C. civ. 1231-6) and the 40 € indemnity (D441-5)."""

from datetime import date
from decimal import Decimal

import pytest
from recouvrement_core import fixed_indemnity, legal_interest

D = Decimal


def test_legal_interest_actual_actual_across_new_year(rates):
    # 3 000 €, mise en demeure 2023-11-15, computed on 2024-02-14,
    # rate "all other cases": 2023-H2 4.22 %, 2024-H1 5.07 %.
    # 16 Nov-31 Dec 2023: 15 + 31 = 46 days, 2023 has 365 days:
    #   3000*4.22*46/36500 = 582360/36500 = 15.9550 -> 15.96
    # 1 Jan-14 Feb 2024: 31 + 14 = 45 days, 2024 has 366 days:
    #   3000*5.07*45/36600 = 684450/36600 = 18.7008 -> 18.70
    # total 34.66 (91 days)
    result = legal_interest(3000, date(2023, 11, 15), date(2024, 2, 14), rates)
    assert [(x.days, x.rate, x.day_basis, x.amount) for x in result.lines] == [
        (46, D("4.22"), 365, D("15.96")),
        (45, D("5.07"), 366, D("18.70")),
    ]
    assert result.total == D("34.66")
    assert result.days == 91


def test_legal_interest_with_partial_payment(rates):
    # 1 200 €, mise en demeure 2025-03-31, 500 € paid 2025-05-31, computed 2025-08-31.
    # 1 Apr-31 May: 30 + 31 = 61 d, 1200 at 3.71: 1200*3.71*61/36500 = 271572/36500
    #   = 7.4403 -> 7.44
    # 1 Jun-30 Jun: 30 d, 700 at 3.71: 700*3.71*30/36500 = 77910/36500 = 2.1345 -> 2.13
    # 1 Jul-31 Aug: 31 + 31 = 62 d, 700 at 2.76: 700*2.76*62/36500 = 119784/36500
    #   = 3.2817 -> 3.28
    # total 7.44 + 2.13 + 3.28 = 12.85
    result = legal_interest(
        1200, date(2025, 3, 31), date(2025, 8, 31), rates, [(date(2025, 5, 31), 500)]
    )
    assert [(x.date_from, x.days, x.base, x.amount) for x in result.lines] == [
        (date(2025, 4, 1), 61, D(1200), D("7.44")),
        (date(2025, 6, 1), 30, D(700), D("2.13")),
        (date(2025, 7, 1), 62, D(700), D("3.28")),
    ]
    assert result.total == D("12.85")


def test_legal_interest_individual_rate(rates):
    # Creditor is a private individual: 2024-H2 rate 8.16 %, 2024 is leap.
    # 10 000 €, mise en demeure 2024-09-30, computed 2024-10-30: 30 days.
    # 10000*8.16*30/36600 = 2448000/36600 = 66.8852 -> 66.89
    result = legal_interest(
        10000, date(2024, 9, 30), date(2024, 10, 30), rates, kind="legal_individual"
    )
    assert result.total == D("66.89")


def test_fixed_indemnity_b2b():
    # 3 late invoices: 3 * 40 = 120 €.
    indemnity = fixed_indemnity(True, False, 3)
    assert (indemnity.fixed, indemnity.complementary, indemnity.total) == (
        D(120),
        D(0),
        D(120),
    )
    # 2 invoices, 150 € of justified costs: 80 fixed + (150 - 80) = 70 -> 150.
    indemnity = fixed_indemnity(True, False, 2, D("150"))
    assert (indemnity.fixed, indemnity.complementary, indemnity.total) == (
        D(80),
        D(70),
        D(150),
    )
    # Costs below the fixed indemnities add nothing: 2 invoices, 60 € -> 80.
    assert fixed_indemnity(True, False, 2, 60).total == D(80)


def test_no_indemnity_for_consumers_insolvency_or_no_invoice():
    assert fixed_indemnity(False, False, 3, 500).total == D(0)
    assert fixed_indemnity(True, True, 3, 500).total == D(0)
    assert fixed_indemnity(True, False, 0, 500).total == D(0)
    with pytest.raises(ValueError):
        fixed_indemnity(True, False, -1)
    with pytest.raises(ValueError):
        fixed_indemnity(True, False, 1, -10)
