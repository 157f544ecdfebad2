# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .test_desk_dashboard import DeskCommon


@tagged("post_install", "-at_install")
class TestDeskMyDay(DeskCommon):
    """Ma journée de Sophie (comptable, pas administratrice)."""

    def _event(self, partner, level, channel, state, user, company=None):
        company = company or self.company
        moves = self.inv_lyon if company == self.other else self.inv_a1
        return self.env["recovery.event"].create(
            {
                "company_id": company.id,
                "partner_id": partner.id,
                "level_id": level.id,
                "channel": channel,
                "state": state,
                "user_id": user.id,
                "date": "2026-03-30",
                "move_ids": [(6, 0, moves.ids)],
            }
        )

    def setUp(self):
        super().setUp()
        a = self.partner_a
        self.call = self._event(a, self.level_phone, "phone", "done", self.accountant)
        self.call.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline="2026-03-31",
            summary="Appeler Dupont",
            user_id=self.accountant.id,
        )
        self.paul_call = self._event(a, self.level_phone, "phone", "done", self.paul)
        self.paul_call.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline="2026-03-31",
            user_id=self.paul.id,
        )
        self.notice = self._event(
            a, self.level_med, "lrar", "to_validate", self.accountant
        )
        self.paul_notice = self._event(
            a, self.level_med, "lrar", "to_validate", self.paul
        )
        self.letter = self._event(
            a, self.level_letter, "letter", "to_print", self.accountant
        )
        self.legal = self._event(a, self.level_legal, "legal", "to_do", self.accountant)
        other_level = self.env["recovery.level"].search(
            [("company_id", "=", self.other.id)], limit=1
        )
        self.lyon = self._event(
            a,
            other_level,
            other_level.channel,
            "to_validate",
            self.accountant,
            self.other,
        )
        self.inv_a1.recovery_stage = "dispute"
        self.inv_b1.recovery_stage = "dispute"  # Paul's customer

    def _day(self, mine=True):
        with freeze_time("2026-03-31"):
            return self._as_accountant("recovery.my.day").get_day_data(mine=mine)

    def test_my_day_lists_my_work(self):
        data = self._day()
        sections = data["sections"]
        calls = sections["calls"]["lines"]
        self.assertEqual([line["event_id"] for line in calls], self.call.ids)
        self.assertEqual(calls[0]["phone"], "+33 4 72 00 00 01")
        self.assertEqual(calls[0]["overdue"], 1000.0)
        self.assertEqual(calls[0]["summary"], "Appeler Dupont")
        self.assertEqual(sections["to_validate"]["ids"], self.notice.ids)
        self.assertEqual(sections["to_print"]["ids"], self.letter.ids)
        self.assertEqual(sections["dossiers"]["ids"], self.legal.ids)
        self.assertEqual(
            [line["move_id"] for line in sections["disputes"]["lines"]],
            self.inv_a1.ids,
        )
        self.assertEqual(
            data["counts"],
            {
                "calls": 1,
                "to_validate": 1,
                "to_print": 1,
                "to_post": 0,
                "disputes": 1,
                "dossiers": 1,
                "declarations": 0,
                "answers": 0,
            },
        )

    def test_my_day_lists_the_claims_to_declare(self):
        """Insolvency entered on a customer: its claim to declare is in
        Sophie's day, with the deadline, until the activity is done."""
        self.partner_b.recovery_user_id = self.accountant
        with freeze_time("2026-03-20"):
            self.partner_b.write(
                {
                    "recovery_insolvency": "liquidation",
                    "recovery_insolvency_date": "2026-03-15",
                    "recovery_bodacc_date": "2026-03-18",
                }
            )
        with freeze_time("2026-03-31"):
            data = self._day()
        lines = data["sections"]["declarations"]["lines"]
        self.assertEqual(data["counts"]["declarations"], 1)
        self.assertEqual(lines[0]["partner_id"], self.partner_b.id)
        self.assertEqual(lines[0]["date"], "2026-05-18")
        self.assertIn(
            "Déclarer la créance au mandataire judiciaire", lines[0]["summary"]
        )
        with freeze_time("2026-03-31"):
            counts = self._as_accountant("recovery.my.day")._day_counts()
        self.assertEqual(counts["declarations"], 1)

    def test_my_day_whole_team(self):
        """The team's work of the allowed companies only (not Lyon's)."""
        data = self._day(mine=False)
        sections = data["sections"]
        self.assertEqual(
            {line["event_id"] for line in sections["calls"]["lines"]},
            set((self.call | self.paul_call).ids),
        )
        self.assertEqual(
            set(sections["to_validate"]["ids"]),
            set((self.notice | self.paul_notice).ids),
        )
        self.assertEqual(sections["disputes"]["count"], 2)

    def test_my_day_validate_from_the_list(self):
        """The line's button: the accountant validates the notice."""
        self.company.write({"phone": "+33 4 72 00 00 00", "email": "compta@example.fr"})
        with freeze_time("2026-03-31"):
            self.notice.with_user(self.accountant).action_validate()
        self.assertNotEqual(self.notice.state, "to_validate")
        self.assertFalse(self._day()["sections"]["to_validate"]["ids"])

    def test_activity_menu_counts_my_day(self):
        """The clock of the top bar shows Sophie's day: one "Ma journée de
        recouvrement" entry with the counts of Ma journée, in French."""
        with freeze_time("2026-03-31"):
            groups = self._as_accountant("res.users")._get_activity_groups()
        entry = next(group for group in groups if group["type"] == "recovery")
        self.assertEqual(entry["name"], "Ma journée de recouvrement")
        self.assertEqual(entry["model"], "recovery.my.day")
        counts = self._day()["counts"]
        self.assertEqual(
            {
                section["key"]: section["count"]
                for section in entry["recovery_sections"]
            },
            {key: count for key, count in counts.items() if count},
        )
        self.assertEqual(entry["recovery_count"], sum(counts.values()))
        labels = {
            section["key"]: section["label"] for section in entry["recovery_sections"]
        }
        self.assertEqual(labels["to_validate"], "Mises en demeure à valider")
        # The call and the litigation file are activities already counted by
        # the badge: only the other tasks are added to it.
        self.assertEqual(
            entry["total_count"],
            counts["to_validate"] + counts["to_print"] + counts["disputes"],
        )

    def test_activity_menu_without_work(self):
        """No entry for an accountant with nothing to do today, nor for an
        employee outside accounting (and no access error in his top bar)."""
        idle = new_test_user(
            self.env,
            login="marc.compta",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
        )
        employee = new_test_user(
            self.env, login="lea.atelier", groups="base.group_user"
        )
        for user in idle | employee:
            with freeze_time("2026-03-31"):
                groups = (
                    self.env["res.users"]
                    .with_user(user)
                    .with_context(allowed_company_ids=self.company.ids)
                    ._get_activity_groups()
                )
            self.assertFalse([group for group in groups if group["type"] == "recovery"])
