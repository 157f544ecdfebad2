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

:func:`merchant_status` returns ``(is_merchant, reason_code)``; the Odoo
layer translates the code and the user may override the result.
"""

# Legal forms, by their usual French abbreviation (lower case).
COMMERCIAL_FORMS = frozenset(
    {"sa", "sas", "sasu", "sarl", "eurl", "snc", "scs", "sca", "selarl_commercial"}
)
LIBERAL_FORMS = frozenset({"selarl", "selas", "selafa", "selca", "scp", "spfpl"})
CIVIL_FORMS = frozenset({"sci", "scm", "gaec", "earl", "scea", "gfa", "civil"})
ASSOCIATION_FORMS = frozenset({"association", "fondation", "syndicat"})
PUBLIC_FORMS = frozenset({"public"})
SOLE_TRADER_FORMS = frozenset({"ei", "micro", "eirl"})

# NAF divisions (two first digits) of civil activities: farming, and the
# liberal professions (law, accounting, architecture, vets, health...).
CIVIL_NAF_DIVISIONS = frozenset({"01", "02", "03", "69", "71", "75", "86", "87", "88"})

REASON_COMMERCIAL_FORM = "commercial_form"
REASON_LIBERAL_FORM = "liberal_profession"
REASON_CIVIL_FORM = "civil_company"
REASON_ASSOCIATION = "association"
REASON_PUBLIC = "public_body"
REASON_CIVIL_NAF = "civil_activity_code"
REASON_COMMERCIAL_NAF = "commercial_activity_code"
REASON_CONSUMER = "consumer"
REASON_UNKNOWN = "form_unknown"


def naf_division(naf_code):
    """'47.11F' / '4711F' -> '47'; None when no code."""
    digits = "".join(char for char in (naf_code or "") if char.isdigit())
    return digits[:2] if len(digits) >= 2 else None


def merchant_status(is_business, legal_form=None, naf_code=None):
    """``(is_merchant, reason)`` from what the customer record says.

    Without a legal form nor an activity code, a business is presumed a
    merchant (``form_unknown``): the advice says so, so that the user checks
    and sets the form or overrides.
    """
    form = (legal_form or "").strip().lower()
    if form in PUBLIC_FORMS:
        return False, REASON_PUBLIC
    if not is_business:
        return False, REASON_CONSUMER
    if form in COMMERCIAL_FORMS:
        return True, REASON_COMMERCIAL_FORM
    if form in LIBERAL_FORMS:
        return False, REASON_LIBERAL_FORM
    if form in CIVIL_FORMS:
        return False, REASON_CIVIL_FORM
    if form in ASSOCIATION_FORMS:
        return False, REASON_ASSOCIATION
    division = naf_division(naf_code)
    if division:
        if division in CIVIL_NAF_DIVISIONS:
            return False, REASON_CIVIL_NAF
        return True, REASON_COMMERCIAL_NAF
    return True, REASON_UNKNOWN
