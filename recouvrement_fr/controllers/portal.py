# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's recovery page: what is due, the documents, and the answers
(dispute, promise, payment plan request), without an account (signed link)
or under /my for the customer's portal users."""

import base64
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import Command, fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..core.vocabulary import CARRIED_OUT_STATES, DISPUTE_REASONS
from ..tools.open_invoice import open_invoice_domain
from ..tools.portal_input import (
    SAME_ANSWER_MINUTES,
    refusal_reason,
    too_long,
)

MAX_TEXT = 4000
MAX_UPLOAD = 10 * 1024 * 1024
PAGE = "/recovery/<int:company_id>/<int:partner_id>"


class RecoveryPortal(CustomerPortal):
    # ------------------------------------------------------------
    # WHO MAY SEE WHAT
    # ------------------------------------------------------------

    def _recovery_access(self, company_id, partner_id, token=None):
        """(customer, company), in sudo, if the visitor may see this page.

        Anything else is a 404 that says nothing of why: unknown ids, a wrong
        or renewed token, another customer's page.
        """
        env = request.env(su=True)
        company = env["res.company"].browse(company_id).exists()
        customer = env["res.partner"].browse(partner_id).exists()
        if not company or not customer or customer.commercial_partner_id != customer:
            raise NotFound()
        if token:
            if env["recovery.portal.link"]._check_token(customer, company, token):
                return customer, company
            raise NotFound()
        user = request.env.user
        if not user._is_public() and user.partner_id.commercial_partner_id == customer:
            return customer, company
        raise NotFound()

    def _recovery_env(self, customer, company):
        """The customer's language (French first) and the page's company."""
        lang = customer.lang or company.partner_id.lang or "fr_FR"
        installed = dict(request.env["res.lang"].get_installed())
        if lang not in installed:
            lang = "fr_FR" if "fr_FR" in installed else request.env.lang
        request.update_context(lang=lang)
        return customer.with_company(company).with_context(lang=lang)

    def _recovery_page_url(self, customer, company, token=None, **query):
        url = f"/recovery/{company.id}/{customer.id}"
        params = dict(query, token=token) if token else query
        if params:
            url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
        return url

    # ------------------------------------------------------------
    # THE PAGE
    # ------------------------------------------------------------

    def _recovery_open_moves(self, customer):
        """What the page claims: the open invoices, but those declared in the
        customer's insolvency proceedings, which the customer may not pay
        any more (they go to the mandataire judiciaire)."""
        return customer._recovery_open_invoices().filtered(
            lambda m: m.recovery_stage != "declaration"
        )

    def _recovery_declared_count(self, customer):
        return len(
            customer._recovery_open_invoices().filtered(
                lambda m: m.recovery_stage == "declaration"
            )
        )

    def _recovery_letters(self, customer, company):
        return (
            request.env["recovery.event"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", customer.id),
                    ("company_id", "=", company.id),
                    ("state", "in", CARRIED_OUT_STATES),
                    ("attachment_id", "!=", False),
                ],
                order="date desc, id desc",
            )
        )

    def _recovery_page_values(self, customer, company, token, **kwargs):
        today = fields.Date.context_today(customer)
        moves = self._recovery_open_moves(customer).sorted(
            lambda m: (m.invoice_date_due or today, m.id)
        )
        b2b = customer.recovery_is_b2b
        rows = [self._recovery_page_row(move, today, b2b) for move in moves]
        return {
            "customer": customer,
            "company": company,
            "currency": company.currency_id,
            "token": token,
            "rows": rows,
            "declared_count": self._recovery_declared_count(customer),
            "b2b": b2b,
            "rate_missing": any(r["rate_missing"] for r in rows),
            "total_residual": sum(r["move"].amount_residual for r in rows),
            "total_extra": sum(r["penalty"] + r["indemnity"] for r in rows),
            "letters": self._recovery_letters(customer, company),
            "reasons": DISPUTE_REASONS,
            "max_promise_date": today
            + timedelta(days=company.recovery_promise_max_days),
            "today": today,
            "plan_max": company.recovery_portal_plan_max,
            "done": kwargs.get("done"),
            "error": kwargs.get("error"),
            "base": f"/recovery/{company.id}/{customer.id}",
            "qs": f"?token={token}" if token else "",
            "page_name": "recovery",
        }

    def _recovery_page_row(self, move, today, b2b):
        """One open invoice on the portal page: lateness, sums, PDF, promise."""
        due = move.invoice_date_due
        open_promises = move.recovery_promise_ids.filtered(lambda p: p.state == "open")
        return {
            "move": move,
            "days_late": max((today - due).days, 0) if due else 0,
            "penalty": move.recovery_penalty_amount if b2b else 0.0,
            # A reference rate missing: penalties and interest unknown, never
            # shown as 0 (issue #21, point 5).
            "rate_missing": bool(move.recovery_law_warning),
            "indemnity": move.recovery_indemnity_amount if b2b else 0.0,
            "pdf_url": move.get_portal_url(report_type="pdf", download=True),
            "disputed": move.recovery_stage == "dispute",
            "promise": open_promises[:1],
            "overdue": bool(due and due < today),
        }

    @http.route(
        PAGE, type="http", auth="public", methods=["GET"], website=True, sitemap=False
    )
    def recovery_page(self, company_id, partner_id, token=None, **kwargs):
        customer, company = self._recovery_access(company_id, partner_id, token)
        customer = self._recovery_env(customer, company)
        values = self._recovery_page_values(customer, company, token, **kwargs)
        values["error_message"] = self._recovery_reason(customer, kwargs.get("reason"))
        return request.render("recouvrement_fr.portal_recovery_page", values)

    @http.route(
        "/my/recovery",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def my_recovery(self, company_id=None, **kwargs):
        customer = request.env.user.partner_id.commercial_partner_id.sudo()
        moves = (
            request.env["account.move"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", customer.id),
                    *open_invoice_domain(),
                ]
            )
        )
        companies = moves.company_id or request.env.user.company_id.sudo()
        company = companies.filtered(lambda c: str(c.id) == str(company_id))[:1]
        company = company or companies.sorted("id")[:1]
        customer = self._recovery_env(customer, company)
        values = self._recovery_page_values(customer, company, None, **kwargs)
        values["companies"] = companies
        values["error_message"] = self._recovery_reason(customer, kwargs.get("reason"))
        return request.render("recouvrement_fr.portal_recovery_page", values)

    # ------------------------------------------------------------
    # DOCUMENTS
    # ------------------------------------------------------------

    @http.route(
        f"{PAGE}/statement", type="http", auth="public", methods=["GET"], website=True
    )
    def recovery_statement(self, company_id, partner_id, token=None, **kwargs):
        customer, company = self._recovery_access(company_id, partner_id, token)
        customer = self._recovery_env(customer, company)
        report = request.env.ref("recouvrement_fr.action_report_recovery_statement")
        content, kind = (
            request.env["ir.actions.report"]
            .sudo()
            .with_company(company)
            .with_context(lang=customer.env.lang)
            ._render_qweb_pdf(report, customer.ids)
        )
        mimetype = "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
        name = "{}.{}".format(
            customer.env._(
                "Statement of account - %(customer)s", customer=customer.name
            ),
            kind,
        )
        return request.make_response(
            content,
            [
                ("Content-Type", mimetype),
                ("Content-Disposition", http.content_disposition(name)),
            ],
        )

    @http.route(
        f"{PAGE}/letter/<int:event_id>", type="http", auth="public", methods=["GET"]
    )
    def recovery_letter(self, company_id, partner_id, event_id, token=None, **kwargs):
        customer, company = self._recovery_access(company_id, partner_id, token)
        event = self._recovery_letters(customer, company).filtered(
            lambda e: e.id == event_id
        )
        if not event:
            raise NotFound()
        attachment = event.attachment_id
        return request.make_response(
            attachment.raw,
            [
                ("Content-Type", attachment.mimetype or "application/octet-stream"),
                ("Content-Disposition", http.content_disposition(attachment.name)),
            ],
        )

    # ------------------------------------------------------------
    # ANSWERS (POST, CSRF checked by Odoo)
    # ------------------------------------------------------------

    def _recovery_reason(self, customer, key):
        """Why an answer was refused, in the customer's words (``reason``)."""
        return refusal_reason(customer.env, key)

    def _recovery_refuse(self, customer, company, token, message):
        """The page again, with why the answer was refused: HTTP 400."""
        values = self._recovery_page_values(customer, company, token, error="form")
        values["error_message"] = message
        return request.render(
            "recouvrement_fr.portal_recovery_page", values, status=400
        )

    def _recovery_long_text(self, customer, text):
        """The refusal of a text over the limit (never cut silently)."""
        return too_long(customer.env, text, MAX_TEXT)

    def _recovery_same_answer(self, model, domain):
        """The same answer recorded in the last minutes, if any (sudo)."""
        since = fields.Datetime.now() - timedelta(minutes=SAME_ANSWER_MINUTES)
        return request.env[model].sudo().search([*domain, ("create_date", ">=", since)])

    def _recovery_selected(self, customer, ids):
        """The open invoices of the page among ``ids``; anything else: 404."""
        try:
            wanted = {int(i) for i in ids if str(i).strip()}
        except ValueError as error:
            raise NotFound() from error
        moves = self._recovery_open_moves(customer).filtered(lambda m: m.id in wanted)
        if not wanted or len(moves) != len(wanted):
            raise NotFound()
        return moves

    def _recovery_back(self, customer, company, token, **query):
        return request.redirect(
            self._recovery_page_url(customer, company, token, **query)
        )

    def _recovery_upload(self, upload, res_model):
        if not upload or not getattr(upload, "filename", None):
            return request.env["ir.attachment"]
        data = upload.read(MAX_UPLOAD + 1)
        if not data or len(data) > MAX_UPLOAD:
            return request.env["ir.attachment"]
        return (
            request.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": upload.filename[:200],
                    "datas": base64.b64encode(data),
                    "res_model": res_model,
                }
            )
        )

    @http.route(
        f"{PAGE}/dispute", type="http", auth="public", methods=["POST"], website=True
    )
    def recovery_dispute(self, company_id, partner_id, token=None, **post):
        customer, company = self._recovery_access(company_id, partner_id, token)
        customer = self._recovery_env(customer, company)
        move = self._recovery_selected(customer, [post.get("move_id", "")])
        reason = post.get("reason")
        text = (post.get("description") or "").strip()
        if too_long := self._recovery_long_text(customer, text):
            return self._recovery_refuse(customer, company, token, too_long)
        if reason not in dict(DISPUTE_REASONS) or (reason == "other" and not text):
            return self._recovery_back(
                customer, company, token, error="dispute", reason="reason"
            )
        if self._recovery_same_answer(
            "recovery.request",
            [
                ("kind", "=", "dispute"),
                ("partner_id", "=", customer.id),
                ("move_id", "=", move.id),
                ("reason", "=", reason),
                ("description", "=", text or False),
            ],
        ):
            return self._recovery_back(customer, company, token, done="dispute")
        attachment = self._recovery_upload(post.get("attachment"), "recovery.request")
        request_sudo = (
            request.env["recovery.request"]
            .sudo()
            .with_context(lang=customer.env.lang)
            .create(
                {
                    "company_id": company.id,
                    "partner_id": customer.id,
                    "kind": "dispute",
                    "move_id": move.id,
                    "move_ids": [Command.set(move.ids)],
                    "reason": reason,
                    "description": text,
                    "attachment_ids": [Command.set(attachment.ids)],
                    "origin_ip": request.httprequest.remote_addr,
                }
            )
        )
        attachment.res_id = request_sudo.id
        request_sudo.with_context(
            lang=company.recovery_user_id.lang or company.partner_id.lang
        )._recovery_apply_dispute()
        return self._recovery_back(customer, company, token, done="dispute")

    @http.route(
        f"{PAGE}/promise", type="http", auth="public", methods=["POST"], website=True
    )
    def recovery_promise(self, company_id, partner_id, token=None, **post):
        customer, company = self._recovery_access(company_id, partner_id, token)
        customer = self._recovery_env(customer, company)
        moves = self._recovery_selected(
            customer, request.httprequest.form.getlist("move_ids")
        )
        today = fields.Date.context_today(customer)
        try:
            date = fields.Date.to_date(post.get("date"))
        except ValueError:
            date = None
        latest = today + timedelta(days=company.recovery_promise_max_days)
        refused = self._recovery_promise_refusal(customer, moves, date, latest, post)
        if refused:
            return refused(company, token)
        if not self._recovery_same_promise(customer, moves, date):
            self._recovery_create_promise(customer, company, moves, date, post)
        return self._recovery_back(customer, company, token, done="promise")

    def _recovery_create_promise(self, customer, company, moves, date, post):
        """Record the customer's promise to pay ``moves`` on ``date``."""
        promise = (
            request.env["recovery.promise"]
            .sudo()
            .with_company(company)
            # No "created" line by the public user: the customer signs below.
            .with_context(
                lang=company.recovery_user_id.lang or customer.env.lang,
                mail_create_nolog=True,
            )
            .create(
                {
                    "company_id": company.id,
                    "partner_id": customer.id,
                    "move_ids": [Command.set(moves.ids)],
                    "date": date,
                    "source": "portal",
                    "note": (post.get("note") or "").strip() or False,
                    "user_id": company.recovery_user_id.id or False,
                }
            )
        )
        promise.message_post(
            body=promise.env._(
                "Promise made by the customer on the recovery portal (address %(ip)s).",
                ip=request.httprequest.remote_addr,
            ),
            author_id=customer.id,  # the customer, not the public user
        )
        return promise

    @http.route(
        f"{PAGE}/plan", type="http", auth="public", methods=["POST"], website=True
    )
    def recovery_plan(self, company_id, partner_id, token=None, **post):
        customer, company = self._recovery_access(company_id, partner_id, token)
        customer = self._recovery_env(customer, company)
        moves = self._recovery_open_moves(customer).filtered(
            lambda m: m.recovery_stage not in ("dispute", "payment_plan")
        )
        try:
            count = int(post.get("instalment_count") or 0)
        except ValueError:
            count = 0
        text = (post.get("description") or "").strip()
        if too_long := self._recovery_long_text(customer, text):
            return self._recovery_refuse(customer, company, token, too_long)
        if not moves or not 2 <= count <= company.recovery_portal_plan_max:
            why = "count" if moves else "nothing"
            return self._recovery_back(
                customer, company, token, error="plan", reason=why
            )
        if self._recovery_same_answer(
            "recovery.request",
            [
                ("kind", "=", "plan"),
                ("partner_id", "=", customer.id),
                ("company_id", "=", company.id),
                ("state", "=", "new"),
                ("instalment_count", "=", count),
            ],
        ):
            return self._recovery_back(customer, company, token, done="plan")
        request_sudo = (
            request.env["recovery.request"]
            .sudo()
            .with_context(lang=company.recovery_user_id.lang or company.partner_id.lang)
            .create(
                {
                    "company_id": company.id,
                    "partner_id": customer.id,
                    "kind": "plan",
                    "move_ids": [Command.set(moves.ids)],
                    "instalment_count": count,
                    "description": text,
                    "origin_ip": request.httprequest.remote_addr,
                }
            )
        )
        request_sudo._recovery_notify(
            request_sudo.env._(
                "Payment plan asked in %(count)s instalments", count=count
            )
        )
        return self._recovery_back(customer, company, token, done="plan")

    def _recovery_promise_refusal(self, customer, moves, date, latest, post):
        """What refuses a promise, as a callable ``(company, token)`` giving
        the answer (the page with why), or None."""
        note = (post.get("note") or "").strip()
        if too_long := self._recovery_long_text(customer, note):
            return lambda company, token: self._recovery_refuse(
                customer, company, token, too_long
            )
        today = fields.Date.context_today(customer)
        why = ""
        if not date or not today <= date <= latest:
            why = "date"
        elif any(m.recovery_stage == "dispute" for m in moves):
            why = "disputed"
        if not why:
            return None
        return lambda company, token: self._recovery_back(
            customer, company, token, error="promise", reason=why
        )

    def _recovery_same_promise(self, customer, moves, date):
        """The same promise made in the last minutes (a second click)."""
        recent = self._recovery_same_answer(
            "recovery.promise",
            [
                ("partner_id", "=", customer.id),
                ("source", "=", "portal"),
                ("state", "=", "open"),
                ("date", "=", date),
                ("move_ids", "in", moves.ids),
            ],
        )
        return recent.filtered(lambda p: p.move_ids == moves)[:1]
