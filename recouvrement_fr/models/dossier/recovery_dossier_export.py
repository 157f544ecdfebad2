# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from decimal import Decimal

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...core import advise_procedure
from ...core import dossier as core_dossier


class RecoveryDossierExport(models.AbstractModel):
    """Export the recovery dossier of a customer for the commissaire de justice:
    the ZIP of its pieces, a legal event that keeps it, and the invoices moved
    to litigation through the engine.

    ``options`` is a record with the export's choices (the wizard):
    company_id, partner_id, move_ids, recipient_id, include_invoices,
    include_communications, include_plans, attachment_ids, decimal_comma,
    override_reason.
    """

    _name = "recovery.dossier.export"
    _description = "Recovery Dossier Export"

    # ------------------------------------------------------------
    # EXPORT
    # ------------------------------------------------------------

    @api.model
    def _export(self, options):
        """Build the dossier, attach it to a legal event, move to litigation.

        Returns the event; its ``dossier_attachment_id`` is the ZIP.
        """
        moves = options.move_ids.sorted(lambda m: (m.invoice_date_due, m.id))
        partner = options.partner_id.commercial_partner_id
        level = self._litigation_level(options.company_id)
        version = self._next_version(options.company_id, partner)
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        missing = moves.filtered(lambda move: not move._recovery_notice_date())
        override_reason = missing and options.override_reason.strip() or False
        event = self._create_event(options, moves, level, today)
        event.write(
            {
                "dossier_version": version,
                "dossier_override_reason": override_reason,
                "sent_date": now,
            }
        )
        decompte = moves._recovery_decompte_to_issue(today)
        zip_bytes, pieces = self._build_zip(options, event, moves, decompte, now)
        attachment = self._attach_zip(event, partner, zip_bytes, today)
        event.write(
            {
                "attachment_id": attachment.id,
                "dossier_attachment_id": attachment.id,
                "note": self._event_note(options, pieces, version, override_reason),
            }
        )
        body = _(
            "Recovery dossier v%(version)s exported by %(user)s for %(recipient)s.",
            version=version,
            user=self.env.user.name,
            recipient=options.recipient_id.display_name,
        )
        event.message_post(body=body, attachment_ids=attachment.ids)
        self.env["recovery.engine"]._log_steps(event, body=Markup("<p>%s</p>") % body)
        # The legal steps that asked for this dossier are done.
        self.env["recovery.event"]._recovery_close_dossier_todos(moves)
        return event

    @api.model
    def _litigation_level(self, company):
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
        return level

    @api.model
    def _next_version(self, company, partner):
        """The version of the customer's next dossier.

        Two exports of one customer's dossier at once: the second one fails
        to update the customer row and is retried, then sees the first version.
        The raw UPDATE writes nothing (``write_date = write_date``): it only
        takes the row lock, which the ORM has no call for.
        """
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET write_date = write_date WHERE id = %s",
                partner.id,
            )
        )
        previous = self.env["recovery.event"].search_count(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("dossier_version", ">", 0),
            ]
        )
        return previous + 1

    @api.model
    def _create_event(self, options, moves, level, today):
        """The legal event of the dossier: the invoices go to litigation
        through the engine (logged on them once the dossier is built)."""
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
                "dossier_recipient_id": options.recipient_id.id,
            }
        )
        return event

    @api.model
    def _attach_zip(self, event, partner, zip_bytes, today):
        name = _(
            "Recovery dossier - %(customer)s - v%(version)s - %(date)s.zip",
            customer=core_dossier.safe_filename(partner.name),
            version=event.dossier_version,
            date=fields.Date.to_string(today),
        )
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": zip_bytes,
                "mimetype": "application/zip",
                "res_model": event._name,
                "res_id": event.id,
            }
        )

    @api.model
    def _event_note(self, options, pieces, version, override_reason):
        items = Markup("").join(
            Markup("<li>%s (%s)</li>") % (piece.filename, piece.role)
            for piece in pieces
        )
        note = Markup("<p>%s</p><ul>%s</ul>") % (
            _(
                "Dossier v%(version)s sent to %(recipient)s by %(user)s.",
                version=version,
                recipient=options.recipient_id.display_name,
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

    @api.model
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

    @api.model
    def _procedure_text(self, decompte, moves):
        """The recommended procedure for the whole claim, with its reasons."""
        partner = moves.commercial_partner_id[:1]
        advice = advise_procedure(
            Decimal(str(round(decompte["total"], 2))),
            debtor_is_business=partner.recovery_is_b2b,
            debtor_is_merchant=partner.recovery_is_merchant,
            creditor_is_merchant=moves.company_id[:1].recovery_is_merchant,
            disputed=any(
                m.recovery_blocked or m.recovery_stage == "dispute" for m in moves
            ),
            insolvent=bool(partner.recovery_insolvency),
            mise_en_demeure_sent=all(move._recovery_notice_date() for move in moves),
        )
        return self.env["recovery.claim.text"]._explain(moves[:1], advice)

    @api.model
    def _role_labels(self):
        return {
            "bordereau": _("Cover sheet"),
            "covering_letter": _("Covering letter (mandate)"),
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

    # ------------------------------------------------------------
    # THE ZIP
    # ------------------------------------------------------------

    @api.model
    def _covering_letter(self, options, moves):
        """The covering letter of the dossier and its record, as ``(piece,
        record)``; ``(None, None)`` without one (the judicial acts add the
        mandate to the recipient)."""
        return None, None

    @api.model
    def _collect_pieces(self, options, moves, events, plans):
        """The pieces chosen in ``options``, and the files of each owner."""
        builder = self.env["recovery.dossier.pieces"]
        pieces, owners = [], []
        covering, covering_record = self._covering_letter(options, moves)
        if covering:
            pieces.append(covering)
            owners.append((covering_record._name, covering_record.id))
        if options.include_invoices:
            pieces += builder._invoice_pieces(moves)
            owners += [("account.move", move.id) for move in moves]
        if options.include_communications:
            for sent_event in events:
                event_pieces = builder._event_pieces(sent_event)
                pieces += event_pieces
                owners += [("recovery.event", sent_event.id)] * len(event_pieces)
        if plans:
            pieces += builder._plan_pieces(plans, options.decimal_comma)
        pieces += [
            builder._attachment_piece(
                attachment,
                "attachment",
                "",
                attachment.name,
                attachment.create_date.date(),
            )
            for attachment in options.attachment_ids
        ]
        pieces += builder._act_pieces(
            options.partner_id, moves, exclude=covering_record
        )
        pieces = core_dossier.unique_pieces(pieces)
        files_by_owner = defaultdict(list)
        for owner, piece in zip(owners, pieces, strict=False):
            files_by_owner[owner].append(piece.filename)
        return pieces, files_by_owner

    @api.model
    def _bordereau_data(self, options, event, pieces, decompte, payments, now):
        """Data of the cover sheet: the pieces, the sums, the procedure."""
        role_labels = self._role_labels()
        extra = (
            (core_dossier.CHRONOLOGY_NAME, "chronology", _("Chronology")),
            (core_dossier.DECOMPTE_NAME, "decompte", _("Account of sums due")),
            (
                core_dossier.MANIFEST_NAME,
                "manifest",
                _("List of the files with their SHA-256"),
            ),
        )
        return {
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
                for name, role, description in extra
            ],
            "decompte": decompte,
            "payments": payments,
            "procedure": self._procedure_text(decompte, options.move_ids),
            "version": event.dossier_version,
            "export_date": now,
            "export_user": self.env.user.name,
            "recipient": options.recipient_id,
            "prescriptions": [
                (row["move"].name, row["prescription"].expiry_date)
                for row in decompte["rows"]
                if row["prescription"]
            ],
            "override_reason": event.dossier_override_reason,
        }

    @api.model
    def _build_zip(self, options, event, moves, decompte, now):
        """Return (zip bytes, pieces) of the dossier of ``event``."""
        builder = self.env["recovery.dossier.pieces"]
        company = options.company_id
        currency = company.currency_id
        partner = options.partner_id.commercial_partner_id
        version = event.dossier_version
        events = builder._dossier_events(moves)
        plans = builder._plans(moves, options.include_plans)
        pieces, files_by_owner = self._collect_pieces(options, moves, events, plans)
        decompte_rows = self._decompte_rows(decompte)
        totals = self._dossier_totals(decompte, decompte_rows)
        pieces.insert(
            0,
            self._bordereau_piece(
                options, event, pieces, decompte, totals["payments"], now
            ),
        )
        return core_dossier.build_dossier(
            pieces,
            creditor=self._party(company.partner_id, company.recovery_signatory_name),
            debtor=self._debtor_party(partner),
            recipient=self._party(options.recipient_id),
            totals=totals,
            export_date=now,
            user=self.env.user.name,
            reference=f"{event.id}-{partner.id}-v{version}",
            chronology=builder._chronology(
                moves, events, plans, currency, files_by_owner
            ),
            decompte=decompte_rows,
            version=version,
            currency=currency.name,
            decimal_comma=options.decimal_comma,
            headers=builder._csv_headers(),
            descriptions=self._csv_descriptions(),
        )

    @api.model
    def _dossier_totals(self, decompte, decompte_rows):
        """The totals of the manifest: the decompte's sums and the payments."""
        totals = {
            key: decompte[key]
            for key in ("principal", "penalty", "indemnity", "interest", "total")
        }
        totals["payments"] = sum(row["payments"] for row in decompte_rows)
        return totals

    @api.model
    def _bordereau_piece(self, options, event, pieces, decompte, payments, now):
        """The cover sheet of the dossier, rendered as its first piece."""
        content, extension = self.env["recovery.dossier.pieces"]._render(
            "recouvrement_fr.action_report_recovery_bordereau",
            event.ids,
            data=self._bordereau_data(options, event, pieces, decompte, payments, now),
        )
        return core_dossier.Piece(
            f"00_bordereau.{extension}",
            "bordereau",
            content,
            _("Cover sheet"),
            now.date(),
        )

    @api.model
    def _debtor_party(self, partner):
        """The debtor's party data, its recovery contact as ``Name <e-mail>``."""
        contact = partner.recovery_contact_id
        return self._party(
            partner, contact and f"{contact.name} <{contact.email or ''}>"
        )

    @api.model
    def _csv_descriptions(self):
        """The descriptions of the two CSV files in the manifest, translated."""
        return {
            "chronology": _("Chronology of events, payments and amounts"),
            "decompte": _("Account of the sums due"),
        }
