# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # EXTENDS mail
    def _action_done(self, feedback=False, attachment_ids=None):
        """A call or legal task of the ladder is done when its activity is.

        A call needs its outcome first: marking its activity done from
        anywhere asks for it rather than recording a call without one.
        """
        events = self._recovery_events()
        missing = events.filtered(lambda e: e.channel == "phone" and not e.call_outcome)
        if missing:
            raise UserError(
                _(
                    "Open the communication %(event)s and choose the outcome of "
                    "the call before marking it as done.",
                    event=missing[0].display_name,
                )
            )
        unrecorded = events.filtered(
            lambda e: e.call_outcome == "promised" and not e.promise_id
        )
        if unrecorded:
            raise UserError(
                _(
                    "Open the communication %(event)s and record the promise "
                    "(its date and amount) with the button Call made.",
                    event=unrecorded[0].display_name,
                )
            )
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        events._recovery_mark_done()
        return result

    def _recovery_events(self):
        """Events to do whose planned activity is among ``self``."""
        activities = self.filtered(lambda a: a.res_model == "recovery.event")
        if not activities:
            return self.env["recovery.event"]
        events = self.env["recovery.event"].sudo().browse(activities.mapped("res_id"))
        planned = (
            events.filtered(lambda e: e.state == "to_do")._recovery_planned_activities()
            & activities.sudo()
        )
        return events.browse(planned.mapped("res_id"))
