# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ...tools.open_invoice import open_invoice_domain

# Lines shown in the section; the count is exact.
CLOSED_LIMIT = 80


class RecoveryMyDay(models.AbstractModel):
    _inherit = "recovery.my.day"

    # EXTENDS recouvrement_fr
    @api.model
    def get_day_data(self, mine=True):
        data = super().get_day_data(mine=mine)
        closed = self._closed_companies(mine)
        self._add_customer_facts({"closed": closed})
        data["sections"]["closed"] = closed
        return data

    @api.model
    def _closed_companies(self, mine):
        """Customers owing money that the Sirene register says are closed:
        their recovery takes another route (liquidator, guarantors)."""
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("commercial_partner_id.recovery_sirene_state", "=", "closed"),
            *open_invoice_domain(),
        ]
        if mine:
            uid = self.env.uid
            domain += [
                "|",
                ("commercial_partner_id.recovery_user_id", "=", uid),
                "&",
                ("commercial_partner_id.recovery_user_id", "=", False),
                ("company_id.recovery_user_id", "=", uid),
            ]
        groups = self.env["account.move"]._read_group(
            domain, ["commercial_partner_id"], ["invoice_date_due:min"]
        )
        summary = self.env._("Closed in the Sirene register")
        return {
            "count": len(groups),
            "lines": [
                {
                    "partner_id": partner.id,
                    "date": fields.Date.to_string(oldest),
                    "late": True,
                    "summary": summary,
                }
                for partner, oldest in groups[:CLOSED_LIMIT]
            ],
        }
