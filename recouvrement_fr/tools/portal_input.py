# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer types on the recovery page, read strictly, and why an
answer is refused, in the customer's language."""

import re

# A second identical answer within these minutes is the same answer (a double
# click, a reload of the form): nothing is recorded twice.
SAME_ANSWER_MINUTES = 10
AMOUNT = re.compile(r"\d{1,12}(?:[.,]\d{1,2})?")


def parse_amount(text):
    """The positive amount a customer typed ("1234,56", "1 234.5"), else
    None: digits with at most two decimals only, so never ``nan``, ``inf``,
    an exponent or a negative sign."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text or "")
    if not AMOUNT.fullmatch(cleaned):
        return None
    amount = float(cleaned.replace(",", "."))
    return amount if amount > 0 else None


def too_long(env, text, limit):
    """The refusal of a text over ``limit`` characters, else ""."""
    if len(text) <= limit:
        return ""
    return env._(
        "Your message has %(length)s characters: the limit is %(limit)s. "
        "Shorten it and send it again.",
        length=len(text),
        limit=limit,
    )


def refusal_reason(env, key):
    """The sentence of a refused answer's ``reason`` key, else ""."""
    return {
        "date": env._(
            "The promised date must be between today and the latest date "
            "the form offers."
        ),
        "disputed": env._(
            "A disputed invoice cannot be promised or put in a payment "
            "plan while we examine the dispute."
        ),
        "nothing": env._(
            "No invoice can be put in a payment plan: the open ones are "
            "disputed or already in a plan."
        ),
        "count": env._("Choose a number of instalments from the list."),
        "reason": env._('Choose a reason, and explain it if it is "Other".'),
    }.get(key or "", "")
