# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RecoveryCustomerAccount(models.AbstractModel):
    _inherit = "recovery.customer.account"

    # EXTENDS recouvrement_fr
    @api.model
    def _timeline(self, partner, invoices):
        """The judicial acts drafted take their place in the timeline."""
        items = super()._timeline(partner, invoices)
        acts = self.env["recovery.act"].search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        if not acts:
            return items
        items += self._timeline_acts(acts)
        items.sort(
            key=lambda item: (item["date"] or "", item["stamp"] or ""), reverse=True
        )
        return items

    @api.model
    def _timeline_acts(self, acts):
        states = dict(acts._fields["state"]._description_selection(self.env))
        labels = dict(acts._fields["act_code"]._description_selection(self.env))
        return [
            {
                "kind": "act",
                "icon": "fa-balance-scale",
                "date": fields.Date.to_string(act.date),
                "stamp": fields.Datetime.to_string(act.create_date),
                "title": labels.get(act.act_code, act.name),
                "subtitle": " · ".join(
                    filter(None, [act.court or "", states.get(act.state, "")])
                ),
                "body": "",
                "amount": act.amount_total,
                "attachment_id": act.attachment_id.id,
                "attachment_name": act.attachment_id.name or "",
                "res_model": "recovery.act",
                "res_id": act.id,
                "invoices": ", ".join(act.move_ids.mapped("name")),
            }
            for act in acts
        ]

    # EXTENDS recouvrement_fr
    @api.model
    def _next_action(self, partner, invoices):
        """With the next step, the act the procedure advice offers now."""
        action = super()._next_action(partner, invoices)
        if not invoices:
            return action
        service = self.env["recovery.act.service"]
        choice = service._choice(partner, invoices, fields.Date.context_today(self))
        if not choice.codes:
            return action
        code = choice.codes[0]
        act = {"code": code, "label": service._act_label(code)}
        if not action:
            return {
                "date": fields.Date.to_string(fields.Date.context_today(self)),
                "label": act["label"],
                "user": "",
                "act": act,
            }
        return dict(action, act=act)
