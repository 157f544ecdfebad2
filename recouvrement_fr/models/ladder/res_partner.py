# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from ...core.vocabulary import MANUAL_STAGES, STAGES
from ...tools.open_invoice import open_invoice_domain
from ...tools.tracking import tracking_records


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

    recovery_stage_manual = fields.Selection(
        MANUAL_STAGES,
        string="Stage set by hand",
        company_dependent=True,
        tracking=True,
        help="Puts the whole customer in this stage in the current company, e.g. "
        "a lawyer already instructed: its invoices stop climbing the reminder "
        "ladder and new overdue ones join this stage.",
    )
    recovery_customer_stage = fields.Selection(
        STAGES,
        string="Customer recovery stage",
        compute="_compute_recovery_customer_stage",
        help="The most advanced stage of the customer's open invoices, or the "
        "stage set by hand, or the claim to declare under insolvency "
        "proceedings. In a payment plan, litigation or a claim to declare, "
        "its new overdue invoices join that stage instead of starting the "
        "reminders.",
    )

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

    def _recovery_open_invoices(self):
        """Posted customer invoices of this customer still due, current company."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                *open_invoice_domain(),
            ]
        )

    # ------------------------------------------------------------
    # THE CUSTOMER'S OWN STAGE (rule 8 of core/ladder.py)
    # ------------------------------------------------------------

    @api.depends_context("company")
    @api.depends("recovery_stage_manual", "recovery_insolvency")
    def _compute_recovery_customer_stage(self):
        stages = self.env["recovery.customer.stage"]._stages(
            self.commercial_partner_id, self.env.company
        )
        for partner in self:
            partner.recovery_customer_stage = stages.get(
                (partner.commercial_partner_id.id, self.env.company.id), "none"
            )

    # EXTENDS base
    def write(self, vals):
        opened = (
            self.filtered(lambda p: not p.recovery_insolvency)
            if vals.get("recovery_insolvency")
            else self.browse()
        )
        result = super().write(vals)
        insolvent = self.filtered("recovery_insolvency")
        if opened:
            self.env["recovery.customer.stage"]._open_insolvency(opened)
        elif insolvent and {"recovery_bodacc_date", "recovery_insolvency_date"} & set(
            vals
        ):
            self.env["recovery.customer.stage"]._plan_declarations(insolvent)
        return result

    # EXTENDS mail
    def _message_track(self, fields_iter, initial_values_dict):
        """Tracked values in the writer's language, else the company's
        (the nightly run has none): never English in a French chatter."""
        records = tracking_records(self)
        return super(ResPartner, records)._message_track(
            fields_iter, initial_values_dict
        )
