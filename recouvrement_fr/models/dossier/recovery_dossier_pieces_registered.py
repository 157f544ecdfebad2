# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RecoveryDossierPieces(models.AbstractModel):
    _inherit = "recovery.dossier.pieces"

    # EXTENDS recouvrement_fr
    def _event_pieces(self, events):
        """The provider's proof of deposit of a registered letter, next to
        its acknowledgement of receipt (issue #25)."""
        pieces = super()._event_pieces(events)
        for event in events.filtered("deposit_proof_id"):
            pieces.append(
                self._attachment_piece(
                    event.deposit_proof_id,
                    "lrar_proof",
                    f"{fields.Date.to_string(event.date)}_depot_",
                    self.env._(
                        "Proof of deposit of %(number)s",
                        number=event.lrar_number or event.display_name,
                    ),
                    event.lrar_sent_date or event.date,
                )
            )
        return pieces

    # EXTENDS recouvrement_fr
    def _ar_piece(self, event, prefix):
        """A refused or unclaimed letter's proof is the returned letter, not
        an acknowledgement of receipt: named so, dated from the return."""
        if event.state not in ("refused", "unclaimed"):
            return super()._ar_piece(event, prefix)
        return self._attachment_piece(
            event.ar_attachment_id,
            "lrar_proof",
            f"{prefix}retour_",
            self.env._(
                "Proof of the return of %(number)s",
                number=event.lrar_number or event.display_name,
            ),
            event.provider_outcome_date or event.date,
        )
