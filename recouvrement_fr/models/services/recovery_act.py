# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...core.vocabulary import ACT_LETTER_STATES


class RecoveryAct(models.Model):
    """The act's registered letter, as recorded: its provider and
    references, where it stands, its proofs. The sending and the tracking
    are ``recovery.act.letter``'s."""

    _name = "recovery.act"
    _inherit = ["recovery.act", "recovery.letter.tracking"]

    letter_state = fields.Selection(
        ACT_LETTER_STATES,
        string="Registered letter",
        readonly=True,
        copy=False,
        tracking=True,
    )
    letter_sendable = fields.Boolean(compute="_compute_letter_sendable")
    letter_error = fields.Char(string="Sending error", readonly=True, copy=False)
    ar_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Acknowledgement of receipt",
        readonly=True,
        copy=False,
        help="The provider's proof of receipt, or of the letter's return.",
    )

    @api.depends("act_code", "state", "letter_state", "attachment_id")
    def _compute_letter_sendable(self):
        Letter = self.env["recovery.act.letter"]
        for act in self:
            act.letter_sendable = Letter._sendable(act)

    def action_send_registered(self):
        """Button: through the company's registered-letter provider, or
        marked for the printed registered letter."""
        self.env["recovery.act.letter"]._send(self)
        return True

    # EXTENDS recouvrement_fr
    def action_mark_sent(self):
        """A printed registered letter is marked sent with its number."""
        for act in self.filtered(lambda a: a.letter_state == "to_post"):
            if not act.lrar_number:
                raise UserError(
                    _(
                        "Enter the number of the registered letter before "
                        "marking the act as sent."
                    )
                )
            act.letter_state = "posted"
        return super().action_mark_sent()

    # The registered letter as the providers read it (see
    # recovery.letter.provider._send).

    def _recovery_letter_key(self):
        """The letter's id at the provider (Maileva's ``custom_id``), the
        same at every try."""
        self.ensure_one()
        return f"recovery-act-{self.id}"

    def _recovery_letter_addressee(self):
        return self.recipient_id

    def _recovery_letter_state(self):
        return self.letter_state

    def _recovery_letter_deposit_date(self):
        return self.letter_state != "sending" and self.sent_date
