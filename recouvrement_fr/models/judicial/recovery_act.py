# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...core.vocabulary import (
    ACT_FEE_KINDS,
    ACT_MISSIONS,
    ACT_RELIEF_GROUNDS,
    ACT_SECURITY_KINDS,
    ACT_STATES,
    ACTS,
)

REFERRALS = (
    "conciliation_referral",
    "business_mediation_referral",
    "consumer_mediation_referral",
)


class RecoveryAct(models.Model):
    """A judicial act drafted for a customer: the evidence that it was
    written, with its PDF, and where it stands (drafted, sent, acknowledged).

    Never deleted: a wrong act is cancelled, and stays. The law and the
    figures come from core/acts.py through ``recovery.act.service``; the
    choices the user made (court city, fees, securities, mediator...) are
    kept here so that the PDF can be rebuilt as it was.
    """

    _name = "recovery.act"
    _description = "Judicial act (recovery)"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    act_code = fields.Selection(ACTS, string="Act", required=True, readonly=True)
    move_ids = fields.Many2many(
        "account.move",
        "recovery_act_move_rel",
        "act_id",
        "move_id",
        string="Invoices",
        readonly=True,
    )
    state = fields.Selection(
        ACT_STATES, default="drafted", required=True, tracking=True, readonly=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    sent_date = fields.Date(string="Sent on", tracking=True)
    acknowledged_date = fields.Date(string="Acknowledged on", tracking=True)
    lrar_number = fields.Char(string="Registered letter number", tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Drafted by", default=lambda self: self.env.user
    )
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_principal = fields.Monetary(string="Principal", readonly=True)
    amount_total = fields.Monetary(string="Total claimed", readonly=True)
    court = fields.Char(string="Court or recipient", readonly=True)
    court_city = fields.Char(string="Court city")
    deadline = fields.Date(readonly=True)
    recipient_id = fields.Many2one(
        "res.partner",
        string="Addressee",
        help="The commissaire de justice, the mandataire judiciaire or the "
        "administrator, the mediator.",
    )
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
    goods = fields.Text(
        string="Goods claimed", help="One line per item, identified as delivered."
    )
    relief_ground = fields.Selection(ACT_RELIEF_GROUNDS, string="Ground of relief")
    mediator = fields.Char(
        string="Consumer mediator", help="Name and contact of the mediator."
    )
    note = fields.Text()

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("A judicial act is evidence: it is never deleted. Cancel it instead.")
        )

    def action_print(self):
        return self.env.ref("recouvrement_fr.action_report_recovery_act").report_action(
            self
        )

    def action_mark_sent(self):
        for act in self.filtered(lambda a: a.state == "drafted"):
            act.write(
                {
                    "state": "sent",
                    "sent_date": act.sent_date or fields.Date.context_today(act),
                }
            )

    def action_mark_acknowledged(self):
        """Acknowledged: the court, the mandataire or the mediator received
        it. A referral accepted starts the mediation, which suspends the
        prescription (C. civ. 2238): the customer's mediation start is set."""
        for act in self.filtered(lambda a: a.state in ("drafted", "sent")):
            day = act.acknowledged_date or fields.Date.context_today(act)
            act.write({"state": "acknowledged", "acknowledged_date": day})
            partner = act.partner_id
            if act.act_code in REFERRALS and (
                not partner.recovery_mediation_start or partner.recovery_mediation_end
            ):
                # Accountants may not edit contacts: only these dates are written.
                partner.sudo().write(
                    {"recovery_mediation_start": day, "recovery_mediation_end": False}
                )

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def _report_values(self):
        """What the act's report prints (see ``recovery.act.service``)."""
        self.ensure_one()
        return self.env["recovery.act.service"]._report_values(self)
