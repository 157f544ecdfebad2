# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # EXTENDS mail
    def _routing_handle_bounce(self, email_message, message_dict):
        """A bounce of a recovery e-mail fails its event, with the bounce text."""
        result = super()._routing_handle_bounce(email_message, message_dict)
        message = message_dict.get("bounced_message")
        email = message_dict.get("bounced_email")
        if email and message and message.model == "recovery.event" and message.res_id:
            event = self.env["recovery.event"].sudo().browse(message.res_id).exists()
            self.env["recovery.delivery"].sudo()._bounced(
                event, message, email, message_dict.get("body")
            )
        return result
