# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RecoveryDispatch(models.AbstractModel):
    _inherit = "recovery.dispatch"

    # EXTENDS recouvrement_fr
    def _carry_out(self, events, pdfs, mails):
        """Registered letters go through the company's registered-letter
        provider, when it has one enabled, instead of waiting to be posted."""
        keys = super()._carry_out(events, pdfs, mails)
        events.filtered(
            lambda e: e.channel == "lrar" and e.state == "to_post"
        )._recovery_send_registered()
        return keys
