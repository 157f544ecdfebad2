# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tier-1 test setup: load ``recouvrement_fr/core`` as the standalone package
``recouvrement_core``, without importing the add-on (whose ``__init__``
imports odoo)."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

CORE_PACKAGE = "recouvrement_core"
CORE_DIR = Path(__file__).resolve().parent.parent / "recouvrement_fr" / "core"


def _load_core():
    if CORE_PACKAGE in sys.modules:
        return sys.modules[CORE_PACKAGE]
    spec = importlib.util.spec_from_file_location(
        CORE_PACKAGE,
        CORE_DIR / "__init__.py",
        submodule_search_locations=[str(CORE_DIR)],
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[CORE_PACKAGE] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[CORE_PACKAGE]
        raise
    return module


_load_core()


# pytest-odoo, when installed, adds session-wide autouse fixtures that build an
# Odoo registry. Tier-1 tests need no database: neutralise them here (a
# conftest fixture overrides a plugin fixture of the same name).
@pytest.fixture(scope="session", autouse=True)
def load_registry():
    yield


@pytest.fixture(scope="session", autouse=True)
def load_http():
    yield


@pytest.fixture(scope="module", autouse=True)
def enable_odoo_test_flag():
    yield


# No per-example deadline (slow CI machines); derandomized so a failure
# reproduces; HYPOTHESIS_PROFILE=dev explores new examples on each run.
settings.register_profile("ci", deadline=None, derandomize=True, max_examples=150)
settings.register_profile("dev", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
