# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..core import RateTable

RATE_KINDS = [
    ("ecb", "ECB main refinancing rate"),
    ("legal_individual", "Legal interest rate - creditor is an individual"),
    ("legal_other", "Legal interest rate - other cases"),
]


class RecoveryRate(models.Model):
    """A reference rate from its effective date: law changes are data."""

    _name = "recovery.rate"
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

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

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
