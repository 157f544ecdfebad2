# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models

from ...core.identity import group_digits
from ...core.typography import grouped_iban
from ...tools.letter_format import long_date as long_date_in


class ResPartner(models.Model):
    _inherit = "res.partner"

    recovery_bounced_email = fields.Char(
        string="Bounced e-mail",
        compute="_compute_recovery_bounced_email",
        help="Address of this customer's reminders that a mail server returned "
        "(bounce): correct it, then retry the failed communications.",
    )
    recovery_email_failure = fields.Text(
        string="Last e-mail failure",
        compute="_compute_recovery_bounced_email",
        help="Why the last failed reminder e-mail was not delivered.",
    )

    # Electronic registered letters (issue #25): a consumer must consent
    # (Code des postes et des communications électroniques L100).
    recovery_lre_consent = fields.Boolean(
        string="Accepts electronic registered letters",
        tracking=True,
        help="The customer consented to receive registered letters "
        "electronically (LRE). Required for a consumer; a business may "
        "receive them without it.",
    )
    recovery_lre_consent_date = fields.Date(string="Consent given on")

    @api.depends("commercial_partner_id", "recovery_contact_id")
    def _compute_recovery_bounced_email(self):
        """The reminders' address if it bounced, and the last e-mail failure."""
        last_failed = dict(
            self.env["recovery.event"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id._origin.ids),
                    ("channel", "=", "email"),
                    ("state", "=", "failed"),
                ],
                ["partner_id"],
                ["id:max"],
            )
        )
        errors = dict(
            self.env["recovery.event"]
            .browse(last_failed.values())
            .mapped(lambda e: (e.partner_id, e.error))
        )
        for partner in self:
            customer = partner.commercial_partner_id._origin
            recipient = customer and customer._recovery_recipient()
            partner.recovery_bounced_email = (
                recipient and recipient.message_bounce and recipient.email
            ) or False
            partner.recovery_email_failure = errors.get(customer, False)

    def _recovery_grouped_siret(self):
        """ "812 345 676 00017": the SIRET as a letter prints it (the SIREN,
        then the establishment's number); as entered when it is not 14
        digits."""
        self.ensure_one()
        digits = "".join(char for char in self.siret or "" if char.isdigit())
        if len(digits) != 14:
            return self.siret
        return group_digits(digits, (3, 3, 3, 5))

    @api.model
    def _recovery_iban_text(self, number):
        """ "FR76 3000 6000 0112 …": an IBAN as a letter prints it, in groups
        of four joined by no-break spaces (never cut across two lines),
        whether base_iban is installed or not."""
        return (grouped_iban(number) or "").replace(" ", "\u00a0")

    @api.model
    def _recovery_long_date(self, day):
        """ "1er décembre 2026": a date written out in the reader's language
        (the context's), for the reports."""
        return long_date_in(self.env, day)

    def _recovery_place_and_date(self, day):
        """ "Lyon, le 1er décembre 2026": where and when a letter is written,
        in the reader's language (the context's)."""
        self.ensure_one()
        long_date = long_date_in(self.env, day)
        if not self.city:
            return long_date
        return _("%(city)s, %(date)s", city=self.city, date=long_date)

    def _recovery_lre_allowed(self):
        """Whether an electronic registered letter may reach this customer."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return commercial.recovery_is_b2b or commercial.recovery_lre_consent
