# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import format_date


class RecoveryPause(models.AbstractModel):
    """Pauses of the recovery ladder until a date, on invoices and customers.

    A service (no table). A promise to pay, a reply of the customer or a
    user pauses invoices or customers (their ``_recovery_set_block`` writes
    ``recovery_block_until``); the ladder skips them up to that date
    included, and the cron lifts the pauses that are over, in the chatter.
    """

    _name = "recovery.pause"
    _description = "Recovery Pause"

    @api.model
    def _pause_customers(self, partners, days, reason):
        """Pause the ladder of the customers of ``partners`` ``days`` days from
        today. A longer pause already set is kept. Returns the customers paused.
        """
        until = fields.Date.context_today(self) + timedelta(days=days)
        customers = partners.commercial_partner_id.filtered(
            lambda p: not p.recovery_block_until or p.recovery_block_until < until
        )
        customers._recovery_set_block(until, reason)
        return customers

    @api.model
    def _cron_lift(self, batch_size=500):
        """Lift the pauses whose date is over, invoices then customers; logged.

        Bounded: ``batch_size`` records a call, the cron is called again while
        some remain (``ir.cron._notify_progress``). Safe to run twice.
        """
        today = fields.Date.context_today(self)
        domain = [("recovery_block_until", "<", today)]
        done = 0
        remaining = 0
        for model in (self.env["account.move"].sudo(), self.env["res.partner"].sudo()):
            records = model.with_context(active_test=False).search(
                domain, limit=max(batch_size - done, 0) or 1
            )
            if done >= batch_size:
                records = model.browse()
            remaining += model.with_context(active_test=False).search_count(
                domain
            ) - len(records)
            for lang, group in records.grouped(
                lambda r: (r.company_id or r.env.company).partner_id.lang or r.env.lang
            ).items():
                self.with_env(group.env).with_context(lang=lang)._lift(group)
            done += len(records)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _lift(self, records):
        """Lift the pause of ``records`` (invoices or customers), in their chatter."""
        records = records.with_env(self.env)
        for record in records:
            record.message_post(
                body=_(
                    "Recovery pause until %(date)s lifted (%(reason)s): the "
                    "recovery ladder resumes.",
                    date=format_date(self.env, record.recovery_block_until),
                    reason=record.recovery_block_until_reason or _("no reason"),
                )
            )
        records._recovery_set_block(False, False)
