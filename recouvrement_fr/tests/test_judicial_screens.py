# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RecoveryCommon


@tagged("post_install", "-at_install")
class TestJudicialScreens(RecoveryCommon):
    """The act the procedure advice offers, as Sophie meets it: the next
    action of Ma journée and of the Compte client, in her language; the acts
    themselves stay French (README, "Judicial acts")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.company.currency_id = cls.env.ref("base.EUR")
        cls.change_company_country(cls.company, cls.env.ref("base.fr"))
        cls.partner_a.write(
            {"name": "Dupont Équipements", "recovery_legal_form": "sas"}
        )
        # A litigation file: 6 400 € unpaid (above the petites créances'
        # 5 000 €), the formal notice sent and received, the dossier to send.
        cls.invoice = cls._invoice(cls.partner_a, 6400.0, "2025-05-20")
        cls.env["recovery.event"].create(
            {
                "company_id": cls.company.id,
                "partner_id": cls.partner_a.id,
                "level_id": cls.level_med.id,
                "channel": "lrar",
                "state": "posted",
                "date": "2025-07-04",
                "lrar_sent_date": "2025-07-04",
                "lrar_number": "1A23456789012",
                "ar_date": "2025-07-08",
                "move_ids": [Command.set(cls.invoice.ids)],
            }
        )
        cls.env["recovery.event"].create(
            {
                "company_id": cls.company.id,
                "partner_id": cls.partner_a.id,
                "level_id": cls.level_legal.id,
                "channel": "legal",
                "state": "to_do",
                "date": "2025-09-01",
                "user_id": cls.accountant.id,
                "move_ids": [Command.set(cls.invoice.ids)],
            }
        )

    def _env(self, lang):
        return self.env(user=self.accountant, context=dict(self.env.context, lang=lang))

    @freeze_time("2025-09-15")
    def test_my_day_offers_the_injonction_for_the_litigation_file(self):
        data = self._env("fr_FR")["recovery.my.day"].get_day_data(mine=True)
        lines = data["sections"]["dossiers"]["lines"]
        self.assertEqual([line["partner_id"] for line in lines], [self.partner_a.id])
        self.assertEqual(
            lines[0]["act"],
            {"code": "injonction_request", "label": "Requête en injonction de payer"},
        )

    @freeze_time("2025-09-15")
    def test_my_day_offers_no_act_before_the_formal_notice(self):
        invoice = self._invoice(self.partner_b, 900.0, "2025-05-20")
        self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.partner_b.id,
                "level_id": self.level_legal.id,
                "channel": "legal",
                "state": "to_do",
                "date": "2025-09-01",
                "user_id": self.accountant.id,
                "move_ids": [Command.set(invoice.ids)],
            }
        )
        data = self._env("fr_FR")["recovery.my.day"].get_day_data(mine=True)
        acts = {
            line["partner_id"]: line["act"]
            for line in data["sections"]["dossiers"]["lines"]
        }
        self.assertEqual(acts[self.partner_a.id]["code"], "injonction_request")
        # no mise en demeure yet: no court act, only an amicable referral
        self.assertNotIn(
            (acts[self.partner_b.id] or {}).get("code"),
            ("injonction_request", "small_claims_request"),
        )

    @freeze_time("2025-09-15")
    def test_customer_account_next_action_is_the_act(self):
        account = self._env("fr_FR")["recovery.customer.account"]
        data = account.get_account_data(self.partner_a.id)
        self.assertEqual(
            data["next_action"]["act"],
            {"code": "injonction_request", "label": "Requête en injonction de payer"},
        )
        # its button opens the wizard with that act chosen
        action = self.partner_a.with_env(self._env("fr_FR")).action_recovery_draft_act()
        self.assertEqual(action["res_model"], "recovery.act.wizard")
        self.assertEqual(action["context"]["default_act_code"], "injonction_request")
        self.assertEqual(action["name"], "Rédiger un acte judiciaire")

    @freeze_time("2025-09-15")
    def test_labels_around_the_acts_in_the_users_language(self):
        """An English-speaking user reads the button, the wizard and the
        refusal in English; the act drafted is French all the same."""
        env = self._env("en_US")
        data = env["recovery.my.day"].get_day_data(mine=True)
        self.assertEqual(
            data["sections"]["dossiers"]["lines"][0]["act"]["label"],
            "Request for an order for payment (injonction de payer)",
        )
        wizard = (
            env["recovery.act.wizard"]
            .with_context(
                **self.partner_a.with_env(env).action_recovery_draft_act()["context"]
            )
            .create({})
        )
        self.assertIn(
            "Request for an order for payment (injonction de payer)",
            wizard.available_text,
        )
        act = env["recovery.act.service"]._draft(
            self.partner_a.with_env(env),
            self.invoice.with_env(env),
            "injonction_request",
        )
        self.assertTrue(act.name.startswith("Requête en injonction de payer"))
        self.assertIn("Check the court's city", act.note)
        self.partner_a.recovery_debtor_type = "public"
        with self.assertRaisesRegex(UserError, "cannot be drafted") as caught:
            env["recovery.act.service"]._draft(
                self.partner_a, self.invoice, "injonction_request"
            )
        self.assertIn(
            "référé-provision before the tribunal administratif", str(caught.exception)
        )
        with self.assertRaisesRegex(
            UserError, "Impossible d'établir cet acte"
        ) as caught:
            self._env("fr_FR")["recovery.act.service"]._draft(
                self.partner_a, self.invoice, "injonction_request"
            )
        self.assertIn(
            "référé-provision devant le juge des référés", str(caught.exception)
        )

    @freeze_time("2025-09-15")
    def test_dossier_wizard_offers_the_act_to_draft(self):
        """The dossier wizard names the act the advice offers and opens its
        wizard, the act preselected, for the dossier's invoices."""
        wizard = (
            self._env("fr_FR")["recovery.dossier.wizard"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({})
        )
        self.assertEqual(wizard.advised_act, "Requête en injonction de payer")
        action = wizard.action_draft_act()
        self.assertEqual(action["res_model"], "recovery.act.wizard")
        self.assertEqual(action["context"]["default_act_code"], "injonction_request")
        self.assertEqual(action["context"]["default_move_ids"], self.invoice.ids)

    @freeze_time("2025-09-15")
    def test_dossier_wizard_offers_no_act_once_paid(self):
        self._pay(self.invoice, 6400.0, "2025-09-10")
        wizard = (
            self._env("en_US")["recovery.dossier.wizard"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({})
        )
        self.assertFalse(wizard.advised_act)
