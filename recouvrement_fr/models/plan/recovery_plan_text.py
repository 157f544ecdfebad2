# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError

from ...core.plan_terms import DEFAULT_NOTICE_DAYS, WAIVED_IF_KEPT, plan_clause_terms
from ...core.typography import french_spacing


class RecoveryPlanText(models.AbstractModel):
    """The default clause of a payment plan in the reader's words: one
    source for the agreement's PDF and the e-mail sending it
    (core/plan_terms.py ``plan_clause_terms``); and when a plan is signed."""

    _name = "recovery.plan.text"
    _description = "Payment Plan Texts"

    @api.model
    def _clause_paragraphs(self, plan):
        """The paragraphs of the missed-instalment clause and of the fate of
        the penalties and indemnities, in the context's language."""
        plan.ensure_one()
        consumer = plan._recovery_is_consumer_plan()
        terms = plan_clause_terms(
            consumer,
            DEFAULT_NOTICE_DAYS,
            plan.penalty_option or WAIVED_IF_KEPT,
        )
        texts = self._clause_texts(
            consumer,
            grace=plan._recovery_grace_days(),
            days=terms.notice_days,
        )
        paragraphs = [texts[code] for code in terms.clause_codes if code in texts]
        if (self.env.lang or "").startswith("fr"):
            paragraphs = [french_spacing(text) for text in paragraphs]
        return paragraphs

    @api.model
    def _clause_texts(self, consumer, grace, days):
        """Each clause code of core/plan_terms.py as a sentence."""
        extra = (
            _("The interest at the legal rate accrued until the date of this agreement")
            if consumer
            else _(
                "The late-payment penalties and interest accrued until the date of "
                "this agreement"
            )
        )
        return {
            "missed_instalment_claimed": _(
                "If an instalment is not paid in full within %(grace)s days of its "
                "due date, the creditor may claim that instalment only, by a formal "
                "notice sent by registered letter with acknowledgement of receipt.",
                grace=grace,
            ),
            "acceleration_after_notice": _(
                "Only if that instalment is still unpaid %(days)s days after the "
                "receipt of this formal notice does the whole remaining balance "
                "become due (déchéance du terme); the creditor may then resume the "
                "recovery proceedings.",
                days=days,
            ),
            "decheance_not_resolution": _(
                "The déchéance du terme does not end this agreement: the debt it "
                "acknowledges remains due, less the payments already made."
            ),
            "penalties_included": _(
                "%(extra)s are included in the total above.", extra=extra
            ),
            "penalties_waived_if_kept": _(
                "%(extra)s are waived once every instalment has been paid on time; "
                "they become due again if an instalment is missed.",
                extra=extra,
            ),
            "penalties_reserved": _(
                "%(extra)s remain due: the creditor reserves the right to claim "
                "them once the plan has been completed, or upon default.",
                extra=extra,
            ),
            "indemnity_40_included": _(
                "The fixed recovery indemnity of 40 euros per invoice (Code de "
                "commerce D441-5) is included in the total above."
            ),
            "indemnity_40_waived_if_kept": _(
                "The fixed recovery indemnity of 40 euros per invoice (Code de "
                "commerce D441-5) is waived once every instalment has been paid on "
                "time; it becomes due again if an instalment is missed."
            ),
            "indemnity_40_reserved": _(
                "The fixed recovery indemnity of 40 euros per invoice (Code de "
                "commerce D441-5) remains due and may be claimed once the plan has "
                "been completed, or upon default."
            ),
        }

    @api.model
    def _check_signed(self, plans):
        """A plan is signed (an acknowledgement of the debt that interrupts
        prescription, C. civ. 2240) only when the signed agreement is attached
        or the customer accepted it on the portal."""
        for plan in plans:
            if plan.signed_date and not (
                plan.signed_agreement or plan.accepted_on_portal
            ):
                raise ValidationError(
                    _(
                        "Payment plan %(plan)s: attach the agreement signed by the "
                        "customer before entering its signature date.",
                        plan=plan.name,
                    )
                )
