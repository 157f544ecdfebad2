# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class RecoveryEscalateWizard(models.TransientModel):
    """Escalate a selection of invoices now, after a preview."""

    _name = "recovery.escalate.wizard"
    _description = "Escalate overdue invoices now"

    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        default=lambda self: self._default_move_ids(),
    )
    force = fields.Boolean(
        string="Ignore the delays",
        help="Move each invoice one level up even if the ladder's delay is not over.",
    )
    preview_html = fields.Html(compute="_compute_preview", sanitize=False)
    candidate_count = fields.Integer(compute="_compute_preview")

    # ------------------------------------------------------------
    # DEFAULTS AND PREVIEW
    # ------------------------------------------------------------

    @api.model
    def _default_move_ids(self):
        if self.env.context.get("active_model") != "account.move":
            return False
        return [(6, 0, self.env.context.get("active_ids", []))]

    def _candidates(self):
        """Rows of the selected invoices that move today (the engine's rule)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            self.env["recovery.engine"]._candidates_sql(
                fields.Date.context_today(self),
                self.env.companies.ids,
                move_ids=self.move_ids._origin.ids,
                force=self.force,
            )
        )
        return self.env.cr.dictfetchall()

    @api.depends("move_ids", "force")
    def _compute_preview(self):
        for wizard in self:
            rows = wizard._candidates() if wizard.move_ids else []
            wizard.candidate_count = len(rows)
            wizard.preview_html = self.env["ir.qweb"]._render(
                "recouvrement_fr.recovery_escalate_wizard_preview",
                wizard._preview_values(rows),
            )

    def _preview_values(self, rows):
        """One line per customer (one communication a day): its invoices,
        their amount, and the most advanced level, which speaks for all."""
        groups = defaultdict(lambda: {"count": 0, "amount": 0.0, "level_ids": set()})
        for row in rows:
            group = groups[row["partner_id"]]
            group["count"] += 1
            group["amount"] += row["amount"]
            group["level_ids"].add(row["level_id"])
        partners = self.env["res.partner"].browse(list(groups))
        levels = self.env["recovery.level"].browse(
            {level_id for group in groups.values() for level_id in group["level_ids"]}
        )
        channels = dict(levels._fields["channel"]._description_selection(self.env))
        lines = []
        for partner_id, group in groups.items():
            level = max(
                levels.browse(group.pop("level_ids")),
                key=lambda lv: (lv.sequence, lv.id),
            )
            lines.append(
                {
                    "partner": partners.browse(partner_id),
                    "level": level,
                    "channel": channels[level.channel],
                    **group,
                }
            )
        lines.sort(key=lambda line: line["partner"].display_name or "")
        return {
            "lines": lines,
            "currency": self.env.company.currency_id,
            "skipped": len(self.move_ids) - len(rows),
        }

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        """Run the escalation on the selected invoices and send what it queued."""
        self.ensure_one()
        if not self.move_ids:
            raise UserError(_("Select the invoices to escalate."))
        if not self._candidates():
            raise UserError(
                _("None of the selected invoices can move to a next level today.")
            )
        engine = self.env["recovery.engine"]
        stats = engine._decide(
            company_ids=self.move_ids.company_id.ids,
            move_ids=self.move_ids.ids,
            force=self.force,
        )
        events = self.env["recovery.event"].browse(stats["event_ids"])
        if events:
            # Locked like the cron's chunks: a run at the same time skips them.
            queued = engine._lock_queued(
                events.company_id.ids, len(events), event_ids=events.ids
            )
            engine._communicate_chunk(queued)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("id", "in", events.ids)]
        return action
