# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install", "recouvrement_fr_tour")
class TestRecoveryTour(RecoveryCommon, HttpCase):
    """Le gestionnaire de crédit parcourt le menu Recouvrement dans le navigateur."""

    def test_recovery_tour(self):
        admin = self.env.ref("base.user_admin")
        admin.write(
            {"company_ids": [(4, self.company.id)], "company_id": self.company.id}
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Client SARL",
                "is_company": True,
                "email": "tour@client.example",
                "street": "3 place Bellecour",
                "zip": "69002",
                "city": "Lyon",
            }
        )
        # The notice is validated today: its half-year's rates are entered.
        self._enter_current_rates()
        invoice = self._invoice(customer, 840.0, "2026-01-01")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2026-01-31",
            }
        )
        self._run("2026-02-20")
        notice = invoice.recovery_event_ids
        self.assertEqual(notice.state, "to_validate")
        self.start_tour("/web", "recouvrement_fr_tour", login="admin")
        self.assertEqual(notice.state, "to_post")
        self.assertTrue(notice.attachment_id, "the exact letter is kept on the event")
