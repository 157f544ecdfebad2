# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ...core import dossier as core_dossier
from ...tools.sending import ACTS_FOLDER


class RecoveryDossierPieces(models.AbstractModel):
    _inherit = "recovery.dossier.pieces"

    @api.model
    def _act_pieces(self, partner, moves, exclude=None):
        """The judicial acts drafted about these invoices (not cancelled),
        each as its PDF: the manifest lists them with their SHA-256.
        ``exclude``: the covering letter, a piece of its own."""
        acts = self.env["recovery.act"].search(
            [
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("move_ids", "in", moves.ids),
                ("state", "!=", "cancelled"),
                ("attachment_id", "!=", False),
                ("id", "not in", exclude.ids if exclude else []),
            ],
            order="date, id",
        )
        return [
            core_dossier.Piece(
                f"{ACTS_FOLDER}/{fields.Date.to_string(act.date)}_{core_dossier.safe_filename(act.name)}.pdf",
                "other",
                act.attachment_id.raw or b"",
                act.name,
                act.date,
            )
            for act in acts
        ]
