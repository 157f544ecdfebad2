# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statement of account: every open item, the net balance, what is exigible.

Every open item is listed — invoices, penalty invoices, credit notes,
unapplied payments — with its signed residual (positive: owed by the
customer; negative: owed to him) and a status. "Exigible" is said only of
what is (law notes §13):

- ``to_declare``: a claim born before an insolvency opening judgment, once
  the judgment is given; the debtor may not pay it (C. com. L622-7), it is
  declared (L622-24);
- ``disputed``: contested by the customer, not claimed as exigible;
- ``under_plan``: covered by a running payment plan; only its instalments
  fallen due are exigible (see :mod:`.plan_terms`), shown as the plan's own
  figure;
- ``not_yet_due``: its due date is still to come;
- ``exigible``: due and claimable;
- ``credit``: a credit note or an unapplied payment.

Credits are set off against the exigible amount (compensation, C. civ.
1347, 1347-1: both debts are certain, liquid and exigible) except after an
opening judgment, where set-off of pre-judgment claims is only allowed for
connected claims (L622-7): they are then listed but not set off.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._util import ZERO, to_decimal
from .insolvency import is_pre_judgment_claim
from .plan_terms import DEFAULT_NOTICE_DAYS, plan_claim

EXIGIBLE = "exigible"
NOT_YET_DUE = "not_yet_due"
UNDER_PLAN = "under_plan"
TO_DECLARE = "to_declare"
DISPUTED = "disputed"
CREDIT = "credit"
STATUSES = (EXIGIBLE, NOT_YET_DUE, UNDER_PLAN, TO_DECLARE, DISPUTED, CREDIT)

ITEM_KINDS = ("invoice", "penalty_invoice", "credit_note", "payment")


@dataclass(frozen=True)
class OpenItem:
    """An open item of the customer's account; ``residual`` is signed.

    ``delivery_date`` is the claim's origin when it differs from the invoice
    date (L622-24): the delivery or service date; for a penalty invoice, the
    last day of the period it charges (penalties accrued before an opening
    judgment are pre-judgment claims, whatever the invoice's date).
    """

    ref: str
    kind: str
    residual: Decimal
    due_date: date | None = None
    invoice_date: date | None = None
    delivery_date: date | None = None
    disputed: bool = False
    in_plan: bool = False


@dataclass(frozen=True)
class StatementLine:
    item: OpenItem
    status: str
    exigible: Decimal


@dataclass(frozen=True)
class Statement:
    """``plan_exigible``: the plan's instalments fallen due and unpaid (or
    its whole balance once accelerated); ``credits``: the sum of the
    negative residuals; ``total_exigible`` is never negative."""

    lines: tuple
    net_balance: Decimal
    plan_exigible: Decimal
    credits: Decimal
    total_exigible: Decimal


def item_status(item, on_date, judgment_date=None):
    """Status of one open item on ``on_date`` (see the module's list)."""
    if item.kind not in ITEM_KINDS:
        raise ValueError(f"unknown item kind {item.kind!r}")
    if to_decimal(item.residual) < 0:
        return CREDIT
    origin = item.invoice_date or item.due_date
    if (
        judgment_date
        and on_date >= judgment_date
        and origin
        and is_pre_judgment_claim(judgment_date, origin, item.delivery_date)
    ):
        return TO_DECLARE
    if item.disputed:
        return DISPUTED
    if item.in_plan:
        return UNDER_PLAN
    if item.due_date and item.due_date > on_date:
        return NOT_YET_DUE
    return EXIGIBLE


def _plan_exigible(lines, on_date, plan_lines, notice_receipt, notice_days):
    """The plan's exigible figure, capped by what its items still owe."""
    under_plan = sum(
        (line.item.residual for line in lines if line.status == UNDER_PLAN), ZERO
    )
    if not plan_lines or under_plan <= 0:
        return ZERO
    claim = plan_claim(plan_lines, on_date, notice_receipt, notice_days)
    return min(claim.claimable, under_plan)


def account_statement(
    items,
    on_date,
    plan_lines=(),
    plan_notice_receipt=None,
    plan_notice_days=DEFAULT_NOTICE_DAYS,
    judgment_date=None,
):
    """The statement of ``items`` on ``on_date``.

    ``plan_lines`` are the :class:`..plan_terms.PlanLine` of the running
    plan covering the items flagged ``in_plan``; ``plan_notice_receipt`` the
    receipt date of its acceleration notice, if any; ``judgment_date`` the
    opening judgment of a procédure collective, if any.
    """
    items = [
        OpenItem(**{**vars(item), "residual": to_decimal(item.residual)})
        for item in items
    ]
    lines = []
    for item in items:
        status = item_status(item, on_date, judgment_date)
        exigible = item.residual if status == EXIGIBLE else ZERO
        lines.append(StatementLine(item, status, exigible))
    plan_exigible = _plan_exigible(
        lines, on_date, plan_lines, plan_notice_receipt, plan_notice_days
    )
    credits = sum((line.item.residual for line in lines if line.status == CREDIT), ZERO)
    gross = sum((line.exigible for line in lines), ZERO) + plan_exigible
    insolvent = bool(judgment_date and on_date >= judgment_date)
    total = gross if insolvent else max(gross + credits, ZERO)
    net = sum((item.residual for item in items), ZERO)
    return Statement(tuple(lines), net, plan_exigible, credits, total)
