# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ...tools.sending import TRACK_BATCH


class RecoveryEvent(models.Model):
    _inherit = "recovery.event"

    # EXTENDS recouvrement_fr
    @api.model
    def _cron_track_letters(self, batch_size=TRACK_BATCH):
        """The judicial acts sent as registered letters are tracked by the
        same cron, after the mise en demeure, within the same batch."""
        done = super()._cron_track_letters(batch_size=batch_size)
        Act = self.env["recovery.act"]
        Letter = self.env["recovery.act.letter"]
        room = batch_size - done
        if room <= 0:
            return done
        due = Act.search(Letter._track_domain(), order="provider_checked_at, id")
        todo = due[:room]
        Letter._track(todo)
        self.env["ir.cron"]._notify_progress(
            done=done + len(todo), remaining=len(due) - len(todo)
        )
        return done + len(todo)
