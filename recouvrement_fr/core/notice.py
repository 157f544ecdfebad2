# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mise en demeure: its receipt date and the clauses it must print.

:func:`notice_receipt_date` dates the receipt, from which the consumer's
legal interest runs (C. civ. 1231-6, 1344-1) and the letter's deadline is
counted. :func:`notice_clauses` lists the clause codes the notice prints,
those it must not print, and the blocking problems: while any is left, the
document is not issued (law notes §13: never an internal warning in a
letter, never a 0 that should not be 0). The wording of each clause lives in
the Odoo templates, keyed by these codes.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ._util import ONE_DAY, to_decimal
from .merchant import amicable_attempt_required
from .penalties import ECB_MARGIN, PUBLIC_ECB_MARGIN, legal_interest
from .plan_terms import ACCELERATED, IN_DEFAULT, ON_TIME

# La Poste gives 2 to 3 working days ("J+2"/"J+3", indicative, not
# guaranteed) for a national registered letter. We take the upper end and
# count Monday-Friday only, public holidays excluded: the presumed receipt is
# never earlier than the likely one, so interest counted from it is never
# too much. The AR's date, when known, always wins.
NOTICE_DELIVERY_WORKING_DAYS = 3
BASIS_AR = "acknowledgement_of_receipt"
BASIS_PRESUMED = "posted_plus_delivery_delay"

# Points above the ECB rate: + 10 between businesses (C. com. L441-10 II),
# + 8 for a public buyer (CCP R2192-31).
BUSINESS_RATE_POINTS = ECB_MARGIN
PUBLIC_RATE_POINTS = PUBLIC_ECB_MARGIN

BUSINESS = "business"
CONSUMER = "consumer"
PUBLIC = "public"
DEBTOR_KINDS = (BUSINESS, CONSUMER, PUBLIC)


@dataclass(frozen=True)
class NoticeReceipt:
    """Receipt date of a notice and the basis used (:data:`BASIS_AR` or
    :data:`BASIS_PRESUMED`)."""

    date: date
    basis: str


def easter_sunday(year):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def french_public_holidays(year):
    """The 11 public holidays of metropolitan France (C. trav. L3133-1)."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [easter + timedelta(days=offset) for offset in (1, 39, 50)]
    return frozenset([date(year, m, d) for m, d in fixed] + movable)


def add_working_days(day, count):
    """``day`` plus ``count`` working days (Monday-Friday, not a holiday)."""
    current = day
    while count > 0:
        current += ONE_DAY
        if current.weekday() < 5 and current not in french_public_holidays(
            current.year
        ):
            count -= 1
    return current


def notice_receipt_date(ar_date, posted_date, delay_days=NOTICE_DELIVERY_WORKING_DAYS):
    """Receipt of the mise en demeure: the AR's date when known, else the
    posting date plus ``delay_days`` working days; None when neither."""
    if ar_date:
        return NoticeReceipt(ar_date, BASIS_AR)
    if posted_date:
        return NoticeReceipt(add_working_days(posted_date, delay_days), BASIS_PRESUMED)
    return None


def legal_interest_from_receipt(amount, receipt, until, rate_table, **kwargs):
    """A consumer's legal interest from the notice's receipt (C. civ. 1231-6,
    1344-1): :func:`..penalties.legal_interest` counted from
    ``receipt.date`` (the first day bearing interest is the day after it,
    the calculators' convention). ``receipt`` is a :class:`NoticeReceipt`."""
    return legal_interest(amount, receipt.date, until, rate_table, **kwargs)


@dataclass(frozen=True)
class RateExplanation:
    """ECB main refinancing rate + points = total (percentages)."""

    ecb_rate: Decimal
    points: Decimal
    total: Decimal


def rate_explanation(ecb_rate, points=ECB_MARGIN):
    """The rate as the letter explains it: ECB rate of the half-year + 10
    points (C. com. L441-10 II), or + 8 for a public buyer (CCP R2192-31)."""
    ecb = to_decimal(ecb_rate)
    points = to_decimal(points)
    return RateExplanation(ecb, points, ecb + points)


@dataclass(frozen=True)
class NoticeFacts:
    """What the notice's content depends on."""

    debtor_kind: str
    amount: Decimal
    notice_date: date
    reminders_sent: int = 0
    procedure: str | None = None
    court: str | None = None
    contractual_rate: Decimal | None = None
    ecb_rate: Decimal | None = None
    indemnity_count: int = 0
    plan_state: str | None = None
    insolvency_judgment_date: date | None = None
    pre_judgment_claims: bool = True
    mediator_configured: bool = False
    debtor_address: bool = True
    creditor_missing: tuple = ()
    missing: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class NoticeContent:
    """Clause codes to print, codes never to print, blocking problems."""

    clauses: tuple
    excluded: tuple
    blocking: tuple

    @property
    def issuable(self):
        return not self.blocking


def _kind_clauses(facts):
    """``(print, exclude, blocking)`` depending on the debtor's kind."""
    if facts.debtor_kind == CONSUMER:
        clauses = ["legal_interest_from_receipt", "interest_until_full_payment"]
        clauses.append("mediator")  # C. conso. L612-1, L616-1
        excluded = ["late_penalties", "rate_explained", "fixed_indemnity_40"]
        excluded.append("recovery_costs")  # CPCE L111-8
        blocking = [] if facts.mediator_configured else ["consumer_mediator_missing"]
        return clauses, excluded, blocking
    blocking = []
    if facts.debtor_kind == PUBLIC:
        clauses = ["public_moratory_interest", "interest_until_full_payment"]
        excluded = ["late_penalties", "penalties_until_full_payment"]
        if facts.ecb_rate is None:
            blocking.append("ecb_rate_missing")
    else:
        clauses = ["late_penalties", "penalties_until_full_payment"]
        excluded = ["public_moratory_interest", "mediator"]
        if facts.contractual_rate is not None:
            clauses.append("rate_contractual")
        elif facts.ecb_rate is None:
            blocking.append("ecb_rate_missing")
        else:
            clauses.append("rate_explained")
    if facts.indemnity_count > 0:
        clauses.append("fixed_indemnity_40")
    else:
        excluded.append("fixed_indemnity_40")
    return clauses, excluded, blocking


def _procedure_clauses(facts):
    """Consequences the creditor can actually carry out, and CPC 750-1."""
    clauses, excluded, blocking = [], [], []
    if facts.procedure:
        clauses.append(f"consequence_{facts.procedure}")
        if facts.debtor_kind == PUBLIC and facts.procedure in (
            "injonction_de_payer",
            "petites_creances",
        ):
            blocking.append("public_person_no_injonction")  # CJA R541-1
    required, _reason = amicable_attempt_required(
        facts.court, facts.amount, facts.procedure
    )
    (clauses if required else excluded).append("cpc_750_1")
    return clauses, excluded, blocking


def _situation_clauses(facts):
    """Reminders, payment plan, insolvency."""
    clauses, excluded, blocking = [], [], []
    if facts.reminders_sent > 0:
        clauses.append("previous_reminders")
    else:
        excluded.append("previous_reminders")
    if facts.plan_state == ON_TIME:
        blocking.append("plan_running_on_time")
    elif facts.plan_state == IN_DEFAULT:
        clauses.append("plan_missed_instalments_only")
        excluded.append("plan_whole_balance")
    elif facts.plan_state == ACCELERATED:
        clauses.append("plan_whole_balance")
    judgment = facts.insolvency_judgment_date
    if judgment and facts.notice_date >= judgment and facts.pre_judgment_claims:
        blocking.append("insolvency_claim_to_declare")  # C. com. L622-7, L622-21
    return clauses, excluded, blocking


def notice_clauses(facts):
    """Clause codes of a mise en demeure (C. civ. 1344; law notes §7, §13).

    Always: the title, both parties, the cause, the principal, one deadline
    counted from receipt. Then by debtor kind (penalties and the rate
    explained, or moratory interest for a public buyer, or legal interest
    and the consumer mediator), the reminders actually sent, the plan's
    state, the envisaged procedure and CPC 750-1 only where it applies.
    """
    if facts.debtor_kind not in DEBTOR_KINDS:
        raise ValueError(f"unknown debtor kind {facts.debtor_kind!r}")
    clauses = ["mise_en_demeure_title", "parties_identity", "cause_of_claim"]
    clauses += ["principal_amount", "deadline_from_receipt"]
    excluded, blocking = [], []
    for part in (_kind_clauses, _situation_clauses, _procedure_clauses):
        more, less, problems = part(facts)
        clauses += more
        excluded += less
        blocking += problems
    if to_decimal(facts.amount) <= 0:
        blocking.append("nothing_due")
    if not facts.debtor_address:
        blocking.append("debtor_address_missing")
    blocking += [f"creditor_{code}" for code in facts.creditor_missing]
    blocking += list(facts.missing)
    return NoticeContent(tuple(clauses), tuple(excluded), tuple(blocking))
