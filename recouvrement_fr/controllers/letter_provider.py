# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import http
from odoo.http import request


class RecoveryLetterProviderController(http.Controller):
    """Notifications of the registered-letter providers (webhooks)."""

    @http.route(
        "/recouvrement_fr/letters/<int:provider_id>/notify",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def recovery_letter_notify(self, provider_id, **kwargs):
        """Checked (the provider's credentials or signature), then the
        letters it names are read again at the provider: a notification
        received twice changes nothing. Maileva expects 201."""
        provider = (
            request.env["recovery.letter.provider"].sudo().browse(provider_id).exists()
        )
        body = request.httprequest.get_data()
        if (
            not provider
            or provider.state == "disabled"
            or not provider._check_notification(request.httprequest.headers, body)
        ):
            return request.make_response("Forbidden", status=403)
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            return request.make_response("Bad request", status=400)
        provider._notified(payload)
        return request.make_response("", status=201)
