# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.tools import format_date


class RecoveryEvent(models.Model):
    """A customer's reply to a reminder pauses the customer's ladder."""

    _inherit = "recovery.event"

    # OVERRIDE: the mail gateway posts the reply on the event it answers.
    def message_update(self, msg_dict, update_vals=None):
        result = super().message_update(msg_dict, update_vals=update_vals)
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        if not author.user_ids.filtered(lambda u: not u.share):
            self._recovery_customer_replied()
        return result

    def _recovery_customer_replied(self):
        """Activity for the responsible, pause of the customer's ladder."""
        for event in self:
            company = event.company_id
            days = company.recovery_reply_pause_days
            reason = _(
                "The customer replied on %(date)s to %(event)s",
                date=format_date(self.env, fields.Date.context_today(event)),
                event=event.display_name,
            )
            paused = event.partner_id._recovery_pause(days, reason)
            for customer in paused:
                customer.message_post(
                    body=_(
                        "Recovery paused until %(date)s: %(reason)s.",
                        date=format_date(self.env, customer.recovery_block_until),
                        reason=reason,
                    )
                )
            responsible = company.recovery_user_id or event.user_id
            event.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("The customer replied"),
                note=_("Read the reply and answer the customer."),
                user_id=responsible.id or self.env.uid,
            )

