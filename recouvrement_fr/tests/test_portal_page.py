# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
from datetime import date, timedelta
from urllib.parse import unquote

import lxml.html

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.qr import QR_BORDER, qr_matrix, qr_svg
from .common import RecoveryCommon

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestPortalPage(RecoveryCommon, HttpCase):
    """L'espace de règlement du client : ce qu'il doit, ses documents, et ses
    réponses (contestation, promesse, demande d'échéancier), par lien signé
    sans compte ou sous /my ; rien d'autre que ses factures dans cette société."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        today = fields.Date.today()
        cls.today = today
        cls.inv_1 = cls._invoice(cls.partner_a, 1200.0, today - timedelta(days=40))
        cls.inv_2 = cls._invoice(cls.partner_a, 345.5, today - timedelta(days=20))
        cls.inv_b = cls._invoice(cls.partner_b, 777.0, today - timedelta(days=20))
        cls.other = cls.setup_other_company(name="Filiale Lyon")["company"]
        cls.inv_other = cls._invoice(
            cls.partner_a, 888.0, today - timedelta(days=20), company=cls.other
        )
        cls.url_a = cls.partner_a._recovery_portal_url(cls.company)
        cls.path_a = f"/recovery/{cls.company.id}/{cls.partner_a.id}"
        cls.token_a = cls.env["recovery.portal.link"]._token(cls.partner_a, cls.company)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _csrf(self):
        page = self._get(self.url_a)
        self.assertEqual(page.status_code, 200)
        return CSRF.search(page.text).group(1)

    def _post(self, action, data, files=None, csrf=True):
        data = dict(data)
        if csrf:
            data["csrf_token"] = self._csrf()
        return self.url_open(
            f"{self.path_a}/{action}?token={self.token_a}",
            data=data,
            files=files,
            allow_redirects=False,
        )

    # ------------------------------------------------------------
    # WHO SEES WHAT
    # ------------------------------------------------------------

    def test_signed_link_shows_the_customer_in_french(self):
        response = self._get(self.url_a)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(self.company.name, page)
        self.assertIn(self.inv_1.name, page)
        self.assertIn(self.inv_2.name, page)
        self.assertIn("Vos factures à régler", page)
        self.assertIn("Pénalités de retard", page, "a business owes penalties")
        self.assertIn("40,00", page, "and the 40 EUR indemnity")
        self.assertIn("1\u202f545,50", page.replace("\xa0", "\u202f"), "the total")
        self.assertNotIn(self.inv_b.name, page, "another customer's invoice")
        self.assertNotIn("888,00", page, "another company's invoice")
        pdf_url = self.inv_1.get_portal_url(report_type="pdf", download=True)
        self.assertIn(pdf_url.replace("&", "&amp;"), page)
        self.assertIn(f"{self.path_a}/statement?token=", page)

    def test_totals_each_in_its_column_and_a_grand_total(self):
        """Penalties, indemnities and the balance each add up in their own
        column; the last cell is what the customer owes in all (issue #21:
        the penalties were added to the indemnity)."""
        # No rate for today's half-year yet: the penalties are not shown as
        # 0,00 € (issue #21, point 5), and the page says why.
        root = lxml.html.fromstring(self._get(self.url_a).text)
        self.assertEqual(
            root.get_element_by_id("recovery_total_penalty").text_content(), "-"
        )
        self.assertIn(
            "ne comprennent pas les pénalités de retard ni les intérêts du semestre",
            root.text_content(),
        )
        self._enter_current_rates()
        root = lxml.html.fromstring(self._get(self.url_a).text)
        self.assertNotIn("ne comprennent pas les pénalités", root.text_content())

        def amount(span_id):
            text = root.get_element_by_id(span_id).text_content()
            digits = re.sub(r"[^0-9,]", "", text).replace(",", ".")
            return round(float(digits), 2)

        balance = amount("recovery_total")
        penalty = amount("recovery_total_penalty")
        indemnity = amount("recovery_total_indemnity")
        self.assertEqual(balance, 1545.5)
        self.assertEqual(indemnity, 80.0, "40 EUR for each late invoice, no more")
        # ECB 3 % + 10 points = 13 %, from the day after the due date:
        # 1 200 x 13 % x 40/365 = 17.10; 345.50 x 13 % x 20/365 = 2.46.
        self.assertEqual(penalty, 19.56)
        self.assertEqual(
            amount("recovery_grand_total"), round(balance + penalty + indemnity, 2)
        )
        # A business owes no legal interest column.
        self.assertFalse(root.xpath("//*[@id='recovery_total_interest']"))

    def test_wrong_tokens_are_404(self):
        links = self.env["recovery.portal.link"]
        token_b = links._token(self.partner_b, self.company)
        token_other = links._token(self.partner_a, self.other)
        for url in (
            self.path_a,
            f"{self.path_a}?token=",
            f"{self.path_a}?token={self.token_a[:-1]}x",
            f"{self.path_a}?token={token_b}",
            f"{self.path_a}?token={token_other}",
            f"/recovery/{self.other.id}/{self.partner_a.id}?token={self.token_a}",
            f"/recovery/{self.company.id}/{self.partner_b.id}?token={self.token_a}",
            f"{self.path_a}/statement?token={token_b}",
            f"/recovery/{self.company.id}/999999?token={self.token_a}",
        ):
            response = self._get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.inv_1.name, response.text)

    def test_renewed_link_closes_the_old_one(self):
        self.assertEqual(self._get(self.url_a).status_code, 200)
        self.partner_a.action_recovery_renew_portal_token()
        self.assertEqual(self._get(self.url_a).status_code, 404)
        new_url = self.partner_a._recovery_portal_url(self.company)
        self.assertEqual(self._get(new_url).status_code, 200)

    def test_rendering_a_link_writes_nothing(self):
        """Letters and e-mails of one customer rendered by two runs at once
        must not both write on the customer (they would collide): the link
        is signed, not stored."""
        customer = self.partner_b.sudo()
        before = customer.write_date
        url = customer._recovery_portal_url(self.company)
        self.assertEqual(url, customer._recovery_portal_url(self.company))
        self.env.flush_all()
        self.assertFalse(customer.recovery_access_token)
        self.assertEqual(customer.write_date, before)
        self.assertEqual(self._get(url).status_code, 200)

    def test_portal_user_sees_only_his_customer(self):
        user_a = new_test_user(self.env, login="portail_a", groups="base.group_portal")
        user_a.partner_id.parent_id = self.partner_a
        self.authenticate("portail_a", "portail_a")
        response = self._get("/my/recovery")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.inv_1.name, response.text)
        self.assertNotIn(self.inv_b.name, response.text)
        self.assertEqual(self._get(self.path_a).status_code, 200, "no token needed")
        path_b = f"/recovery/{self.company.id}/{self.partner_b.id}"
        self.assertEqual(self._get(path_b).status_code, 404)
        self.assertEqual(self._get(f"{path_b}/statement").status_code, 404)

    # ------------------------------------------------------------
    # DOCUMENTS
    # ------------------------------------------------------------

    def test_statement_and_letters_sent(self):
        self._run(fields.Date.to_string(self.today))
        event = self.inv_1.recovery_event_ids
        self.assertEqual(event.state, "sent", "the mail server accepted it")
        self.assertTrue(event.attachment_id)
        page = self._get(self.url_a).text
        letter_url = f"{self.path_a}/letter/{event.id}?token={self.token_a}"
        self.assertIn(letter_url.replace("&", "&amp;"), page)
        letter = self._get(letter_url)
        self.assertEqual(letter.status_code, 200)
        self.assertEqual(letter.content, event.attachment_id.raw)
        # A statement is not issued while a rate of its half-year is missing
        # (issue #21): the half-year's legal rates are entered first.
        semester = date(self.today.year, 1 if self.today.month <= 6 else 7, 1)
        rates = self.env["recovery.rate"]
        for kind in ("legal_other", "legal_individual"):
            if not rates.search([("kind", "=", kind), ("date_from", "=", semester)]):
                rates.create({"kind": kind, "date_from": semester, "rate": 3.0})
        statement = self._get(f"{self.path_a}/statement?token={self.token_a}")
        self.assertEqual(statement.status_code, 200)
        self.assertIn("Relevé de compte au", statement.text)
        self.assertIn(
            f"Relevé de compte - {self.partner_a.name}.html",
            unquote(statement.headers["Content-Disposition"]),
        )
        self.assertIn(self.inv_1.name, statement.text)
        self.assertNotIn("888,00", statement.text, "another company's invoice")
        # A letter not carried out yet, or another customer's: not shown.
        event_b = self.inv_b.recovery_event_ids
        url_b = f"{self.path_a}/letter/{event_b.id}?token={self.token_a}"
        self.assertEqual(self._get(url_b).status_code, 404)

    def test_reminder_email_links_to_the_page(self):
        self._run(fields.Date.to_string(self.today))
        event = self.inv_1.recovery_event_ids
        body = event.mail_message_id.body
        self.assertIn(self.url_a.replace("&", "&amp;"), body)
        self.assertIn("espace de règlement", body)

    def test_printed_letter_carries_the_link_and_a_qr_code(self):
        self._run(fields.Date.to_string(self.today))
        event = self.inv_1.recovery_event_ids
        report = self.level_email.report_id
        letter = str(report._render_qweb_html(report, event.ids)[0])
        self.assertIn(self.url_a, letter.replace("&amp;", "&"))
        self.assertIn("Votre compte en ligne", letter)
        # The QR code is in the page (no request per letter to the server),
        # drawn in vector: a square SVG of the link, quiet zone included.
        srcs = lxml.html.fromstring(letter).xpath(
            "//div[contains(@class, 'o_recovery_portal_link')]//img/@src"
        )
        self.assertEqual(len(srcs), 1, "the letter carries its QR code")
        prefix, data = srcs[0].split(",", 1)
        self.assertEqual(prefix, "data:image/svg+xml;base64")
        svg = base64.b64decode(data)
        self.assertEqual(svg, qr_svg(self.url_a))
        matrix = qr_matrix(self.url_a)
        size = len(matrix)
        self.assertIn(f'viewBox="0 0 {size} {size}"'.encode(), svg)
        self.assertTrue(all(len(row) == size for row in matrix))
        # version 1 at the least (21 modules), plus the quiet zone
        self.assertGreaterEqual(size, 21 + 2 * QR_BORDER)
        # the dark modules drawn are those of the code
        drawn = sum(int(width) for width in re.findall(rb"h(\d+)v1", svg))
        self.assertEqual(drawn, sum(map(sum, matrix)))

    # ------------------------------------------------------------
    # ANSWERS
    # ------------------------------------------------------------

    def test_post_without_csrf_is_refused(self):
        response = self._post(
            "dispute",
            {"move_id": self.inv_1.id, "reason": "price", "description": "x"},
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["recovery.request"].search([]))
        self.assertNotEqual(self.inv_1.recovery_stage, "dispute")

    def test_dispute_blocks_the_invoice_with_evidence(self):
        response = self._post(
            "dispute",
            {
                "move_id": self.inv_1.id,
                "reason": "defective",
                "description": "Livraison incomplète : 3 cartons manquants.",
            },
            files={
                "attachment": ("bon-livraison.pdf", b"%PDF-1.4 bon", "application/pdf")
            },
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("done=dispute", response.headers["Location"])
        request = self.env["recovery.request"].search([])
        self.assertEqual(request.kind, "dispute")
        self.assertEqual(request.move_id, self.inv_1)
        self.assertEqual(request.reason, "defective")
        self.assertIn("3 cartons manquants", request.description)
        self.assertEqual(request.attachment_ids.name, "bon-livraison.pdf")
        self.assertEqual(self.inv_1.recovery_stage, "dispute")
        self.assertTrue(self.inv_1.recovery_blocked)
        self.assertIn("non conforme", self.inv_1.recovery_block_reason)
        self.assertTrue(
            any("3 cartons manquants" in m.body for m in self.inv_1.message_ids),
            "what the customer wrote is in the invoice's chatter",
        )
        self.assertEqual(request.activity_ids.user_id, self.accountant)
        with self.assertRaises(UserError):
            request.unlink()
        page = self._get(response.headers["Location"]).text
        self.assertIn("votre contestation a bien été enregistrée", page)
        # The credit manager settles it: back on the ladder.
        request.with_user(self.accountant).action_unblock()
        self.assertNotEqual(self.inv_1.recovery_stage, "dispute")
        self.assertFalse(self.inv_1.recovery_blocked)

    def test_dispute_of_another_customers_invoice_is_404(self):
        response = self._post(
            "dispute", {"move_id": self.inv_b.id, "reason": "price", "description": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(self.inv_b.recovery_stage, "dispute")

    def test_promise_within_the_company_limit(self):
        self.company.recovery_promise_max_days = 30
        self.company.recovery_promise_grace_days = 3
        too_late = self.today + timedelta(days=31)
        response = self._post(
            "promise", {"move_ids": [self.inv_1.id], "date": too_late.isoformat()}
        )
        self.assertIn("error=promise", response.headers["Location"])
        self.assertFalse(self.env["recovery.promise"].search([]))
        date = self.today + timedelta(days=10)
        response = self._post(
            "promise",
            {"move_ids": [self.inv_1.id, self.inv_2.id], "date": date.isoformat()},
        )
        self.assertIn("done=promise", response.headers["Location"])
        promise = self.env["recovery.promise"].search([])
        self.assertEqual(promise.source, "portal")
        self.assertEqual(promise.move_ids, self.inv_1 | self.inv_2)
        self.assertEqual(promise.amount, 1545.5)
        self.assertEqual(self.inv_1.recovery_block_until, date + timedelta(days=3))
        self.assertIn("espace de règlement", promise.message_ids[0].body)

    def test_declared_invoices_are_not_claimed_from_an_insolvent_customer(self):
        """Insolvency: the invoices declared to the mandataire judiciaire
        leave the page; the customer can neither pay nor promise them. An
        invoice issued after the judgment is still claimed."""
        self.partner_a.write(
            {
                "recovery_insolvency": "redressement",
                "recovery_insolvency_date": self.today - timedelta(days=30),
            }
        )
        self.assertEqual(self.inv_1.recovery_stage, "declaration")
        self.assertNotEqual(self.inv_2.recovery_stage, "declaration")
        page = self._get(self.url_a).text
        self.assertNotIn(self.inv_1.name, page)
        self.assertIn(self.inv_2.name, page)
        self.assertIn("déclarées au mandataire judiciaire", page)
        date = (self.today + timedelta(days=5)).isoformat()
        response = self._post("promise", {"move_ids": [self.inv_1.id], "date": date})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["recovery.promise"].search([]))

    def test_promise_on_another_customers_invoice_is_404(self):
        date = (self.today + timedelta(days=5)).isoformat()
        for ids in ([self.inv_1.id, self.inv_b.id], [self.inv_other.id], ["x"]):
            response = self._post("promise", {"move_ids": ids, "date": date})
            self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["recovery.promise"].search([]))

    def test_plan_request_opens_the_wizard_prefilled(self):
        self.company.recovery_portal_plan_max = 6
        response = self._post("plan", {"instalment_count": 7})
        self.assertIn("error=plan", response.headers["Location"])
        response = self._post(
            "plan", {"instalment_count": 4, "description": "Trésorerie tendue."}
        )
        self.assertIn("done=plan", response.headers["Location"])
        request = self.env["recovery.request"].search([("kind", "=", "plan")])
        self.assertEqual(request.instalment_count, 4)
        self.assertEqual(request.move_ids, self.inv_1 | self.inv_2)
        self.assertEqual(request.activity_ids.user_id, self.accountant)
        action = request.with_user(self.accountant).action_open_plan_wizard()
        wizard = (
            self.env["recovery.plan.wizard"]
            .with_user(self.accountant)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.instalment_count, 4)
        self.assertEqual(wizard.move_ids, self.inv_1 | self.inv_2)
        self.assertEqual(wizard.amount_due, 1545.5)
