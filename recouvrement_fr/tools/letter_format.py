# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

import babel.dates

from odoo.tools.misc import babel_locale_parse, format_date, get_lang, posix_to_ldml

from odoo.addons.base.models.res_lang import intersperse

from ..core.typography import french_long_date

NBSP = "\N{NO-BREAK SPACE}"
# After a minus sign: the amount is never cut from its sign at a line end.
MINUS = "-\N{ZERO WIDTH NO-BREAK SPACE}"


def long_date(env, day, lang_code=None):
    """A date written out in a letter's language: "1er décembre 2026" in
    French (the ordinal of the first day, core/typography.py), "1 December
    2026" otherwise."""
    code = lang_code or env.lang or ""
    if code.startswith("fr"):
        return french_long_date(day)
    return format_date(env, day, date_format="d MMMM y", lang_code=code or False)


class LetterFormat:
    """Dates and amounts written in one language, as ``odoo.tools``'
    ``format_date`` and ``format_amount`` write them, for the many figures of
    a letter or an e-mail: the language's settings are read once, not once
    per figure, and each date is written once.
    """

    def __init__(self, env, lang_code=None):
        lang = get_lang(env, lang_code)
        self.grouping = ast.literal_eval(lang.grouping)
        self.thousands_sep = lang.thousands_sep or ""
        self.decimal_point = lang.decimal_point
        self.locale = babel_locale_parse(lang.code)
        self.date_pattern = posix_to_ldml(lang.date_format, locale=self.locale)
        self._dates = {}

    def date(self, value):
        """``value`` in the language's date format; "" if empty. A date
        only: unlike ``format_date``, no time zone is applied to a datetime
        and no string is parsed (the letters print date fields)."""
        if not value:
            return ""
        text = self._dates.get(value)
        if text is None:
            text = babel.dates.format_date(
                value, format=self.date_pattern, locale=self.locale
            )
            self._dates[value] = text
        return text

    def amount(self, value, currency):
        """``value`` in ``currency``, with the language's separators and the
        symbol on the currency's side, joined by no-break spaces."""
        figures = f"{currency.round(value):.{currency.decimal_places}f}"
        whole, dot, decimals = figures.partition(".")
        whole = intersperse(whole, self.grouping, self.thousands_sep)[0]
        text = self.decimal_point.join([whole, decimals]) if dot else whole
        text = text.replace(" ", NBSP).replace("-", MINUS)
        symbol = currency.symbol or ""
        if currency.position == "before":
            return f"{symbol}{NBSP}{text}"
        return f"{text}{NBSP}{symbol}"
