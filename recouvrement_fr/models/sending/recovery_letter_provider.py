# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import hmac
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...core.vocabulary import DEMO_OUTCOMES, PROVIDER_CODES, PROVIDER_STATES
from ...tools import maileva
from ...tools.french_services import HTTP_ERROR, ServiceError

_logger = logging.getLogger(__name__)

# Where the Maileva API is reached, by provider state (system parameters: a
# test server may stand in).
MAILEVA_URL_PARAMS = {
    "enabled": (
        ("recouvrement_fr.maileva_url", maileva.PRODUCTION_URL),
        ("recouvrement_fr.maileva_auth_url", maileva.PRODUCTION_AUTH_URL),
    ),
    "test": (
        ("recouvrement_fr.maileva_sandbox_url", maileva.SANDBOX_URL),
        ("recouvrement_fr.maileva_sandbox_auth_url", maileva.SANDBOX_AUTH_URL),
    ),
}


class RecoveryLetterProvider(models.Model):
    """A registered-letter provider, in the manner of Odoo's payment
    providers: disabled, in test mode (its sandbox) or enabled, with its
    credentials. ``demo`` behaves as a real one (asynchronous: the letter is
    deposited, then received, refused or not claimed, each with a PDF proof)
    without leaving Odoo."""

    _name = "recovery.letter.provider"
    _description = "Registered letter provider"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    code = fields.Selection(
        PROVIDER_CODES, string="Provider", required=True, default="demo"
    )
    state = fields.Selection(
        PROVIDER_STATES, required=True, default="disabled", copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    electronic = fields.Boolean(
        string="Electronic registered letter (LRE)",
        compute="_compute_electronic",
        help="An electronic registered letter (Code des postes et des "
        "communications électroniques L100) reaches a consumer only with his "
        "recorded consent; without it the letter takes the postal route.",
    )
    maileva_client_id = fields.Char(
        string="Maileva client ID", groups="base.group_system", copy=False
    )
    maileva_client_secret = fields.Char(
        string="Maileva client secret", groups="base.group_system", copy=False
    )
    maileva_username = fields.Char(
        string="Maileva login", groups="base.group_system", copy=False
    )
    maileva_password = fields.Char(
        string="Maileva password", groups="base.group_system", copy=False
    )
    webhook_login = fields.Char(
        string="Notification login",
        groups="base.group_system",
        copy=False,
        help="Login and password the provider sends with its notifications "
        "(the Basic authentication of Maileva's notification centre).",
    )
    webhook_secret = fields.Char(
        string="Notification secret",
        groups="base.group_system",
        copy=False,
        help="Password of the notifications (Maileva) or key of their "
        "HMAC-SHA256 signature (demo).",
    )
    demo_outcome = fields.Selection(
        DEMO_OUTCOMES,
        string="Simulated outcome",
        default="received",
        help="What the simulated post office does with the next letters.",
    )

    @api.depends("code")
    def _compute_electronic(self):
        for provider in self:
            provider.electronic = provider.code == "demo"

    # ------------------------------------------------------------
    # SENDING AND TRACKING (one method per provider code)
    # ------------------------------------------------------------

    @api.model
    def _for_company(self, company):
        """The provider of ``company`` registered letters go through, if any."""
        return self.sudo().search(
            [("company_id", "=", company.id), ("state", "in", ("test", "enabled"))],
            limit=1,
        )

    def _send(self, event, pdf):
        """Hand ``event``'s letter (its PDF) over; ``(reference, recipient
        reference)``. :raises ServiceError: the provider refused or failed.

        ``event`` is any registered letter: a ``recovery.event`` (the mise en
        demeure) or a ``recovery.act`` (the déclaration de créance), read
        through ``_recovery_letter_key`` (stable per letter),
        ``_recovery_letter_addressee``, ``_recovery_letter_state`` and
        ``_recovery_letter_deposit_date``."""
        self.ensure_one()
        return getattr(self, f"_{self.code}_send")(event, pdf)

    def _track(self, event):
        """What the provider says now: ``(state, date, reason, proof PDF)``,
        state None when nothing new."""
        self.ensure_one()
        return getattr(self, f"_{self.code}_track")(event)

    def _timeout(self):
        return self.env["res.partner"]._recovery_services_timeout()

    # Demo: a simulated post office, one step at each tracking.

    def _demo_send(self, event, pdf):
        """Nothing leaves Odoo and the reference is the event's: a retry after
        a rolled-back run finds the same letter (never sent twice)."""
        if self.demo_outcome == "error":
            raise ServiceError(HTTP_ERROR, "503 DEMO_UNAVAILABLE")
        prefix = "DEMO-ACT" if event._name == "recovery.act" else "DEMO"
        return f"{prefix}-{event.id}", f"{prefix}-{event.id}-1"

    def _demo_track(self, event):
        """Deposited when first asked; received, refused or not claimed
        (``demo_outcome``) when asked on a later day."""
        today = fields.Date.context_today(self)
        if event._recovery_letter_state() == "sending":
            return "deposited", str(today), None, self._demo_proof(event, "deposit")
        deposited = event._recovery_letter_deposit_date()
        if not deposited or deposited >= today:
            return None, None, None, None
        outcome = self.demo_outcome
        return outcome, str(today), None, self._demo_proof(event, outcome)

    def _demo_proof(self, event, kind):
        """A one-page PDF standing for the provider's signed proof."""
        return minimal_pdf(
            [
                f"Demo registered-letter provider: {kind} proof",
                f"Letter {event.provider_reference}",
                f"Recipient: {event._recovery_letter_addressee().name}",
                f"Date: {fields.Date.context_today(self)}",
            ]
        )

    # Maileva: registered letter with AR printed and posted by La Poste.

    def _maileva_client(self):
        params = self.env["ir.config_parameter"].sudo()
        (url_key, url), (auth_key, auth) = MAILEVA_URL_PARAMS[self.state]
        provider = self.sudo()
        return maileva.MailevaClient(
            params.get_param(url_key, url),
            params.get_param(auth_key, auth),
            {
                "client_id": provider.maileva_client_id or "",
                "client_secret": provider.maileva_client_secret or "",
                "username": provider.maileva_username or "",
                "password": provider.maileva_password or "",
            },
            self._timeout(),
        )

    def _maileva_send(self, event, pdf):
        company = event.company_id
        recipient = event._recovery_letter_addressee()
        return self._maileva_client().send(
            name=event.display_name,
            # Stable per letter: a retry finds the sending a rolled-back run
            # made (see MailevaClient.send).
            custom_id=event._recovery_letter_key(),
            sender_lines=_address_lines(company.partner_id),
            recipient_lines=_address_lines(recipient),
            pdf=pdf,
            filename=f"{event._recovery_letter_key()}.pdf",
        )

    def _maileva_track(self, event):
        client = self._maileva_client()
        recipient = client.recipient(
            event.provider_reference, event.provider_recipient_reference
        )
        state, date, reason = maileva.outcome(recipient)
        current = event._recovery_letter_state()
        if current == "sending" and state in ("received", "refused", "unclaimed"):
            # The deposit first: its proof is evidence too (the next run
            # reads the rest).
            state, date = "deposited", recipient.get("deposit_proof_date")
        if state == current or state is None:
            return None, None, None, None
        # A returned letter's proof is its image (undelivered_mail_url, see
        # tools/maileva.py), there once Maileva archived it.
        url = {
            "deposited": recipient.get("deposit_proof_url"),
            "received": recipient.get("acknowledgement_of_receipt_url"),
            "refused": recipient.get("undelivered_mail_url"),
            "unclaimed": recipient.get("undelivered_mail_url"),
        }.get(state)
        proof = client.download(url) if url else None
        if state == "deposited":
            event.lrar_number = recipient.get("registered_number") or False
        return state, date, reason, proof

    # ------------------------------------------------------------
    # WEBHOOK
    # ------------------------------------------------------------

    def _check_notification(self, headers, body):
        """Whether a notification comes from the provider: Maileva's Basic
        authentication, the demo's HMAC-SHA256 of the body."""
        self.ensure_one()
        provider = self.sudo()
        secret = provider.webhook_secret or ""
        if not secret:
            return False
        if self.code == "demo":
            expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            given = headers.get("X-Recovery-Signature", "")
            return hmac.compare_digest(expected, given)
        token = base64.b64encode(
            f"{provider.webhook_login or ''}:{secret}".encode()
        ).decode()
        return hmac.compare_digest(headers.get("Authorization", ""), f"Basic {token}")

    def _notified(self, payload):
        """Events a notification is about (by the provider's references);
        tracked now. Idempotent: the provider's state is read again."""
        self.ensure_one()
        reference = payload.get("resource_id") or ""
        events = self.env["recovery.event"]._notified_by(self, reference)
        events._recovery_track_letters()
        return events

    def action_check_credentials(self):
        """Button: ask the provider for a token (Maileva)."""
        self.ensure_one()
        if self.code != "maileva":
            return True
        try:
            self._maileva_client()._headers()
        except ServiceError as error:
            raise UserError(
                self.env["res.partner"]._recovery_service_message("Maileva", error)
            ) from error
        return True


def _address_lines(partner):
    """The six address lines of the French postal standard (AFNOR NF Z10-011)
    as Maileva's recipient_creation takes them."""
    company = partner.commercial_partner_id
    person = partner.name if partner != company else ""
    return [
        company.name,
        person,
        partner.street2 or "",
        partner.street or "",
        "",
        f"{partner.zip or ''} {partner.city or ''}".strip(),
    ]


def minimal_pdf(lines):
    """A valid one-page PDF of text lines (Helvetica, WinAnsi)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 72 770 Td 16 TL " + " ".join(
        f"({escape(line)}) '" for line in lines
    )
    stream = (stream + " ET").encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
