# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Documents the debtor reads whose figures or clauses core/ may refuse.
CHECKED_REPORTS = (
    "recouvrement_fr.report_mise_en_demeure",
    "recouvrement_fr.report_recovery_bordereau",
    "recouvrement_fr.report_recovery_statement",
)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    # EXTENDS base
    def _render_qweb_html(self, report_ref, docids, data=None):
        """A notice, statement or dossier cover is refused before rendering
        when a datum is missing (a rate, the consumer mediator...): the user
        gets what to enter, the debtor never reads an internal message."""
        report = self._get_report(report_ref)
        if report.report_name in CHECKED_REPORTS and docids:
            records = self.env[report.model].browse(docids)
            if report.model == "res.partner":
                day = (data or {}).get("recovery_date") or fields.Date.context_today(
                    self
                )
                for partner in records:
                    partner._recovery_open_invoices()._recovery_decompte_to_issue(day)
            else:
                records._recovery_check_issuable()
        return super()._render_qweb_html(report_ref, docids, data=data)
