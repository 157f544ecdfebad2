# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, _, fields, models
from odoo.tools import format_amount, format_date


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # PAUSE UNTIL A DATE AND RECOVERY PORTAL LINK
    # ------------------------------------------------------------

    recovery_block_until = fields.Date(
        string="Recovery paused until",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The recovery ladder skips every invoice of this customer up to "
        "this date included; the pause lifts itself the next day.",
    )
    recovery_block_until_reason = fields.Char(
        string="Pause reason", copy=False, tracking=True
    )
    recovery_access_token = fields.Char(
        copy=False,
        groups="base.group_system",
        help="Secret of this customer's recovery portal links; renewing it "
        "invalidates every link already sent.",
    )

    # ------------------------------------------------------------
    # PAUSE (recovery.pause)
    # ------------------------------------------------------------

    def _recovery_set_block(self, until, reason):
        """Pause (``until`` a date) or resume (``until`` False) these customers."""
        customers = self.commercial_partner_id
        if customers:
            customers.sudo().write(
                {
                    "recovery_block_until": until or False,
                    "recovery_block_until_reason": reason or False,
                }
            )

    # ------------------------------------------------------------
    # RECOVERY PORTAL LINK (recovery.portal.link)
    # ------------------------------------------------------------

    def _recovery_portal_url(self, company=None):
        """Absolute link to this customer's recovery page, without an account."""
        return self.env["recovery.portal.link"]._url(self, company)

    def action_recovery_renew_portal_token(self):
        """Invalidate the links already sent; new letters carry a new link."""
        return self.env["recovery.portal.link"]._renew(self)

    def action_recovery_promise(self):
        """Record a promise to pay heard on the phone, on the overdue invoices."""
        self.ensure_one()
        customer = self.commercial_partner_id
        today = fields.Date.context_today(self)
        overdue = customer._recovery_open_invoices().filtered(
            lambda m: m.invoice_date_due and m.invoice_date_due < today
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Promise to pay"),
            "res_model": "recovery.promise",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": customer.id,
                "default_move_ids": [Command.set(overdue.ids)],
                "default_source": "phone",
            },
        }

    # ------------------------------------------------------------
    # THE CUSTOMER'S ANSWERS IN THE CUSTOMER ACCOUNT (Compte client)
    # ------------------------------------------------------------

    def _recovery_answers(self):
        """The customer's promises and requests in the allowed companies."""
        self.ensure_one()
        domain = [
            ("partner_id", "=", self.id),
            ("company_id", "in", self.env.companies.ids),
        ]
        return (
            self.env["recovery.promise"].search(domain),
            self.env["recovery.request"].search(domain),
        )

    def _recovery_answer_timeline(self):
        """One timeline entry per promise and per request, dated when made,
        authored by whom made it (the customer on the portal)."""
        promises, requests = self._recovery_answers()
        states = dict(promises._fields["state"]._description_selection(self.env))
        sources = dict(promises._fields["source"]._description_selection(self.env))
        items = [
            {
                "kind": "answer",
                "icon": "fa-handshake-o",
                "date": fields.Date.to_string(promise.create_date.date()),
                "stamp": fields.Datetime.to_string(promise.create_date),
                "title": self.env._(
                    "Promise to pay by %(date)s",
                    date=format_date(self.env, promise.date),
                ),
                "subtitle": f"{sources.get(promise.source, '')} · "
                f"{states.get(promise.state, '')}",
                "body": promise.note or "",
                "amount": promise.amount,
                "author": self.name
                if promise.source == "portal"
                else promise.create_uid.name,
                "res_model": "recovery.promise",
                "res_id": promise.id,
                "invoices": ", ".join(promise.move_ids.mapped("name")),
            }
            for promise in promises
        ]
        return items + self._recovery_request_timeline(requests)

    def _recovery_request_timeline(self, requests):
        """One timeline entry per request the customer made on the portal."""
        kinds = dict(requests._fields["kind"]._description_selection(self.env))
        rstates = dict(requests._fields["state"]._description_selection(self.env))
        return [
            {
                "kind": "answer",
                "icon": "fa-commenting-o",
                "date": fields.Date.to_string(request.requested_on.date()),
                "stamp": fields.Datetime.to_string(request.requested_on),
                "title": kinds.get(request.kind, ""),
                "subtitle": rstates.get(request.state, ""),
                "body": request.description or "",
                "amount": 0.0,
                "author": self.name,
                "res_model": "recovery.request",
                "res_id": request.id,
                "invoices": ", ".join(
                    (request.move_ids | request.move_id).mapped("name")
                ),
            }
            for request in requests
        ]

    def _recovery_answer_actions(self):
        """(date, label, user) of what the customer's answers ask: the
        promised date to watch, the requests to handle today."""
        promises, requests = self._recovery_answers()
        today = fields.Date.context_today(self)
        actions = [
            (
                promise.date,
                self.env._(
                    "Promised payment of %(amount)s",
                    amount=format_amount(self.env, promise.amount, promise.currency_id),
                ),
                promise.user_id.name or "",
            )
            for promise in promises.filtered(lambda p: p.state == "open")
        ]
        kinds = dict(requests._fields["kind"]._description_selection(self.env))
        actions += [
            (
                today,
                self.env._("Answer: %(kind)s", kind=kinds.get(request.kind, "")),
                request.user_id.name or "",
            )
            for request in requests.filtered(lambda r: r.state == "new")
        ]
        return actions

    def _recovery_plan_requests(self):
        """The plan requests still to handle, for the plans box."""
        requests = self._recovery_answers()[1].filtered(
            lambda r: r.kind == "plan" and r.state == "new"
        )
        return [
            {
                "key": f"request-{request.id}",
                "id": request.id,
                "res_model": "recovery.request",
                "name": self.env._(
                    "Asked on %(date)s: %(count)s instalments",
                    date=format_date(self.env, request.requested_on.date()),
                    count=request.instalment_count,
                ),
                "state": self.env._("Requested by the customer"),
                "amount": sum(request.move_ids.mapped("amount_residual")),
                "paid": 0.0,
                "residual": sum(request.move_ids.mapped("amount_residual")),
                "next_date": False,
                "late": False,
            }
            for request in requests
        ]
