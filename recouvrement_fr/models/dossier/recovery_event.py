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
