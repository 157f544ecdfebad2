# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The déclaration de créance sent to the mandataire judiciaire as a
registered letter from the act: through the demo provider, through Maileva's
API against a real HTTP server on 127.0.0.1, and, without a provider, marked
for the printed registered letter with its number entered by hand."""

import base64
import json
import subprocess
import tempfile
from html import unescape

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon, d
from .services_server import FakeServices

PDF_DEPOSIT = b"%PDF-1.4 deposit proof of 1A98765432109"
PDF_AR = b"%PDF-1.4 acknowledgement of receipt of 1A98765432109"


def pdf_text(attachment):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(base64.b64decode(attachment.datas))
        handle.flush()
        return subprocess.run(
            ["pdftotext", handle.name, "-"], capture_output=True, check=True
        ).stdout.decode()


class ActLetterCommon(RecoveryCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.change_company_country(cls.company, cls.env.ref("base.fr"))
        cls.partner_a.write(
            {
                "name": "Dupont Équipements",
                "recovery_legal_form": "sas",
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
                "recovery_insolvency": "redressement",
                "recovery_insolvency_date": "2025-09-01",
                "recovery_bodacc_date": "2025-09-12",
            }
        )
        cls.mandataire = cls.env["res.partner"].create(
            {
                "name": "Maître Girard",
                "street": "12 rue de Rivoli",
                "zip": "75004",
                "city": "Paris",
                "lang": "fr_FR",
            }
        )
        cls.demo = cls.env.ref("recouvrement_fr.recovery_letter_provider_demo").sudo()
        cls.demo.write({"company_id": cls.company.id, "state": "disabled"})
        cls.track = cls.env.ref("recouvrement_fr.ir_cron_recovery_track_letters")

    def _declaration(self):
        """The déclaration de créance drafted by the accountant."""
        invoice = self._invoice(self.partner_a, 4000.0, "2025-06-30")
        env = self.env(user=self.accountant, context={"lang": "fr_FR"})
        with freeze_time("2025-09-20"):
            act = env["recovery.act.service"]._draft(
                self.partner_a.with_env(env),
                invoice.with_env(env),
                "claim_declaration",
                {"recipient_id": self.mandataire.id},
            )
        self.assertEqual((act.state, act.letter_sendable), ("drafted", True))
        return invoice, act

    def _send(self, act):
        with freeze_time("2025-09-20"):
            act.action_send_registered()

    def _track(self, on):
        with freeze_time(on):
            self.track.method_direct_trigger()
        self.env.invalidate_all()

    def _notes(self, act):
        return [unescape(m.body) for m in act.message_ids if m.body]


@tagged("post_install", "-at_install")
class TestServicesActLetters(ActLetterCommon):
    def test_demo_deposited_then_received_the_act_follows(self):
        self.demo.state = "test"
        invoice, act = self._declaration()
        self._send(act)
        self.assertEqual(act.letter_state, "sending")
        self.assertEqual(act.provider_reference, f"DEMO-ACT-{act.id}")
        self.assertEqual(act.state, "drafted", "not deposited yet")

        self._track("2025-09-21 09:00")
        self.assertEqual((act.letter_state, act.state), ("deposited", "sent"))
        self.assertEqual(act.sent_date, d("2025-09-21"))
        self.assertIn("Recipient: Maître Girard", pdf_text(act.deposit_proof_id))
        self.assertIn(
            "<p>Lettre recommandée déposée le 21/09/2025 (preuve de dépôt jointe).</p>",
            self._notes(act),
        )

        self._track("2025-09-24 09:00")
        self.assertEqual((act.letter_state, act.state), ("received", "acknowledged"))
        self.assertEqual(act.acknowledged_date, d("2025-09-24"))
        self.assertIn("received proof", pdf_text(act.ar_attachment_id))
        self.assertEqual(
            act.ar_attachment_id.name, f"Avis de réception - DEMO-ACT-{act.id}.pdf"
        )
        # Both proofs in the dossier, next to the act.
        pieces = self.env["recovery.dossier.pieces"]._act_pieces(
            self.partner_a, invoice
        )
        proofs = [p.content for p in pieces if p.role == "lrar_proof"]
        self.assertEqual(
            sorted(proofs),
            sorted(a.raw for a in act.deposit_proof_id | act.ar_attachment_id),
        )
        # Asked again: nothing more.
        messages = act.message_ids
        self._track("2025-09-26 09:00")
        self.assertEqual(act.message_ids, messages)

    def test_demo_refused_the_act_stays_sent(self):
        self.demo.write({"state": "test", "demo_outcome": "refused"})
        _invoice, act = self._declaration()
        self._send(act)
        self._track("2025-09-21 09:00")
        self._track("2025-09-24 09:00")
        self.assertEqual((act.letter_state, act.state), ("refused", "sent"))
        self.assertEqual(act.provider_outcome_date, d("2025-09-24"))
        self.assertIn("refused proof", pdf_text(act.ar_attachment_id))
        self.assertIn(
            "<p>Lettre recommandée refusée par le destinataire le 24/09/2025.</p>",
            self._notes(act),
        )

    def test_a_provider_error_leaves_the_act_failed_with_its_reason(self):
        self.demo.write({"state": "test", "demo_outcome": "error"})
        _invoice, act = self._declaration()
        self._send(act)
        self.assertEqual((act.letter_state, act.state), ("failed", "drafted"))
        self.assertIn("503 DEMO_UNAVAILABLE", act.letter_error)
        self.assertTrue(act.letter_sendable, "it can be sent again")

    def test_without_provider_the_printed_letter_with_its_number(self):
        _invoice, act = self._declaration()
        self._send(act)
        self.assertEqual((act.letter_state, act.state), ("to_post", "drafted"))
        self.assertIn(
            "Aucun prestataire de lettre recommandée n'est activé",
            self._notes(act)[0],
        )
        with self.assertRaises(UserError):
            act.action_mark_sent()
        act.lrar_number = "1A00000000017"
        with freeze_time("2025-09-22"):
            act.action_mark_sent()
        self.assertEqual((act.letter_state, act.state), ("posted", "sent"))
        self.assertEqual(act.sent_date, d("2025-09-22"))

    def test_an_act_without_the_addressee_address_is_not_sent(self):
        self.demo.state = "test"
        _invoice, act = self._declaration()
        self.mandataire.zip = False
        with self.assertRaises(UserError):
            self._send(act)
        self.assertFalse(act.letter_state)


@tagged("post_install", "-at_install")
class TestServicesActLettersMaileva(ActLetterCommon):
    """The same act through Maileva's registered_mail v4 on a local server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeServices()
        cls.addClassCleanup(cls.fake.stop)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("recouvrement_fr.maileva_sandbox_url", cls.fake.url + "/rm/v4")
        params.set_param(
            "recouvrement_fr.maileva_sandbox_auth_url", cls.fake.url + "/token"
        )
        params.set_param("recouvrement_fr.services_timeout", "2")
        cls.provider = cls.env["recovery.letter.provider"].create(
            {
                "name": "Maileva",
                "code": "maileva",
                "state": "test",
                "company_id": cls.company.id,
                "maileva_client_id": "client",
                "maileva_client_secret": "secret",
                "maileva_username": "user",
                "maileva_password": "pass",
                "webhook_login": "odoo",
                "webhook_secret": "hook-pass",
            }
        )

    def setUp(self):
        super().setUp()
        self.recipient = {"id": "R-7", "status": "PENDING", "country_code": "FR"}
        self.fake.calls.clear()
        base = "/rm/v4/sendings/S-7"
        self.fake.routes = {
            ("POST", "/token"): lambda b, h: (200, {"access_token": "T0K"}),
            ("GET", "/rm/v4/sendings"): lambda b, h: (
                200,
                {"sendings": [], "paging": {"total_results": 0}},
            ),
            ("POST", "/rm/v4/sendings"): lambda b, h: (
                201,
                {"id": "S-7", "status": "DRAFT"},
            ),
            ("POST", base + "/documents"): lambda b, h: (201, {"id": "D-7"}),
            ("POST", base + "/recipients"): lambda b, h: (201, self.recipient),
            ("POST", base + "/submit"): lambda b, h: (200, b""),
            ("GET", base + "/recipients/R-7"): lambda b, h: (200, self.recipient),
            ("GET", base + "/recipients/R-7/download_deposit_proof"): (
                lambda b, h: (200, PDF_DEPOSIT)
            ),
            ("GET", base + "/recipients/R-7/download_acknowledgement_of_receipt"): (
                lambda b, h: (200, PDF_AR)
            ),
        }

    def _body(self, path):
        return next(
            json.loads(body)
            for method, p, body, _headers in self.fake.calls
            if (method, p) == ("POST", path)
        )

    def test_sent_to_the_mandataire_deposited_received_with_both_proofs(self):
        _invoice, act = self._declaration()
        self._send(act)
        self.assertEqual(act.letter_state, "sending")
        self.assertEqual(
            (act.provider_reference, act.provider_recipient_reference), ("S-7", "R-7")
        )
        sending = self._body("/rm/v4/sendings")
        self.assertEqual(sending["custom_id"], f"recovery-act-{act.id}")
        self.assertTrue(sending["acknowledgement_of_receipt"])
        recipient = self._body("/rm/v4/sendings/S-7/recipients")
        self.assertEqual(recipient["address_line_1"], "Maître Girard")
        self.assertEqual(recipient["address_line_4"], "12 rue de Rivoli")
        self.assertEqual(recipient["address_line_6"], "75004 Paris")
        document = next(
            body
            for method, p, body, _h in self.fake.calls
            if p == "/rm/v4/sendings/S-7/documents"
        )
        self.assertIn(act.attachment_id.raw[:200], document)

        self.recipient.update(
            status="PROCESSED",
            registered_number="1A98765432109",
            deposit_proof_date="2025-09-22T10:12:00.000Z",
            deposit_proof_url="/sendings/S-7/recipients/R-7/download_deposit_proof",
        )
        self._track("2025-09-22 20:00")
        self.assertEqual((act.letter_state, act.state), ("deposited", "sent"))
        self.assertEqual(act.sent_date, d("2025-09-22"))
        self.assertEqual(act.lrar_number, "1A98765432109")
        self.assertEqual(act.deposit_proof_id.raw, PDF_DEPOSIT)
        self.recipient.update(
            acknowledgement_of_receipt_date="2025-09-25T08:30:00.000Z",
            acknowledgement_of_receipt_url=(
                "/sendings/S-7/recipients/R-7/download_acknowledgement_of_receipt"
            ),
        )
        self._track("2025-09-25 20:00")
        self.assertEqual((act.letter_state, act.state), ("received", "acknowledged"))
        self.assertEqual(act.acknowledged_date, d("2025-09-25"))
        self.assertEqual(act.ar_attachment_id.raw, PDF_AR)

    def test_a_notification_moves_the_act_and_twice_changes_nothing(self):
        _invoice, act = self._declaration()
        self._send(act)
        self.recipient.update(
            status="PROCESSED",
            deposit_proof_date="2025-09-22T10:12:00.000Z",
            deposit_proof_url="/sendings/S-7/recipients/R-7/download_deposit_proof",
        )
        body = json.dumps(
            {
                "source": "api.maileva.com",
                "event_type": "ON_DEPOSIT_PROOF_RECEIVED",
                "resource_type": "registered_mail/v4/recipients",
                "resource_id": "R-7",
            }
        ).encode()
        auth = base64.b64encode(b"odoo:hook-pass").decode()
        url = f"/recouvrement_fr/letters/{self.provider.id}/notify"
        headers = {"Authorization": f"Basic {auth}", "Content-Type": "application/json"}
        with freeze_time("2025-09-22 12:00"):
            for _twice in range(2):
                response = self.url_open(url, data=body, headers=headers)
                self.assertEqual(response.status_code, 201)
        self.env.invalidate_all()
        self.assertEqual((act.letter_state, act.state), ("deposited", "sent"))
        self.assertEqual(act.deposit_proof_id.raw, PDF_DEPOSIT)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "recovery.act"),
                    ("res_id", "=", act.id),
                    ("name", "like", "Preuve de dépôt"),
                ]
            ),
            1,
        )
