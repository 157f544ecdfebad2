# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where scripts/bootstrap_odoo.sh takes Odoo 18 from, for given settings.

Cheap: fake Odoo trees (an ``odoo`` package with a release.py) stand for the
real thing, ``--print-plan`` says what would be done, and the only real runs
are those that stop before any install (no source, wrong source)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
SCRIPT = REPO_DIR / "scripts" / "bootstrap_odoo.sh"
KNOBS = (
    "ODOO_SRC",
    "ODOO_GIT_URL",
    "ODOO_GIT_BRANCH",
    "ODOO_BOOTSTRAP_DIR",
    "RFR_IGNORE_SYSTEM_ODOO",
    "PYTHONPATH",
)


def fake_odoo(root, major):
    """An Odoo-shaped tree: importable through PYTHONPATH, and a checkout."""
    package = root / "odoo"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "release.py").write_text(
        f"version_info = ({major}, 0, 0, 'final', 0, '')\n"
    )
    (root / "requirements.txt").write_text("passlib==1.7.4\n")
    return root


@pytest.fixture
def home(tmp_path):
    """The bootstrap's directory (instead of the repository's .odoo/)."""
    return tmp_path / "dot-odoo"


def run(home, *args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in KNOBS}
    environ.update(
        PYTHON=sys.executable,
        ODOO_BOOTSTRAP_DIR=str(home),
        ODOO_BOOTSTRAP_APT="0",
        LC_ALL="C",
    )
    environ.update({k: str(v) for k, v in env.items()})
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def plan(home, **env):
    result = run(home, "--print-plan", **env)
    lines = dict(
        line.split("=", 1) for line in result.stdout.splitlines() if "=" in line
    )
    return result.returncode, lines


def test_an_importable_odoo_18_comes_first(tmp_path, home):
    system = fake_odoo(tmp_path / "system", 18)
    checkout = fake_odoo(tmp_path / "checkout", 18)
    rc, got = plan(home, PYTHONPATH=system, ODOO_SRC=checkout)
    assert rc == 0
    assert got["source"] == "system"
    assert got["odoo"] == str(system)
    assert got["python"] == sys.executable, "an importable Odoo needs no venv"


def test_an_importable_odoo_17_is_not_taken(tmp_path, home):
    system = fake_odoo(tmp_path / "system", 17)
    checkout = fake_odoo(tmp_path / "checkout", 18)
    rc, got = plan(home, PYTHONPATH=system, ODOO_SRC=checkout)
    assert rc == 0
    assert got["source"] == "odoo_src"
    assert got["odoo"] == str(checkout)


def test_ignoring_the_importable_odoo_uses_odoo_src_in_a_venv(tmp_path, home):
    system = fake_odoo(tmp_path / "system", 18)
    checkout = fake_odoo(tmp_path / "checkout", 18)
    rc, got = plan(home, PYTHONPATH=system, ODOO_SRC=checkout, RFR_IGNORE_SYSTEM_ODOO=1)
    assert rc == 0
    assert got["source"] == "odoo_src"
    assert got["odoo"] == str(checkout)
    assert got["python"] == str(home / "venv" / "bin" / "python")


def test_odoo_src_of_another_version_is_refused(tmp_path, home):
    checkout = fake_odoo(tmp_path / "odoo17", 17)
    (home / "src").mkdir(parents=True)
    fake_odoo(home / "src", 18)
    rc, got = plan(home, ODOO_SRC=checkout, RFR_IGNORE_SYSTEM_ODOO=1)
    assert rc == 2, "a wrong ODOO_SRC must not fall back silently"
    assert got["source"] == "error"
    assert f"ODOO_SRC={checkout}" in got["message"]


def test_the_project_checkout_comes_before_a_clone(tmp_path, home):
    fake_odoo(home / "src", 18)
    rc, got = plan(home, ODOO_GIT_URL="file:///elsewhere", RFR_IGNORE_SYSTEM_ODOO=1)
    assert rc == 0
    assert got["source"] == "project"
    assert got["odoo"] == str(home / "src")


def test_without_any_checkout_it_plans_a_clone(home):
    rc, got = plan(home, ODOO_GIT_URL="file:///srv/odoo.git", RFR_IGNORE_SYSTEM_ODOO=1)
    assert rc == 0
    assert (got["source"], got["url"], got["branch"]) == (
        "clone",
        "file:///srv/odoo.git",
        "18.0",
    )
    assert got["odoo"] == str(home / "src")
    rc, got = plan(home, RFR_IGNORE_SYSTEM_ODOO=1)
    assert got["url"].endswith("/odoo/odoo.git"), "default: the upstream repository"


def test_no_source_at_all_says_what_to_set_in_one_line(tmp_path, home):
    result = run(
        home,
        ODOO_GIT_URL=f"file://{tmp_path}/nonexistent",
        RFR_IGNORE_SYSTEM_ODOO=1,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, errors
    assert "ODOO_SRC" in errors[0] and "ODOO_GIT_URL" in errors[0]
    assert "git clone failed: fatal:" in errors[0], "git's reason is in the line"
    assert not (home / "src").exists() and not (home / "src.partial").exists()
    assert not (home / "venv").exists()


def git(*args, cwd):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_a_clone_that_is_not_odoo_18_is_dropped(tmp_path, home):
    repo = fake_odoo(tmp_path / "repo", 17)
    git("init", "-q", "-b", "18.0", ".", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "odoo 17 on a branch named 18.0", cwd=repo)
    result = run(home, ODOO_GIT_URL=f"file://{repo}", RFR_IGNORE_SYSTEM_ODOO=1)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "is not Odoo 18" in result.stderr
    assert not (home / "src").exists(), "a wrong clone must not be kept"


def test_odoo_requirements_are_rewritten_for_pypi(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "psycopg2==2.9.5 ; python_version == '3.11'\n"
        "psycopg2\n"
        "python-ldap==3.4.0 ; sys_platform != 'win32'\n"
        "python-ldap-extra==1.0\n"
        "passlib==1.7.4\n"
    )
    result = subprocess.run(
        [
            "bash",
            "-c",
            f'source "{SCRIPT}" && bs_odoo_requirements "$1"',
            "-",
            requirements,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [x for x in result.stdout.splitlines() if not x.startswith("#")]
    assert lines == [
        "psycopg2-binary==2.9.5 ; python_version == '3.11'",
        "psycopg2-binary",
        "python-ldap-extra==1.0",
        "passlib==1.7.4",
    ]
