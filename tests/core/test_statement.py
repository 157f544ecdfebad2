# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statement of account: every open item, net balance, "exigible" only for
what is (law notes §13; C. com. L622-7; C. civ. 1347)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core.plan_terms import PlanLine
from recouvrement_core.statement import OpenItem, account_statement, item_status

D = Decimal
TODAY = date(2026, 12, 7)


def test_plain_statement():
    items = [
        OpenItem("F1", "invoice", D("1200.00"), date(2026, 10, 31)),
        OpenItem("F2", "invoice", D("600.00"), date(2026, 12, 31)),
        OpenItem("F3", "invoice", D("350.00"), date(2026, 11, 15), disputed=True),
        OpenItem("AV1", "credit_note", D("-150.00")),
        OpenItem("PAY1", "payment", D("-100.00")),
        OpenItem("PEN1", "penalty_invoice", D("52.40"), date(2026, 11, 30)),
    ]
    result = account_statement(items, TODAY)
    assert [line.status for line in result.lines] == [
        "exigible",
        "not_yet_due",
        "disputed",
        "credit",
        "credit",
        "exigible",
    ]
    # Net: 1200 + 600 + 350 - 150 - 100 + 52.40 = 1952.40.
    assert result.net_balance == D("1952.40")
    # Exigible: 1200 + 52.40 = 1252.40, less the credits 250 = 1002.40.
    assert result.credits == D("-250.00")
    assert result.total_exigible == D("1002.40")


def test_invoice_due_today_is_exigible():
    item = OpenItem("F", "invoice", D(10), TODAY)
    assert item_status(item, TODAY) == "exigible"
    assert item_status(item, TODAY - timedelta(days=1)) == "not_yet_due"


def test_credits_larger_than_exigible_give_zero_not_negative():
    items = [
        OpenItem("F1", "invoice", D("100.00"), date(2026, 11, 1)),
        OpenItem("AV1", "credit_note", D("-300.00")),
    ]
    result = account_statement(items, TODAY)
    assert (result.net_balance, result.total_exigible) == (D("-200.00"), D(0))


def plan_lines(*paid):
    days = [date(2026, 10, 10), date(2026, 11, 10), date(2026, 12, 10)]
    return [
        PlanLine(day, D(300), D(value)) for day, value in zip(days, paid, strict=True)
    ]


def test_missed_instalment_only_is_exigible_under_a_plan():
    # 900 € in 3 x 300, the first paid: residual 600. On 7 Dec the November
    # instalment (300) is missed: exigible 300 + F5 200 = 500; net 800.
    items = [
        OpenItem("F4", "invoice", D("600.00"), date(2026, 9, 30), in_plan=True),
        OpenItem("F5", "invoice", D("200.00"), date(2026, 11, 30)),
    ]
    result = account_statement(items, TODAY, plan_lines(300, 0, 0))
    assert result.lines[0].status == "under_plan"
    assert result.lines[0].exigible == D(0)
    assert (result.plan_exigible, result.total_exigible, result.net_balance) == (
        D(300),
        D(500),
        D(800),
    )


def test_on_time_plan_nothing_exigible_until_the_next_instalment():
    items = [OpenItem("F4", "invoice", D("300.00"), date(2026, 9, 30), in_plan=True)]
    lines = plan_lines(300, 300, 0)
    assert account_statement(items, TODAY, lines).total_exigible == D(0)
    assert account_statement(items, date(2026, 12, 10), lines).total_exigible == D(300)


def test_accelerated_plan_whole_balance_exigible():
    # Notice received 20 Nov + 15 days = 5 Dec: balance due from 6 Dec.
    items = [OpenItem("F4", "invoice", D("600.00"), date(2026, 9, 30), in_plan=True)]
    result = account_statement(
        items, TODAY, plan_lines(300, 0, 0), plan_notice_receipt=date(2026, 11, 20)
    )
    assert result.total_exigible == D(600)


def test_insolvency_pre_judgment_claims_are_to_declare():
    judgment = date(2026, 11, 20)
    items = [
        OpenItem("F6", "invoice", D("1000.00"), date(2026, 10, 31), date(2026, 10, 1)),
        # Invoiced after the judgment for a delivery before it: declared.
        OpenItem(
            "F7",
            "invoice",
            D("400.00"),
            date(2026, 12, 25),
            date(2026, 11, 25),
            date(2026, 11, 10),
        ),
        # Born after the judgment: paid at its due date (L622-17).
        OpenItem(
            "F8",
            "invoice",
            D("250.00"),
            date(2026, 11, 30),
            date(2026, 11, 25),
            date(2026, 11, 24),
        ),
        OpenItem("AV2", "credit_note", D("-50.00")),
    ]
    result = account_statement(items, TODAY, judgment_date=judgment)
    assert [line.status for line in result.lines] == [
        "to_declare",
        "to_declare",
        "exigible",
        "credit",
    ]
    # Only F8 is exigible; the credit is not set off (L622-7): 250.
    assert result.total_exigible == D(250)
    assert result.net_balance == D(1600)
    # The day before the judgment, F6 was still exigible.
    before = account_statement(items, date(2026, 11, 19), judgment_date=judgment)
    assert before.lines[0].status == "exigible"


def test_plan_of_an_insolvent_customer_is_not_exigible():
    items = [
        OpenItem(
            "F4",
            "invoice",
            D("600.00"),
            date(2026, 9, 30),
            date(2026, 9, 1),
            in_plan=True,
        )
    ]
    result = account_statement(
        items, TODAY, plan_lines(300, 0, 0), judgment_date=date(2026, 11, 20)
    )
    assert result.lines[0].status == "to_declare"
    assert result.total_exigible == D(0)


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        item_status(OpenItem("X", "gift", D(1)), TODAY)


item_strategy = st.builds(
    OpenItem,
    ref=st.just("X"),
    kind=st.sampled_from(["invoice", "penalty_invoice", "credit_note", "payment"]),
    residual=st.decimals(min_value=-5000, max_value=5000, places=2),
    due_date=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    disputed=st.booleans(),
)


@given(st.lists(item_strategy, max_size=8))
def test_exigible_never_exceeds_what_is_due(items):
    result = account_statement(items, TODAY)
    due = sum(
        (
            i.residual
            for i in items
            if i.residual > 0 and not i.disputed and i.due_date <= TODAY
        ),
        D(0),
    )
    assert D(0) <= result.total_exigible <= due
    assert result.net_balance == sum((i.residual for i in items), D(0))
