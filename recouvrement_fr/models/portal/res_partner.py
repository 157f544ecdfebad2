# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, _, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # PAUSE UNTIL A DATE AND RECOVERY PORTAL LINK
    # ------------------------------------------------------------

    recovery_block_until = fields.Date(
        string="Recovery paused until",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The recovery ladder skips every invoice of this customer up to "
        "this date included; the pause lifts itself the next day.",
    )
    recovery_block_until_reason = fields.Char(
        string="Pause reason", copy=False, tracking=True
    )
    recovery_access_token = fields.Char(
        copy=False,
        groups="base.group_system",
        help="Secret of this customer's recovery portal links; renewing it "
        "invalidates every link already sent.",
    )

    # ------------------------------------------------------------
    # PAUSE (recovery.pause)
    # ------------------------------------------------------------

    def _recovery_set_block(self, until, reason):
        """Pause (``until`` a date) or resume (``until`` False) these customers."""
        customers = self.commercial_partner_id
        if customers:
            customers.sudo().write(
                {
                    "recovery_block_until": until or False,
                    "recovery_block_until_reason": reason or False,
                }
            )

    # ------------------------------------------------------------
    # RECOVERY PORTAL LINK (recovery.portal.link)
    # ------------------------------------------------------------

    def _recovery_portal_url(self, company=None):
        """Absolute link to this customer's recovery page, without an account."""
        return self.env["recovery.portal.link"]._url(self, company)

    def action_recovery_renew_portal_token(self):
        """Invalidate the links already sent; new letters carry a new link."""
        return self.env["recovery.portal.link"]._renew(self)

    def action_recovery_promise(self):
        """Record a promise to pay heard on the phone, on the overdue invoices."""
        self.ensure_one()
        customer = self.commercial_partner_id
        today = fields.Date.context_today(self)
        overdue = customer._recovery_open_invoices().filtered(
            lambda m: m.invoice_date_due and m.invoice_date_due < today
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Promise to pay"),
            "res_model": "recovery.promise",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": customer.id,
                "default_move_ids": [Command.set(overdue.ids)],
                "default_source": "phone",
            },
        }
