# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.recouvrement_fr.tests.common import RecoveryCommon

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ROUTE = re.compile(r'data-transaction-route="([^"]+)"')


@tagged("post_install", "-at_install")
class TestPortalPayment(RecoveryCommon, HttpCase):
    """Le client paie depuis son espace de règlement avec le fournisseur de
    démonstration : toutes les factures échues, une sélection ou un acompte ;
    le montant est fixé par le serveur, le paiement lettre les factures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.env["ir.module.module"]._load_module_terms(
            ["payment", "account_payment", "recouvrement_fr_payment"], ["fr_FR"]
        )
        today = fields.Date.today()
        cls.inv_1 = cls._invoice(cls.partner_a, 1200.0, today - timedelta(days=40))
        cls.inv_2 = cls._invoice(cls.partner_a, 300.0, today - timedelta(days=20))
        cls.inv_b = cls._invoice(cls.partner_b, 777.0, today - timedelta(days=20))
        demo = cls.env.ref("payment.payment_provider_demo").sudo()
        cls.provider = demo.copy(
            {
                "company_id": cls.company.id,
                "state": "test",
                "journal_id": cls.company_data["default_journal_bank"].id,
            }
        )
        cls.provider.payment_method_ids = cls.env.ref(
            "payment_demo.payment_method_demo"
        )
        cls.path = f"/recovery/{cls.company.id}/{cls.partner_a.id}"
        cls.token = cls.env["recovery.portal.link"]._token(cls.partner_a, cls.company)

    def _pay_page(self, data):
        page = self.url_open(f"{self.path}?token={self.token}")
        self.assertIn('id="recovery_pay_form"', page.text)
        data = dict(data, csrf_token=CSRF.search(page.text).group(1))
        return self.url_open(
            f"{self.path}/pay?token={self.token}", data=data, allow_redirects=False
        )

    def _transaction(self, route, amount):
        method = self.env.ref("payment_demo.payment_method_demo")
        return self.make_jsonrpc_request(
            route,
            {
                "provider_id": self.provider.id,
                "payment_method_id": method.id,
                "token_id": None,
                "amount": amount,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": f"{self.path}?token={self.token}&done=paid",
                "is_validation": False,
            },
        )

    def _pay_through(self, response, tampered_amount):
        self.assertEqual(response.status_code, 200)
        route = html.unescape(ROUTE.search(response.text).group(1))
        values = self._transaction(route, tampered_amount)
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .search([("reference", "=", values["reference"])])
        )
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {
                "reference": tx.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        tx._post_process()
        return tx

    def test_pay_all_overdue_invoices(self):
        response = self._pay_page({"mode": "all"})
        self.assertIn("Payer en ligne", response.text)
        tx = self._pay_through(response, tampered_amount=1.0)
        self.assertEqual(tx.amount, 1500.0, "the server decides the amount")
        self.assertEqual(tx.invoice_ids, self.inv_1 | self.inv_2)
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.payment_id)
        self.assertIn(self.inv_1.payment_state, ("paid", "in_payment"))
        self.assertIn(self.inv_2.payment_state, ("paid", "in_payment"))
        self._run(fields.Date.to_string(fields.Date.today()))
        self.assertFalse(self.inv_1.recovery_event_ids, "paid: out of the ladder")

    def test_pay_a_selection(self):
        response = self._pay_page({"mode": "selection", "move_ids": [self.inv_2.id]})
        tx = self._pay_through(response, tampered_amount=5000.0)
        self.assertEqual(tx.amount, 300.0)
        self.assertEqual(tx.invoice_ids, self.inv_2)
        self.assertIn(self.inv_2.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.inv_1.payment_state, "not_paid")

    def test_pay_part_of_the_sum(self):
        too_much = self._pay_page({"mode": "amount", "amount": "1500,01"})
        self.assertEqual(too_much.status_code, 400)
        self.assertIn("au plus ce qui est dû", too_much.text)
        # Never a 500: not a number, infinite, huge, negative, an exponent.
        for typed in ("nan", "inf", "-inf", "1e308", "-5", "1e3", "12,345"):
            refused = self._pay_page({"mode": "amount", "amount": typed})
            self.assertEqual(refused.status_code, 400, typed)
            self.assertIn("Le montant à payer doit être un nombre", refused.text)
        response = self._pay_page({"mode": "amount", "amount": "250,50"})
        tx = self._pay_through(response, tampered_amount=1500.0)
        self.assertEqual(tx.amount, 250.5)
        self.assertEqual(self.inv_1.payment_state, "partial")
        self.assertEqual(self.inv_1.amount_residual, 949.5)

    def test_selection_of_another_customer_is_404(self):
        response = self._pay_page({"mode": "selection", "move_ids": [self.inv_b.id]})
        self.assertEqual(response.status_code, 404)

    def test_tampered_ticket_is_refused(self):
        response = self._pay_page({"mode": "selection", "move_ids": [self.inv_2.id]})
        route = html.unescape(ROUTE.search(response.text).group(1))
        forged = route.replace("-30000-", "-100-")
        self.assertNotEqual(forged, route)
        with self.assertRaises(JsonRpcException):
            self._transaction(forged, 1.0)
        self.assertFalse(self.env["payment.transaction"].sudo().search([]))
