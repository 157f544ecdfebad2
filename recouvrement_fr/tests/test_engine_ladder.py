# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecoveryCommon, d

DUE = d("2026-01-05")


@tagged("post_install", "-at_install")
class TestEngineLadder(RecoveryCommon):
    """La règle de l'échelle est la même en SQL (la relance de la nuit) et
    dans les champs de la facture (« prochaine relance », « à relancer ») :
    mêmes factures, même niveau, chaque jour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A first level 5 days after the due date: a step without a level
        # then waits 5 days (the former SQL waited 1).
        cls.level_email.days = 5
        Partner = cls.env["res.partner"]
        cls.partner_c = Partner.create(
            {"name": "Garnier SARL", "is_company": True, "recovery_blocked": True}
        )
        # Rule 8: customers whose stage holds their invoices.
        cls.partner_plan = Partner.create({"name": "Roux SAS", "is_company": True})
        cls.partner_lit = Partner.create({"name": "Faure SA", "is_company": True})
        cls.partner_hand = Partner.create({"name": "Blanc SARL", "is_company": True})
        cls.partner_hand.with_company(cls.company).recovery_stage_manual = "contentieux"
        cls.cases = {}

        def case(name, partner=None, **state):
            invoice = cls._invoice(partner or cls.partner_a, 100.0, DUE)
            if state:
                invoice.write(state)
            cls.cases[name] = invoice
            return invoice

        case("fresh")
        case(
            "on_email",
            recovery_level_id=cls.level_email.id,
            recovery_stage="amiable",
            recovery_last_date=DUE + timedelta(6),
        )
        case("step_without_level", recovery_last_date=DUE + timedelta(20))
        case("blocked_invoice", recovery_blocked=True)
        case("blocked_customer", partner=cls.partner_c)
        case("payment_plan", partner=cls.partner_plan, recovery_stage="payment_plan")
        case("new_under_plan", partner=cls.partner_plan)
        case("new_in_litigation", partner=cls.partner_lit)
        case("new_in_litigation_by_hand", partner=cls.partner_hand)
        case(
            "top",
            partner=cls.partner_lit,
            recovery_level_id=cls.level_legal.id,
            recovery_stage="contentieux",
            recovery_last_date=DUE + timedelta(2),
        )
        letter = case(
            "letter_to_post",
            recovery_level_id=cls.level_letter.id,
            recovery_stage="amiable",
            recovery_last_date=DUE + timedelta(3),
        )
        cls._event(letter, cls.level_letter, "to_print")
        posted = case(
            "letter_posted",
            recovery_level_id=cls.level_letter.id,
            recovery_stage="amiable",
            recovery_last_date=DUE + timedelta(3),
        )
        # An old step never printed, then a newer one carried out: the latest
        # one counts.
        cls._event(posted, cls.level_email, "to_print")
        cls._event(posted, cls.level_letter, "done")
        notice = case(
            "notice_to_validate",
            recovery_level_id=cls.level_med.id,
            recovery_stage="mise_en_demeure",
            recovery_last_date=DUE + timedelta(4),
        )
        cls._event(notice, cls.level_med, "to_validate")

    @classmethod
    def _event(cls, invoice, level, state):
        return cls.env["recovery.event"].create(
            {
                "company_id": cls.company.id,
                "partner_id": invoice.commercial_partner_id.id,
                "level_id": level.id,
                "channel": level.channel,
                "state": state,
                "date": DUE,
                "move_ids": [(6, 0, invoice.ids)],
            }
        )

    def _sql_due(self, today):
        """{invoice id: level id} of the nightly run's candidates."""
        self.env.flush_all()
        self.env.cr.execute(
            self.env["recovery.engine"]._candidates_sql(
                today, self.company.ids, move_ids=self.moves.ids
            )
        )
        return {row["id"]: row["level_id"] for row in self.env.cr.dictfetchall()}

    def _fields_due(self):
        self.moves.invalidate_recordset(
            ["recovery_is_due", "recovery_next_date", "recovery_next_level_id"]
        )
        return {
            move.id: move.recovery_next_level_id.id
            for move in self.moves
            if move.recovery_is_due
        }

    @property
    def moves(self):
        return self.env["account.move"].union(*self.cases.values())

    def test_sql_and_fields_agree_day_after_day(self):
        seen = set()
        for offset in range(-3, 80):
            today = DUE + timedelta(offset)
            with freeze_time(today):
                fields_due = self._fields_due()
                searched = self.env["account.move"].search(
                    [("recovery_is_due", "=", True), ("id", "in", self.moves.ids)]
                )
                not_searched = self.env["account.move"].search(
                    [("recovery_is_due", "!=", True), ("id", "in", self.moves.ids)]
                )
            sql_due = self._sql_due(today)
            self.assertEqual(sql_due, fields_due, today)
            self.assertEqual(set(searched.ids), set(sql_due), today)
            self.assertEqual(searched | not_searched, self.moves, today)
            seen |= set(sql_due)
        names = {move.id: name for name, move in self.cases.items()}
        self.assertEqual(
            {names[move_id] for move_id in seen},
            {"fresh", "on_email", "step_without_level", "letter_posted"},
            "the blocked, waiting and finished ones never climb",
        )

    def test_next_date_is_the_first_day_sql_moves_it(self):
        for name in ("fresh", "on_email", "step_without_level", "letter_posted"):
            move = self.cases[name]
            with freeze_time(DUE):
                when = move.recovery_next_date
                level = move.recovery_next_level_id
            self.assertTrue(when, name)
            self.assertNotIn(move.id, self._sql_due(when - timedelta(1)), name)
            self.assertEqual(self._sql_due(when).get(move.id), level.id, name)

    def test_step_without_level_waits_the_first_level_delay(self):
        """Decided: a step recorded without a level is the start of the ladder,
        so the first level comes its days after it, in SQL as in the fields."""
        move = self.cases["step_without_level"]
        with freeze_time(DUE):
            self.assertEqual(move.recovery_next_date, DUE + timedelta(25))
            self.assertEqual(move.recovery_next_level_id, self.level_email)
        self.assertNotIn(move.id, self._sql_due(DUE + timedelta(24)))
        self.assertIn(move.id, self._sql_due(DUE + timedelta(25)))

    def test_waiting_step_blocks_until_carried_out(self):
        move = self.cases["letter_to_post"]
        later = DUE + timedelta(70)
        self.assertNotIn(move.id, self._sql_due(later))
        with freeze_time(later):
            self.assertFalse(move.recovery_is_due)
            self.assertFalse(move.recovery_next_date)
        self._post_letters(move, DUE + timedelta(10))
        self.assertEqual(self._sql_due(later).get(move.id), self.level_med.id)
        with freeze_time(later):
            move.invalidate_recordset(["recovery_is_due", "recovery_next_level_id"])
            self.assertTrue(move.recovery_is_due)
            self.assertEqual(move.recovery_next_level_id, self.level_med)

    def test_the_due_filter_lists_what_the_night_will_escalate(self):
        """ "Due for escalation" in the invoice list finds the invoices the
        nightly run would move today, and its negation the others."""
        later = DUE + timedelta(25)
        due = set(self._sql_due(later))
        self.assertTrue(due)
        Move = self.env["account.move"]
        with freeze_time(later):
            found = Move.search(
                [("recovery_is_due", "=", True), ("id", "in", self.moves.ids)]
            )
            others = Move.search(
                [("recovery_is_due", "!=", True), ("id", "in", self.moves.ids)]
            )
        self.assertEqual(set(found.ids), due)
        self.assertEqual(set(others.ids), set(self.moves.ids) - due)
