# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a payment plan says on default, and what the next letter may claim.

A missed instalment brings the *déchéance du terme* (the remaining balance
becomes due), not the *résolution* of the agreement (C. civ. 1229): the two
are not mixed. For a consumer, a clause making the whole balance due without
a prior mise en demeure and a notice of reasonable length is abusive
(C. conso. L212-1; Cass. 1re civ. 22 March 2023, n° 21-16.044). The same
prudent mechanism is used for businesses (Cass. 1re civ. 3 June 2015,
n° 14-15.655: no déchéance without a mise en demeure left unanswered unless
the contract waives it expressly): only the missed instalments are claimed
first; the whole balance only once the acceleration notice was received and
the notice period stated in the plan has run out.

:func:`plan_clause_terms` gives the clause's parameters, read by the plan's
PDF, the e-mail sending it and the notice alike; :func:`plan_claim` tells
what may be claimed on a date; :func:`penalty_fate` what becomes of the
penalties and the 40 € indemnity set aside by the plan.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ._util import ONE_DAY, ZERO, to_decimal

DEFAULT_NOTICE_DAYS = 15
# Below this a consumer's notice is flagged (not a statutory figure: the
# 2023 ruling asks for a "préavis d'une durée raisonnable"; 15 days is the
# usual one in consumer credit practice).
CONSUMER_MIN_NOTICE_DAYS = 15

CLAIM_MISSED_INSTALMENTS = "missed_instalments"
BALANCE_AFTER_NOTICE = "balance_after_notice_receipt_and_period"

INCLUDED = "included"
WAIVED_IF_KEPT = "waived_if_kept"
RESERVED = "reserved"
PENALTY_OPTIONS = (INCLUDED, WAIVED_IF_KEPT, RESERVED)

# Plan states on a given date.
ON_TIME = "on_time"
IN_DEFAULT = "in_default"
ACCELERATED = "accelerated"
COMPLETED = "completed"


@dataclass(frozen=True)
class PlanLine:
    """One instalment: due date, amount, amount paid on it so far."""

    due_date: date
    amount: Decimal
    paid: Decimal = ZERO

    @property
    def unpaid(self):
        return max(to_decimal(self.amount) - to_decimal(self.paid), ZERO)


@dataclass(frozen=True)
class PlanClauseTerms:
    """Parameters of the default clause, one source for every document.

    ``clause_codes`` are the stable codes of the sentences to print;
    ``warnings`` codes of what should be reviewed before signing.
    """

    is_consumer: bool
    notice_days: int
    first_claim: str
    balance_due: str
    penalty_option: str
    clause_codes: tuple
    warnings: tuple = ()


@dataclass(frozen=True)
class PlanClaim:
    """What a letter may claim on ``on_date``.

    ``claimable`` is the amount exigible now: the unpaid instalments fallen
    due, or the whole remaining balance once accelerated.
    """

    state: str
    missed: Decimal
    remaining: Decimal
    claimable: Decimal
    balance_due_from: date | None
    codes: tuple


def plan_clause_terms(
    is_consumer, notice_days=DEFAULT_NOTICE_DAYS, penalty_option=WAIVED_IF_KEPT
):
    """The default clause of a plan (C. conso. L212-1; Cass. 1re civ.
    22/03/2023 n° 21-16.044): first the missed instalments; the balance
    only ``notice_days`` after the receipt of a mise en demeure."""
    if penalty_option not in PENALTY_OPTIONS:
        raise ValueError(f"unknown penalty option {penalty_option!r}")
    if (
        isinstance(notice_days, bool)
        or int(notice_days) != notice_days
        or notice_days < 1
    ):
        raise ValueError("the notice period is a positive number of days")
    codes = [
        "missed_instalment_claimed",
        "acceleration_after_notice",
        "decheance_not_resolution",
        f"penalties_{penalty_option}",
    ]
    if not is_consumer:
        codes.append("indemnity_40_" + penalty_option)
    warnings = ()
    if is_consumer and notice_days < CONSUMER_MIN_NOTICE_DAYS:
        warnings = ("consumer_notice_shorter_than_usual",)
    return PlanClauseTerms(
        bool(is_consumer),
        int(notice_days),
        CLAIM_MISSED_INSTALMENTS,
        BALANCE_AFTER_NOTICE,
        penalty_option,
        tuple(codes),
        warnings,
    )


def balance_due_from(notice_receipt_date, notice_days=DEFAULT_NOTICE_DAYS):
    """First day the whole balance is due: the notice period runs from the
    day after receipt and ends on receipt + ``notice_days`` (the debtor may
    still pay on that day), so the balance is due the day after."""
    return notice_receipt_date + timedelta(days=notice_days) + ONE_DAY


def _missed(lines, on_date):
    """Unpaid amount of the instalments whose due date has passed."""
    return sum((line.unpaid for line in lines if line.due_date < on_date), ZERO)


def plan_claim(
    lines, on_date, notice_receipt_date=None, notice_days=DEFAULT_NOTICE_DAYS
):
    """What may be claimed on ``on_date`` under the plan's default clause.

    An instalment is missed the day after its due date. While no
    acceleration notice was received, or its period has not run out, only
    the missed instalments are claimed. Once ``balance_due_from`` is reached
    and an instalment missed at the notice's receipt is still unpaid (the
    debtor did not cure it), the whole remaining balance is due.
    """
    lines = sorted(lines, key=lambda line: line.due_date)
    remaining = sum((line.unpaid for line in lines), ZERO)
    missed = _missed(lines, on_date)
    due_from = None
    if notice_receipt_date is not None:
        due_from = balance_due_from(notice_receipt_date, notice_days)
    if not remaining:
        return PlanClaim(COMPLETED, ZERO, ZERO, ZERO, None, ("plan_completed",))
    uncured = notice_receipt_date is not None and _missed(
        lines, notice_receipt_date + ONE_DAY
    )
    if due_from and on_date >= due_from and uncured:
        codes = ("whole_balance_due", "acceleration_notice_received")
        return PlanClaim(ACCELERATED, missed, remaining, remaining, due_from, codes)
    if missed:
        running = due_from is not None and on_date < due_from
        codes = (
            "missed_instalments_only",
            "acceleration_notice_period_running"
            if running
            else "acceleration_notice_needed",
        )
        return PlanClaim(IN_DEFAULT, missed, remaining, missed, due_from, codes)
    fallen = sum((line.unpaid for line in lines if line.due_date == on_date), ZERO)
    return PlanClaim(ON_TIME, ZERO, remaining, fallen, None, ("plan_on_time",))


@dataclass(frozen=True)
class PenaltyFate:
    """Penalties and 40 € set aside by a plan, on a date.

    ``due_now``: claimable now besides the instalments; ``suspended``: shown
    on the statement as not exigible (waived if the plan is kept, or
    reserved until its end); ``waived``: definitively given up.
    """

    due_now: Decimal
    suspended: Decimal
    waived: Decimal
    code: str


def penalty_fate(
    option, state, penalties, indemnity=ZERO, is_consumer=False, kept=True
):
    """What becomes of the penalties/interest and the 40 € under a plan.

    ``included``: they are in the plan's total (nothing separate).
    ``waived_if_kept``: waived once every instalment is paid on time; due
    again on default; ``kept`` says whether every instalment of a completed
    plan was paid on time (a plan paid up late is not kept). ``reserved``:
    claimed after the plan, or on default.
    A consumer owes no 40 € (L441-10 II is B2B; CPCE L111-8).
    """
    if option not in PENALTY_OPTIONS:
        raise ValueError(f"unknown penalty option {option!r}")
    indemnity = to_decimal(indemnity)
    if is_consumer and indemnity:
        raise ValueError("a consumer owes no recovery indemnity (CPCE L111-8)")
    amount = to_decimal(penalties) + indemnity
    defaulted = state in (IN_DEFAULT, ACCELERATED)
    if option == INCLUDED:
        return PenaltyFate(ZERO, ZERO, ZERO, "included_in_plan_total")
    if defaulted:
        return PenaltyFate(amount, ZERO, ZERO, f"{option}_due_on_default")
    if state == COMPLETED:
        if option == WAIVED_IF_KEPT and kept:
            return PenaltyFate(ZERO, ZERO, amount, "waived_plan_kept")
        if option == WAIVED_IF_KEPT:
            return PenaltyFate(amount, ZERO, ZERO, "waived_if_kept_plan_paid_late")
        return PenaltyFate(amount, ZERO, ZERO, "reserved_due_after_plan")
    return PenaltyFate(ZERO, amount, ZERO, f"{option}_suspended_during_plan")
