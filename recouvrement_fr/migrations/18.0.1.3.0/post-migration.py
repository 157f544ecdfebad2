# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reminder e-mails link to the customer's payment page (their templates
are ``noupdate``: reloaded)."""

from odoo.addons.recouvrement_fr.upgrade import reload_mail_templates


def migrate(cr, version):
    reload_mail_templates(cr)
