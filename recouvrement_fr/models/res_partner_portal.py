# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from odoo import _, fields, models
from odoo.tools import consteq, format_date
from odoo.tools.misc import hmac

PORTAL_TOKEN_SCOPE = "recouvrement_fr.portal"


class ResPartner(models.Model):
    """The customer's pause of the ladder and its recovery portal link."""

    _inherit = "res.partner"

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
    # PAUSE
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

    def _recovery_pause(self, days, reason):
        """Pause the ladder of these customers ``days`` days from today.

        A longer pause already set is kept. Returns the customers paused.
        """
        until = fields.Date.context_today(self) + timedelta(days=days)
        customers = self.commercial_partner_id.filtered(
            lambda p: not p.recovery_block_until or p.recovery_block_until < until
        )
        customers._recovery_set_block(until, reason)
        return customers

    def _recovery_lift_block(self):
        for partner in self:
            partner.message_post(
                body=_(
                    "Recovery pause until %(date)s lifted (%(reason)s): the "
                    "recovery ladder resumes.",
                    date=format_date(self.env, partner.recovery_block_until),
                    reason=partner.recovery_block_until_reason or _("no reason"),
                )
            )
        self._recovery_set_block(False, False)

    # ------------------------------------------------------------
    # RECOVERY PORTAL LINK
    # ------------------------------------------------------------

    def _recovery_portal_secret(self):
        """The random secret of the customer, created on first use."""
        self.ensure_one()
        customer = self.commercial_partner_id.sudo()
        if not customer.recovery_access_token:
            customer.recovery_access_token = secrets.token_urlsafe(32)
        return customer.recovery_access_token

    def _recovery_portal_token(self, company):
        """Token of the recovery page of this customer at ``company``."""
        self.ensure_one()
        customer = self.commercial_partner_id
        message = (customer.id, company.id, self._recovery_portal_secret())
        return hmac(
            self.env(su=True), PORTAL_TOKEN_SCOPE, message, hashlib.sha256
        )[:40]

    def _recovery_check_portal_token(self, company, token):
        """True if ``token`` opens this customer's page at ``company``."""
        self.ensure_one()
        customer = self.commercial_partner_id.sudo()
        if not token or not customer.recovery_access_token:
            return False
        return consteq(str(token), self._recovery_portal_token(company))

    def _recovery_portal_url(self, company=None):
        """Absolute link to this customer's recovery page, without an account."""
        self.ensure_one()
        company = company or self.env.company
        customer = self.commercial_partner_id
        token = customer._recovery_portal_token(company)
        return (
            f"{customer.get_base_url()}/recovery/{company.id}/{customer.id}"
            f"?token={token}"
        )

    def _recovery_portal_qr_url(self, company=None):
        """Relative URL of the QR code of the recovery page (printed letters)."""
        self.ensure_one()
        query = urlencode(
            {
                "barcode_type": "QR",
                "value": self._recovery_portal_url(company),
                "width": 180,
                "height": 180,
            }
        )
        return f"/report/barcode/?{query}"

    def action_recovery_renew_portal_token(self):
        """Invalidate the links already sent; new letters carry a new link."""
        for customer in self.commercial_partner_id.sudo():
            customer.recovery_access_token = secrets.token_urlsafe(32)
            customer.message_post(body=_("Recovery portal link renewed."))
        return True
