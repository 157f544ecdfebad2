# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Is the debtor a merchant? It decides the court (C. com. L721-3).

The tribunal de commerce hears disputes between merchants and between
commercial companies. A company is commercial by its form (C. com. L210-1:
SNC, SCS, SARL, SA, SAS, SCA), whatever its activity. Associations, civil
companies (SCI, SCP, SCM, GAEC...), liberal professions, farmers and public
bodies are not merchants: the tribunal judiciaire (or the tribunal
administratif for a public person) hears them. For a sole trader, the
activity code (NAF/APE) tells: farming (section A) and the liberal or
regulated professions below are civil. ``is_company`` alone tells nothing.

Where the record says nothing (no form, no form in the name, no activity
code) the status is ``unknown``: it is never presumed to be a merchant; the
callers treat it as a non-merchant and say so (law notes §13), and give both
candidate courts with the rule that decides between them.

:func:`merchant_status` returns ``(is_merchant, reason_code)`` (the Odoo
layer translates the code and the user may override the result);
:func:`debtor_status` returns the full :class:`DebtorStatus`.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ._util import to_decimal

# Legal forms, by their usual French abbreviation (lower case).
COMMERCIAL_FORMS = frozenset(
    {"sa", "sas", "sasu", "sarl", "eurl", "snc", "scs", "sca", "selarl_commercial"}
)
LIBERAL_FORMS = frozenset(
    {"selarl", "selas", "selasu", "selafa", "selca", "selurl", "scp", "spfpl"}
)
CIVIL_FORMS = frozenset(
    {"sci", "scm", "gaec", "earl", "scea", "gfa", "gfr", "civil", "sccv", "scpi"}
)
ASSOCIATION_FORMS = frozenset({"association", "fondation", "syndicat"})
PUBLIC_FORMS = frozenset({"public"})
SOLE_TRADER_FORMS = frozenset({"ei", "micro", "eirl"})

# Spelt-out forms found in names (accents and case removed), with their code.
LONG_FORMS = (
    ("societe par actions simplifiee unipersonnelle", "sasu"),
    ("societe par actions simplifiee", "sas"),
    ("societe a responsabilite limitee", "sarl"),
    ("entreprise unipersonnelle a responsabilite limitee", "eurl"),
    ("societe anonyme", "sa"),
    ("societe en nom collectif", "snc"),
    ("societe civile immobiliere", "sci"),
    ("societe civile de moyens", "scm"),
    ("societe civile professionnelle", "scp"),
    ("societe civile d exploitation agricole", "scea"),
    ("groupement agricole d exploitation en commun", "gaec"),
    ("exploitation agricole a responsabilite limitee", "earl"),
    ("association", "association"),
    ("fondation", "fondation"),
)
# Abbreviations recognised as whole words in a name.
NAME_ABBREVIATIONS = (COMMERCIAL_FORMS | LIBERAL_FORMS | CIVIL_FORMS) - {
    "civil",
    "selarl_commercial",
}

# NAF divisions (two first digits) of civil activities: farming, and the
# liberal professions (law, accounting, architecture, vets, health, social
# work including crèches 88.91).
CIVIL_NAF_DIVISIONS = frozenset({"01", "02", "03", "69", "71", "75", "86", "87", "88"})
# NAF classes (four digits) of civil activities in otherwise mixed divisions:
# 68.20 renting one's own real estate (civil by nature), 90.03 artistic
# creation (authors, artists).
CIVIL_NAF_CLASSES = frozenset({"6820", "9003"})

MERCHANT = "merchant"
CIVIL = "civil"
CONSUMER = "consumer"
PUBLIC = "public"
UNKNOWN = "unknown"
STATUSES = (MERCHANT, CIVIL, CONSUMER, PUBLIC, UNKNOWN)

REASON_COMMERCIAL_FORM = "commercial_form"
REASON_LIBERAL_FORM = "liberal_profession"
REASON_CIVIL_FORM = "civil_company"
REASON_ASSOCIATION = "association"
REASON_PUBLIC = "public_body"
REASON_CIVIL_NAF = "civil_activity_code"
REASON_COMMERCIAL_NAF = "commercial_activity_code"
REASON_CONSUMER = "consumer"
REASON_UNKNOWN = "form_unknown"
REASON_CONFLICTING_NAME = "conflicting_forms_in_name"
# Suffix of the reason when the form was read in the name.
NAME_SUFFIX = "_in_name"

TRIBUNAL_DE_COMMERCE = "tribunal_de_commerce"
TRIBUNAL_JUDICIAIRE = "tribunal_judiciaire"
TRIBUNAL_ADMINISTRATIF = "tribunal_administratif"
# The rule deciding between the two candidate courts of an unknown status.
RULE_BOTH_MERCHANTS = "commercial_court_between_merchants_l721_3"

# CPC 750-1: prior amicable attempt before the tribunal judiciaire up to 5 000 €.
AMICABLE_ATTEMPT_THRESHOLD = Decimal(5000)
PROCEDURES_EXEMPT_FROM_750_1 = frozenset({"injonction_de_payer", "petites_creances"})


@dataclass(frozen=True)
class DebtorStatus:
    """``status`` (one of :data:`STATUSES`), the reason code, the competent
    court(s) and, for an unknown status, the rule deciding between them."""

    status: str
    reason: str
    courts: tuple
    court_rule: str | None = None

    @property
    def is_merchant(self):
        return self.status == MERCHANT


def normalize_name(name):
    """Lower case, no accents, dotted abbreviations joined ("S.A.R.L." ->
    "sarl"), every other non-alphanumeric character a single space."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub(
        r"(?<![a-z0-9])(?:[a-z]\.){2,}(?:[a-z](?![a-z0-9]))?",
        lambda match: match.group(0).replace(".", ""),
        text,
    )
    return " ".join(re.split(r"[^a-z0-9]+", text)).strip()


def legal_forms_in_name(name):
    """Set of legal-form codes written in ``name`` as whole words."""
    padded = f" {normalize_name(name)} "
    found = set()
    for words, code in LONG_FORMS:
        if f" {words} " in padded:
            found.add(code)
            padded = padded.replace(f" {words} ", " ")
    found.update(word for word in padded.split() if word in NAME_ABBREVIATIONS)
    return found


def _form_category(form):
    """``(is_merchant, reason)`` of a legal-form code, or None."""
    if form in COMMERCIAL_FORMS:
        return True, REASON_COMMERCIAL_FORM
    if form in LIBERAL_FORMS:
        return False, REASON_LIBERAL_FORM
    if form in CIVIL_FORMS:
        return False, REASON_CIVIL_FORM
    if form in ASSOCIATION_FORMS:
        return False, REASON_ASSOCIATION
    return None


def _from_name(name):
    """``(is_merchant, reason)`` from the forms in the name, or None."""
    categories = {_form_category(form) for form in legal_forms_in_name(name)}
    categories.discard(None)
    if not categories:
        return None
    if len(categories) > 1:
        return None, REASON_CONFLICTING_NAME
    is_merchant, reason = categories.pop()
    return is_merchant, reason + NAME_SUFFIX


def naf_division(naf_code):
    """'47.11F' / '4711F' -> '47'; None when no code."""
    digits = "".join(char for char in (naf_code or "") if char.isdigit())
    return digits[:2] if len(digits) >= 2 else None


def _from_naf(naf_code):
    digits = "".join(char for char in (naf_code or "") if char.isdigit())
    if len(digits) < 2:
        return None
    if digits[:2] in CIVIL_NAF_DIVISIONS or digits[:4] in CIVIL_NAF_CLASSES:
        return False, REASON_CIVIL_NAF
    return True, REASON_COMMERCIAL_NAF


def _classify(is_business, legal_form, naf_code, name):
    """``(is_merchant or None when unknown, reason)``."""
    form = (legal_form or "").strip().lower()
    if form in PUBLIC_FORMS:
        return False, REASON_PUBLIC
    if not is_business:
        return False, REASON_CONSUMER
    found = _form_category(form) or _from_name(name)
    if found and found[0] is not None:
        return found
    # Conflicting forms in the name: the activity code may still tell.
    return _from_naf(naf_code) or found or (None, REASON_UNKNOWN)


def merchant_status(is_business, legal_form=None, naf_code=None, name=None):
    """``(is_merchant, reason)`` from what the customer record says.

    In order: the legal form set on the record, the legal form written in the
    customer's ``name`` (reason suffixed ``_in_name``), the activity code.
    Without any of them the reason is ``form_unknown`` and the debtor is
    treated as a non-merchant (law notes §13: "Unknown -> treat as
    non-merchant and say so"), never presumed a merchant.
    """
    is_merchant, reason = _classify(is_business, legal_form, naf_code, name)
    return bool(is_merchant), reason


def debtor_status(
    is_business, legal_form=None, naf_code=None, name=None, creditor_is_merchant=True
):
    """Status, reason and competent court(s) of a debtor (C. com. L721-3).

    Tribunal de commerce between merchants / commercial companies; tribunal
    judiciaire otherwise (and for a non-merchant creditor, which may however
    choose the commercial court against a merchant); tribunal administratif
    for a public person (CJA R541-1). ``unknown``: both candidates, decided
    by :data:`RULE_BOTH_MERCHANTS`.
    """
    is_merchant, reason = _classify(is_business, legal_form, naf_code, name)
    if reason == REASON_PUBLIC:
        return DebtorStatus(PUBLIC, reason, (TRIBUNAL_ADMINISTRATIF,))
    if reason == REASON_CONSUMER:
        return DebtorStatus(CONSUMER, reason, (TRIBUNAL_JUDICIAIRE,))
    if is_merchant is None:
        courts = (TRIBUNAL_DE_COMMERCE, TRIBUNAL_JUDICIAIRE)
        if not creditor_is_merchant:
            courts = (TRIBUNAL_JUDICIAIRE,)
        return DebtorStatus(UNKNOWN, reason, courts, RULE_BOTH_MERCHANTS)
    if not is_merchant:
        return DebtorStatus(CIVIL, reason, (TRIBUNAL_JUDICIAIRE,))
    court = TRIBUNAL_DE_COMMERCE if creditor_is_merchant else TRIBUNAL_JUDICIAIRE
    return DebtorStatus(MERCHANT, reason, (court,))


def amicable_attempt_required(court, amount, procedure):
    """``(required, reason)``: CPC 750-1 prior amicable attempt.

    Before the tribunal judiciaire, a claim up to 5 000 € needs a prior
    attempt (conciliateur de justice, mediation, procédure participative; a
    mise en demeure is not one). Not for the injonction de payer (Cass. 2e
    civ. avis 25 Sept. 2025 n° 25-70.013), nor the petites créances procedure
    (a commissaire de justice's procedure, not a court claim, CPCE L125-1),
    nor before the tribunal de commerce or administratif.
    """
    if procedure in PROCEDURES_EXEMPT_FROM_750_1:
        return False, f"exempt_{procedure}"
    if court != TRIBUNAL_JUDICIAIRE:
        return False, "not_tribunal_judiciaire"
    if to_decimal(amount) > AMICABLE_ATTEMPT_THRESHOLD:
        return False, "above_threshold"
    return True, "cpc_750_1"
