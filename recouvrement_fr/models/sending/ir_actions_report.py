# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import lxml.html
from lxml import etree

from odoo import models

from ...tools.sending import LETTER_ASSETS, LETTERHEAD_REPORTS

LETTER_ASSETS_LINK = re.compile(
    r'<link[^>]*href="[^"]*/recouvrement_fr\.report_assets_letter(?:\.rtl)?'
    r'\.min\.css"[^>]*>'
)
# {bundle URL (its version in it): stylesheet}, for this process.
_LETTER_CSS = {}
ARTICLE_XPATH = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"
)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    # EXTENDS base
    def _prepare_html(self, html, report_model=False):
        """Letters: one body for the whole batch, without header or footer.

        wkhtmltopdf loads every body, header and footer as a page of its own,
        with the whole report stylesheet: for a batch of letters that is most
        of the time spent. Each letter starts a new page and opens with the
        only top-level heading of its text, so that the PDF is still split per
        record (by page or by outline), as for any report.
        """
        if self.report_name not in LETTERHEAD_REPORTS:
            return super()._prepare_html(html, report_model=report_model)
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        articles = root.xpath(ARTICLE_XPATH)
        res_ids = [
            int(node.get("data-oe-id", 0))
            if node.get("data-oe-model") == report_model
            else None
            for node in articles
        ]
        if len(articles) > 1:
            batch = etree.Element(
                "div",
                {
                    "class": "article",
                    "data-oe-model": articles[0].get("data-oe-model", ""),
                    "data-oe-lang": articles[0].get("data-oe-lang", ""),
                },
            )
            articles[0].addprevious(batch)
            for index, node in enumerate(articles):
                classes = [
                    "o_recovery_letter" if name == "article" else name
                    for name in node.get("class", "").split()
                ]
                node.set("class", " ".join(classes))
                if index:
                    node.set("style", "page-break-before: always;")
                batch.append(node)
            html = lxml.html.tostring(root, encoding="utf-8")
        res = super()._prepare_html(html, report_model=report_model)
        if not res:
            return res
        bodies, _ids, _header, _footer, paperformat_args = res
        bodies = [self._recovery_inline_stylesheet(body) for body in bodies]
        # No header/footer pages: each would be loaded once per page.
        return bodies, res_ids, None, None, paperformat_args

    def _recovery_inline_stylesheet(self, body):
        """The letters' stylesheet written in the page instead of linked.

        wkhtmltopdf then never asks the server for it: no request per run,
        and no wait on a server that would compile and store the stylesheet
        while this transaction, still open, holds locks its insert needs
        (the first letters after an upgrade).
        """
        lang = self.env["res.lang"]._get_data(code=self.env.lang or self.env.user.lang)
        bundle = self.env["ir.qweb"]._get_asset_bundle(
            LETTER_ASSETS,
            css=True,
            js=False,
            rtl=lang.direction == "rtl",
            assets_params=self.env["ir.asset"]._get_asset_params(),
        )
        url = bundle.get_link("css")
        css = _LETTER_CSS.get(url)
        if css is None:
            css = "".join(sheet.raw.decode() for sheet in bundle.css())
            if len(_LETTER_CSS) > 20:
                _LETTER_CSS.clear()
            _LETTER_CSS[url] = css
        if "</style" in css:
            return body
        return LETTER_ASSETS_LINK.sub(lambda _m: f"<style>{css}</style>", body, count=1)

    # EXTENDS base
    def _get_layout(self):
        """Letters: Odoo's page, with the letters' own stylesheet bundle
        (``report_assets_letter``: the report one without the Bootstrap
        components a letter never shows). wkhtmltopdf parses the stylesheet
        once per run; the whole one costs more than a letter."""
        if len(self) == 1 and self.report_name in LETTERHEAD_REPORTS:
            layout = self.env.ref(
                "recouvrement_fr.recovery_letter_minimal_layout",
                raise_if_not_found=False,
            )
            if layout:
                return layout
        return super()._get_layout()

    # EXTENDS base
    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        reports = self
        name = report_ref and self._get_report(report_ref).report_name
        if name in LETTERHEAD_REPORTS:
            reports = self.with_context(recovery_letter_pdf=True)
        return super(IrActionsReport, reports)._run_wkhtmltopdf(
            bodies, report_ref=report_ref, **kwargs
        )

    # EXTENDS base
    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env.context.get("recovery_letter_pdf") and (
            "--javascript-delay" in command_args
        ):
            # The delay waits for the header/footer script; letters have none.
            command_args[command_args.index("--javascript-delay") + 1] = "0"
        return command_args
