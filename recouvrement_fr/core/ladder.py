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
8. The customer's stage holds its invoices. A customer has a stage of its
   own: the most advanced of its open invoices' stages, or one set by hand,
   or *déclaration de créance* once insolvency proceedings are opened
   (:func:`customer_stage`). While that stage holds (under a payment plan,
   in litigation, claim to declare), none of its invoices climbs the
   friendly ladder: a new overdue invoice joins the customer's stage, or
   waits for a user if the company chose so (:func:`joining_stage`). Under
   insolvency, individual recovery stops (C. com. L622-21): every invoice
   issued up to the opening judgment joins the declaration, whatever the
   option; a later one (a claim born after the judgment, L622-17) waits.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .vocabulary import CLIMBING_STAGES, CUSTOMER_STAGES, HOLDING_STAGES

# The days of the position before the first level (the due date).
NO_LEVEL_DAYS = 0
# What a new overdue invoice of a held customer does (the company's option).
JOIN = "join"
WAIT = "wait"


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
    customer_stage: str = "none"


def climbs(position):
    """Rules 1 and 2: may this invoice climb at all?"""
    return (
        position.open
        and position.due_date is not None
        and not position.blocked
        and not position.waiting
        and (position.stage or "none") in CLIMBING_STAGES
        and not held(position)
    )


def stage_rank(stage):
    """Rule 8: how advanced a customer stage is (-1: says nothing)."""
    return CUSTOMER_STAGES.index(stage) if stage in CUSTOMER_STAGES else -1


def customer_stage(invoice_stages, manual=None, insolvent=False):
    """Rule 8: the stage of a customer.

    ``invoice_stages``: the stages of its open invoices; ``manual``: a stage
    set by hand on the customer (or None); ``insolvent``: insolvency
    proceedings opened against it.
    """
    if insolvent:
        return "declaration"
    stages = [stage for stage in (*invoice_stages, manual) if stage_rank(stage) >= 0]
    return max(stages, key=stage_rank, default="none")


def held(position):
    """Rule 8: is the invoice held by its customer's stage?"""
    return (position.customer_stage or "none") in HOLDING_STAGES


def joining_stage(position, today, policy=JOIN, judgment_date=None, invoice_date=None):
    """Rule 8: the customer stage an invoice joins on ``today``, or None.

    An open invoice in a climbing stage of a held customer joins that stage
    once overdue (``policy`` :data:`JOIN`) unless blocked, or waits
    (:data:`WAIT`). A claim
    to declare joins whatever the policy and the due date when the invoice
    was issued up to the opening judgment (``judgment_date``), never after.
    """
    stage = position.customer_stage or "none"
    if not (
        position.open
        and stage in HOLDING_STAGES
        and (position.stage or "none") in CLIMBING_STAGES
    ):
        return None
    if stage == "declaration":
        issued_before = (
            judgment_date is None
            or invoice_date is None
            or invoice_date <= judgment_date
        )
        return stage if issued_before else None
    overdue = position.due_date is not None and position.due_date < today
    return stage if policy == JOIN and overdue and not position.blocked else None


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
