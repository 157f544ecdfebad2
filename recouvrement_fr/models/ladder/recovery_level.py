# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ...core.vocabulary import CHANNELS, LADDER_STAGES, TONES


class RecoveryLevel(models.Model):
    """One step of a company's recovery ladder."""

    _name = "recovery.level"
    _description = "Recovery Level"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    days = fields.Integer(
        string="Days after due date",
        required=True,
        help="The level is reached this many days after the due date "
        "(negative: before the due date). Between two levels, at least the "
        "difference of their days elapses.",
    )
    channel = fields.Selection(CHANNELS, required=True, default="email")
    stage = fields.Selection(
        LADDER_STAGES,
        required=True,
        default="amiable",
        help="Recovery stage of the invoices that reach this level.",
    )
    tone = fields.Selection(
        TONES,
        required=True,
        default="friendly",
        help="Wording of the letter sent at this level.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail template",
        domain="[('model', '=', 'recovery.event')]",
    )
    report_id = fields.Many2one(
        "ir.actions.report",
        string="Letter",
        domain="[('model', '=', 'recovery.event')]",
        help="PDF attached to the e-mail or printed for a letter.",
    )
    needs_validation = fields.Boolean(
        help="Communications of this level wait for a user to validate them.",
    )
    fallback_letter = fields.Boolean(
        string="Letter if the e-mail fails",
        help="When the mail server refuses the e-mail or it bounces, a letter "
        "with the same document is queued for printing.",
    )
    note = fields.Text(translate=True)

    _sql_constraints = [
        (
            "days_range",
            "CHECK(days BETWEEN -60 AND 3650)",
            "The days of a level must be between -60 and 3650.",
        ),
    ]

    @api.constrains("channel", "mail_template_id", "report_id", "fallback_letter")
    def _check_channel_documents(self):
        for level in self:
            if level.channel == "email" and not level.mail_template_id:
                raise ValidationError(
                    _(
                        "Level %(name)s sends e-mails: choose its e-mail template.",
                        name=level.name,
                    )
                )
            if (
                level.channel in ("letter", "lrar") or level.fallback_letter
            ) and not level.report_id:
                raise ValidationError(
                    _(
                        "Level %(name)s sends letters: choose the letter to print.",
                        name=level.name,
                    )
                )
