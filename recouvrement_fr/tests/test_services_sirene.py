# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Sirene lookup against a real HTTP server on 127.0.0.1 answering as the
API Recherche d'entreprises documents it; nothing reaches the internet."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..core.merchant import debtor_status
from .common import RecoveryCommon
from .services_server import (
    FakeServices,
    closed_port_url,
    sirene_page,
    sirene_result,
)

TILLEULS = sirene_result("812345678", "SCI des Tilleuls", "6540", "68.20A")
CLOSED = sirene_result(
    "498765432", "Ancienne Boulangerie SARL", "5499", "10.71C", state="C"
)


@tagged("post_install", "-at_install")
class TestServicesSirene(RecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.fake = FakeServices()
        cls.addClassCleanup(cls.fake.stop)
        cls.env["ir.config_parameter"].sudo().set_param(
            "recouvrement_fr.sirene_url", cls.fake.url
        )
        cls.env["ir.config_parameter"].sudo().set_param(
            "recouvrement_fr.services_timeout", "1"
        )
        cls.company.recovery_sirene_enabled = True
        cls.accountant.groups_id |= cls.env.ref("base.group_partner_manager")

    def setUp(self):
        super().setUp()
        self.fake.requests.clear()
        self.fake.delay = 0
        self.fake.routes = {"/search": self._search}
        self.answers = {}

    def _search(self, query):
        """Results by query, as the service: a SIREN or a name."""
        q = query.get("q", "")
        if not q:
            return 400, {
                "erreur": "Veuillez indiquer au moins un paramètre de recherche."
            }
        return 200, sirene_page(self.answers.get(q, []))

    def _customer(self, name, **values):
        return (
            self.env["res.partner"]
            .with_user(self.accountant)
            .with_context(lang="fr_FR")
            .create({"name": name, "is_company": True, **values})
        )

    def _lookup(self, partner):
        partner.with_user(self.accountant).with_context(
            lang="fr_FR"
        ).action_recovery_sirene_lookup()

    def test_sci_des_tilleuls_becomes_a_civil_company_before_the_tribunal_judiciaire(
        self,
    ):
        self.answers["SCI des Tilleuls"] = [
            sirene_result("912345670", "SCI des Tilleuls Nord", "6540", "68.20A"),
            TILLEULS,
        ]
        partner = self._customer("SCI des Tilleuls")
        self.assertFalse(partner.recovery_legal_form)

        self._lookup(partner)

        self.assertEqual(self.fake.requests[0][0], "/search")
        self.assertEqual(self.fake.requests[0][1]["q"], "SCI des Tilleuls")
        self.assertEqual(partner.recovery_legal_form, "sci")
        self.assertEqual(partner.recovery_sirene_category, "6540")
        self.assertEqual(partner.recovery_naf_code, "68.20A")
        self.assertEqual(partner.siret, "81234567800017")
        self.assertEqual(partner.street, "4 RUE DES TILLEULS")
        self.assertEqual(
            (partner.zip, partner.city), ("69003", "LYON 3E ARRONDISSEMENT")
        )
        self.assertEqual(partner.country_id, self.env.ref("base.fr"))
        self.assertEqual(partner.recovery_sirene_state, "active")
        self.assertEqual(
            partner.recovery_sirene_source, "API Recherche d'entreprises (Sirene)"
        )
        self.assertTrue(partner.recovery_sirene_date)
        self.assertFalse(partner.recovery_is_merchant)
        self.assertEqual(
            partner.with_context(lang="fr_FR").recovery_merchant_reason,
            "Société civile\u00a0: pas commerçante.",
        )
        status = debtor_status(
            partner.recovery_is_b2b,
            partner.recovery_legal_form,
            partner.recovery_naf_code,
            partner.name,
        )
        self.assertEqual(status.courts, ("tribunal_judiciaire",))
        note = partner.message_ids[0].body
        self.assertIn("Identité lue au répertoire Sirene (SIREN 812345678)", note)

        # Looked up again by its SIRET now: the SIREN is what is sent.
        self.answers["812345678"] = [TILLEULS]
        self._lookup(partner)
        self.assertEqual(self.fake.requests[-1][1]["q"], "812345678")

    def test_a_closed_company_is_flagged_and_listed_in_ma_journee(self):
        self.answers["498765432"] = [CLOSED]
        partner = self._customer("Ancienne Boulangerie", siret="49876543200011")
        self._invoice(partner, 480.0, "2026-01-05")

        self._lookup(partner)

        self.assertEqual(partner.recovery_sirene_state, "closed")
        self.assertEqual(partner.recovery_legal_form, "sarl")
        self.assertIn("cette entreprise est FERMÉE", partner.message_ids[0].body)
        day = (
            self.env["recovery.my.day"]
            .with_user(self.accountant)
            .with_context(lang="fr_FR")
            .get_day_data(mine=False)
        )
        closed = day["sections"]["closed"]
        self.assertEqual(closed["count"], 1)
        self.assertEqual(closed["lines"][0]["partner_id"], partner.id)
        self.assertEqual(closed["lines"][0]["partner_name"], "Ancienne Boulangerie")
        self.assertEqual(closed["lines"][0]["summary"], "Fermée au répertoire Sirene")
        self.assertEqual(closed["lines"][0]["overdue"], 480.0)

    def _assert_unchanged_with(self, message):
        partner = self._customer("Garage Martin SAS", siret="44306184100047")
        with self.assertRaises(UserError) as caught:
            self._lookup(partner)
        self.assertEqual(caught.exception.args[0], message)
        self.assertFalse(partner.recovery_legal_form)
        self.assertFalse(partner.recovery_sirene_date)
        self.assertFalse(partner.street)
        self.assertEqual(partner.siret, "44306184100047")

    def test_a_server_error_says_so_in_french_and_changes_nothing(self):
        self.fake.routes["/search"] = lambda q: (503, b"Service Unavailable")
        self._assert_unchanged_with(
            "Sirene a répondu par une erreur (503 Service Unavailable). "
            "Rien n'a été modifié."
        )

    def test_a_timeout_says_so_in_french_and_changes_nothing(self):
        self.fake.delay = 2  # the timeout is 1 second
        self._assert_unchanged_with(
            "Sirene n'a pas répondu à temps. Rien n'a été modifié\u00a0; réessayez "
            "plus tard."
        )

    def test_a_malformed_answer_says_so_in_french_and_changes_nothing(self):
        self.fake.routes["/search"] = lambda q: (200, b"<html>maintenance</html>")
        self._assert_unchanged_with(
            "Sirene a donné une réponse illisible. Rien n'a été modifié."
        )

    def test_an_unreachable_service_says_so_in_french_and_changes_nothing(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "recouvrement_fr.sirene_url", closed_port_url()
        )
        self._assert_unchanged_with(
            "Sirene est injoignable (pas de connexion au service). Rien n'a été "
            "modifié\u00a0; réessayez plus tard."
        )

    def test_too_many_requests_says_so_in_french_and_changes_nothing(self):
        self.fake.routes["/search"] = lambda q: (429, b"Too Many Requests")
        self._assert_unchanged_with(
            "Sirene refuse d'autres requêtes en ce moment (trop de requêtes). "
            "Rien n'a été modifié\u00a0; réessayez dans une minute."
        )

    def test_an_unknown_siren_says_so(self):
        self._assert_unchanged_with(
            "Le répertoire Sirene ne connaît aucune entreprise de SIREN 443061841."
        )

    def test_off_by_default_and_nothing_is_sent(self):
        self.company.recovery_sirene_enabled = False
        self._assert_unchanged_with(
            "La recherche Sirene n'est pas activée pour cette société "
            "(Paramètres > Facturation > Services publics français)."
        )
        self.assertFalse(self.fake.requests)

    def test_a_new_customer_is_looked_up_when_the_company_asks_for_it(self):
        self.company.recovery_sirene_on_create = True
        self.answers["SCI des Tilleuls"] = [TILLEULS]
        partner = self._customer("SCI des Tilleuls")
        self.assertEqual(partner.recovery_legal_form, "sci")
        self.assertEqual(partner.recovery_sirene_state, "active")
        # The service down: the customer is created all the same, with a note.
        self.fake.routes["/search"] = lambda q: (500, {"erreur": "Erreur interne"})
        other = self._customer("Bâtiment Durand")
        self.assertTrue(other.exists())
        self.assertFalse(other.recovery_sirene_date)
        self.assertIn(
            "Sirene a répondu par une erreur (500 Erreur interne)",
            other.message_ids[0].body,
        )
