# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the migration scripts (migrations/<version>/)."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file


def reload_mail_templates(cr):
    """Reload the recovery e-mail templates, which are ``noupdate``, from the
    data file, then their terms in every installed language."""
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
