# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company's identity on every document it issues.

Code de commerce R123-237: every letter, invoice, order and web page of a
company registered at the RCS carries its registration number (SIREN)
preceded or followed by "RCS" and the city of the greffe, its registered
office, and "en liquidation" when it is; R123-238: a company also states
its legal form and the amount of its share capital. A penalty invoice is an
invoice and carries them too. The VAT number is checked against the SIREN
when given (CGI 242 nonies A for invoices).

:func:`identity_mentions` returns the mentions as ``(code, value)`` pairs
(the Odoo templates word and format them; amounts are formatted elsewhere)
and the codes of what is missing or inconsistent: while ``problems`` is not
empty, the document is not issued.
"""

from dataclasses import dataclass
from decimal import Decimal

from ._util import to_decimal

# Forms without share capital: no capital mention (R123-238 concerns
# companies).
FORMS_WITHOUT_CAPITAL = frozenset({"ei", "eirl", "micro", "association", "public"})
# La Poste's SIRETs do not follow the Luhn key (INSEE exception).
LA_POSTE_SIREN = "356000000"


@dataclass(frozen=True)
class CompanyFacts:
    name: str | None = None
    legal_form: str | None = None
    share_capital: Decimal | None = None
    rcs_city: str | None = None
    siren: str | None = None
    siret: str | None = None
    vat: str | None = None
    registered_office: str | None = None
    registered_rcs: bool = True
    in_liquidation: bool = False


@dataclass(frozen=True)
class IdentityMentions:
    """``mentions``: ``(code, value)`` in print order; ``missing``: mandatory
    items absent; ``invalid``: items present but wrong."""

    mentions: tuple
    missing: tuple
    invalid: tuple

    @property
    def problems(self):
        return self.missing + self.invalid


def _digits(value):
    return "".join(char for char in (value or "") if not char.isspace())


def luhn_valid(number):
    """Luhn key of a SIREN (9 digits) or SIRET (14 digits)."""
    if not number.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siren_valid(siren):
    return len(siren) == 9 and luhn_valid(siren)


def siret_valid(siret):
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return sum(int(char) for char in siret) % 5 == 0
    return luhn_valid(siret)


def french_vat_number(siren):
    """FR + key + SIREN, key = (12 + 3 x (SIREN mod 97)) mod 97."""
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def group_digits(number, sizes):
    """ "123456782" with (3, 3, 3) -> "123 456 782"."""
    parts, start = [], 0
    for size in sizes:
        parts.append(number[start : start + size])
        start += size
    return " ".join(part for part in parts if part)


def _check_numbers(facts, siren):
    """Invalid codes of the SIREN, SIRET and VAT number."""
    invalid = []
    if siren and not siren_valid(siren):
        invalid.append("siren_invalid")
    siret = _digits(facts.siret)
    if siret and (not siret_valid(siret) or (siren and not siret.startswith(siren))):
        invalid.append("siret_invalid")
    vat = _digits(facts.vat).upper()
    if vat.startswith("FR") and siren_valid(siren) and vat != french_vat_number(siren):
        invalid.append("vat_not_matching_siren")
    return invalid


def _missing(facts, form, siren):
    missing = [code for code in ("name", "legal_form") if not getattr(facts, code)]
    if form not in FORMS_WITHOUT_CAPITAL and facts.share_capital is None:
        missing.append("share_capital")
    if facts.registered_rcs and not (facts.rcs_city or "").strip():
        missing.append("rcs_city")
    if not siren:
        missing.append("siren")
    if not (facts.registered_office or "").strip():
        missing.append("registered_office")
    return missing


def identity_mentions(facts):
    """Legal mentions of the company on its documents (C. com. R123-237,
    R123-238) and the list of what is missing or invalid."""
    form = (facts.legal_form or "").strip().lower()
    siren = _digits(facts.siren)
    # "Menuiserie Durand SARL": a name that ends with its form says it once.
    named = (facts.name or "").strip().lower().endswith(f" {form}") if form else False
    mentions = [
        ("name", facts.name),
        ("legal_form", None if named else facts.legal_form),
    ]
    if facts.share_capital is not None and form not in FORMS_WITHOUT_CAPITAL:
        mentions.append(("share_capital", to_decimal(facts.share_capital)))
    if facts.in_liquidation:
        mentions.append(("in_liquidation", True))
    if facts.registered_rcs and facts.rcs_city and siren:
        city = facts.rcs_city.strip()
        mentions.append(("rcs", f"RCS {city} {group_digits(siren, (3, 3, 3))}"))
    elif siren:
        mentions.append(("siren", group_digits(siren, (3, 3, 3))))
    siret = _digits(facts.siret)
    if siret:
        mentions.append(("siret", group_digits(siret, (3, 3, 3, 5))))
    if facts.vat:
        mentions.append(("vat", _digits(facts.vat).upper()))
    mentions.append(("registered_office", facts.registered_office))
    mentions = [(code, value) for code, value in mentions if value]
    return IdentityMentions(
        tuple(mentions),
        tuple(_missing(facts, form, siren)),
        tuple(_check_numbers(facts, siren)),
    )
