# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError

from ...core import dossier as core_dossier

COVERING_LETTER_NAME = "00_lettre_de_mission.pdf"


class RecoveryDossierExport(models.AbstractModel):
    _inherit = "recovery.dossier.export"

    # EXTENDS recouvrement_fr (models/dossier)
    @api.model
    def _covering_letter(self, options, moves):
        """The covering letter of the dossier: the mandate to its recipient,
        drafted as a judicial act (core/acts_court.py ``mandate_letter``:
        the mission, the sums, the pieces, the fee terms of ``options``).
        None when that act is closed for these invoices (an insolvent or a
        public debtor), or when French is not installed (the acts are written
        in French, for a French court): the dossier goes without it."""
        act = self._mandate_act(options, moves)
        if not act:
            return super()._covering_letter(options, moves)
        piece = core_dossier.Piece(
            COVERING_LETTER_NAME,
            "covering_letter",
            act.attachment_id.raw or b"",
            _("Covering letter: %(act)s", act=act.name),
            act.date,
        )
        return piece, act

    @api.model
    def _mandate_act(self, options, moves):
        if not self.env["res.lang"]._get_code("fr_FR"):
            return None
        values = {
            "recipient_id": options.recipient_id.id,
            "mission": options.mission,
            "fee_kind": options.fee_kind,
            "fee_amount": options.fee_amount,
            "fee_percentage": options.fee_percentage,
        }
        try:
            with self.env.cr.savepoint():
                return self.env["recovery.act.service"]._draft(
                    options.partner_id, moves, "mandate_letter", values
                )
        except UserError:
            return None
