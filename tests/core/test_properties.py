# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property tests of the arithmetic (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st
from recouvrement_core import (
    Semester,
    advise_procedure,
    check_payment_terms,
    claim_declaration_deadline,
    compute_prescription,
    late_penalties,
    legal_interest,
    payment_term_limits,
)
from recouvrement_core.procedure import CODES

FIRST = date(2015, 1, 1)
LAST = date(2026, 6, 30)
CENT = Decimal("0.01")

days = st.dates(min_value=FIRST, max_value=LAST)
amounts = st.decimals(
    min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False
)
positive_amounts = st.decimals(
    min_value=CENT, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False
)
payments = st.lists(st.tuples(days, positive_amounts), max_size=4)
contractual = st.one_of(
    st.none(),
    st.decimals(
        min_value=0, max_value=40, places=2, allow_nan=False, allow_infinity=False
    ),
)


def check_shape(result, first_day, until):
    """Lines are ordered, disjoint, within one half-year, positive base."""
    assert result.total >= 0
    assert result.total == sum((line.amount for line in result.lines), Decimal(0))
    previous_end = first_day - timedelta(days=1)
    for line in result.lines:
        assert line.date_from > previous_end
        assert line.date_to >= line.date_from
        assert line.days == (line.date_to - line.date_from).days + 1
        assert Semester.of(line.date_from) == Semester.of(line.date_to)
        assert line.base > 0
        assert line.amount >= 0
        assert line.amount == line.amount.quantize(CENT)
        previous_end = line.date_to
    assert previous_end <= max(until, first_day - timedelta(days=1))


@given(amount=amounts, due=days, until=days, paid=payments, rate=contractual)
def test_penalties_shape(rates, amount, due, until, paid, rate):
    result = late_penalties(amount, due, until, rates, paid, rate)
    check_shape(result, due + timedelta(days=1), until)
    if not paid:
        # Without payments every late day is counted once.
        assert result.days == (max((until - due).days, 0) if amount else 0)


@given(amount=amounts, due=days, until=days, extra=st.integers(1, 400), paid=payments)
def test_penalties_monotonic_in_time(rates, amount, due, until, extra, paid):
    later = min(until + timedelta(days=extra), LAST)
    first = late_penalties(amount, due, until, rates, paid).total
    second = late_penalties(amount, due, later, rates, paid).total
    assert second >= first


@given(
    amount=amounts, more=amounts, due=days, until=days, paid=payments, rate=contractual
)
def test_penalties_monotonic_in_amount(rates, amount, more, due, until, paid, rate):
    small = late_penalties(amount, due, until, rates, paid, rate).total
    large = late_penalties(amount + more, due, until, rates, paid, rate).total
    assert large >= small


@given(amount=amounts, due=days, cut=days, until=days, paid=payments, rate=contractual)
def test_penalties_split_invariance(rates, amount, due, cut, until, paid, rate):
    assume(due <= cut <= until)
    whole = late_penalties(amount, due, until, rates, paid, rate).total
    head = late_penalties(amount, due, cut, rates, paid, rate).total
    tail = late_penalties(amount, due, until, rates, paid, rate, after=cut).total
    # Cutting inside a line rounds two pieces instead of one: at most 1 cent.
    assert abs(whole - (head + tail)) <= CENT


@given(amount=amounts, due=days, until=days, paid=payments, rate=contractual)
def test_penalties_split_at_half_year_end_is_exact(
    rates, amount, due, until, paid, rate
):
    cut = Semester.of(until).start - timedelta(days=1)
    assume(due <= cut)
    whole = late_penalties(amount, due, until, rates, paid, rate).total
    head = late_penalties(amount, due, cut, rates, paid, rate).total
    tail = late_penalties(amount, due, until, rates, paid, rate, after=cut).total
    assert whole == head + tail


@given(amount=positive_amounts, due=days, pay_day=days, until=days)
def test_full_payment_stops_penalties_after_payment_day(
    rates, amount, due, pay_day, until
):
    assume(pay_day <= until)
    paid = late_penalties(amount, due, until, rates, [(pay_day, amount)])
    assert paid == late_penalties(amount, due, pay_day, rates)


@given(amount=amounts, start=days, until=days, paid=payments)
def test_legal_interest_properties(rates, amount, start, until, paid):
    result = legal_interest(amount, start, until, rates, paid)
    check_shape(result, start + timedelta(days=1), until)
    for line in result.lines:
        assert line.day_basis == (366 if line.date_from.year % 4 == 0 else 365)
    later = legal_interest(
        amount, start, min(until + timedelta(days=30), LAST), rates, paid
    )
    assert later.total >= result.total


@given(is_b2b=st.booleans(), due=days, invoice=days, acks=st.lists(days, max_size=4))
def test_prescription_properties(is_b2b, due, invoice, acks):
    info = compute_prescription(is_b2b, due, invoice, acks)
    start = due if is_b2b else invoice
    assert info.start_date >= start
    assert info.expiry_date > info.start_date
    assert info.warning_date == info.expiry_date - timedelta(days=90)
    years = 5 if is_b2b else 2
    assert info.years == years
    # Same day number, or the month's last day for 29 February.
    assert info.expiry_date.year == info.start_date.year + years
    assert info.expiry_date.month == info.start_date.month
    assert info.start_date.day - info.expiry_date.day in (0, 1)
    # Acknowledgements never shorten the period.
    assert info.expiry_date >= compute_prescription(is_b2b, due, invoice).expiry_date


@given(published=days)
def test_declaration_deadline_properties(published):
    deadline = claim_declaration_deadline(published)
    months = (deadline.year - published.year) * 12 + deadline.month - published.month
    assert months == 2
    assert deadline.day <= published.day
    assert 59 <= (deadline - published).days <= 62


@given(invoice=days, delay=st.integers(-30, 200))
def test_payment_terms_properties(invoice, delay):
    due = invoice + timedelta(days=delay)
    warning = check_payment_terms(invoice, due)
    limits = payment_term_limits(invoice)
    if delay <= 60:
        assert warning is None
    if warning is not None:
        assert warning.limit_date == limits.most_generous
        assert warning.days_over == (due - limits.most_generous).days > 0
    assert limits.most_generous <= invoice + timedelta(days=76)


@given(
    amount=amounts,
    flags=st.tuples(*(st.booleans() for _ in range(8))),
)
def test_procedure_always_answers_with_codes(amount, flags):
    business, merchant, creditor, disputed, insolvent, sent, urgent, contract = flags
    advice = advise_procedure(
        amount,
        business,
        merchant,
        creditor,
        disputed,
        insolvent,
        sent,
        urgent,
        contract,
    )
    assert advice.code in CODES
    all_codes = [advice.code] + [alt.code for alt in advice.alternatives]
    assert len(all_codes) == len(set(all_codes))
    assert (advice.code == "declare_claim") == insolvent
    if not insolvent:
        assert (advice.code == "amicable_first") == (not sent)
