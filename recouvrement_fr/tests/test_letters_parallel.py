# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import subprocess
from unittest.mock import patch

from lxml import etree
from PyPDF2 import PdfReader

from odoo import fields
from odoo.tests import tagged

from ..models.sending import recovery_pdf
from .common import RecoveryCommon
from .static_server import static_url


@tagged("post_install", "-at_install")
class TestLettersParallel(RecoveryCommon):
    """Les lettres d'un lot sont rendues par plusieurs wkhtmltopdf à la fois :
    chaque client garde le PDF de sa seule lettre, et l'échec d'un rendu ne
    concerne que ses lettres."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_c = cls.env["res.partner"].create(
            {"name": "Garage Leroy", "is_company": True, "email": "leroy@example.com"}
        )
        cls.customers = cls.partner_a | cls.partner_b | cls.partner_c

    def setUp(self):
        super().setUp()
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        # The test server shares the test's cursor: wkhtmltopdf must not ask it.
        self.env["ir.config_parameter"].sudo().set_param("report.url", static_url())
        self.engine = self.env["recovery.engine"].with_context(
            force_report_rendering=True
        )

    def _letters(self):
        """One reminder letter per customer, in the order of the customers."""
        for amount, customer in enumerate(self.customers, start=1):
            self._invoice(customer, 100.0 * amount, "2026-01-01")
        self.env["account.move"].search(
            [("partner_id", "in", self.customers.ids)]
        ).write({"recovery_level_id": self.level_phone.id})
        decided = self.engine._decide(
            today=fields.Date.to_date("2026-02-01"), company_ids=self.company.ids
        )
        return self.env["recovery.event"].browse(decided["event_ids"])

    def _communicate_in_slices_of_one(self):
        """Communicate with one wkhtmltopdf per letter; the processes started."""
        started = []
        popen = subprocess.Popen

        def counted(args, *rest, **kwargs):
            started.append(args)
            return popen(args, *rest, **kwargs)

        with (
            patch.object(recovery_pdf, "SLICE_MIN", 1),
            patch.object(recovery_pdf.os, "cpu_count", return_value=8),
            patch.object(recovery_pdf.subprocess, "Popen", counted),
        ):
            stats = self.engine._communicate(company_ids=self.company.ids)
        return stats, started

    def _text(self, attachment):
        reader = PdfReader(io.BytesIO(attachment.raw))
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    def test_each_customer_keeps_the_pdf_of_his_own_letter(self):
        letters = self._letters()
        self.assertEqual(len(letters), 3)
        stats, started = self._communicate_in_slices_of_one()
        self.assertEqual(stats["printed"], 3)
        self.assertEqual(len(started), 3, "one wkhtmltopdf per letter, at once")
        self._assert_own_pdfs(letters)

    def test_a_failed_rendering_fails_its_letter_only(self):
        letters = self._letters()
        broken = letters.filtered(lambda e: e.partner_id == self.partner_b)
        finish = recovery_pdf.RecoveryPdf._finish
        dispatch = type(self.env["recovery.dispatch"])
        render_report = dispatch._render_report

        def finish_but_broken(pdf, run):
            if broken.id in run.ids:
                finish(pdf, run)  # the process ends, its files are removed
                raise RuntimeError("wkhtmltopdf failed (error code: -11)")
            return finish(pdf, run)

        def render_but_broken(disp, events, report):
            if broken in events:
                raise RuntimeError("wkhtmltopdf failed (error code: -11)")
            return render_report(disp, events, report)

        with (
            patch.object(recovery_pdf.RecoveryPdf, "_finish", finish_but_broken),
            patch.object(dispatch, "_render_report", render_but_broken),
        ):
            stats, _started = self._communicate_in_slices_of_one()
        self.assertEqual(stats["printed"], 2)
        self.assertEqual(stats["failed"], 1)
        self.assertEqual(broken.state, "failed")
        self.assertIn("error code: -11", broken.error)
        self.assertFalse(broken.attachment_id)
        for letter in letters - broken:
            self.assertEqual(letter.state, "to_print")
            self.assertIn(letter.partner_id.name, self._text(letter.attachment_id))
        # Tried again (the failure is fixed): the letter goes out with its PDF.
        broken.with_context(force_report_rendering=True).action_retry()
        self.assertEqual(broken.state, "to_print")
        self.assertIn(self.partner_b.name, self._text(broken.attachment_id))

    def test_each_email_of_a_batch_is_written_for_its_customer(self):
        """The reminder's body is compiled once for the batch: each e-mail
        still names its own invoice, amount and page, and no other's."""
        for amount, customer in enumerate(self.customers, start=1):
            self._invoice(customer, 1000.0 * amount + 0.25, "2026-01-01")
        decided = self.engine._decide(
            today=fields.Date.to_date("2026-01-20"), company_ids=self.company.ids
        )
        events = self.env["recovery.event"].browse(decided["event_ids"])
        self.assertEqual(set(events.mapped("channel")), {"email"})
        generate = type(self.env["ir.qweb"])._generate_code
        compiled = []

        def counted(qweb, template):
            compiled.append(template)
            return generate(qweb, template)

        with patch.object(type(self.env["ir.qweb"]), "_generate_code", counted):
            stats = self.engine._communicate(company_ids=self.company.ids)
        self.assertEqual(stats["sent"], 3)

        def own(event):
            """What names the customer's own debt: invoice, amount, page."""
            page = event.partner_id._recovery_portal_url(self.company)
            return [event.move_ids.name, f"{event.amount_residual:,.2f}", page]

        for event in events:
            body = event.mail_message_id.body.replace("&amp;", "&")
            for text in own(event):
                self.assertIn(text, body)
            for other in events - event:
                for text in own(other):
                    self.assertNotIn(text, body)
        sources = [etree.tostring(t) for t in compiled if isinstance(t, etree._Element)]
        self.assertTrue(sources)
        self.assertEqual(len(sources), len(set(sources)), "once, not per e-mail")

    def _communicate_in_one_slice(self):
        """Communicate with the three letters in one wkhtmltopdf run, cut
        afterwards into one PDF per letter."""
        with (
            patch.object(recovery_pdf, "SLICE_MIN", 10),
            patch.object(recovery_pdf.os, "cpu_count", return_value=1),
        ):
            return self.engine._communicate(company_ids=self.company.ids)

    def _assert_own_pdfs(self, letters):
        for letter in letters:
            self.assertEqual(letter.state, "to_print")
            self.assertEqual(letter.attachment_id.mimetype, "application/pdf")
            self.assertTrue(letter.attachment_id.raw.startswith(b"%PDF"))
            text = self._text(letter.attachment_id)
            self.assertIn(letter.partner_id.name, text)
            for other in letters - letter:
                self.assertNotIn(other.partner_id.name, text)

    def test_one_run_is_cut_into_each_customer_letter(self):
        letters = self._letters()
        stats = self._communicate_in_one_slice()
        self.assertEqual(stats["printed"], 3)
        self._assert_own_pdfs(letters)

    def test_without_qpdf_the_letters_are_cut_all_the_same(self):
        """pikepdf (qpdf) is optional: PyPDF2, which Odoo requires, cuts the
        letters when it is missing."""
        letters = self._letters()
        with patch.object(recovery_pdf, "pikepdf", None):
            stats = self._communicate_in_one_slice()
        self.assertEqual(stats["printed"], 3)
        self._assert_own_pdfs(letters)

    def test_no_more_wkhtmltopdf_at_once_than_processors(self):
        """Three slices on two processors: the third run starts once one of
        the first two is done, and each customer still gets his own letter."""
        letters = self._letters()
        started, alive_at_start = [], []
        popen = subprocess.Popen

        def counted(args, *rest, **kwargs):
            alive_at_start.append(sum(1 for p in started if p.poll() is None))
            process = popen(args, *rest, **kwargs)
            started.append(process)
            return process

        with (
            patch.object(recovery_pdf, "SLICE_MIN", 1),
            patch.object(recovery_pdf, "SLICE_MAX", 1),
            patch.object(recovery_pdf.os, "cpu_count", return_value=2),
            patch.object(recovery_pdf.subprocess, "Popen", counted),
        ):
            stats = self.engine._communicate(company_ids=self.company.ids)
        self.assertEqual(stats["printed"], 3)
        self.assertEqual(len(started), 3, "one run per slice")
        self.assertLessEqual(max(alive_at_start), 1, "a third never joins two")
        self._assert_own_pdfs(letters)
