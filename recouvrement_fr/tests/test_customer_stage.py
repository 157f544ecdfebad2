# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestCustomerStage(RecoveryCommon):
    """L'étape du client (règle 8 de l'échelle) : un client en contentieux,
    sous échéancier ou en procédure collective ne reçoit plus de relance
    amiable ; ses nouvelles factures rejoignent son étape. Base française,
    tâche planifiée lancée par son enregistrement ir.cron, comptable française
    sans droits d'administration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.escalate = cls.env.ref("recouvrement_fr.ir_cron_recovery_escalate")
        cls.communicate = cls.env.ref("recouvrement_fr.ir_cron_recovery_communicate")

    def _nightly_run(self, on):
        """The escalation and communicate crons of day ``on``, then the mail
        queue."""
        with freeze_time(on):
            self.escalate.method_direct_trigger()
            self.communicate.method_direct_trigger()
            self._process_mail_queue()

    def _in_litigation(self, partner, on):
        invoice = self._invoice(partner, 2000.0, "2026-01-05")
        invoice.write(
            {
                "recovery_stage": "contentieux",
                "recovery_level_id": self.level_legal.id,
                "recovery_last_date": on,
            }
        )
        return invoice

    def _activities(self, partner):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def test_new_invoice_of_a_customer_in_litigation_joins_it(self):
        old = self._in_litigation(self.partner_a, d("2026-03-10"))
        new = self._invoice(self.partner_a, 480.0, "2026-04-01")
        other = self._invoice(self.partner_b, 300.0, "2026-04-01")
        self.assertEqual(self.partner_a.recovery_customer_stage, "contentieux")

        self._nightly_run("2026-04-02")

        # No friendly e-mail for the customer in litigation; the other one
        # gets its first reminder.
        self.assertFalse(new.recovery_event_ids)
        self.assertEqual(new.recovery_stage, "contentieux")
        self.assertEqual(other.recovery_event_ids.level_id, self.level_email)
        self.assertEqual(old.recovery_stage, "contentieux")
        notes = [
            html2plaintext(message.body)
            for message in new.message_ids
            if "étape du client" in html2plaintext(message.body or "")
        ]
        self.assertEqual(
            notes,
            [
                "Recouvrement : cette facture rejoint l'étape du client au lieu de "
                "commencer les relances : Contentieux."
            ],
        )
        activity = self._activities(self.partner_a)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.accountant)
        self.assertEqual(
            activity.summary,
            f"Client en contentieux : ajouter la nouvelle facture échue {new.name} "
            "à son dossier",
        )
        # Twice the same night: nothing more.
        self._nightly_run("2026-04-02")
        self.assertEqual(len(self._activities(self.partner_a)), 1)
        self.assertFalse(new.recovery_event_ids)

    def test_by_option_the_new_invoice_waits(self):
        self.company.recovery_held_invoices = "wait"
        self._in_litigation(self.partner_a, d("2026-03-10"))
        new = self._invoice(self.partner_a, 480.0, "2026-04-01")
        for day in ("2026-04-02", "2026-04-20", "2026-06-01"):
            self._nightly_run(day)
            with freeze_time(day):
                new.invalidate_recordset(["recovery_is_due", "recovery_next_date"])
                self.assertFalse(new.recovery_is_due)
                self.assertFalse(new.recovery_next_date)
        self.assertFalse(new.recovery_event_ids)
        self.assertEqual(new.recovery_stage, "none")
        self.assertFalse(self._activities(self.partner_a))

    def test_a_customer_set_in_litigation_by_hand_gets_no_reminder(self):
        new = self._invoice(self.partner_b, 480.0, "2026-04-01")
        self.partner_b.with_user(self.accountant).sudo().write(
            {"recovery_stage_manual": "contentieux"}
        )
        self.assertEqual(
            self.partner_b.with_user(self.accountant).recovery_customer_stage,
            "contentieux",
        )
        self._nightly_run("2026-04-02")
        self.assertFalse(new.recovery_event_ids)
        self.assertEqual(new.recovery_stage, "contentieux")

    def test_new_invoice_of_a_customer_under_a_plan_joins_the_plan_stage(self):
        planned = self._invoice(self.partner_a, 1200.0, "2026-01-05")
        planned.recovery_stage = "payment_plan"
        new = self._invoice(self.partner_a, 300.0, "2026-04-01")
        self._nightly_run("2026-04-02")
        self.assertFalse(new.recovery_event_ids)
        self.assertEqual(new.recovery_stage, "payment_plan")
        self.assertEqual(
            self._activities(self.partner_a).summary,
            f"Client sous échéancier : ajouter la nouvelle facture échue {new.name} "
            "à l'échéancier ou en convenir d'un nouveau",
        )

    def test_one_communication_per_customer_a_day(self):
        """Two invoices of one customer reach two levels the same night: one
        e-mail covers both, at the most advanced level; each invoice keeps
        its own level."""
        older = self._invoice(self.partner_a, 1000.0, "2026-01-05")
        older.write(
            {
                "recovery_stage": "amiable",
                "recovery_level_id": self.level_email.id,
                "recovery_last_date": d("2026-01-06"),
            }
        )
        newer = self._invoice(self.partner_a, 200.0, "2026-01-19")
        self._nightly_run("2026-01-20")
        event = (older | newer).recovery_event_ids.filtered(
            lambda e: e.date == d("2026-01-20")
        )
        self.assertEqual(len(event), 1)
        self.assertEqual(event.level_id, self.level_phone)
        self.assertEqual(event.move_ids, older | newer)
        self.assertEqual(older.recovery_level_id, self.level_phone)
        self.assertEqual(newer.recovery_level_id, self.level_email)

    def test_insolvency_stops_every_step_and_asks_for_the_declaration(self):
        inv_1 = self._invoice(self.partner_a, 1500.0, "2026-01-05")
        inv_2 = self._invoice(self.partner_a, 700.0, "2026-02-20")
        self._run("2026-01-06")
        # The call of day 20 is planned; an e-mail is queued for the second.
        self._run("2026-01-20")
        call = inv_1.recovery_event_ids.filtered(lambda e: e.channel == "phone")
        self.assertEqual(call.state, "to_do")
        with freeze_time("2026-02-21"):
            self.env["recovery.engine"]._decide(company_ids=self.company.ids)
        queued = inv_2.recovery_event_ids
        self.assertEqual(queued.state, "queued")
        # Issued after the judgment: a claim born after it (L622-17).
        after = self._invoice(self.partner_a, 90.0, "2026-03-05")

        with freeze_time("2026-03-02"):
            self.partner_a.with_user(self.accountant).sudo().write(
                {
                    "recovery_insolvency": "redressement",
                    "recovery_insolvency_date": d("2026-03-01"),
                }
            )
        self.assertEqual((inv_1 | inv_2).mapped("recovery_stage"), ["declaration"] * 2)
        self.assertEqual(after.recovery_stage, "none")
        self.assertEqual((call | queued).mapped("state"), ["cancelled"] * 2)
        self.assertEqual(
            queued.error,
            "Arrêtée : ouverture d'une procédure collective (C. com. L622-21).",
        )
        self.assertFalse(call.activity_ids, "the planned call is withdrawn")
        activity = self._activities(self.partner_a).filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("recouvrement_fr.mail_activity_type_declaration")
            )
        )
        self.assertEqual(activity.user_id, self.accountant)
        self.assertIn("saisir la date de publication au BODACC", activity.summary)

        # The BODACC publication entered: the deadline is the next action.
        with freeze_time("2026-03-12"):
            self.partner_a.write({"recovery_bodacc_date": d("2026-03-10")})
        self.assertEqual(activity.date_deadline, d("2026-05-10"))
        self.assertEqual(
            activity.summary,
            "Déclarer la créance au mandataire judiciaire au plus tard le "
            "10/05/2026 (C. com. L622-24, R622-24)",
        )
        account = (
            self.env["recovery.customer.account"]
            .with_user(self.accountant)
            .with_context(lang=self.accountant.lang)
        )
        with freeze_time("2026-03-12"):
            data = account.get_account_data(self.partner_a.id)
        self.assertEqual(data["next_action"]["date"], "2026-05-10")
        self.assertEqual(
            data["partner"]["stage"], "Déclaration de créance (procédure collective)"
        )
        self.assertTrue(data["partner"]["stage_holds"])

        # Nothing reaches the customer any more, however late.
        for day in ("2026-03-20", "2026-04-30"):
            self._nightly_run(day)
        self.assertFalse(
            (inv_1 | inv_2 | after).recovery_event_ids.filtered(
                lambda e: e.state not in ("cancelled", "done", "sent")
            )
        )
        self.assertEqual(self.partner_a.recovery_customer_stage, "declaration")

    def test_the_nightly_sql_and_the_rule_of_core_agree_on_each_customer(self):
        """Rule 8 is stated twice on purpose: by ``core.ladder.customer_stage``
        (the screens, the invoices' next step) and clause by clause in the
        nightly run's SQL. On customers in every situation, both give each
        customer the same stage."""
        litigation = self._in_litigation(self.partner_a, d("2026-03-10"))
        self._invoice(self.partner_a, 100.0, "2026-03-01")  # amiable, less advanced
        self._invoice(self.partner_b, 250.0, "2026-02-01").recovery_stage = "amiable"
        disputed = self.env["res.partner"].create({"name": "Litige SARL"})
        self._invoice(disputed, 90.0, "2026-02-01").recovery_stage = "dispute"
        by_hand = self.env["res.partner"].create({"name": "Échéancier SAS"})
        self._invoice(by_hand, 90.0, "2026-02-01").recovery_stage = "amiable"
        by_hand.recovery_stage_manual = "payment_plan"
        insolvent = self.env["res.partner"].create({"name": "Redressement SA"})
        self._invoice(insolvent, 90.0, "2026-02-01")
        paid_off = self.env["res.partner"].create({"name": "Soldé EURL"})
        self._pay(self._invoice(paid_off, 90.0, "2026-02-01"), 90.0, "2026-02-10")
        insolvent.write(
            {
                "recovery_insolvency": "redressement",
                "recovery_insolvency_date": d("2026-03-01"),
            }
        )
        customers = litigation.partner_id | self.partner_b | disputed | by_hand
        customers |= insolvent | paid_off
        Stage = self.env["recovery.customer.stage"]
        by_rule = Stage._stages(customers, self.company)
        self.env.cr.execute(
            Stage._stages_sql(
                [self.company.id],
                stages=(
                    "none",
                    "amiable",
                    "mise_en_demeure",
                    "payment_plan",
                    "contentieux",
                    "declaration",
                ),
                partner_ids=customers.ids,
            )
        )
        by_sql = {
            (partner_id, company_id): stage
            for partner_id, company_id, stage in self.env.cr.fetchall()
            if stage != "none"
        }
        self.assertEqual(by_rule, by_sql)
        self.assertEqual(
            {self.env["res.partner"].browse(k[0]).name: v for k, v in by_rule.items()},
            {
                self.partner_a.name: "contentieux",
                self.partner_b.name: "amiable",
                "Échéancier SAS": "payment_plan",
                "Redressement SA": "declaration",
            },
        )
