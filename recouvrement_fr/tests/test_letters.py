# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import subprocess
from unittest.mock import patch

from freezegun import freeze_time
from PyPDF2 import PdfReader
from reportlab.pdfgen import canvas

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..models.sending import recovery_pdf
from .common import RecoveryCommon, d
from .static_server import static_url


@tagged("post_install", "-at_install")
class TestLetters(RecoveryCommon):
    """Des lettres qui tiennent : mentions obligatoires, file d'impression, LRAR."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "siret": "55208131766522",
                "vat": "FR40552081317",
                "recovery_signatory_name": "Claire Durand",
                "recovery_signatory_function": "Gérante",
                "recovery_notice_delay": 8,
            }
        )
        cls.env["res.partner.bank"].create(
            {
                "acc_number": "FR7630006000011234567890189",
                "partner_id": cls.company.partner_id.id,
            }
        )
        cls.partner_a.write(
            {
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
                "vat": "FR44732829320",
            }
        )

    def _html(self, xmlid, records, data=None):
        report = self.env.ref(xmlid)
        return report._render_qweb_html(report, records.ids, data=data)[0].decode()

    def _notice(self):
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2025-06-19",
            }
        )
        self._run("2025-07-04")
        return invoice, invoice.recovery_event_ids

    def test_formal_notice_has_every_mandatory_mention(self):
        invoice, notice = self._notice()
        notice.lrar_number = "1A 234 567 8901 2"
        with freeze_time("2025-07-04"):
            html = self._html("recouvrement_fr.action_report_mise_en_demeure", notice)
        for mention in (
            "FORMAL NOTICE TO PAY",
            "mise en demeure",
            "Registered letter with acknowledgement of receipt",
            "1A 234 567 8901 2",
            # both parties' identities
            self.company.name,
            "552 081 317 66522",
            "FR40552081317",
            "partner_a",
            "732 829 320 00074",
            "5 avenue Foch",
            # the invoices and the décompte
            invoice.name,
            "L441-10",
            "D441-5",
            "1344",
            # one new deadline, counted from receipt (no date that could fall
            # before receipt + 8 days)
            "within 8 days of receipt",
            # the cause of the claim, the penalties running until full payment
            "for: Prestation",
            "in addition to the penalties and interest running until full payment",
            # the rate explained: ECB 2.15 % (2025-H2) + 10 points
            "Their rate is 12.15 %",
            "(2.15 %) plus 10 points",
            # 2,072.20 EUR from a merchant on a contract: the small-claims
            # procedure of a commissaire de justice (CPCE L125-1), to which
            # CPC 750-1 does not apply; a first notice recalls no reminder
            "commissaire de justice",
            "Claire Durand",
            "Gérante",
        ):
            self.assertIn(mention, html)
        self.assertNotIn("no later than", html)
        self.assertNotIn("750-1", html)
        self.assertNotIn("previous reminders", html)
        # The IBAN may be printed in groups of four (base_iban).
        self.assertIn("FR7630006000011234567890189", "".join(html.split()))
        # Décompte: 2000 due 20/05, 21/05-30/06 41 days at 13.15 %:
        # 2000 x 13.15 % x 41/365 = 29.5425 -> 29.54; 01/07-04/07 4 days at 12.15 %:
        # 2000 x 12.15 % x 4/365 = 2.6630 -> 2.66; total 32.20 + 40 + 2000 = 2072.20
        self.assertIn("32.20", html)
        self.assertIn("2,072.20", html)

    def test_formal_notice_refused_without_signatory_or_identity(self):
        _invoice, notice = self._notice()
        self.company.recovery_signatory_name = False
        with self.assertRaisesRegex(UserError, "signatory"):
            notice.action_validate()
        self.assertEqual(notice.state, "to_validate")
        self.assertFalse(notice.attachment_id)
        self.company.write({"recovery_signatory_name": "Claire Durand", "siret": False})
        with self.assertRaisesRegex(UserError, "SIRET"):
            notice.action_validate()

    def test_reminder_letter_lists_invoices_and_how_to_pay(self):
        inv1 = self._invoice(self.partner_a, 100.0, "2026-01-01")
        inv2 = self._invoice(self.partner_a, 250.0, "2026-01-03")
        self._run("2026-01-10")
        event = inv1.recovery_event_ids
        html = self._html("recouvrement_fr.action_report_recovery_letter", event)
        for mention in (
            "Reminder: unpaid invoices",
            inv1.name,
            inv2.name,
            "350.00",
            f"/my/invoices/{inv1.id}",
        ):
            self.assertIn(mention, html)
        self.assertIn("FR7630006000011234567890189", "".join(html.split()))

    def test_statement_downloaded_is_named_in_french(self):
        """A French user downloads the statement as "Relevé de compte -
        client.pdf", as its title says (not "Decompte - client.pdf")."""
        self._load_french()
        statement = self.env.ref(
            "recouvrement_fr.action_report_recovery_statement"
        ).with_context(lang="fr_FR")
        self.assertEqual(
            safe_eval(statement.print_report_name, {"object": self.partner_a}),
            "Relevé de compte - partner_a",
        )

    def test_statement_of_account(self):
        inv1 = self._invoice(self.partner_a, 100.0, "2026-01-01")
        paid = self._invoice(self.partner_a, 70.0, "2026-01-02")
        self._pay(paid, 70.0, "2026-01-03")
        with freeze_time("2026-01-01"):
            html = self._html(
                "recouvrement_fr.action_report_recovery_statement", self.partner_a
            )
        self.assertRegex(html, r"Statement of account on <span[^>]*>01/01/2026")
        self.assertIn(inv1.name, html)
        self.assertNotIn(paid.name, html)
        # At a chosen date: 100 due on 1 January, 40 days late on 10 February,
        # ECB 2.15 + 10 = 12.15 % in 2026-H1:
        # 100 x 12.15 % x 40/365 = 1.3315 -> 1.33 penalties, + 40 indemnity.
        html = self._html(
            "recouvrement_fr.action_report_recovery_statement",
            self.partner_a,
            data={"recovery_date": "2026-02-10"},
        )
        self.assertRegex(html, r"Statement of account on <span[^>]*>02/10/2026")
        self.assertIn("1.33", html)
        self.assertIn("141.33", html)

    def test_lrar_cannot_be_marked_sent_without_its_number(self):
        _invoice, notice = self._notice()
        with freeze_time("2025-07-04"):
            notice.action_validate()
        self.assertEqual(notice.state, "to_post")
        with self.assertRaisesRegex(UserError, "LRAR"):
            notice.action_mark_sent()
        with freeze_time("2025-07-05"):
            notice.write({"lrar_number": "1A 234 567 8901 2"})
        self.assertEqual(notice.state, "posted")
        self.assertEqual(notice.lrar_sent_date, d("2025-07-05"))

    def _pdf(self, text, pages):
        """A small real PDF of ``pages`` pages (the letters' own PDF come from
        wkhtmltopdf, exercised by the demo and the benchmark)."""
        buffer = io.BytesIO()
        sheet = canvas.Canvas(buffer)
        for page in range(pages):
            sheet.drawString(72, 720, f"{text} {page + 1}")
            sheet.showPage()
        sheet.save()
        return buffer.getvalue()

    def _two_customers_at_the_phone_level(self):
        """Two customers whose next step is the formal reminder letter."""
        self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._invoice(self.partner_b, 200.0, "2026-01-01")
        self.env["account.move"].search(
            [("partner_id", "in", (self.partner_a + self.partner_b).ids)]
        ).write({"recovery_level_id": self.level_phone.id})

    def test_print_queue_merges_the_letters_into_one_pdf(self):
        self._two_customers_at_the_phone_level()
        decided, sent = self._run("2026-02-01")
        letters = self.env["recovery.event"].browse(decided["event_ids"])
        self.assertEqual(sent["printed"], 2)
        self.assertEqual(letters.mapped("state"), ["to_print", "to_print"])
        with self.assertRaisesRegex(UserError, "no PDF"):
            letters.action_print_letters()
        for letter, pages in zip(letters, (1, 2), strict=True):
            letter.attachment_id.write(
                {
                    "raw": self._pdf(letter.partner_id.name, pages),
                    "mimetype": "application/pdf",
                }
            )
        action = letters.action_print_letters()
        merged_id = int(action["url"].split("/")[3].split("?")[0])
        merged = self.env["ir.attachment"].browse(merged_id)
        reader = PdfReader(io.BytesIO(merged.raw))
        self.assertEqual(len(reader.pages), 3)
        self.assertIn("partner_a", reader.pages[0].extract_text())
        self.assertEqual(
            letters.mapped("state"), ["to_print", "to_print"], "printed, not posted"
        )
        self.assertTrue(all(letters.mapped("printed_date")))
        letters.action_mark_sent()
        self.assertEqual(letters.mapped("state"), ["sent", "sent"])

    def test_letters_render_as_real_pdf(self):
        """With wkhtmltopdf (the test command installs Debian's), the letters
        sent are real PDFs, and the print queue merges them."""
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        # The test server shares the test's cursor: wkhtmltopdf fetching the
        # styles from it would wait for the test forever. Point it elsewhere.
        self.env["ir.config_parameter"].sudo().set_param("report.url", static_url())
        _invoice, notice = self._notice()
        report = self.env.ref("recouvrement_fr.action_report_mise_en_demeure")
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, notice.ids
        )
        self.assertEqual(kind, "pdf")
        pages = PdfReader(io.BytesIO(pdf)).pages
        text = " ".join(" ".join(page.extract_text().split()) for page in pages)
        self.assertIn("FORMAL NOTICE TO PAY", text)
        self.assertIn("Claire Durand", text)
        # Through the engine: the exact PDF is kept on the event, then printed.
        other = self._invoice(self.partner_b, 300.0, "2026-01-01")
        other.write({"recovery_level_id": self.level_phone.id})
        engine = self.env["recovery.engine"].with_context(force_report_rendering=True)
        decided = engine._decide(
            today=fields.Date.to_date("2026-02-01"),
            company_ids=self.company.ids,
            move_ids=other.ids,
        )
        engine._communicate(company_ids=self.company.ids)
        letter = self.env["recovery.event"].browse(decided["event_ids"])
        self.assertEqual(letter.state, "to_print")
        self.assertTrue(letter.attachment_id.raw.startswith(b"%PDF"))
        self.assertEqual(letter.attachment_id.mimetype, "application/pdf")
        action = letter.action_print_letters()
        merged = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual(
            len(PdfReader(io.BytesIO(merged.raw)).pages),
            len(PdfReader(io.BytesIO(letter.attachment_id.raw)).pages),
        )

    def _letters_of_two_customers(self):
        self._two_customers_at_the_phone_level()
        decided = self.env["recovery.engine"]._decide(
            today=fields.Date.to_date("2026-02-01"), company_ids=self.company.ids
        )
        return self.env["recovery.event"].browse(decided["event_ids"])

    def test_letters_of_a_batch_are_one_document_with_their_letterhead(self):
        """wkhtmltopdf gets one page to load for a whole batch of letters, with
        the letterhead in it, instead of a body, a header and a footer per
        letter; other reports keep the company's document layout."""
        letters = self._letters_of_two_customers()
        self.company.report_footer = "Menuiserie Durand SARL au capital de 10 000 €"
        report = self.env.ref("recouvrement_fr.action_report_recovery_letter")
        html = report._render_qweb_html(report, letters.ids)[0]
        bodies, res_ids, header, footer, _args = report._prepare_html(
            html, report_model="recovery.event"
        )
        self.assertEqual(len(bodies), 1)
        self.assertEqual(res_ids, letters.ids)
        self.assertIsNone(header)
        self.assertIsNone(footer)
        body = bodies[0]
        for letter in letters:
            self.assertIn(letter.partner_id.name, body)
        self.assertEqual(body.count("page-break-before: always"), 1)
        self.assertEqual(body.count("au capital de 10 000"), 2)
        # The company's own footer is printed, then the legal mentions of
        # C. com. R123-237/238 (issue #21): SIRET grouped, registered office.
        self.assertEqual(body.count("SIRET 552 081 317 66522"), 2)
        # The creditor block of each letter: the SIRET grouped too.
        self.assertEqual(body.count("552 081 317 66522"), 4)
        # The creditor block names the company: its address is not repeated
        # in the letterhead; the footer states the registered office.
        self.assertEqual(body.count("12 rue de la République"), 4)
        self.assertEqual(body.count("Registered office: 12 rue de la République"), 2)
        self.company.report_footer = False
        html = report._render_qweb_html(report, letters[:1].ids)[0]
        bodies = report._prepare_html(html, report_model="recovery.event")[0]
        self.assertIn("SIRET 552 081 317 66522", bodies[0])
        args = self.env["ir.actions.report"]._build_wkhtmltopdf_args(
            report.get_paperformat(), False
        )
        delay = args[args.index("--javascript-delay") + 1]
        self.assertNotEqual(delay, "0")
        args = (
            self.env["ir.actions.report"]
            .with_context(recovery_letter_pdf=True)
            ._build_wkhtmltopdf_args(report.get_paperformat(), False)
        )
        self.assertEqual(args[args.index("--javascript-delay") + 1], "0")
        # The statement of account carries the same letterhead, in its page.
        statement = self.env.ref("recouvrement_fr.action_report_recovery_statement")
        # (at a date whose reference rates are entered: a statement is not
        # issued with a missing rate)
        html = statement._render_qweb_html(
            statement, self.partner_a.ids, data={"recovery_date": "2026-06-30"}
        )[0]
        bodies, ids, header, footer, _args = statement._prepare_html(
            html, report_model="res.partner"
        )
        self.assertEqual((ids, header, footer), (self.partner_a.ids, None, None))
        self.assertIn("o_recovery_letterhead", bodies[0])
        self.assertEqual(bodies[0].count("12 rue de la République"), 2)
        self.assertIn("SIRET 552 081 317 66522", bodies[0])

    def test_letters_of_a_batch_render_in_one_call(self):
        """Through the engine, two letters cost one wkhtmltopdf run, and each
        communication keeps the PDF of its own letter only."""
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        self.env["ir.config_parameter"].sudo().set_param("report.url", static_url())
        letters = self._letters_of_two_customers()
        popen = subprocess.Popen
        runs = []

        def counted(args, *rest, **kwargs):
            runs.append(args)
            return popen(args, *rest, **kwargs)

        engine = self.env["recovery.engine"].with_context(force_report_rendering=True)
        with patch.object(recovery_pdf.subprocess, "Popen", counted):
            sent = engine._communicate(company_ids=self.company.ids)
        self.assertEqual(sent["printed"], 2)
        self.assertEqual(len(runs), 1)
        for letter, other in zip(letters, reversed(letters), strict=True):
            self.assertEqual(letter.attachment_id.mimetype, "application/pdf")
            reader = PdfReader(io.BytesIO(letter.attachment_id.raw))
            text = " ".join(
                " ".join(page.extract_text().split()) for page in reader.pages
            )
            self.assertIn(letter.partner_id.name, text)
            self.assertNotIn(other.partner_id.name, text)
