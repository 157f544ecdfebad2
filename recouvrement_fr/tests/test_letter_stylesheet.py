# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import re
import shutil
import subprocess
import tempfile
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools.misc import format_amount, format_date

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from ..models.ladder.recovery_event import RecoveryEvent
from ..tools.letter_format import LetterFormat
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
        # The company's identity is RecoveryCommon's.
        cls.company.recovery_signatory_function = "Gérante"
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

    def _pages(self, html, css, workdir, name, args):
        """PNG bytes of each page of ``html`` printed with the stylesheet
        ``css``, with the report's own wkhtmltopdf arguments (the stylesheet
        read from a file)."""
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
        args = [arg for arg in args if arg != "--disable-local-file-access"]
        subprocess.run(
            [
                _get_wkhtmltopdf_bin(),
                *args,
                "--enable-local-file-access",
                html_path,
                pdf_path,
            ],
            check=False,
            capture_output=True,
            timeout=120,
        )
        prefix = os.path.join(workdir, name)
        subprocess.run(["pdftoppm", "-r", "90", "-png", pdf_path, prefix], check=True)
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
        # Compiled, not Odoo's stylesheet of a compilation error, and with
        # what the letters and the company's header and footer use.
        self.assertNotIn(b"A css error occured", css[LIGHT])
        for selector in (
            b".col-6{",
            b".table-sm",
            b".text-nowrap{",
            b".text-end{",
            b".fw-bold{",
            b".gap-1{",
            b".fa-phone",
        ):
            self.assertIn(selector, css[LIGHT])
        for selector in (b".carousel-item", b".form-control", b".navbar-nav"):
            self.assertIn(selector, css[FULL])
            self.assertNotIn(selector, css[LIGHT])
        self.assertNotIn(b".text-md-end", css[LIGHT])
        for report, events in (
            ("recouvrement_fr.action_report_recovery_letter", reminder),
            ("recouvrement_fr.action_report_mise_en_demeure", notice),
            ("recouvrement_fr.action_report_recovery_statement", self.partner_b),
        ):
            report = self.env.ref(report)
            # A statement is not issued with a missing rate (issue #21): on a
            # day whose half-year's rates are entered.
            data = (
                {"recovery_date": "2026-06-30"}
                if events._name == "res.partner"
                else None
            )
            html = report._render_qweb_html(report, events.ids, data=data)[0]
            body = report._prepare_html(html, report_model=report.model)[0][0]
            # The letters' stylesheet is in the page: wkhtmltopdf does not
            # ask the server for it.
            inline = f"<style>{css[LIGHT].decode()}</style>"
            self.assertIn(inline, body)
            self.assertNotIn(f"/{LIGHT}.min.css", body)
            self.assertNotIn(f"/{FULL}.min.css", body)
            body = body.replace(inline, f'<link href="/web/assets/1/{LIGHT}.min.css"/>')
            args = report.with_context(
                recovery_letter_pdf=True
            )._build_wkhtmltopdf_args(report.get_paperformat(), False)
            with tempfile.TemporaryDirectory() as workdir:
                full = self._pages(body, css[FULL], workdir, "full", args)
                light = self._pages(body, css[LIGHT], workdir, "light", args)
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
        currencies = [self.env.ref(f"base.{name}") for name in ("EUR", "USD", "JPY")]
        values = (0.0, 0.5, 1.005, 2.675, -0.004, 5.5, -40.0, 1234.5, 5750.404)
        values += (12345678.9, -98765.43)
        dates = (d("2026-01-02"), d("2026-12-31"))
        # Groups of three, Indian groups, none; comma, point or apostrophe.
        for lang in ("fr_FR", "en_US", "en_IN", "de_CH", "hi_IN"):
            self.env["res.lang"]._activate_lang(lang)
            env = self.env(context=dict(self.env.context, lang=lang))
            write = LetterFormat(env)
            for currency in currencies:
                for value in values:
                    self.assertEqual(
                        write.amount(value, currency),
                        format_amount(env, value, currency),
                        f"{value} {currency.name} in {lang}",
                    )
            for day in dates:
                self.assertEqual(write.date(day), format_date(env, day), lang)
        french = LetterFormat(self.env(context=dict(self.env.context, lang="fr_FR")))
        self.assertEqual(french.amount(5750.4, currencies[0]), "5\xa0750,40\xa0€")
        self.assertEqual(french.date(dates[0]), "02/01/2026")
        indian = LetterFormat(self.env(context=dict(self.env.context, lang="en_IN")))
        self.assertEqual(
            indian.amount(12345678.9, currencies[1]), "$\xa01,23,45,678.90"
        )

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

    def test_french_email_lists_the_figures_of_the_letter(self):
        """The e-mail's body in French (its translation, not the English
        source) lists the invoices with the letter's figures."""
        letter = self._reminder()
        template = self.env.ref("recouvrement_fr.mail_template_recovery_friendly")
        with patch.object(
            RecoveryEvent,
            "_recovery_letter_lines",
            autospec=True,
            side_effect=RecoveryEvent._recovery_letter_lines,
        ) as lines:
            body = template._generate_template(letter.ids, ["body_html"])[letter.id][
                "body_html"
            ]
        self.assertEqual(lines.call_count, 1)
        self.assertIn("Madame, Monsieur", body)
        french = self.env(context=dict(self.env.context, lang="fr_FR"))
        currency = self.company.currency_id
        for figure in (
            format_amount(french, 12345.67, currency),
            format_date(french, d("2025-12-09")),
        ):
            self.assertIn(figure, body.replace("&nbsp;", "\xa0"))
