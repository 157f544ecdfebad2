# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The friendly reminder e-mail recalls a broken promise to pay (its template
is ``noupdate``: reloaded). The customer's stage (rule 8 of core/ladder.py)
needs no data change: new columns only."""

from odoo.addons.recouvrement_fr.upgrade import reload_mail_templates


def migrate(cr, version):
    reload_mail_templates(cr)
