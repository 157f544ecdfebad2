# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import secrets

from odoo import _, api, models
from odoo.tools import consteq
from odoo.tools.misc import hmac

PORTAL_TOKEN_SCOPE = "recouvrement_fr.portal"


class RecoveryPortalLink(models.AbstractModel):
    """The link to a customer's recovery page, opened without an account.

    A service (no table): the token signs (customer, company, the customer's
    own secret) with the database's secret; renewing the customer's secret
    invalidates every link already sent. Letters and e-mails print the link
    through ``res.partner._recovery_portal_url``; the letters draw its QR code
    with ``recovery.pdf._qr_src``.
    """

    _name = "recovery.portal.link"
    _description = "Recovery Portal Link"

    @api.model
    def _secret(self, partner):
        """The customer's own part of the link's secret: empty until the link
        is renewed, then random. The token is signed with the database's
        secret either way, so nothing is written when a letter is rendered:
        two runs rendering letters of one customer at once never collide."""
        partner.ensure_one()
        return partner.commercial_partner_id.sudo().recovery_access_token or ""

    @api.model
    def _token(self, partner, company):
        """Token of the recovery page of ``partner``'s customer at ``company``."""
        partner.ensure_one()
        customer = partner.commercial_partner_id
        message = (customer.id, company.id, self._secret(partner))
        return hmac(self.env(su=True), PORTAL_TOKEN_SCOPE, message, hashlib.sha256)[:40]

    @api.model
    def _check_token(self, partner, company, token):
        """True if ``token`` opens the page of ``partner``'s customer at ``company``."""
        partner.ensure_one()
        if not token:
            return False
        return consteq(str(token), self._token(partner, company))

    @api.model
    def _url(self, partner, company=None):
        """Absolute link to the customer's recovery page, without an account."""
        partner.ensure_one()
        company = company or self.env.company
        customer = partner.commercial_partner_id
        token = self._token(customer, company)
        return (
            f"{customer.get_base_url()}/recovery/{company.id}/{customer.id}"
            f"?token={token}"
        )

    @api.model
    def _renew(self, partners):
        """Invalidate the links already sent; new letters carry a new link."""
        for customer in partners.commercial_partner_id.sudo():
            customer.recovery_access_token = secrets.token_urlsafe(32)
            customer.message_post(body=_("Recovery portal link renewed."))
        return True
