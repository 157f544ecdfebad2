# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_date

from ..core.vocabulary import AGEING_MEASURES


class RecoveryAgeingWizard(models.TransientModel):
    """Ageing balance at a chosen date: open it (list, pivot, graph) or print it."""

    _name = "recovery.ageing.wizard"
    _description = "Ageing balance at a date"

    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Open amounts as they stood at the end of this day.",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Companies",
        required=True,
        default=lambda self: self.env.companies,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="Empty: all customers.",
    )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_ageing_action"
        )
        action["domain"] = self._recovery_domain()
        action["context"] = {
            "recovery_ageing_date": fields.Date.to_string(self.date),
            "search_default_group_partner": 1,
        }
        action["name"] = self.env._(
            "Ageing balance at %(date)s", date=format_date(self.env, self.date)
        )
        action["target"] = "main"
        return action

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "recouvrement_fr.action_report_recovery_ageing"
        ).report_action(self)

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _recovery_domain(self):
        domain = [("company_id", "in", self.company_ids.ids)]
        if self.partner_ids:
            domain.append(
                ("partner_id", "in", self.partner_ids.commercial_partner_id.ids)
            )
        return domain

    @api.model
    def _recovery_empty_totals(self):
        return dict.fromkeys(AGEING_MEASURES, 0)

    def _recovery_report_data(self):
        """What the PDF prints: per company, one row per customer and the totals.

        :return: list of ``{"company", "currency", "rows": [{"partner", ...}],
            "total": {...}}``, companies and customers sorted by name.
        """
        self.ensure_one()
        totals = self.env["recovery.ageing"]._recovery_totals(
            ["company_id", "partner_id"],
            self._recovery_domain(),
            self.date,
            order="company_id, partner_id",
        )
        rows_by_company = defaultdict(list)
        for (company, partner), values in totals.items():
            rows_by_company[company].append(dict(values, partner=partner))
        result = []
        for company in self.company_ids.sorted("name"):
            rows = rows_by_company.get(company)
            if not rows:
                continue
            total = self._recovery_empty_totals()
            for key in total:
                total[key] = sum(row[key] for row in rows)
            result.append(
                {
                    "company": company,
                    "currency": company.currency_id,
                    "rows": rows,
                    "total": total,
                }
            )
        return result
