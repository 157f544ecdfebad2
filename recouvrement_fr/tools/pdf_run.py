# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One wkhtmltopdf process of letters (see recovery.pdf)."""

import subprocess
from dataclasses import dataclass


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
