# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    recovery_blocked = fields.Boolean(
        string="Recovery blocked",
        tracking=True,
        help="No recovery step is taken for any invoice of this customer.",
    )
    recovery_block_reason = fields.Char(string="Blocking reason")
    recovery_contact_id = fields.Many2one(
        "res.partner",
        string="Recovery contact",
        domain="[('id', 'child_of', commercial_partner_id)]",
        help="Person who receives the reminders; by default the invoicing address.",
    )
    recovery_note = fields.Text(string="Recovery note")
    recovery_event_count = fields.Integer(compute="_compute_recovery_event_count")

    @api.depends("commercial_partner_id")
    def _compute_recovery_event_count(self):
        counts = dict(
            self.env["recovery.event"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.recovery_event_count = counts.get(partner.commercial_partner_id, 0)

    def _recovery_recipient(self):
        """Contact who receives the reminders of this customer."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if commercial.recovery_contact_id:
            return commercial.recovery_contact_id
        return self.browse(commercial.address_get(["invoice"])["invoice"])

    def action_view_recovery_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"create": False}
        return action
