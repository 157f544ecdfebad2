# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from recouvrement_core import compute_prescription, is_prescribed, is_prescription_near


def test_b2b_five_years_from_due_date():
    # Due 2020-03-15 -> last day to act 2025-03-15 (same day number, 5 years).
    # Warning 90 days before: 15 Mar -> 28 Feb (15 d) -> 31 Jan (43 d)
    # -> 31 Dec (74 d) -> 15 Dec 2024 (90 d).
    info = compute_prescription(True, date(2020, 3, 15), date(2020, 2, 14))
    assert info.start_date == date(2020, 3, 15)
    assert info.expiry_date == date(2025, 3, 15)
    assert info.warning_date == date(2024, 12, 15)
    assert (info.years, info.interrupted) == (5, False)


def test_b2c_two_years_from_invoice_date_leap_day():
    # Invoice 2024-02-29 (due 2024-03-30): 2 years from the invoice date;
    # 2026 has no 29 Feb -> 28 Feb 2026. Warning: 28 Feb -> 31 Jan (28 d)
    # -> 31 Dec (59 d) -> 30 Nov 2025 (90 d).
    info = compute_prescription(False, date(2024, 3, 30), date(2024, 2, 29))
    assert info.start_date == date(2024, 2, 29)
    assert info.expiry_date == date(2026, 2, 28)
    assert info.warning_date == date(2025, 11, 30)
    assert info.years == 2


def test_acknowledgement_restarts_a_full_period():
    # B2B due 2020-03-15, partial payment 2022-06-01 -> new 5 years: 2027-06-01.
    info = compute_prescription(
        True, date(2020, 3, 15), date(2020, 2, 14), [date(2022, 6, 1)]
    )
    assert (info.start_date, info.expiry_date, info.interrupted) == (
        date(2022, 6, 1),
        date(2027, 6, 1),
        True,
    )


def test_acknowledgements_chain_and_late_ones_are_ignored():
    # B2C invoice 2020-01-10: expiry 2022-01-10. A plan signed 2021-06-01
    # restarts to 2023-06-01; a payment 2023-05-01 (before that expiry)
    # restarts to 2025-05-01. Given in any order.
    info = compute_prescription(
        False,
        date(2020, 2, 10),
        date(2020, 1, 10),
        [date(2023, 5, 1), date(2021, 6, 1)],
    )
    assert info.expiry_date == date(2025, 5, 1)
    # An acknowledgement after the expiry cannot revive a time-barred claim.
    info = compute_prescription(
        False, date(2020, 2, 10), date(2020, 1, 10), [date(2022, 3, 1)]
    )
    assert (info.expiry_date, info.interrupted) == (date(2022, 1, 10), False)
    # An acknowledgement before the period starts (before the due date) is moot.
    info = compute_prescription(
        True, date(2020, 3, 15), date(2020, 2, 14), [date(2020, 3, 1)]
    )
    assert (info.expiry_date, info.interrupted) == (date(2025, 3, 15), False)


def test_near_and_prescribed_helpers():
    info = compute_prescription(True, date(2020, 3, 15), date(2020, 2, 14))
    assert not is_prescription_near(date(2024, 12, 14), info)
    assert is_prescription_near(date(2024, 12, 15), info)
    assert is_prescription_near(date(2025, 3, 15), info)
    assert not is_prescribed(date(2025, 3, 15), info)
    assert not is_prescription_near(date(2025, 3, 16), info)
    assert is_prescribed(date(2025, 3, 16), info)


def test_custom_warning_days():
    info = compute_prescription(
        True, date(2020, 3, 15), date(2020, 2, 14), warning_days=30
    )
    # 15 Mar 2025 - 30 days: 28 Feb is 15 days back, then 15 more -> 13 Feb.
    assert info.warning_date == date(2025, 2, 13)


def test_b2c_runs_from_the_delivery_when_known():
    # Service completed 2024-01-20, invoiced 2024-02-29: 2 years from the
    # completion (Cass. 1re civ. 19 May 2021) -> 2026-01-20.
    info = compute_prescription(
        False, date(2024, 3, 30), date(2024, 2, 29), delivery_date=date(2024, 1, 20)
    )
    assert (info.start_date, info.expiry_date, info.start_basis) == (
        date(2024, 1, 20),
        date(2026, 1, 20),
        "delivery_date",
    )
    # Unknown: the invoice date, said so.
    info = compute_prescription(False, date(2024, 3, 30), date(2024, 2, 29))
    assert info.start_basis == "invoice_date"
    # A business: the due date, delivery or not.
    info = compute_prescription(
        True, date(2024, 3, 30), date(2024, 2, 29), delivery_date=date(2024, 1, 20)
    )
    assert (info.expiry_date, info.start_basis) == (date(2029, 3, 30), "due_date")


def test_mediation_suspends_then_what_was_left_runs_again():
    # B2B due 2020-03-15 -> 2025-03-15. Mediation 2024-01-10 -> 2024-03-10:
    # left on 2024-01-10: 430 days (356 to 2024-12-31 + 74 to 2025-03-15);
    # 2024-03-10 + 430 days = 2025-05-14 (> 6 months after the end).
    info = compute_prescription(
        True,
        date(2020, 3, 15),
        date(2020, 2, 14),
        suspensions=[(date(2024, 1, 10), date(2024, 3, 10))],
    )
    assert info.expiry_date == date(2025, 5, 14)
    assert info.suspended_days == 60  # 2025-03-15 -> 2025-05-14
    assert not info.interrupted


def test_mediation_near_the_end_leaves_at_least_six_months():
    # Expiry 2025-03-15, mediation 2025-01-01 -> 2025-02-01: only 73 days
    # were left, but never less than 6 months after its end (2238): 2025-08-01.
    info = compute_prescription(
        True,
        date(2020, 3, 15),
        date(2020, 2, 14),
        suspensions=[(date(2025, 1, 1), date(2025, 2, 1))],
    )
    assert info.expiry_date == date(2025, 8, 1)
    # A mediation started after the expiry revives nothing.
    info = compute_prescription(
        True,
        date(2020, 3, 15),
        date(2020, 2, 14),
        suspensions=[(date(2025, 4, 1), date(2025, 5, 1))],
    )
    assert info.expiry_date == date(2025, 3, 15)


def test_judgment_replaces_prescription_by_ten_years():
    # Judgment 2024-06-05: enforceable for 10 years (L111-4 CPCE) -> 2034-06-05.
    info = compute_prescription(
        True, date(2020, 3, 15), date(2020, 2, 14), judgment_date=date(2024, 6, 5)
    )
    assert (info.expiry_date, info.years, info.start_basis) == (
        date(2034, 6, 5),
        10,
        "judgment",
    )


def test_public_buyer_four_years_from_the_next_1_january():
    from recouvrement_core import public_prescription

    # Service invoiced 2021-03-10: 4 years from 2022-01-01 -> 2025-12-31
    # (loi 68-1250, art. 1).
    info = public_prescription(date(2021, 3, 10))
    assert (info.start_date, info.expiry_date, info.years) == (
        date(2022, 1, 1),
        date(2025, 12, 31),
        4,
    )
    # A written reminder of 2023-06-15 (art. 2): a new 4 years from
    # 2024-01-01 -> 2027-12-31; a payment in 2025 -> 2029-12-31.
    info = public_prescription(
        date(2021, 3, 10),
        acknowledgement_dates=[date(2025, 2, 1)],
        written_claim_dates=[date(2023, 6, 15)],
    )
    assert (info.expiry_date, info.interrupted) == (date(2029, 12, 31), True)
    # A claim after the expiry revives nothing.
    info = public_prescription(
        date(2021, 3, 10), written_claim_dates=[date(2026, 1, 5)]
    )
    assert (info.expiry_date, info.interrupted) == (date(2025, 12, 31), False)
