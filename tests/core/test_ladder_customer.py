# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rule 8 of the ladder (core/ladder.py): the customer's stage holds its
invoices."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core import ladder as rule
from recouvrement_core.ladder import Level, Position

DUE = date(2026, 3, 2)
LADDER = [Level(1, 10, 1), Level(2, 20, 15), Level(3, 30, 45)]
INVOICE_STAGES = (
    "none",
    "amiable",
    "mise_en_demeure",
    "payment_plan",
    "contentieux",
    "dispute",
    "recovered",
    "irrecoverable",
)


def day(offset):
    return DUE + timedelta(days=offset)


def test_the_customer_stage_is_its_most_advanced_invoice():
    assert rule.customer_stage([]) == "none"
    assert rule.customer_stage(["amiable", "none"]) == "amiable"
    assert rule.customer_stage(["amiable", "contentieux", "payment_plan"]) == (
        "contentieux"
    )
    # Disputed or closed invoices say nothing about the customer.
    assert rule.customer_stage(["dispute", "recovered", "amiable"]) == "amiable"
    # Set by hand: it counts as one more stage.
    assert rule.customer_stage(["amiable"], manual="contentieux") == "contentieux"
    assert rule.customer_stage(["contentieux"], manual="amiable") == "contentieux"
    # Insolvency proceedings: the claim is to declare, whatever the rest.
    assert rule.customer_stage(["contentieux"], insolvent=True) == "declaration"


def test_a_new_invoice_of_a_customer_in_litigation_joins_it():
    """The customer is in litigation: its new invoice, once overdue, joins
    the litigation instead of starting with a friendly e-mail."""
    position = Position(due_date=DUE, customer_stage="contentieux")
    assert rule.next_step(LADDER, position) == (None, None)
    assert rule.is_due(LADDER, position, day(30), force=True) is None
    assert rule.joining_stage(position, day(0)) is None  # not overdue yet
    assert rule.joining_stage(position, day(1)) == "contentieux"
    # By option, it waits for a user instead (and still does not climb).
    assert rule.joining_stage(position, day(1), policy=rule.WAIT) is None


def test_a_payment_plan_holds_the_customer():
    position = Position(due_date=DUE, level=LADDER[0], customer_stage="payment_plan")
    assert rule.next_step(LADDER, position) == (None, None)
    assert rule.joining_stage(position, day(20)) == "payment_plan"


def test_insolvency_stops_every_invoice_issued_before_the_judgment():
    """L622-21: all invoices issued up to the opening judgment join the
    declaration at once, due or not, whatever the option; a claim born after
    the judgment (L622-17) waits for a user."""
    judgment = date(2026, 3, 10)
    position = Position(due_date=day(20), customer_stage="declaration")
    for policy in (rule.JOIN, rule.WAIT):
        assert (
            rule.joining_stage(
                position,
                day(0),
                policy=policy,
                judgment_date=judgment,
                invoice_date=date(2026, 3, 1),
            )
            == "declaration"
        )
    later = rule.joining_stage(
        position, day(30), judgment_date=judgment, invoice_date=date(2026, 3, 11)
    )
    assert later is None
    assert rule.next_step(LADDER, position) == (None, None)


def test_closed_or_disputed_invoices_do_not_join():
    for position in (
        Position(due_date=DUE, open=False, customer_stage="contentieux"),
        Position(due_date=DUE, stage="dispute", customer_stage="contentieux"),
        Position(due_date=DUE, stage="contentieux", customer_stage="contentieux"),
    ):
        assert rule.joining_stage(position, day(10)) is None


@given(
    stages=st.lists(st.sampled_from(INVOICE_STAGES), max_size=6),
    manual=st.sampled_from((None, *rule.CUSTOMER_STAGES)),
    insolvent=st.booleans(),
    invoice_stage=st.sampled_from(rule.CLIMBING_STAGES),
    offset=st.integers(-10, 90),
)
def test_a_held_customer_never_climbs(stages, manual, insolvent, invoice_stage, offset):
    """Whatever its invoices, a customer whose stage holds sends nothing on
    the friendly ladder; one that does not hold lets it climb as before."""
    stage = rule.customer_stage(stages, manual=manual, insolvent=insolvent)
    assert rule.stage_rank(stage) >= max(
        [rule.stage_rank(s) for s in (*stages, manual)], default=0
    )
    position = Position(due_date=DUE, stage=invoice_stage, customer_stage=stage)
    free = Position(due_date=DUE, stage=invoice_stage)
    today = day(offset)
    if stage in rule.HOLDING_STAGES:
        assert rule.is_due(LADDER, position, today, force=True) is None
    else:
        assert rule.is_due(LADDER, position, today) == rule.is_due(LADDER, free, today)
        assert rule.joining_stage(position, today) is None


def test_a_blocked_invoice_does_not_join_litigation_but_is_declared():
    blocked = Position(due_date=DUE, blocked=True, customer_stage="contentieux")
    assert rule.joining_stage(blocked, day(10)) is None
    insolvent = Position(due_date=DUE, blocked=True, customer_stage="declaration")
    assert rule.joining_stage(insolvent, day(10)) == "declaration"
