# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mise en demeure through a registered-letter provider: the demo one
(asynchronous, with proofs) and Maileva's API against a real HTTP server on
127.0.0.1 answering as its OpenAPI description documents; the webhook
through Odoo's HTTP server; the polling cron through its ir.cron record."""

import base64
import hashlib
import hmac
import json
import subprocess
import tempfile
from html import unescape

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon, d
from .services_server import FakeServices

PDF_DEPOSIT = b"%PDF-1.4 deposit proof of 1A12345678901"
PDF_AR = b"%PDF-1.4 acknowledgement of receipt of 1A12345678901"
PDF_RETURN = b"%PDF-1.4 image of the returned letter 1A12345678901"


class RollBack(Exception):
    """The run fails after the provider accepted the letter."""


def pdf_text(attachment):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(base64.b64decode(attachment.datas))
        handle.flush()
        return subprocess.run(
            ["pdftotext", handle.name, "-"], capture_output=True, check=True
        ).stdout.decode()


@tagged("post_install", "-at_install")
class TestServicesLetters(RecoveryCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.demo = cls.env.ref("recouvrement_fr.recovery_letter_provider_demo").sudo()
        cls.demo.write(
            {
                "company_id": cls.company.id,
                "state": "test",
                "webhook_secret": "s3cret",
            }
        )
        cls.track = cls.env.ref("recouvrement_fr.ir_cron_recovery_track_letters")
        # A consumer's notice names the company's consumer mediator.
        cls.company.write(
            {
                "recovery_mediator_name": "Médiateur du e-commerce de la FEVAD",
                "recovery_mediator_address": "60 rue La Boétie, 75008 Paris",
                "recovery_mediator_website": "https://www.mediateurfevad.fr",
            }
        )

    def _notice(self, partner=None, on="2026-02-15"):
        """A mise en demeure validated on ``on``: dispatched at once."""
        invoice = self._invoice(partner or self.partner_a, 1500.0, "2026-01-01")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2026-01-31",
            }
        )
        self._run(on)
        notice = invoice.recovery_event_ids.with_user(self.accountant)
        self.assertEqual((notice.channel, notice.state), ("lrar", "to_validate"))
        with freeze_time(on):
            notice.with_context(lang="fr_FR").action_validate()
        return invoice, notice

    def _track(self, on):
        with freeze_time(on):
            self.track.method_direct_trigger()

    def _note(self, event):
        return unescape(event.message_ids[0].body)

    # ------------------------------------------------------------
    # DEMO PROVIDER
    # ------------------------------------------------------------

    def test_demo_letter_deposited_then_received_with_both_proofs(self):
        invoice, notice = self._notice()
        self.assertEqual(notice.state, "sending")
        self.assertEqual(notice.letter_provider_id, self.demo)
        self.assertEqual(notice.provider_reference, f"DEMO-{notice.id}")
        self.assertFalse(invoice.recovery_last_sent_date, "not deposited yet")

        self._track("2026-02-16 09:00")
        self.assertEqual(notice.state, "deposited")
        self.assertEqual(notice.lrar_sent_date, d("2026-02-16"))
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-02-16"))
        self.assertIn("deposit proof", pdf_text(notice.deposit_proof_id))
        self.assertEqual(
            self._note(notice),
            "<p>Lettre recommandée déposée le 16/02/2026 (preuve de dépôt jointe).</p>",
        )
        self.assertEqual(notice.message_ids[0].attachment_ids, notice.deposit_proof_id)

        self._track("2026-02-18 09:00")
        self.assertEqual(notice.state, "received")
        self.assertEqual(notice.ar_date, d("2026-02-18"))
        self.assertIn("received proof", pdf_text(notice.ar_attachment_id))
        self.assertEqual(
            notice.ar_attachment_id.name, f"Avis de réception - DEMO-{notice.id}.pdf"
        )
        # Both proofs go into the dossier for the commissaire de justice.
        pieces = self.env["recovery.dossier.pieces"]._event_pieces(notice)
        proofs = {p.filename: p.content for p in pieces if p.role == "lrar_proof"}
        self.assertEqual(
            sorted(proofs.values()),
            sorted(
                base64.b64decode(a.datas)
                for a in notice.deposit_proof_id | notice.ar_attachment_id
            ),
        )
        # Run again: nothing more to ask, nothing changes.
        messages = notice.message_ids
        self._track("2026-02-19 09:00")
        self.assertEqual(notice.state, "received")
        self.assertEqual(notice.message_ids, messages)

    def test_a_refusal_and_an_unclaimed_letter(self):
        self.demo.demo_outcome = "refused"
        _invoice, refused = self._notice()
        self._track("2026-02-16 09:00")
        self._track("2026-02-18 09:00")
        self.assertEqual(refused.state, "refused")
        self.assertEqual(refused.provider_outcome_date, d("2026-02-18"))
        self.assertEqual(
            self._note(refused),
            "<p>Lettre recommandée refusée par le destinataire le 18/02/2026.</p>",
        )
        self.demo.demo_outcome = "unclaimed"
        _invoice, unclaimed = self._notice(self.partner_b)
        self._track("2026-02-16 09:00")
        self._track("2026-03-05 09:00")
        self.assertEqual(unclaimed.state, "unclaimed")
        self.assertIn("non réclamée", self._note(unclaimed))

    def test_a_consumer_without_consent_gets_the_postal_letter(self):
        consumer = self.env["res.partner"].create(
            {
                "name": "Jean Martin",
                "street": "3 rue Neuve",
                "zip": "69001",
                "city": "Lyon",
                "lang": "fr_FR",
            }
        )
        self.assertFalse(consumer.recovery_is_b2b)
        _invoice, notice = self._notice(consumer)
        self.assertEqual(notice.state, "to_post", "the printed LRAR, to post")
        self.assertFalse(notice.letter_provider_id)
        self.assertIn(
            "Aucun consentement enregistré de ce consommateur", self._note(notice)
        )

    def test_a_consumer_who_consented_interest_from_the_electronic_ar(self):
        consumer = self.env["res.partner"].create(
            {
                "name": "Claire Petit",
                "street": "5 rue Neuve",
                "zip": "69001",
                "city": "Lyon",
                "lang": "fr_FR",
                "recovery_lre_consent": True,
            }
        )
        invoice, notice = self._notice(consumer)
        self.assertEqual(notice.state, "sending")
        self._track("2026-02-16 09:00")
        claim = self.env["recovery.claim"]
        self.assertEqual(claim._notice_date(invoice), d("2026-02-16"), "deposited")
        self._track("2026-02-20 09:00")
        self.assertEqual(notice.ar_date, d("2026-02-20"))
        # The legal interest of a consumer runs from the AR's date.
        self.assertEqual(claim._notice_date(invoice), d("2026-02-20"))

    def test_a_provider_error_fails_the_letter_and_falls_back_to_print(self):
        self.level_med.fallback_letter = True
        self.demo.demo_outcome = "error"
        _invoice, notice = self._notice()
        self.assertEqual(notice.state, "failed")
        self.assertEqual(
            notice.error,
            "Demo registered letters a répondu par une erreur (503 "
            "DEMO_UNAVAILABLE). Rien n'a été modifié.",
        )
        printed = notice.fallback_event_ids
        self.assertEqual((printed.channel, printed.state), ("lrar", "to_post"))
        self.assertEqual(printed.attachment_id, notice.attachment_id)

    # ------------------------------------------------------------
    # WEBHOOK
    # ------------------------------------------------------------

    def _notify(self, provider, payload, headers):
        return self.url_open(
            f"/recouvrement_fr/letters/{provider.id}/notify",
            data=payload,
            headers={"Content-Type": "application/json", **headers},
        )

    def test_demo_webhook_signature_checked_and_twice_changes_nothing(self):
        _invoice, notice = self._notice()
        body = json.dumps({"resource_id": notice.provider_reference}).encode()
        forged = self._notify(self.demo, body, {"X-Recovery-Signature": "0" * 64})
        self.assertEqual(forged.status_code, 403)
        self.assertEqual(notice.state, "sending")
        signature = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        with freeze_time("2026-02-16 09:00"):
            first = self._notify(self.demo, body, {"X-Recovery-Signature": signature})
        self.assertEqual(first.status_code, 201)
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "deposited")
        proof = notice.deposit_proof_id
        # The same notification again: the letter was just asked, it stays.
        with freeze_time("2026-02-16 09:10"):
            again = self._notify(self.demo, body, {"X-Recovery-Signature": signature})
        self.assertEqual(again.status_code, 201)
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "deposited")
        self.assertEqual(notice.deposit_proof_id, proof)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "recovery.event"),
                    ("res_id", "=", notice.id),
                    ("name", "like", "Preuve de dépôt"),
                ]
            ),
            1,
        )


@tagged("post_install", "-at_install")
class TestServicesMaileva(RecoveryCommon, HttpCase):
    """Maileva's registered_mail v4 against a local server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.partner_a.write(
            {"street": "10 rue de la Paix", "zip": "75002", "city": "Paris"}
        )
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
        cls.track = cls.env.ref("recouvrement_fr.ir_cron_recovery_track_letters")

    def setUp(self):
        super().setUp()
        self.recipient = {
            "id": "R-1",
            "status": "PENDING",
            "address_line_6": "75002 Paris",
            "country_code": "FR",
        }
        # The account's sendings, as get-all-sendings lists them.
        self.sendings = []
        self.fake.calls.clear()
        self.fake.routes = {
            ("POST", "/token"): lambda body, headers: (200, {"access_token": "T0K"}),
            ("POST", "/rm/v4/sendings"): self._create_sending,
            ("GET", "/rm/v4/sendings"): lambda b, h: (
                200,
                {
                    "sendings": self.sendings,
                    "paging": {"total_results": len(self.sendings)},
                },
            ),
            ("DELETE", "/rm/v4/sendings/S-1"): self._delete_sending,
            ("GET", "/rm/v4/sendings/S-1/recipients"): lambda b, h: (
                200,
                {"recipients": [self.recipient], "paging": {"total_results": 1}},
            ),
            ("POST", "/rm/v4/sendings/S-1/documents"): lambda b, h: (
                201,
                {
                    "id": "D-1",
                    "priority": 1,
                    "name": "x.pdf",
                    "type": "application/pdf",
                    "size": len(b),
                },
            ),
            ("POST", "/rm/v4/sendings/S-1/recipients"): self._create_recipient,
            ("POST", "/rm/v4/sendings/S-1/submit"): self._submit,
            ("GET", "/rm/v4/sendings/S-1/recipients/R-1"): lambda b, h: (
                200,
                self.recipient,
            ),
            ("GET", "/rm/v4/sendings/S-1/recipients/R-1/download_deposit_proof"): (
                lambda b, h: (200, PDF_DEPOSIT)
            ),
            (
                "GET",
                "/rm/v4/sendings/S-1/recipients/R-1/download_acknowledgement_of_receipt",
            ): (lambda b, h: (200, PDF_AR)),
            ("GET", "/rm/v4/sendings/S-1/recipients/R-1/download_undelivered_mail"): (
                lambda b, h: (200, PDF_RETURN)
            ),
        }

    def _create_sending(self, body, headers):
        sending = {**json.loads(body), "id": "S-1", "status": "DRAFT"}
        self.sendings.append(sending)
        return 201, sending

    def _delete_sending(self, body, headers):
        self.sendings[:] = [s for s in self.sendings if s["status"] != "DRAFT"]
        return 204, b""

    def _create_recipient(self, body, headers):
        self.recipient["custom_id"] = json.loads(body).get("custom_id")
        return 201, self.recipient

    def _submit(self, body, headers):
        for sending in self.sendings:
            sending["status"] = "PENDING"
        return 200, b""

    def _posts(self, path):
        return [c for c in self.fake.calls if c[:2] == ("POST", "/rm/v4" + path)]

    def _notice(self, validate=True):
        invoice = self._invoice(self.partner_a, 1500.0, "2026-01-01")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2026-01-31",
            }
        )
        self._run("2026-02-15")
        notice = invoice.recovery_event_ids.with_user(self.accountant)
        if validate:
            self._validate(notice)
        return invoice, notice

    def _validate(self, notice):
        with freeze_time("2026-02-15"):
            notice.with_context(lang="fr_FR").action_validate()

    def _validate_then_crash(self, notice):
        """Validated (the letter handed to Maileva), then the run fails and
        its transaction is rolled back: Odoo forgets the sending."""
        with self.assertRaises(RollBack), self.env.cr.savepoint():
            self._validate(notice)
            raise RollBack
        self.env.invalidate_all()
        self.assertEqual(notice.state, "to_validate")
        self.assertFalse(notice.provider_reference)

    def test_a_letter_handed_over_in_a_rolled_back_run_is_never_sent_twice(self):
        _invoice, notice = self._notice(validate=False)
        self._validate_then_crash(notice)
        self.assertEqual(len(self._posts("/sendings/S-1/submit")), 1)
        self.assertEqual(self.sendings[0]["custom_id"], f"recovery-event-{notice.id}")

        # The next run finds the sending of this letter and adopts it.
        self._validate(notice)
        self.assertEqual(notice.state, "sending")
        self.assertEqual(
            (notice.provider_reference, notice.provider_recipient_reference),
            ("S-1", "R-1"),
        )
        self.assertEqual(len(self._posts("/sendings")), 1, "one sending created")
        self.assertEqual(len(self._posts("/sendings/S-1/submit")), 1, "one submit")
        self.recipient.update(
            status="PROCESSED",
            registered_number="1A12345678901",
            deposit_proof_date="2026-02-16T10:12:00.000Z",
            deposit_proof_url="/sendings/S-1/recipients/R-1/download_deposit_proof",
        )
        with freeze_time("2026-02-16 20:00"):
            self.track.method_direct_trigger()
        self.assertEqual(notice.state, "deposited")
        self.assertEqual(notice.provider_reference, "S-1")
        self.assertEqual(base64.b64decode(notice.deposit_proof_id.datas), PDF_DEPOSIT)

    def test_a_draft_left_by_a_rolled_back_run_is_deleted_then_made_again(self):
        _invoice, notice = self._notice(validate=False)
        submit = self.fake.routes[("POST", "/rm/v4/sendings/S-1/submit")]
        self.fake.routes[("POST", "/rm/v4/sendings/S-1/submit")] = lambda b, h: (
            503,
            b"Service Unavailable",
        )
        self._validate_then_crash(notice)
        self.assertEqual(self.sendings[0]["status"], "DRAFT")
        self.fake.routes[("POST", "/rm/v4/sendings/S-1/submit")] = submit
        self._validate(notice)
        self.assertEqual(notice.state, "sending")
        self.assertIn(
            ("DELETE", "/rm/v4/sendings/S-1"), [c[:2] for c in self.fake.calls]
        )
        self.assertEqual(len(self._posts("/sendings")), 2, "the draft made again")
        self.assertEqual([s["status"] for s in self.sendings], ["PENDING"])

    def test_sent_deposited_received_with_both_proofs(self):
        invoice, notice = self._notice()
        self.assertEqual(notice.state, "sending")
        self.assertEqual(
            (notice.provider_reference, notice.provider_recipient_reference),
            ("S-1", "R-1"),
        )
        calls = {
            (method, path): (body, headers)
            for method, path, body, headers in self.fake.calls
        }
        token_body, token_headers = calls[("POST", "/token")]
        self.assertIn(b"grant_type=password", token_body)
        self.assertEqual(
            token_headers["Authorization"],
            "Basic " + base64.b64encode(b"client:secret").decode(),
        )
        sending = json.loads(calls[("POST", "/rm/v4/sendings")][0])
        self.assertTrue(sending["acknowledgement_of_receipt"])
        self.assertEqual(
            calls[("POST", "/rm/v4/sendings")][1]["Authorization"], "Bearer T0K"
        )
        recipient = json.loads(calls[("POST", "/rm/v4/sendings/S-1/recipients")][0])
        self.assertEqual(recipient["address_line_1"], "partner_a")
        self.assertEqual(recipient["address_line_4"], "10 rue de la Paix")
        self.assertEqual(recipient["address_line_6"], "75002 Paris")
        document = calls[("POST", "/rm/v4/sendings/S-1/documents")][0]
        self.assertIn(base64.b64decode(notice.attachment_id.datas)[:200], document)
        self.assertIn(("POST", "/rm/v4/sendings/S-1/submit"), calls)

        # Nothing yet at the post: nothing changes.
        with freeze_time("2026-02-15 18:00"):
            self.track.method_direct_trigger()
        self.assertEqual(notice.state, "sending")
        self.recipient.update(
            status="PROCESSED",
            registered_number="1A12345678901",
            deposit_proof_date="2026-02-16T10:12:00.000Z",
            deposit_proof_url="/sendings/S-1/recipients/R-1/download_deposit_proof",
        )
        with freeze_time("2026-02-16 20:00"):
            self.track.method_direct_trigger()
        self.assertEqual(notice.state, "deposited")
        self.assertEqual(notice.lrar_number, "1A12345678901")
        self.assertEqual(notice.lrar_sent_date, d("2026-02-16"))
        self.assertEqual(base64.b64decode(notice.deposit_proof_id.datas), PDF_DEPOSIT)
        self.recipient.update(
            acknowledgement_of_receipt_date="2026-02-18T08:30:00.000Z",
            acknowledgement_of_receipt_url=(
                "/sendings/S-1/recipients/R-1/download_acknowledgement_of_receipt"
            ),
        )
        with freeze_time("2026-02-18 20:00"):
            self.track.method_direct_trigger()
        self.assertEqual(notice.state, "received")
        self.assertEqual(notice.ar_date, d("2026-02-18"))
        self.assertEqual(base64.b64decode(notice.ar_attachment_id.datas), PDF_AR)
        self.assertEqual(invoice.recovery_last_sent_date, d("2026-02-16"))

    def test_an_api_error_fails_the_letter_with_its_reason(self):
        self.fake.routes[("POST", "/rm/v4/sendings/S-1/recipients")] = lambda b, h: (
            400,
            {
                "errors": [
                    {
                        "code": "INVALID_ADDRESS_LINE_6",
                        "message": "Le champ address_line_6 doit avoir le format "
                        "[CODE_POSTAL] [VILLE]",
                    }
                ]
            },
        )
        _invoice, notice = self._notice()
        self.assertEqual(notice.state, "failed")
        self.assertEqual(
            notice.error,
            "Maileva a répondu par une erreur (400 INVALID_ADDRESS_LINE_6: Le champ "
            "address_line_6 doit avoir le format [CODE_POSTAL] [VILLE]). Rien n'a été "
            "modifié.",
        )

    def test_maileva_out_of_reach_fails_the_letter_in_french(self):
        self.fake.delay = 3  # the timeout is 2 seconds
        try:
            _invoice, notice = self._notice()
        finally:
            self.fake.delay = 0
        self.assertEqual(notice.state, "failed")
        self.assertEqual(
            notice.error,
            "Maileva n'a pas répondu à temps. Rien n'a été modifié\u00a0; "
            "réessayez plus tard.",
        )

    def test_tracking_while_maileva_is_down_changes_nothing(self):
        _invoice, notice = self._notice()
        self.fake.routes[("GET", "/rm/v4/sendings/S-1/recipients/R-1")] = lambda b, h: (
            503,
            b"Service Unavailable",
        )
        with freeze_time("2026-02-16 20:00"):
            self.track.method_direct_trigger()
        self.assertEqual(notice.state, "sending")
        self.assertFalse(notice.deposit_proof_id)

    def test_an_unclaimed_letter_and_a_duplicate_notification(self):
        _invoice, notice = self._notice()
        self.recipient.update(
            status="PROCESSED",
            registered_number="1A12345678901",
            deposit_proof_date="2026-02-16T10:12:00.000Z",
            deposit_proof_url="/sendings/S-1/recipients/R-1/download_deposit_proof",
            undelivered_mail_date="2026-03-04T10:00:00.000Z",
            undelivered_mail_reason="N03",
            undelivered_mail_archive_date="2026-03-04T10:05:00.000Z",
            undelivered_mail_url=(
                "/sendings/S-1/recipients/R-1/download_undelivered_mail"
            ),
        )
        body = json.dumps(
            {
                "source": "api.maileva.com",
                "event_type": "ON_UNDELIVERED_MAIL_RECEIVED",
                "resource_type": "registered_mail/v4/recipients",
                "resource_id": "R-1",
                "event_date": "2026-03-04T10:00:00.000Z",
            }
        ).encode()
        wrong = base64.b64encode(b"odoo:guess").decode()
        forged = self.url_open(
            f"/recouvrement_fr/letters/{self.provider.id}/notify",
            data=body,
            headers={
                "Authorization": f"Basic {wrong}",
                "Content-Type": "application/json",
            },
        )
        self.assertEqual(forged.status_code, 403)
        good = base64.b64encode(b"odoo:hook-pass").decode()
        headers = {"Authorization": f"Basic {good}", "Content-Type": "application/json"}
        url = f"/recouvrement_fr/letters/{self.provider.id}/notify"
        with freeze_time("2026-03-04 12:00"):
            self.assertEqual(
                self.url_open(url, data=body, headers=headers).status_code, 201
            )
            self.assertEqual(
                self.url_open(url, data=body, headers=headers).status_code, 201
            )
        notice.invalidate_recordset()
        # The deposit (its proof), then the non-claim; the second changes nothing.
        self.assertEqual(notice.state, "unclaimed")
        self.assertEqual(base64.b64decode(notice.deposit_proof_id.datas), PDF_DEPOSIT)
        messages = notice.message_ids
        with freeze_time("2026-03-04 14:00"):
            self.assertEqual(
                self.url_open(url, data=body, headers=headers).status_code, 201
            )
        notice.invalidate_recordset()
        self.assertEqual(notice.message_ids, messages)
        self.assertEqual(notice.provider_outcome_date, d("2026-03-04"))
        # The image of the returned letter is the proof of the non-claim: on
        # the letter and in the dossier.
        self.assertEqual(base64.b64decode(notice.ar_attachment_id.datas), PDF_RETURN)
        self.assertEqual(
            notice.ar_attachment_id.name, "Preuve de non-réclamation - S-1.pdf"
        )
        pieces = self.env["recovery.dossier.pieces"].with_context(lang="fr_FR")
        returned = [p for p in pieces._event_pieces(notice) if p.content == PDF_RETURN]
        self.assertEqual(len(returned), 1)
        self.assertEqual(returned[0].role, "lrar_proof")
        self.assertEqual(returned[0].description, "Preuve du retour de 1A12345678901")
        self.assertEqual(
            len(
                notice.message_ids.filtered(lambda m: "non réclamée" in (m.body or ""))
            ),
            1,
        )
