# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ...core.vocabulary import PROVIDER_PENDING_STATES
from ...tools.french_services import ServiceError, parse_date

_logger = logging.getLogger(__name__)

# The acts a registered letter carries to their addressee (C. com. R622-21:
# the déclaration de créance is sent to the mandataire judiciaire).
LETTER_ACTS = ("claim_declaration",)
PROOF_NAMES = {
    "deposited": "Preuve de dépôt",
    "received": "Avis de réception",
    "refused": "Preuve de refus",
    "unclaimed": "Preuve de non-réclamation",
}


class RecoveryActLetter(models.AbstractModel):
    """A judicial act sent as a registered letter through the company's
    provider, the same pipeline as the mise en demeure (recovery.event):
    *Sending* -> *Deposited* (proof of deposit; the act is sent) ->
    *Received* (AR; the act is acknowledged on its date), *Refused* or *Not
    claimed*, each proof attached; *Failed* with the reason. Without a
    provider, the act is marked for the printed registered letter, its number
    entered by hand."""

    _name = "recovery.act.letter"
    _description = "Judicial acts sent as registered letters (service)"

    @api.model
    def _sendable(self, act):
        return (
            act.act_code in LETTER_ACTS
            and act.state == "drafted"
            and act.letter_state in (False, "failed")
            and bool(act.attachment_id)
        )

    @api.model
    def _send(self, acts):
        for act in acts:
            if not self._sendable(act):
                raise UserError(_("This act cannot be sent as a registered letter."))
            addressee = act.recipient_id
            if not (addressee and addressee.zip and addressee.city):
                raise UserError(
                    _("Enter the addressee of the act, with its postal address.")
                )
            provider = self.env["recovery.letter.provider"]._for_company(act.company_id)
            if not provider:
                act.write({"letter_state": "to_post", "letter_error": False})
                act.message_post(
                    body=_(
                        "No registered letter provider is enabled: print the act, "
                        "post it as a registered letter with acknowledgement of "
                        "receipt and enter its number."
                    )
                )
                continue
            self._send_through(act, provider)

    @api.model
    def _send_through(self, act, provider):
        try:
            reference, recipient = provider._send(act, act.attachment_id.raw)
        except ServiceError as error:
            message = self.env["res.partner"]._recovery_service_message(
                provider.name, error
            )
            act.write({"letter_state": "failed", "letter_error": message})
            act.message_post(body=message)
            return
        act.write(
            {
                "letter_provider_id": provider.id,
                "provider_reference": reference,
                "provider_recipient_reference": recipient,
                "letter_state": "sending",
                "letter_error": False,
            }
        )
        act.message_post(
            body=_(
                "Handed to %(provider)s as a registered letter (%(reference)s).",
                provider=provider.name,
                reference=reference,
            )
        )

    # ------------------------------------------------------------
    # TRACKING (the cron and the webhooks of recovery.event)
    # ------------------------------------------------------------

    @api.model
    def _track_domain(self):
        hour_ago = fields.Datetime.subtract(fields.Datetime.now(), hours=1)
        return [
            ("letter_provider_id", "!=", False),
            ("letter_state", "in", PROVIDER_PENDING_STATES),
            "|",
            ("provider_checked_at", "=", False),
            ("provider_checked_at", "<", hour_ago),
        ]

    @api.model
    def _track(self, acts):
        """Read each act's letter at its provider and apply what is new, a
        deposit before its receipt. A provider out of reach changes
        nothing."""
        for act in acts.filtered(
            lambda a: a.letter_provider_id and a.letter_state in PROVIDER_PENDING_STATES
        ):
            act.provider_checked_at = fields.Datetime.now()
            for _step in range(3):
                try:
                    state, day, reason, proof = act.letter_provider_id._track(act)
                except ServiceError as error:
                    _logger.warning("Tracking of %s failed: %s", act.name, error)
                    break
                if not state:
                    break
                self._apply(act, state, parse_date(day), reason, proof)
                if act.letter_state not in PROVIDER_PENDING_STATES:
                    break

    @api.model
    def _lang_env(self, act):
        """The add-on writes in the company's language (French)."""
        return self.with_context(lang=act.company_id.partner_id.lang or "fr_FR").env

    @api.model
    def _apply(self, act, state, day, reason, proof):
        day = day or fields.Date.context_today(act)
        lang_env = self._lang_env(act)
        if state == "failed":
            self._failed(act, reason, lang_env)
            return
        attachment = proof and self._proof(act, state, proof)
        vals = {"letter_state": state}
        if state == "deposited":
            vals.update(deposit_proof_id=attachment and attachment.id)
            if act.state == "drafted":
                vals.update(state="sent", sent_date=day)
            body = lang_env._(
                "Registered letter deposited on %(date)s (proof of deposit attached)."
            )
        elif state == "received":
            vals.update(ar_attachment_id=attachment and attachment.id)
            body = lang_env._(
                "Registered letter received on %(date)s (acknowledgement of "
                "receipt attached)."
            )
        else:
            vals.update(
                provider_outcome_date=day, ar_attachment_id=attachment and attachment.id
            )
            body = lang_env._("Registered letter refused by the recipient on %(date)s.")
            if state == "unclaimed":
                body = lang_env._(
                    "Registered letter not claimed by the recipient (%(date)s)."
                )
        act.write(vals)
        if state == "received":
            act.acknowledged_date = day
            act.action_mark_acknowledged()
        act.message_post(
            body=body % {"date": format_date(lang_env, day)},
            attachment_ids=attachment.ids if attachment else [],
        )

    @api.model
    def _failed(self, act, reason, lang_env):
        message = lang_env._(
            "The provider could not deliver the letter: %(reason)s",
            reason=reason or "-",
        )
        act.write({"letter_state": "failed", "letter_error": message})
        act.message_post(body=message)

    @api.model
    def _proof(self, act, state, pdf):
        return self.env["ir.attachment"].create(
            {
                "name": f"{PROOF_NAMES[state]} - {act.provider_reference}.pdf",
                "datas": base64.b64encode(pdf),
                "mimetype": "application/pdf",
                "res_model": act._name,
                "res_id": act.id,
                "company_id": act.company_id.id,
            }
        )
