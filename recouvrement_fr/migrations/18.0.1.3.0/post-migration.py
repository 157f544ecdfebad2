# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reminder e-mails link to the customer's payment page.

Their templates are ``noupdate``: reload them from the data file, then their
French terms.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(
        env,
        "recouvrement_fr",
        "data/mail_template_data.xml",
        {},
        mode="init",
        noupdate=True,
    )
    langs = env["res.lang"].search([("code", "!=", "en_US")]).mapped("code")
    if langs:
        env["ir.module.module"].search(
            [("name", "=", "recouvrement_fr")]
        )._load_module_terms(["recouvrement_fr"], langs, overwrite=True)
