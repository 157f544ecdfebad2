# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup, escape

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

    @api.model
    def _default_move_ids(self):
        if self.env.context.get("active_model") != "account.move":
            return False
        return [(6, 0, self.env.context.get("active_ids", []))]

    def _candidates(self):
        self.ensure_one()
        query, params = self.env["recovery.engine"]._candidates_sql(
            fields.Date.context_today(self),
            self.env.companies.ids,
            move_ids=self.move_ids.ids,
            force=self.force,
        )
        self.env.flush_all()
        self.env.cr.execute(query, params)
        return self.env.cr.dictfetchall()

    @api.depends("move_ids", "force")
    def _compute_preview(self):
        for wizard in self:
            rows = wizard._candidates() if wizard.move_ids else []
            wizard.candidate_count = len(rows)
            groups = defaultdict(lambda: {"count": 0, "amount": 0.0})
            for row in rows:
                group = groups[(row["partner_id"], row["level_id"])]
                group["count"] += 1
                group["amount"] += row["amount"]
            partners = self.env["res.partner"].browse({key[0] for key in groups})
            levels = self.env["recovery.level"].browse({key[1] for key in groups})
            names = {p.id: p.display_name for p in partners}
            level_by_id = {level.id: level for level in levels}
            currency = self.env.company.currency_id
            channels = dict(levels._fields["channel"]._description_selection(self.env))
            body = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                    "<td class='text-end'>%s</td></tr>"
                )
                % (
                    names[partner_id],
                    level_by_id[level_id].name,
                    channels[level_by_id[level_id].channel],
                    group["count"],
                    currency.format(group["amount"]),
                )
                for (partner_id, level_id), group in sorted(
                    groups.items(), key=lambda item: names[item[0][0]]
                )
            )
            skipped = len(wizard.move_ids) - len(rows)
            wizard.preview_html = Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "</tr></thead><tbody>%s</tbody></table><p>%s</p>"
            ) % (
                _("Customer"),
                _("Next level"),
                _("Channel"),
                _("Invoices"),
                _("Amount due"),
                body,
                escape(
                    _(
                        "%(count)s selected invoice(s) will not move: paid, blocked, "
                        "not yet due for their next level or already escalated today.",
                        count=skipped,
                    )
                )
                if skipped
                else "",
            )

    def action_confirm(self):
        """Run the escalation on the selected invoices and send what it queued."""
        self.ensure_one()
        if not self.move_ids:
            raise UserError(_("Select the invoices to escalate."))
        if not self._candidates():
            raise UserError(
                _("None of the selected invoices can move to a next level today.")
            )
        stats = self.env["recovery.engine"]._decide(
            company_ids=self.move_ids.company_id.ids,
            move_ids=self.move_ids.ids,
            force=self.force,
        )
        events = self.env["recovery.event"].browse(stats["event_ids"])
        self.env["recovery.dispatch"]._communicate_events(events)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("id", "in", events.ids)]
        return action
