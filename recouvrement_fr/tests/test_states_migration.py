# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0 migration: the states of existing communications tell the truth."""

import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import RecoveryCommon, d

MIGRATION = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.2.0" / "post-migration.py"
)


def _migrate(cr):
    spec = importlib.util.spec_from_file_location("rfr_migration_1_2", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, "18.0.1.1.0")


@tagged("post_install", "-at_install")
class TestStatesMigration(RecoveryCommon):
    def _event(self, invoice, level, channel, old_state, **vals):
        event = self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": invoice.partner_id.id,
                "level_id": level.id,
                "channel": channel,
                "date": "2026-01-10",
                "move_ids": [(6, 0, invoice.ids)],
                **vals,
            }
        )
        self.env.flush_all()
        # As 18.0.1.1.0 left it: its state, no carried out date.
        self.env.cr.execute(
            "UPDATE recovery_event SET state = %s, carried_out_date = NULL "
            "WHERE id = %s",
            (old_state, event.id),
        )
        return event

    def test_old_states_become_true_states(self):
        inv_mail = self._invoice(self.partner_a, 100.0, "2026-01-01")
        inv_lrar = self._invoice(self.partner_b, 100.0, "2026-01-01")
        email = self._event(
            inv_mail, self.level_email, "email", "done", sent_date="2026-01-10 08:00:00"
        )
        call = self._event(inv_mail, self.level_phone, "phone", "done")
        letter = self._event(inv_mail, self.level_letter, "letter", "done")
        to_post = self._event(inv_lrar, self.level_med, "lrar", "to_print")
        received = self._event(
            inv_lrar,
            self.level_med,
            "lrar",
            "done",
            lrar_number="1A",
            lrar_sent_date="2026-01-12",
            ar_date="2026-01-14",
        )
        # An e-mail "done" whose notification Odoo had marked as failed.
        inv_bounced = self._invoice(self.partner_b, 50.0, "2026-01-02")
        bounced = self._event(inv_bounced, self.level_email, "email", "done")
        message = bounced.message_post(
            body="Relance", partner_ids=self.partner_b.ids, message_type="comment"
        )
        bounced.mail_message_id = message
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_notification SET notification_status = 'exception', "
            "failure_reason = '550 User unknown' WHERE mail_message_id = %s",
            [message.id],
        )
        self.env.cr.execute("UPDATE recovery_move_state SET last_sent_date = NULL")
        _migrate(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(email.state, "sent")
        self.assertEqual(bounced.state, "failed")
        self.assertEqual(bounced.error, "550 User unknown")
        self.assertFalse(inv_bounced.recovery_last_sent_date)
        self.assertEqual(email.carried_out_date, d("2026-01-10"))
        self.assertEqual(call.state, "done")
        self.assertEqual(letter.state, "sent")
        self.assertEqual(to_post.state, "to_post")
        self.assertEqual(received.state, "received")
        self.assertEqual(received.carried_out_date, d("2026-01-12"))
        self.assertEqual(inv_mail.recovery_last_sent_date, d("2026-01-10"))
        self.assertEqual(inv_lrar.recovery_last_sent_date, d("2026-01-12"))
