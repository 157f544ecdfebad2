# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from odoo import models

try:
    import qrcode
except ImportError:  # pragma: no cover - Odoo requires it; reportlab otherwise
    qrcode = None

# Modules per side of the quiet zone (ISO/IEC 18004) and pixels per module.
QR_BORDER = 4
QR_BOX = 5


def qr_png(value):
    """PNG bytes of the QR code of ``value``, or None without ``qrcode``.

    The mask pattern is fixed: the standard lets a writer use any of the
    eight, and trying them all (the library's default) takes 15 ms a code.
    """
    if qrcode is None:
        return None
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=QR_BOX,
        border=QR_BORDER,
        mask_pattern=0,
    )
    code.add_data(value)
    code.make(fit=True)
    stream = io.BytesIO()
    code.make_image().save(stream)
    return stream.getvalue()


class RecoveryEvent(models.Model):
    _inherit = "recovery.event"

    def _recovery_portal_qr_src(self, url):
        """The QR code of ``url`` as a ``data:`` URI, for the letter itself.

        In the page rather than a ``/report/barcode`` link: wkhtmltopdf
        would otherwise ask the server for each letter's image, one request
        after the other (about 0.1 s a letter).
        """
        png = qr_png(url) or self.env["ir.actions.report"].barcode(
            "QR", url, width=180, height=180
        )
        return "data:image/png;base64," + base64.b64encode(png).decode()
