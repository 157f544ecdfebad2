# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestAccess(RecoveryCommon):
    """Qui voit et qui modifie quoi."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing_user = new_test_user(
            cls.env,
            login="comptable",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.manager = new_test_user(
            cls.env,
            login="daf",
            groups="account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.sales_user = new_test_user(
            cls.env,
            login="commercial",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def test_accountant_validates_but_does_not_edit_the_ladder(self):
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        invoice.write(
            {
                "recovery_level_id": self.level_letter.id,
                "recovery_last_date": "2026-01-31",
            }
        )
        self._run("2026-02-20")
        notice = invoice.recovery_event_ids
        self.assertEqual(notice.state, "to_validate")
        notice.with_user(self.billing_user).action_validate()
        self.assertEqual(notice.state, "to_post")
        self.assertEqual(notice.user_id, self.billing_user)
        with self.assertRaises(AccessError):
            self.level_email.with_user(self.billing_user).days = 3
        with self.assertRaises(AccessError):
            notice.with_user(self.billing_user).unlink()

    def test_manager_edits_the_ladder_but_never_deletes_evidence(self):
        self.level_email.with_user(self.manager).days = 3
        self.assertEqual(self.level_email.days, 3)
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._run("2026-01-10")
        with self.assertRaises(AccessError):
            invoice.recovery_event_ids.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            invoice.recovery_event_ids.sudo().unlink()

    def test_salesperson_sees_no_recovery_data(self):
        invoice = self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._run("2026-01-10")
        with self.assertRaises(AccessError):
            invoice.recovery_event_ids.with_user(self.sales_user).read(["state"])
        with self.assertRaises(AccessError):
            self.env["recovery.level"].with_user(self.sales_user).search([])

    def test_users_see_only_their_companies(self):
        other = self.setup_other_company(name="Filiale Lyon")["company"]
        inv_other = self._invoice(self.partner_a, 100.0, "2026-01-01", company=other)
        self._run("2026-01-10", company=other)
        self._invoice(self.partner_a, 100.0, "2026-01-01")
        self._run("2026-01-10")
        events = self.env["recovery.event"].with_user(self.billing_user).search([])
        self.assertEqual(events.company_id, self.company)
        levels = self.env["recovery.level"].with_user(self.billing_user).search([])
        self.assertEqual(levels.company_id, self.company)
        with self.assertRaises(AccessError):
            inv_other.recovery_event_ids.with_user(self.billing_user).read(["state"])
