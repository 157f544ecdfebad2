# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.tools import format_amount, format_date, formatLang
from odoo.tools.translate import LazyTranslate

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


class RecoveryClaimText(models.AbstractModel):
    """The claim of ``recovery.claim`` in the reader's words and formats.

    A service (no table): the computation line by line, where the
    prescription is counted from, why a procedure, the payment-term and
    missing-rate warnings; in the language of the environment.
    """

    _name = "recovery.claim.text"
    _description = "Recovery Claim Texts"

    # ------------------------------------------------------------
    # FORMATS
    # ------------------------------------------------------------

    @api.model
    def _fmt_amount(self, move, amount):
        """An amount as the reader writes it: "5 750,40 €" in French."""
        return format_amount(self.env, float(amount), move.currency_id)

    @api.model
    def _fmt_rate(self, rate):
        """A rate as the reader writes it: "12,15" in French."""
        return formatLang(self.env, float(rate), digits=2)

    # ------------------------------------------------------------
    # THE COMPUTATION, LINE BY LINE
    # ------------------------------------------------------------

    @api.model
    def _detail(self, move, claim):
        """Plain-text computation, line by line, in the reader's formats:
        "5 750,40 € × 12,15 % × 45/365 = 86,14 €"."""
        public = move.commercial_partner_id.recovery_is_public
        lines = [
            self._detail_line(move, kind, line, public)
            for kind, claim_lines in (
                ("penalty", claim["penalty_lines"]),
                ("interest", claim["interest_lines"]),
            )
            for line in claim_lines
        ]
        if claim["indemnity"]:
            lines.append(
                _(
                    "Fixed recovery indemnity (%(article)s): %(amount)s",
                    article="Code de la commande publique D2192-35"
                    if public
                    else "Code de commerce D441-5",
                    amount=self._fmt_amount(move, claim["indemnity"]),
                )
            )
        return "\n".join(lines) or False

    @api.model
    def _detail_line(self, move, kind, line, public):
        """One accrual line of core/ ("penalty" or "interest") as a text."""
        values = {
            "start": format_date(self.env, line.date_from),
            "end": format_date(self.env, line.date_to),
            "base": self._fmt_amount(move, line.base),
            "rate": self._fmt_rate(line.rate),
            "days": line.days,
            "basis": line.day_basis,
            "amount": self._fmt_amount(move, line.amount),
        }
        if kind == "interest":
            return _(
                "Legal interest from %(start)s to %(end)s: %(base)s × "
                "%(rate)s %% × %(days)s/%(basis)s = %(amount)s",
                **values,
            )
        if public:
            return _(
                "Moratory interest from %(start)s to %(end)s: %(base)s × "
                "%(rate)s %% × %(days)s/%(basis)s = %(amount)s",
                **values,
            )
        return _(
            "Penalties from %(start)s to %(end)s: %(base)s × %(rate)s "
            "%% × %(days)s/%(basis)s = %(amount)s",
            **values,
        )

    # ------------------------------------------------------------
    # WARNINGS
    # ------------------------------------------------------------

    @api.model
    def _missing_rate(self, error):
        """The warning for a reference rate core/ needs and does not have."""
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

    @api.model
    def _term_warning(self, move, warning):
        """The payment-term ``warning`` of core/payment_terms.py on ``move``."""
        date = format_date(self.env, warning.limit_date)
        if move.commercial_partner_id.recovery_is_public:
            return _(
                "Due date beyond the public buyers' payment term (30 days, 50 for "
                "public health establishments, Code de la commande publique "
                "R2192-10 and R2192-11): at the latest %(date)s.",
                date=date,
            )
        if move.recovery_periodic_invoice:
            return _(
                "Due date beyond the legal maximum for a periodic invoice (45 days "
                "from the invoice date, Code de commerce L441-10): at the latest "
                "%(date)s.",
                date=date,
            )
        return _(
            "Due date beyond the legal maximum (60 days from the invoice date or "
            "45 days end of month, Code de commerce L441-10): at the latest "
            "%(date)s.",
            date=date,
        )

    # ------------------------------------------------------------
    # PRESCRIPTION
    # ------------------------------------------------------------

    @api.model
    def _prescription_note(self, prescription):
        """Where the prescription is counted from, in the user's language."""
        if not prescription:
            return False
        day = format_date(self.env, prescription.start_date)
        texts = self._prescription_bases(day, prescription.years)
        text = texts.get(prescription.start_basis, day)
        if prescription.suspended_days:
            text += _(
                "; extended by %(days)s days of mediation (Code civil 2238)",
                days=prescription.suspended_days,
            )
        return text

    @api.model
    def _prescription_bases(self, day, years):
        """The text of each start of the prescription (core/prescription.py)."""
        return {
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
                years=years,
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

    # ------------------------------------------------------------
    # WHY THIS PROCEDURE (core/procedure.py)
    # ------------------------------------------------------------

    @api.model
    def _explain(self, move, advice):
        """The advice's reasons in the user's language."""
        texts = dict(self._court_reasons(), **self._procedure_reasons())
        labels = dict(
            move._fields["recovery_procedure"]._description_selection(self.env)
        )
        lines = [labels.get(advice.code, advice.code)]
        if advice.court:
            lines[0] += f" - {COURTS.get(advice.court, advice.court)}"
        lines += [f"- {texts.get(code, code)}" for code, _params in advice.reasons]
        partner = move.commercial_partner_id
        if partner.recovery_merchant_unknown and advice.court != (
            "tribunal_administratif"
        ):
            lines.append(
                _(
                    "- Merchant status unknown: the advice treats the customer as a "
                    "non-merchant (tribunal judiciaire, CPC 750-1 up to 5,000 EUR). "
                    "If it is a merchant or a commercial company, the tribunal de "
                    "commerce is competent instead (Code de commerce L721-3): set "
                    "its legal form or activity code on the customer."
                )
            )
        elif advice.court in ("tribunal_de_commerce", "tribunal_judiciaire"):
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

    @api.model
    def _court_reasons(self):
        """Reasons of core/procedure.py about the situation and the court."""
        return {
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
        }

    @api.model
    def _procedure_reasons(self):
        """Reasons of core/procedure.py about the claim and the procedure."""
        return {
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
            "costs_borne_by_creditor": _(
                "Its costs of every kind are borne by the creditor alone, even when "
                "the debtor agrees to pay (L125-1 CPCE)."
            ),
        }
