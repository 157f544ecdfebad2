# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ...tools.open_invoice import open_invoice_domain

# The sections of Ma journée whose customers are past the amicable phase:
# the litigation dossiers to send and the claims to declare.
ACT_SECTIONS = ("dossiers", "declarations")


class RecoveryMyDay(models.AbstractModel):
    _inherit = "recovery.my.day"

    # EXTENDS recouvrement_fr
    @api.model
    def get_day_data(self, mine=True):
        """A litigation or insolvency line offers the act the procedure
        advice gives for its customer, as the Compte client does."""
        data = super().get_day_data(mine=mine)
        lines = [
            line
            for key in ACT_SECTIONS
            for line in data["sections"].get(key, {}).get("lines", [])
        ]
        acts = self._next_acts({line["partner_id"] for line in lines})
        for line in lines:
            line["act"] = acts.get(line["partner_id"], False)
        return data

    @api.model
    def _next_acts(self, partner_ids):
        """``{partner id: {"code", "label"}}``: the first act core/acts.py
        offers today for each customer's open invoices.

        One search for all the customers' invoices; the advice itself is
        per customer (its claim and its formal notice), on at most the
        lines of two sections (SECTION_LIMIT each).
        """
        if not partner_ids:
            return {}
        moves = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", list(partner_ids)),
                ("company_id", "in", self.env.companies.ids),
                *open_invoice_domain(),
            ],
            order="invoice_date_due, id",
        )
        service = self.env["recovery.act.service"]
        today = fields.Date.context_today(self)
        result = {}
        for partner in moves.commercial_partner_id:
            own = moves.filtered(lambda m, p=partner: m.commercial_partner_id == p)
            codes = service._choice(partner, own, today).codes
            if codes:
                result[partner.id] = {
                    "code": codes[0],
                    "label": service._act_label(codes[0]),
                }
        return result
