# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The recovery ladder's rule: when an invoice is due for which level.

Pure Python. The add-on states the rule twice on purpose, and both say
what this module says:

- ``account.move`` (next level, next date, "due for escalation") calls
  :func:`next_step` record by record;
- ``recovery.engine._candidates_sql`` states the same rule in SQL for the
  nightly run on every invoice at once, with the parameters below
  (:data:`CLIMBING_STAGES`, :data:`NO_LEVEL_DAYS`), clause by clause as in
  :func:`next_step`. Tests check that both agree.

The rule:

1. Only an open invoice climbs: posted, unpaid, not blocked (invoice or
   customer), customer not in insolvency proceedings, in a climbing stage
   (not in litigation, under a payment plan, disputed...).
2. An invoice whose latest step is still on its way (a notice waiting for
   validation, a letter not yet posted, an e-mail not yet accepted) waits
   for it: it does not climb.
3. The next level is the first level of the ladder after the current one,
   in the ladder's order (sequence, then id).
4. The next level is reached ``days`` after the due date.
5. After a previous step, at least the difference of days between the two
   levels elapses (the ladder keeps its rhythm when started late). A step
   recorded without a level counts as the start of the ladder: the due date,
   ``NO_LEVEL_DAYS``.
6. One step a day at most: never on the day of the previous step.
7. A pause until a date (a promise to pay and its grace days, a reply of the
   customer, a block until a date, on the invoice or the customer) holds the
   invoice up to that date included: it climbs the day after at the
   earliest, even when a user escalates "now".
"""

from dataclasses import dataclass
from datetime import date, timedelta

# Stages whose invoices climb; the others wait for a user.
CLIMBING_STAGES = ("none", "amiable", "mise_en_demeure")
# The days of the position before the first level (the due date).
NO_LEVEL_DAYS = 0


@dataclass(frozen=True)
class Level:
    """One rung of a company's ladder (only what the rule needs)."""

    id: int
    sequence: int
    days: int

    @property
    def order(self):
        return (self.sequence, self.id)


@dataclass(frozen=True)
class Position:
    """Where an invoice stands, as facts.

    ``blocked``: invoice or customer blocked, or customer insolvent;
    ``waiting``: its latest step is still on its way (rule 2);
    ``paused_until``: the latest pause of the invoice and its customer (rule 7).
    """

    due_date: date | None
    level: Level | None = None
    last_date: date | None = None
    stage: str = "none"
    open: bool = True
    blocked: bool = False
    waiting: bool = False
    paused_until: date | None = None


def climbs(position):
    """Rules 1 and 2: may this invoice climb at all?"""
    return (
        position.open
        and position.due_date is not None
        and not position.blocked
        and not position.waiting
        and (position.stage or "none") in CLIMBING_STAGES
    )


def next_level(ladder, current):
    """Rule 3: the first level of ``ladder`` after ``current`` (or None).

    ``ladder``: the company's active levels, in any order.
    """
    after = [
        level for level in ladder if current is None or level.order > current.order
    ]
    return min(after, key=lambda level: level.order, default=None)


def gap_days(nxt, current):
    """Rule 5: days between the previous step and the next one."""
    current_days = NO_LEVEL_DAYS if current is None else current.days
    return max(nxt.days - current_days, 0)


def next_date(position, nxt):
    """Rules 4 to 7: the first day the invoice may reach ``nxt``."""
    when = position.due_date + timedelta(days=nxt.days)
    if position.paused_until is not None:
        when = max(when, position.paused_until + timedelta(days=1))
    if position.last_date is not None:
        when = max(
            when,
            position.last_date + timedelta(days=gap_days(nxt, position.level)),
            position.last_date + timedelta(days=1),
        )
    return when


def next_step(ladder, position):
    """(next level, its date) of an invoice, or (None, None) if it does not climb."""
    if not climbs(position):
        return None, None
    nxt = next_level(ladder, position.level)
    if nxt is None:
        return None, None
    return nxt, next_date(position, nxt)


def is_due(ladder, position, today, force=False):
    """The level the invoice moves to on ``today``, or None.

    ``force`` (a user's "now") skips the delays of rules 4 and 5, never the
    blocks nor the one step a day.
    """
    nxt, when = next_step(ladder, position)
    if nxt is None:
        return None
    if position.last_date is not None and position.last_date >= today:
        return None
    if position.paused_until is not None and position.paused_until >= today:
        return None
    return nxt if force or when <= today else None
