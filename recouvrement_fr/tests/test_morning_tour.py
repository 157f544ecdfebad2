# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from reportlab.pdfgen import canvas

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon

# The French data of Sophie's morning: (name, phone).
CUSTOMERS = {
    "call": ("Boulangerie Marchand SARL", "+33 4 78 52 14 20"),
    "notice": ("Garage Rivière SAS", "+33 4 72 10 33 41"),
    "letter": ("Menuiserie Petit et Fils", "+33 4 78 60 21 87"),
    "plan": ("Transports Morel SA", "+33 4 72 44 90 12"),
    "dossier": ("Imprimerie Vasseur SARL", "+33 4 78 39 75 02"),
    "dispute": ("Atelier Girard Décoration", "+33 4 78 28 64 55"),
}


@tagged("post_install", "-at_install", "recouvrement_fr_tour")
class TestMorningTour(RecoveryCommon, HttpCase):
    """La matinée de Sophie, comptable non administratrice, dans Chromium sans
    écran, sur des données françaises : elle clique ce qu'elle clique dans Ma
    journée et le Compte client ; le test vérifie ensuite les enregistrements."""

    # A French company keeps its books in euros (the tests' default company
    # would show "$ 840,00" in French screens).
    chart_template = "generic_coa"

    @classmethod
    def setup_independent_company(cls, **kwargs):
        euro = cls.env.ref("base.EUR")
        euro.active = True
        return cls._create_company(
            name="Menuiserie Durand SARL",
            country_id=cls.env.ref("base.fr").id,
            currency_id=euro.id,
            **kwargs,
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls._enter_current_rates()
        cls.today = fields.Date.today()
        cls.accountant.write(
            {
                "password": "sophie.recouvrement",
                "action_id": cls.env.ref("recouvrement_fr.recovery_my_day_action").id,
            }
        )
        cls.company.write({"vat": "FR03552081317", "email": "compta@creancier.fr"})
        cls.customers = {
            key: cls.env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "lang": "fr_FR",
                    "phone": phone,
                    "email": f"compta@{key}.example",
                    "street": "3 place Bellecour",
                    "zip": "69002",
                    "city": "Lyon",
                    "country_id": cls.env.ref("base.fr").id,
                }
            )
            for key, (name, phone) in CUSTOMERS.items()
        }
        cls.huissier = cls.env["res.partner"].create(
            {
                "name": "Maître Lefèvre, commissaire de justice",
                "is_company": True,
                "lang": "fr_FR",
                "category_id": [
                    Command.link(
                        cls.env.ref(
                            "recouvrement_fr.recovery_partner_category_commissaire"
                        ).id
                    )
                ],
            }
        )

    def _days_ago(self, days):
        return self.today - timedelta(days=days)

    def _invoice_of(self, key, amount, days_overdue):
        return self._invoice(self.customers[key], amount, self._days_ago(days_overdue))

    def _event(self, key, level, channel, state, moves, activity=None):
        event = self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.customers[key].id,
                "level_id": level.id,
                "channel": channel,
                "state": state,
                "user_id": self.accountant.id,
                "date": self._days_ago(1),
                "move_ids": [Command.set(moves.ids)],
                "amount_residual": sum(moves.mapped("amount_residual")),
            }
        )
        if activity:
            event.activity_schedule(
                activity[0],
                date_deadline=self.today,
                summary=activity[1],
                user_id=self.accountant.id,
            )
        return event

    def _pdf(self, event, text):
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer)
        page.drawString(100, 700, text)
        page.save()
        return self.env["ir.attachment"].create(
            {
                "name": f"{text}.pdf",
                "raw": buffer.getvalue(),
                "mimetype": "application/pdf",
                "res_model": "recovery.event",
                "res_id": event.id,
            }
        )

    # ------------------------------------------------------------
    # the morning's work, as the nightly run and the customers left it
    # ------------------------------------------------------------

    def _night_letters(self):
        """The night's run issued a formal notice to validate (Garage
        Rivière) and a reminder letter to print (Menuiserie Petit)."""
        notice_invoice = self._invoice_of("notice", 6063.0, 50)
        notice_invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": self._days_ago(20),
            }
        )
        letter_invoice = self._invoice_of("letter", 1840.0, 35)
        letter_invoice.write(
            {
                "recovery_level_id": self.level_phone.id,
                "recovery_last_date": self._days_ago(20),
            }
        )
        with self._real_pdfs():
            self._run(fields.Date.to_string(self.today))
        notice = notice_invoice.recovery_event_ids
        letter = letter_invoice.recovery_event_ids
        self.assertEqual(
            (notice.channel, notice.state, letter.channel, letter.state),
            ("lrar", "to_validate", "letter", "to_print"),
        )
        (notice | letter).user_id = self.accountant
        return notice, letter

    def _litigation(self):
        """Two customers in litigation, their dossiers to send: one will get
        a plan instead, the other's dossier goes to the commissaire."""
        dossiers = {}
        for key, amount in (("plan", 4512.0), ("dossier", 5750.4)):
            invoice = self._invoice_of(key, amount, 90)
            invoice.recovery_stage = "contentieux"
            dossiers[key] = self._event(
                key,
                self.level_legal,
                "legal",
                "to_do",
                invoice,
                ("mail.mail_activity_data_todo", "Préparer le dossier contentieux"),
            )
        # The commissaire needs the formal notice the customer received.
        notice = self._event(
            "dossier", self.level_med, "lrar", "to_post", dossiers["dossier"].move_ids
        )
        notice.attachment_id = self._pdf(notice, "Mise en demeure")
        notice.write(
            {
                "lrar_number": "1A00000000017",
                "lrar_sent_date": self._days_ago(40),
                "ar_date": self._days_ago(38),
            }
        )
        self.assertEqual(notice.state, "received")
        return dossiers

    def _dispute(self):
        invoice = self._invoice_of("dispute", 5436.0, 20)
        request = (
            self.env["recovery.request"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.customers["dispute"].id,
                    "kind": "dispute",
                    "move_id": invoice.id,
                    "move_ids": [Command.set(invoice.ids)],
                    "reason": "defective",
                    "description": "Deux fenêtres abîmées à la livraison",
                }
            )
        )
        request.with_context(lang="fr_FR")._recovery_apply_dispute()
        self.assertEqual(invoice.recovery_stage, "dispute")
        return invoice, request

    def _call(self):
        invoice = self._invoice_of("call", 840.0, 20)
        return self._event(
            "call",
            self.level_phone,
            "phone",
            "to_do",
            invoice,
            ("mail.mail_activity_data_call", "Appeler Boulangerie Marchand SARL"),
        )

    # ------------------------------------------------------------
    # the test
    # ------------------------------------------------------------

    def _tour(self, name):
        with self._real_pdfs():
            self.start_tour("/web", name, login=self.accountant.login, timeout=180)

    @contextmanager
    def _real_pdfs(self):
        """Letters, notices and dossiers printed by wkhtmltopdf as Sophie gets
        them, not the HTML Odoo renders under tests; yields the reports
        rendered: (model, ids, states of those communications then)."""
        rendered = []
        reports = type(self.env["ir.actions.report"])
        render = reports._render_qweb_pdf

        def spy(report, report_ref, res_ids=None, data=None):
            model = report._get_report(report_ref).model
            states = ()
            if model == "recovery.event":
                events = report.env[model].browse(res_ids or [])
                states = tuple(events.mapped("state"))
            rendered.append((model, tuple(res_ids or []), states))
            real = report.with_context(force_report_rendering=True)
            return render(real, report_ref, res_ids=res_ids, data=data)

        never = staticmethod(lambda *args: False)
        # wkhtmltopdf would ask this test's own server for the stylesheets, a
        # server busy with the request that prints: a port where nobody
        # listens gives the same PDF, unstyled, at once.
        nowhere = staticmethod(lambda *args, **kwargs: "http://127.0.0.1:18299")
        with (
            patch.object(reports, "_render_qweb_pdf", spy),
            patch.object(reports, "_get_report_url", nowhere),
            patch.object(
                type(self.env["recovery.dispatch"]), "_renders_html_only", never
            ),
            patch.object(
                type(self.env["recovery.dossier.pieces"]), "_test_mode", never
            ),
        ):
            yield rendered

    def test_sophies_morning(self):
        # The night's run first: it leaves the other customers alone.
        notice, letter = self._night_letters()
        call = self._call()
        dossiers = self._litigation()
        disputed, dispute = self._dispute()

        # 1. A call whose outcome is a promise: its date and amount asked,
        # the promise in the Compte client.
        self._tour("recouvrement_fr_morning_call")
        self.assertEqual((call.state, call.call_outcome), ("done", "promised"))
        self.assertFalse(call.activity_ids)
        promise = call.promise_id
        self.assertEqual(
            (promise.source, promise.date, promise.amount, promise.state),
            ("phone", self.today + timedelta(days=10), 600.0, "open"),
        )
        self.assertEqual(promise.move_ids, call.move_ids)

        # 2. The notice read (its PDF rendered before it was validated), then
        # validated; all letters printed in one PDF; the letter posted; the
        # LRAR number entered in the list of numbers.
        with self._real_pdfs() as rendered:
            self.start_tour(
                "/web",
                "recouvrement_fr_morning_letters",
                login=self.accountant.login,
                timeout=180,
            )
        self.assertEqual(
            rendered[0],
            ("recovery.event", tuple(notice.ids), ("to_validate",)),
            "the notice was read before it was validated",
        )
        self.assertEqual(
            (notice | letter).attachment_id.mapped("mimetype"),
            ["application/pdf"] * 2,
            "the exact letters are kept, as printed",
        )
        self.assertTrue(notice.printed_date, "Tout imprimer included the notice")
        self.assertTrue(letter.printed_date)
        self.assertEqual(letter.state, "sent")
        self.assertEqual(
            (notice.state, notice.lrar_number, notice.lrar_sent_date),
            ("posted", "1A12345678901", self.today),
        )

        # 3. A plan granted to a customer in litigation: its dossier is no
        # longer to send. 4. The other dossier exported: shown as sent.
        self._tour("recouvrement_fr_morning_litigation")
        plan = self.env["recovery.plan"].search(
            [("partner_id", "=", self.customers["plan"].id)]
        )
        self.assertEqual(plan.state, "active")
        self.assertEqual(dossiers["plan"].state, "cancelled")
        self.assertFalse(dossiers["plan"].activity_ids)
        exported = self.env["recovery.event"].search(
            [
                ("partner_id", "=", self.customers["dossier"].id),
                ("dossier_version", "=", 1),
            ]
        )
        self.assertEqual(exported.dossier_recipient_id, self.huissier)
        self.assertTrue(exported.dossier_attachment_id.raw.startswith(b"PK"))
        self.assertEqual(dossiers["dossier"].state, "done")
        self.assertFalse(dossiers["dossier"].activity_ids)
        day = (
            self.env["recovery.my.day"]
            .with_user(self.accountant)
            .get_day_data(mine=False)["sections"]
        )
        self.assertEqual(day["dossiers"]["count"], 0)

        # 5. The dispute resolved from Ma journée.
        self._tour("recouvrement_fr_morning_dispute")
        self.assertEqual(disputed.recovery_stage, "none")
        self.assertFalse(disputed.recovery_blocked)
        self.assertEqual(dispute.state, "rejected")
        self.assertFalse(dispute.activity_ids)
        resolved = disputed.message_ids.filtered(
            lambda m: "Litige résolu par Sophie Martin" in (m.body or "")
        )
        self.assertEqual(resolved.author_id, self.accountant.partner_id)
