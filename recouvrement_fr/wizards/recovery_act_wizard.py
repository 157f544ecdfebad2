# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from ..core.vocabulary import (
    ACT_FEE_KINDS,
    ACT_MISSIONS,
    ACT_RELIEF_GROUNDS,
    ACT_SECURITY_KINDS,
    ACTS,
)
from ..tools.open_invoice import open_invoice_domain

# What the user enters for an act, copied to the recovery.act.
INPUT_FIELDS = (
    "court_city",
    "recipient_id",
    "mission",
    "fee_kind",
    "fee_amount",
    "fee_percentage",
    "security_kind",
    "security_description",
    "retention_clause",
    "administrator_appointed",
    "goods",
    "relief_ground",
    "mediator",
)


class RecoveryActWizard(models.TransientModel):
    """Confirm what an act needs (court city, fees, securities...) and draft
    it: one call to ``recovery.act.service._draft``."""

    _name = "recovery.act.wizard"
    _description = "Draft a judicial act"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    move_ids = fields.Many2many("account.move", string="Invoices", required=True)
    act_code = fields.Selection(ACTS, string="Act", required=True)
    available_text = fields.Text(
        string="Acts available", compute="_compute_available_text"
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    court_city = fields.Char(string="Court city (debtor's seat)")
    recipient_id = fields.Many2one("res.partner", string="Addressee")
    mission = fields.Selection(ACT_MISSIONS)
    fee_kind = fields.Selection(ACT_FEE_KINDS, string="Fee terms", default="tariff")
    fee_amount = fields.Monetary(string="Fixed fee")
    fee_percentage = fields.Float(string="Fee percentage", digits=(5, 2))
    security_kind = fields.Selection(ACT_SECURITY_KINDS, string="Security")
    security_description = fields.Text(string="Security details")
    retention_clause = fields.Boolean(
        string="Retention-of-title clause agreed in writing"
    )
    administrator_appointed = fields.Boolean(string="Administrator appointed")
    goods = fields.Text(string="Goods claimed")
    relief_ground = fields.Selection(ACT_RELIEF_GROUNDS, string="Ground of relief")
    mediator = fields.Char(string="Consumer mediator")

    @api.depends("partner_id", "move_ids", "retention_clause", "mediator")
    def _compute_available_text(self):
        service = self.env["recovery.act.service"]
        today = fields.Date.context_today(self)
        for wizard in self:
            if not (wizard.partner_id and wizard.move_ids):
                wizard.available_text = False
                continue
            choice = service._choice(
                wizard.partner_id,
                wizard.move_ids,
                today,
                wizard.retention_clause,
                wizard.mediator,
            )
            wizard.available_text = "\n".join(
                service._act_label(code) for code in choice.codes
            ) or service._refusal_text(choice.unavailable[0][1])

    @api.model
    def _open(self, partner, moves=None):
        """The wizard for ``partner``'s ``moves`` (default: its open invoices),
        the first act the advice offers preselected."""
        if not moves:
            moves = self.env["account.move"].search(
                [
                    ("commercial_partner_id", "=", partner.id),
                    ("company_id", "in", self.env.companies.ids),
                    *open_invoice_domain(),
                ],
                order="invoice_date_due, id",
            )
        service = self.env["recovery.act.service"]
        codes = (
            moves
            and service._choice(partner, moves, fields.Date.context_today(self)).codes
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Draft a judicial act"),
            "res_model": self._name,
            "view_mode": "form",
            # called by the screens through the ORM too: the web client
            # needs the views (a button's action gets them from the server)
            "views": [[False, "form"]],
            "target": "new",
            "context": {
                "default_partner_id": partner.id,
                "default_move_ids": moves.ids,
                "default_act_code": codes[0] if codes else False,
                "default_court_city": partner.recovery_court_city or partner.city,
            },
        }

    def action_draft(self):
        self.ensure_one()
        values = {name: self[name] for name in INPUT_FIELDS}
        values["recipient_id"] = self.recipient_id.id
        act = self.env["recovery.act.service"]._draft(
            self.partner_id, self.move_ids, self.act_code, values
        )
        if self.court_city and self.court_city != self.partner_id.recovery_court_city:
            # Kept on the customer (CPC 1406); accountants may not edit
            # contacts: only this field is written.
            self.partner_id.sudo().recovery_court_city = self.court_city
        return {
            "type": "ir.actions.act_window",
            "res_model": "recovery.act",
            "res_id": act.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "current",
        }
