# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one definition of an "open invoice": what the ladder, the customer's
stage, the desk, the promises, the plans and the payment page may claim.

A posted customer invoice that is neither paid, nor in payment, nor reversed,
with something left to pay. Stated three ways side by side, for the three
places Odoo code filters records: a Python predicate (records in memory), a
domain (``search``/``_read_group``) and a SQL fragment (the set-based hot
paths). ``tests/test_open_invoice.py`` checks that the three agree on every
kind of move. Beside it, what "paid" means (:func:`is_paid`), which is not
its negation.
"""

from odoo.tools import SQL

from ..core.vocabulary import PAID_PAYMENT_STATES

# Odoo's payment states of an invoice with something left to pay.
OPEN_PAYMENT_STATES = ("not_paid", "partial")


def is_open_invoice(move):
    """Whether ``move`` (one account.move) is an open customer invoice."""
    return (
        move.move_type == "out_invoice"
        and move.state == "posted"
        and move.payment_state in OPEN_PAYMENT_STATES
        and move.amount_residual > 0
    )


def open_invoices(moves):
    """The open customer invoices among ``moves``."""
    return moves.filtered(is_open_invoice)


def is_paid(move):
    """Whether ``move`` owes nothing any more (paid, in payment, reversed).

    Not the negation of :func:`is_open_invoice`: an invoice reset to draft,
    or whose payment Odoo blocks, is neither open (the ladder leaves it) nor
    paid (a promise to pay it is not kept, a dossier may still claim it).
    """
    return move.payment_state in PAID_PAYMENT_STATES


def paid_sql(alias="m"):
    """:func:`is_paid` on the account_move row ``alias``, for a WHERE clause."""
    return SQL(
        "%(m)s.payment_state IN %(states)s",
        m=SQL.identifier(alias),
        states=PAID_PAYMENT_STATES,
    )


def open_invoice_domain():
    """The domain of the open customer invoices (on account.move)."""
    return [
        ("move_type", "=", "out_invoice"),
        ("state", "=", "posted"),
        ("payment_state", "in", OPEN_PAYMENT_STATES),
        ("amount_residual", ">", 0),
    ]


def open_invoice_sql(alias="m"):
    """The condition on the account_move row ``alias``, for a WHERE clause."""
    move = SQL.identifier(alias)
    return SQL(
        "%(m)s.move_type = 'out_invoice' AND %(m)s.state = 'posted'"
        " AND %(m)s.payment_state IN %(states)s AND %(m)s.amount_residual > 0",
        m=move,
        states=OPEN_PAYMENT_STATES,
    )
