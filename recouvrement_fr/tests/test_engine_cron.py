# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from ..core.vocabulary import CARRIED_OUT_STATES
from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestEngineCron(RecoveryCommon):
    """Les tâches planifiées tournent par leur enregistrement ir.cron, comme
    « Exécuter manuellement », pour une comptable française sans droits
    d'administration : pas de commit, des lots bornés, tout écrit en français."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        cls.crons = {
            name: cls.env.ref(f"recouvrement_fr.ir_cron_recovery_{name}")
            for name in ("escalate", "communicate", "plan_check")
        }

    def _trigger(self, name, on, user=None):
        """Run the cron ``name`` through its record on day ``on``; return its
        progress (done, remaining).

        Without ``user``: "Run manually" (``method_direct_trigger``), as the
        cron's user. With ``user``: as the cron runner does it for a cron of
        that user (Odoo 18 keeps the progress records to the settings group,
        so the runner's bookkeeping is done as admin, the job as ``user``).
        """
        cron = self.crons[name]
        with freeze_time(on):
            if user is None:
                cron.method_direct_trigger()
            else:
                cron, progress = cron._add_progress()
                cron.ir_actions_server_id.with_user(user).with_context(
                    ir_cron_progress_id=progress.id
                ).run()
                self.env.flush_all()
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id desc", limit=1
        )
        return progress.done, progress.remaining

    def _check_plans(self, on):
        return self._trigger("plan_check", on, user=self.accountant)

    def _step_messages(self, invoice):
        return invoice.message_ids.filtered(lambda m: "Relance :" in (m.body or ""))

    def test_the_crons_are_on_at_install(self):
        self.assertTrue(all(cron.active for cron in self.crons.values()))

    def test_escalate_then_communicate_through_the_cron_records(self):
        inv_a = self._invoice(self.partner_a, 1200.0, "2026-01-05")
        inv_b = self._invoice(self.partner_b, 300.0, "2026-01-05")
        triggers = self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.crons["communicate"].id)]
        )

        # 03:00: the escalation decides (as the accountant) and wakes the
        # communicate cron up; nothing is sent yet.
        done, remaining = self._trigger("escalate", "2026-01-06")
        self.assertEqual((done, remaining), (2, 0))
        events = (inv_a | inv_b).recovery_event_ids
        self.assertEqual(len(events), 2)
        self.assertEqual(set(events.mapped("state")), {"queued"})
        self.assertEqual(events.user_id, self.accountant, "the recovery responsible")
        self.assertEqual((inv_a | inv_b).mapped("recovery_stage"), ["amiable"] * 2)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count(
                [("cron_id", "=", self.crons["communicate"].id)]
            ),
            triggers,
            "the escalation triggers the communicate cron",
        )

        # The communicate cron sends one bounded batch per call.
        self.env["ir.config_parameter"].set_param(
            "recouvrement_fr.communicate_batch_size", 1
        )
        self.assertEqual(self._trigger("communicate", "2026-01-06"), (1, 1))
        self.assertEqual(len(events.filtered(lambda e: e.state == "queued")), 1)
        self.assertEqual(self._trigger("communicate", "2026-01-06"), (1, 0))
        self.assertEqual(set(events.mapped("state")), {"sending"})
        # Odoo's mail queue hands them to the mail server, which accepts them.
        self._process_mail_queue()
        self.assertTrue(all(e.state in CARRIED_OUT_STATES for e in events))
        self.assertEqual(len(self._mails(events)), 2)

        # Each invoice tells the step in its chatter, in French.
        message = self._step_messages(inv_a)
        self.assertEqual(len(message), 1)
        level = self.level_email.with_context(lang="fr_FR").name
        self.assertIn(f"Relance : {level} (E-mail) — ", message.body)
        self.assertEqual(message.author_id, self.accountant.partner_id)

        # The same night again: nothing moves twice, nothing is sent twice.
        self.assertEqual(self._trigger("escalate", "2026-01-06"), (0, 0))
        self.assertEqual(self._trigger("communicate", "2026-01-06"), (0, 0))
        self.assertEqual(len((inv_a | inv_b).recovery_event_ids), 2)
        self.assertEqual(len(self._mails(events)), 2)

    def test_nightly_run_writes_in_french(self):
        """The phone call planned by the nightly run is worded in French."""
        invoice = self._invoice(self.partner_a, 800.0, "2026-01-05")
        for day in ("2026-01-06", "2026-01-20"):
            self._trigger("escalate", day, user=self.accountant)
            self._trigger("communicate", day, user=self.accountant)
            with freeze_time(day):
                self._process_mail_queue()
        self.assertEqual(invoice.recovery_event_ids.create_uid, self.accountant)
        call = invoice.recovery_event_ids.filtered(
            lambda e: e.level_id == self.level_phone
        )
        self.assertEqual(call.activity_ids.user_id, self.accountant)
        self.assertIn("Appeler", call.activity_ids.summary)
        level = self.level_phone.with_context(lang="fr_FR").name
        step = self._step_messages(invoice)[0]
        self.assertIn(f"Relance : {level} (Appel téléphonique)", step.body)

    def test_plan_cron_breaks_a_missed_plan_as_the_accountant(self):
        self.company.recovery_plan_grace_days = 5
        invoice = self._invoice(self.partner_a, 600.0, "2026-01-05")
        with freeze_time("2026-02-01"):
            wizard = (
                self.env["recovery.plan.wizard"]
                .with_user(self.accountant)
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"instalment_count": 3, "first_due_date": "2026-02-10"})
            )
            plan = self.env["recovery.plan"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(self._check_plans("2026-02-14"), (0, 0))
        self.assertEqual(plan.state, "active")

        self.assertEqual(self._check_plans("2026-02-16"), (1, 0))
        self.assertEqual(plan.state, "broken")
        notice = plan.break_event_id
        self.assertEqual(notice.level_id, self.level_med)
        self.assertEqual(notice.state, "to_validate")
        self.assertEqual(invoice.recovery_stage, "mise_en_demeure")
        self.assertEqual(invoice.recovery_last_date, d("2026-02-16"))
        self.assertIn("Échéancier", plan.message_ids[0].body)
        # The step waits for validation: logged on the invoice now, in French.
        level = self.level_med.with_context(lang="fr_FR").name
        self.assertIn(f"Relance : {level}", self._step_messages(invoice).body)
        # Again: nothing broken twice.
        self.assertEqual(self._check_plans("2026-02-16"), (0, 0))
        self.assertEqual(len(invoice.recovery_event_ids), 1)

    def test_plan_cron_works_in_bounded_batches(self):
        self.company.recovery_plan_grace_days = 0
        plans = self.env["recovery.plan"]
        for partner in (self.partner_a, self.partner_b):
            invoice = self._invoice(partner, 300.0, "2026-01-05")
            with freeze_time("2026-02-01"):
                wizard = (
                    self.env["recovery.plan.wizard"]
                    .with_user(self.accountant)
                    .with_context(active_model="account.move", active_ids=invoice.ids)
                    .create({"instalment_count": 2, "first_due_date": "2026-02-10"})
                )
                plans |= plans.browse(wizard.action_confirm()["res_id"])
        self.env["ir.config_parameter"].set_param("recouvrement_fr.plan_batch_size", 1)
        self.assertEqual(self._check_plans("2026-02-12"), (1, 1))
        self.assertEqual(sorted(plans.mapped("state")), ["active", "broken"])
        self.assertEqual(self._check_plans("2026-02-12"), (1, 0))
        self.assertEqual(plans.mapped("state"), ["broken", "broken"])
        self.assertEqual(len(plans.break_event_id), 2, "one notice per plan")
