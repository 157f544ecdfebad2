# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The hoot unit tests of the screens (static/tests/*.test.js), run in
headless Chromium like Odoo's own ``web`` suite, but only this add-on's."""

import logging
import re
from pathlib import Path
from urllib.parse import quote

from odoo.tests import HttpCase, no_retry, tagged

from odoo.addons.web.tests.test_js import unit_test_error_checker

JS_TESTS = Path(__file__).resolve().parent.parent / "static" / "tests"
# hoot names a test "<suite path>/<test name>", the suite path of
# static/tests/foo.test.js being "@recouvrement_fr/foo": this regular
# expression (hoot's "/.../" filter syntax) selects this add-on's tests only.
HOOT_FILTER = r"/^@recouvrement_fr\//"
PASSED = re.compile(r"\[HOOT\] passed (\d+) tests")


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def declared_tests():
    """The tests the files declare: one ``test(`` at the start of a line each."""
    return sum(
        len(re.findall(r"^test\(", path.read_text(encoding="utf-8"), re.M))
        for path in JS_TESTS.glob("*.test.js")
    )


@tagged("post_install", "-at_install")
class TestJsUnits(HttpCase):
    @no_retry
    def test_hoot_units(self):
        expected = declared_tests()
        self.assertTrue(expected, "no hoot test found in static/tests")
        url = (
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&filter={quote(HOOT_FILTER, safe='')}"
        )
        lines = _Lines()
        level = self._logger.level
        self._logger.addHandler(lines)
        self._logger.setLevel(logging.INFO)
        try:
            self.browser_js(
                url,
                "",
                "",
                login="admin",
                timeout=900,
                success_signal="[HOOT] test suite succeeded",
                error_checker=unit_test_error_checker,
            )
        finally:
            self._logger.removeHandler(lines)
            self._logger.setLevel(level)
        passed = [int(m[1]) for line in lines.lines if (m := PASSED.search(line))]
        # A filter that selects nothing, or a file the bundle does not load,
        # would "succeed" with fewer tests: every declared test must have run.
        self.assertEqual(passed, [expected], "\n".join(lines.lines[-20:]))
