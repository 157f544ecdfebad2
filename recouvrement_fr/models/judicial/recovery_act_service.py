# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from decimal import Decimal

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...core import acts as core_acts
from ...core.acts_common import (
    CIVIL,
    COMMERCIAL_COMPANY,
    CONSUMER,
    MERCHANT,
    PUBLIC,
    InvoiceClaim,
    Party,
    PieceRef,
)
from ...core.identity import group_digits
from ...core.merchant import COMMERCIAL_FORMS
from ...core.procedure import advise_procedure
from ...core.vocabulary import CARRIED_OUT_STATES
from ...tools import act_wording as words
from ...tools.letter_format import LetterFormat

MISSION_BY_ACT = {"small_claims_request": "petites_creances"}
REFERRALS = (
    core_acts.CONCILIATION_REFERRAL,
    core_acts.BUSINESS_MEDIATION_REFERRAL,
    core_acts.CONSUMER_MEDIATION_REFERRAL,
)


def _digits(text):
    return "".join(char for char in text or "" if char.isdigit())


def _dec(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


class RecoveryActService(models.AbstractModel):
    """The judicial acts from the records: the facts of the customer, its
    invoices and its formal notice are read here and handed to core/acts.py,
    which holds the law; ``_draft`` makes the act, its PDF and its evidence.
    """

    _name = "recovery.act.service"
    _description = "Judicial acts (service)"

    # ------------------------------------------------------------
    # THE PARTIES
    # ------------------------------------------------------------

    @api.model
    def _address(self, partner):
        city = " ".join(filter(None, [partner.zip, partner.city]))
        lines = [partner.street, partner.street2, city]
        if partner.country_id and partner.country_id.code != "FR":
            lines.append(partner.country_id.name)
        return tuple(line for line in lines if line)

    @api.model
    def _outside_metropolitan_france(self, partner):
        """Overseas (postcodes 97x, 98x) or abroad (R622-24 C. com.)."""
        country = partner.country_id.code
        return bool(
            (country and country != "FR")
            or (partner.zip or "").startswith(("97", "98"))
        )

    @api.model
    def _creditor(self, company):
        partner = company.partner_id
        return Party(
            name=company.name,
            kind=MERCHANT if company.recovery_is_merchant else CIVIL,
            legal_form=partner.recovery_legal_form or None,
            naf_code=partner.recovery_naf_code or None,
            siren=(company.siret or "")[:9] or None,
            address=self._address(partner),
            city=partner.city or None,
            outside_metropolitan_france=self._outside_metropolitan_france(partner),
        )

    @api.model
    def _debtor_kind(self, partner):
        if partner.recovery_is_public:
            return PUBLIC
        if not partner.recovery_is_b2b:
            return CONSUMER
        if not partner.recovery_is_merchant:
            return CIVIL
        if partner.recovery_legal_form in COMMERCIAL_FORMS:
            return COMMERCIAL_COMPANY
        return MERCHANT

    @api.model
    def _debtor(self, partner):
        partner = partner.commercial_partner_id
        return Party(
            name=partner.name,
            kind=self._debtor_kind(partner),
            legal_form=partner.recovery_legal_form or None,
            naf_code=partner.recovery_naf_code or None,
            siren=(partner.siret or "")[:9] or None,
            address=self._address(partner),
            city=partner.recovery_court_city or partner.city or None,
            outside_metropolitan_france=self._outside_metropolitan_france(partner),
            is_insolvent=bool(partner.recovery_insolvency),
            insolvency_kind=partner.recovery_insolvency or None,
            insolvency_judgment_date=partner.recovery_insolvency_date or None,
            insolvency_bodacc_date=partner.recovery_bodacc_date or None,
        )

    # ------------------------------------------------------------
    # THE INVOICES, THE FORMAL NOTICE, THE PIECES
    # ------------------------------------------------------------

    @api.model
    def _disputed(self, move):
        return move.recovery_blocked or move.recovery_stage == "dispute"

    @api.model
    def _invoice_claims(self, moves):
        """Each invoice as core reads it: residual, payments, due date, the
        delivery date (the claim's origin, L622-24 C. com.), the rate agreed."""
        claim = self.env["recovery.claim"]
        result = []
        for move in moves:
            partner = move.commercial_partner_id
            rate = (
                partner.recovery_penalty_rate or move.company_id.recovery_penalty_rate
            )
            residual = _dec(move.amount_residual)
            result.append(
                InvoiceClaim(
                    number=move.name,
                    invoice_date=move.invoice_date or move.invoice_date_due,
                    due_date=move.invoice_date_due,
                    residual=residual,
                    payments=tuple(
                        (day, _dec(amount)) for day, amount in claim._payments(move)
                    ),
                    origin_date=move.delivery_date or None,
                    disputed_amount=residual if self._disputed(move) else Decimal(0),
                    contractual_rate=Decimal(str(rate)) if rate else None,
                    acknowledgement_dates=tuple(claim._acknowledgement_dates(move)),
                )
            )
        return tuple(result)

    @api.model
    def _notice(self, moves):
        """(event, date sent, date received) of the first formal notice."""
        events = moves.recovery_event_ids.filtered(
            lambda e: (
                e.level_id.stage == "mise_en_demeure" and e.state in CARRIED_OUT_STATES
            )
        ).sorted(lambda e: (e.date, e.id))
        event = events[:1]
        if not event:
            return event, None, None
        sent = event.lrar_sent_date or event.carried_out_date or event.date
        return event, sent, event.ar_date or None

    @api.model
    def _pieces(self, moves):
        """The bordereau: the invoices, then the formal notice and its AR."""
        pieces = [PieceRef("invoice", move.name, move.invoice_date) for move in moves]
        event, sent, received = self._notice(moves)
        if event:
            reference = event.lrar_number or event.display_name
            pieces.append(PieceRef("mise_en_demeure", reference, sent))
            if received:
                pieces.append(PieceRef("lrar_proof", reference, received))
        return tuple(pieces)

    @api.model
    def _sorted_moves(self, moves):
        return moves.sorted(lambda m: (m.invoice_date_due or m.date, m.id))

    # ------------------------------------------------------------
    # WHICH ACT (core/acts.py acts_available)
    # ------------------------------------------------------------

    @api.model
    def _advice(self, partner, moves, as_of):
        total = self.env["recovery.claim"]._decompte(moves, as_of)["total"]
        return advise_procedure(
            _dec(total),
            debtor_is_business=partner.recovery_is_b2b,
            debtor_is_merchant=partner.recovery_is_merchant,
            creditor_is_merchant=moves.company_id[:1].recovery_is_merchant,
            disputed=any(self._disputed(move) for move in moves),
            insolvent=bool(partner.recovery_insolvency),
            mise_en_demeure_sent=bool(moves)
            and all(move._recovery_notice_date() for move in moves),
            debtor_is_public=partner.recovery_is_public,
        )

    @api.model
    def _choice(self, partner, moves, as_of, retention_clause=False, mediator=None):
        """The :class:`core.acts.ActChoice` for these invoices on ``as_of``."""
        partner = partner.commercial_partner_id
        company = moves.company_id[:1] or self.env.company
        return core_acts.acts_available(
            self._advice(partner, moves, as_of),
            self._debtor(partner),
            as_of,
            retention_clause=retention_clause,
            consumer_mediator=mediator or None,
            creditor_outside_metropolitan_france=self._outside_metropolitan_france(
                company.partner_id
            ),
        )

    @api.model
    def _act_label(self, act_code):
        """The act's name as the user reads it (buttons, wizard, timeline):
        its label in the user's language; the act itself stays French."""
        labels = dict(
            self.env["recovery.act"]
            ._fields["act_code"]
            ._description_selection(self.env)
        )
        return labels.get(act_code, act_code)

    @api.model
    def _refusal_text(self, reason):
        """Why an act is refused, and the route instead, in the user's language."""
        text = words.REFUSALS.get(reason)
        return self.env._(text) if text else reason

    @api.model
    def _refuse(self, act_code, reason):
        raise UserError(
            _(
                "%(act)s cannot be drafted: %(reason)s",
                act=self._act_label(act_code),
                reason=self._refusal_text(reason),
            )
        )

    # ------------------------------------------------------------
    # DRAFTING
    # ------------------------------------------------------------

    @api.model
    def _check_moves(self, partner, moves):
        if not moves:
            raise UserError(_("Select at least one unpaid invoice of the customer."))
        if moves.commercial_partner_id != partner:
            raise UserError(_("An act concerns the invoices of one customer only."))
        if len(moves.company_id) > 1:
            raise UserError(_("An act concerns the invoices of one company only."))

    @api.model
    def _draft(self, partner, moves, act_code, values=None):
        """Draft ``act_code`` for ``partner``'s ``moves``: checked against
        core/acts.py (a refused act raises the route to take instead), the
        record created, its PDF attached and posted in its chatter."""
        partner = partner.commercial_partner_id
        moves = self._sorted_moves(moves)
        self._check_moves(partner, moves)
        values = dict(values or {})
        today = fields.Date.to_date(values.get("date")) or fields.Date.context_today(
            self
        )
        choice = self._choice(
            partner,
            moves,
            today,
            retention_clause=values.get("retention_clause", False),
            mediator=values.get("mediator"),
        )
        if act_code not in choice.codes:
            self._refuse(act_code, choice.reason_for(act_code))
        values = dict(
            values,
            name=f"{words.ACT_TITLES[act_code]} - {partner.name}",
            company_id=moves.company_id.id,
            partner_id=partner.id,
            act_code=act_code,
            move_ids=[fields.Command.set(moves.ids)],
            date=today,
            mission=values.get("mission") or MISSION_BY_ACT.get(act_code),
        )
        # Built on a draft record first: a refused act leaves no record.
        data = self.env["recovery.act.builder"]._build(
            self.env["recovery.act"].new(values)
        )
        reason = self.env["recovery.act.builder"]._refusal_reason(act_code, data)
        if reason:
            self._refuse(act_code, reason)
        act = self.env["recovery.act"].create(values)
        act.write(self._summary(act, data))
        self._attach_pdf(act)
        return act

    @api.model
    def _summary(self, act, data):
        """The figures kept on the record: amounts, court, deadline."""
        code = act.act_code
        values = {}
        decompte = getattr(data, "decompte", None)
        if decompte is not None:
            values.update(
                amount_principal=float(decompte.principal),
                amount_total=float(decompte.total),
            )
        if code == "injonction_request":
            values.update(
                court=words.COURTS.get(data.court, data.court),
                court_city=act.court_city or data.court_city,
                note="\n".join(map(self._warning_text, data.warnings)) or False,
            )
        elif code in ("claim_declaration", "forclusion_relief"):
            values.update(
                amount_principal=float(data.principal_due + data.to_fall_due_total),
                amount_total=float(data.total),
                deadline=data.relief.relief_deadline if data.late else data.deadline,
                court=words.COURTS[
                    "juge_commissaire" if data.late else "mandataire_judiciaire"
                ],
            )
        elif code == "retention_claim":
            values.update(deadline=data.deadline, court=words.COURTS[data.recipient])
        elif code in REFERRALS:
            values.update(
                amount_principal=float(data.amount),
                amount_total=float(data.amount),
                court=words.COURTS.get(data.recipient),
                deadline=data.expected_end,
            )
        elif code == "small_claims_request":
            values["court"] = words.COURTS["commissaire_de_justice"]
        elif code == "mandate_letter":
            values["court"] = words.COURTS["commissaire_de_justice"]
        return values

    @api.model
    def _warning_text(self, warning):
        """A core warning ``(code, params)`` of the act, in French."""
        code, params = warning
        piece = params.get("piece")
        if piece:
            params = dict(params, piece=words.PIECES.get(piece, piece))
        text = words.WARNINGS.get(code)
        return self.env._(text).format_map(params) if text else code

    @api.model
    def _attach_pdf(self, act):
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, _kind = report._render_qweb_pdf(
            "recouvrement_fr.action_report_recovery_act", act.ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{act.name} - {fields.Date.to_string(act.date)}.pdf",
                "raw": content,
                "mimetype": "application/pdf",
                "res_model": act._name,
                "res_id": act.id,
            }
        )
        act.attachment_id = attachment
        act.message_post(
            body=Markup("<p>%s</p>")
            % _("%(act)s drafted by %(user)s.", act=act.name, user=self.env.user.name),
            attachment_ids=attachment.ids,
        )
        return attachment

    # ------------------------------------------------------------
    # THE REPORT
    # ------------------------------------------------------------

    @api.model
    def _report_values(self, act):
        """Everything the act's report prints: the core dataclass, the French
        words, and the formatting of amounts and dates."""
        fmt = LetterFormat(self.env, "fr_FR")
        currency = act.currency_id
        data = self.env["recovery.act.builder"]._build(act)
        _event, sent, received = self._notice(act.move_ids)
        return {
            "data": data,
            "sent": sent,
            "received": received,
            # a reminder carried out before the formal notice
            "reminded": bool(
                act.move_ids.recovery_event_ids.filtered(
                    lambda e: (
                        e.state in CARRIED_OUT_STATES
                        and e.level_id.stage != "mise_en_demeure"
                        and e.channel != "legal"
                    )
                )
            ),
            "one_day": timedelta(days=1),
            # SIREN "552 081 317", SIRET "552 081 317 00026", as in the footer
            "siren": lambda siret: group_digits(_digits(siret)[:9], (3, 3, 3)),
            "siret": lambda siret: group_digits(_digits(siret), (3, 3, 3, 5)),
            "words": words,
            "title": words.ACT_TITLES[act.act_code],
            "money": lambda value: fmt.amount(float(value or 0), currency),
            "day": fmt.date,
            "rate": lambda value: f"{Decimal(value):.2f}".replace(".", ","),
            "creditor": act.company_id.partner_id,
            "debtor": act.partner_id,
            "company": act.company_id,
            "moves": self._sorted_moves(act.move_ids),
            "place_date": act.company_id.partner_id.with_context(
                lang="fr_FR"
            )._recovery_place_and_date(act.date),
        }
