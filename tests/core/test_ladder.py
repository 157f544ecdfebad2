# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ladder rule (core/ladder.py): examples and properties over generated
ladders and histories."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from recouvrement_core import ladder as rule
from recouvrement_core.ladder import Level, Position

DUE = date(2026, 1, 5)
# The default French ladder: e-mail J+1, call J+15, letter J+30, notice J+45,
# litigation J+60.
DEFAULT = [
    Level(1, 10, 1),
    Level(2, 20, 15),
    Level(3, 30, 30),
    Level(4, 40, 45),
    Level(5, 50, 60),
]


def day(offset):
    return DUE + timedelta(days=offset)


# ------------------------------------------------------------
# EXAMPLES
# ------------------------------------------------------------


def test_first_level_the_day_after_due():
    position = Position(due_date=DUE)
    assert rule.next_step(DEFAULT, position) == (DEFAULT[0], day(1))
    assert rule.is_due(DEFAULT, position, day(0)) is None
    assert rule.is_due(DEFAULT, position, day(1)) == DEFAULT[0]


def test_late_start_keeps_the_rhythm():
    """E-mail sent at J+46: the call comes 14 days later, not the next day."""
    position = Position(due_date=DUE, level=DEFAULT[0], last_date=day(46))
    assert rule.next_step(DEFAULT, position) == (DEFAULT[1], day(60))


def test_step_without_level_counts_from_the_due_date():
    """A step recorded without a level (imported, manual) is the start of the
    ladder: the first level waits its days after it, as after the due date."""
    position = Position(due_date=DUE, last_date=day(40))
    assert rule.next_step(DEFAULT, position) == (DEFAULT[0], day(41))
    ladder = [Level(1, 10, 5), Level(2, 20, 15)]
    assert rule.next_step(ladder, position) == (ladder[0], day(45))


def test_blocks():
    for position in (
        Position(due_date=DUE, blocked=True),
        Position(due_date=DUE, waiting=True),
        Position(due_date=DUE, stage="payment_plan"),
        Position(due_date=DUE, stage="contentieux"),
        Position(due_date=DUE, open=False),
        Position(due_date=None),
    ):
        assert rule.next_step(DEFAULT, position) == (None, None)
        assert rule.is_due(DEFAULT, position, day(100), force=True) is None


def test_a_pause_holds_the_invoice_to_its_last_day():
    """Rule 7: paused up to day 10 included (a promise and its grace days):
    the first level, due on day 1, is reached on day 11, even "now"."""
    position = Position(due_date=DUE, paused_until=day(10))
    assert rule.next_step(DEFAULT, position) == (DEFAULT[0], day(11))
    assert rule.is_due(DEFAULT, position, day(10), force=True) is None
    assert rule.is_due(DEFAULT, position, day(11)) == DEFAULT[0]
    # A pause already over changes nothing.
    over = Position(due_date=DUE, paused_until=day(-5))
    assert rule.next_step(DEFAULT, over) == (DEFAULT[0], day(1))


def test_top_of_the_ladder():
    position = Position(due_date=DUE, level=DEFAULT[-1], last_date=day(60))
    assert rule.next_step(DEFAULT, position) == (None, None)


def test_force_skips_the_delays_not_the_day():
    position = Position(due_date=DUE, level=DEFAULT[0], last_date=day(1))
    assert rule.is_due(DEFAULT, position, day(2)) is None
    assert rule.is_due(DEFAULT, position, day(2), force=True) == DEFAULT[1]
    assert rule.is_due(DEFAULT, position, day(1), force=True) is None


# ------------------------------------------------------------
# PROPERTIES
# ------------------------------------------------------------

ladders = st.lists(
    st.tuples(st.integers(0, 5), st.integers(-60, 120)), min_size=1, max_size=6
).map(
    lambda rows: [
        Level(index + 1, sequence, days) for index, (sequence, days) in enumerate(rows)
    ]
)
offsets = st.integers(-70, 200)


def sql_form(ladder, position, today):
    """The WHERE clause of recovery.engine._candidates_sql, transliterated:
    a conjunction of inequalities on the rule's parameters."""
    if not rule.climbs(position):
        return None
    nxt = rule.next_level(ladder, position.level)
    if nxt is None:
        return None
    last = position.last_date
    paused = position.paused_until
    cur_days = position.level.days if position.level else rule.NO_LEVEL_DAYS
    ok = (
        (last is None or last < today)
        and (paused is None or paused < today)
        and (
            position.due_date + timedelta(days=nxt.days) <= today
            and (
                last is None
                or last + timedelta(days=max(nxt.days - cur_days, 0)) <= today
            )
        )
    )
    return nxt if ok else None


@given(
    ladder=ladders,
    level_index=st.one_of(st.none(), st.integers(0, 5)),
    last=st.one_of(st.none(), offsets),
    paused=st.one_of(st.none(), offsets),
    today=offsets,
)
def test_sql_form_is_the_rule(ladder, level_index, last, paused, today):
    level = None
    if level_index is not None:
        level = ladder[level_index % len(ladder)]
    position = Position(
        due_date=DUE,
        level=level,
        last_date=None if last is None else day(last),
        paused_until=None if paused is None else day(paused),
    )
    assert sql_form(ladder, position, day(today)) == rule.is_due(
        ladder, position, day(today)
    )


@given(
    ladder=ladders,
    level_index=st.one_of(st.none(), st.integers(0, 5)),
    last=st.one_of(st.none(), offsets),
    paused=st.one_of(st.none(), offsets),
)
def test_next_date_is_the_first_due_day(ladder, level_index, last, paused):
    level = None if level_index is None else ladder[level_index % len(ladder)]
    position = Position(
        due_date=DUE,
        level=level,
        last_date=None if last is None else day(last),
        paused_until=None if paused is None else day(paused),
    )
    nxt, when = rule.next_step(ladder, position)
    if nxt is None:
        return
    assert rule.is_due(ladder, position, when) == nxt
    assert rule.is_due(ladder, position, when - timedelta(days=1)) is None


@given(
    ladder=ladders,
    waiting_days=st.sets(st.integers(0, 250), max_size=40),
    blocked_days=st.sets(st.integers(0, 250), max_size=40),
)
def test_nightly_history(ladder, waiting_days, blocked_days):
    """Run the ladder night after night: levels in order, one step a day,
    no step before its delays, none while blocked or waiting."""
    history = []
    level, last = None, None
    for offset in range(-70, 251):
        today = day(offset)
        position = Position(
            due_date=DUE,
            level=level,
            last_date=last,
            waiting=offset in waiting_days,
            blocked=offset in blocked_days,
        )
        nxt = rule.is_due(ladder, position, today)
        if nxt is not None:
            history.append((today, nxt))
            level, last = nxt, today
    ordered = sorted(ladder, key=lambda lvl: lvl.order)
    assert [lvl for _when, lvl in history] == ordered[: len(history)]
    previous_day, previous_level = None, None
    for when, lvl in history:
        offset = (when - DUE).days
        assert offset not in waiting_days and offset not in blocked_days
        assert when >= DUE + timedelta(days=lvl.days)
        if previous_day is not None:
            assert when > previous_day
            assert (when - previous_day).days >= lvl.days - previous_level.days
        previous_day, previous_level = when, lvl
    if not waiting_days and not blocked_days:
        assert len(history) == len(ladder), "the whole ladder is climbed"
