# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import SQL

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestEngineDecideStorage(RecoveryCommon):
    """La relance de la nuit réécrit l'état de chaque facture à sa place, sans
    toucher aux index : c'est ce qui la garde en secondes sur 100 000 factures."""

    def _updates(self):
        """(rows updated, of which in place) on the state table, this transaction."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(SUM(n_tup_upd), 0), COALESCE(SUM(n_tup_hot_upd), 0)"
                "  FROM pg_stat_xact_user_tables WHERE relname = %s",
                self.env["recovery.move.state"]._table,
            )
        )
        return self.env.cr.fetchone()

    def test_the_nightly_update_touches_no_index(self):
        for amount in (100.0, 200.0, 300.0):
            self._invoice(self.partner_a, amount, "2026-01-01")
        self._invoice(self.partner_b, 400.0, "2026-01-01")
        updated, in_place = self._updates()
        decided = self.env["recovery.engine"]._decide(
            today=d("2026-02-01"), company_ids=self.company.ids
        )
        self.assertEqual(decided["moves"], 4)
        self.assertEqual(len(decided["event_ids"]), 2)
        now_updated, now_in_place = self._updates()
        self.assertGreaterEqual(now_updated - updated, 4)
        self.assertEqual(now_in_place - in_place, now_updated - updated)
