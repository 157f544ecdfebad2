# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...core.vocabulary import CUSTOMER_DSO_HELP
from ...tools.open_invoice import open_invoice_domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Ageing balance (recovery.ageing) of the customer, current company, today.
    recovery_open_amount = fields.Monetary(
        string="Open balance",
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Open invoices minus credit notes and unapplied payments, in company "
        "currency.",
    )
    recovery_overdue_amount = fields.Monetary(
        string="Overdue amount",
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    recovery_overdue_count = fields.Integer(
        string="Overdue invoices",
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    recovery_dso = fields.Float(
        string="DSO (days)",
        digits=(16, 1),
        compute="_compute_recovery_ageing",
        groups="account.group_account_invoice,account.group_account_readonly",
        help=CUSTOMER_DSO_HELP,
    )

    recovery_user_id = fields.Many2one(
        "res.users",
        string="Recovery responsible",
        tracking=True,
        help="Who follows this customer's payments; empty: the company's "
        "recovery responsible.",
    )

    @api.depends_context("company", "recovery_ageing_date")
    def _compute_recovery_ageing(self):
        ageing = self.env["recovery.ageing"]
        at_date = ageing._recovery_ageing_date()
        customers = self.commercial_partner_id._origin
        company = self.env.company
        totals = ageing._recovery_totals(
            ["partner_id"],
            [
                ("line_partner_id", "child_of", customers.ids),
                ("company_id", "=", company.id),
            ],
            at_date,
        )
        sales = ageing._recovery_sales_by_day(
            [
                ("commercial_partner_id", "in", customers.ids),
                ("company_id", "=", company.id),
            ],
            at_date,
        )
        for partner in self:
            customer = partner.commercial_partner_id._origin
            total = totals.get(customer, {})
            open_amount = total.get("amount_residual", 0.0)
            partner.recovery_open_amount = open_amount
            partner.recovery_overdue_amount = total.get("amount_overdue", 0.0)
            partner.recovery_overdue_count = total.get("overdue_count", 0)
            partner.recovery_dso = ageing._recovery_customer_dso(
                open_amount, sales.get(customer, []), at_date
            )

    def action_view_recovery_ageing(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_ageing_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.commercial_partner_id.id),
            ("company_id", "=", self.env.company.id),
        ]
        action["context"] = {}
        return action

    # ------------------------------------------------------------
    # CUSTOMER ACCOUNT SCREEN (Compte client) AND RESPONSIBLE
    # ------------------------------------------------------------

    def _recovery_responsible(self):
        """The customer's recovery responsible, else the current company's."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return commercial.recovery_user_id or self.env.company.recovery_user_id

    def action_recovery_account(self):
        """Open the customer account screen (Compte client) of this customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "recouvrement_fr.customer_account",
            "name": self.env._(
                "Customer account - %(customer)s",
                customer=self.commercial_partner_id.display_name,
            ),
            "params": {"partner_id": self.commercial_partner_id.id},
            "context": {"active_id": self.commercial_partner_id.id},
        }

    def action_recovery_schedule_call(self):
        """Plan a call to this customer today for its recovery responsible."""
        self.ensure_one()
        customer = self.commercial_partner_id
        user = customer._recovery_responsible() or self.env.user
        customer.check_access("read")
        # Accountants may not edit contacts: the activity is planned with sudo,
        # for the responsible (in his language), on a customer the user reads.
        customer = customer.sudo().with_context(lang=user.lang or self.env.lang)
        customer.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.context_today(self),
            summary=customer.env._(
                "Call %(customer)s about its overdue invoices",
                customer=customer.display_name,
            ),
            user_id=user.id,
        )
        return False

    def action_recovery_email(self):
        """Write to the customer's recovery contact from its chatter."""
        self.ensure_one()
        customer = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": customer.ids,
                "default_composition_mode": "comment",
                "default_partner_ids": customer._recovery_recipient().ids,
                # The recovery statement written and attached, not a blank page.
                "default_template_id": (
                    self.env.ref(
                        "recouvrement_fr.mail_template_recovery_statement",
                        raise_if_not_found=False,
                    )
                    or self.env["mail.template"]
                ).id,
            },
        }

    def action_recovery_letter(self):
        """Take the next recovery step of the overdue invoices now (preview)."""
        self.ensure_one()
        moves = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "in", self.env.companies.ids),
                *open_invoice_domain(),
                ("invoice_date_due", "<", fields.Date.context_today(self)),
            ]
        )
        if not moves:
            raise UserError(self.env._("This customer has no overdue invoice."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_escalate_wizard_action"
        )
        action["context"] = {"active_model": "account.move", "active_ids": moves.ids}
        return action

    def action_recovery_block(self):
        """Block or unblock the recovery of this customer, with the reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Unblock the recovery")
            if self.commercial_partner_id.recovery_blocked
            else self.env._("Block the recovery"),
            "res_model": "recovery.block.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
