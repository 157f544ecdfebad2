# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.recouvrement_fr.controllers.portal import RecoveryPortal

from .common import RecoveryCommon


@tagged("post_install", "-at_install", "recouvrement_fr_tour")
class TestPortalTour(RecoveryCommon, HttpCase):
    """Le client, sur sa page de règlement ouverte par son lien signé, dans
    Chromium : un double clic puis un nouvel envoi de la même promesse ne
    font qu'une promesse."""

    def test_same_promise_sent_twice_is_one_promise(self):
        self._setup_french()
        today = fields.Date.today()
        invoice = self._invoice(self.partner_b, 3756.0, today - timedelta(days=40))
        url = self.partner_b._recovery_portal_url(self.company)
        path = url[len(self.partner_b.get_base_url()) :]
        answers = []
        same = RecoveryPortal._recovery_same_promise

        def counted(controller, customer, moves, date):
            found = same(controller, customer, moves, date)
            answers.append(bool(found))
            return found

        with patch.object(RecoveryPortal, "_recovery_same_promise", counted):
            self.start_tour(path, "recouvrement_fr_portal_promise_twice", login=None)
        # The page answered every submission it got (the double click may
        # reach it once or twice), and recorded the first only.
        self.assertGreaterEqual(len(answers), 2)
        self.assertEqual(answers[0], False)
        self.assertTrue(all(answers[1:]))
        promises = self.env["recovery.promise"].search(
            [("partner_id", "=", self.partner_b.id)]
        )
        self.assertEqual(len(promises), 1)
        self.assertEqual(
            (promises.source, promises.move_ids, promises.amount),
            ("portal", invoice, 3756.0),
        )
        self.assertEqual(promises.date, today + timedelta(days=10))
