# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import _, api, fields, models, tools

from ...core import RateTable, Semester
from ...core.vocabulary import RATE_KINDS

# The accounting managers are reminded this many days before a half-year.
REMINDER_DAYS = 14


class RecoveryRate(models.Model):
    """A reference rate from its effective date: law changes are data."""

    _name = "recovery.rate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Reference Interest Rate"
    _order = "kind, date_from desc"
    _rec_name = "kind"

    kind = fields.Selection(RATE_KINDS, required=True, index=True)
    date_from = fields.Date(
        string="In force from",
        required=True,
        help="Effective date; legal rates start on 1 January or 1 July.",
    )
    rate = fields.Float(string="Rate (%)", required=True, digits=(6, 3))
    source = fields.Char(help="Decision or arrêté and its publication.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("kind_date_unique", "UNIQUE(kind, date_from)", "One rate per kind and date."),
        (
            "rate_range",
            "CHECK(rate >= 0 AND rate < 100)",
            "A rate is between 0 and 100 %.",
        ),
    ]

    @api.depends("kind", "date_from", "rate")
    def _compute_display_name(self):
        labels = dict(RATE_KINDS)
        for rate in self:
            rate.display_name = "{} {}: {} %".format(
                labels.get(rate.kind, ""),
                rate.date_from or "",
                rate.rate,
            )

    # EXTENDS base
    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    # EXTENDS base
    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    # EXTENDS base
    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _get_rate_table(self):
        """The core's RateTable of every active rate."""
        return RateTable(self._get_rate_rows())

    @api.model
    @tools.ormcache()
    def _get_rate_rows(self):
        self.env.cr.execute(
            "SELECT kind, date_from, rate FROM recovery_rate WHERE active ORDER BY "
            "date_from"
        )
        return tuple(
            (kind, date_from, str(round(rate, 3)))
            for kind, date_from, rate in self.env.cr.fetchall()
        )

    # ------------------------------------------------------------
    # CRON: REMIND THE NEXT HALF-YEAR'S RATES
    # ------------------------------------------------------------

    @api.model
    def _cron_remind_next_semester(self, today=None):
        """Two weeks before 1 January / 1 July, ask the accounting managers
        to enter the next half-year's legal rates (arrêté published in the
        JO) and check the ECB rate in force on its first day.

        One to-do per manager, on the latest legal rate; safe to run every
        day and twice: nothing is created once the rates are entered or the
        to-do exists.
        """
        today = today or fields.Date.context_today(self)
        semester = Semester.of(today).next()
        if (semester.start - today).days > REMINDER_DAYS:
            return self.browse()
        kinds = set(
            self.search(
                [("date_from", "=", semester.start), ("kind", "!=", "ecb")]
            ).mapped("kind")
        )
        if {"legal_individual", "legal_other"} <= kinds:
            return self.browse()
        anchor = self.search([("kind", "=", "legal_other")], limit=1)
        managers = (self.env.ref("account.group_account_manager").users).filtered(
            lambda user: not user.share and user.active
        )
        if not anchor or not managers:
            return self.browse()
        todo = self.env.ref("mail.mail_activity_data_todo")
        existing = anchor.activity_ids.filtered(
            lambda act: (
                act.date_deadline == semester.start and act.activity_type_id == todo
            )
        ).user_id
        vals_list = [
            self._remind_activity_vals(anchor, todo, semester, user)
            for user in managers - existing
        ]
        return self.env["mail.activity"].create(vals_list)

    @api.model
    def _remind_activity_vals(self, anchor, todo, semester, user):
        """The to-do asking ``user`` to enter the rates of ``semester``."""
        url = "/odoo/action-recouvrement_fr.recovery_rate_action"
        label = semester.label
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": anchor.id,
            "activity_type_id": todo.id,
            "user_id": user.id,
            "date_deadline": semester.start,
            "summary": _("Enter the rates of %(semester)s", semester=label),
            "note": Markup("<p>%s <a href='%s'>%s</a></p>")
            % (
                _(
                    "The legal interest rates of %(semester)s (arrêté in the "
                    "Journal officiel) and the ECB rate in force on %(date)s "
                    "are needed to compute penalties and interest.",
                    semester=label,
                    date=semester.start.strftime("%d/%m/%Y"),
                ),
                url,
                _("Open the reference rates"),
            ),
        }
