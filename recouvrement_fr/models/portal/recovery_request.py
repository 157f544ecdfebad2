# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ...core.vocabulary import DISPUTE_REASONS, REQUEST_KINDS, REQUEST_STATES
from ...tools.open_invoice import open_invoices
from ...tools.tracking import tracking_records


class RecoveryRequest(models.Model):
    """What a customer asked on the recovery portal, as written and when.

    Evidence of the recovery file: never deleted, its statement never edited.
    A dispute blocks its invoice in the ``dispute`` stage; a payment plan
    request is a proposal the credit manager opens in the plan wizard.
    """

    _name = "recovery.request"
    _description = "Customer Recovery Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    kind = fields.Selection(REQUEST_KINDS, required=True, readonly=True)
    state = fields.Selection(
        REQUEST_STATES, required=True, default="new", tracking=True, index=True
    )
    move_id = fields.Many2one(
        "account.move",
        string="Disputed invoice",
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )
    move_ids = fields.Many2many(
        "account.move",
        relation="recovery_request_account_move_rel",
        column1="request_id",
        column2="move_id",
        string="Invoices",
        readonly=True,
        check_company=True,
    )
    reason = fields.Selection(DISPUTE_REASONS, readonly=True)
    description = fields.Text(string="Customer's message", readonly=True)
    instalment_count = fields.Integer(string="Instalments asked", readonly=True)
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Customer's documents", readonly=True
    )
    requested_on = fields.Datetime(
        string="Received on",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
    )
    origin_ip = fields.Char(string="From address", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True)

    @api.depends("kind", "partner_id", "requested_on")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for request in self:
            request.display_name = " - ".join(
                part
                for part in (
                    kinds.get(request.kind),
                    request.partner_id.name,
                    request.requested_on
                    and format_date(self.env, request.requested_on.date()),
                )
                if part
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "What a customer asked is evidence of the recovery file: it cannot "
                "be deleted."
            )
        )

    # ------------------------------------------------------------
    # DISPUTES
    # ------------------------------------------------------------

    def _recovery_apply_dispute(self):
        """Block the disputed invoice in stage dispute, tell the responsible."""
        for request in self.filtered(lambda r: r.kind == "dispute"):
            move = request.move_id
            reasons = dict(request._fields["reason"]._description_selection(self.env))
            label = reasons.get(request.reason) or ""
            move.sudo()._recovery_set_stage("dispute")
            move.sudo().write(
                {
                    "recovery_blocked": True,
                    "recovery_block_reason": _(
                        "Disputed by the customer: %(reason)s", reason=label
                    ),
                }
            )
            move.sudo().message_post(
                body=_(
                    "Disputed by the customer on the recovery portal: %(reason)s. "
                    "%(text)s",
                    reason=label,
                    text=request.description or "",
                ),
                attachment_ids=request.attachment_ids.ids,
                author_id=request.partner_id.id,
            )
            request._recovery_notify(
                _("Disputed invoice %(invoice)s", invoice=move.name)
            )

    def _recovery_notify(self, summary):
        self.ensure_one()
        responsible = self.company_id.recovery_user_id
        if responsible:
            self.sudo().user_id = responsible
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            user_id=(responsible or self.env.ref("base.user_admin")).id,
        )

    def action_unblock(self):
        """The dispute is settled: the invoice goes back on the ladder."""
        for request in self.filtered(lambda r: r.kind == "dispute"):
            move = request.move_id
            if move.recovery_stage == "dispute":
                move._recovery_set_stage()
                move.write({"recovery_blocked": False, "recovery_block_reason": False})
        self.write({"state": "rejected"})
        return True

    def action_credit_note(self):
        """The customer is right: credit the invoice (Odoo's reversal wizard)."""
        self.ensure_one()
        self.state = "accepted"
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move.reversal",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "account.move",
                "active_ids": self.move_id.ids,
            },
        }

    # ------------------------------------------------------------
    # PAYMENT PLAN REQUESTS
    # ------------------------------------------------------------

    def action_open_plan_wizard(self):
        """Open the payment plan wizard prefilled with the customer's request."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_plan_wizard_action"
        )
        moves = open_invoices(self.move_ids)
        action["context"] = {
            "active_model": "account.move",
            "active_ids": moves.ids,
            "default_instalment_count": self.instalment_count,
            "default_split_mode": "count",
            "default_company_id": self.company_id.id,
            "default_move_ids": [Command.set(moves.ids)],
            # Granted once the plan starts (recovery.plan.action_activate),
            # not when the wizard opens: a wizard closed leaves it to handle.
            "recovery_request_ids": self.ids,
        }
        return action

    @api.model
    def _recovery_plan_granted(self, plans):
        """The plan requests ``plans`` answer are granted: the request named
        by the wizard, and those of the same customers on their invoices.
        Their to-do is done, they leave Ma journée's answers."""
        plans = plans.filtered(lambda p: p.state == "active")
        if not plans:
            return self
        requests = self.browse(self.env.context.get("recovery_request_ids") or [])
        requests |= self.search(
            [
                ("kind", "=", "plan"),
                ("state", "=", "new"),
                ("company_id", "in", plans.company_id.ids),
                ("partner_id", "in", plans.partner_id.commercial_partner_id.ids),
                ("move_ids", "in", plans.move_ids.ids),
            ]
        )
        requests = requests.filtered(lambda r: r.kind == "plan" and r.state == "new")
        if not requests:
            return requests
        names = ", ".join(plans.mapped("name"))
        requests.write({"state": "accepted"})
        requests.activity_ids.action_feedback(
            feedback=_("Payment plan granted: %(plans)s.", plans=names)
        )
        for request in requests:
            request.message_post(
                body=_(
                    "Payment plan %(plans)s granted by %(user)s.",
                    plans=names,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return requests

    def action_open_moves(self):
        self.ensure_one()
        return (self.move_ids | self.move_id)._recovery_list_action()

    # EXTENDS mail
    def _message_track(self, fields_iter, initial_values_dict):
        """Tracked values in the writer's language, else the company's
        (the nightly run has none): never English in a French chatter."""
        records = tracking_records(self)
        return super(RecoveryRequest, records)._message_track(
            fields_iter, initial_values_dict
        )
