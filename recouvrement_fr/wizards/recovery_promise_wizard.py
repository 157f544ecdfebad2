# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.open_invoice import open_invoices


class RecoveryPromiseWizard(models.TransientModel):
    """The date and amount a customer promised on the phone, then one call:
    the same promise to pay as the portal's, and the call is done."""

    _name = "recovery.promise.wizard"
    _description = "Payment promised during a call"
    _check_company_auto = True

    event_id = fields.Many2one("recovery.event", string="Call", required=True)
    company_id = fields.Many2one(related="event_id.company_id")
    currency_id = fields.Many2one(related="event_id.currency_id")
    partner_id = fields.Many2one(related="event_id.partner_id", string="Customer")
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id), "
        "('recovery_is_open', '=', True)]",
    )
    date = fields.Date(string="Promised date", required=True)
    amount = fields.Monetary(
        string="Amount promised",
        currency_field="currency_id",
        help="Empty: everything due on the invoices.",
    )
    note = fields.Text()

    # EXTENDS base
    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        event = self.env["recovery.event"].browse(
            values.get("event_id") or self.env.context.get("active_id")
        )
        if event:
            moves = open_invoices(event.move_ids)
            values.update(
                event_id=event.id,
                move_ids=[Command.set(moves.ids)],
                amount=sum(moves.mapped("amount_residual")),
            )
        return values

    def action_confirm(self):
        self.ensure_one()
        if not self.move_ids:
            raise UserError(
                self.env._("The invoices of this call are paid: nothing to promise.")
            )
        self.event_id._recovery_promise_from_call(
            self.move_ids, self.date, self.amount, self.note
        )
        return {"type": "ir.actions.act_window_close"}
