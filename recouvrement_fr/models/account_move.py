# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

RECOVERY_STAGES = [
    ("none", "Not in recovery"),
    ("amiable", "Amicable"),
    ("mise_en_demeure", "Formal notice"),
    ("contentieux", "Litigation"),
    ("payment_plan", "Payment plan"),
    ("dispute", "Disputed"),
    ("recovered", "Recovered"),
    ("irrecoverable", "Irrecoverable"),
]
# Stages left as "recovered" when the invoice gets paid.
OPEN_RECOVERY_STAGES = ("amiable", "mise_en_demeure", "contentieux", "payment_plan", "dispute")
PAID_STATES = ("paid", "in_payment", "reversed")


class AccountMove(models.Model):
    _inherit = "account.move"

    # Columns created by the pre_init_hook: see hooks.py.
    recovery_level_id = fields.Many2one(
        "recovery.level",
        string="Recovery level",
        copy=False,
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )
    recovery_stage = fields.Selection(
        RECOVERY_STAGES,
        compute="_compute_recovery_stage",
        store=True,
        readonly=False,
        copy=False,
        index=True,
        tracking=True,
    )
    recovery_last_date = fields.Date(
        string="Last recovery step", copy=False, readonly=True
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

    @api.depends("payment_state")
    def _compute_recovery_stage(self):
        for move in self:
            paid = move.payment_state in PAID_STATES
            stage = move.recovery_stage or "none"
            if paid and stage in OPEN_RECOVERY_STAGES:
                stage = "recovered"
            elif not paid and stage == "recovered":
                # Payment unreconciled: back where the ladder left it.
                stage = move.recovery_level_id.stage or "none"
            move.recovery_stage = stage

    @api.depends("recovery_event_ids")
    def _compute_recovery_event_count(self):
        for move in self:
            move.recovery_event_count = len(move.recovery_event_ids)

    @api.depends("invoice_date_due")
    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            due = move.invoice_date_due
            move.days_overdue = (today - due).days if due and move.amount_residual else 0

    @api.depends("recovery_level_id", "recovery_last_date", "invoice_date_due", "recovery_stage")
    def _compute_recovery_next(self):
        today = fields.Date.context_today(self)
        levels = self.env["recovery.level"].search(
            [("company_id", "in", self.company_id.ids)], order="company_id, sequence, id"
        )
        ladder = {}
        for level in levels:
            ladder.setdefault(level.company_id.id, []).append(level)
        for move in self:
            nxt = move._recovery_next_level(ladder.get(move.company_id.id, []))
            date = False
            if nxt and move.invoice_date_due:
                date = fields.Date.add(move.invoice_date_due, days=nxt.days)
                if move.recovery_last_date:
                    gap = max(nxt.days - (move.recovery_level_id.days or 0), 0)
                    date = max(date, fields.Date.add(move.recovery_last_date, days=gap))
                    # One step a day at most.
                    date = max(date, fields.Date.add(move.recovery_last_date, days=1))
            move.recovery_next_level_id = nxt
            move.recovery_next_date = date
            move.recovery_is_due = bool(date and date <= today)

    def _recovery_next_level(self, ladder):
        """Next level of the (sorted) company ladder, if the invoice climbs."""
        self.ensure_one()
        open_invoice = (
            self.move_type == "out_invoice"
            and self.state == "posted"
            and self.payment_state in ("not_paid", "partial")
            and not self.recovery_blocked
            and not self.commercial_partner_id.recovery_blocked
            and (self.recovery_stage or "none") in ("none", "amiable", "mise_en_demeure")
        )
        if not open_invoice:
            return self.env["recovery.level"]
        current = self.recovery_level_id
        for level in ladder:
            if not current or (level.sequence, level.id) > (current.sequence, current.id):
                return level
        return self.env["recovery.level"]

    def _search_recovery_is_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        query, params = self.env["recovery.event"]._recovery_candidates_sql(
            fields.Date.context_today(self), self.env.companies.ids
        )
        self.env.flush_all()
        self.env.cr.execute(query, params)
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_recovery_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("move_ids", "in", self.ids)]
        action["context"] = {"create": False}
        return action
