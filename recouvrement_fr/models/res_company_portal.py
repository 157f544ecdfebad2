# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """Settings of the customer's answers: promises, replies, portal requests."""

    _inherit = "res.company"

    recovery_promise_grace_days = fields.Integer(
        string="Promise grace days",
        default=3,
        help="Days after the promised date before an unpaid promise is broken "
        "and the ladder resumes.",
    )
    recovery_promise_max_days = fields.Integer(
        string="Promise at most (days)",
        default=30,
        help="Latest date a customer may promise on the recovery portal, in days "
        "from today.",
    )
    recovery_reply_pause_days = fields.Integer(
        string="Pause after a reply (days)",
        default=7,
        help="Days the ladder of a customer waits after the customer replied to "
        "a reminder e-mail.",
    )
    recovery_portal_plan_max = fields.Integer(
        string="Instalments at most (portal)",
        default=12,
        help="Number of instalments a customer may ask for on the recovery portal.",
    )

    _sql_constraints = [
        (
            "recovery_promise_days_positive",
            "CHECK(recovery_promise_grace_days >= 0 AND recovery_promise_max_days "
            ">= 1 AND recovery_reply_pause_days >= 0 AND recovery_portal_plan_max "
            ">= 2)",
            "Promise and pause delays cannot be negative, a promise needs at "
            "least one day and a payment plan two instalments.",
        ),
    ]
