# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestEscalateWizard(RecoveryCommon):
    """« Relancer maintenant » sur une sélection, avec un aperçu d'abord."""

    def _wizard(self, invoices):
        return Form(
            self.env["recovery.escalate.wizard"].with_context(
                active_model="account.move", active_ids=invoices.ids
            )
        )

    @freeze_time("2026-01-10")
    def test_preview_then_escalate_the_selection(self):
        inv1 = self._invoice(self.partner_a, 100.0, "2026-01-01")
        inv2 = self._invoice(self.partner_a, 50.0, "2026-01-02")
        untouched = self._invoice(self.partner_b, 70.0, "2026-01-01")
        form = self._wizard(inv1 + inv2)
        self.assertEqual(form.candidate_count, 2)
        self.assertIn("partner_a", form.preview_html)
        self.assertIn(self.level_email.name, form.preview_html)
        action = form.save().action_confirm()
        events = self.env["recovery.event"].search(action["domain"])
        self.assertEqual(events.move_ids, inv1 + inv2)
        self.assertEqual(events.state, "sending", "in Odoo's mail queue")
        self.assertEqual(len(self._mails(events)), 1)
        self._process_mail_queue()
        self.assertEqual(events.state, "sent")
        self.assertFalse(untouched.recovery_event_ids, "the nightly run will handle it")

    @freeze_time("2026-01-10")
    def test_force_ignores_the_delay_but_still_one_step(self):
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-08")
        self._run("2026-01-09")
        self.assertEqual(invoice.recovery_level_id, self.level_email)
        form = self._wizard(invoice)
        self.assertEqual(form.candidate_count, 0)
        self.assertIn("will not move", form.preview_html)
        form.force = True
        self.assertEqual(form.candidate_count, 1)
        form.save().action_confirm()
        self.assertEqual(invoice.recovery_level_id, self.level_phone)

    @freeze_time("2026-01-10")
    def test_nothing_to_escalate_is_refused(self):
        paid = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._pay(paid, 100.0, "2026-01-05")
        wizard = self._wizard(paid).save()
        with self.assertRaisesRegex(UserError, "None of the selected invoices"):
            wizard.action_confirm()
        self.assertFalse(
            self.env["recovery.event"].search([("move_ids", "in", paid.ids)])
        )
