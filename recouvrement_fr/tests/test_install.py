# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """Le module s'installe avec son échelle de relance française par défaut."""

    def test_default_ladder_on_every_company(self):
        companies = self.env["res.company"].search([])
        levels = self.env["recovery.level"].with_context(active_test=False).search([])
        for company in companies:
            ladder = levels.filtered(lambda lvl, c=company: lvl.company_id == c).sorted(
                "sequence"
            )
            self.assertEqual(
                ladder.mapped("days"), [-5, 1, 15, 30, 45, 60], company.name
            )
            self.assertEqual(
                ladder.mapped("channel"),
                ["email", "email", "phone", "letter", "lrar", "legal"],
            )
            self.assertEqual(
                ladder.filtered("needs_validation").mapped("stage"), ["mise_en_demeure"]
            )
            self.assertFalse(ladder[0].active, "the pre-reminder ships inactive")

    def test_new_company_gets_the_ladder(self):
        company = self.env["res.company"].create({"name": "Nouvelle SAS"})
        ladder = (
            self.env["recovery.level"]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)])
        )
        self.assertEqual(len(ladder), 6)

    def test_nightly_cron_is_active_and_daily(self):
        cron = self.env.ref("recouvrement_fr.ir_cron_recovery_escalate")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))

    def test_email_level_requires_a_template(self):
        with self.assertRaises(ValidationError):
            self.env["recovery.level"].create(
                {"name": "Sans modèle", "days": 3, "channel": "email"}
            )
