# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, models

from ...core import acts as core_acts
from ...core.acts_common import build_decompte
from ...core.acts_court import FeeTerms
from ...core.acts_insolvency import Security

DEFAULT_MISSION = "injonction"
REFERRALS = (
    core_acts.CONCILIATION_REFERRAL,
    core_acts.BUSINESS_MEDIATION_REFERRAL,
    core_acts.CONSUMER_MEDIATION_REFERRAL,
)


def _dec(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


class RecoveryActBuilder(models.AbstractModel):
    """One core function per act (core/acts.py): the act's facts, read by
    ``recovery.act.service``, and the choices kept on the ``recovery.act``
    (fees, securities, goods, mediator...) handed to it."""

    _name = "recovery.act.builder"
    _description = "Judicial acts (one core function per act)"

    # ------------------------------------------------------------
    # THE ACT (one core function per act)
    # ------------------------------------------------------------

    @api.model
    def _fee_terms(self, act):
        kind = act.fee_kind or "tariff"
        if kind == "fixed" and act.fee_amount <= 0:
            self.env["recovery.act.service"]._refuse(act.act_code, "fields_missing")
        if kind == "percentage" and not 0 < act.fee_percentage <= 100:
            self.env["recovery.act.service"]._refuse(act.act_code, "fields_missing")
        return FeeTerms(
            kind,
            fixed_amount=_dec(act.fee_amount) if kind == "fixed" else None,
            percentage=Decimal(str(act.fee_percentage))
            if kind == "percentage"
            else None,
        )

    @api.model
    def _facts(self, act):
        """What every act reads: parties, invoices, pieces, rates, notice."""
        moves = self.env["recovery.act.service"]._sorted_moves(act.move_ids)
        _event, sent, received = self.env["recovery.act.service"]._notice(moves)
        return {
            "creditor": self.env["recovery.act.service"]._creditor(act.company_id),
            "debtor": self.env["recovery.act.service"]._debtor(act.partner_id),
            "invoices": self.env["recovery.act.service"]._invoice_claims(moves),
            "pieces": self.env["recovery.act.service"]._pieces(moves),
            "rate_table": self.env["recovery.rate"]._get_rate_table(),
            "sent": sent,
            "received": received,
        }

    @api.model
    def _build(self, act):
        """The core dataclass of ``act`` (see core/acts.py)."""
        facts = self._facts(act)
        builder = getattr(self, f"_build_{act.act_code}")
        return builder(act, facts)

    def _build_injonction_request(self, act, f):
        return core_acts.injonction_request(
            f["creditor"],
            f["debtor"],
            f["invoices"],
            act.date,
            f["rate_table"],
            pieces=f["pieces"],
            mise_en_demeure_date=f["sent"],
            acknowledgement_date=f["received"],
        )

    def _build_small_claims_request(self, act, f):
        return core_acts.small_claims_request(
            f["creditor"],
            f["debtor"],
            f["invoices"],
            act.date,
            f["rate_table"],
            self._fee_terms(act),
            pieces=f["pieces"],
            acknowledgement_date=f["received"],
        )

    def _build_mandate_letter(self, act, f):
        decompte = build_decompte(
            f["invoices"],
            act.date,
            f["rate_table"],
            f["debtor"],
            interest_from=f["received"],
        )
        return core_acts.mandate_letter(
            act.mission or DEFAULT_MISSION,
            f["creditor"],
            f["debtor"],
            decompte,
            self._fee_terms(act),
            pieces=f["pieces"],
            recipient=act.recipient_id.name or None,
        )

    def _build_claim_declaration(self, act, f):
        securities = ()
        if act.security_kind:
            securities = (
                Security(
                    act.security_kind,
                    act.security_description or "",
                    tuple(invoice.number for invoice in f["invoices"]),
                ),
            )
        return core_acts.claim_declaration(
            f["creditor"],
            f["debtor"],
            f["invoices"],
            f["rate_table"],
            act.date,
            mandataire=act.recipient_id.name or None,
            securities=securities,
            pieces=f["pieces"],
            relief_ground=act.relief_ground or None,
        )

    def _build_forclusion_relief(self, act, f):
        return self._build_claim_declaration(act, f)

    def _build_retention_claim(self, act, f):
        goods = tuple(
            line.strip() for line in (act.goods or "").splitlines() if line.strip()
        )
        return core_acts.retention_claim(
            f["debtor"].insolvency_bodacc_date,
            act.date,
            act.retention_clause,
            goods,
            administrator_appointed=act.administrator_appointed,
            invoice_numbers=tuple(invoice.number for invoice in f["invoices"]),
        )

    def _suspensions(self, act):
        partner = act.partner_id
        if not partner.recovery_mediation_start:
            return ()
        end = partner.recovery_mediation_end or act.date
        return ((partner.recovery_mediation_start, end),)

    def _build_conciliation_referral(self, act, f):
        return core_acts.conciliation_referral(
            f["creditor"],
            f["debtor"],
            f["invoices"],
            act.date,
            suspensions=self._suspensions(act),
        )

    def _build_business_mediation_referral(self, act, f):
        return core_acts.business_mediation_referral(
            f["creditor"],
            f["debtor"],
            f["invoices"],
            act.date,
            suspensions=self._suspensions(act),
        )

    def _build_consumer_mediation_referral(self, act, f):
        return core_acts.consumer_mediation_referral(
            f["creditor"],
            f["debtor"],
            f["invoices"],
            act.date,
            act.mediator or None,
            suspensions=self._suspensions(act),
        )

    @api.model
    def _refusal_reason(self, code, data):
        """The reason code why ``data`` (the built act) cannot be drafted."""
        reason = None
        if code == "injonction_request" or code in REFERRALS:
            reason = data.refusal and data.refusal.reason
        elif code == "small_claims_request" and data.refusals:
            reason = data.refusals[0].reason
        elif code == "retention_claim" and data.reasons:
            reason = data.reasons[0][0]
        elif code == "forclusion_relief":
            if not data.late:
                reason = "declaration_still_open"
            elif not data.relief.admissible:
                reason = data.relief.reasons[0][0]
        return reason
