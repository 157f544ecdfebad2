# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pay from the recovery page: every overdue invoice, a selection, or a part.

The amount and the invoices are decided here, on the server, and carried to
the transaction route in a signed ticket: the browser cannot change them.
"""

import hashlib
import re

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import consteq, float_compare
from odoo.tools.misc import hmac

from odoo.addons.account_payment.controllers.payment import PaymentPortal
from odoo.addons.recouvrement_fr.controllers.portal import PAGE, RecoveryPortal

TICKET_SCOPE = "recouvrement_fr_payment.ticket"
TICKET = re.compile(r"^(\d+)-(\d+)-([\d_]+)-(\d+)-([0-9a-f]{40})$")


def _sign(customer, company, move_ids, cents):
    payload = f"{company.id}-{customer.id}-{'_'.join(map(str, move_ids))}-{cents}"
    secret = customer.env["recovery.portal.link"]._secret(customer)
    mac = hmac(request.env(su=True), TICKET_SCOPE, (payload, secret), hashlib.sha256)
    return f"{payload}-{mac[:40]}"


def check_ticket(ticket):
    """(customer, company, invoices, amount) of a valid ticket, in sudo."""
    match = TICKET.match(ticket or "")
    if not match:
        raise NotFound()
    company_id, partner_id, ids, cents, _mac = match.groups()
    env = request.env(su=True)
    company = env["res.company"].browse(int(company_id)).exists()
    customer = env["res.partner"].browse(int(partner_id)).exists()
    move_ids = [int(i) for i in ids.split("_")]
    if not company or not customer:
        raise NotFound()
    if not consteq(ticket, _sign(customer, company, move_ids, int(cents))):
        raise NotFound()
    moves = (
        customer.with_company(company)
        ._recovery_open_invoices()
        .filtered(lambda m: m.id in move_ids)
    )
    amount = int(cents) / 100
    currency = company.currency_id
    due = sum(moves.mapped("amount_residual"))
    if (
        len(moves) != len(move_ids)
        or float_compare(amount, due, precision_rounding=currency.rounding) > 0
    ):
        raise ValidationError(
            request.env._("These invoices were paid meanwhile: reload the page.")
        )
    return customer, company, moves, amount


class RecoveryPaymentPage(RecoveryPortal):
    def _recovery_page_values(self, customer, company, token, **kwargs):
        # EXTENDS recouvrement_fr: what can be paid online.
        values = super()._recovery_page_values(customer, company, token, **kwargs)
        values["can_pay"] = bool(
            values["rows"] and self._recovery_providers(customer, company, 1.0)
        )
        return values

    def _recovery_providers(self, customer, company, amount):
        return (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                company.id, customer.id, amount, currency_id=company.currency_id.id
            )
        )

    def _recovery_to_pay(self, customer, post):
        """(invoices, amount) the customer asked to pay; None if not allowed."""
        moves = self._recovery_open_moves(customer).sorted(
            lambda m: (m.invoice_date_due or fields.Date.today(), m.id)
        )
        mode = post.get("mode")
        if mode == "selection":
            moves = self._recovery_selected(
                customer, request.httprequest.form.getlist("move_ids")
            )
        elif mode == "all":
            today = fields.Date.context_today(customer)
            moves = (
                moves.filtered(
                    lambda m: m.invoice_date_due and m.invoice_date_due < today
                )
                or moves
            )
        elif mode != "amount":
            return None
        due = sum(moves.mapped("amount_residual"))
        amount = due
        if mode == "amount":
            try:
                amount = round(float((post.get("amount") or "").replace(",", ".")), 2)
            except ValueError:
                return None
        currency = customer.env.company.currency_id
        if (
            not moves
            or len(moves.currency_id) != 1
            or moves.currency_id != currency
            or float_compare(amount, 0, precision_rounding=currency.rounding) <= 0
            or float_compare(amount, due, precision_rounding=currency.rounding) > 0
        ):
            return None
        return moves, amount

    @http.route(
        f"{PAGE}/pay", type="http", auth="public", methods=["POST"], website=True
    )
    def recovery_pay(self, company_id, partner_id, token=None, **post):
        customer, company = self._recovery_access(company_id, partner_id, token)
        customer = self._recovery_env(customer, company)
        to_pay = self._recovery_to_pay(customer, post)
        if not to_pay:
            return self._recovery_back(customer, company, token, error="pay")
        moves, amount = to_pay
        values = self._recovery_pay_values(customer, company, token, moves, amount)
        return request.render(
            "recouvrement_fr_payment.portal_recovery_pay_page", values
        )

    def _recovery_pay_values(self, customer, company, token, moves, amount):
        """The payment form of ``amount`` on ``moves``: providers, signed ticket."""
        ticket = _sign(customer, company, moves.ids, round(amount * 100))
        providers = self._recovery_providers(customer, company, amount)
        methods = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(
                providers.ids, customer.id, currency_id=company.currency_id.id
            )
        )
        return {
            "customer": customer,
            "company": company,
            "moves": moves,
            "amount": amount,
            "currency": company.currency_id,
            "partner_id": customer.id,
            "providers_sudo": providers,
            "payment_methods_sudo": methods,
            "tokens_sudo": request.env["payment.token"],
            "show_tokenize_input_mapping": dict.fromkeys(providers.ids, False),
            "transaction_route": f"/recovery/pay/transaction/{ticket}",
            "landing_route": self._recovery_page_url(
                customer, company, token, done="paid"
            ),
            "back_url": self._recovery_page_url(customer, company, token),
            "access_token": None,
            "reference_prefix": None,
        }


class RecoveryPaymentTransaction(PaymentPortal):
    @http.route("/recovery/pay/transaction/<string:ticket>", type="json", auth="public")
    def recovery_pay_transaction(self, ticket, **kwargs):
        """Create the transaction of a ticket: its invoices, its amount."""
        customer, company, moves, amount = check_ticket(ticket)
        self._validate_transaction_kwargs(kwargs)
        kwargs["amount"] = amount
        return self._process_transaction(
            customer.id, company.currency_id.id, moves.ids, False, **kwargs
        )
