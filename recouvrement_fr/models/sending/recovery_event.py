# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date

from ...core.vocabulary import PROVIDER_PENDING_STATES
from ...tools.french_services import ServiceError, parse_date
from ...tools.sending import TRACK_BATCH

_logger = logging.getLogger(__name__)


class RecoveryEvent(models.Model):
    _name = "recovery.event"
    # the provider's references and proofs: recovery.letter.tracking
    _inherit = ["recovery.event", "recovery.letter.tracking"]

    # ------------------------------------------------------------
    # SENDING THROUGH THE PROVIDER
    # ------------------------------------------------------------

    def _recovery_send_registered(self):
        """Registered letters ``to_post`` of companies with a provider go
        through it instead of the post room: *Sending* until the provider
        deposits them. An electronic letter to a consumer without recorded
        consent stays on the postal route (printed); a provider error leaves
        the letter *failed* with the reason and, by the level's option, a
        printed registered letter takes its place."""
        Provider = self.env["recovery.letter.provider"]
        for event in self.filtered(
            lambda e: e.channel == "lrar" and e.state == "to_post"
        ):
            provider = Provider._for_company(event.company_id)
            if not provider or not event.attachment_id:
                continue
            if provider.electronic and not event.partner_id._recovery_lre_allowed():
                event.message_post(
                    body=event._recovery_lang_env()._(
                        "No recorded consent of this consumer to electronic "
                        "registered letters: the letter takes the postal route."
                    )
                )
                continue
            event._recovery_send_through(provider)

    def _recovery_send_through(self, provider):
        self.ensure_one()
        try:
            reference, recipient = provider._send(self, self.attachment_id.raw)
        except ServiceError as error:
            message = self.env["res.partner"]._recovery_service_message(
                provider.name, error
            )
            self._recovery_letter_failed(message)
            return
        self.write(
            {
                "letter_provider_id": provider.id,
                "provider_reference": reference,
                "provider_recipient_reference": recipient,
                "state": "sending",
                "sent_date": fields.Datetime.now(),
                "error": False,
            }
        )

    def _recovery_letter_failed(self, reason):
        """The letter failed: the reason on it, and the printed registered
        letter instead when its level says so."""
        self.ensure_one()
        self.write({"state": "failed", "error": reason})
        if not self.level_id.fallback_letter or self.fallback_event_ids:
            return
        letter = self.create(
            {
                "company_id": self.company_id.id,
                "partner_id": self.partner_id.id,
                "level_id": self.level_id.id,
                "channel": "lrar",
                "state": "to_post",
                "date": fields.Date.context_today(self),
                "user_id": self.user_id.id,
                "move_ids": [(6, 0, self.move_ids.ids)],
                "amount_residual": self.amount_residual,
                "attachment_id": self.attachment_id.id,
                "origin_event_id": self.id,
            }
        )
        self.message_post(
            body=Markup(
                self._recovery_lang_env()._(
                    "A printed registered letter will be posted instead: %(letter)s"
                )
            )
            % {"letter": letter._get_html_link()}
        )

    def _recovery_lang_env(self):
        return self.with_context(lang=self._recovery_reader_lang()).env

    # The registered letter as the providers read it (see
    # recovery.letter.provider._send).

    def _recovery_letter_key(self):
        """The letter's id at the provider (Maileva's ``custom_id``): the
        same at every try, so that a retry finds what a rolled-back run
        handed over."""
        self.ensure_one()
        return f"recovery-event-{self.id}"

    def _recovery_letter_addressee(self):
        return self.partner_id._recovery_recipient()

    def _recovery_letter_state(self):
        return self.state

    def _recovery_letter_deposit_date(self):
        return self.lrar_sent_date

    # ------------------------------------------------------------
    # TRACKING: POLLING CRON AND WEBHOOKS
    # ------------------------------------------------------------

    @api.model
    def _cron_track_letters(self, batch_size=TRACK_BATCH):
        """Ask the providers about the registered letters on their way and
        not asked within the hour, ``batch_size`` a call (the runner calls
        again while some remain). Safe to run twice: a letter moves only when
        its provider says more."""
        due = self.search(
            self._recovery_track_domain(), order="provider_checked_at, id"
        )
        todo = due[:batch_size]
        todo._recovery_track_letters()
        self.env["ir.cron"]._notify_progress(
            done=len(todo), remaining=len(due) - len(todo)
        )
        return len(todo)

    @api.model
    def _recovery_track_domain(self):
        hour_ago = fields.Datetime.subtract(fields.Datetime.now(), hours=1)
        return [
            ("letter_provider_id", "!=", False),
            ("state", "in", PROVIDER_PENDING_STATES),
            "|",
            ("provider_checked_at", "=", False),
            ("provider_checked_at", "<", hour_ago),
        ]

    def _recovery_track_letters(self):
        """Read each letter's state at its provider and apply what is new,
        step by step (a deposit before its receipt); the number of letters
        that moved. A provider that cannot be reached changes nothing."""
        moved = 0
        for event in self.filtered(
            lambda e: e.letter_provider_id and e.state in PROVIDER_PENDING_STATES
        ):
            event.provider_checked_at = fields.Datetime.now()
            moved += bool(event._recovery_track_steps())
        return moved

    def _recovery_track_steps(self, steps=3):
        """Apply the provider's steps of one letter; how many."""
        self.ensure_one()
        done = 0
        while done < steps and self.state in PROVIDER_PENDING_STATES:
            try:
                state, date, reason, proof = self.letter_provider_id._track(self)
            except ServiceError as error:
                _logger.warning("Tracking of %s failed: %s", self.display_name, error)
                break
            if not state:
                break
            self._recovery_apply_letter(state, parse_date(date), reason, proof)
            done += 1
        return done

    def _recovery_apply_letter(self, state, day, reason, proof):
        """Write what the provider says: the proof attached, its date."""
        self.ensure_one()
        lang_env = self._recovery_lang_env()
        day = day or fields.Date.context_today(self)
        if state == "failed":
            self._recovery_letter_failed(
                lang_env._(
                    "The provider could not deliver the letter: %(reason)s",
                    reason=reason or "-",
                )
            )
            return
        attachment = proof and self._recovery_proof(state, proof)
        vals = {"state": state}
        if state == "deposited":
            vals.update(lrar_sent_date=day, deposit_proof_id=attachment.id)
            body = lang_env._(
                "Registered letter deposited on %(date)s (proof of deposit attached)."
            )
        elif state == "received":
            vals.update(ar_date=day, ar_attachment_id=attachment and attachment.id)
            body = lang_env._(
                "Registered letter received on %(date)s (acknowledgement of "
                "receipt attached)."
            )
        elif state == "refused":
            vals.update(
                provider_outcome_date=day, ar_attachment_id=attachment and attachment.id
            )
            body = lang_env._("Registered letter refused by the recipient on %(date)s.")
        else:
            vals.update(
                provider_outcome_date=day, ar_attachment_id=attachment and attachment.id
            )
            body = lang_env._(
                "Registered letter not claimed by the recipient (%(date)s)."
            )
        self.write(vals)
        self.message_post(
            body=body % {"date": format_date(lang_env, day)},
            attachment_ids=attachment.ids if attachment else [],
        )

    def _recovery_proof(self, state, pdf):
        names = {
            "deposited": "Preuve de dépôt",
            "received": "Avis de réception",
            "refused": "Preuve de refus",
            "unclaimed": "Preuve de non-réclamation",
        }
        return self.env["ir.attachment"].create(
            {
                "name": f"{names[state]} - {self.provider_reference}.pdf",
                "datas": base64.b64encode(pdf),
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
                "company_id": self.company_id.id,
            }
        )
