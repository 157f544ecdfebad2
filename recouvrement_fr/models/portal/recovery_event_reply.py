# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
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
            responsible = company.recovery_user_id or event.user_id
            # The gateway runs in no one's language: write in the responsible's.
            event = event.with_context(
                lang=responsible.lang or company.partner_id.lang or self.env.lang
            )
            days = company.recovery_reply_pause_days
            reason = event.env._(
                "The customer replied on %(date)s to %(event)s",
                date=format_date(event.env, fields.Date.context_today(event)),
                event=event.display_name,
            )
            paused = event.env["recovery.pause"]._pause_customers(
                event.partner_id, days, reason
            )
            for customer in paused.with_env(event.env):
                customer.message_post(
                    body=event.env._(
                        "Recovery paused until %(date)s: %(reason)s.",
                        date=format_date(event.env, customer.recovery_block_until),
                        reason=reason,
                    )
                )
            event.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=event.env._("The customer replied"),
                note=event.env._("Read the reply and answer the customer."),
                user_id=responsible.id or self.env.uid,
            )
