# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.tools import format_amount, format_date

from ...core import dossier as core_dossier
from ...core.vocabulary import ISSUED_STATES

EVENT_ROLES = {
    "amiable": "reminder",
    "mise_en_demeure": "mise_en_demeure",
    "contentieux": "other",
}
FOLDERS = {
    "invoice": "01_factures",
    "reminder": "02_relances",
    "email": "02_relances",
    "mise_en_demeure": "03_mise_en_demeure",
    "lrar_proof": "03_mise_en_demeure",
    "payment_plan": "04_echeancier",
    "attachment": "05_pieces",
}


class RecoveryDossierPieces(models.AbstractModel):
    """The pieces of a recovery dossier: invoices, letters and e-mails sent,
    payment plans, and the chronology of the file."""

    _name = "recovery.dossier.pieces"
    _description = "Pieces of a Recovery Dossier"

    # ------------------------------------------------------------
    # RENDERING
    # ------------------------------------------------------------

    @api.model
    def _test_mode(self):
        return (
            tools.config["test_enable"] or tools.config["test_file"]
        ) and not self.env.context.get("force_report_rendering")

    @api.model
    def _render(self, report_ref, res_ids, data=None):
        """(bytes, extension): PDF, or HTML under tests (no wkhtmltopdf)."""
        reports = self.env["ir.actions.report"]
        if self._test_mode():
            content = reports._render_qweb_html(report_ref, res_ids, data=data)[0]
            extension = "html"
        else:
            content = reports._render_qweb_pdf(report_ref, res_ids, data=data)[0]
            extension = "pdf"
        if isinstance(content, str):
            content = content.encode()
        return content, extension

    # ------------------------------------------------------------
    # LABELS (in the language of the exporting user)
    # ------------------------------------------------------------

    @api.model
    def _csv_headers(self):
        """The CSV columns of the dossier, as the header lines name them."""
        return {
            "date": _("Date"),
            "kind": _("Kind"),
            "reference": _("Reference"),
            "description": _("Description"),
            "amount": _("Amount"),
            "currency": _("Currency"),
            "file": _("File"),
            "invoice": _("Invoice"),
            "invoice_date": _("Invoice date"),
            "due_date": _("Due date"),
            "amount_total": _("Invoice amount"),
            "payments": _("Payments"),
            "principal": _("Principal"),
            "penalty": _("Penalties"),
            "indemnity": _("Indemnity"),
            "interest": _("Interest"),
            "total": _("Total"),
            "prescription_date": _("Prescription date"),
        }

    @api.model
    def _kind_labels(self):
        """The kinds of the chronology's lines: the channels of the
        communications, invoices, payments, plans and registered letters."""
        return dict(
            self.env["recovery.event"]
            ._fields["channel"]
            ._description_selection(self.env),
            invoice=_("Invoice"),
            payment=_("Payment"),
            payment_plan=_("Payment plan"),
            instalment=_("Instalment"),
            lrar_posted=_("Registered letter posted"),
            lrar_received=_("Acknowledgement of receipt"),
        )

    @api.model
    def _selection_label(self, record, field_name):
        return dict(record._fields[field_name]._description_selection(self.env)).get(
            record[field_name], record[field_name] or ""
        )

    # ------------------------------------------------------------
    # PIECES
    # ------------------------------------------------------------

    def _dossier_events(self, moves):
        """The communications sent about these invoices, oldest first."""
        return moves.recovery_event_ids.filtered(
            lambda e: e.state in ISSUED_STATES and not e.dossier_version
        ).sorted(lambda e: (e.date, e.id))

    def _invoice_pieces(self, moves):
        pieces = []
        for move in moves:
            attachment = move.invoice_pdf_report_id or move.message_main_attachment_id
            if attachment and attachment.mimetype == "application/pdf":
                content, extension = attachment.raw, "pdf"
            else:
                content, extension = self._render("account.account_invoices", move.ids)
            pieces.append(
                core_dossier.Piece(
                    "{}/{}.{}".format(
                        FOLDERS["invoice"],
                        core_dossier.safe_filename(move.name),
                        extension,
                    ),
                    "invoice",
                    content,
                    _("Invoice %(invoice)s", invoice=move.name),
                    move.invoice_date,
                )
            )
        return pieces

    def _attachment_piece(self, attachment, role, prefix, description, date):
        folder = FOLDERS[role]
        return core_dossier.Piece(
            f"{folder}/{prefix}{core_dossier.safe_filename(attachment.name)}",
            role,
            attachment.raw or b"",
            description,
            date,
        )

    def _event_pieces(self, events):
        """The letter, e-mail and AR of each communication sent."""
        pieces = []
        for event in events:
            role = EVENT_ROLES.get(event.level_id.stage, "other")
            prefix = f"{fields.Date.to_string(event.date)}_"
            if event.attachment_id:
                pieces.append(
                    self._attachment_piece(
                        event.attachment_id,
                        "mise_en_demeure" if role == "mise_en_demeure" else "reminder",
                        prefix,
                        event.display_name,
                        event.date,
                    )
                )
            if event.mail_message_id:
                pieces.append(self._email_piece(event, prefix))
            if event.ar_attachment_id:
                pieces.append(self._ar_piece(event, prefix))
        return pieces

    def _email_piece(self, event, prefix):
        """The e-mail of ``event`` as a standalone HTML piece."""
        return core_dossier.Piece(
            "{}/{}{}.html".format(
                FOLDERS["email"],
                prefix,
                core_dossier.safe_filename(
                    event.mail_message_id.subject or event.display_name
                ),
            ),
            "email",
            self._message_html(event.mail_message_id),
            _("E-mail: %(event)s", event=event.display_name),
            event.date,
        )

    def _ar_piece(self, event, prefix):
        """The scanned acknowledgement of receipt of the registered letter."""
        return self._attachment_piece(
            event.ar_attachment_id,
            "lrar_proof",
            f"{prefix}AR_",
            _(
                "Acknowledgement of receipt of %(number)s",
                number=event.lrar_number or event.display_name,
            ),
            event.ar_date or event.date,
        )

    def _message_html(self, message):
        """An e-mail as a standalone HTML file with its headers."""
        headers = [
            (_("Date"), fields.Datetime.to_string(message.date)),
            (_("From"), message.email_from or message.author_id.display_name or ""),
            (_("To"), ", ".join(message.partner_ids.mapped("email_formatted"))),
            (_("Subject"), message.subject or ""),
            (_("Message-Id"), message.message_id or ""),
            (
                _("Attachments"),
                ", ".join(message.attachment_ids.mapped("name")),
            ),
        ]
        rows = Markup("").join(
            Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, value)
            for label, value in headers
        )
        html = Markup(
            "<!DOCTYPE html><html><head><meta charset='utf-8'/><title>%s</title>"
            "</head><body><table>%s</table><hr/>%s</body></html>"
        ) % (message.subject or "", rows, message.body or "")
        return str(html).encode()

    def _plans(self, moves, include=True):
        if "recovery.plan" not in self.env or not include:
            return None
        return self.env["recovery.plan"].search([("move_ids", "in", moves.ids)])

    def _plan_pieces(self, plans, decimal_comma):
        pieces = []
        report = self.env.ref(
            "recouvrement_fr.action_report_recovery_plan", raise_if_not_found=False
        )
        for plan in plans:
            stem = "{}/{}".format(
                FOLDERS["payment_plan"], core_dossier.safe_filename(plan.display_name)
            )
            if report:
                content, extension = self._render(report, plan.ids)
                pieces.append(
                    core_dossier.Piece(
                        f"{stem}.{extension}",
                        "payment_plan",
                        content,
                        _("Payment plan %(plan)s", plan=plan.display_name),
                        plan.date,
                    )
                )
            signed = getattr(plan, "signed_agreement", False)
            if signed:
                pieces.append(
                    core_dossier.Piece(
                        "{}_{}".format(
                            stem,
                            core_dossier.safe_filename(
                                plan.signed_agreement_name or "accord_signe.pdf"
                            ),
                        ),
                        "payment_plan",
                        base64.b64decode(signed),
                        _("Signed payment plan %(plan)s", plan=plan.display_name),
                        plan.signed_date,
                    )
                )
            pieces.append(self._plan_history_piece(plan, stem, decimal_comma))
        return pieces

    def _plan_history_piece(self, plan, stem, decimal_comma):
        """The plan's instalments and their payments, as a CSV piece."""
        kind = self._kind_labels()["instalment"]
        rows = [
            {
                "date": line.date_due,
                "kind": kind,
                "reference": line.display_name,
                "amount": line.amount,
                "currency": plan.currency_id.name,
                "description": _(
                    "Instalment: paid %(paid)s, state %(state)s",
                    paid=format_amount(self.env, line.amount_paid, plan.currency_id),
                    state=self._selection_label(line, "state"),
                ),
            }
            for line in plan.line_ids
        ]
        return core_dossier.Piece(
            f"{stem}_historique.csv",
            "payment_plan",
            core_dossier.chronology_csv(rows, decimal_comma, self._csv_headers()),
            _("Instalments of %(plan)s", plan=plan.display_name),
            plan.date,
        )

    # ------------------------------------------------------------
    # CHRONOLOGY
    # ------------------------------------------------------------

    def _chronology(self, moves, events, plans, currency, files_by_owner):
        """Rows of the dossier's chronology: invoices and payments, steps,
        payment plans."""
        rows = self._invoice_rows(moves, files_by_owner)
        rows += self._event_rows(events, currency, files_by_owner)
        kind = self._kind_labels()["payment_plan"]
        rows += [
            {
                "date": plan.date,
                "kind": kind,
                "reference": plan.display_name,
                "description": _(
                    "Payment plan (%(state)s)",
                    state=self._selection_label(plan, "state"),
                ),
                "amount": plan.amount_total,
                "currency": plan.currency_id.name,
            }
            for plan in plans or ()
        ]
        return rows

    def _invoice_rows(self, moves, files_by_owner):
        kinds = self._kind_labels()
        rows = []
        for move in moves:
            rows.append(
                {
                    "date": move.invoice_date,
                    "kind": kinds["invoice"],
                    "reference": move.name,
                    "description": _(
                        "Invoice, due %(due)s",
                        due=format_date(self.env, move.invoice_date_due),
                    ),
                    "amount": move.amount_total,
                    "currency": move.currency_id.name,
                    "file": " | ".join(files_by_owner[("account.move", move.id)]),
                }
            )
            rows += [
                {
                    "date": pay_date,
                    "kind": kinds["payment"],
                    "reference": move.name,
                    "description": _("Payment received"),
                    "amount": -amount,
                    "currency": move.currency_id.name,
                }
                for pay_date, amount in move._recovery_payments()
            ]
        return rows

    def _event_rows(self, events, currency, files_by_owner):
        kinds = self._kind_labels()
        rows = []
        for event in events:
            rows.append(
                {
                    "date": event.date,
                    "kind": kinds[event.channel],
                    "reference": ", ".join(event.move_ids.mapped("name")),
                    "description": event.display_name,
                    "amount": event.amount_residual,
                    "currency": currency.name,
                    "file": " | ".join(files_by_owner[("recovery.event", event.id)]),
                }
            )
            for when, kind, description in (
                (event.lrar_sent_date, "lrar_posted", _("Registered letter posted")),
                (event.ar_date, "lrar_received", _("Acknowledgement of receipt")),
            ):
                if when:
                    rows.append(
                        {
                            "date": when,
                            "kind": kinds[kind],
                            "reference": event.lrar_number,
                            "description": description,
                            "currency": currency.name,
                        }
                    )
        return rows
