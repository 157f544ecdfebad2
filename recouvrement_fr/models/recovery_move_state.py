# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .account_move import OPEN_RECOVERY_STAGES, PAID_STATES, RECOVERY_STAGES


class RecoveryMoveState(models.Model):
    """Where a customer invoice stands on the recovery ladder.

    A narrow table of its own: the nightly escalation moves thousands of
    invoices at once, which would otherwise rewrite as many account_move rows
    and all of their indexes.
    """

    _name = "recovery.move.state"
    _description = "Recovery State of an Invoice"
    _rec_name = "move_id"
    _check_company_auto = True

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    level_id = fields.Many2one(
        "recovery.level",
        string="Recovery level",
        index="btree_not_null",
        check_company=True,
    )
    stage = fields.Selection(
        RECOVERY_STAGES,
        string="Recovery stage",
        compute="_compute_stage",
        store=True,
        readonly=False,
        index=True,
    )
    # The ladder's date: one step a day, gaps between levels.
    last_date = fields.Date(string="Last step decided")
    # What the customer received: the UI's "last reminder".
    last_sent_date = fields.Date(
        string="Last recovery step",
        readonly=True,
        help="Day the last reminder reached the customer (e-mail accepted by the "
        "mail server, letter posted) or the last call was made.",
    )

    # Also the index of move_id.
    _sql_constraints = [
        ("move_uniq", "unique(move_id)", "An invoice has one recovery state."),
    ]

    @api.depends("move_id.payment_state")
    def _compute_stage(self):
        for state in self:
            paid = state.move_id.payment_state in PAID_STATES
            stage = state.stage or "none"
            if paid and stage in OPEN_RECOVERY_STAGES:
                stage = "recovered"
            elif not paid and stage == "recovered":
                # Payment unreconciled: back where the ladder left it.
                stage = state.level_id.stage or "none"
            state.stage = stage
