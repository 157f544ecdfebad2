# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

import psycopg2

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date, formatLang
from odoo.tools.translate import LazyTranslate

from ..core import (
    MissingRateError,
    advise_procedure,
    check_payment_terms,
    compute_prescription,
    fixed_indemnity,
    indemnity_barred_by_insolvency,
    is_prescription_near,
    late_penalties,
    legal_interest,
    public_late_interest,
    public_prescription,
)
from ..core import (
    ladder as ladder_rule,
)
from .recovery_event import BLOCKING_STATES, CARRIED_OUT_STATES

RECOVERY_STAGES = [
    ("none", "Not in recovery"),
    ("amiable", "Amicable"),
    ("mise_en_demeure", "Formal notice"),
    ("contentieux", "Litigation"),
    ("payment_plan", "Payment plan"),
    ("dispute", "Disputed"),
    ("declaration", "Claim to declare (insolvency)"),
    ("recovered", "Recovered"),
    ("irrecoverable", "Irrecoverable"),
]
# Stages left as "recovered" when the invoice gets paid.
OPEN_RECOVERY_STAGES = (
    "amiable",
    "mise_en_demeure",
    "contentieux",
    "payment_plan",
    "dispute",
    "declaration",
)
PAID_STATES = ("paid", "in_payment", "reversed")
# Fields of account.move kept in recovery.move.state.
RECOVERY_STATE_FIELDS = {"recovery_level_id", "recovery_stage", "recovery_last_date"}


def create_recovery_states(cr, uid, move_ids=None):
    """Give a recovery state to the customer invoices that have none (all of
    them, or those of ``move_ids``); one statement, for installs and upgrades
    on large databases as for a few invoices."""
    where = (
        SQL("AND m.id = ANY(%s)", list(move_ids))
        if move_ids is not None
        else SQL("AND m.move_type = 'out_invoice'")
    )
    cr.execute(
        SQL(
            """
            WITH new AS (
                INSERT INTO recovery_move_state (
                    move_id, company_id, stage,
                    create_uid, create_date, write_uid, write_date)
                SELECT m.id, m.company_id, 'none', %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM account_move m
                 WHERE m.recovery_state_id IS NULL %(where)s
                   AND NOT EXISTS (
                       SELECT 1 FROM recovery_move_state s WHERE s.move_id = m.id)
                ON CONFLICT (move_id) DO NOTHING
                RETURNING id, move_id
            )
            UPDATE account_move m SET recovery_state_id = new.id
              FROM new WHERE m.id = new.move_id
            """,
            uid=uid,
            where=where,
        )
    )


def _rung(level):
    """A recovery.level as core/ladder.py sees it."""
    return ladder_rule.Level(level.id, level.sequence, level.days)


PROCEDURES = [
    ("declare_claim", "Declare the claim (insolvency)"),
    ("amicable_first", "Send a formal notice first"),
    ("petites_creances", "Simplified small-claims procedure"),
    ("injonction_de_payer", "Order for payment (injonction de payer)"),
    ("refere_provision", "Interim payment (référé-provision)"),
    ("assignation", "Summons on the merits (assignation)"),
    ("mediation", "Mediation"),
]
# A written claim sent (loi 68-1250 art. 2): e-mail, letter or LRAR carried
# out. The states a sent claim may have (current and announced ones).
WRITTEN_CHANNELS = ("email", "letter", "lrar")
WRITTEN_CLAIM_STATES = ("done", "sent", "posted", "received")
_lt = LazyTranslate(__name__)
COURTS = {
    "tribunal_de_commerce": _lt("Commercial court (tribunal de commerce)"),
    "tribunal_judiciaire": _lt("Civil court (tribunal judiciaire)"),
    "tribunal_administratif": _lt("Administrative court (tribunal administratif)"),
    "commissaire_de_justice": _lt("Commissaire de justice (ex-huissier)"),
    "mandataire_judiciaire": _lt("Mandataire judiciaire"),
    "mediateur_des_entreprises": _lt("Médiateur des entreprises"),
    "conciliateur_de_justice": _lt("Conciliateur de justice"),
}


class AccountMove(models.Model):
    _inherit = "account.move"

    # The ladder state lives in recovery.move.state (see there why).
    recovery_state_id = fields.Many2one(
        "recovery.move.state",
        string="Recovery state",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    # Writable by code (readonly=False); the views show them read-only.
    recovery_level_id = fields.Many2one(
        related="recovery_state_id.level_id", string="Recovery level", readonly=False
    )
    recovery_stage = fields.Selection(
        related="recovery_state_id.stage",
        string="Recovery stage",
        readonly=False,
        tracking=True,
    )
    recovery_last_date = fields.Date(
        related="recovery_state_id.last_date",
        string="Last step decided",
        readonly=False,
    )
    recovery_last_sent_date = fields.Date(
        related="recovery_state_id.last_sent_date", string="Last recovery step"
    )
    recovery_next_date = fields.Date(
        string="Next recovery step", compute="_compute_recovery_next"
    )
    recovery_next_level_id = fields.Many2one(
        "recovery.level", string="Next level", compute="_compute_recovery_next"
    )
    recovery_blocked = fields.Boolean(
        string="Recovery blocked",
        copy=False,
        tracking=True,
        help="The recovery ladder skips this invoice (dispute, agreement...).",
    )
    recovery_block_reason = fields.Char(string="Blocking reason", copy=False)
    recovery_event_ids = fields.Many2many(
        "recovery.event",
        relation="recovery_event_account_move_rel",
        column1="move_id",
        column2="event_id",
        string="Recovery communications",
        copy=False,
        readonly=True,
    )
    recovery_event_count = fields.Integer(compute="_compute_recovery_event_count")
    days_overdue = fields.Integer(compute="_compute_days_overdue")
    recovery_is_due = fields.Boolean(
        string="Due for escalation",
        compute="_compute_recovery_next",
        search="_search_recovery_is_due",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("recovery_event_ids")
    def _compute_recovery_event_count(self):
        for move in self:
            move.recovery_event_count = len(move.recovery_event_ids)

    @api.depends("invoice_date_due")
    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            due = move.invoice_date_due
            move.days_overdue = (
                (today - due).days if due and move.amount_residual else 0
            )

    # ------------------------------------------------------------
    # LADDER: next step (the rule of core/ladder.py)
    # ------------------------------------------------------------

    @api.depends(
        "recovery_level_id",
        "recovery_last_date",
        "invoice_date_due",
        "recovery_stage",
        "recovery_event_ids.state",
        "recovery_block_until",
        "commercial_partner_id.recovery_block_until",
        "commercial_partner_id.recovery_insolvency",
        "commercial_partner_id.recovery_stage_manual",
    )
    def _compute_recovery_next(self):
        today = fields.Date.context_today(self)
        levels = self.env["recovery.level"].search(
            [("company_id", "in", self.company_id.ids)],
            order="company_id, sequence, id",
        )
        ladders = {}
        for level in levels:
            ladders.setdefault(level.company_id.id, []).append(_rung(level))
        waiting = self._recovery_waiting_ids()
        customer_stages = self.env["recovery.customer.stage"]._stages(
            self.commercial_partner_id, self.company_id
        )
        for move in self:
            ladder = ladders.get(move.company_id.id, [])
            position = move._recovery_position(
                move.id in waiting,
                customer_stages.get(
                    (move.commercial_partner_id.id, move.company_id.id), "none"
                ),
            )
            nxt, date = ladder_rule.next_step(ladder, position)
            move.recovery_next_level_id = nxt.id if nxt else False
            move.recovery_next_date = date or False
            move.recovery_is_due = bool(ladder_rule.is_due(ladder, position, today))

    def _recovery_position(self, waiting, customer_stage="none"):
        """The facts core/ladder.py needs about this invoice."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return ladder_rule.Position(
            due_date=self.invoice_date_due or None,
            level=_rung(self.recovery_level_id) if self.recovery_level_id else None,
            last_date=self.recovery_last_date or None,
            stage=self.recovery_stage or "none",
            open=(
                self.move_type == "out_invoice"
                and self.state == "posted"
                and self.payment_state in ("not_paid", "partial")
                and self.amount_residual > 0
            ),
            blocked=bool(
                self.recovery_blocked
                or partner.recovery_blocked
                or partner.recovery_insolvency
            ),
            waiting=waiting,
            paused_until=max(
                filter(None, (self.recovery_block_until, partner.recovery_block_until)),
                default=None,
            ),
            customer_stage=customer_stage,
        )

    def _recovery_waiting_ids(self):
        """Ids of the invoices of ``self`` whose latest event is on its way."""
        ids = [move_id for move_id in self.ids if isinstance(move_id, int)]
        if not ids:
            return set()
        self.env["recovery.event"].flush_model(["state"])
        self.browse(ids).flush_recordset(["recovery_event_ids"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (r.move_id) r.move_id, e.state
                  FROM recovery_event_account_move_rel r
                  JOIN recovery_event e ON e.id = r.event_id
                 WHERE r.move_id = ANY(%s)
                 ORDER BY r.move_id, r.event_id DESC
                """,
                ids,
            )
        )
        return {
            move_id
            for move_id, state in self.env.cr.fetchall()
            if state in BLOCKING_STATES
        }

    def _search_recovery_is_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        due = self.env["recovery.engine"]._candidates_sql(
            fields.Date.context_today(self), self.env.companies.ids
        )
        positive = (operator == "=") == value
        return [
            (
                "id",
                "in" if positive else "not in",
                SQL("(SELECT c.id FROM (%s) c)", due),
            )
        ]

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if RECOVERY_STATE_FIELDS.intersection(vals):
            self._recovery_ensure_states()
        return super().write(vals)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda m: m.move_type == "out_invoice"
        )._recovery_ensure_states()
        return posted

    def _recovery_ensure_states(self):
        """Give a recovery state to the invoices of ``self`` that have none."""
        missing = self.filtered(lambda m: not m.recovery_state_id)
        if missing:
            self.env.flush_all()
            create_recovery_states(self.env.cr, self.env.uid, missing.ids)
            missing.invalidate_recordset(["recovery_state_id"])

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _recovery_ensure_access_tokens(self):
        """Give the portal access token to the invoices that have none, in one
        statement (``get_portal_url`` would write them one by one)."""
        missing = self.filtered(lambda m: not m.access_token)
        if missing:
            self.env.cr.execute(
                "UPDATE account_move SET access_token = gen_random_uuid()::text "
                "WHERE id = ANY(%s) AND access_token IS NULL",
                [missing.ids],
            )
            missing.invalidate_recordset(["access_token"])

    def _recovery_list_action(self):
        """The customer invoices list showing the invoices of ``self``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_recovery_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_event_action"
        )
        action["domain"] = [("move_ids", "in", self.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------
    # FRENCH LAW: WHAT IS OWED TODAY (computed by core/)
    # ------------------------------------------------------------

    recovery_is_b2b = fields.Boolean(related="commercial_partner_id.recovery_is_b2b")
    recovery_penalty_amount = fields.Monetary(
        string="Late-payment penalties", compute="_compute_recovery_claim"
    )
    recovery_indemnity_amount = fields.Monetary(
        string="Recovery indemnity", compute="_compute_recovery_claim"
    )
    recovery_interest_amount = fields.Monetary(
        string="Legal interest", compute="_compute_recovery_claim"
    )
    recovery_total_claim = fields.Monetary(
        string="Total claim", compute="_compute_recovery_claim"
    )
    recovery_claim_detail = fields.Text(
        string="Computation", compute="_compute_recovery_claim"
    )
    recovery_law_warning = fields.Char(compute="_compute_recovery_claim")
    recovery_prescription_date = fields.Date(
        string="Prescription", compute="_compute_recovery_claim"
    )
    recovery_prescription_near = fields.Boolean(compute="_compute_recovery_claim")
    recovery_procedure = fields.Selection(
        PROCEDURES, string="Recommended procedure", compute="_compute_recovery_claim"
    )
    recovery_procedure_explanation = fields.Text(
        string="Why this procedure", compute="_compute_recovery_claim"
    )
    recovery_payment_term_warning = fields.Char(
        string="Payment terms", compute="_compute_recovery_claim"
    )
    recovery_penalty_line_ids = fields.One2many(
        "account.move.line",
        "recovery_penalty_origin_id",
        string="Penalty invoice lines",
        readonly=True,
    )
    recovery_prescription_note = fields.Char(
        string="Prescription counted from", compute="_compute_recovery_claim"
    )
    # Facts the law needs and the invoice alone cannot tell (plain columns).
    recovery_acknowledgement_date = fields.Date(
        string="Written acknowledgement",
        copy=False,
        tracking=True,
        help="Date of a written acknowledgement of this debt by the customer: "
        "it interrupts prescription (Code civil 2240).",
    )
    recovery_judgment_date = fields.Date(
        string="Judgment enforceable on",
        copy=False,
        tracking=True,
        help="Date the court decision ordering payment became enforceable: the "
        "legal rate is increased by 5 points two months later (Code monétaire "
        "et financier L313-3) and the decision can be enforced for 10 years "
        "(Code des procédures civiles d'exécution L111-4).",
    )
    recovery_periodic_invoice = fields.Boolean(
        string="Periodic invoice",
        copy=False,
        help="A periodic (summary) invoice: at most 45 days from its date "
        "(Code de commerce L441-10 I).",
    )

    @api.depends(
        "amount_residual",
        "invoice_date_due",
        "delivery_date",
        "commercial_partner_id",
        "recovery_event_ids.state",
        "recovery_penalty_line_ids.parent_state",
        "recovery_acknowledgement_date",
        "recovery_judgment_date",
        "recovery_periodic_invoice",
        "recovery_plan_ids.signed_date",
    )
    def _compute_recovery_claim(self):
        today = fields.Date.context_today(self)
        table = self.env["recovery.rate"]._get_rate_table()
        for move in self:
            claim = move._recovery_claim(today, table)
            move.recovery_penalty_amount = claim["penalty"]
            move.recovery_indemnity_amount = claim["indemnity"]
            move.recovery_interest_amount = claim["interest"]
            move.recovery_total_claim = claim["total"]
            move.recovery_claim_detail = claim["detail"]
            move.recovery_law_warning = claim["warning"]
            move.recovery_prescription_date = (
                claim["prescription"] and claim["prescription"].expiry_date
            )
            move.recovery_prescription_near = bool(
                claim["prescription"]
                and is_prescription_near(today, claim["prescription"])
            )
            move.recovery_prescription_note = move._recovery_prescription_text(
                claim["prescription"]
            )
            advice = claim["advice"]
            move.recovery_procedure = advice and advice.code
            move.recovery_procedure_explanation = advice and move._recovery_explain(
                advice
            )
            move.recovery_payment_term_warning = claim["term_warning"]

    def _recovery_reconciliations(self):
        """(date, amount in invoice currency, debtor's act) of each
        reconciliation of this invoice, read once per invoice.

        Only the debtor's acts interrupt prescription (C. civ. 2240): a
        payment or a bank statement line, not a credit note, a write-off or
        an exchange difference entry.
        """
        self.ensure_one()
        partials, _exchange = self._get_reconciled_invoices_partials()
        return [
            (
                line.date,
                amount,
                bool(line.move_id.origin_payment_id or line.move_id.statement_line_id),
            )
            for _partial, amount, line in partials
        ]

    def _recovery_payments(self):
        """(date, amount in invoice currency) of each reconciliation."""
        return [(day, amount) for day, amount, _act in self._recovery_reconciliations()]

    def _recovery_debtor_payment_dates(self):
        """Dates of the customer's own payments on this invoice."""
        return [day for day, _amount, act in self._recovery_reconciliations() if act]

    def _recovery_acknowledgement_dates(self, reconciliations=None):
        """The debtor's acknowledgements (C. civ. 2240): payments, signed
        payment plans, a written acknowledgement recorded on the invoice."""
        self.ensure_one()
        if reconciliations is None:
            reconciliations = self._recovery_reconciliations()
        dates = [day for day, _amount, act in reconciliations if act]
        dates += [
            plan.signed_date
            for plan in self.recovery_plan_ids
            if plan.signed_date and plan.state != "cancelled"
        ]
        if self.recovery_acknowledgement_date:
            dates.append(self.recovery_acknowledgement_date)
        return dates

    def _recovery_is_penalty_invoice(self):
        """A penalty invoice bills penalties and indemnities: it may be
        reminded, but it never accrues any (no interest on interest outside
        Code civil 1343-2, no indemnity on an indemnity)."""
        self.ensure_one()
        return bool(self.invoice_line_ids.recovery_penalty_origin_id)

    def _recovery_notice_date(self):
        """Date of the first formal notice sent for this invoice, if any.

        Only a notice that left the company counts (posted, received, or an
        e-mail the server accepted): a letter still to post starts nothing.
        """
        self.ensure_one()
        notices = self.recovery_event_ids.filtered(
            lambda e: (
                e.level_id.stage == "mise_en_demeure" and e.state in CARRIED_OUT_STATES
            )
        ).sorted("date")
        first = notices[:1]
        return first and (first.lrar_sent_date or first.carried_out_date or first.date)

    def _recovery_billed(self):
        """(billed until per kind, indemnity billed) on posted penalty invoices."""
        self.ensure_one()
        posted = self.recovery_penalty_line_ids.filtered(
            lambda line: line.parent_state == "posted"
        )
        billed_until = {
            kind: max(
                posted.filtered(
                    lambda line, kind=kind: line.recovery_penalty_kind == kind
                ).mapped("recovery_penalty_until"),
                default=None,
            )
            for kind in ("penalty", "interest")
        }
        indemnity_billed = any(
            line.recovery_penalty_kind == "indemnity" for line in posted
        )
        return billed_until, indemnity_billed

    def _recovery_accrue(self, at_date, rate_table, payments, billed_until):
        """(penalty lines, interest lines) accrued on this invoice at ``at_date``.

        Public buyer: moratory interest at ECB + 8 fixed for the delay (CCP
        R2192-31); business: L441-10 penalties; consumer: legal interest from
        the formal notice, + 5 points after a judgment (CMF L313-3).
        """
        partner = self.commercial_partner_id
        penalty_lines = interest_lines = ()
        if partner.recovery_is_b2b and self.invoice_date_due < at_date:
            until = at_date
            if partner.recovery_insolvency and partner.recovery_insolvency_date:
                # Interest stops at the opening judgment (L622-28).
                until = min(until, partner.recovery_insolvency_date)
            if partner.recovery_is_public:
                penalty_lines = public_late_interest(
                    self.amount_total,
                    self.invoice_date_due,
                    until,
                    rate_table,
                    payments=payments,
                    after=billed_until["penalty"],
                ).lines
            else:
                rate = (
                    partner.recovery_penalty_rate
                    or self.company_id.recovery_penalty_rate
                    or None
                )
                penalty_lines = late_penalties(
                    self.amount_total,
                    self.invoice_date_due,
                    until,
                    rate_table,
                    payments=payments,
                    contractual_rate=rate,
                    after=billed_until["penalty"],
                ).lines
        notice_date = self._recovery_notice_date()
        if (
            not partner.recovery_is_b2b
            and notice_date
            and notice_date < at_date
            and self.amount_residual
        ):
            interest_lines = legal_interest(
                self.amount_total,
                notice_date,
                at_date,
                rate_table,
                payments=payments,
                judgment_enforceable_date=self.recovery_judgment_date or None,
                after=billed_until["interest"],
            ).lines
        return penalty_lines, interest_lines

    def _recovery_indemnity(self, late, payments):
        """The 40 EUR of this invoice (L441-10 II, D441-5; CCP D2192-35)."""
        partner = self.commercial_partner_id
        # Not due only when the opening judgment came before the due date.
        barred = bool(partner.recovery_insolvency) and (
            not partner.recovery_insolvency_date
            or indemnity_barred_by_insolvency(
                self.invoice_date_due, partner.recovery_insolvency_date
            )
        )
        # The indemnity is due for an invoice paid late too; only once.
        paid_late = any(
            pay_date > self.invoice_date_due for pay_date, _amount in payments
        )
        if not self.company_id.recovery_claim_indemnity or not (late or paid_late):
            return 0.0
        return float(fixed_indemnity(partner.recovery_is_b2b, barred, 1).total)

    def _recovery_written_claim_dates(self):
        """Dates of the written claims sent for this invoice (reminders,
        formal notices): they interrupt the prescription of a claim on a
        public person (loi 68-1250, art. 2), not the others."""
        self.ensure_one()
        return [
            event.lrar_sent_date or event.date
            for event in self.recovery_event_ids
            if event.channel in WRITTEN_CHANNELS and event.state in WRITTEN_CLAIM_STATES
        ]

    def _recovery_prescription(self, reconciliations=None):
        """Prescription of this invoice from the facts the records know."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if partner.recovery_is_public and not self.recovery_judgment_date:
            return public_prescription(
                self.delivery_date or self.invoice_date or self.invoice_date_due,
                acknowledgement_dates=self._recovery_acknowledgement_dates(
                    reconciliations
                ),
                written_claim_dates=self._recovery_written_claim_dates(),
            )
        suspensions = []
        if partner.recovery_mediation_start:
            end = partner.recovery_mediation_end or fields.Date.context_today(self)
            suspensions.append((partner.recovery_mediation_start, end))
        return compute_prescription(
            partner.recovery_is_b2b,
            self.invoice_date_due,
            self.invoice_date or self.invoice_date_due,
            acknowledgement_dates=self._recovery_acknowledgement_dates(reconciliations),
            delivery_date=self.delivery_date or None,
            suspensions=suspensions,
            judgment_date=self.recovery_judgment_date or None,
        )

    def _recovery_term_warning(self):
        """The payment-term warning for a business or public debtor, or False."""
        self.ensure_one()
        partner = self.commercial_partner_id
        invoice_date = self.invoice_date or self.invoice_date_due
        warning = check_payment_terms(
            invoice_date,
            self.invoice_date_due,
            periodic=self.recovery_periodic_invoice,
            public=partner.recovery_is_public,
            public_health=partner.recovery_public_health,
            is_business=partner.recovery_is_b2b,
        )
        if not warning:
            return False
        if partner.recovery_is_public:
            return _(
                "Due date beyond the public buyers' payment term (30 days, 50 for "
                "public health establishments, Code de la commande publique "
                "R2192-10 and R2192-11): at the latest %(date)s.",
                date=format_date(self.env, warning.limit_date),
            )
        if self.recovery_periodic_invoice:
            return _(
                "Due date beyond the legal maximum for a periodic invoice (45 days "
                "from the invoice date, Code de commerce L441-10): at the latest "
                "%(date)s.",
                date=format_date(self.env, warning.limit_date),
            )
        return _(
            "Due date beyond the legal maximum (60 days from the invoice date or "
            "45 days end of month, Code de commerce L441-10): at the latest "
            "%(date)s.",
            date=format_date(self.env, warning.limit_date),
        )

    def _recovery_claim(self, at_date, rate_table=None):
        """What the customer owes on this invoice at ``at_date``, per French law.

        Penalties and the 40 EUR indemnity for a business (L441-10), interest
        at ECB + 8 and 40 EUR for a public buyer (CCP), legal interest from
        the formal notice for a consumer (C. civ. 1231-6); what was already
        billed on a penalty invoice is not counted again, and a penalty
        invoice accrues nothing.
        """
        self.ensure_one()
        rate_table = rate_table or self.env["recovery.rate"]._get_rate_table()
        currency = self.currency_id
        partner = self.commercial_partner_id
        result = {
            "principal": self.amount_residual,
            "penalty": 0.0,
            "penalty_lines": (),
            "indemnity": 0.0,
            "interest": 0.0,
            "interest_lines": (),
            "detail": False,
            "warning": False,
            "prescription": False,
            "advice": False,
            "term_warning": False,
        }
        if (
            self.move_type != "out_invoice"
            or self.state != "posted"
            or not self.invoice_date_due
        ):
            result["total"] = self.amount_residual
            return result
        reconciliations = self._recovery_reconciliations()
        payments = [(day, amount) for day, amount, _act in reconciliations]
        late = self.invoice_date_due < at_date
        penalty_invoice = self._recovery_is_penalty_invoice()
        billed_until, indemnity_billed = self._recovery_billed()
        try:
            if not penalty_invoice:
                penalty_lines, interest_lines = self._recovery_accrue(
                    at_date, rate_table, payments, billed_until
                )
                result["penalty_lines"] = penalty_lines
                result["interest_lines"] = interest_lines
                result["penalty"] = currency.round(
                    float(sum(line.amount for line in penalty_lines))
                )
                result["interest"] = currency.round(
                    float(sum(line.amount for line in interest_lines))
                )
        except MissingRateError as error:
            result["warning"] = self._recovery_missing_rate_message(error)
        if not penalty_invoice and not indemnity_billed:
            result["indemnity"] = self._recovery_indemnity(late, payments)
        result["total"] = currency.round(
            self.amount_residual
            + result["penalty"]
            + result["indemnity"]
            + result["interest"]
        )
        result["detail"] = self._recovery_claim_detail(result)
        result["prescription"] = self._recovery_prescription(reconciliations)
        result["advice"] = advise_procedure(
            Decimal(str(result["total"])),
            debtor_is_business=partner.recovery_is_b2b,
            debtor_is_merchant=partner.recovery_is_merchant,
            creditor_is_merchant=self.company_id.recovery_is_merchant,
            disputed=self.recovery_blocked or self.recovery_stage == "dispute",
            insolvent=bool(partner.recovery_insolvency),
            mise_en_demeure_sent=bool(self._recovery_notice_date()),
            debtor_is_public=partner.recovery_is_public,
        )
        result["term_warning"] = self._recovery_term_warning()
        return result

    def _recovery_missing_rate_message(self, error):
        return _(
            "The %(kind)s rate of %(semester)s is missing: enter it under "
            "Accounting > Configuration > Recovery > Reference rates.",
            kind=dict(
                self.env["recovery.rate"]
                ._fields["kind"]
                ._description_selection(self.env)
            )[error.kind],
            semester=error.semester_label,
        )

    def _recovery_fmt_amount(self, amount):
        """An amount as the reader writes it: "5 750,40 €" in French."""
        return format_amount(self.env, float(amount), self.currency_id)

    def _recovery_fmt_rate(self, rate):
        """A rate as the reader writes it: "12,15" in French."""
        return formatLang(self.env, float(rate), digits=2)

    def _recovery_claim_detail(self, claim):
        """Plain-text computation, line by line, in the reader's formats:
        "5 750,40 € × 12,15 % × 45/365 = 86,14 €"."""
        public = self.commercial_partner_id.recovery_is_public
        lines = []
        for kind, claim_lines in (
            ("penalty", claim["penalty_lines"]),
            ("interest", claim["interest_lines"]),
        ):
            for line in claim_lines:
                values = {
                    "start": format_date(self.env, line.date_from),
                    "end": format_date(self.env, line.date_to),
                    "base": self._recovery_fmt_amount(line.base),
                    "rate": self._recovery_fmt_rate(line.rate),
                    "days": line.days,
                    "basis": line.day_basis,
                    "amount": self._recovery_fmt_amount(line.amount),
                }
                if kind == "interest":
                    text = _(
                        "Legal interest from %(start)s to %(end)s: %(base)s × "
                        "%(rate)s %% × %(days)s/%(basis)s = %(amount)s",
                        **values,
                    )
                elif public:
                    text = _(
                        "Moratory interest from %(start)s to %(end)s: %(base)s × "
                        "%(rate)s %% × %(days)s/%(basis)s = %(amount)s",
                        **values,
                    )
                else:
                    text = _(
                        "Penalties from %(start)s to %(end)s: %(base)s × %(rate)s "
                        "%% × %(days)s/%(basis)s = %(amount)s",
                        **values,
                    )
                lines.append(text)
        if claim["indemnity"]:
            lines.append(
                _(
                    "Fixed recovery indemnity (%(article)s): %(amount)s",
                    article="Code de la commande publique D2192-35"
                    if public
                    else "Code de commerce D441-5",
                    amount=self._recovery_fmt_amount(claim["indemnity"]),
                )
            )
        return "\n".join(lines) or False

    def _recovery_prescription_text(self, prescription):
        """Where the prescription is counted from, in the user's language."""
        if not prescription:
            return False
        day = format_date(self.env, prescription.start_date)
        texts = {
            "due_date": _(
                "5 years from the due date, %(date)s (Code de commerce L110-4)",
                date=day,
            ),
            "delivery_date": _(
                "2 years from the delivery or completion of the service, %(date)s "
                "(Code de la consommation L218-2)",
                date=day,
            ),
            "invoice_date": _(
                "2 years from the invoice date, %(date)s: the delivery or service "
                "date is not known (Code de la consommation L218-2)",
                date=day,
            ),
            "acknowledgement": _(
                "%(years)s years from the customer's acknowledgement of %(date)s "
                "(Code civil 2240)",
                years=prescription.years,
                date=day,
            ),
            "judgment": _(
                "10 years from the judgment enforceable on %(date)s (Code des "
                "procédures civiles d'exécution L111-4)",
                date=day,
            ),
            "public": _(
                "4 years from %(date)s, the 1 January after the service or after "
                "the last written claim or payment (prescription quadriennale, loi "
                "n° 68-1250 du 31 décembre 1968)",
                date=day,
            ),
        }
        text = texts.get(prescription.start_basis, day)
        if prescription.suspended_days:
            text += _(
                "; extended by %(days)s days of mediation (Code civil 2238)",
                days=prescription.suspended_days,
            )
        return text

    def _recovery_explain(self, advice):
        """The advice's reasons in the user's language."""
        texts = {
            "debtor_insolvent": _(
                "The customer is under a collective procedure: individual actions are "
                "stayed (Code de commerce L622-21)."
            ),
            "declaration_deadline": _(
                "Declare the claim to the mandataire judiciaire within 2 months of "
                "the BODACC publication (L622-24)."
            ),
            "mise_en_demeure_not_sent": _(
                "No formal notice was sent yet: send one first (Code civil 1344)."
            ),
            "both_parties_merchants": _(
                "Both parties are merchants: the tribunal de commerce is competent "
                "(Code de commerce L721-3)."
            ),
            "not_between_merchants": _(
                "The parties are not both merchants: the tribunal judiciaire is "
                "competent."
            ),
            "creditor_may_choose_commercial_court": _(
                "The debtor is a merchant: you may also choose the tribunal de "
                "commerce."
            ),
            "prior_amicable_attempt_required": _(
                "Up to 5,000 EUR before the tribunal judiciaire, a prior attempt at "
                "amicable resolution is required (CPC 750-1): a conciliateur de "
                "justice, a mediation or a procédure participative. A formal notice "
                "does not count. The injonction de payer is exempt."
            ),
            "public_person_no_injonction": _(
                "The customer is a public person: no injonction de payer nor "
                "small-claims procedure can be used against it."
            ),
            "refere_provision_administratif": _(
                "The judge of référés of the tribunal administratif can order a "
                "provision when the debt is not seriously disputable (Code de "
                "justice administrative R541-1)."
            ),
            "administrative_court_merits": _(
                "A claim on the merits before the tribunal administratif."
            ),
            "claim_disputed": _("The claim is disputed."),
            "mediation_suspends_prescription": _(
                "Mediation is free and confidential and suspends prescription (Code "
                "civil 2238)."
            ),
            "obligation_not_seriously_disputable": _(
                "The obligation is not seriously disputable: the référé judge can "
                "order a provision (CPC 835 / 873)."
            ),
            "fast_procedure": _("A fast procedure: a few weeks."),
            "urgency": _("Urgent case."),
            "claim_undisputed": _("The claim is undisputed."),
            "no_hearing_no_lawyer": _(
                "A request without hearing nor lawyer (CPC 1405 and following)."
            ),
            "amount_above_threshold": _("The amount exceeds 5,000 EUR."),
            "amount_below_threshold": _(
                "The amount does not exceed 5,000 EUR (R125-1 CPCE)."
            ),
            "last_resort": _(
                "A summons on the merits: long and costly, for disputed or large "
                "claims."
            ),
            "contractual_claim": _("The claim arises from a contract."),
            "debtor_agreement_required": _(
                "Handled by a commissaire de justice (ex-huissier); the debtor must "
                "agree (L125-1 CPCE)."
            ),
        }
        labels = dict(
            self._fields["recovery_procedure"]._description_selection(self.env)
        )
        lines = [labels.get(advice.code, advice.code)]
        if advice.court:
            lines[0] += f" - {COURTS.get(advice.court, advice.court)}"
        lines += [f"- {texts.get(code, code)}" for code, _params in advice.reasons]
        partner = self.commercial_partner_id
        if advice.court in ("tribunal_de_commerce", "tribunal_judiciaire"):
            lines.append(
                _(
                    "- Merchant: %(answer)s. %(reason)s",
                    answer=_("yes") if partner.recovery_is_merchant else _("no"),
                    reason=partner.recovery_merchant_reason,
                )
            )
        if advice.alternatives:
            lines.append(
                _(
                    "Alternatives: %(list)s",
                    list=", ".join(
                        labels.get(alt.code, alt.code) for alt in advice.alternatives
                    ),
                )
            )
        return "\n".join(lines)

    # ------------------------------------------------------------
    # PENALTY INVOICE
    # ------------------------------------------------------------

    def action_recovery_bill_penalties(self):
        """Bill the penalties and indemnities due on these late invoices."""
        penalty_moves = self._recovery_bill_penalties(fields.Date.context_today(self))
        if not penalty_moves:
            raise UserError(
                _("Nothing to bill: no penalty nor indemnity is due on these invoices.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", penalty_moves.ids)]
        if len(penalty_moves) == 1:
            action.update(
                view_mode="form", res_id=penalty_moves.id, views=[(False, "form")]
            )
            message = _(
                "Penalty invoice %(invoice)s posted for %(customer)s: %(amount)s.",
                invoice=penalty_moves.name,
                customer=penalty_moves.partner_id.name,
                amount=format_amount(
                    self.env, penalty_moves.amount_total, penalty_moves.currency_id
                ),
            )
        else:
            message = _(
                "%(count)s penalty invoices posted: %(invoices)s.",
                count=len(penalty_moves),
                invoices=", ".join(penalty_moves.mapped("name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "next": action},
        }

    def _recovery_bill_penalties(self, at_date):
        """Create and post one penalty invoice per customer, outside the scope of VAT.

        Each line remembers the late invoice and the date its penalties are
        billed until, so that a period is never billed twice. The late
        invoices are locked while billing: a concurrent click fails cleanly.
        """
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        if not invoices:
            return self.browse()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM account_move WHERE id = ANY(%s) FOR UPDATE NOWAIT",
                    [invoices.ids],
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                _(
                    "These invoices are being billed by another user: try again in a "
                    "moment."
                )
            ) from error
        invoices.invalidate_recordset(["recovery_penalty_line_ids"])
        table = self.env["recovery.rate"]._get_rate_table()
        vals_list = []
        for (company, partner, currency), group in invoices.grouped(
            lambda m: (m.company_id, m.commercial_partner_id, m.currency_id)
        ).items():
            lines = []
            for invoice in group:
                lines += invoice._recovery_penalty_line_vals(at_date, table)
            if lines:
                vals_list.append(
                    group._recovery_penalty_invoice_vals(
                        company, partner, currency, at_date, lines
                    )
                )
        penalty_moves = self.create(vals_list)
        penalty_moves.action_post()
        return penalty_moves

    def _recovery_penalty_line_vals(self, at_date, rate_table):
        self.ensure_one()
        claim = self._recovery_claim(at_date, rate_table)
        if claim["warning"]:
            raise UserError(claim["warning"])
        account = (
            self.company_id.recovery_penalty_account_id
            or self.journal_id.default_account_id
        )
        common = {
            "quantity": 1,
            "tax_ids": [Command.clear()],
            "account_id": account.id,
            "recovery_penalty_origin_id": self.id,
        }
        lines = []
        public = self.commercial_partner_id.recovery_is_public
        if claim["penalty"] > 0:
            start = min(line.date_from for line in claim["penalty_lines"])
            end = max(line.date_to for line in claim["penalty_lines"])
            rates = sorted({line.rate for line in claim["penalty_lines"]})
            values = {
                "invoice": self.name,
                "start": format_date(self.env, start),
                "end": format_date(self.env, end),
                "rates": " / ".join(self._recovery_fmt_rate(rate) for rate in rates),
            }
            name = (
                _(
                    "Moratory interest on %(invoice)s from %(start)s to %(end)s at "
                    "%(rates)s %% (Code de la commande publique L2192-13, R2192-31)",
                    **values,
                )
                if public
                else _(
                    "Late-payment penalties on %(invoice)s from %(start)s to "
                    "%(end)s "
                    "at %(rates)s %% (Code de commerce L441-10)",
                    **values,
                )
            )
            lines.append(
                Command.create(
                    dict(
                        common,
                        name=name,
                        price_unit=claim["penalty"],
                        recovery_penalty_kind="penalty",
                        recovery_penalty_until=end,
                    )
                )
            )
        if claim["interest"] > 0:
            end = max(line.date_to for line in claim["interest_lines"])
            lines.append(
                Command.create(
                    dict(
                        common,
                        name=_(
                            "Legal interest on %(invoice)s from %(start)s to %(end)s "
                            "(Code civil 1231-6, 1344-1)",
                            invoice=self.name,
                            start=format_date(
                                self.env,
                                min(line.date_from for line in claim["interest_lines"]),
                            ),
                            end=format_date(self.env, end),
                        ),
                        price_unit=claim["interest"],
                        recovery_penalty_kind="interest",
                        recovery_penalty_until=end,
                    )
                )
            )
        if claim["indemnity"] > 0:
            lines.append(
                Command.create(
                    dict(
                        common,
                        name=_(
                            "Fixed recovery indemnity on %(invoice)s (%(article)s)",
                            invoice=self.name,
                            article="Code de la commande publique D2192-35"
                            if public
                            else "Code de commerce D441-5",
                        ),
                        price_unit=claim["indemnity"],
                        recovery_penalty_kind="indemnity",
                    )
                )
            )
        return lines

    def _recovery_penalty_invoice_vals(
        self, company, partner, currency, at_date, lines
    ):
        return {
            "move_type": "out_invoice",
            "company_id": company.id,
            "partner_id": partner.id,
            "currency_id": currency.id,
            "invoice_date": at_date,
            "invoice_origin": ", ".join(self.mapped("name")),
            "invoice_payment_term_id": False,
            "invoice_date_due": at_date,
            "narration": _(
                "Late-payment penalties and recovery indemnities are compensation: "
                "outside the scope of VAT."
            ),
            "invoice_line_ids": lines,
        }

    def _recovery_decompte(self, at_date=None):
        """Account of the sums due on these invoices at ``at_date``.

        One row per invoice (the claim of :meth:`_recovery_claim`) and the
        totals: what letters, statements and the dossier print.
        """
        at_date = fields.Date.to_date(at_date) or fields.Date.context_today(self)
        table = self.env["recovery.rate"]._get_rate_table()
        rows = [
            dict(move._recovery_claim(at_date, table), move=move)
            for move in self.sorted(lambda m: (m.invoice_date_due or at_date, m.id))
        ]
        result = {
            key: sum(row[key] for row in rows)
            for key in ("principal", "penalty", "indemnity", "interest", "total")
        }
        result.update(
            date=at_date,
            rows=rows,
            warning=next((row["warning"] for row in rows if row["warning"]), False),
        )
        return result

    # ------------------------------------------------------------
    # PAYMENT PLANS
    # ------------------------------------------------------------

    recovery_plan_ids = fields.Many2many(
        "recovery.plan",
        relation="recovery_plan_account_move_rel",
        column1="move_id",
        column2="plan_id",
        string="Payment plans",
        copy=False,
        readonly=True,
    )
    recovery_plan_count = fields.Integer(compute="_compute_recovery_plan_count")

    @api.depends("recovery_plan_ids")
    def _compute_recovery_plan_count(self):
        for move in self:
            move.recovery_plan_count = len(move.recovery_plan_ids)

    def action_view_recovery_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_fr.recovery_plan_action"
        )
        action["domain"] = [("id", "in", self.recovery_plan_ids.ids)]
        action["context"] = {"create": False}
        if len(self.recovery_plan_ids) == 1:
            action.update(
                view_mode="form",
                res_id=self.recovery_plan_ids.id,
                views=[(False, "form")],
            )
        return action

    # ------------------------------------------------------------
    # PAUSE UNTIL A DATE, PROMISES, CUSTOMER REQUESTS
    # ------------------------------------------------------------

    recovery_block_until = fields.Date(
        string="Recovery paused until",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The recovery ladder skips this invoice up to this date included; "
        "the block lifts itself the next day.",
    )
    recovery_block_until_reason = fields.Char(
        string="Pause reason", copy=False, tracking=True
    )
    recovery_partner_block_until = fields.Date(
        related="commercial_partner_id.recovery_block_until",
        string="Customer paused until",
    )
    recovery_partner_block_until_reason = fields.Char(
        related="commercial_partner_id.recovery_block_until_reason",
        string="Customer pause reason",
    )
    recovery_promise_ids = fields.Many2many(
        "recovery.promise",
        relation="recovery_promise_account_move_rel",
        column1="move_id",
        column2="promise_id",
        string="Promises to pay",
        copy=False,
        readonly=True,
    )
    recovery_request_ids = fields.One2many(
        "recovery.request", "move_id", string="Customer requests", readonly=True
    )

    def _recovery_is_paused(self, today):
        """True while the invoice or its customer is paused (``today`` included).

        The Python twin of the ladder's SQL conditions on ``recovery_block_until``.
        """
        self.ensure_one()
        return any(
            until and until >= today
            for until in (
                self.recovery_block_until,
                self.commercial_partner_id.recovery_block_until,
            )
        )

    def _recovery_set_block(self, until, reason):
        """Pause (``until`` a date) or resume (``until`` False) these invoices."""
        if self:
            self.sudo().write(
                {
                    "recovery_block_until": until or False,
                    "recovery_block_until_reason": reason or False,
                }
            )

    @api.model
    def _cron_recovery_lift_blocks(self, batch_size=500):
        """Lift the pauses whose date is over, invoices then customers; logged.

        Bounded: ``batch_size`` records a call, the cron is called again while
        some remain (``ir.cron._notify_progress``). Safe to run twice.
        """
        today = fields.Date.context_today(self)
        domain = [("recovery_block_until", "<", today)]
        done = 0
        remaining = 0
        for model in (self.sudo(), self.env["res.partner"].sudo()):
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
                group.with_context(lang=lang)._recovery_lift_block()
            done += len(records)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    def _recovery_lift_block(self):
        for move in self:
            move.message_post(
                body=_(
                    "Recovery pause until %(date)s lifted (%(reason)s): the "
                    "recovery ladder resumes.",
                    date=format_date(self.env, move.recovery_block_until),
                    reason=move.recovery_block_until_reason or _("no reason"),
                )
            )
        self._recovery_set_block(False, False)
