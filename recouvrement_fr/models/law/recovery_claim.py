# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, fields, models

from ...core import (
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
from ...core.vocabulary import CARRIED_OUT_STATES, WRITTEN_CHANNELS

WRITTEN_CLAIM_STATES = ("done", "sent", "posted", "received")


class RecoveryClaim(models.AbstractModel):
    """What the customer owes on an invoice today, per French law.

    A service (no table): it reads the facts the records know (payments,
    notices sent, acknowledgements, the customer's status) and hands them to
    core/, which holds the law. ``recovery.claim.text`` words the result in
    the reader's language; ``recovery.penalty.invoice`` bills it.
    """

    _name = "recovery.claim"
    _description = "Recovery Claim"

    # ------------------------------------------------------------
    # THE CLAIM
    # ------------------------------------------------------------

    @api.model
    def _field_values(self, move, today, rate_table):
        """Values of the claim fields of ``move`` (account.move) at ``today``."""
        claim = self._claim(move, today, rate_table)
        texts = self.env["recovery.claim.text"]
        prescription = claim["prescription"]
        advice = claim["advice"]
        return {
            "recovery_penalty_amount": claim["penalty"],
            "recovery_indemnity_amount": claim["indemnity"],
            "recovery_interest_amount": claim["interest"],
            "recovery_total_claim": claim["total"],
            "recovery_claim_detail": claim["detail"],
            "recovery_law_warning": claim["warning"],
            "recovery_prescription_date": prescription and prescription.expiry_date,
            "recovery_prescription_near": bool(
                prescription and is_prescription_near(today, prescription)
            ),
            "recovery_prescription_note": texts._prescription_note(prescription),
            "recovery_procedure": advice and advice.code,
            "recovery_procedure_explanation": advice and texts._explain(move, advice),
            "recovery_payment_term_warning": claim["term_warning"],
        }

    @api.model
    def _claim(self, move, at_date, rate_table=None):
        """What the customer owes on ``move`` at ``at_date``, per French law.

        Penalties and the 40 EUR indemnity for a business (L441-10), interest
        at ECB + 8 and 40 EUR for a public buyer (CCP), legal interest from
        the formal notice for a consumer (C. civ. 1231-6); what was already
        billed on a penalty invoice is not counted again, and a penalty
        invoice accrues nothing.
        """
        move.ensure_one()
        rate_table = rate_table or self.env["recovery.rate"]._get_rate_table()
        result = self._empty_claim(move)
        if (
            move.move_type != "out_invoice"
            or move.state != "posted"
            or not move.invoice_date_due
        ):
            result["total"] = move.amount_residual
            return result
        reconciliations = self._reconciliations(move)
        payments = [(day, amount) for day, amount, _act in reconciliations]
        if not self._is_penalty_invoice(move):
            self._add_accrued(result, move, at_date, rate_table, payments)
        result["total"] = move.currency_id.round(
            move.amount_residual
            + result["penalty"]
            + result["indemnity"]
            + result["interest"]
        )
        texts = self.env["recovery.claim.text"]
        result["detail"] = texts._detail(move, result)
        result["prescription"] = self._prescription(move, reconciliations)
        result["advice"] = self._advice(move, result["total"])
        result["term_warning"] = self._term_warning(move)
        return result

    @api.model
    def _empty_claim(self, move):
        """The claim of an invoice that accrues nothing."""
        return {
            "principal": move.amount_residual,
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

    @api.model
    def _add_accrued(self, result, move, at_date, rate_table, payments):
        """Put in ``result`` what accrued on ``move`` and is not billed yet.

        Public buyer: moratory interest at ECB + 8 fixed for the delay (CCP
        R2192-31); business: L441-10 penalties; consumer: legal interest from
        the formal notice, + 5 points after a judgment (CMF L313-3). A missing
        reference rate becomes the claim's warning.
        """
        billed_until, indemnity_billed = self._billed(move)
        currency = move.currency_id
        try:
            penalty_lines = self._penalty_lines(
                move, at_date, rate_table, payments, billed_until["penalty"]
            )
            interest_lines = self._interest_lines(
                move, at_date, rate_table, payments, billed_until["interest"]
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
            result["warning"] = self.env["recovery.claim.text"]._missing_rate(error)
        if not indemnity_billed:
            late = move.invoice_date_due < at_date
            result["indemnity"] = self._indemnity(move, late, payments)

    @api.model
    def _decompte(self, moves, at_date=None):
        """Account of the sums due on ``moves`` at ``at_date``.

        One row per invoice (the claim of :meth:`_claim`) and the totals:
        what letters, statements and the dossier print.
        """
        at_date = fields.Date.to_date(at_date) or fields.Date.context_today(self)
        table = self.env["recovery.rate"]._get_rate_table()
        rows = [
            dict(self._claim(move, at_date, table), move=move)
            for move in moves.sorted(lambda m: (m.invoice_date_due or at_date, m.id))
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
    # WHAT ACCRUES (core/penalties.py, core/rates.py)
    # ------------------------------------------------------------

    @api.model
    def _penalty_lines(self, move, at_date, rate_table, payments, after):
        """Penalties (business) or moratory interest (public buyer)."""
        partner = move.commercial_partner_id
        if not partner.recovery_is_b2b or move.invoice_date_due >= at_date:
            return ()
        until = at_date
        if partner.recovery_insolvency and partner.recovery_insolvency_date:
            # Interest stops at the opening judgment (L622-28).
            until = min(until, partner.recovery_insolvency_date)
        if partner.recovery_is_public:
            return public_late_interest(
                move.amount_total,
                move.invoice_date_due,
                until,
                rate_table,
                payments=payments,
                after=after,
            ).lines
        rate = (
            partner.recovery_penalty_rate
            or move.company_id.recovery_penalty_rate
            or None
        )
        return late_penalties(
            move.amount_total,
            move.invoice_date_due,
            until,
            rate_table,
            payments=payments,
            contractual_rate=rate,
            after=after,
        ).lines

    @api.model
    def _interest_lines(self, move, at_date, rate_table, payments, after):
        """Legal interest of a consumer, from the formal notice."""
        if move.commercial_partner_id.recovery_is_b2b:
            return ()
        notice_date = self._notice_date(move)
        if not notice_date or notice_date >= at_date or not move.amount_residual:
            return ()
        return legal_interest(
            move.amount_total,
            notice_date,
            at_date,
            rate_table,
            payments=payments,
            judgment_enforceable_date=move.recovery_judgment_date or None,
            after=after,
        ).lines

    @api.model
    def _indemnity(self, move, late, payments):
        """The 40 EUR of ``move`` (L441-10 II, D441-5; CCP D2192-35)."""
        partner = move.commercial_partner_id
        # Not due only when the opening judgment came before the due date.
        barred = bool(partner.recovery_insolvency) and (
            not partner.recovery_insolvency_date
            or indemnity_barred_by_insolvency(
                move.invoice_date_due, partner.recovery_insolvency_date
            )
        )
        # The indemnity is due for an invoice paid late too; only once.
        paid_late = any(
            pay_date > move.invoice_date_due for pay_date, _amount in payments
        )
        if not move.company_id.recovery_claim_indemnity or not (late or paid_late):
            return 0.0
        return float(fixed_indemnity(partner.recovery_is_b2b, barred, 1).total)

    @api.model
    def _advice(self, move, total):
        """The procedure core/procedure.py advises for ``move``'s claim."""
        partner = move.commercial_partner_id
        return advise_procedure(
            Decimal(str(total)),
            debtor_is_business=partner.recovery_is_b2b,
            debtor_is_merchant=partner.recovery_is_merchant,
            creditor_is_merchant=move.company_id.recovery_is_merchant,
            disputed=move.recovery_blocked or move.recovery_stage == "dispute",
            insolvent=bool(partner.recovery_insolvency),
            mise_en_demeure_sent=bool(self._notice_date(move)),
            debtor_is_public=partner.recovery_is_public,
        )

    @api.model
    def _term_warning(self, move):
        """The payment-term warning for a business or public debtor, or False."""
        partner = move.commercial_partner_id
        warning = check_payment_terms(
            move.invoice_date or move.invoice_date_due,
            move.invoice_date_due,
            periodic=move.recovery_periodic_invoice,
            public=partner.recovery_is_public,
            public_health=partner.recovery_public_health,
            is_business=partner.recovery_is_b2b,
        )
        if not warning:
            return False
        return self.env["recovery.claim.text"]._term_warning(move, warning)

    # ------------------------------------------------------------
    # THE FACTS THE RECORDS KNOW
    # ------------------------------------------------------------

    @api.model
    def _reconciliations(self, move):
        """(date, amount in invoice currency, debtor's act) of each
        reconciliation of ``move``, read once per invoice.

        Only the debtor's acts interrupt prescription (C. civ. 2240): a
        payment or a bank statement line, not a credit note, a write-off or
        an exchange difference entry.
        """
        move.ensure_one()
        partials, _exchange = move._get_reconciled_invoices_partials()
        return [
            (
                line.date,
                amount,
                bool(line.move_id.origin_payment_id or line.move_id.statement_line_id),
            )
            for _partial, amount, line in partials
        ]

    @api.model
    def _payments(self, move):
        """(date, amount in invoice currency) of each reconciliation."""
        return [(day, amount) for day, amount, _act in self._reconciliations(move)]

    @api.model
    def _notice_date(self, move):
        """Date of the first formal notice sent for ``move``, if any.

        Only a notice that left the company counts (posted, received, or an
        e-mail the server accepted): a letter still to post starts nothing.
        """
        move.ensure_one()
        notices = move.recovery_event_ids.filtered(
            lambda e: (
                e.level_id.stage == "mise_en_demeure" and e.state in CARRIED_OUT_STATES
            )
        ).sorted("date")
        first = notices[:1]
        if first.letter_provider_id and first.ar_date:
            # Through a registered-letter provider: from the date of its
            # acknowledgement-of-receipt proof.
            return first.ar_date
        return first and (first.lrar_sent_date or first.carried_out_date or first.date)

    @api.model
    def _is_penalty_invoice(self, move):
        """A penalty invoice bills penalties and indemnities: it may be
        reminded, but it never accrues any (no interest on interest outside
        Code civil 1343-2, no indemnity on an indemnity)."""
        move.ensure_one()
        return bool(move.invoice_line_ids.recovery_penalty_origin_id)

    @api.model
    def _billed(self, move):
        """(billed until per kind, indemnity billed) on posted penalty invoices."""
        move.ensure_one()
        posted = move.recovery_penalty_line_ids.filtered(
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

    # ------------------------------------------------------------
    # PRESCRIPTION (core/prescription.py)
    # ------------------------------------------------------------

    @api.model
    def _prescription(self, move, reconciliations=None):
        """Prescription of ``move`` from the facts the records know."""
        move.ensure_one()
        partner = move.commercial_partner_id
        acknowledgements = self._acknowledgement_dates(move, reconciliations)
        if partner.recovery_is_public and not move.recovery_judgment_date:
            return public_prescription(
                move.delivery_date or move.invoice_date or move.invoice_date_due,
                acknowledgement_dates=acknowledgements,
                written_claim_dates=self._written_claim_dates(move),
            )
        suspensions = []
        if partner.recovery_mediation_start:
            end = partner.recovery_mediation_end or fields.Date.context_today(self)
            suspensions.append((partner.recovery_mediation_start, end))
        return compute_prescription(
            partner.recovery_is_b2b,
            move.invoice_date_due,
            move.invoice_date or move.invoice_date_due,
            acknowledgement_dates=acknowledgements,
            delivery_date=move.delivery_date or None,
            suspensions=suspensions,
            judgment_date=move.recovery_judgment_date or None,
        )

    @api.model
    def _acknowledgement_dates(self, move, reconciliations=None):
        """The debtor's acknowledgements (C. civ. 2240): payments, signed
        payment plans, a written acknowledgement recorded on the invoice."""
        move.ensure_one()
        if reconciliations is None:
            reconciliations = self._reconciliations(move)
        dates = [day for day, _amount, act in reconciliations if act]
        dates += [
            plan.signed_date
            for plan in move.recovery_plan_ids
            if plan.signed_date and plan.state != "cancelled"
        ]
        if move.recovery_acknowledgement_date:
            dates.append(move.recovery_acknowledgement_date)
        return dates

    @api.model
    def _written_claim_dates(self, move):
        """Dates of the written claims sent for ``move`` (reminders, formal
        notices): they interrupt the prescription of a claim on a public
        person (loi 68-1250, art. 2), not the others."""
        move.ensure_one()
        return [
            event.lrar_sent_date or event.date
            for event in move.recovery_event_ids
            if event.channel in WRITTEN_CHANNELS and event.state in WRITTEN_CLAIM_STATES
        ]
