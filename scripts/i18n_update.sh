#!/usr/bin/env bash
# Re-export recouvrement_fr's terms from an installed database and merge them
# into i18n/fr.po, so that the .pot lists every term the add-on shows (field
# labels, selections, views, reports, Python and JS messages) and fr.po keeps
# its translations, new terms left empty for a translator.
#
#   scripts/i18n_update.sh ODOO_CONF DB
#
# The database must have the add-on installed and up to date (-u). Then fill
# the empty msgstr of fr.po; tests/static/test_static_i18n.py and
# recouvrement_fr/tests/test_i18n_complete.py fail until every term is French.
set -euo pipefail
conf=${1:?usage: scripts/i18n_update.sh ODOO_CONF DB}
db=${2:?usage: scripts/i18n_update.sh ODOO_CONF DB}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
i18n=$repo/recouvrement_fr/i18n
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m odoo -c "$conf" -d "$db" --i18n-export="$tmp/new.pot" \
    --modules=recouvrement_fr --stop-after-init --no-http --log-level=warn
# The rebranded builds name themselves in the header: keep Odoo's name.
sed -i -E 's/^"Project-Id-Version: [A-Za-z]+ Server/"Project-Id-Version: Odoo Server/' "$tmp/new.pot"
msgmerge --no-fuzzy-matching -q "$i18n/fr.po" "$tmp/new.pot" -o "$tmp/merged.po"
msgattrib --no-obsolete -o "$tmp/fr.po" "$tmp/merged.po"
cp "$tmp/new.pot" "$i18n/recouvrement_fr.pot"
cp "$tmp/fr.po" "$i18n/fr.po"
"${PYTHON:-python3}" - "$i18n/fr.po" <<'PY'
import sys

import polib

empty = [e.msgid for e in polib.pofile(sys.argv[1]) if not e.obsolete and not e.msgstr]
print(f"{len(empty)} terms to translate in fr.po")
for msgid in empty:
    print("  ", msgid[:100])
PY
