# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ...core.vocabulary import PROCEDURES
from ...tools.blocking import RecoveryBlockedError


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # FRENCH LAW: WHAT IS OWED TODAY (recovery.claim, computed by core/)
    # ------------------------------------------------------------

    recovery_is_b2b = fields.Boolean(related="commercial_partner_id.recovery_is_b2b")
    recovery_penalty_amount = fields.Monetary(
        string="Late-payment penalties", compute="_compute_recovery_claim"
    )
    recovery_indemnity_amount = fields.Monetary(
        string="Recovery indemnity", compute="_compute_recovery_claim"
    )
    recovery_interest_amount = fields.Monetary(
        string="Legal interest", compute="_compute_recovery_claim"
    )
    recovery_total_claim = fields.Monetary(
        string="Total claim", compute="_compute_recovery_claim"
    )
    recovery_claim_detail = fields.Text(
        string="Computation", compute="_compute_recovery_claim"
    )
    recovery_law_warning = fields.Char(compute="_compute_recovery_claim")
    recovery_prescription_date = fields.Date(
        string="Prescription", compute="_compute_recovery_claim"
    )
    recovery_prescription_near = fields.Boolean(compute="_compute_recovery_claim")
    recovery_procedure = fields.Selection(
        PROCEDURES, string="Recommended procedure", compute="_compute_recovery_claim"
    )
    recovery_procedure_explanation = fields.Text(
        string="Why this procedure", compute="_compute_recovery_claim"
    )
    recovery_payment_term_warning = fields.Char(
        string="Payment terms", compute="_compute_recovery_claim"
    )
    recovery_penalty_line_ids = fields.One2many(
        "account.move.line",
        "recovery_penalty_origin_id",
        string="Penalty invoice lines",
        readonly=True,
    )
    recovery_prescription_note = fields.Char(
        string="Prescription counted from", compute="_compute_recovery_claim"
    )
    # Facts the law needs and the invoice alone cannot tell (plain columns).
    recovery_acknowledgement_date = fields.Date(
        string="Written acknowledgement",
        copy=False,
        tracking=True,
        help="Date of a written acknowledgement of this debt by the customer: "
        "it interrupts prescription (Code civil 2240).",
    )
    recovery_judgment_date = fields.Date(
        string="Judgment enforceable on",
        copy=False,
        tracking=True,
        help="Date the court decision ordering payment became enforceable: the "
        "legal rate is increased by 5 points two months later (Code monétaire "
        "et financier L313-3) and the decision can be enforced for 10 years "
        "(Code des procédures civiles d'exécution L111-4).",
    )
    recovery_periodic_invoice = fields.Boolean(
        string="Periodic invoice",
        copy=False,
        help="A periodic (summary) invoice: at most 45 days from its date "
        "(Code de commerce L441-10 I).",
    )

    @api.depends(
        "amount_residual",
        "invoice_date_due",
        "delivery_date",
        "commercial_partner_id",
        "recovery_event_ids.state",
        "recovery_penalty_line_ids.parent_state",
        "recovery_acknowledgement_date",
        "recovery_judgment_date",
        "recovery_periodic_invoice",
        "recovery_plan_ids.signed_date",
    )
    def _compute_recovery_claim(self):
        claims = self.env["recovery.claim"]
        today = fields.Date.context_today(self)
        table = self.env["recovery.rate"]._get_rate_table()
        for move in self:
            move.update(claims._field_values(move, today, table))

    # What other models and the reports ask an invoice (recovery.claim).

    def _recovery_decompte(self, at_date=None):
        """Account of the sums due on these invoices at ``at_date``: one row
        per invoice and the totals (see ``recovery.claim._decompte``)."""
        return self.env["recovery.claim"]._decompte(self, at_date)

    def _recovery_decompte_to_issue(self, at_date=None):
        """:meth:`_recovery_decompte` for a document the debtor reads: a
        missing datum (a reference rate) blocks it with what to enter, never
        printed nor counted as 0 (law notes §13)."""
        decompte = self._recovery_decompte(at_date)
        if decompte["warning"]:
            raise RecoveryBlockedError(
                _(
                    "This document cannot be issued: %(problem)s",
                    problem=decompte["warning"],
                )
            )
        return decompte

    def _recovery_notice_date(self):
        """Date of the first formal notice sent for this invoice, if any."""
        return self.env["recovery.claim"]._notice_date(self)

    def _recovery_payments(self):
        """(date, amount in invoice currency) of each reconciliation."""
        return self.env["recovery.claim"]._payments(self)

    # ------------------------------------------------------------
    # PENALTY INVOICE (recovery.penalty.invoice)
    # ------------------------------------------------------------

    def action_recovery_bill_penalties(self):
        """Bill the penalties and indemnities due on these late invoices."""
        penalty_moves = self.env["recovery.penalty.invoice"]._bill(
            self, fields.Date.context_today(self)
        )
        if not penalty_moves:
            raise UserError(
                _("Nothing to bill: no penalty nor indemnity is due on these invoices.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", penalty_moves.ids)]
        if len(penalty_moves) == 1:
            action.update(
                view_mode="form", res_id=penalty_moves.id, views=[(False, "form")]
            )
            message = _(
                "Penalty invoice %(invoice)s posted for %(customer)s: %(amount)s.",
                invoice=penalty_moves.name,
                customer=penalty_moves.partner_id.name,
                amount=format_amount(
                    self.env, penalty_moves.amount_total, penalty_moves.currency_id
                ),
            )
        else:
            message = _(
                "%(count)s penalty invoices posted: %(invoices)s.",
                count=len(penalty_moves),
                invoices=", ".join(penalty_moves.mapped("name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "next": action},
        }
