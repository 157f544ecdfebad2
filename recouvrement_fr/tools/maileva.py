# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""HTTP client of Maileva's registered-letter API (LREL, a registered letter
with acknowledgement of receipt printed and posted by La Poste), no model.

Written from Maileva's OpenAPI description "Envoi et Suivi de Lettres
Recommandées En Ligne distribuées par le facteur", registered_mail v4.9,
published on Maileva's developer portal (https://www.maileva.com/catalogue-api/)
and read in full in its copy
https://github.com/Justisy/maileva/blob/main/openapi/api-registered_mail-v4-9.yaml
(servers https://api.maileva.com/registered_mail/v4 and, sandbox,
https://api.sandbox.maileva.net/registered_mail/v4), and of its notification
centre (same place, api-notification_center-v2-8.yaml) for the webhooks. The
operations used:

- token: ``POST {auth_url}`` (OAuth 2 password grant, HTTP Basic with the
  client id and secret, form ``grant_type=password&username&password``) ->
  ``{"access_token"}``;
- ``POST /sendings`` (sending_creation: ``name``, ``custom_id``,
  ``acknowledgement_of_receipt``, ``color_printing``, ``duplex_printing``,
  ``sender_address_line_1..6``, ``sender_country_code``) -> 201
  sending_response ``{"id", "status": "DRAFT"}``;
- ``POST /sendings/{id}/documents`` (multipart: ``document``, ``metadata``
  ``{"priority": 1, "name"}``) -> 201;
- ``POST /sendings/{id}/recipients`` (recipient_creation: ``custom_id``,
  ``address_line_1..6`` of 38 characters at most, line 6 "CODE_POSTAL
  VILLE", ``country_code``) -> 201 recipient_response ``{"id"}``;
- ``POST /sendings/{id}/submit`` -> 200;
- ``GET /sendings/{id}/recipients/{rid}`` -> recipient_response: ``status``
  (REJECTED, SENDING_REJECTED, CANCELED...), ``status_detail``,
  ``registered_number``, ``deposit_proof_date``, ``deposit_proof_url``,
  ``acknowledgement_of_receipt_date``, ``acknowledgement_of_receipt_url``,
  ``undelivered_mail_date``, ``undelivered_mail_reason`` (N02 unknown
  recipient, N03 "pli avisé et non réclamé", N05 "pli refusé par le
  destinataire", N07 no access or address);
- ``GET {deposit_proof_url}`` / ``GET {acknowledgement_of_receipt_url}`` ->
  the PDF (``application/pdf``);
- ``GET {undelivered_mail_url}`` (operation
  download-archived-undelivered_mail-of-recipient-of-sending, "Téléchargement
  de l'image du pli retourné") -> the PDF image of the returned letter (a
  refused or unclaimed one), archived when the sending asked for
  ``returned_mail_scanning`` ("Gestion numérique des PND"): the proof of the
  return;
- against a second sending of the same letter: ``GET /sendings``
  (get-all-sendings, paged by ``start_index`` and ``count`` <= 500 ->
  sendings_response ``{"sendings": [sending_response], "paging": {"next",
  "total_results"}}``, each with its ``custom_id`` and ``status``). The
  operation documents no filter nor order: the pages are read until the
  ``custom_id`` is found or none remain (at most ``LOOKUP_PAGES``). A sending
  found already submitted is adopted (``GET /sendings/{id}/recipients``,
  get-all-recipients-of-sending, recipients_response ``{"recipients"}``); a
  found ``DRAFT`` (the previous try stopped before ``submit``) is deleted
  (``DELETE /sendings/{id}``, delete-sending, DRAFT only -> 204) and made
  again.

Errors are ``errors_response`` ``{"errors": [{"code", "message"}]}`` (400) or
``error_response`` ``{"code", "message"}`` (401, 404). A notification of the
notification centre is a POST of ``{"source", "event_type", "resource_type",
"resource_id", "resource_custom_id", "event_date"...}``, authenticated by the
credentials given at the subscription (``authentication.basic`` login and
password): the only check the API documents; the callback answers 201.
"""

import json

import requests

from .french_services import (
    HTTP_ERROR,
    MALFORMED,
    TIMEOUT,
    UNREACHABLE,
    ServiceError,
)

PRODUCTION_URL = "https://api.maileva.com/registered_mail/v4"
PRODUCTION_AUTH_URL = (
    "https://connexion.maileva.com/auth/realms/services/protocol/openid-connect/token"
)
SANDBOX_URL = "https://api.sandbox.maileva.net/registered_mail/v4"
SANDBOX_AUTH_URL = (
    "https://connexion.sandbox.maileva.net/auth/realms/services/protocol/"
    "openid-connect/token"
)
# Address lines are 38 characters at most (recipient_creation).
LINE = 38
REFUSED = "N05"
UNCLAIMED = "N03"
FAILED_STATUSES = ("REJECTED", "SENDING_REJECTED", "CANCELED")
# get-all-sendings: at most 500 a page; pages read looking for a custom_id.
PAGE = 500
LOOKUP_PAGES = 20


def _call(method, url, timeout, **kwargs):
    try:
        response = requests.request(method, url, timeout=timeout, **kwargs)
    except requests.Timeout as error:
        raise ServiceError(TIMEOUT, str(error)) from error
    except requests.RequestException as error:
        raise ServiceError(UNREACHABLE, str(error)) from error
    if response.status_code >= 400:
        raise ServiceError(HTTP_ERROR, _error_text(response))
    return response


def _error_text(response):
    """``"400 CODE: message"`` from an error_response or errors_response."""
    try:
        payload = response.json()
    except ValueError:
        return f"{response.status_code} {response.text[:200]}"
    errors = payload.get("errors") if isinstance(payload, dict) else None
    items = errors if isinstance(errors, list) else [payload]
    text = "; ".join(
        f"{item.get('code', '')}: {item.get('message', '')}"
        for item in items
        if isinstance(item, dict)
    )
    return f"{response.status_code} {text}"


def _json(response):
    try:
        payload = response.json()
    except ValueError as error:
        raise ServiceError(MALFORMED, str(error)) from error
    if not isinstance(payload, dict):
        raise ServiceError(MALFORMED, "not an object")
    return payload


class MailevaClient:
    """One authenticated session with the registered-letter API."""

    def __init__(self, url, auth_url, credentials, timeout):
        self.url = url.rstrip("/")
        self.auth_url = auth_url
        self.credentials = credentials
        self.timeout = timeout
        self.token = None

    def _headers(self):
        if not self.token:
            creds = self.credentials
            response = _call(
                "POST",
                self.auth_url,
                self.timeout,
                auth=(creds["client_id"], creds["client_secret"]),
                data={
                    "grant_type": "password",
                    "username": creds["username"],
                    "password": creds["password"],
                },
            )
            self.token = _json(response).get("access_token")
            if not self.token:
                raise ServiceError(MALFORMED, "no access_token")
        return {"Authorization": f"Bearer {self.token}"}

    def _request(self, method, path, **kwargs):
        url = path if path.startswith("http") else self.url + path
        return _call(method, url, self.timeout, headers=self._headers(), **kwargs)

    def send(self, name, custom_id, sender_lines, recipient_lines, pdf, filename):
        """Create, fill and submit a sending of one registered letter with AR;
        ``(sending id, recipient id)``. A sending of the same ``custom_id``
        already submitted (a previous try whose transaction was rolled back
        after Maileva accepted it) is adopted instead: never twice."""
        found = self.adopt(custom_id)
        if found:
            return found
        sending_id = self._create_sending(name, custom_id, sender_lines)
        self._request(
            "POST",
            f"/sendings/{sending_id}/documents",
            files={
                "document": (filename, pdf, "application/pdf"),
                "metadata": (
                    None,
                    json.dumps({"priority": 1, "name": filename}),
                    "application/json",
                ),
            },
        )
        recipient = _json(
            self._request(
                "POST",
                f"/sendings/{sending_id}/recipients",
                json={
                    "custom_id": custom_id[:36],
                    **_lines("address_line_", recipient_lines),
                    "country_code": "FR",
                },
            )
        )
        if not recipient.get("id"):
            raise ServiceError(MALFORMED, "recipient without id")
        self._request("POST", f"/sendings/{sending_id}/submit")
        return sending_id, recipient["id"]

    def _create_sending(self, name, custom_id, sender_lines):
        """A new DRAFT sending (post-sending); its id."""
        sending = _json(
            self._request(
                "POST",
                "/sendings",
                json={
                    "name": name[:256],
                    "custom_id": custom_id[:38],
                    "acknowledgement_of_receipt": True,
                    "color_printing": False,
                    "duplex_printing": False,
                    # The image of a returned letter is the proof of a
                    # refusal or a non-claim (undelivered_mail_url).
                    "returned_mail_scanning": True,
                    **_lines("sender_address_line_", sender_lines),
                    "sender_country_code": "FR",
                },
            )
        )
        sending_id = sending.get("id")
        if not sending_id:
            raise ServiceError(MALFORMED, "sending without id")
        return sending_id

    def find_sendings(self, custom_id):
        """The sending_responses of ``custom_id`` (get-all-sendings, paged)."""
        found = []
        for page in range(LOOKUP_PAGES):
            payload = _json(
                self._request(
                    "GET",
                    "/sendings",
                    params={"start_index": page * PAGE + 1, "count": PAGE},
                )
            )
            sendings = payload.get("sendings")
            if not isinstance(sendings, list):
                raise ServiceError(MALFORMED, "sendings is not a list")
            found += [
                item
                for item in sendings
                if isinstance(item, dict) and item.get("custom_id") == custom_id[:38]
            ]
            paging = payload.get("paging") or {}
            if len(sendings) < PAGE or not paging.get("next"):
                break
        return found

    def adopt(self, custom_id):
        """``(sending id, recipient id)`` of a sending of ``custom_id``
        already submitted, or None; its drafts are deleted."""
        sendings = self.find_sendings(custom_id)
        for sending in sendings:
            if sending.get("status") == "DRAFT" and sending.get("id"):
                self._request("DELETE", f"/sendings/{sending['id']}")
        submitted = [s for s in sendings if s.get("status") != "DRAFT" and s.get("id")]
        if not submitted:
            return None
        sending_id = submitted[0]["id"]
        recipients = _json(
            self._request(
                "GET", f"/sendings/{sending_id}/recipients", params={"count": PAGE}
            )
        ).get("recipients")
        ids = [
            item.get("id")
            for item in recipients or []
            if isinstance(item, dict) and item.get("custom_id") == custom_id[:36]
        ]
        if not ids or not ids[0]:
            raise ServiceError(MALFORMED, "submitted sending without its recipient")
        return sending_id, ids[0]

    def recipient(self, sending_id, recipient_id):
        """The recipient_response of one letter."""
        return _json(
            self._request("GET", f"/sendings/{sending_id}/recipients/{recipient_id}")
        )

    def download(self, url):
        """A proof's PDF from its ``*_url`` (relative to the API)."""
        content = self._request("GET", url).content
        if not content.startswith(b"%PDF"):
            raise ServiceError(MALFORMED, "the proof is not a PDF")
        return content


def _lines(prefix, lines):
    """``{prefix1: ..., prefix6: ...}`` of the six address lines (None or
    empty ones left out), each cut to 38 characters."""
    return {
        f"{prefix}{index}": line[:LINE]
        for index, line in enumerate(lines, start=1)
        if line
    }


def outcome(recipient):
    """What a recipient_response says of the letter: ``(state, date, reason)``
    where state is failed / refused / unclaimed / received / deposited or
    None (nothing new), and date the proof's date (ISO text)."""
    if recipient.get("status") in FAILED_STATUSES:
        return "failed", None, recipient.get("status_detail") or recipient["status"]
    reason = recipient.get("undelivered_mail_reason")
    if reason == REFUSED:
        return "refused", recipient.get("undelivered_mail_date"), reason
    if reason == UNCLAIMED:
        return "unclaimed", recipient.get("undelivered_mail_date"), reason
    if reason:
        return "failed", recipient.get("undelivered_mail_date"), reason
    if recipient.get("acknowledgement_of_receipt_date") and recipient.get(
        "acknowledgement_of_receipt_url"
    ):
        return "received", recipient["acknowledgement_of_receipt_date"], None
    if recipient.get("deposit_proof_date") and recipient.get("deposit_proof_url"):
        return "deposited", recipient["deposit_proof_date"], None
    return None, None, None
