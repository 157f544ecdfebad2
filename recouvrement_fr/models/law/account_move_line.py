# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # Set on the lines of a penalty invoice: what they bill, for which invoice.
    recovery_penalty_origin_id = fields.Many2one(
        "account.move",
        string="Late invoice",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    recovery_penalty_kind = fields.Selection(
        [
            ("penalty", "Late-payment penalties"),
            ("indemnity", "Recovery indemnity"),
            ("interest", "Legal interest"),
        ],
        readonly=True,
        copy=False,
    )
    recovery_penalty_until = fields.Date(
        string="Penalties billed until", readonly=True, copy=False
    )
