# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ...core import ladder as ladder_rule
from ...core.vocabulary import BLOCKING_STATES
from ...tools.open_invoice import is_open_invoice, open_invoice_domain


def _rung(level):
    """A recovery.level as core/ladder.py sees it."""
    return ladder_rule.Level(level.id, level.sequence, level.days)


# Fields of account.move kept in recovery.move.state.
RECOVERY_STATE_FIELDS = {"recovery_level_id", "recovery_stage", "recovery_last_date"}


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
    # tools/open_invoice.py for views and field domains written in XML.
    recovery_is_open = fields.Boolean(
        string="Open invoice",
        compute="_compute_recovery_is_open",
        search="_search_recovery_is_open",
        help="A posted customer invoice with something left to pay.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("recovery_event_ids")
    def _compute_recovery_event_count(self):
        for move in self:
            move.recovery_event_count = len(move.recovery_event_ids)

    @api.depends("move_type", "state", "payment_state", "amount_residual")
    def _compute_recovery_is_open(self):
        for move in self:
            move.recovery_is_open = is_open_invoice(move)

    def _search_recovery_is_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        if (operator == "=") == value:
            return open_invoice_domain()
        return ["!", *expression.normalize_domain(open_invoice_domain())]

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
            open=is_open_invoice(self),
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

    def _recovery_set_stage(self, stage=None):
        """Put the invoices of ``self`` in ``stage``, or, without one, back
        where the ladder left them (their level's stage, "none" before the
        first level).

        The one method by which a user's decision changes an invoice's stage
        (a plan started, broken or released, a dispute opened or settled);
        the nightly run moves the stages set-based in its own statements
        (``recovery.engine._advance_sql``, ``recovery.customer.stage._join_sql``),
        and a payment makes an invoice "recovered" (``recovery.move.state``).
        """
        if stage:
            self.write({"recovery_stage": stage})
            return
        for back, moves in self.grouped(
            lambda m: m.recovery_level_id.stage or "none"
        ).items():
            moves.write({"recovery_stage": back})

    # EXTENDS account
    def write(self, vals):
        if RECOVERY_STATE_FIELDS.intersection(vals):
            self._recovery_ensure_states()
        return super().write(vals)

    # EXTENDS account
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
            self.env["recovery.move.state"]._create_missing(missing.ids)
            missing.invalidate_recordset(["recovery_state_id"])

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _recovery_ensure_access_tokens(self):
        """Give the portal access token to the invoices that have none, in one
        statement (``get_portal_url`` would write them one by one).

        A raw UPDATE of ``account_move.access_token`` only: a technical
        column outside the accounting entry (no hash, no lock date, no
        tracking reads it), so the posted invoice is not rewritten; the
        ORM's write would check the whole move for each invoice.
        """
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
