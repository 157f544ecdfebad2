# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""wkhtmltopdf for the letters: one process of letters (see recovery.pdf),
and whether the installed build renders several documents in one run."""

import functools
import subprocess
from dataclasses import dataclass

from odoo.tools.misc import find_in_path


@dataclass
class PdfRun:
    """A wkhtmltopdf process rendering the letters of ``ids``; ``process`` is
    None until started (at most one running per processor)."""

    process: subprocess.Popen | None
    ids: list
    body_path: str
    pdf_path: str
    command: list
    error: OSError | None = None


@functools.cache
def wkhtmltopdf_renders_batches():
    """Only a wkhtmltopdf built with patched Qt renders several documents at once.

    Letters are an exception: a batch of them is one document (see
    models/sending/ir_actions_report.py).
    """
    try:
        version = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in version.lower()
