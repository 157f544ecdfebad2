# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RecoveryLetterTracking(models.AbstractModel):
    """What a document handed to a registered-letter provider records, on
    the mise en demeure (``recovery.event``) as on a judicial act
    (``recovery.act``): the provider, its references, when it was last
    asked, the proof of deposit and the date of a refusal or a return."""

    _name = "recovery.letter.tracking"
    _description = "Registered letter handed to a provider"

    letter_provider_id = fields.Many2one(
        "recovery.letter.provider",
        string="Registered letter provider",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    provider_reference = fields.Char(
        string="Provider reference", readonly=True, copy=False, index="btree_not_null"
    )
    provider_recipient_reference = fields.Char(
        string="Provider recipient reference",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    deposit_proof_id = fields.Many2one(
        "ir.attachment", string="Proof of deposit", readonly=True, copy=False
    )
    provider_outcome_date = fields.Date(
        string="Refused or unclaimed on", readonly=True, copy=False
    )
    provider_checked_at = fields.Datetime(
        string="Provider asked at", readonly=True, copy=False
    )

    @api.model
    def _notified_by(self, provider, reference):
        """The letters of ``provider`` a notification about ``reference``
        (a sending or a recipient of the provider) is about, as the
        superuser: the provider's callback runs without a user."""
        return self.sudo().search(
            [
                ("letter_provider_id", "=", provider.id),
                "|",
                ("provider_reference", "=", reference),
                ("provider_recipient_reference", "=", reference),
            ]
        )
