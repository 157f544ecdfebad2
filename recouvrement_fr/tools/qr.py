# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""QR codes of the payment page, drawn as SVG paths (no image library)."""

try:
    import qrcode
except ImportError:  # pragma: no cover - Odoo requires it; reportlab otherwise
    qrcode = None

# Modules per side of the quiet zone (ISO/IEC 18004).
QR_BORDER = 4


def qr_matrix(value):
    """The modules of the QR code of ``value`` (rows of booleans, quiet zone
    included), or None without ``qrcode``.

    The mask pattern is fixed: the standard lets a writer use any of the
    eight, and trying them all (the library's default) takes 15 ms a code.
    """
    if qrcode is None:
        return None
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=QR_BORDER,
        mask_pattern=0,
    )
    code.add_data(value)
    code.make(fit=True)
    return code.get_matrix()


def qr_svg(value):
    """SVG bytes of the QR code of ``value``, or None without ``qrcode``.

    One path of the dark runs of each row: drawn in vector in the PDF, sharp
    at any printer's resolution, and made in a fraction of the time of a
    PNG (no image library, no compression).
    """
    matrix = qr_matrix(value)
    if matrix is None:
        return None
    runs = []
    for y, row in enumerate(matrix):
        x, width = 0, len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    size = len(matrix)
    return (
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            'shape-rendering="crispEdges"><rect width="{size}" height="{size}" '
            'fill="#fff"/><path fill="#000" d="{path}"/></svg>'
        )
        .format(size=size, path="".join(runs))
        .encode()
    )
