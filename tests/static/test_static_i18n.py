# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Static checks of the translations (i18n/fr.po, i18n/recouvrement_fr.pot)."""

import re

import polib
import pytest
from addon_files import ADDON_DIR, ADDON_NAME

I18N = ADDON_DIR / "i18n"
FR_PO = I18N / "fr.po"
POT = I18N / f"{ADDON_NAME}.pot"
# Python-format placeholders: %(name)s, %s, %d, %%, and {name}-style ones.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*[sdfr]")


def test_fr_po_exists():
    assert FR_PO.is_file(), "i18n/fr.po is missing (the add-on targets France)"


@pytest.fixture(scope="module")
def fr_po():
    if not FR_PO.is_file():
        pytest.skip("i18n/fr.po is missing (see test_fr_po_exists)")
    try:
        return polib.pofile(str(FR_PO), check_for_duplicates=True)
    except (OSError, ValueError) as error:
        pytest.fail(f"i18n/fr.po does not parse: {error}")


def _live(po):
    return [entry for entry in po if not entry.obsolete]


def test_fr_po_has_entries(fr_po):
    assert _live(fr_po), "i18n/fr.po has no message"


def test_fr_po_is_fully_translated(fr_po):
    untranslated = [e.msgid for e in _live(fr_po) if not e.msgstr.strip()]
    assert not untranslated, f"untranslated in fr.po: {untranslated[:20]}"


def test_fr_po_has_no_fuzzy_entry(fr_po):
    fuzzy = [e.msgid for e in _live(fr_po) if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy entries (Odoo ignores them): {fuzzy[:20]}"


def test_fr_po_keeps_the_placeholders(fr_po):
    """A translation that drops or renames %(name)s breaks at run time."""
    wrong = []
    for entry in _live(fr_po):
        if not entry.msgstr:
            continue
        source = sorted(PLACEHOLDER.findall(entry.msgid))
        target = sorted(PLACEHOLDER.findall(entry.msgstr))
        if "python-format" in entry.flags and source != target:
            wrong.append(f"{entry.msgid!r}: {source} != {target}")
    assert not wrong, "\n".join(wrong)


def test_pot_parses_and_is_translated(fr_po):
    if not POT.is_file():
        pytest.skip(f"no i18n/{POT.name}")
    pot = polib.pofile(str(POT), check_for_duplicates=True)
    assert _live(pot), f"{POT.name} is empty"
    translated = {(e.msgctxt, e.msgid) for e in _live(fr_po) if e.msgstr.strip()} | {
        (None, e.msgid) for e in _live(fr_po) if e.msgstr.strip()
    }
    missing = [e.msgid for e in _live(pot) if (e.msgctxt, e.msgid) not in translated]
    assert not missing, (
        f"{len(missing)} messages of {POT.name} lack a French translation, "
        f"e.g. {missing[:10]}"
    )


def test_python_messages_are_in_the_pot():
    """Every _() message of the Python code is extractable (as Odoo's export
    does it, with Babel) and present in the .pot, so fr.po can translate it."""
    extract = pytest.importorskip("babel.messages.extract")
    if not POT.is_file():
        pytest.skip(f"no i18n/{POT.name}")
    known = {e.msgid for e in _live(polib.pofile(str(POT)))}
    missing = []
    for path in sorted(ADDON_DIR.rglob("*.py")):
        if "tests" in path.relative_to(ADDON_DIR).parts:
            continue
        with path.open("rb") as source:
            found = extract.extract_python(source, ["_", "_lt"], [], {})
            for lineno, _func, message, _comments in found:
                msgid = message[0] if isinstance(message, tuple) else message
                if msgid and msgid not in known:
                    missing.append(f"{path.relative_to(ADDON_DIR)}:{lineno}: {msgid}")
    assert not missing, "\n".join(missing)
