# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.tools import format_amount

from ...core import MissingRateError
from ...core.insolvency import is_pre_judgment_claim
from ...core.notice import (
    BUSINESS,
    CONSUMER,
    PUBLIC,
    PUBLIC_RATE_POINTS,
    NoticeFacts,
    notice_clauses,
    notice_receipt_date,
    rate_explanation,
)
from ...core.plan_terms import DEFAULT_NOTICE_DAYS, PlanLine, plan_claim
from ...core.rates import ECB
from ...core.typography import french_spacing, salutation
from ...core.vocabulary import CARRIED_OUT_STATES
from ...tools.blocking import RecoveryBlockedError
from ...tools.letter_format import long_date

# Clauses printed after the account of the sums due, in this order.
NOTICE_ORDER = (
    "late_penalties",
    "rate_explained",
    "rate_contractual",
    "public_moratory_interest",
    "fixed_indemnity_40",
    "legal_interest_from_receipt",
    "mise_en_demeure_title",
)
# Advice codes that are not a procedure the notice can announce.
NO_CONSEQUENCE = ("amicable_first", "declare_claim", "mediation")


class RecoveryEvent(models.Model):
    """The formal notice's content, per core/notice.py: which clauses it
    prints, and what blocks it (never an internal warning in the letter)."""

    _inherit = "recovery.event"

    # ------------------------------------------------------------
    # THE FORMAL NOTICE'S CLAUSES (core/notice.py)
    # ------------------------------------------------------------

    def _recovery_debtor_kind(self):
        partner = self.partner_id.commercial_partner_id
        if partner.recovery_is_public:
            return PUBLIC
        return BUSINESS if partner.recovery_is_b2b else CONSUMER

    def _recovery_reminders_sent(self):
        """Earlier steps of these invoices that reached the customer."""
        self.ensure_one()
        earlier = self.move_ids.recovery_event_ids.filtered(
            lambda e: (
                e.id != self.id
                and e.state in CARRIED_OUT_STATES
                and e.channel in ("email", "letter", "lrar", "phone")
                and (e.date or self.date) <= self.date
            )
        )
        return len(earlier)

    def _recovery_envisaged_procedure(self, decompte):
        """``(procedure code, court)`` the notice may announce: the advice of
        core/procedure.py for the first invoice, its first step when the
        advice is to send a notice first."""
        move = self.move_ids.sorted(lambda m: (m.invoice_date_due, m.id))[:1]
        if not move:
            return None, None
        advice = self.env["recovery.claim"]._advice(move, decompte["total"])
        if advice.code == "amicable_first" and advice.alternatives:
            advice = advice.alternatives[0]
        if advice.code in NO_CONSEQUENCE:
            return None, advice.court
        return advice.code, advice.court

    def _recovery_plan(self):
        """The running or broken payment plan of these invoices, if any."""
        plans = self.move_ids.recovery_plan_ids.filtered(
            lambda p: p.state in ("active", "broken")
        )
        return plans.sorted(lambda p: (p.date, p.id))[-1:]

    def _recovery_plan_claim(self):
        """What the plan lets this notice claim (core/plan_terms.py): the
        missed instalments; the whole balance only once an earlier notice
        was received and its period ran out."""
        plan = self._recovery_plan()
        if not plan:
            return None
        earlier = plan.break_event_id
        receipt = None
        if earlier and earlier != self and earlier.state in CARRIED_OUT_STATES:
            posted = earlier.lrar_sent_date or earlier.carried_out_date or earlier.date
            receipt = notice_receipt_date(earlier.ar_date, posted)
        lines = [
            PlanLine(line.date_due, line.amount, line.amount_paid)
            for line in plan.line_ids
        ]
        return plan_claim(lines, self.date, receipt and receipt.date)

    def _recovery_ecb_rate(self):
        """ECB rate of the notice's half-year, or None when not entered."""
        table = self.env["recovery.rate"]._get_rate_table()
        try:
            return table.semester_rate(ECB, self.date)
        except MissingRateError:
            return None

    def _recovery_notice_facts(self, decompte):
        """The facts core/notice.py decides the clauses from."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        company = self.company_id
        procedure, court = self._recovery_envisaged_procedure(decompte)
        judgment = partner.recovery_insolvency and partner.recovery_insolvency_date
        contractual = partner.recovery_penalty_rate or company.recovery_penalty_rate
        claim = self._recovery_plan_claim()
        return NoticeFacts(
            plan_state=claim and claim.state,
            debtor_kind=self._recovery_debtor_kind(),
            amount=decompte["total"],
            notice_date=self.date,
            reminders_sent=self._recovery_reminders_sent(),
            procedure=procedure,
            court=court,
            contractual_rate=contractual or None,
            ecb_rate=self._recovery_ecb_rate(),
            indemnity_count=sum(1 for row in decompte["rows"] if row["indemnity"]),
            insolvency_judgment_date=judgment or None,
            pre_judgment_claims=any(
                is_pre_judgment_claim(judgment, m.invoice_date, m.delivery_date)
                for m in self.move_ids
            ),
            mediator_configured=company._recovery_mediator_configured(),
            debtor_address=bool(partner.street and partner.city),
        )

    def _recovery_notice(self):
        """What the formal notice prints: its clause codes, the sums, the
        rate explained, the receipt the deadline and interest run from, the
        cause of the claim and the salutation. Raises when it is blocked."""
        self.ensure_one()
        decompte = self.move_ids._recovery_decompte_to_issue(self.date)
        content = notice_clauses(self._recovery_notice_facts(decompte))
        if content.blocking:
            raise RecoveryBlockedError(self._recovery_blocking_text(content.blocking))
        facts_ecb = self._recovery_ecb_rate()
        public = self._recovery_debtor_kind() == PUBLIC
        rate = facts_ecb is not None and (
            rate_explanation(facts_ecb, PUBLIC_RATE_POINTS)
            if public
            else rate_explanation(facts_ecb)
        )
        recipient = self.partner_id._recovery_recipient()
        person = recipient if not recipient.is_company else self.env["res.partner"]
        return {
            "clauses": set(content.clauses),
            "decompte": decompte,
            "rate": rate,
            "receipt": notice_receipt_date(self.ar_date, self.lrar_sent_date),
            "cause": self._recovery_cause_of_claim(),
            "salutation": self._recovery_salutation(person),
            "public": public,
            "plan": self._recovery_plan(),
            "plan_claim": self._recovery_plan_claim(),
        }

    def _recovery_notice_paragraphs(self):
        """The notice's text, paragraph by paragraph, in the reader's
        language (the context's): ``{"before": [...], "after": [...]}``
        around the account of the sums due, and the notice's values."""
        notice = self._recovery_notice()
        texts = self._recovery_notice_texts(notice)
        clauses = notice["clauses"]
        before = [texts["opening"], texts["demand"]]
        after = [texts[code] for code in NOTICE_ORDER if code in clauses]
        consequence = next(
            (code for code in clauses if code.startswith("consequence_")), None
        )
        after.append(texts.get(consequence, texts["consequence_none"]))
        if "cpc_750_1" in clauses:
            after.append(texts["cpc_750_1"])
        if "mediator" in clauses:
            after.append(texts["mediator"])
        spaced = self._recovery_typography
        return {
            "before": [spaced(text) for text in before if text],
            "after": [spaced(text) for text in after if text],
            "notice": notice,
        }

    def _recovery_plan_demand(self, notice, values, running):
        """After a missed instalment: the missed instalments only, and the
        whole balance announced after the plan's notice period, counted from
        receipt (C. conso. L212-1; Cass. 1re civ. 22/03/2023 n° 21-16.044)."""
        claim, plan = notice["plan_claim"], notice["plan"]
        fmt = self.env["recovery.claim.text"]
        return _(
            "Under the payment plan %(plan)s, the instalments fallen due remain "
            "unpaid. By this letter, we formally give you notice to pay us these "
            "instalments, that is %(missed)s, %(running)s, within %(days)s days of "
            "receipt of this letter. If they are still unpaid %(notice)s days after "
            "its receipt, the whole remaining balance of the plan, %(balance)s, "
            "will become due (déchéance du terme), as the plan provides.",
            plan=plan.name,
            missed=fmt._fmt_amount(plan, claim.missed),
            balance=fmt._fmt_amount(plan, claim.remaining),
            notice=DEFAULT_NOTICE_DAYS,
            running=running,
            days=values["days"],
        )

    def _recovery_closing(self, greeting):
        """ "Veuillez agréer, Madame Dupont, l'expression de nos salutations
        distinguées." with the salutation of the letter."""
        return _(
            "Please accept, %(salutation)s the expression of our distinguished "
            "greetings.",
            salutation=greeting.text,
        )

    def _recovery_typography(self, text):
        """French spacing in a French letter; the text as it is otherwise."""
        if (self.env.lang or "").startswith("fr"):
            return french_spacing(text)
        return text

    def _recovery_notice_values(self, notice):
        """The values the notice's sentences are filled with."""
        decompte = notice["decompte"]
        company = self.company_id
        rate = notice["rate"]
        fmt = self.env["recovery.claim.text"]
        return {
            "amount": format_amount(self.env, decompte["total"], self.currency_id),
            "date": long_date(self.env, self.date),
            "days": company.recovery_notice_delay or 8,
            "invoices": ", ".join(self.move_ids.sorted("name").mapped("name")),
            "cause": notice["cause"],
            "rate": rate and fmt._fmt_rate(rate.total),
            "ecb": rate and fmt._fmt_rate(rate.ecb_rate),
            "contractual": fmt._fmt_rate(
                self.partner_id.commercial_partner_id.recovery_penalty_rate
                or company.recovery_penalty_rate
                or 0.0
            ),
            "public": notice["public"],
            "mediator": company.recovery_mediator_name or "",
            "mediator_address": company.recovery_mediator_address or "",
            "mediator_website": company.recovery_mediator_website or "",
        }

    def _recovery_notice_texts(self, notice):
        """Each clause code of core/notice.py in the reader's words."""
        values = self._recovery_notice_values(notice)
        clauses = notice["clauses"]
        texts = self._recovery_notice_clause_texts(values)
        opening = (
            _("Despite our previous reminders, the sums below remain unpaid.")
            if "previous_reminders" in clauses
            else _("Unless we are mistaken, the sums below remain unpaid to date.")
        )
        cause = values["cause"] and _(
            " They are due under our invoices %(invoices)s, for: %(cause)s.",
            **values,
        )
        texts["opening"] = opening + (cause or "")
        if "penalties_until_full_payment" in clauses:
            running = _(
                "in addition to the penalties and interest running until full payment"
            )
        elif "public_moratory_interest" in clauses:
            running = _(
                "in addition to the moratory interest running until full payment"
            )
        else:
            running = _(
                "in addition to the interest at the legal rate running until full "
                "payment"
            )
        if "plan_missed_instalments_only" in clauses:
            texts["demand"] = self._recovery_plan_demand(notice, values, running)
            return texts
        texts["demand"] = _(
            "By this letter, we formally give you notice to pay us the sum of "
            "%(amount)s, calculated on %(date)s, %(running)s, within %(days)s "
            "days of receipt of this letter.",
            running=running,
            **values,
        )
        return texts

    def _recovery_salutation(self, person):
        """ "Madame Dupont," to a person whose civility is known."""
        if not person:
            return salutation()
        words = (person.name or "").split()
        return salutation(
            person.title.shortcut or person.title.name,
            words[-1] if words else None,
            " ".join(words[:-1]),
        )

    def _recovery_cause_of_claim(self):
        """The cause of the claim: what was sold, from the invoices' lines."""
        lines = self.move_ids.invoice_line_ids.filtered(
            lambda line: line.display_type == "product" and line.name
        )
        labels = []
        for label in lines.mapped(lambda line: line.name.splitlines()[0].strip()):
            if label and label not in labels:
                labels.append(label)
        return "; ".join(labels[:5]) + ("…" if len(labels) > 5 else "")

    @api.model
    def _recovery_notice_clause_texts(self, values):
        """The sentences of the clauses printed after the account."""
        return {
            **self._recovery_notice_consequence_texts(values),
            "late_penalties": _(
                "In accordance with article L441-10 of the French Commercial Code, "
                "late-payment penalties are due from the day after the due date, "
                "without any reminder being necessary."
            ),
            "rate_explained": _(
                "Their rate is %(rate)s %%: the rate of the European Central Bank's "
                "most recent refinancing operation (%(ecb)s %%) plus 10 points.",
                **values,
            ),
            "rate_contractual": _(
                "Their rate is the rate of %(contractual)s %% agreed in our general "
                "terms of sale.",
                **values,
            ),
            "public_moratory_interest": _(
                "In accordance with articles L2192-13 and R2192-31 of the French "
                "Public Procurement Code, moratory interest is due from the day "
                "after the end of the payment term, without any formality, at the "
                "rate of %(rate)s %%: the European Central Bank's rate (%(ecb)s %%) "
                "plus 8 points.",
                **values,
            ),
            "fixed_indemnity_40": _(
                "A fixed indemnity of 40 euros per invoice for recovery costs is "
                "also due (Code de la commande publique D2192-35)."
            )
            if values["public"]
            else _(
                "A fixed indemnity of 40 euros per invoice for recovery costs is "
                "also due (Code de commerce D441-5), without prejudice to a further "
                "indemnity on justification."
            ),
            "legal_interest_from_receipt": _(
                "In accordance with articles 1231-6 and 1344-1 of the French Civil "
                "Code, the sums due bear interest at the legal rate from the receipt "
                "of this formal notice."
            ),
            "mise_en_demeure_title": _(
                "This letter constitutes a formal notice within the meaning of "
                "articles 1344 and following of the French Civil Code."
            ),
            "cpc_750_1": _(
                "Before any claim before the tribunal judiciaire, we will propose to "
                "you an attempt at amicable resolution (conciliateur de justice or "
                "mediation), as article 750-1 of the French Code of Civil Procedure "
                "requires."
            ),
            "mediator": _(
                "In the event of a dispute, you may refer the matter free of charge "
                "to the consumer mediator: %(mediator)s, %(mediator_address)s, "
                "%(mediator_website)s (articles L612-1 and following of the French "
                "Consumer Code).",
                **values,
            ),
        }

    @api.model
    def _recovery_notice_consequence_texts(self, values):
        """What the creditor will do failing payment: the procedure the
        advice envisages (core/procedure.py)."""
        return {
            "consequence_injonction_de_payer": _(
                "Should payment not be received within this period, we will apply "
                "to the competent court for an injonction de payer (articles 1405 "
                "and following of the Code of Civil Procedure), without further "
                "notice; the resulting costs may be charged to you."
            ),
            "consequence_petites_creances": _(
                "Should payment not be received within this period, we will entrust "
                "a commissaire de justice with the simplified procedure for the "
                "recovery of small claims (article L125-1 of the Code des procédures "
                "civiles d'exécution)."
            ),
            "consequence_refere_provision": _(
                "Should payment not be received within this period, we will apply "
                "to the judge of référés of the tribunal administratif for a "
                "provision (Code de justice administrative R541-1), without further "
                "notice."
            )
            if values["public"]
            else _(
                "Should payment not be received within this period, we will apply "
                "to the judge of référés for a provision, without further notice."
            ),
            "consequence_assignation": _(
                "Should payment not be received within this period, we will bring "
                "the matter before the competent court, without further notice."
            ),
            "consequence_none": _(
                "Should payment not be received within this period, we reserve the "
                "right to take legal action to recover the sums due."
            ),
        }

    @api.model
    def _recovery_blocking_texts(self):
        """What the accountant must do for each blocking code of core/notice."""
        return {
            "consumer_mediator_missing": _(
                "the consumer mediator (name, address, website) is not set: enter "
                "it under Settings > Invoicing > Recovery (Code de la consommation "
                "L612-1, L616-1)"
            ),
            "ecb_rate_missing": _(
                "the ECB rate of the half-year is missing: enter it under "
                "Accounting > Configuration > Recovery > Reference rates"
            ),
            "insolvency_claim_to_declare": _(
                "the customer is under a collective procedure: a claim born before "
                "the judgment is declared to the mandataire judiciaire, not claimed "
                "(Code de commerce L622-7, L622-21)"
            ),
            "plan_running_on_time": _("the customer's payment plan is kept"),
            "nothing_due": _("nothing is due"),
            "debtor_address_missing": _("the customer's address is missing"),
            "public_person_no_injonction": _(
                "no injonction de payer against a public person (CJA R541-1)"
            ),
        }

    def _recovery_blocking_text(self, codes):
        texts = self._recovery_blocking_texts()
        return _(
            "The formal notice to %(customer)s cannot be issued: %(problems)s.",
            customer=self.partner_id.display_name,
            problems="; ".join(texts.get(code, code) for code in codes),
        )

    def _recovery_check_issuable(self):
        """Raise :class:`RecoveryBlockedError` when a document of these
        events may not be issued (see ir.actions.report)."""
        for event in self:
            if event.level_id.stage == "mise_en_demeure":
                event._recovery_notice()
            elif event.dossier_version:
                event.move_ids._recovery_decompte_to_issue(
                    event.date or fields.Date.context_today(event)
                )
