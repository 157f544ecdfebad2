# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import re
import shutil
import subprocess
import tempfile

from odoo.tests import tagged
from odoo.tools.misc import format_amount, format_date

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from ..models.recovery_letter_format import LetterFormat
from .common import RecoveryCommon, d

FULL = "web.report_assets_common"
LIGHT = "recouvrement_fr.report_assets_letter"
STYLESHEET = re.compile(
    r'<link[^>]+href="[^"]*/(?:web\.report_assets_common|'
    r'recouvrement_fr\.report_assets_letter)\.min\.css"[^>]*>'
)


@tagged("post_install", "-at_install")
class TestLetterStylesheet(RecoveryCommon):
    """Les lettres ont leur propre feuille de style, plus légère que celle des
    rapports d'Odoo, et n'en changent pas d'un pixel ; leurs montants et leurs
    dates s'écrivent comme Odoo les écrit, dans la langue du client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.write(
            {
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "siret": "55208131766522",
                "recovery_signatory_name": "Claire Durand",
                "recovery_signatory_function": "Gérante",
            }
        )
        cls.partner_a.write(
            {
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
            }
        )

    def _reminder(self):
        """The reminder letter of a French customer with three invoices, two
        of them over a thousand."""
        for amount, day in (
            (1234.5, "2025-12-02"),
            (80.0, "2025-12-05"),
            (12345.67, "2025-12-09"),
        ):
            self._invoice(self.partner_b, amount, day)
        self.env["account.move"].search(
            [("partner_id", "=", self.partner_b.id)]
        ).recovery_level_id = self.level_phone
        return self._decided("2026-02-01")

    def _notice(self):
        """The formal notice (mise en demeure) of another customer."""
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2025-06-19",
            }
        )
        return self._decided("2025-07-04")

    def _decided(self, on):
        decided = self.env["recovery.engine"]._decide(
            today=d(on), company_ids=self.company.ids
        )
        return self.env["recovery.event"].browse(decided["event_ids"])

    def _pages(self, html, css, workdir, name):
        """PNG bytes of each page of ``html`` printed with the stylesheet ``css``."""
        css_path = os.path.join(workdir, f"{name}.css")
        with open(css_path, "wb") as css_file:
            css_file.write(css)
        page = STYLESHEET.sub(
            f'<link rel="stylesheet" href="file://{css_path}"/>', html
        )
        html_path = os.path.join(workdir, f"{name}.html")
        with open(html_path, "w", encoding="utf-8") as html_file:
            html_file.write(page)
        pdf_path = os.path.join(workdir, f"{name}.pdf")
        subprocess.run(
            [
                _get_wkhtmltopdf_bin(),
                "--quiet",
                "--enable-local-file-access",
                "--page-size",
                "A4",
                "--dpi",
                "90",
                html_path,
                pdf_path,
            ],
            check=False,
            capture_output=True,
            timeout=120,
        )
        prefix = os.path.join(workdir, name)
        subprocess.run(["pdftoppm", "-r", "60", "-png", pdf_path, prefix], check=True)
        names = sorted(f for f in os.listdir(workdir) if f.startswith(f"{name}-"))
        pages = []
        for png in names:
            with open(os.path.join(workdir, png), "rb") as png_file:
                pages.append(png_file.read())
        return pages

    def test_letters_look_the_same_with_their_lighter_stylesheet(self):
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        if not shutil.which("pdftoppm"):
            self.skipTest("pdftoppm (poppler-utils) is not installed")
        reminder, notice = self._reminder(), self._notice()
        self.assertEqual(reminder.channel, "letter")
        self.assertTrue(notice.level_id.report_id)
        qweb = self.env["ir.qweb"]
        css = {
            name: qweb._get_asset_bundle(name, js=False, css=True).css().raw
            for name in (FULL, LIGHT)
        }
        self.assertLess(len(css[LIGHT]), len(css[FULL]) / 2)
        self.assertNotIn(b"font-awesome", css[LIGHT].lower())
        for report, events in (
            ("recouvrement_fr.action_report_recovery_letter", reminder),
            ("recouvrement_fr.action_report_mise_en_demeure", notice),
            ("recouvrement_fr.action_report_recovery_statement", self.partner_b),
        ):
            report = self.env.ref(report)
            html = report._render_qweb_html(report, events.ids)[0]
            body = report._prepare_html(html, report_model=report.model)[0][0]
            self.assertIn(f"/{LIGHT}.min.css", body)
            self.assertNotIn(f"/{FULL}.min.css", body)
            with tempfile.TemporaryDirectory() as workdir:
                full = self._pages(body, css[FULL], workdir, "full")
                light = self._pages(body, css[LIGHT], workdir, "light")
            self.assertTrue(full)
            self.assertEqual(len(light), len(full), report.name)
            for number, (page_full, page_light) in enumerate(
                zip(full, light, strict=True), 1
            ):
                self.assertEqual(page_light, page_full, f"{report.name}, page {number}")

    def test_invoices_keep_odoo_stylesheet(self):
        invoice = self._invoice(self.partner_b, 100.0, "2026-01-02")
        report = self.env.ref("account.account_invoices")
        html = report._render_qweb_html(report, invoice.ids)[0]
        body = report._prepare_html(html, report_model="account.move")[0][0]
        self.assertIn(f"/{FULL}.min.css", body)
        self.assertNotIn(f"/{LIGHT}.min.css", body)

    def test_figures_are_written_as_odoo_writes_them(self):
        eur = self.env.ref("base.EUR")
        usd = self.env.ref("base.USD")
        values = (0.0, 5.5, 80.0, -40.0, 1234.5, 5750.404, 12345678.9, -98765.43)
        dates = (d("2026-01-02"), d("2026-12-31"))
        for lang in ("fr_FR", "en_US"):
            env = self.env(context=dict(self.env.context, lang=lang))
            write = LetterFormat(env)
            for currency in (eur, usd):
                for value in values:
                    self.assertEqual(
                        write.amount(value, currency),
                        format_amount(env, value, currency),
                        f"{value} {currency.name} in {lang}",
                    )
            for day in dates:
                self.assertEqual(write.date(day), format_date(env, day))
        self.assertEqual(LetterFormat(self.env).amount(5750.4, eur), "5\xa0750,40\xa0€")
        self.assertEqual(LetterFormat(self.env).date(dates[0]), "02/01/2026")

    def test_reminder_letter_figures_are_french_for_a_french_customer(self):
        letter = self._reminder()
        self.assertEqual(letter.partner_id, self.partner_b)
        report = self.env.ref("recouvrement_fr.action_report_recovery_letter")
        html = report.with_context(lang="en_US")._render_qweb_html(report, letter.ids)[
            0
        ]
        text = " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())
        self.assertIn("Madame, Monsieur", text)
        french = self.env(context=dict(self.env.context, lang="fr_FR"))
        currency = self.company.currency_id
        for mention in (
            format_amount(french, 1234.5, currency),
            format_amount(french, 12345.67, currency),
            format_amount(french, 13660.17, currency),
            "02/12/2025",
            "09/12/2025",
        ):
            self.assertIn(" ".join(mention.split()), text)
        # Never cut at a line end between the figures or before the symbol.
        self.assertIn(format_amount(french, 12345.67, currency), html.decode())
