# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import _, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class RecoveryEvent(models.Model):
    """The dossier handed to the commissaire de justice, kept as evidence."""

    _inherit = "recovery.event"

    # ------------------------------------------------------------
    # DOSSIER FOR THE COMMISSAIRE DE JUSTICE
    # ------------------------------------------------------------

    dossier_attachment_id = fields.Many2one(
        "ir.attachment", string="Dossier (ZIP)", readonly=True, copy=False
    )
    dossier_version = fields.Integer(readonly=True, copy=False)
    dossier_recipient_id = fields.Many2one(
        "res.partner", string="Dossier sent to", readonly=True, copy=False
    )
    dossier_override_reason = fields.Text(
        string="Override reason",
        readonly=True,
        copy=False,
        help="Why the dossier was exported although a check failed.",
    )

    # ------------------------------------------------------------
    # THE LOOPS A DOSSIER CLOSES
    # ------------------------------------------------------------

    def _recovery_pending_legal(self, moves):
        """The ladder's legal steps still to do on ``moves``: the dossiers
        waiting to be prepared (Ma journée's "Dossiers to send")."""
        return self.search(
            [
                ("channel", "=", "legal"),
                ("state", "=", "to_do"),
                ("dossier_attachment_id", "=", False),
                ("move_ids", "in", moves.ids),
            ]
        )

    def _recovery_close_dossier_todos(self, moves):
        """The dossier of ``moves`` is exported: the legal steps that asked
        for it are done (their to-do with them)."""
        pending = self._recovery_pending_legal(moves)
        pending.action_done()
        return pending

    def _recovery_cancel_dossier_todos(self, moves, reason):
        """No dossier to send any more for ``moves`` (a payment plan was
        granted): the legal steps waiting for one are cancelled, with why."""
        pending = self._recovery_pending_legal(moves)
        if pending:
            pending.action_cancel()
            for event in pending:
                event.message_post(body=reason)
        return pending

    def _recovery_previous_dossiers(self, partner, company):
        """The dossiers already exported for this customer, newest first."""
        return self.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("dossier_attachment_id", "!=", False),
            ],
            order="dossier_version desc, id desc",
        )

    def action_download_dossier(self):
        """Download the dossier ZIP of this event."""
        self.ensure_one()
        if not self.dossier_attachment_id:
            raise UserError(_("This communication has no dossier."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.dossier_attachment_id.id}?download=true",
            "target": "self",
        }
