# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install", "recouvrement_fr_tour")
class TestDeskTour(RecoveryCommon, HttpCase):
    """Sophie, comptable non administratrice, dans le navigateur : Ma journée,
    un appel et son résultat, puis le compte du client."""

    def test_desk_tour(self):
        self._setup_french()
        self.accountant.write(
            {
                "password": "sophie.recouvrement",
                "action_id": self.env.ref("recouvrement_fr.recovery_my_day_action").id,
            }
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Client Tour SARL",
                "is_company": True,
                "lang": "fr_FR",
                "phone": "+33 4 72 11 22 33",
                "email": "compta@client-tour.example",
            }
        )
        invoice = self._invoice(customer, 840.0, "2026-01-01")
        event = self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": customer.id,
                "level_id": self.level_phone.id,
                "channel": "phone",
                "state": "to_do",
                "user_id": self.accountant.id,
                "move_ids": [(6, 0, invoice.ids)],
                "amount_residual": 840.0,
            }
        )
        event.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Appeler Client Tour SARL",
            user_id=self.accountant.id,
        )
        self.start_tour(
            "/web", "recouvrement_fr_desk_tour", login=self.accountant.login
        )
        self.assertIn("Virement promis pour vendredi", str(event.note))
        # The call happened: its outcome is recorded and its activity is done.
        self.assertEqual((event.state, event.call_outcome), ("done", "promised"))
        self.assertFalse(event.activity_ids)
        # Its outcome a promise: the same promise as the portal's, with the
        # date and amount the wizard asked for.
        self.assertEqual(
            (event.promise_id.date.isoformat(), event.promise_id.amount),
            ("2030-12-31", 500.0),
        )
        self.assertEqual(event.promise_id.source, "phone")
