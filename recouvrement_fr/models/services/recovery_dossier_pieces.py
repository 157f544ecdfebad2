# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ...core import dossier as core_dossier
from ...tools.sending import ACTS_FOLDER


class RecoveryDossierPieces(models.AbstractModel):
    _inherit = "recovery.dossier.pieces"

    # EXTENDS recouvrement_fr
    @api.model
    def _act_pieces(self, partner, moves, exclude=None):
        """Each act sent as a registered letter comes with its provider's
        proofs (deposit, then receipt or return)."""
        pieces = super()._act_pieces(partner, moves, exclude=exclude)
        acts = self.env["recovery.act"].search(
            [
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("move_ids", "in", moves.ids),
                ("state", "!=", "cancelled"),
                "|",
                ("deposit_proof_id", "!=", False),
                ("ar_attachment_id", "!=", False),
            ],
            order="date, id",
        )
        for act in acts:
            for proof in act.deposit_proof_id | act.ar_attachment_id:
                pieces.append(
                    core_dossier.Piece(
                        f"{ACTS_FOLDER}/{fields.Date.to_string(act.date)}_"
                        f"{core_dossier.safe_filename(proof.name)}",
                        "lrar_proof",
                        proof.raw or b"",
                        proof.name,
                        act.sent_date or act.date,
                    )
                )
        return pieces
