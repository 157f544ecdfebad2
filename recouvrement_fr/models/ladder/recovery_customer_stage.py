# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL, format_date

from ...core import ladder
from ...core.insolvency import DECLARATION_ARTICLES, STOP_ARTICLE
from ...core.vocabulary import DECLARATION_ACTIVITY, STOPPED_BY_INSOLVENCY
from ...tools.open_invoice import open_invoice_sql


class RecoveryCustomerStage(models.AbstractModel):
    """Rule 8 of the ladder (core/ladder.py): the stage of a customer holds
    its invoices.

    A service: the customer's stage (the most advanced of its open invoices,
    set by hand, or the claim to declare under insolvency), in SQL for the
    nightly run and for the screens; the invoices that join it; insolvency
    stopping every step.
    """

    _name = "recovery.customer.stage"
    _description = "Recovery Stage of a Customer"

    # ------------------------------------------------------------
    # THE CUSTOMER'S STAGE
    # ------------------------------------------------------------

    @api.model
    def _stages_sql(self, company_ids, stages=ladder.HOLDING_STAGES, partner_ids=None):
        """SQL of (partner_id, company_id, stage): the customers' stages in
        ``company_ids``, counting only ``stages`` (by default the holding
        ones: one scan of the narrow state table, unindexed on purpose so
        that the nightly updates stay in place)."""
        only = (
            SQL("AND p.id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL()
        )
        only_moves = (
            SQL("AND m.commercial_partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL()
        )
        order = list(ladder.CUSTOMER_STAGES)
        return SQL(
            """
            SELECT x.partner_id, x.company_id,
                   (%(order)s::varchar[])[MAX(ARRAY_POSITION(%(order)s::varchar[],
                                                             x.stage::varchar))]
                   AS stage
              FROM (
                SELECT m.commercial_partner_id AS partner_id, s.company_id, s.stage
                  FROM recovery_move_state s
                  JOIN account_move m ON m.id = s.move_id
                 WHERE s.stage IN %(stages)s
                   AND s.company_id = ANY(%(company_ids)s)
                   AND %(open_invoice)s %(only_moves)s
                UNION ALL
                SELECT p.id, c.id, p.recovery_stage_manual ->> c.id::text
                  FROM res_partner p
                  CROSS JOIN UNNEST(%(company_ids)s::int[]) AS c(id)
                 WHERE p.recovery_stage_manual IS NOT NULL
                   AND (p.recovery_stage_manual ->> c.id::text) IN %(stages)s
                   %(only)s
                UNION ALL
                SELECT p.id, c.id, 'declaration'
                  FROM res_partner p
                  CROSS JOIN UNNEST(%(company_ids)s::int[]) AS c(id)
                 WHERE p.recovery_insolvency IS NOT NULL %(only)s
              ) x
             GROUP BY x.partner_id, x.company_id
            """,
            order=order,
            stages=tuple(stages),
            company_ids=list(company_ids),
            open_invoice=open_invoice_sql("m"),
            only=only,
            only_moves=only_moves,
        )

    @api.model
    def _stages(self, partners, companies):
        """{(partner id, company id): stage} of ``partners`` (commercial
        entities) in ``companies``; customers not in recovery are left out.

        The facts in one query (the stages of each customer's open invoices,
        the stage set by hand, insolvency), the rule from
        ``core.ladder.customer_stage``: the screens and the invoices' next
        step read the rule itself; the nightly run's ``_stages_sql`` states
        it clause by clause in SQL, and ``test_customer_stage`` checks that
        both agree.
        """
        partner_ids = [pid for pid in partners.ids if isinstance(pid, int)]
        if not partner_ids or not companies:
            return {}
        self.env["recovery.move.state"].flush_model(["stage", "move_id", "company_id"])
        self.env["account.move"].flush_model(
            [
                "move_type",
                "state",
                "payment_state",
                "amount_residual",
                "commercial_partner_id",
            ]
        )
        self.env["res.partner"].flush_model(
            ["recovery_stage_manual", "recovery_insolvency"]
        )
        self.env.cr.execute(self._stage_facts_sql(companies.ids, partner_ids))
        stages = {}
        for (
            partner_id,
            company_id,
            invoice_stages,
            manual,
            insolvent,
        ) in self.env.cr.fetchall():
            stage = ladder.customer_stage(invoice_stages, manual, insolvent)
            if stage != "none":
                stages[partner_id, company_id] = stage
        return stages

    @api.model
    def _stage_facts_sql(self, company_ids, partner_ids):
        """SQL of (partner id, company id, stages of its open invoices, stage
        set by hand, insolvent): what rule 8 reads, per customer and company.

        The invoices' stages in one pass over the narrow state table (joined
        to the invoices by their key), as the nightly run reads them."""
        return SQL(
            """
            WITH inv AS (
                SELECT m.commercial_partner_id AS partner_id, s.company_id,
                       ARRAY_AGG(DISTINCT s.stage) AS stages
                  FROM recovery_move_state s
                  JOIN account_move m ON m.id = s.move_id
                 WHERE s.company_id = ANY(%(company_ids)s)
                   AND s.stage IN %(stages)s
                   AND m.commercial_partner_id = ANY(%(partner_ids)s)
                   AND %(open_invoice)s
                 GROUP BY m.commercial_partner_id, s.company_id
            )
            SELECT p.id, c.id, COALESCE(inv.stages, ARRAY[]::varchar[]),
                   p.recovery_stage_manual ->> c.id::text,
                   p.recovery_insolvency IS NOT NULL
              FROM res_partner p
             CROSS JOIN UNNEST(%(company_ids)s::int[]) AS c(id)
              LEFT JOIN inv ON inv.partner_id = p.id AND inv.company_id = c.id
             WHERE p.id = ANY(%(partner_ids)s)
            """,
            company_ids=list(company_ids),
            partner_ids=list(partner_ids),
            stages=ladder.CUSTOMER_STAGES,
            open_invoice=open_invoice_sql("m"),
        )

    # ------------------------------------------------------------
    # INVOICES JOINING THEIR CUSTOMER'S STAGE (nightly run)
    # ------------------------------------------------------------

    @api.model
    def _join_sql(self, company, today, partner_ids=None):
        """The open invoices of held customers that join the customer's
        stage today (``ladder.joining_stage``), moved there in one statement.

        Rows: move id, partner id, new stage. A raw UPDATE of
        ``recovery_move_state.stage``, the ladder's own narrow table (see its
        model): the ORM's write would recompute the stage it sets, one
        invoice at a time; the caller invalidates the caches and logs the
        moves on the invoices' chatter.
        """
        join = (company.recovery_held_invoices or ladder.JOIN) == ladder.JOIN
        only = (
            SQL("AND m.commercial_partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL()
        )
        return SQL(
            """
            WITH held AS MATERIALIZED (%(held)s)
            UPDATE recovery_move_state s
               SET stage = h.stage, write_uid = %(uid)s,
                   write_date = NOW() AT TIME ZONE 'UTC'
              FROM account_move m
              JOIN held h ON h.partner_id = m.commercial_partner_id
                         AND h.company_id = m.company_id
              JOIN res_partner p ON p.id = m.commercial_partner_id
             WHERE s.id = m.recovery_state_id
               AND m.company_id = %(company)s
               AND %(open_invoice)s
               AND COALESCE(s.stage, 'none') IN %(climbing)s
               AND CASE WHEN h.stage = 'declaration'
                        THEN p.recovery_insolvency_date IS NULL
                             OR m.invoice_date IS NULL
                             OR m.invoice_date <= p.recovery_insolvency_date
                        ELSE %(join)s
                             AND m.invoice_date_due < %(today)s
                             AND NOT COALESCE(m.recovery_blocked, FALSE)
                             AND NOT COALESCE(p.recovery_blocked, FALSE)
                   END %(only)s
            RETURNING m.id, m.commercial_partner_id, s.stage
            """,
            held=self._stages_sql([company.id], partner_ids=partner_ids),
            only=only,
            uid=self.env.uid,
            company=company.id,
            climbing=ladder.CLIMBING_STAGES,
            open_invoice=open_invoice_sql("m"),
            join=join,
            today=today,
        )

    @api.model
    def _join(self, company, today, partners=None):
        """Move the invoices that join their customer's stage today; log it
        on each invoice and tell the responsible. Returns the invoices."""
        self.env.flush_all()
        self.env.cr.execute(
            self._join_sql(company, today, partners.ids if partners else None)
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return self.env["account.move"]
        self.env["recovery.engine"]._invalidate_ladder_cache()
        moves = self.env["account.move"].browse([row[0] for row in rows])
        self._log_joined(company, moves)
        held = {partner_id for _id, partner_id, stage in rows if stage != "declaration"}
        self._plan_review(company, moves.filtered(lambda m: m.partner_id.id in held))
        return moves

    @api.model
    def _stage_labels(self):
        return dict(
            self.env["recovery.move.state"]
            ._fields["stage"]
            ._description_selection(self.env)
        )

    @api.model
    def _log_joined(self, company, moves):
        """One chatter note per invoice: it joined its customer's stage."""
        labels = self._stage_labels()
        # self.env._: a comprehension has no ``self`` for _() to find the language.
        bodies = [
            Markup("<p>%s</p>")
            % self.env._(
                "Recovery: this invoice joins its customer's stage instead of "
                "starting the reminders: %(stage)s.",
                stage=labels.get(move.recovery_stage, move.recovery_stage),
            )
            for move in moves
        ]
        self.env["recovery.engine"]._log_on_moves(company, moves.ids, bodies)

    @api.model
    def _plan_review(self, company, moves):
        """A to-do for the responsible on each customer whose new invoices
        joined its litigation or payment plan: add them to the dossier or
        the plan."""
        if not moves:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        vals = []
        for partner, invoices in moves.grouped("commercial_partner_id").items():
            vals.append(
                self._activity_vals(
                    partner,
                    company,
                    todo,
                    fields.Date.context_today(self),
                    self._review_summary(invoices),
                )
            )
        self.env["mail.activity"].sudo().create(vals)

    @api.model
    def _review_summary(self, invoices):
        names = ", ".join(invoices.mapped("name"))
        if invoices[0].recovery_stage == "contentieux":
            if len(invoices) == 1:
                return _(
                    "Customer in litigation: add the new overdue invoice %(invoices)s "
                    "to its dossier",
                    invoices=names,
                )
            return _(
                "Customer in litigation: add the new overdue invoices %(invoices)s "
                "to its dossier",
                invoices=names,
            )
        if len(invoices) == 1:
            return _(
                "Customer under a payment plan: add the new overdue invoice "
                "%(invoices)s to the plan or agree a new one",
                invoices=names,
            )
        return _(
            "Customer under a payment plan: add the new overdue invoices "
            "%(invoices)s to the plan or agree a new one",
            invoices=names,
        )

    @api.model
    def _responsible(self, partner, company):
        return partner.recovery_user_id or company.recovery_user_id or self.env.user

    @api.model
    def _activity_vals(self, partner, company, activity_type, deadline, summary):
        user = self._responsible(partner, company)
        return {
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": partner.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": deadline,
            "summary": summary,
        }

    # ------------------------------------------------------------
    # INSOLVENCY: every step stops, the claim is to declare
    # ------------------------------------------------------------

    @api.model
    def _open_insolvency(self, partners):
        """Insolvency proceedings opened against ``partners`` (commercial
        entities): in each of the user's companies, their invoices issued up
        to the judgment go to the declaration stage, the steps not yet
        carried out are stopped, and the responsible gets the declaration to
        do by its deadline."""
        today = fields.Date.context_today(self)
        engine = self.env["recovery.engine"]
        for company in self.env.companies:
            stage = engine._for_company(company).env[self._name]
            stage._join(company, today, partners)
            stage._stop_steps(company, partners)
        self._plan_declarations(partners)

    @api.model
    def _stop_steps(self, company, partners):
        """Cancel the steps of ``partners`` not yet carried out, e-mails still
        in the mail queue included, with the reason on each."""
        events = self.env["recovery.event"].search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", partners.ids),
                ("state", "in", (*STOPPED_BY_INSOLVENCY, "sending")),
            ]
        )
        if not events:
            return
        outgoing = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", events.mail_message_id.ids),
                    ("state", "=", "outgoing"),
                ]
            )
        )
        # An e-mail already handed to the mail server is on its way.
        gone = events.filtered(
            lambda e: (
                e.state == "sending"
                and e.mail_message_id not in outgoing.mail_message_id
            )
        )
        outgoing.cancel()
        stopped = events - gone
        stopped.activity_unlink(
            ["mail.mail_activity_data_call", "mail.mail_activity_data_todo"]
        )
        stopped.write(
            {
                "state": "cancelled",
                "error": _(
                    "Stopped: insolvency proceedings opened (%(article)s).",
                    article=STOP_ARTICLE,
                ),
            }
        )

    @api.model
    def _plan_declarations(self, partners):
        """The declaration of the claim, a to-do of each responsible due on
        the deadline (today while the BODACC publication is unknown)."""
        activity_type = self.env.ref(DECLARATION_ACTIVITY)
        Activity = self.env["mail.activity"].sudo()
        existing = Activity.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        today = fields.Date.context_today(self)
        for activity in existing:
            partner = partners.browse(activity.res_id)
            activity.write(
                {
                    "date_deadline": partner.recovery_claim_deadline or today,
                    "summary": self.with_context(
                        lang=activity.user_id.lang or self.env.lang
                    )._declaration_summary(partner),
                }
            )
        company = self.env.company
        vals = []
        for partner in partners - partners.browse(existing.mapped("res_id")):
            # In the language of its reader, the responsible.
            reader = self._responsible(partner, company)
            summary = self.with_context(
                lang=reader.lang or self.env.lang
            )._declaration_summary(partner)
            vals.append(
                self._activity_vals(
                    partner,
                    company,
                    activity_type,
                    partner.recovery_claim_deadline or today,
                    summary,
                )
            )
        Activity.create(vals)

    @api.model
    def _declaration_summary(self, partner):
        if partner.recovery_claim_deadline:
            return _(
                "Declare the claim to the mandataire judiciaire by %(deadline)s "
                "(%(articles)s)",
                deadline=format_date(self.env, partner.recovery_claim_deadline),
                articles=DECLARATION_ARTICLES,
            )
        return _(
            "Declare the claim to the mandataire judiciaire: enter the BODACC "
            "publication date to know the deadline (%(articles)s)",
            articles=DECLARATION_ARTICLES,
        )
