# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from collections import defaultdict
from decimal import Decimal

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression

from ..core import advise_procedure
from ..core import dossier as core_dossier

RECIPIENT_CATEGORIES = (
    "recouvrement_fr.recovery_partner_category_commissaire",
    "recouvrement_fr.recovery_partner_category_avocat",
    "recouvrement_fr.recovery_partner_category_agence",
)
PAID_STATES = ("paid", "in_payment", "reversed")
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


class RecoveryDossierWizard(models.TransientModel):
    """Export the recovery dossier of a customer for the commissaire de justice."""

    _name = "recovery.dossier.wizard"
    _description = "Recovery dossier for the commissaire de justice"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        domain="[('parent_id', '=', False)]",
        default=lambda self: self._default_partner_id(),
    )
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        default=lambda self: self._default_move_ids(),
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id), "
        "('company_id', '=', company_id)]",
    )
    recipient_id = fields.Many2one(
        "res.partner",
        string="Send to",
        domain=lambda self: [("category_id", "in", self._recipient_category_ids())],
        help="A commissaire de justice (ex-huissier), a lawyer or a recovery "
        "agency: tag the contact with the matching category.",
    )
    include_invoices = fields.Boolean(string="Invoices (PDF)", default=True)
    include_communications = fields.Boolean(
        string="Letters and e-mails sent", default=True
    )
    include_plans = fields.Boolean(string="Payment plans", default=True)
    available_attachment_ids = fields.Many2many(
        "ir.attachment", compute="_compute_available_attachment_ids"
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Other documents",
        domain="[('id', 'in', available_attachment_ids)]",
        help="Orders, quotes, contracts, delivery proofs... attached to the "
        "invoices or to the customer.",
    )
    decimal_comma = fields.Boolean(
        string="Decimal comma in CSV files",
        default=True,
        help="Write 1234,56 instead of 1234.56 (French spreadsheets).",
    )
    override = fields.Boolean(
        string="Export without a formal notice",
        help="Export although no formal notice (mise en demeure) was sent: "
        "the reason is recorded in the dossier's event.",
    )
    override_reason = fields.Text(string="Reason")
    notice_missing = fields.Boolean(compute="_compute_preview")
    preview_html = fields.Html(compute="_compute_preview", sanitize=False)
    procedure_explanation = fields.Text(
        string="Recommended procedure", compute="_compute_preview"
    )

    # ------------------------------------------------------------
    # DEFAULTS AND COMPUTE
    # ------------------------------------------------------------

    @api.model
    def _recipient_category_ids(self):
        return [
            category.id
            for xmlid in RECIPIENT_CATEGORIES
            if (category := self.env.ref(xmlid, raise_if_not_found=False))
        ]

    @api.model
    def _default_partner_id(self):
        context = self.env.context
        model, ids = context.get("active_model"), context.get("active_ids") or []
        if model == "res.partner" and ids:
            return self.env["res.partner"].browse(ids[0]).commercial_partner_id.id
        if model == "account.move" and ids:
            return self.env["account.move"].browse(ids[0]).commercial_partner_id.id
        return False

    @api.model
    def _default_move_ids(self):
        context = self.env.context
        model, ids = context.get("active_model"), context.get("active_ids") or []
        if model == "account.move":
            return [(6, 0, ids)]
        if model == "res.partner" and ids:
            partner = self.env["res.partner"].browse(ids[0]).commercial_partner_id
            moves = self.env["account.move"].search(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("commercial_partner_id", "=", partner.id),
                    ("company_id", "=", self.env.company.id),
                    ("payment_state", "not in", PAID_STATES),
                    ("amount_residual", ">", 0),
                    ("invoice_date_due", "<", fields.Date.context_today(self)),
                ]
            )
            return [(6, 0, moves.ids)]
        return False

    @api.depends("partner_id", "move_ids")
    def _compute_available_attachment_ids(self):
        for wizard in self:
            domain = expression.OR(
                [
                    [
                        ("res_model", "=", "res.partner"),
                        ("res_id", "=", wizard.partner_id.id or 0),
                    ],
                    [
                        ("res_model", "=", "account.move"),
                        ("res_id", "in", wizard.move_ids._origin.ids),
                    ],
                ]
            )
            wizard.available_attachment_ids = self.env["ir.attachment"].search(domain)

    @api.depends("partner_id", "move_ids", "company_id")
    def _compute_preview(self):
        for wizard in self:
            moves = wizard.move_ids._origin
            errors = wizard._check_errors(moves) if moves else []
            wizard.notice_missing = bool(moves) and wizard._notice_missing(moves)
            explanation = ""
            if moves and not errors:
                decompte = moves._recovery_decompte(fields.Date.context_today(wizard))
                explanation = wizard._procedure_text(decompte, moves)
            wizard.procedure_explanation = explanation
            wizard.preview_html = wizard._preview_html(moves, errors)

    def _preview_html(self, moves, errors):
        self.ensure_one()
        if errors:
            return Markup("<div class='alert alert-danger'>%s</div>") % Markup(
                "<br/>"
            ).join(errors)
        if not moves:
            return Markup("<p>%s</p>") % _("Choose the invoices of the dossier.")
        events = self._dossier_events(moves)
        currency = self.company_id.currency_id
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td><td>%s</td></tr>"
            )
            % (
                move.name,
                move.invoice_date_due or "",
                currency.format(move.amount_residual),
                move.recovery_prescription_date or "",
            )
            for move in moves
        )
        return Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
            "<th class='text-end'>%s</th><th>%s</th></tr></thead><tbody>%s</tbody>"
            "</table><p>%s</p>"
        ) % (
            _("Invoice"),
            _("Due date"),
            _("Amount due"),
            _("Prescription"),
            rows,
            _(
                "%(count)s communication(s) sent, %(attachments)s other document(s) "
                "selected.",
                count=len(events),
                attachments=len(self.attachment_ids),
            ),
        )

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _check_errors(self, moves):
        """Errors that forbid the export, whatever the override."""
        self.ensure_one()
        errors = []
        partner = self.partner_id.commercial_partner_id
        for move in moves:
            if move.move_type != "out_invoice" or move.state != "posted":
                errors.append(
                    _(
                        "%(invoice)s is not a posted customer invoice.",
                        invoice=move.name,
                    )
                )
            elif move.payment_state in PAID_STATES or move.amount_residual <= 0:
                errors.append(_("%(invoice)s is already paid.", invoice=move.name))
            if move.commercial_partner_id != partner:
                errors.append(
                    _(
                        "%(invoice)s belongs to another customer (%(customer)s).",
                        invoice=move.name,
                        customer=move.commercial_partner_id.display_name,
                    )
                )
            if move.company_id != self.company_id:
                errors.append(
                    _(
                        "%(invoice)s belongs to another company (%(company)s).",
                        invoice=move.name,
                        company=move.company_id.name,
                    )
                )
        return errors

    def _notice_missing(self, moves):
        return any(not move._recovery_notice_date() for move in moves)

    def _check_export(self):
        """Raise a UserError when the dossier cannot be exported."""
        self.ensure_one()
        moves = self.move_ids
        if not moves:
            raise UserError(_("Choose at least one invoice."))
        errors = self._check_errors(moves)
        if errors:
            raise UserError(
                _(
                    "The dossier cannot be exported:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        if not self.recipient_id:
            raise UserError(_("Choose the recipient of the dossier."))
        if not set(self.recipient_id.category_id.ids) & set(
            self._recipient_category_ids()
        ):
            raise UserError(
                _(
                    "%(recipient)s is not tagged as a commissaire de justice, a "
                    "lawyer or a recovery agency.",
                    recipient=self.recipient_id.display_name,
                )
            )
        missing = moves.filtered(lambda move: not move._recovery_notice_date())
        if missing and not self.override:
            raise UserError(
                _(
                    "No formal notice (mise en demeure) was sent for %(invoices)s. "
                    "Send one first, or tick the override and give the reason.",
                    invoices=", ".join(missing.mapped("name")),
                )
            )
        if missing and not (self.override_reason or "").strip():
            raise UserError(_("Give the reason for exporting without a formal notice."))

    # ------------------------------------------------------------
    # EXPORT
    # ------------------------------------------------------------

    def action_export(self):
        """Build the dossier, attach it to a legal event, move to litigation."""
        self.ensure_one()
        self._check_export()
        moves = self.move_ids.sorted(lambda m: (m.invoice_date_due, m.id))
        partner = self.partner_id.commercial_partner_id
        company = self.company_id
        level = self.env["recovery.level"].search(
            [("company_id", "=", company.id), ("stage", "=", "contentieux")],
            order="sequence desc, id desc",
            limit=1,
        )
        if not level:
            raise UserError(
                _(
                    "%(company)s has no litigation level in its recovery ladder.",
                    company=company.name,
                )
            )
        # Two exports of one customer's dossier at once: the second one fails
        # to update this row and is retried, then sees the first version.
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = write_date WHERE id = %s",
            [partner.id],
        )
        version = (
            self.env["recovery.event"].search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("dossier_version", ">", 0),
                ]
            )
            + 1
        )
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        missing = moves.filtered(lambda move: not move._recovery_notice_date())
        override_reason = missing and self.override_reason.strip() or False
        moves._recovery_ensure_states()
        engine = self.env["recovery.engine"]
        advanced = engine._advance(
            engine._moves_sql([(move.id, level.id, 0) for move in moves]),
            today,
            event_state="done",
            log=False,
        )
        event = self.env["recovery.event"].browse(advanced["event_ids"])
        event.write(
            {
                "channel": "legal",
                "user_id": self.env.uid,
                "dossier_version": version,
                "dossier_recipient_id": self.recipient_id.id,
                "dossier_override_reason": override_reason,
                "sent_date": now,
            }
        )
        decompte = moves._recovery_decompte(today)
        zip_bytes, pieces = self._build_zip(event, moves, decompte, version, now)
        name = _(
            "Recovery dossier - %(customer)s - v%(version)s - %(date)s.zip",
            customer=core_dossier.safe_filename(partner.name),
            version=version,
            date=fields.Date.to_string(today),
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": zip_bytes,
                "mimetype": "application/zip",
                "res_model": event._name,
                "res_id": event.id,
            }
        )
        event.write(
            {
                "attachment_id": attachment.id,
                "dossier_attachment_id": attachment.id,
                "note": self._event_note(pieces, version, override_reason),
            }
        )
        body = _(
            "Recovery dossier v%(version)s exported by %(user)s for %(recipient)s.",
            version=version,
            user=self.env.user.name,
            recipient=self.recipient_id.display_name,
        )
        event.message_post(body=body, attachment_ids=attachment.ids)
        engine._log_steps(event, body=Markup("<p>%s</p>") % body)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _event_note(self, pieces, version, override_reason):
        items = Markup("").join(
            Markup("<li>%s (%s)</li>") % (piece.filename, piece.role)
            for piece in pieces
        )
        note = Markup("<p>%s</p><ul>%s</ul>") % (
            _(
                "Dossier v%(version)s sent to %(recipient)s by %(user)s.",
                version=version,
                recipient=self.recipient_id.display_name,
                user=self.env.user.name,
            ),
            items,
        )
        if override_reason:
            note += Markup("<p><strong>%s</strong> %s</p>") % (
                _("Exported without a formal notice:"),
                override_reason,
            )
        return note

    # ------------------------------------------------------------
    # CONTENTS
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

    def _dossier_events(self, moves):
        """The communications sent about these invoices, oldest first."""
        return moves.recovery_event_ids.filtered(
            lambda e: e.state in ("done", "to_print") and not e.dossier_version
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
                pieces.append(
                    core_dossier.Piece(
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
                )
            if event.ar_attachment_id:
                pieces.append(
                    self._attachment_piece(
                        event.ar_attachment_id,
                        "lrar_proof",
                        f"{prefix}AR_",
                        _(
                            "Acknowledgement of receipt of %(number)s",
                            number=event.lrar_number or event.display_name,
                        ),
                        event.ar_date or event.date,
                    )
                )
        return pieces

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

    def _plans(self, moves):
        if "recovery.plan" not in self.env or not self.include_plans:
            return None
        return self.env["recovery.plan"].search([("move_ids", "in", moves.ids)])

    def _plan_pieces(self, plans):
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
                                plan.signed_agreement_name or "signed.pdf"
                            ),
                        ),
                        "payment_plan",
                        base64.b64decode(signed),
                        _("Signed payment plan %(plan)s", plan=plan.display_name),
                        plan.signed_date,
                    )
                )
            rows = []
            for line in plan.line_ids:
                rows.append(
                    {
                        "date": line.date_due,
                        "kind": "instalment",
                        "reference": line.display_name,
                        "amount": line.amount,
                        "currency": plan.currency_id.name,
                        "description": _(
                            "Instalment: paid %(paid)s, state %(state)s",
                            paid=line.amount_paid,
                            state=line.state,
                        ),
                    }
                )
            history = core_dossier.chronology_csv(rows, self.decimal_comma)
            pieces.append(
                core_dossier.Piece(
                    f"{stem}_history.csv",
                    "payment_plan",
                    history,
                    _("Instalments of %(plan)s", plan=plan.display_name),
                    plan.date,
                )
            )
        return pieces

    @api.model
    def _party(self, partner, contact=None):
        siret = partner.siret or ""
        return {
            "name": partner.name,
            "siren": siret[:9],
            "siret": siret,
            "company_registry": partner.company_registry,
            "vat": partner.vat,
            "street": partner.street,
            "street2": partner.street2,
            "zip": partner.zip,
            "city": partner.city,
            "country": partner.country_id.name,
            "email": partner.email,
            "phone": partner.phone or partner.mobile,
            "contact": contact,
        }

    def _chronology(self, moves, events, plans, currency, files_by_owner):
        rows = []
        for move in moves:
            rows.append(
                {
                    "date": move.invoice_date,
                    "kind": "invoice",
                    "reference": move.name,
                    "description": _("Invoice, due %(due)s", due=move.invoice_date_due),
                    "amount": move.amount_total,
                    "currency": move.currency_id.name,
                    "file": " | ".join(files_by_owner[("account.move", move.id)]),
                }
            )
            for pay_date, amount in move._recovery_payments():
                rows.append(
                    {
                        "date": pay_date,
                        "kind": "payment",
                        "reference": move.name,
                        "description": _("Payment received"),
                        "amount": -amount,
                        "currency": move.currency_id.name,
                    }
                )
        for event in events:
            rows.append(
                {
                    "date": event.date,
                    "kind": event.channel,
                    "reference": ", ".join(event.move_ids.mapped("name")),
                    "description": event.display_name,
                    "amount": event.amount_residual,
                    "currency": currency.name,
                    "file": " | ".join(files_by_owner[("recovery.event", event.id)]),
                }
            )
            if event.lrar_sent_date:
                rows.append(
                    {
                        "date": event.lrar_sent_date,
                        "kind": "lrar_posted",
                        "reference": event.lrar_number,
                        "description": _("Registered letter posted"),
                        "currency": currency.name,
                    }
                )
            if event.ar_date:
                rows.append(
                    {
                        "date": event.ar_date,
                        "kind": "lrar_received",
                        "reference": event.lrar_number,
                        "description": _("Acknowledgement of receipt"),
                        "currency": currency.name,
                    }
                )
        for plan in plans or ():
            rows.append(
                {
                    "date": plan.date,
                    "kind": "payment_plan",
                    "reference": plan.display_name,
                    "description": _("Payment plan (%(state)s)", state=plan.state),
                    "amount": plan.amount_total,
                    "currency": plan.currency_id.name,
                }
            )
        return rows

    def _decompte_rows(self, decompte):
        rows = []
        for row in decompte["rows"]:
            move = row["move"]
            rows.append(
                {
                    "invoice": move.name,
                    "invoice_date": move.invoice_date,
                    "due_date": move.invoice_date_due,
                    "amount_total": move.amount_total,
                    "payments": sum(a for _d, a in move._recovery_payments()),
                    "principal": row["principal"],
                    "penalty": row["penalty"],
                    "indemnity": row["indemnity"],
                    "interest": row["interest"],
                    "total": row["total"],
                    "prescription_date": row["prescription"]
                    and row["prescription"].expiry_date,
                }
            )
        return rows

    def _procedure_text(self, decompte, moves):
        """The recommended procedure for the whole claim, with its reasons."""
        partner = self.partner_id.commercial_partner_id
        advice = advise_procedure(
            Decimal(str(round(decompte["total"], 2))),
            debtor_is_business=partner.recovery_is_b2b,
            debtor_is_merchant=partner.recovery_is_merchant,
            creditor_is_merchant=self.company_id.recovery_is_merchant,
            disputed=any(
                m.recovery_blocked or m.recovery_stage == "dispute" for m in moves
            ),
            insolvent=bool(partner.recovery_insolvency),
            mise_en_demeure_sent=not self._notice_missing(moves),
        )
        return moves[:1]._recovery_explain(advice)

    def _role_labels(self):
        return {
            "bordereau": _("Cover sheet"),
            "invoice": _("Invoice"),
            "reminder": _("Reminder"),
            "email": _("E-mail"),
            "mise_en_demeure": _("Formal notice"),
            "lrar_proof": _("Registered letter proof (AR)"),
            "payment_plan": _("Payment plan"),
            "attachment": _("Supporting document"),
            "chronology": _("Chronology"),
            "decompte": _("Account of sums due"),
            "manifest": _("Manifest"),
            "other": _("Other"),
        }

    def _build_zip(self, event, moves, decompte, version, now):
        """Return (zip bytes, pieces) of the dossier of ``event``."""
        company = self.company_id
        currency = company.currency_id
        partner = self.partner_id.commercial_partner_id
        events = self._dossier_events(moves)
        plans = self._plans(moves)
        pieces = []
        owners = []
        if self.include_invoices:
            pieces += self._invoice_pieces(moves)
            owners += [("account.move", move.id) for move in moves]
        if self.include_communications:
            for sent_event in events:
                event_pieces = self._event_pieces(sent_event)
                pieces += event_pieces
                owners += [("recovery.event", sent_event.id)] * len(event_pieces)
        if plans:
            pieces += self._plan_pieces(plans)
        pieces += [
            self._attachment_piece(
                attachment,
                "attachment",
                "",
                attachment.name,
                attachment.create_date.date(),
            )
            for attachment in self.attachment_ids
        ]
        pieces = core_dossier.unique_pieces(pieces)
        files_by_owner = defaultdict(list)
        for owner, piece in zip(owners, pieces, strict=False):
            files_by_owner[owner].append(piece.filename)
        totals = {
            key: decompte[key]
            for key in ("principal", "penalty", "indemnity", "interest", "total")
        }
        decompte_rows = self._decompte_rows(decompte)
        totals["payments"] = sum(row["payments"] for row in decompte_rows)
        procedure = self._procedure_text(decompte, moves)
        role_labels = self._role_labels()
        bordereau_data = {
            "pieces": [
                {
                    "filename": piece.filename,
                    "role": piece.role,
                    "kind": role_labels.get(piece.role, piece.role),
                    "description": piece.description,
                    "date": piece.date,
                }
                for piece in pieces
            ]
            + [
                {
                    "filename": name,
                    "role": role,
                    "kind": role_labels.get(role, role),
                    "description": description,
                }
                for name, role, description in (
                    (core_dossier.CHRONOLOGY_NAME, "chronology", _("Chronology")),
                    (core_dossier.DECOMPTE_NAME, "decompte", _("Account of sums due")),
                    (
                        core_dossier.MANIFEST_NAME,
                        "manifest",
                        _("List of the files with their SHA-256"),
                    ),
                )
            ],
            "decompte": decompte,
            "payments": totals["payments"],
            "procedure": procedure,
            "version": version,
            "export_date": now,
            "export_user": self.env.user.name,
            "recipient": self.recipient_id,
            "prescriptions": [
                (row["move"].name, row["prescription"].expiry_date)
                for row in decompte["rows"]
                if row["prescription"]
            ],
            "override_reason": event.dossier_override_reason,
        }
        content, extension = self._render(
            "recouvrement_fr.action_report_recovery_bordereau",
            event.ids,
            data=bordereau_data,
        )
        pieces.insert(
            0,
            core_dossier.Piece(
                f"00_bordereau.{extension}",
                "bordereau",
                content,
                _("Cover sheet"),
                now.date(),
            ),
        )
        contact = partner.recovery_contact_id
        return core_dossier.build_dossier(
            pieces,
            creditor=self._party(company.partner_id, company.recovery_signatory_name),
            debtor=self._party(
                partner, contact and f"{contact.name} <{contact.email or ''}>"
            ),
            recipient=self._party(self.recipient_id),
            totals=totals,
            export_date=now,
            user=self.env.user.name,
            reference=f"{event.id}-{partner.id}-v{version}",
            chronology=self._chronology(moves, events, plans, currency, files_by_owner),
            decompte=decompte_rows,
            version=version,
            currency=currency.name,
            decimal_comma=self.decimal_comma,
        )
