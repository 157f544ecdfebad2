# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the migration scripts (migrations/<version>/)."""

import io

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file, file_open
from odoo.tools.convert import convert_xml_import


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


def reload_records(cr, path, xmlids):
    """Reload only the records ``xmlids`` of the data file ``path`` (a
    ``noupdate`` block: an update leaves them as they were)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    with file_open(f"recouvrement_fr/{path}", "rb") as data_file:
        tree = etree.parse(data_file)
    for record in tree.xpath("//record"):
        if record.get("id") not in xmlids:
            record.getparent().remove(record)
    content = io.BytesIO(etree.tostring(tree))
    content.name = path
    convert_xml_import(env, "recouvrement_fr", content, mode="init", noupdate=True)
