# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain helpers of the add-on that need Odoo (``core/`` is the pure part):
letter formatting, QR codes, wkhtmltopdf runs, the open-invoice condition and
the sending pipeline's shared names. No model here."""
