# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from ..tools.open_invoice import is_open_invoice, open_invoice_domain, open_invoice_sql
from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestOpenInvoice(RecoveryCommon):
    """Ce que le recouvrement peut réclamer : une facture client validée qui
    reste à payer. La règle est écrite une fois (tools/open_invoice.py), en
    Python, en domaine et en SQL ; les trois disent la même chose sur chaque
    sorte de pièce."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make = cls._invoice
        cls.kinds = {
            "open": make(cls.partner_a, 100.0, "2026-01-01"),
            "partly paid": make(cls.partner_a, 200.0, "2026-01-01"),
            "paid": make(cls.partner_a, 300.0, "2026-01-01"),
            "cancelled": make(cls.partner_a, 400.0, "2026-01-01"),
            "reversed": make(cls.partner_a, 500.0, "2026-01-01"),
        }
        cls.kinds["cancelled"].button_draft()
        cls.kinds["cancelled"].button_cancel()
        reversal = cls.kinds["reversed"]._reverse_moves(cancel=True)
        cls.kinds["credit note"] = reversal
        cls.kinds["draft"] = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.partner_a.id,
                "invoice_date": "2026-01-01",
                "invoice_line_ids": [
                    Command.create({"name": "Prestation", "price_unit": 50.0})
                ],
            }
        )
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": cls.partner_a.id,
                "invoice_date": "2026-01-01",
                "invoice_line_ids": [
                    Command.create({"name": "Achat", "price_unit": 70.0})
                ],
            }
        )
        bill.action_post()
        cls.kinds["vendor bill"] = bill

    def test_the_three_statements_agree_on_every_kind_of_move(self):
        self._pay(self.kinds["partly paid"], 50.0, "2026-01-10")
        self._pay(self.kinds["paid"], 300.0, "2026-01-10")
        moves = self.env["account.move"].union(*self.kinds.values())
        self.env.flush_all()
        by_predicate = {move.id for move in moves if is_open_invoice(move)}
        by_domain = set(
            self.env["account.move"]
            .search([("id", "in", moves.ids), *open_invoice_domain()])
            .ids
        )
        self.env.cr.execute(
            SQL(
                "SELECT m.id FROM account_move m WHERE m.id = ANY(%s) AND %s",
                moves.ids,
                open_invoice_sql("m"),
            )
        )
        by_sql = {row[0] for row in self.env.cr.fetchall()}
        by_field = set(
            self.env["account.move"]
            .search([("id", "in", moves.ids), ("recovery_is_open", "=", True)])
            .ids
        )
        expected = {self.kinds["open"].id, self.kinds["partly paid"].id}
        self.assertEqual(by_predicate, expected)
        self.assertEqual(by_domain, expected)
        self.assertEqual(by_sql, expected)
        self.assertEqual(by_field, expected)
        closed = self.env["account.move"].search(
            [("id", "in", moves.ids), ("recovery_is_open", "=", False)]
        )
        self.assertEqual(set(closed.ids), set(moves.ids) - expected)
