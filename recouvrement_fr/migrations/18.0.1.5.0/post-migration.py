# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The payment plan's e-mail prints the plan's default clause from the same
source as its PDF (issue #21): its ``noupdate`` template is reloaded, then
the translated terms of the e-mail templates."""

from odoo.addons.recouvrement_fr.upgrade import reload_mail_templates, reload_records


def migrate(cr, version):
    reload_records(cr, "data/recovery_plan_data.xml", {"mail_template_recovery_plan"})
    reload_mail_templates(cr)
