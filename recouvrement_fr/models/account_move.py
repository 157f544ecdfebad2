# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

from ..core import ladder as ladder_rule
from .recovery_event import BLOCKING_STATES

RECOVERY_STAGES = [
    ("none", "Not in recovery"),
    ("amiable", "Amicable"),
    ("mise_en_demeure", "Formal notice"),
    ("contentieux", "Litigation"),
    ("payment_plan", "Payment plan"),
    ("dispute", "Disputed"),
    ("declaration", "Claim to declare (insolvency)"),
    ("recovered", "Recovered"),
    ("irrecoverable", "Irrecoverable"),
]
# Stages left as "recovered" when the invoice gets paid.
OPEN_RECOVERY_STAGES = (
    "amiable",
    "mise_en_demeure",
    "contentieux",
    "payment_plan",
    "dispute",
    "declaration",
)
PAID_STATES = ("paid", "in_payment", "reversed")
# Fields of account.move kept in recovery.move.state.
RECOVERY_STATE_FIELDS = {"recovery_level_id", "recovery_stage", "recovery_last_date"}


def create_recovery_states(cr, uid, move_ids=None):
    """Give a recovery state to the customer invoices that have none (all of
    them, or those of ``move_ids``); one statement, for installs and upgrades
    on large databases as for a few invoices."""
    where = (
        SQL("AND m.id = ANY(%s)", list(move_ids))
        if move_ids is not None
        else SQL("AND m.move_type = 'out_invoice'")
    )
    cr.execute(
        SQL(
            """
            WITH new AS (
                INSERT INTO recovery_move_state (
                    move_id, company_id, stage,
                    create_uid, create_date, write_uid, write_date)
                SELECT m.id, m.company_id, 'none', %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM account_move m
                 WHERE m.recovery_state_id IS NULL %(where)s
                   AND NOT EXISTS (
                       SELECT 1 FROM recovery_move_state s WHERE s.move_id = m.id)
                ON CONFLICT (move_id) DO NOTHING
                RETURNING id, move_id
            )
            UPDATE account_move m SET recovery_state_id = new.id
              FROM new WHERE m.id = new.move_id
            """,
            uid=uid,
            where=where,
        )
    )


def _rung(level):
    """A recovery.level as core/ladder.py sees it."""
    return ladder_rule.Level(level.id, level.sequence, level.days)


PROCEDURES = [
    ("declare_claim", "Declare the claim (insolvency)"),
    ("amicable_first", "Send a formal notice first"),
    ("petites_creances", "Simplified small-claims procedure"),
    ("injonction_de_payer", "Order for payment (injonction de payer)"),
    ("refere_provision", "Interim payment (référé-provision)"),
    ("assignation", "Summons on the merits (assignation)"),
    ("mediation", "Mediation"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    # The ladder state lives in recovery.move.state (see there why).
    recovery_state_id = fields.Many2one(
        "recovery.move.state",
        string="Recovery state",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    # Writable by code (readonly=False); the views show them read-only.
    recovery_level_id = fields.Many2one(
        related="recovery_state_id.level_id", string="Recovery level", readonly=False
    )
    recovery_stage = fields.Selection(
        related="recovery_state_id.stage",
        string="Recovery stage",
        readonly=False,
        tracking=True,
    )
    recovery_last_date = fields.Date(
        related="recovery_state_id.last_date",
        string="Last step decided",
        readonly=False,
    )
    recovery_last_sent_date = fields.Date(
        related="recovery_state_id.last_sent_date", string="Last recovery step"
    )
    recovery_next_date = fields.Date(
        string="Next recovery step", compute="_compute_recovery_next"
    )
    recovery_next_level_id = fields.Many2one(
        "recovery.level", string="Next level", compute="_compute_recovery_next"
    )
    recovery_blocked = fields.Boolean(
        string="Recovery blocked",
        copy=False,
        tracking=True,
        help="The recovery ladder skips this invoice (dispute, agreement...).",
    )
    recovery_block_reason = fields.Char(string="Blocking reason", copy=False)
    recovery_event_ids = fields.Many2many(
        "recovery.event",
        relation="recovery_event_account_move_rel",
        column1="move_id",
        column2="event_id",
        string="Recovery communications",
        copy=False,
        readonly=True,
    )
    recovery_event_count = fields.Integer(compute="_compute_recovery_event_count")
    days_overdue = fields.Integer(compute="_compute_days_overdue")
    recovery_is_due = fields.Boolean(
        string="Due for escalation",
        compute="_compute_recovery_next",
        search="_search_recovery_is_due",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("recovery_event_ids")
    def _compute_recovery_event_count(self):
        for move in self:
            move.recovery_event_count = len(move.recovery_event_ids)

    @api.depends("invoice_date_due")
    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            due = move.invoice_date_due
            move.days_overdue = (
                (today - due).days if due and move.amount_residual else 0
            )

    # ------------------------------------------------------------
    # LADDER: next step (the rule of core/ladder.py)
    # ------------------------------------------------------------

    @api.depends(
        "recovery_level_id",
        "recovery_last_date",
        "invoice_date_due",
        "recovery_stage",
        "recovery_event_ids.state",
        "recovery_block_until",
        "commercial_partner_id.recovery_block_until",
        "commercial_partner_id.recovery_insolvency",
        "commercial_partner_id.recovery_stage_manual",
    )
    def _compute_recovery_next(self):
        today = fields.Date.context_today(self)
        levels = self.env["recovery.level"].search(
            [("company_id", "in", self.company_id.ids)],
            order="company_id, sequence, id",
        )
        ladders = {}
        for level in levels:
            ladders.setdefault(level.company_id.id, []).append(_rung(level))
        waiting = self._recovery_waiting_ids()
        customer_stages = self.env["recovery.customer.stage"]._stages(
            self.commercial_partner_id, self.company_id
        )
        for move in self:
            ladder = ladders.get(move.company_id.id, [])
            position = move._recovery_position(
                move.id in waiting,
                customer_stages.get(
                    (move.commercial_partner_id.id, move.company_id.id), "none"
                ),
            )
            nxt, date = ladder_rule.next_step(ladder, position)
            move.recovery_next_level_id = nxt.id if nxt else False
            move.recovery_next_date = date or False
            move.recovery_is_due = bool(ladder_rule.is_due(ladder, position, today))

    def _recovery_position(self, waiting, customer_stage="none"):
        """The facts core/ladder.py needs about this invoice."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return ladder_rule.Position(
            due_date=self.invoice_date_due or None,
            level=_rung(self.recovery_level_id) if self.recovery_level_id else None,
            last_date=self.recovery_last_date or None,
            stage=self.recovery_stage or "none",
            open=(
                self.move_type == "out_invoice"
                and self.state == "posted"
                and self.payment_state in ("not_paid", "partial")
                and self.amount_residual > 0
            ),
            blocked=bool(
                self.recovery_blocked
                or partner.recovery_blocked
                or partner.recovery_insolvency
            ),
            waiting=waiting,
            paused_until=max(
                filter(None, (self.recovery_block_until, partner.recovery_block_until)),
                default=None,
            ),
            customer_stage=customer_stage,
        )

    def _recovery_waiting_ids(self):
        """Ids of the invoices of ``self`` whose latest event is on its way."""
        ids = [move_id for move_id in self.ids if isinstance(move_id, int)]
        if not ids:
            return set()
        self.env["recovery.event"].flush_model(["state"])
        self.browse(ids).flush_recordset(["recovery_event_ids"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (r.move_id) r.move_id, e.state
                  FROM recovery_event_account_move_rel r
                  JOIN recovery_event e ON e.id = r.event_id
                 WHERE r.move_id = ANY(%s)
                 ORDER BY r.move_id, r.event_id DESC
                """,
                ids,
            )
        )
        return {
            move_id
            for move_id, state in self.env.cr.fetchall()
            if state in BLOCKING_STATES
        }

    def _search_recovery_is_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        due = self.env["recovery.engine"]._candidates_sql(
            fields.Date.context_today(self), self.env.companies.ids
        )
        positive = (operator == "=") == value
        return [
            (
                "id",
                "in" if positive else "not in",
                SQL("(SELECT c.id FROM (%s) c)", due),
            )
        ]

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if RECOVERY_STATE_FIELDS.intersection(vals):
            self._recovery_ensure_states()
        return super().write(vals)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda m: m.move_type == "out_invoice"
        )._recovery_ensure_states()
        return posted

    def _recovery_ensure_states(self):
        """Give a recovery state to the invoices of ``self`` that have none."""
        missing = self.filtered(lambda m: not m.recovery_state_id)
        if missing:
            self.env.flush_all()
            create_recovery_states(self.env.cr, self.env.uid, missing.ids)
            missing.invalidate_recordset(["recovery_state_id"])

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _recovery_ensure_access_tokens(self):
        """Give the portal access token to the invoices that have none, in one
        statement (``get_portal_url`` would write them one by one)."""
        missing = self.filtered(lambda m: not m.access_token)
        if missing:
            self.env.cr.execute(
                "UPDATE account_move SET access_token = gen_random_uuid()::text "
                "WHERE id = ANY(%s) AND access_token IS NULL",
                [missing.ids],
            )
            missing.invalidate_recordset(["access_token"])

    def _recovery_list_action(self):
        """The customer invoices list showing the invoices of ``self``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_recovery_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("move_ids", "in", self.ids)]
        action["context"] = {"create": False}
        return action

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

    # ------------------------------------------------------------
    # PAYMENT PLANS
    # ------------------------------------------------------------

    recovery_plan_ids = fields.Many2many(
        "recovery.plan",
        relation="recovery_plan_account_move_rel",
        column1="move_id",
        column2="plan_id",
        string="Payment plans",
        copy=False,
        readonly=True,
    )
    recovery_plan_count = fields.Integer(compute="_compute_recovery_plan_count")

    @api.depends("recovery_plan_ids")
    def _compute_recovery_plan_count(self):
        for move in self:
            move.recovery_plan_count = len(move.recovery_plan_ids)

    def action_view_recovery_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_plan_action"
        )
        action["domain"] = [("id", "in", self.recovery_plan_ids.ids)]
        action["context"] = {"create": False}
        if len(self.recovery_plan_ids) == 1:
            action.update(
                view_mode="form",
                res_id=self.recovery_plan_ids.id,
                views=[(False, "form")],
            )
        return action

    # ------------------------------------------------------------
    # PAUSE UNTIL A DATE, PROMISES, CUSTOMER REQUESTS
    # ------------------------------------------------------------

    recovery_block_until = fields.Date(
        string="Recovery paused until",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The recovery ladder skips this invoice up to this date included; "
        "the block lifts itself the next day.",
    )
    recovery_block_until_reason = fields.Char(
        string="Pause reason", copy=False, tracking=True
    )
    recovery_partner_block_until = fields.Date(
        related="commercial_partner_id.recovery_block_until",
        string="Customer paused until",
    )
    recovery_partner_block_until_reason = fields.Char(
        related="commercial_partner_id.recovery_block_until_reason",
        string="Customer pause reason",
    )
    recovery_promise_ids = fields.Many2many(
        "recovery.promise",
        relation="recovery_promise_account_move_rel",
        column1="move_id",
        column2="promise_id",
        string="Promises to pay",
        copy=False,
        readonly=True,
    )
    recovery_request_ids = fields.One2many(
        "recovery.request", "move_id", string="Customer requests", readonly=True
    )

    def _recovery_is_paused(self, today):
        """True while the invoice or its customer is paused (``today`` included).

        The Python twin of the ladder's SQL conditions on ``recovery_block_until``.
        """
        self.ensure_one()
        return any(
            until and until >= today
            for until in (
                self.recovery_block_until,
                self.commercial_partner_id.recovery_block_until,
            )
        )

    def _recovery_set_block(self, until, reason):
        """Pause (``until`` a date) or resume (``until`` False) these invoices."""
        if self:
            self.sudo().write(
                {
                    "recovery_block_until": until or False,
                    "recovery_block_until_reason": reason or False,
                }
            )

    @api.model
    def _cron_recovery_lift_blocks(self, batch_size=500):
        """Lift the pauses whose date is over (see ``recovery.pause``)."""
        return self.env["recovery.pause"]._cron_lift(batch_size)
