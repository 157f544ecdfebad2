# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import SQL

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestEngineDecideStorage(RecoveryCommon):
    """La décision de la nuit inscrit le niveau de chaque facture dans son état
    de recouvrement, sans réécrire la facture validée."""

    def _row_versions(self, invoices):
        """{invoice id: its row's physical version}: PostgreSQL writes a new
        version of a row (a new ctid) each time it is updated, whatever the
        dates written."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id, ctid::text FROM account_move WHERE id = ANY(%s)",
                invoices.ids,
            )
        )
        return dict(self.env.cr.fetchall())

    def test_the_nightly_decision_leaves_the_posted_invoices_untouched(self):
        invoices = self.env["account.move"]
        for amount in (100.0, 200.0, 300.0):
            invoices |= self._invoice(self.partner_a, amount, "2026-01-01")
        invoices |= self._invoice(self.partner_b, 400.0, "2026-01-01")
        before = self._row_versions(invoices)
        decided = self.env["recovery.engine"]._decide(
            today=d("2026-02-01"), company_ids=self.company.ids
        )
        # Every invoice moved up, one communication per customer...
        self.assertEqual(decided["moves"], 4)
        self.assertEqual(len(decided["event_ids"]), 2)
        self.assertEqual(set(invoices.mapped("recovery_level_id")), {self.level_email})
        self.assertEqual(set(invoices.mapped("recovery_last_date")), {d("2026-02-01")})
        # ... and no posted invoice was rewritten: its level is in its state.
        self.assertEqual(self._row_versions(invoices), before)
