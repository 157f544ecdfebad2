# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Static checks of the manifest and of the add-on's file layout."""

import ast
import re

import pytest
from addon_files import (
    ADDON_DIR,
    DATA_DIRS,
    addon_files,
    manifest,
    manifest_files,
    rel,
)


def test_manifest_is_a_literal_dict():
    assert isinstance(manifest(), dict)
    assert manifest()["name"], "the manifest needs a name"


def test_manifest_version_is_odoo_18():
    version = manifest().get("version", "")
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", version), (
        f"version {version!r} must look like 18.0.x.y.z"
    )


def test_manifest_license_author_maintainers():
    data = manifest()
    assert data.get("license") == "AGPL-3"
    assert data.get("author"), "the manifest needs an author"
    maintainers = data.get("maintainers")
    assert isinstance(maintainers, list) and maintainers, "maintainers: a list"
    assert "description" not in data, "no description key: README.rst documents"
    assert data.get("installable", True) is True
    assert data.get("depends"), "the add-on depends at least on account"


def test_manifest_lists_data_files():
    assert manifest().get("data"), "the manifest lists no data file"


@pytest.mark.parametrize("key", ["data", "demo"])
def test_manifest_files_exist(key):
    missing = [
        name for name in manifest().get(key, []) if not (ADDON_DIR / name).is_file()
    ]
    assert not missing, f"{key} files listed in the manifest but missing: {missing}"


def test_manifest_has_no_duplicate_file():
    files = manifest_files()
    duplicates = sorted({name for name in files if files.count(name) > 1})
    assert not duplicates, f"listed twice in the manifest: {duplicates}"


def test_every_data_file_is_in_the_manifest():
    on_disk = [
        rel(path)
        for folder in DATA_DIRS
        for pattern in ("**/*.xml", "**/*.csv")
        for path in addon_files(f"{folder}/{pattern}")
    ]
    assert on_disk, "no XML/CSV data file found: is the add-on empty?"
    listed = set(manifest_files())
    forgotten = sorted(set(on_disk) - listed)
    assert not forgotten, (
        f"data files that Odoo will never load (add them to the manifest): {forgotten}"
    )


def test_there_are_view_files():
    views = addon_files("views/*.xml")
    assert views, "no views/*.xml file"
    assert any(rel(p) in manifest_files() for p in views)


def test_security_files_are_loaded_before_views():
    files = manifest().get("data", [])
    security = [i for i, name in enumerate(files) if name.startswith("security/")]
    views = [i for i, name in enumerate(files) if name.startswith("views/")]
    assert security, "no security file in data"
    assert max(security) < min(views, default=len(files)), (
        "security files must come before views in the manifest's data"
    )


def _asset_globs(bundle):
    globs = []
    for item in manifest().get("assets", {}).get(bundle, []):
        # an item is a path/glob, or a tuple such as ("include", "bundle")
        globs.append(item if isinstance(item, str) else item[-1])
    return globs


def _js_test_bundle(path):
    """Tours (static/tests/tours/) go to web.assets_tests, the hoot unit
    tests and their helpers (the other files of static/tests/) to
    web.assets_unit_tests."""
    return "web.assets_tests" if "/tours/" in rel(path) else "web.assets_unit_tests"


def _glob_matches(relpath, pattern):
    # the assets' globs: "*" does not cross a "/", "**" does
    parts = re.split(r"(\*\*/?|\*)", pattern)
    regex = "".join(
        ".*" if part.startswith("**") else "[^/]*" if part == "*" else re.escape(part)
        for part in parts
    )
    return re.fullmatch(regex, relpath) is not None


def test_js_test_files_are_in_their_test_bundle():
    """A tour file not in web.assets_tests is never loaded: the tour test then
    fails with "tour not found" only in tier 2; a hoot test file not in
    web.assets_unit_tests never runs. Catch both here."""
    files = addon_files("static/tests/**/*.js")
    not_loaded = [
        f"{rel(path)} ({_js_test_bundle(path)})"
        for path in files
        if not any(
            _glob_matches(f"recouvrement_fr/{rel(path)}", pattern)
            for pattern in _asset_globs(_js_test_bundle(path))
        )
    ]
    assert not not_loaded, f"JS test files missing from their bundle: {not_loaded}"


def test_hoot_test_files_exist():
    """The screens' unit tests (tests/test_js_units.py runs them)."""
    assert addon_files("static/tests/*.test.js"), "no hoot test in static/tests/"


@pytest.mark.parametrize(
    "bundle", ["web.assets_backend", "web.assets_tests", "web.assets_unit_tests"]
)
def test_asset_globs_match_files(bundle):
    for pattern in _asset_globs(bundle):
        if not pattern.startswith("recouvrement_fr/"):
            continue  # another add-on's file or an include
        matches = list(ADDON_DIR.parent.glob(pattern))
        assert matches, f"asset {pattern!r} of {bundle} matches no file"


def _imported_submodules(init_path):
    tree = ast.parse(init_path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("folder", ["models", "wizards", "report", "controllers"])
def test_python_files_are_imported(folder):
    """A model file that its package's __init__ forgets is silently ignored."""
    modules = [p for p in addon_files(f"{folder}/*.py") if p.name != "__init__.py"]
    if not modules:
        pytest.skip(f"no Python file in {folder}/")
    init = ADDON_DIR / folder / "__init__.py"
    assert init.is_file(), f"{folder}/__init__.py missing"
    imported = _imported_submodules(init)
    forgotten = sorted(p.stem for p in modules if p.stem not in imported)
    assert not forgotten, f"{folder}/__init__.py does not import {forgotten}"
    assert folder in _imported_submodules(ADDON_DIR / "__init__.py"), (
        f"the add-on's __init__.py does not import {folder}"
    )


def test_test_files_are_imported():
    """Odoo's own runner only runs the test modules that tests/__init__.py
    imports (pytest would still find them: the two would disagree)."""
    tests = addon_files("tests/test_*.py")
    assert tests, "the add-on has no tier-2 test (recouvrement_fr/tests/test_*.py)"
    imported = _imported_submodules(ADDON_DIR / "tests" / "__init__.py")
    forgotten = sorted(p.stem for p in tests if p.stem not in imported)
    assert not forgotten, f"tests/__init__.py does not import {forgotten}"
