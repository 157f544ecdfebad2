# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re
from datetime import timedelta

from freezegun import freeze_time
from reportlab.pdfgen import canvas

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon, d

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestLoops(RecoveryCommon):
    """Chaque action de Sophie (comptable, en français) ferme sa boucle : la
    liste où elle l'a faite se met à jour, la prochaine action aussi."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.write({"vat": "FR40552081317", "email": "compta@creancier.fr"})
        cls.company.recovery_promise_grace_days = 3
        cls.partner_a.write(
            {
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
                "vat": "FR44732829320",
            }
        )
        cls.huissier = cls.env["res.partner"].create(
            {
                "name": "Maître Lefèvre, commissaire de justice",
                "category_id": [
                    Command.link(
                        cls.env.ref(
                            "recouvrement_fr.recovery_partner_category_commissaire"
                        ).id
                    )
                ],
            }
        )
        cls.invoice = cls._invoice(cls.partner_a, 1200.0, "2026-01-10")

    def _as(self, model):
        return (
            self.env[model]
            .with_user(self.accountant)
            .with_context(allowed_company_ids=self.company.ids, lang="fr_FR")
        )

    def _event(self, level, channel, state="to_do", moves=None):
        event = self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.partner_a.id,
                "level_id": level.id,
                "channel": channel,
                "state": state,
                "user_id": self.accountant.id,
                "date": "2026-03-30",
                "move_ids": [Command.set((moves or self.invoice).ids)],
            }
        )
        activity = "mail.mail_activity_data_call"
        if channel == "legal":
            activity = "mail.mail_activity_data_todo"
        event.activity_schedule(
            activity,
            date_deadline="2026-03-31",
            summary="Préparer le dossier contentieux" if channel == "legal" else "",
            user_id=self.accountant.id,
        )
        return event

    def _day(self):
        with freeze_time("2026-03-31"):
            return self._as("recovery.my.day").get_day_data(mine=False)

    def _account(self):
        with freeze_time("2026-03-31"):
            return self._as("recovery.customer.account").get_account_data(
                self.partner_a.id
            )

    # ------------------------------------------------------------
    # promises
    # ------------------------------------------------------------

    def test_call_promised_asks_date_and_amount_then_promise(self):
        call = self._event(self.level_phone, "phone")
        call = call.with_user(self.accountant).with_context(lang="fr_FR")
        call.call_outcome = "promised"
        with freeze_time("2026-03-31"):
            action = call.action_done()
            self.assertEqual(action["res_model"], "recovery.promise.wizard")
            self.assertEqual(call.state, "to_do", "not done before the promise")
            wizard = (
                self.env["recovery.promise.wizard"]
                .with_user(self.accountant)
                .with_context(**action["context"])
                .create({"date": "2026-04-15", "amount": 800.0})
            )
            self.assertEqual(wizard.move_ids, self.invoice)
            wizard.action_confirm()
        promise = call.promise_id
        self.assertEqual(
            (promise.source, promise.amount, promise.date, promise.state),
            ("phone", 800.0, d("2026-04-15"), "open"),
        )
        self.assertEqual(promise.move_ids, self.invoice)
        self.assertEqual(call.state, "done")
        self.assertFalse(call.activity_ids)
        self.assertIn(
            "Appel effectué par Sophie Martin : Paiement promis",
            call.message_ids[:1].body,
        )
        self.assertEqual(self.invoice.recovery_block_until, d("2026-04-18"))
        # Where Sophie looks: the Compte client.
        data = self._account()
        answers = [i for i in data["timeline"] if i["res_model"] == "recovery.promise"]
        self.assertEqual(len(answers), 1)
        self.assertEqual(answers[0]["title"], "Promesse de paiement au 15/04/2026")
        self.assertEqual(answers[0]["author"], "Sophie Martin")
        label = data["next_action"]["label"]
        self.assertTrue(label.startswith("Paiement promis de "), label)
        self.assertIn("800,00", label)
        # Without a promise the call cannot end in "payment promised", from
        # its form or from its activity ("Mark done" in the chatter).
        other = self._event(self.level_phone, "phone").with_user(self.accountant)
        other.call_outcome = "promised"
        self.assertEqual(other.action_done()["res_model"], "recovery.promise.wizard")
        activity = other.activity_ids.with_user(self.accountant).with_context(
            lang="fr_FR"
        )
        with self.assertRaisesRegex(UserError, "enregistrez la promesse"):
            activity.action_feedback(feedback="ok")
        self.assertEqual(other.state, "to_do")

    def test_portal_answers_reach_my_day_and_the_account(self):
        promise = (
            self.env["recovery.promise"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.partner_a.id,
                    "move_ids": [Command.set(self.invoice.ids)],
                    "date": "2026-04-10",
                    "source": "portal",
                    "user_id": self.accountant.id,
                }
            )
        )
        request = (
            self.env["recovery.request"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.partner_a.id,
                    "kind": "plan",
                    "move_ids": [Command.set(self.invoice.ids)],
                    "instalment_count": 3,
                }
            )
        )
        answers = self._day()["sections"]["answers"]
        self.assertEqual(answers["count"], 2)
        kinds = {line["kind"]: line for line in answers["lines"]}
        self.assertEqual(kinds["promise"]["promise_id"], promise.id)
        self.assertEqual(
            kinds["plan_request"]["summary"],
            "Échéancier demandé en 3 mensualités",
        )
        data = self._account()
        plans = data["plans"]
        self.assertEqual([p["res_model"] for p in plans], ["recovery.request"])
        self.assertEqual(plans[0]["state"], "Demandé par le client")
        authors = {
            item["res_model"]: item["author"]
            for item in data["timeline"]
            if item["kind"] == "answer"
        }
        self.assertEqual(
            authors,
            {"recovery.promise": "partner_a", "recovery.request": "partner_a"},
        )
        self.assertTrue(data["next_action"])
        # Reviewed: it leaves Ma journée.
        promise.with_user(self.accountant).action_reviewed()
        self.assertEqual(self._day()["sections"]["answers"]["count"], 1)
        self.assertEqual(request.state, "new")

    def test_plan_request_granted_closes_its_todo(self):
        request = (
            self.env["recovery.request"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.partner_a.id,
                    "kind": "plan",
                    "move_ids": [Command.set(self.invoice.ids)],
                    "instalment_count": 3,
                }
            )
        )
        request._recovery_notify("Échéancier demandé en 3 mensualités")
        self.assertEqual(len(request.activity_ids), 1)
        # "Accorder un échéancier" in Ma journée opens the wizard: a wizard
        # closed without a plan leaves the request to handle.
        action = request.with_user(self.accountant).action_open_plan_wizard()
        self.assertEqual(request.state, "new")
        self.assertEqual(self._day()["sections"]["answers"]["count"], 1)
        with freeze_time("2026-03-31"):
            wizard = (
                self.env["recovery.plan.wizard"]
                .with_user(self.accountant)
                .with_context(**action["context"], lang="fr_FR")
                .create({"first_due_date": "2026-04-30"})
            )
            self.assertEqual(wizard.instalment_count, 3)
            plan = self.env["recovery.plan"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(plan.state, "active")
        self.assertEqual(request.state, "accepted")
        self.assertFalse(request.activity_ids, "its to-do is done")
        self.assertEqual(self._day()["sections"]["answers"]["count"], 0)
        self.assertIn(
            f"Échéancier {plan.name} accordé par Sophie Martin",
            request.message_ids[:1].body,
        )
        plans = self._account()["plans"]
        self.assertEqual([p["res_model"] for p in plans], ["recovery.plan"])

    # ------------------------------------------------------------
    # litigation: plan granted, dossier exported
    # ------------------------------------------------------------

    def test_plan_granted_leaves_dossiers_to_send(self):
        self.invoice.recovery_stage = "contentieux"
        legal = self._event(self.level_legal, "legal")
        self.assertEqual(self._day()["sections"]["dossiers"]["ids"], legal.ids)
        self.assertEqual(
            self._account()["next_action"]["label"], "Préparer le dossier contentieux"
        )
        with freeze_time("2026-03-31"):
            wizard = (
                self.env["recovery.plan.wizard"]
                .with_user(self.accountant)
                .with_context(active_model="account.move", active_ids=self.invoice.ids)
                .create(
                    {
                        "instalment_count": 3,
                        "periodicity": "monthly",
                        "first_due_date": "2026-04-30",
                    }
                )
            )
            action = wizard.action_confirm()
            plan = self.env["recovery.plan"].browse(action["res_id"])
            if plan.state == "draft":
                plan.with_user(self.accountant).action_activate()
        self.assertEqual(plan.state, "active")
        self.assertEqual(legal.state, "cancelled")
        self.assertFalse(legal.activity_ids)
        self.assertEqual(self._day()["sections"]["dossiers"]["count"], 0)
        next_action = self._account()["next_action"]
        self.assertFalse(
            next_action and next_action["label"] == "Préparer le dossier contentieux"
        )

    def test_dossier_exported_shows_as_sent_and_not_twice(self):
        legal = self._event(self.level_legal, "legal")

        def wizard():
            return (
                self.env["recovery.dossier.wizard"]
                .with_user(self.accountant)
                .with_context(
                    lang="fr_FR",
                    active_model="account.move",
                    active_ids=self.invoice.ids,
                )
                .create(
                    {
                        "recipient_id": self.huissier.id,
                        "override": True,
                        "override_reason": "Client injoignable",
                    }
                )
            )

        with freeze_time("2026-03-31"):
            first = wizard()
            self.assertFalse(first.already_sent)
            first.action_export()
        self.assertEqual(legal.state, "done", "its to-do is done")
        self.assertFalse(legal.activity_ids)
        self.assertEqual(self._day()["sections"]["dossiers"]["count"], 0)
        sent = [
            item["subtitle"]
            for item in self._account()["timeline"]
            if item["subtitle"].startswith("Dossier v1")
        ]
        self.assertEqual(
            sent,
            [
                "Dossier v1 envoyé le 31/03/2026 à Maître Lefèvre, commissaire "
                "de justice."
            ],
        )
        with freeze_time("2026-04-01"):
            second = wizard()
            self.assertEqual(
                second.already_sent,
                "Dossier v1 envoyé le 31/03/2026 à Maître Lefèvre, commissaire "
                "de justice.",
            )
            with self.assertRaisesRegex(UserError, "nouvelle version"):
                second.action_export()
            second.new_version = True
            second.action_export()
        versions = self.invoice.recovery_event_ids.mapped("dossier_version")
        self.assertEqual(sorted(v for v in versions if v), [1, 2])

    # ------------------------------------------------------------
    # disputes, block
    # ------------------------------------------------------------

    def _dispute(self):
        request = (
            self.env["recovery.request"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.partner_a.id,
                    "kind": "dispute",
                    "move_id": self.invoice.id,
                    "move_ids": [Command.set(self.invoice.ids)],
                    "reason": "defective",
                    "description": "Livraison incomplète",
                }
            )
        )
        request._recovery_apply_dispute()
        return request

    def test_dispute_resolved_from_my_day(self):
        self.invoice.recovery_stage = "amiable"
        request = self._dispute()
        self.assertEqual(self.invoice.recovery_stage, "dispute")
        disputes = self._day()["sections"]["disputes"]
        self.assertEqual(
            [line["move_id"] for line in disputes["lines"]], self.invoice.ids
        )
        self.invoice.with_user(self.accountant).with_context(
            lang="fr_FR"
        ).action_recovery_resolve_dispute()
        self.assertEqual(self.invoice.recovery_stage, "none")
        self.assertFalse(self.invoice.recovery_blocked)
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.activity_ids)
        self.assertEqual(self._day()["sections"]["disputes"]["count"], 0)
        self.assertIn(
            "Litige résolu par Sophie Martin",
            self.invoice.message_ids[:1].body,
        )

    def test_block_toggles_and_is_logged(self):
        partner = self.partner_a.with_user(self.accountant).with_context(lang="fr_FR")
        action = partner.action_recovery_block()
        self.assertEqual(action["name"], "Bloquer le recouvrement")
        with freeze_time("2026-03-31"):
            wizard = (
                self.env["recovery.block.wizard"]
                .with_user(self.accountant)
                .with_context(**action["context"], lang="fr_FR")
                .create({"reason": "Négociation en cours"})
            )
            self.assertTrue(wizard.blocked)
            wizard.action_apply()
        self.assertTrue(self.partner_a.recovery_blocked)
        self.assertEqual(
            partner.action_recovery_block()["name"], "Débloquer le recouvrement"
        )
        notes = [
            item
            for item in self._account()["timeline"]
            if item["kind"] == "note" and "bloqué" in item["body"]
        ]
        self.assertEqual(len(notes), 1)
        self.assertIn(
            "Recouvrement bloqué le 31/03/2026 par Sophie Martin : Négociation",
            notes[0]["body"],
        )
        self.assertEqual(notes[0]["author"], "Sophie Martin")

    # ------------------------------------------------------------
    # the timeline after a nightly run, in French
    # ------------------------------------------------------------

    def test_timeline_and_tracking_in_french_after_the_nightly_run(self):
        # As the cron runs: tracking on (the test classes turn it off), and
        # no language (the cron's user context).
        cron_env = self.env(context={})
        crons = [
            cron_env.ref(f"recouvrement_fr.ir_cron_recovery_{name}")
            for name in ("escalate", "communicate")
        ]
        for day in ("2026-01-11", "2026-02-10", "2026-03-02"):
            with freeze_time(day):
                for cron in crons:
                    cron.method_direct_trigger()
                mails = cron_env["mail.mail"].sudo()
                mails.search([("model", "=", "recovery.event")]).send()
                # The tracking is written before the commit, as the cron's is.
                self.env.flush_all()
                self.env.cr.precommit.run()
        events = self.invoice.recovery_event_ids
        self.assertTrue(events, "the ladder took steps")
        field = self.env["recovery.event"]._fields["state"]
        french = dict(field._description_selection(self.env(context={"lang": "fr_FR"})))
        english = dict(
            field._description_selection(self.env(context={"lang": "en_US"}))
        )
        tracked = events.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "state"
        )
        self.assertTrue(tracked)
        for value in tracked:
            for label in (value.old_value_char, value.new_value_char):
                if label:
                    self.assertIn(label, french.values())
                    if (
                        english.get(next(k for k, v in french.items() if v == label))
                        != label
                    ):
                        self.assertNotIn(label, english.values())
        timeline = self._account()["timeline"]
        steps = [item for item in timeline if item["res_model"] == "recovery.event"]
        self.assertEqual(len(steps), len(events), "one entry per step")
        for step in steps:
            self.assertEqual(step["author"], "Sophie Martin via l'échelle de relance")
            self.assertIn(self.invoice.name, step["invoices"])
        # The step's log on each invoice is not listed once more as a note.
        logs = [
            item
            for item in timeline
            if item["kind"] == "note" and item["body"].startswith("Relance :")
        ]
        self.assertFalse(logs, "one entry per step")
        for item in timeline:
            self.assertNotIn("[1]", item.get("body") or "")
            self.assertNotRegex(item.get("subtitle") or "", r"\d{4}-\d{2}-\d{2}")
        invoice_entry = next(i for i in timeline if i["kind"] == "invoice")
        self.assertEqual(invoice_entry["subtitle"], "échéance 10/01/2026")
        dates = [item["date"] for item in timeline]
        self.assertEqual(dates, sorted(dates, reverse=True))

    # ------------------------------------------------------------
    # the notice in one place, the E-mail button
    # ------------------------------------------------------------

    def _pdf(self, event, name):
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer)
        page.drawString(100, 700, name)
        page.save()
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": buffer.getvalue(),
                "mimetype": "application/pdf",
                "res_model": "recovery.event",
                "res_id": event.id,
            }
        )

    def test_notice_read_printed_and_numbered_in_one_list(self):
        notice = self._event(self.level_med, "lrar", state="to_validate")
        action = notice.with_user(self.accountant).action_preview_document()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], self.level_med.report_id.report_name)
        notice.write({"state": "to_post", "attachment_id": self._pdf(notice, "MED").id})
        letter = self._event(self.level_letter, "letter", state="to_print")
        letter.attachment_id = self._pdf(letter, "Lettre")
        day = self._day()["sections"]
        self.assertEqual(day["to_post"]["ids"], notice.ids)
        both = (letter | notice).with_user(self.accountant)
        with freeze_time("2026-03-31 08:00"):
            both.action_print_letters()
        self.assertTrue(notice.printed_date, "print all includes the notice")
        self.assertTrue(letter.printed_date)
        letter.with_user(self.accountant).action_mark_sent()
        self.assertEqual(self._day()["sections"]["to_print"]["count"], 0)
        numbers = notice.with_user(self.accountant).action_enter_lrar_numbers()
        self.assertEqual(
            numbers["view_id"][0],
            self.env.ref("recouvrement_fr.recovery_event_view_list_lrar").id,
        )
        self.assertEqual(numbers["domain"], [("id", "in", notice.ids)])
        notice.with_user(self.accountant).lrar_number = "1A12345678901"
        self.assertEqual(notice.state, "posted")
        self.assertEqual(self._day()["sections"]["to_post"]["count"], 0)

    def test_email_button_writes_the_statement(self):
        self._enter_current_rates()
        action = self.partner_a.with_user(self.accountant).action_recovery_email()
        template = self.env.ref("recouvrement_fr.mail_template_recovery_statement")
        self.assertEqual(action["context"]["default_template_id"], template.id)
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.accountant)
            .with_context(**action["context"], lang="fr_FR")
            .create({})
        )
        self.assertEqual(composer.subject, "company_1_data : relevé de votre compte")
        self.assertIn("relevé de votre compte", composer.body)
        self.assertEqual(len(composer.attachment_ids), 1, "the statement attached")


@tagged("post_install", "-at_install")
class TestLoopsPortal(RecoveryCommon, HttpCase):
    """Le client sur son espace de règlement : un double envoi ne fait
    qu'une réponse, un refus dit pourquoi, le virement est expliqué."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        today = fields.Date.today()
        cls.today = today
        cls.invoice = cls._invoice(cls.partner_a, 3756.0, today - timedelta(days=40))
        cls.url = cls.partner_a._recovery_portal_url(cls.company)
        cls.path = f"/recovery/{cls.company.id}/{cls.partner_a.id}"
        cls.token = cls.env["recovery.portal.link"]._token(cls.partner_a, cls.company)

    def _post(self, action, data):
        page = self.url_open(self.url, allow_redirects=False)
        data = dict(data, csrf_token=CSRF.search(page.text).group(1))
        return self.url_open(
            f"{self.path}/{action}?token={self.token}",
            data=data,
            allow_redirects=False,
        )

    def test_same_promise_twice_is_one_promise(self):
        date = (self.today + timedelta(days=10)).isoformat()
        data = {"move_ids": [self.invoice.id], "date": date}
        first = self._post("promise", data)
        second = self._post("promise", data)
        self.assertEqual(first.headers["Location"], second.headers["Location"])
        self.assertIn("done=promise", second.headers["Location"])
        promises = self.env["recovery.promise"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertEqual(len(promises), 1)
        self.assertEqual(promises.amount, 3756.0)
        said = promises.message_ids.filtered(lambda m: "espace" in (m.body or ""))
        self.assertEqual(said.author_id, self.partner_a, "not the public user")
        public = self.env.ref("base.public_user").sudo().partner_id
        self.assertNotIn(public, promises.message_ids.author_id)

    def test_same_dispute_and_plan_request_twice(self):
        for _i in range(2):
            self._post("plan", {"instalment_count": "3"})
        requests = self.env["recovery.request"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertEqual(len(requests), 1)
        data = {"move_id": self.invoice.id, "reason": "defective"}
        for _i in range(2):
            self._post("dispute", dict(data, description="Pièce cassée"))
        disputes = self.env["recovery.request"].search(
            [("partner_id", "=", self.partner_a.id), ("kind", "=", "dispute")]
        )
        self.assertEqual(len(disputes), 1)

    def test_dispute_from_the_page_tracks_in_french(self):
        # A customer who reads English, from an English browser: the page
        # speaks English, the chatter Sophie reads stays French.
        self.partner_a.lang = "en_US"
        self.opener.headers["Accept-Language"] = "en-US,en;q=0.9"
        self._post(
            "dispute",
            {
                "move_id": self.invoice.id,
                "reason": "defective",
                "description": "Broken",
            },
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(self.invoice.recovery_stage, "dispute")
        tracked = self.invoice.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "recovery_stage"
        )
        self.assertEqual(tracked.mapped("new_value_char"), ["En litige"])
        blocked = self.invoice.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "recovery_blocked"
        )
        self.assertTrue(blocked)
        timeline = (
            self.env["recovery.customer.account"]
            .with_user(self.accountant)
            .with_context(lang="fr_FR")
            .get_account_data(self.partner_a.id)["timeline"]
        )
        stages = [i["body"] for i in timeline if i["kind"] == "stage"]
        self.assertEqual(stages, ["Hors recouvrement → En litige"])

    def test_refusals_say_why(self):
        long_text = "x" * 10000
        response = self._post(
            "dispute",
            {"move_id": self.invoice.id, "reason": "other", "description": long_text},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Votre message compte 10000 caractères", response.text)
        self.assertIn("la limite est de 4000", response.text)
        self.assertFalse(self.env["recovery.request"].search([]), "nothing cut")
        # The only invoice disputed: no plan can cover it, and the page says so.
        self._post("dispute", {"move_id": self.invoice.id, "reason": "defective"})
        refused = self._post("plan", {"instalment_count": "3"})
        location = refused.headers["Location"]
        self.assertIn("reason=nothing", location)
        page = self.url_open(location, allow_redirects=False)
        self.assertIn("Aucune facture ne peut entrer dans un échéancier", page.text)

    def test_transfer_instructions_from_the_company_account(self):
        bank = self.env["res.partner.bank"].create(
            {
                "partner_id": self.company.partner_id.id,
                "acc_number": "FR7630006000011234567890189",
                "allow_out_payment": True,
            }
        )
        self.assertTrue(bank)
        page = self.url_open(self.url, allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Payer par virement", page.text)
        self.assertIn("FR76 3000 6000 0112 3456 7890 189", page.text)
        reference = self.invoice.payment_reference or self.invoice.name
        self.assertIn(reference, page.text)
