# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #21.

- The payment plan's e-mail prints the plan's default clause from the same
  source as its PDF: its ``noupdate`` template is reloaded, then the
  translated terms of the e-mail templates.
- A business is no longer presumed a merchant when nothing tells: the
  customers stored as merchants without a legal form nor an activity code
  (the old presumption) are derived again, from their name too.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.recouvrement_fr.upgrade import reload_mail_templates, reload_records


def migrate(cr, version):
    reload_records(cr, "data/recovery_plan_data.xml", {"mail_template_recovery_plan"})
    reload_mail_templates(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    partners = (
        env["res.partner"]
        .with_context(active_test=False)
        .search(
            [
                ("recovery_is_merchant", "=", True),
                ("recovery_legal_form", "=", False),
                ("recovery_naf_code", "=", False),
            ]
        )
    )
    field = partners._fields["recovery_is_merchant"]
    env.add_to_compute(field, partners)
    partners.flush_recordset(["recovery_is_merchant"])
