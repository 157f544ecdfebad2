# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Letters referring the dispute to an amicable third party.

- conciliateur de justice: free; the prior amicable attempt CPC 750-1 asks
  before the tribunal judiciaire for claims up to 5 000 € (not needed for an
  injonction de payer nor the petites créances procedure);
- médiateur des entreprises: free, confidential, under 3 months, for a
  business debtor (law notes §8);
- médiateur de la consommation the company adheres to (C. conso. L612-1,
  L616-1): free for the consumer, whose right it is; outcome within 90 days
  of the complete file (R612-5, to check).

Mediation and conciliation suspend the prescription (C. civ. 2238) from the
day the parties agree to it or, without a written agreement, from the first
meeting; it runs again afterwards for what was left, at least 6 months. The
letter itself suspends nothing: ``start_date`` is the day to record once
known; until then the effect is projected from the letter's date. The
effect is computed by :func:`.prescription.compute_prescription`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ._util import ZERO, add_months, to_decimal
from .acts_common import CONSUMER, PUBLIC, Party, Refusal
from .acts_court import court_for
from .prescription import Prescription, compute_prescription
from .procedure import (
    AMICABLE_ATTEMPT_THRESHOLD,
    CONCILIATEUR_DE_JUSTICE,
    MEDIATEUR_DES_ENTREPRISES,
    TRIBUNAL_JUDICIAIRE,
)

MEDIATEUR_DE_LA_CONSOMMATION = "mediateur_de_la_consommation"
CONCILIATION_REFERRAL = "conciliation_referral"
BUSINESS_MEDIATION_REFERRAL = "business_mediation_referral"
CONSUMER_MEDIATION_REFERRAL = "consumer_mediation_referral"
BUSINESS_MEDIATION_MONTHS = 3
CONCILIATION_ASSUMED_MONTHS = 3
CONSUMER_MEDIATION_DAYS = 90


@dataclass(frozen=True)
class PrescriptionEffect:
    """One invoice's prescription before the referral and after a
    suspension from the start to the (expected) end (C. civ. 2238)."""

    number: str
    before: Prescription
    after: Prescription
    prescribed_at_start: bool

    @property
    def extra_days(self):
        return (self.after.expiry_date - self.before.expiry_date).days


@dataclass(frozen=True)
class Referral:
    """A referral letter, or its ``refusal``. ``start_confirmed`` is false
    while ``start_date`` is only the letter's date (projection)."""

    act: str
    recipient: str
    refusal: Refusal | None
    creditor: Party
    debtor: Party
    letter_date: date
    start_date: date
    start_confirmed: bool
    expected_end: date
    end_assumed: bool
    amount: Decimal
    invoice_numbers: tuple
    prescription: tuple
    required_by_750_1: bool = False
    free_for_debtor: bool = True
    mediator: str | None = None
    articles: str = "2238 C. civ."
    notes: tuple = ()

    @property
    def drafted(self):
        return self.refusal is None


def invoice_prescription(invoice, is_b2b, suspensions=()):
    """The invoice's prescription (:func:`.prescription.compute_prescription`):
    its payments and written acknowledgements are the debtor's acts that
    restart it (C. civ. 2240), ``suspensions`` the mediations (2238)."""
    acts = (
        *invoice.acknowledgement_dates,
        *(day for day, _amount in invoice.payments),
    )
    return compute_prescription(
        is_b2b,
        invoice.due_date,
        invoice.invoice_date,
        acknowledgement_dates=acts,
        delivery_date=invoice.origin_date,
        suspensions=tuple(suspensions),
    )


def prescription_effects(invoices, is_b2b, start, end, suspensions=()):
    """Per invoice, the prescription without and with the suspension
    ``(start, end)`` (C. civ. 2238), on top of earlier ``suspensions``."""
    effects = []
    for invoice in invoices:
        before = invoice_prescription(invoice, is_b2b, suspensions)
        after = invoice_prescription(invoice, is_b2b, (*suspensions, (start, end)))
        prescribed = start > before.expiry_date
        effects.append(PrescriptionEffect(invoice.number, before, after, prescribed))
    return tuple(effects)


def _common_refusal(debtor):
    if debtor.kind == PUBLIC:
        return Refusal("public_person", "R541-1 CJA")
    if debtor.is_insolvent:
        return Refusal("debtor_insolvent", "L622-21 C. com.", "claim_declaration")
    return None


def _referral(
    act,
    recipient,
    refusal,
    creditor,
    debtor,
    invoices,
    letter_date,
    start_date,
    expected_end,
    suspensions=(),
    **extra,
):
    start = start_date or letter_date
    amount = sum((to_decimal(invoice.residual) for invoice in invoices), ZERO)
    effects = ()
    if not refusal:
        effects = prescription_effects(
            invoices, debtor.is_business, start, expected_end, suspensions
        )
    return Referral(
        act=act,
        recipient=recipient,
        refusal=refusal,
        creditor=creditor,
        debtor=debtor,
        letter_date=letter_date,
        start_date=start,
        start_confirmed=start_date is not None,
        expected_end=expected_end,
        amount=amount,
        invoice_numbers=tuple(invoice.number for invoice in invoices),
        prescription=effects,
        **extra,
    )


def conciliation_referral(
    creditor,
    debtor,
    invoices,
    letter_date,
    start_date=None,
    expected_end=None,
    suspensions=(),
):
    """Letter to a conciliateur de justice. ``required_by_750_1`` when the
    tribunal judiciaire would hear a claim of at most 5 000 € (CPC 750-1);
    without ``expected_end`` the suspension is projected over 3 months
    (``end_assumed``)."""
    start = start_date or letter_date
    end = expected_end or add_months(start, CONCILIATION_ASSUMED_MONTHS)
    amount = sum((to_decimal(invoice.residual) for invoice in invoices), ZERO)
    court, _reasons = court_for(creditor, debtor)
    required = court == TRIBUNAL_JUDICIAIRE and amount <= AMICABLE_ATTEMPT_THRESHOLD
    return _referral(
        CONCILIATION_REFERRAL,
        CONCILIATEUR_DE_JUSTICE,
        _common_refusal(debtor),
        creditor,
        debtor,
        invoices,
        letter_date,
        start_date,
        end,
        end_assumed=expected_end is None,
        required_by_750_1=required,
        articles="750-1 CPC, 2238 C. civ.",
        suspensions=suspensions,
    )


def business_mediation_referral(
    creditor,
    debtor,
    invoices,
    letter_date,
    start_date=None,
    expected_end=None,
    suspensions=(),
):
    """Letter to the médiateur des entreprises, for a business debtor; the
    mediation is expected to end within 3 months (law notes §8)."""
    refusal = _common_refusal(debtor)
    if not refusal and not debtor.is_business:
        refusal = Refusal("debtor_not_business", "2238 C. civ.")
    start = start_date or letter_date
    end = expected_end or add_months(start, BUSINESS_MEDIATION_MONTHS)
    return _referral(
        BUSINESS_MEDIATION_REFERRAL,
        MEDIATEUR_DES_ENTREPRISES,
        refusal,
        creditor,
        debtor,
        invoices,
        letter_date,
        start_date,
        end,
        end_assumed=expected_end is None,
        suspensions=suspensions,
    )


def consumer_mediation_referral(
    creditor,
    debtor,
    invoices,
    letter_date,
    mediator,
    start_date=None,
    expected_end=None,
    suspensions=(),
):
    """Letter proposing the company's médiateur de la consommation to a
    consumer (C. conso. L612-1: free for the consumer; L616-1: its name and
    contact are given). ``mediator`` (name and contact) is required; the
    outcome is expected within 90 days (R612-5)."""
    refusal = _common_refusal(debtor)
    if not refusal and debtor.kind != CONSUMER:
        refusal = Refusal("debtor_not_consumer", "L612-1 C. conso.")
    if not refusal and not mediator:
        refusal = Refusal("consumer_mediator_missing", "L616-1 C. conso.")
    start = start_date or letter_date
    end = expected_end or start + timedelta(days=CONSUMER_MEDIATION_DAYS)
    return _referral(
        CONSUMER_MEDIATION_REFERRAL,
        MEDIATEUR_DE_LA_CONSOMMATION,
        refusal,
        creditor,
        debtor,
        invoices,
        letter_date,
        start_date,
        end,
        end_assumed=expected_end is None,
        mediator=mediator,
        articles="L612-1, L616-1 C. conso., 2238 C. civ.",
        notes=(("consumer_mediation_is_consumers_right", {}),),
        suspensions=suspensions,
    )
