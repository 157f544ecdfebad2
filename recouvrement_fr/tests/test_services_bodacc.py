# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The BODACC watch against a real HTTP server on 127.0.0.1 answering with
records of the annonces-commerciales dataset as Opendatasoft's Explore API
v2.1 publishes them; its cron run through its ir.cron record."""

from html import unescape

from freezegun import freeze_time
from markupsafe import Markup

from odoo.tests import tagged

from ..tools.french_services import BODACC_RECORDS_PATH
from .common import RecoveryCommon, d
from .services_server import FakeServices, bodacc_page, bodacc_record

SIREN = "443061841"
OPENING = bodacc_record(
    "A202600471234",
    SIREN,
    "2026-03-10",
    "Jugement d'ouverture",
    "Jugement d'ouverture d'une procédure de redressement judiciaire",
    "2026-03-01",
    "Jugement prononçant l'ouverture d'une procédure de redressement judiciaire, "
    "date de cessation des paiements le 15 février 2026, désignant mandataire "
    "judiciaire SELARL MJ Synergie, 7 rue Servient 69003 Lyon, administrateur "
    "judiciaire SCP Ajilink. Les créances sont à déclarer dans les deux mois.",
)
CONVERSION = bodacc_record(
    "A202601051999",
    SIREN,
    "2026-06-02",
    "Jugement prononçant",
    "Jugement prononçant la conversion en liquidation judiciaire de la "
    "procédure de redressement judiciaire",
    "2026-05-27",
    "Jugement prononçant la liquidation judiciaire, désignant liquidateur "
    "SELARL MJ Synergie.",
)


@tagged("post_install", "-at_install")
class TestServicesBodacc(RecoveryCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.fake = FakeServices()
        cls.addClassCleanup(cls.fake.stop)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("recouvrement_fr.bodacc_url", cls.fake.url)
        params.set_param("recouvrement_fr.services_timeout", "1")
        cls.company.recovery_bodacc_enabled = True
        cls.partner_a.siret = SIREN + "00047"
        cls.partner_b.siret = "55210055400013"
        cls.watch = cls.env.ref("recouvrement_fr.ir_cron_recovery_bodacc_watch")

    def setUp(self):
        super().setUp()
        self.records = []
        self.fake.routes = {
            BODACC_RECORDS_PATH: lambda query: (200, bodacc_page(self.records))
        }
        self.fake.requests.clear()

    def _watch(self, on):
        with freeze_time(on):
            self.watch.method_direct_trigger()

    def _declaration(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.partner_a.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("recouvrement_fr.mail_activity_type_declaration").id,
                ),
            ]
        )

    def test_an_opening_judgment_starts_the_declaration_once(self):
        inv_1 = self._invoice(self.partner_a, 1500.0, "2026-01-05")
        inv_2 = self._invoice(self.partner_a, 700.0, "2026-02-20")
        self._run("2026-01-06")
        with freeze_time("2026-02-21"):
            self.env["recovery.engine"]._decide(company_ids=self.company.ids)
        queued = inv_2.recovery_event_ids
        self.assertEqual(queued.state, "queued")
        self.records = [OPENING]

        self._watch("2026-03-12")

        # Asked for this customer's collective proceedings of the last year.
        (path, query), *others = self.fake.requests
        self.assertFalse(others, "partner_b owes nothing: not checked")
        self.assertEqual(path, BODACC_RECORDS_PATH)
        self.assertIn(f'registre like "{SIREN}"', query["where"])
        self.assertIn('familleavis = "collective"', query["where"])
        self.assertIn("dateparution >= date'2025-03-12'", query["where"])
        partner = self.partner_a
        self.assertEqual(partner.recovery_insolvency, "redressement")
        self.assertEqual(partner.recovery_insolvency_date, d("2026-03-01"))
        self.assertEqual(partner.recovery_bodacc_date, d("2026-03-10"))
        self.assertEqual(partner.recovery_claim_deadline, d("2026-05-10"))
        self.assertEqual(
            partner.recovery_insolvency_court, "TRIBUNAL DE COMMERCE DE LYON"
        )
        self.assertEqual(partner.recovery_mandataire_id.name, "SELARL MJ Synergie")
        # The night's contact is made in the company's language: its chatter
        # opens on "Contact créé", not "Contact created".
        self.assertEqual(
            partner.recovery_mandataire_id.message_ids.mapped("body"),
            [Markup("<p>Contact créé</p>")],
        )
        # The declaration flow: steps stopped, invoices to declare, deadline.
        self.assertEqual((inv_1 | inv_2).mapped("recovery_stage"), ["declaration"] * 2)
        self.assertEqual(queued.state, "cancelled")
        activity = self._declaration()
        self.assertEqual(activity.user_id, self.accountant)
        self.assertEqual(activity.date_deadline, d("2026-05-10"))
        self.assertEqual(self.partner_a.recovery_customer_stage, "declaration")
        announcement = partner.recovery_bodacc_ids
        self.assertEqual(
            (announcement.bodacc_id, announcement.kind, announcement.procedure),
            ("A202600471234", "opening", "redressement"),
        )
        note = partner.message_ids.filtered(lambda m: "BODACC du" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(
            "BODACC du 10/03/2026\u00a0: Jugement d'ouverture d'une procédure de "
            "redressement judiciaire (TRIBUNAL DE COMMERCE DE LYON). Les relances "
            "sont arrêtées\u00a0; déclarez la créance au mandataire judiciaire au "
            "plus tard le 10/05/2026.",
            unescape(note.body),
        )

        # Run again the same day: nothing asked, nothing changed.
        messages = partner.message_ids
        self._watch("2026-03-12")
        self.assertEqual(len(self.fake.requests), 1)
        # The next day the same announcement comes back: it changes nothing.
        self._watch("2026-03-13")
        self.assertEqual(len(self.fake.requests), 2)
        self.assertIn(
            "dateparution >= date'2026-03-05'", self.fake.requests[1][1]["where"]
        )
        self.assertEqual(partner.recovery_bodacc_ids, announcement)
        self.assertEqual(partner.message_ids, messages)
        self.assertEqual(self._declaration(), activity)
        self.assertEqual(activity.date_deadline, d("2026-05-10"))
        self.assertEqual(partner.recovery_bodacc_checked_on, d("2026-03-13"))

    def test_a_conversion_to_liquidation_is_recorded(self):
        self._invoice(self.partner_a, 900.0, "2026-01-05")
        self.records = [OPENING]
        self._watch("2026-03-12")
        self.records = [OPENING, CONVERSION]

        self._watch("2026-06-03")

        partner = self.partner_a
        self.assertEqual(partner.recovery_insolvency, "liquidation")
        self.assertEqual(partner.recovery_bodacc_date, d("2026-03-10"))
        self.assertEqual(
            partner.recovery_bodacc_ids.sorted("published").mapped("kind"),
            ["opening", "conversion"],
        )
        self.assertIn(
            "BODACC du 02/06/2026\u00a0: Jugement prononçant la conversion en "
            "liquidation judiciaire",
            unescape(partner.message_ids[0].body),
        )

    def test_the_service_down_changes_nothing_and_is_tried_again(self):
        self._invoice(self.partner_a, 900.0, "2026-01-05")
        self.fake.routes[BODACC_RECORDS_PATH] = lambda query: (
            503,
            b"Service Unavailable",
        )

        self._watch("2026-03-12")

        partner = self.partner_a
        self.assertFalse(partner.recovery_insolvency)
        self.assertFalse(partner.recovery_bodacc_ids)
        self.assertFalse(partner.recovery_bodacc_checked_on, "to check again")
        # Back the next day: the announcement is applied.
        self.records = [OPENING]
        self.fake.routes[BODACC_RECORDS_PATH] = lambda query: (
            200,
            bodacc_page(self.records),
        )
        self._watch("2026-03-13")
        self.assertEqual(partner.recovery_insolvency, "redressement")

    def test_a_timeout_changes_nothing(self):
        self._invoice(self.partner_a, 900.0, "2026-01-05")
        self.records = [OPENING]
        self.fake.delay = 2  # the timeout is 1 second
        try:
            self._watch("2026-03-12")
        finally:
            self.fake.delay = 0
        self.assertFalse(self.partner_a.recovery_insolvency)
        self.assertFalse(self.partner_a.recovery_bodacc_ids)
        self.assertFalse(self.partner_a.recovery_bodacc_checked_on)

    def test_a_malformed_answer_changes_nothing_and_says_so(self):
        self._invoice(self.partner_a, 900.0, "2026-01-05")
        broken = dict(OPENING, jugement='{"famille": "Jugement d\'ouverture", ')
        self.records = [broken]

        self._watch("2026-03-12")

        partner = self.partner_a
        self.assertFalse(partner.recovery_insolvency)
        self.assertFalse(partner.recovery_bodacc_ids)
        self.assertEqual(
            partner.message_ids[0].body,
            "<p>BODACC a donné une réponse illisible. Rien n'a été modifié.</p>",
        )

    def test_off_by_default_nothing_is_sent(self):
        self.company.recovery_bodacc_enabled = False
        self._invoice(self.partner_a, 900.0, "2026-01-05")
        self.records = [OPENING]
        self._watch("2026-03-12")
        self.assertFalse(self.fake.requests)
        self.assertFalse(self.partner_a.recovery_insolvency)
