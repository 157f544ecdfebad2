# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RecoveryLetterProvider(models.Model):
    _inherit = "recovery.letter.provider"

    # EXTENDS recouvrement_fr
    def _notified(self, payload):
        """A notification about a judicial act's letter tracks the act too
        (read again at the provider: twice changes nothing)."""
        events = super()._notified(payload)
        reference = payload.get("resource_id") or ""
        acts = self.env["recovery.act"]._notified_by(self, reference)
        self.env["recovery.act.letter"].sudo()._track(acts)
        return events
