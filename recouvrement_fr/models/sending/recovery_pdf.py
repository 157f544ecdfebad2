# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import logging
import os
import subprocess
import tempfile

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfReader, PdfWriter

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from ...tools.pdf_run import PdfRun
from ...tools.qr import qr_svg
from ...tools.sending import LETTERHEAD_REPORTS

_logger = logging.getLogger(__name__)

try:  # optional: qpdf writes each letter's PDF five times faster than PyPDF2
    import pikepdf
except ImportError:
    pikepdf = None

# Letters per wkhtmltopdf run, at least: each run loads the styles once
# (about 0.2 s of CPU for Odoo's report stylesheets).
SLICE_MIN = 8
# Letters per run, at most: the first PDFs are ready while the next slices'
# HTML is rendered, and a long chunk does not end waiting for one long run.
SLICE_MAX = 25


class RecoveryPdf(models.AbstractModel):
    """Letters of a chunk rendered by several wkhtmltopdf processes at once.

    Odoo's report engine runs one wkhtmltopdf and waits for it. Here the
    letters are cut in slices, one per processor: each slice's HTML is
    rendered, then its wkhtmltopdf started without waiting, so that the PDFs
    of the first slices are made while the next slices, the e-mails and the
    messages are prepared.
    """

    _name = "recovery.pdf"
    _description = "Recovery Letters Rendering"

    def _qr_src(self, url):
        """The QR code of ``url`` as a ``data:`` URI, for the letter itself.

        In the page rather than a ``/report/barcode`` link: wkhtmltopdf
        would otherwise ask the server for each letter's image, one request
        after the other (about 0.1 s a letter).
        """
        svg = qr_svg(url)
        if svg:
            return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        png = self.env["ir.actions.report"].barcode("QR", url, width=180, height=180)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def _can_start(self, report):
        """Only the letters are one document without header or footer."""
        return report.report_name in LETTERHEAD_REPORTS

    def _slices(self, ids):
        """``ids`` cut in slices: one per processor at least, of ``SLICE_MIN``
        letters at least and ``SLICE_MAX`` at most."""
        count = max(
            1,
            min(os.cpu_count() or 1, len(ids) // SLICE_MIN),
            -(-len(ids) // SLICE_MAX),
        )
        size = -(-len(ids) // count)
        return [ids[start : start + size] for start in range(0, len(ids), size)]

    def _start(self, report, ids):
        """Render the letters of ``ids`` as one document, ready for its
        wkhtmltopdf (started by :meth:`_tick` or when waited for)."""
        report = report.with_context(debug=False, recovery_letter_pdf=True)
        html = report._render_qweb_html(report, ids, data={"report_type": "pdf"})[0]
        bodies, html_ids, header, footer, paper_args = report._prepare_html(
            html, report_model=report.model
        )
        if len(bodies) != 1 or header or footer or list(html_ids) != list(ids):
            raise UserError(_("The letters could not be rendered as one document."))
        args = report._build_wkhtmltopdf_args(
            report.get_paperformat(),
            report.env.context.get("landscape"),
            specific_paperformat_args=paper_args,
        )
        body_fd, body_path = tempfile.mkstemp(suffix=".html", prefix="recovery.")
        with os.fdopen(body_fd, "wb") as body_file:
            body_file.write(bodies[0].encode())
        pdf_fd, pdf_path = tempfile.mkstemp(suffix=".pdf", prefix="recovery.")
        os.close(pdf_fd)
        command = [_get_wkhtmltopdf_bin(), *args, body_path, pdf_path]
        return PdfRun(None, list(ids), body_path, pdf_path, command)

    def _launch(self, run):
        """Start the wkhtmltopdf of ``run``; a failure to start is raised when
        the run is waited for (its letters are then rendered one by one)."""
        try:
            run.process = subprocess.Popen(
                run.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        except OSError as exc:
            run.error = exc

    def _tick(self, runs):
        """Start the next runs not started yet, while fewer wkhtmltopdf run
        than there are processors: more would only share the same cores."""
        running = sum(
            1 for run in runs if run.process is not None and run.process.poll() is None
        )
        for run in runs:
            if running >= (os.cpu_count() or 1):
                break
            if run.process is None and run.error is None:
                self._launch(run)
                running += 1

    def _finish(self, run):
        """Wait for ``run``; {record id: PDF bytes of its own letter}."""
        try:
            if run.process is None and run.error is None:
                self._launch(run)
            if run.error is not None:
                raise run.error
            _out, err = run.process.communicate()
            # 1: wkhtmltopdf's "done, with warnings" (a resource not loaded).
            if run.process.returncode not in (0, 1):
                raise UserError(
                    _(
                        "wkhtmltopdf failed (error code: %(code)s): %(message)s",
                        code=run.process.returncode,
                        message=err.decode(errors="replace")[-1000:],
                    )
                )
            with open(run.pdf_path, "rb") as pdf_file:
                content = pdf_file.read()
        finally:
            self._cleanup(run.body_path, run.pdf_path)
        return self._split(content, run.ids)

    def _abort(self, run):
        """Stop ``run`` (its chunk failed before waiting for it)."""
        if run.process is not None:
            if run.process.poll() is None:
                run.process.kill()
            run.process.communicate()
        self._cleanup(run.body_path, run.pdf_path)

    def _cleanup(self, *paths):
        for path in paths:
            try:
                os.unlink(path)
            except OSError:
                _logger.warning("Recovery: could not remove %s", path)

    def _split(self, content, ids):
        """The PDF of each letter: each one starts a page with the only
        top-level heading of its text (see ir_actions_report.py)."""
        if len(ids) == 1:
            return {ids[0]: content}
        reader = PdfReader(io.BytesIO(content))
        starts = self._letter_starts(reader, len(ids))
        ends = starts[1:] + [len(reader.pages)]
        pieces = list(zip(ids, starts, ends, strict=True))
        if pikepdf is not None:
            return self._split_qpdf(content, pieces)
        result = {}
        for record_id, start, end in pieces:
            writer = PdfWriter()
            for number in range(start, end):
                writer.add_page(reader.pages[number])
            stream = io.BytesIO()
            writer.write(stream)
            result[record_id] = stream.getvalue()
        return result

    def _split_qpdf(self, content, pieces):
        """The same split through qpdf (pikepdf), when it is installed."""
        result = {}
        with pikepdf.open(io.BytesIO(content)) as source:
            for record_id, start, end in pieces:
                with pikepdf.new() as letter:
                    letter.pages.extend(source.pages[start:end])
                    stream = io.BytesIO()
                    letter.save(stream)
                    result[record_id] = stream.getvalue()
        return result

    def _letter_starts(self, reader, count):
        """First page of each of the ``count`` letters of ``reader``: by page,
        else by the top-level outlines (wkhtmltopdf's named destinations)."""
        if len(reader.pages) == count:
            return list(range(count))
        numbers = {
            page.indirect_reference.idnum: index
            for index, page in enumerate(reader.pages)
        }
        named = reader.named_destinations
        root = reader.trailer["/Root"]
        node = root["/Outlines"]["/First"] if "/Outlines" in root else None
        starts = set()
        while node is not None:
            page = named[node["/Dest"]]["/Page"] if "/Dest" in node else None
            if hasattr(page, "idnum"):
                page = numbers.get(page.idnum)
            starts.add(page if isinstance(page, int) else None)
            node = node["/Next"] if "/Next" in node else None
        starts = sorted(starts) if None not in starts else []
        if len(starts) != count or starts[0] != 0:
            raise UserError(_("The PDF of the letters could not be split per letter."))
        return starts
