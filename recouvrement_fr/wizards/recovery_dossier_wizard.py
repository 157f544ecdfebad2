# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import format_date

from ..core import dossier as core_dossier
from ..core.vocabulary import ACT_FEE_KINDS, ACT_MISSIONS
from ..tools.open_invoice import is_paid, open_invoice_domain

# Names of the documents that are a contract, an order, a quote or the
# general terms; a delivery note or a report of acceptance (the user's files).
CONTRACT_WORDS = re.compile(
    r"contrat|cgv|conditions g[ée]n[ée]rales|devis|commande|contract|terms|quote|order",
    re.IGNORECASE,
)
DELIVERY_WORDS = re.compile(
    r"livraison|\bBL\b|r[ée]ception|\bPV\b|d[ée]livr|delivery|receipt",
    re.IGNORECASE,
)

RECIPIENT_CATEGORIES = (
    "recouvrement_fr.recovery_partner_category_commissaire",
    "recouvrement_fr.recovery_partner_category_avocat",
    "recouvrement_fr.recovery_partner_category_agence",
)


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
    already_sent = fields.Char(
        string="Already sent",
        compute="_compute_already_sent",
        help="The dossier of these invoices already sent, its version and date.",
    )
    new_version = fields.Boolean(
        string="Send a new version",
        help="The dossier of these invoices was sent already: tick to send "
        "a new version on purpose.",
    )
    mission = fields.Selection(
        ACT_MISSIONS,
        default="amiable",
        required=True,
        help="The mission given to the recipient in the covering letter (the "
        "mandate) of the dossier.",
    )
    fee_kind = fields.Selection(
        ACT_FEE_KINDS, string="Fee terms", default="tariff", required=True
    )
    fee_amount = fields.Monetary(string="Fixed fee")
    fee_percentage = fields.Float(string="Fee percentage", digits=(5, 2))
    notice_missing = fields.Boolean(compute="_compute_preview")
    preview_html = fields.Html(compute="_compute_preview", sanitize=False)
    procedure_explanation = fields.Text(
        string="Recommended procedure", compute="_compute_preview"
    )
    advised_act = fields.Char(
        string="Act to draft",
        compute="_compute_advised_act",
        help="The judicial act the procedure advice offers for these "
        "invoices: drafted here, it joins the dossier's 06_actes folder.",
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
                    ("commercial_partner_id", "=", partner.id),
                    ("company_id", "=", self.env.company.id),
                    *open_invoice_domain(),
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
    def _compute_already_sent(self):
        events = self.env["recovery.event"]
        for wizard in self:
            sent = events._recovery_previous_dossiers(
                wizard.partner_id.commercial_partner_id, wizard.company_id
            ).filtered(lambda e, w=wizard: e.move_ids & w.move_ids._origin)[:1]
            wizard.already_sent = bool(sent) and _(
                "Dossier v%(version)s sent on %(date)s to %(recipient)s.",
                version=sent.dossier_version,
                date=format_date(self.env, sent.date),
                recipient=sent.dossier_recipient_id.display_name or "-",
            )

    @api.depends("partner_id", "move_ids", "company_id", "attachment_ids")
    def _compute_preview(self):
        export = self.env["recovery.dossier.export"]
        for wizard in self:
            moves = wizard.move_ids._origin
            errors = wizard._check_errors(moves) if moves else []
            wizard.notice_missing = bool(moves) and wizard._notice_missing(moves)
            explanation = ""
            if moves and not errors:
                decompte = moves._recovery_decompte(fields.Date.context_today(wizard))
                explanation = export._procedure_text(decompte, moves)
            wizard.procedure_explanation = explanation
            wizard.preview_html = self.env["ir.qweb"]._render(
                "recouvrement_fr.recovery_dossier_wizard_preview",
                {
                    "errors": errors,
                    "moves": moves,
                    "currency": wizard.company_id.currency_id,
                    "event_count": len(
                        self.env["recovery.dossier.pieces"]._dossier_events(moves)
                    ),
                    "attachment_count": len(wizard.attachment_ids),
                    "piece_warnings": wizard._piece_warnings(moves) if moves else [],
                },
            )

    def _piece_warnings(self, moves):
        """The pieces a judge asks for that the dossier lacks (core/dossier.py),
        each as a sentence for the user."""
        events = self.env["recovery.dossier.pieces"]._dossier_events(moves)
        names = " ".join(self.attachment_ids.mapped("name"))
        company = self.company_id
        contract = bool(CONTRACT_WORDS.search(names)) or bool(
            company.terms_type == "plain" and company.invoice_terms
        )
        missing = core_dossier.missing_pieces(
            ar_scan=any(events.mapped("ar_attachment_id")),
            contract=contract,
            delivery_proof=bool(DELIVERY_WORDS.search(names)),
        )
        sentences = {
            core_dossier.AR_SCAN_MISSING: _(
                "No scanned acknowledgement of receipt (AR) of the formal notice: it "
                "proves that the notice reached the customer, and from when interest "
                "runs (article %(article)s)."
            ),
            core_dossier.CONTRACT_MISSING: _(
                "No contract, order, quote or general terms of sale among the "
                "documents: they prove the price and the penalty clause (article "
                "%(article)s)."
            ),
            core_dossier.DELIVERY_PROOF_MISSING: _(
                "No delivery note or proof of the service rendered among the "
                "documents: the creditor must prove what it claims (article "
                "%(article)s)."
            ),
        }
        return [sentences[code] % params for code, params in missing]

    @api.depends("partner_id", "move_ids")
    def _compute_advised_act(self):
        service = self.env["recovery.act.service"]
        today = fields.Date.context_today(self)
        for wizard in self:
            moves = wizard.move_ids._origin.filtered(lambda m: not is_paid(m))
            partner = wizard.partner_id.commercial_partner_id
            codes = moves and service._choice(partner, moves, today).codes
            wizard.advised_act = service._act_label(codes[0]) if codes else False

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
            elif is_paid(move) or move.amount_residual <= 0:
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
        if self.already_sent and not self.new_version:
            raise UserError(
                _(
                    '%(sent)s Tick "Send a new version" to send it again.',
                    sent=self.already_sent,
                )
            )

    # ------------------------------------------------------------
    # EXPORT
    # ------------------------------------------------------------

    def action_draft_act(self):
        """The act wizard for these invoices, the advised act preselected."""
        self.ensure_one()
        return self.env["recovery.act.wizard"]._open(
            self.partner_id.commercial_partner_id, self.move_ids._origin
        )

    def action_export(self):
        """Check the options, then let the export service build the dossier."""
        self.ensure_one()
        self._check_export()
        event = self.env["recovery.dossier.export"]._export(self)
        message = _(
            "Dossier v%(version)s of %(customer)s exported for %(recipient)s: "
            "its invoices are now in litigation, and its ZIP file is downloaded.",
            version=event.dossier_version,
            customer=event.partner_id.name,
            recipient=self.recipient_id.display_name,
        )
        # Downloaded, then the wizard closes: the screen that opened it
        # reloads (Ma journée, the Compte client) and shows the dossier sent.
        download = {
            "type": "ir.actions.client",
            "tag": "recouvrement_fr.download_and_close",
            "params": {
                "url": f"/web/content/{event.dossier_attachment_id.id}?download=true"
            },
        }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "next": download},
        }
