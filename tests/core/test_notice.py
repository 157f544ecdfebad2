# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mise en demeure: receipt date (C. civ. 1231-6, 1344-1), rate explained
(L441-10 II, CCP R2192-31), clauses and blocking problems (law notes §13)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core.notice import (
    PUBLIC_RATE_POINTS,
    NoticeFacts,
    add_working_days,
    easter_sunday,
    french_public_holidays,
    legal_interest_from_receipt,
    notice_clauses,
    notice_receipt_date,
    rate_explanation,
)

D = Decimal
NOTICE_DAY = date(2026, 12, 7)


def test_receipt_is_the_ar_date_when_known():
    receipt = notice_receipt_date(date(2026, 12, 9), date(2026, 12, 4))
    assert (receipt.date, receipt.basis) == (
        date(2026, 12, 9),
        "acknowledgement_of_receipt",
    )


@pytest.mark.parametrize(
    ("posted", "received"),
    [
        # Fri 4 Dec 2026 + 3 working days: Mon 7, Tue 8, Wed 9.
        (date(2026, 12, 4), date(2026, 12, 9)),
        # Wed 23 Dec: Thu 24, (Fri 25 Christmas), Mon 28, Tue 29.
        (date(2026, 12, 23), date(2026, 12, 29)),
        # Thu 2 Apr 2026: Fri 3, (Mon 6 Easter Monday), Tue 7, Wed 8.
        (date(2026, 4, 2), date(2026, 4, 8)),
        # Sat 1 Aug 2026: Mon 3, Tue 4, Wed 5.
        (date(2026, 8, 1), date(2026, 8, 5)),
    ],
)
def test_receipt_presumed_three_working_days_after_posting(posted, received):
    receipt = notice_receipt_date(None, posted)
    assert (receipt.date, receipt.basis) == (received, "posted_plus_delivery_delay")


def test_no_date_no_receipt():
    assert notice_receipt_date(None, None) is None


def test_easter_and_holidays():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2026) == date(2026, 4, 5)
    holidays = french_public_holidays(2026)
    assert len(holidays) == 11
    # Easter Monday 6 Apr, Ascension 14 May (5 Apr + 39), Whit Monday 25 May.
    assert {date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)} <= holidays


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_presumed_receipt_is_a_working_day_3_to_9_days_later(posted):
    received = add_working_days(posted, 3)
    assert received.weekday() < 5
    assert received not in french_public_holidays(received.year)
    assert timedelta(days=3) <= received - posted <= timedelta(days=9)


def test_consumer_interest_from_receipt_not_from_posting(rates):
    # 1 500 €, AR 2 March 2026, until 1 April 2026: 3 Mar-1 Apr = 29 + 1 =
    # 30 days at the 2026-H1 legal rate "other cases" 2.62 %, 2026 not leap:
    # 1500 x 2.62 % = 39.30; x 30 / 365 = 3.2301 -> 3.23.
    # From the posting (25 Feb): 26-28 Feb + 31 + 1 = 35 days ->
    # 39.30 x 35 / 365 = 3.7685 -> 3.77, 0.54 € too much.
    receipt = notice_receipt_date(date(2026, 3, 2), date(2026, 2, 25))
    result = legal_interest_from_receipt(D(1500), receipt, date(2026, 4, 1), rates)
    assert (result.days, result.total) == (30, D("3.23"))


def test_rate_explanation():
    # 2026-H1: ECB 2.15 + 10 = 12.15 % (L441-10 II).
    assert tuple(vars(rate_explanation(D("2.15"))).values()) == (
        D("2.15"),
        D(10),
        D("12.15"),
    )
    # Public buyer: 2.15 + 8 = 10.15 % (R2192-31).
    assert rate_explanation("2.15", PUBLIC_RATE_POINTS).total == D("10.15")
    # 2017: ECB 0.00 + 10 = 10 %.
    assert rate_explanation(D("0.00")).total == D("10.00")


def facts(**kwargs):
    values = {
        "debtor_kind": "business",
        "amount": D("2400"),
        "notice_date": NOTICE_DAY,
        "ecb_rate": D("2.15"),
        "indemnity_count": 1,
    }
    values.update(kwargs)
    return NoticeFacts(**values)


def test_first_business_notice():
    content = notice_clauses(facts())
    assert content.issuable
    for code in (
        "mise_en_demeure_title",
        "principal_amount",
        "deadline_from_receipt",
        "late_penalties",
        "penalties_until_full_payment",
        "rate_explained",
        "fixed_indemnity_40",
    ):
        assert code in content.clauses
    # No reminder was sent: "malgré nos précédentes relances" is excluded.
    assert "previous_reminders" in content.excluded
    assert "previous_reminders" not in content.clauses
    assert "mediator" not in content.clauses


def test_reminders_and_contractual_rate():
    content = notice_clauses(facts(reminders_sent=2, contractual_rate=D("12")))
    assert "previous_reminders" in content.clauses
    assert "rate_contractual" in content.clauses
    assert "rate_explained" not in content.clauses


def test_missing_rate_blocks_the_notice():
    content = notice_clauses(facts(ecb_rate=None))
    assert not content.issuable
    assert content.blocking == ("ecb_rate_missing",)
    # A contractual rate needs no ECB rate.
    assert notice_clauses(facts(ecb_rate=None, contractual_rate=D(12))).issuable


def test_consumer_notice():
    content = notice_clauses(
        facts(debtor_kind="consumer", indemnity_count=0, mediator_configured=True)
    )
    assert content.issuable
    assert "mediator" in content.clauses
    assert "legal_interest_from_receipt" in content.clauses
    for code in ("late_penalties", "fixed_indemnity_40", "recovery_costs"):
        assert code in content.excluded
        assert code not in content.clauses
    unconfigured = notice_clauses(facts(debtor_kind="consumer", indemnity_count=0))
    assert unconfigured.blocking == ("consumer_mediator_missing",)


def test_public_buyer_notice():
    content = notice_clauses(
        facts(
            debtor_kind="public",
            procedure="refere_provision",
            court="tribunal_administratif",
        )
    )
    assert content.issuable
    assert "public_moratory_interest" in content.clauses
    assert "late_penalties" in content.excluded
    assert "cpc_750_1" in content.excluded
    wrong = notice_clauses(facts(debtor_kind="public", procedure="injonction_de_payer"))
    assert "public_person_no_injonction" in wrong.blocking


@pytest.mark.parametrize(
    ("amount", "procedure", "court", "printed"),
    [
        ("4999.99", "assignation", "tribunal_judiciaire", True),
        ("5000", "assignation", "tribunal_judiciaire", True),
        ("5000.01", "assignation", "tribunal_judiciaire", False),
        ("1200", "injonction_de_payer", "tribunal_judiciaire", False),
        ("1200", "petites_creances", None, False),
        ("1200", "assignation", "tribunal_de_commerce", False),
    ],
)
def test_cpc_750_1_only_where_it_applies(amount, procedure, court, printed):
    content = notice_clauses(facts(amount=D(amount), procedure=procedure, court=court))
    assert ("cpc_750_1" in content.clauses) is printed
    assert ("cpc_750_1" in content.excluded) is not printed
    assert f"consequence_{procedure}" in content.clauses


def test_plan_states():
    assert notice_clauses(facts(plan_state="on_time")).blocking == (
        "plan_running_on_time",
    )
    default = notice_clauses(facts(plan_state="in_default"))
    assert "plan_missed_instalments_only" in default.clauses
    assert "plan_whole_balance" in default.excluded
    assert (
        "plan_whole_balance" in notice_clauses(facts(plan_state="accelerated")).clauses
    )


def test_insolvency_blocks_pre_judgment_claims():
    content = notice_clauses(facts(insolvency_judgment_date=NOTICE_DAY))
    assert content.blocking == ("insolvency_claim_to_declare",)
    assert notice_clauses(facts(insolvency_judgment_date=date(2026, 12, 8))).issuable
    assert notice_clauses(
        facts(insolvency_judgment_date=NOTICE_DAY, pre_judgment_claims=False)
    ).issuable


def test_other_blocking_problems():
    content = notice_clauses(
        facts(
            amount=D(0),
            debtor_address=False,
            creditor_missing=("siren",),
            missing=("legal_rate_missing_2026-H2",),
        )
    )
    assert content.blocking == (
        "nothing_due",
        "debtor_address_missing",
        "creditor_siren",
        "legal_rate_missing_2026-H2",
    )
    with pytest.raises(ValueError):
        notice_clauses(facts(debtor_kind="martian"))


@given(
    st.sampled_from(["business", "consumer", "public"]),
    st.integers(min_value=0, max_value=5),
    st.decimals(min_value=0, max_value=20000, places=2),
)
def test_clauses_never_both_printed_and_excluded(kind, reminders, amount):
    content = notice_clauses(
        facts(
            debtor_kind=kind,
            reminders_sent=reminders,
            amount=amount,
            court="tribunal_judiciaire",
            procedure="assignation",
        )
    )
    assert not set(content.clauses) & set(content.excluded)
    assert ("previous_reminders" in content.clauses) is (reminders > 0)
