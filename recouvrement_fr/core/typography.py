# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""French typography of the letters: spacing, dates, phone numbers, the
addressee's civility and agreement.

French usage (Imprimerie nationale, *Lexique des règles typographiques*):
a narrow no-break space before ``; : ! ?``; "1er" for the first day of a
month; telephone numbers in pairs of digits. Amounts are formatted
elsewhere (the currency's own format): not here.
"""

import re
from dataclasses import dataclass

NNBSP = "\u202f"  # narrow no-break space
_SPACES = " \u00a0\u202f"
_HIGH_PUNCTUATION = ";:!?"
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>\"]*", re.IGNORECASE)
_BEFORE_PUNCTUATION = re.compile(r"[ \u00a0\u202f]*([;:!?])")

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

MASCULINE = "masculine"
FEMININE = "feminine"
NEUTRAL = "neutral"
_GENDERS = {
    "masculine": MASCULINE,
    "m": MASCULINE,
    "male": MASCULINE,
    "monsieur": MASCULINE,
    "mr": MASCULINE,
    "feminine": FEMININE,
    "f": FEMININE,
    "female": FEMININE,
    "madame": FEMININE,
    "mme": FEMININE,
    "mrs": FEMININE,
    "ms": FEMININE,
}
# Overseas departments in the French numbering plan: +262 262 ... is
# 0262 ... when dialled from France.
FRENCH_OVERSEAS_CODES = ("262", "590", "594", "596")


def _space_segment(text, previous):
    """Narrow no-break space before the high punctuation of ``text``;
    ``previous`` is the character before the segment ('' at the start)."""

    def fix(match):
        start, end = match.span()
        before = text[start - 1] if start else previous
        after = text[end] if end < len(text) else ""
        mark = match.group(1)
        if not before or before in _SPACES:
            return match.group(0)  # start of a line: nothing to attach to
        if before in _HIGH_PUNCTUATION:
            return mark  # "?!" stays together
        if mark == ":" and start + 1 == end and before.isdigit() and after.isdigit():
            return mark  # a time or ratio: 10:30
        return NNBSP + mark

    return _BEFORE_PUNCTUATION.sub(fix, text)


def french_spacing(text):
    """``text`` with one narrow no-break space before ``; : ! ?``: added
    where missing, a plain or wide no-break space replaced, never doubled;
    URLs, e-mail links and times (10:30) left as they are."""
    if not text:
        return text
    parts = []
    position = 0
    for url in _URL.finditer(text):
        segment = text[position : url.start()]
        previous = text[position - 1] if position else ""
        parts.append(_space_segment(segment, previous))
        parts.append(url.group(0))
        position = url.end()
    previous = text[position - 1] if position else ""
    parts.append(_space_segment(text[position:], previous))
    return "".join(parts)


def french_long_date(day):
    """ "1er décembre 2026", "2 décembre 2026"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def _group_national(national):
    return " ".join(national[index : index + 2] for index in range(0, 10, 2))


def _national_number(digits):
    """The 10-digit national form of a French number, or None."""
    if digits.startswith("+"):
        international = digits[1:]
    elif digits.startswith("00"):
        international = digits[2:]
    else:
        international = None
    if international is None:
        national = digits
    elif international.startswith("33") and len(international) == 11:
        national = "0" + international[2:]
    elif international[:3] in FRENCH_OVERSEAS_CODES and len(international) == 12:
        national = "0" + international[3:]
    else:
        return None
    if len(national) == 10 and national.isdigit() and national[0] == "0":
        return national if national[1] != "0" else None
    return None


def french_phone(number):
    """French numbers as "04 78 12 34 56" (also from "+33 4 78 12 34 56",
    "0033478123456", "+33 (0)4 78..."); any other number kept as given
    (spaces trimmed)."""
    if not number:
        return number
    cleaned = re.sub(r"[\s.\-/()]", "", number.replace("(0)", ""))
    national = _national_number(cleaned)
    return _group_national(national) if national else " ".join(number.split())


def grammatical_gender(gender):
    """:data:`MASCULINE`, :data:`FEMININE` or :data:`NEUTRAL` (unknown)."""
    return _GENDERS.get((gender or "").strip().lower().rstrip("."), NEUTRAL)


def agree(masculine, feminine, gender):
    """The form agreeing with the addressee ("engagé" / "engagée"), or None
    when the gender is unknown: the template then uses its neutral
    phrasing (e.g. "vous vous étiez engagé" -> "votre engagement")."""
    kind = grammatical_gender(gender)
    if kind == MASCULINE:
        return masculine
    if kind == FEMININE:
        return feminine
    return None


@dataclass(frozen=True)
class Salutation:
    """``code``: madame_name / monsieur_name / name_only / madame_monsieur."""

    code: str
    text: str


def salutation(gender=None, last_name=None, first_name=None):
    """The letter's salutation: "Madame Dupont," / "Monsieur Martin,"; a
    person of unknown civility by name ("Camille Dupont,"); "Madame,
    Monsieur," only when no person is known."""
    last_name = (last_name or "").strip()
    kind = grammatical_gender(gender)
    if last_name and kind == FEMININE:
        return Salutation("madame_name", f"Madame {last_name},")
    if last_name and kind == MASCULINE:
        return Salutation("monsieur_name", f"Monsieur {last_name},")
    if last_name:
        full = " ".join(
            part for part in ((first_name or "").strip(), last_name) if part
        )
        return Salutation("name_only", f"{full},")
    return Salutation("madame_monsieur", "Madame, Monsieur,")


def grouped_iban(number):
    """An IBAN as it is printed for a reader (ECBS EBS204: groups of four
    characters separated by a space, capitals), e.g.
    "FR76 3000 6000 0112 3456 7890 189"; anything that is not an IBAN
    (two letters, two check digits, then letters and digits) is returned
    as given."""
    compact = "".join((number or "").split()).upper()
    if not (
        len(compact) > 4
        and compact[:2].isalpha()
        and compact[2:4].isdigit()
        and compact.isalnum()
    ):
        return number
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
