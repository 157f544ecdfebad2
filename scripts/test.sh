#!/usr/bin/env bash
# The one test command of this repository (`make test`, `.ci/run`).
#
# Tier 1 (always, no Odoo needed):
#   - pytest tests/                  core unit tests + static checks of the add-on
#   - ruff check, ruff format --check
#   - pylint-odoo (.pylintrc-mandatory) and OCA's oca-checks-odoo-module / -po
# Tier 2 (Odoo 18 made importable first by scripts/bootstrap_odoo.sh: an
# importable odoo as it is, else ODOO_SRC, else .odoo/src, else a shallow clone
# of ODOO_GIT_URL, in a virtualenv .odoo/venv whose python then runs both
# tiers; without any source, tier 1 runs and the summary says tier 2 did not):
#   - a throwaway PostgreSQL cluster (scripts/pg_cluster.sh)
#   - DB A: install l10n_fr_account + the add-on; DB B: the add-on alone
#     (both --without-demo=all), in parallel; an install fails on a non-zero
#     exit, on any ERROR/CRITICAL log line, or if the module is not "installed"
#   - the add-on's tests (recouvrement_fr/tests) with pytest-odoo against A,
#     then against B, with --odoo-http so HttpCase tests (browser tours, in
#     headless Chromium) run too; a skipped browser test fails the run
#   - the same tests once more through Odoo's own runner on A
#     (`-u <addon> --test-tags /<addon>`), which only sees the test modules
#     that tests/__init__.py imports and honours at_install/post_install
#   - scripts/concurrency_check.py on a copy of A: two processes run the
#     escalation cron at once, one is killed -9 mid-communicate and rerun,
#     against a real SMTP server on 127.0.0.1 (one counted check)
#
# Ends with a summary and the line `N passed, N failed[, N skipped]`, where the
# counts add up the tests of every pytest and Odoo run plus one per lint and
# install step. Exits non-zero if anything failed.
#
# Environment knobs (all optional):
#   PYTHON=python3        interpreter that has the tools (and Odoo)
#   TEST_TIER=1           run tier 1 only (no bootstrap)
#   ODOO_SRC, ODOO_GIT_URL, ODOO_BOOTSTRAP_DIR, ODOO_BOOTSTRAP_APT,
#   RFR_IGNORE_SYSTEM_ODOO   where Odoo comes from: see scripts/bootstrap_odoo.sh
#   TEST_ODOO_RUNNER=0    skip the Odoo-runner pass
#   STEP_TIMEOUT=1800     seconds allowed to each Odoo/pytest step
#   KEEP_WORK=1           keep the temporary directory (logs, filestore)
#   PG_BIN=...            PostgreSQL server binaries directory
#   TEST_ADDON / TEST_ADDONS_DIR   another add-on and its folder, for testing
#                                  this harness itself (tier 2 only)
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_DIR"

PYTHON=${PYTHON:-python3}
ADDON=${TEST_ADDON:-recouvrement_fr}
ADDONS_DIR=$(cd "${TEST_ADDONS_DIR:-$REPO_DIR}" && pwd)
STEP_TIMEOUT=${STEP_TIMEOUT:-1800}
DB_A=rfr_test_l10n_fr
DB_B=rfr_test_bare
DB_C=rfr_test_queue_job

# shellcheck source=scripts/pg_cluster.sh
source "$REPO_DIR/scripts/pg_cluster.sh"
# shellcheck source=scripts/bootstrap_odoo.sh
source "$REPO_DIR/scripts/bootstrap_odoo.sh"

WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rfr-test.XXXXXX")
BG_PIDS=()

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local pid
    for pid in "${BG_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    pg_cluster_stop || true
    if [[ -n "${KEEP_WORK:-}" ]]; then
        echo "(temporary files kept in $WORK_DIR)"
    else
        rm -rf "$WORK_DIR"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_interruptible CMD...: run CMD in the background and wait for it. Bash
# defers a trapped TERM/INT until a foreground child exits; `wait` returns at
# once, so the cleanup trap can stop the child (and the cluster) promptly.
run_interruptible() {
    "$@" &
    local pid=$! rc=0
    BG_PIDS+=("$pid")
    wait "$pid" || rc=$?
    forget_pid "$pid"
    return "$rc"
}

# forget_pid PID: it has exited, never signal it again (its number may be
# reused by another process).
forget_pid() {
    local kept=() pid
    for pid in "${BG_PIDS[@]}"; do
        [[ $pid == "$1" ]] || kept+=("$pid")
    done
    BG_PIDS=("${kept[@]}")
}

# ----------------------------------------------------------------------------
# bookkeeping

TIER2_NOT_RUN=""
TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
SUMMARY=()

banner() {
    printf '\n==> %s\n' "$*"
}

# join_by SEPARATOR WORDS...
join_by() {
    local separator=$1 first=$2
    shift 2
    printf '%s' "$first" "${@/#/$separator}"
}

# record STATUS NAME PASSED FAILED SKIPPED [NOTE]
record() {
    local status=$1 name=$2 passed=$3 failed=$4 skipped=$5 note=${6:-}
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
    SUMMARY+=("$(printf '%-4s  %-52s %4s passed %4s failed %4s skipped  %s' \
        "$status" "$name" "$passed" "$failed" "$skipped" "$note")")
}

# run_check NAME CMD...: a lint-like step, counted as one check.
run_check() {
    local name=$1
    shift
    banner "$name"
    if "$@"; then
        record ok "$name" 1 0 0
    else
        echo "FAILED: $name" >&2
        record FAIL "$name" 0 1 0
    fi
}

# junit_counts FILE -> "passed failed skipped" (failed includes errors)
junit_counts() {
    "$PYTHON" - "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print("0 0 0")
    raise SystemExit
suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
tests = failed = skipped = 0
for suite in suites:
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(tests - failed - skipped, failed, skipped)
EOF
}

# run_pytest NAME TEST_DIR JUNIT_FILE PYTEST_ARGS...
run_pytest() {
    local name=$1 test_dir=$2 junit=$3
    shift 3
    banner "$name"
    local rc=0
    run_interruptible timeout --kill-after=30 "$STEP_TIMEOUT" \
        "$PYTHON" -m pytest -p no:cacheprovider --junitxml="$junit" "$@" "$test_dir" ||
        rc=$?
    local passed failed skipped
    read -r passed failed skipped < <(junit_counts "$junit")
    if [[ $rc == 5 ]]; then
        # pytest: no test collected
        if find "$test_dir" -name 'test_*.py' 2>/dev/null | grep -q .; then
            echo "FAILED: $name collected no test although $test_dir has test files" >&2
            record FAIL "$name" 0 1 0 "no test collected"
        else
            echo "WARNING: $name: no test in $test_dir" >&2
            record warn "$name" 0 0 0 "no test collected"
        fi
        return 0
    fi
    if [[ $rc == 124 || $rc == 137 ]]; then
        echo "FAILED: $name timed out after ${STEP_TIMEOUT}s" >&2
        record FAIL "$name" "$passed" $((failed + 1)) "$skipped" "timeout"
    elif [[ $rc != 0 && $failed == 0 ]]; then
        # usage error, internal error, interrupted...: count the run itself
        echo "FAILED: $name exited with $rc" >&2
        record FAIL "$name" "$passed" 1 "$skipped" "pytest exit $rc"
    elif [[ $rc != 0 ]]; then
        record FAIL "$name" "$passed" "$failed" "$skipped"
    else
        record ok "$name" "$passed" "$failed" "$skipped"
    fi
}

# ----------------------------------------------------------------------------
# tier 1

# oca_check MODULE ARGS...: OCA's odoo-pre-commit-hooks (their `python -m`
# entry ignores the exit status, so call main() ourselves).
oca_check() {
    local module=$1
    shift
    "$PYTHON" -c "import sys
from oca_pre_commit_hooks.$module import main
sys.exit(main(sys.argv[1:]))" "$@"
}

# The repository's add-ons: recouvrement_fr and its glue add-ons.
ADDON_DIRS=()
for manifest in "$REPO_DIR"/recouvrement_fr*/__manifest__.py; do
    ADDON_DIRS+=("$(dirname "$manifest")")
done
PAYMENT_GLUE=recouvrement_fr_payment

tier1() {
    run_pytest "tier 1: pytest tests/ (core + static)" tests \
        "$WORK_DIR/tier1.xml" -p no:odoo -q

    run_check "tier 1: ruff check" \
        "$PYTHON" -m ruff check --no-fix --output-format=concise "$REPO_DIR"
    run_check "tier 1: ruff format --check" \
        "$PYTHON" -m ruff format --check "$REPO_DIR"

    if "$PYTHON" -c "import pylint_odoo" 2>/dev/null; then
        run_check "tier 1: pylint-odoo (mandatory checks)" \
            "$PYTHON" -m pylint --rcfile="$REPO_DIR/.pylintrc-mandatory" \
            --output-format=text "${ADDON_DIRS[@]}"
    else
        banner "tier 1: pylint-odoo (mandatory checks)"
        echo "FAILED: pylint-odoo is not installed" \
            "(pip install -r requirements-test.txt)" >&2
        record FAIL "tier 1: pylint-odoo (mandatory checks)" 0 1 0 "not installed"
    fi

    if "$PYTHON" -c "import oca_pre_commit_hooks" 2>/dev/null; then
        run_check "tier 1: oca-checks-odoo-module" \
            oca_check cli "${ADDON_DIRS[@]}"
        local po_files=()
        mapfile -t po_files < <(find "$REPO_DIR"/recouvrement_fr*/i18n \
            -name '*.po' -o -name '*.pot' 2>/dev/null | sort)
        if ((${#po_files[@]})); then
            run_check "tier 1: oca-checks-po" \
                oca_check cli_po --disable=po-pretty-format "${po_files[@]}"
        fi
    else
        banner "tier 1: oca-checks-odoo-module"
        echo "FAILED: oca-odoo-pre-commit-hooks is not installed" \
            "(pip install -r requirements-test.txt)" >&2
        record FAIL "tier 1: oca-checks-odoo-module" 0 1 0 "not installed"
    fi
}

# ----------------------------------------------------------------------------
# tier 2

# Sets ODOO_ROOT and ODOO_CMD, or returns 1 when Odoo 18 is not importable.
find_odoo() {
    local info
    if ! info=$("$PYTHON" - 2>/dev/null <<'EOF'
import os

import odoo
import odoo.release

package = os.path.dirname(os.path.abspath(odoo.__file__))
print(
    odoo.release.version_info[0],
    os.path.dirname(package),
    int(os.path.isfile(os.path.join(package, "__main__.py"))),
)
EOF
    ); then
        TIER2_NOT_RUN="Odoo is not importable: tier 2 (Odoo tests) NOT run"
        echo "$TIER2_NOT_RUN"
        return 1
    fi
    local major has_main
    read -r major ODOO_ROOT has_main <<<"$info"
    if [[ $major != 18 ]]; then
        TIER2_NOT_RUN="Odoo $major found, this add-on needs Odoo 18: tier 2 (Odoo tests) NOT run"
        echo "$TIER2_NOT_RUN"
        return 1
    fi
    if [[ $has_main == 1 ]]; then
        ODOO_CMD=("$PYTHON" -m odoo)
    elif [[ -f "$ODOO_ROOT/odoo-bin" ]]; then
        ODOO_CMD=("$PYTHON" "$ODOO_ROOT/odoo-bin")
    else
        TIER2_NOT_RUN="Odoo 18 imports but has neither odoo/__main__.py nor odoo-bin:"
        TIER2_NOT_RUN+=" tier 2 (Odoo tests) NOT run"
        echo "$TIER2_NOT_RUN"
        return 1
    fi
    echo "Odoo 18 found in $ODOO_ROOT (run as: ${ODOO_CMD[*]})"
}

write_odoo_conf() {
    local addons_path=$ADDONS_DIR
    if [[ -d "$ODOO_ROOT/addons" ]]; then
        addons_path+=",$ODOO_ROOT/addons"
    fi
    ODOO_CONF=$WORK_DIR/odoo.conf
    cat >"$ODOO_CONF" <<EOF
[options]
db_host = $PG_HOST
db_port = $PG_PORT
db_user = $PG_USER
db_password = False
addons_path = $addons_path
data_dir = $WORK_DIR/odoo-data
screenshots = $WORK_DIR/screenshots
http_interface = 127.0.0.1
max_cron_threads = 0
workers = 0
without_demo = all
list_db = True
EOF
}

# The add-on Odoo will load must be this checkout's: a copy installed with pip
# (`pip install -e .` of another checkout, odoo-addon-recouvrement_fr) comes
# first in odoo.addons.__path__ and would silently be tested instead.
check_addon_path() {
    local found
    found=$("$PYTHON" - "$ODOO_CONF" "$ADDON" <<'EOF'
import os
import sys

import odoo.tools

odoo.tools.config.parse_config(["-c", sys.argv[1]])
from odoo.modules.module import get_module_path

path = get_module_path(sys.argv[2], display_warning=False)
print(os.path.realpath(path) if path else "")
EOF
    )
    if [[ "$found" != "$(realpath "$ADDONS_DIR/$ADDON")" ]]; then
        echo "FAILED: Odoo would load $ADDON from '${found:-nowhere}'," \
            "not from $ADDONS_DIR/$ADDON. Uninstall the other copy" \
            "(pip uninstall recouvrement-fr-project odoo-addon-$ADDON)." >&2
        return 1
    fi
}

# Print the ERROR/CRITICAL records of an Odoo log (with their tracebacks).
odoo_log_errors() {
    awk '
        # a new log record: "YYYY-MM-DD HH:MM:SS,mmm PID LEVEL DB LOGGER: ..."
        $1 ~ /^[0-9]+-[0-9]+-[0-9]+$/ && $2 ~ /^[0-9:,]+$/ && $3 ~ /^[0-9]+$/ {
            show = ($4 == "ERROR" || $4 == "CRITICAL")
        }
        show { print; if (++n >= 400) exit }
    ' "$1"
}

# Print the WARNING records that name the add-on (logger or message).
odoo_log_addon_warnings() {
    awk -v addon="$ADDON" '
        $1 ~ /^[0-9]+-[0-9]+-[0-9]+$/ && $2 ~ /^[0-9:,]+$/ && $3 ~ /^[0-9]+$/ {
            show = 0
            if ($4 == "WARNING") {
                rest = ""  # the record without date, time, pid, level and db
                for (i = 6; i <= NF; i++) rest = rest " " $i
                show = index(rest, addon) > 0
            }
            if (show && ++n > 50) exit
        }
        show { print }
    ' "$1"
}

# Start an install in the background: start_install DB MODULES LOG
start_install() {
    local db=$1 modules=$2 log=$3
    timeout --kill-after=30 "$STEP_TIMEOUT" "${ODOO_CMD[@]}" -c "$ODOO_CONF" \
        -d "$db" -i "$modules" --without-demo=all --stop-after-init \
        --http-port="$(pg_free_port)" --log-level=info >"$log" 2>&1 &
    INSTALL_PID=$!
    BG_PIDS+=("$INSTALL_PID")
}

# finish_install NAME DB PID LOG
finish_install() {
    local name=$1 db=$2 pid=$3 log=$4 rc=0 problems=()
    wait "$pid" || rc=$?
    forget_pid "$pid"
    banner "$name"
    [[ $rc == 0 ]] || problems+=("odoo exited with $rc")
    [[ $rc == 124 || $rc == 137 ]] && problems+=("timeout after ${STEP_TIMEOUT}s")
    local errors
    errors=$(odoo_log_errors "$log")
    if [[ -n "$errors" ]]; then
        problems+=("ERROR/CRITICAL lines in the log")
        echo "$errors"
    fi
    local state
    state=$(pg_psql "$db" -Atc \
        "SELECT state FROM ir_module_module WHERE name = '$ADDON'" 2>/dev/null ||
        echo "no database")
    [[ $state == installed ]] || problems+=("$ADDON is '${state:-unknown}', not installed")
    # Odoo's warnings about the add-on are worth reading, but do not fail.
    odoo_log_addon_warnings "$log"
    if ((${#problems[@]})); then
        echo "FAILED: $name: $(join_by '; ' "${problems[@]}")" >&2
        if [[ -z "$errors" ]]; then
            echo "--- last lines of the log:" >&2
            tail -n 40 "$log" >&2
        fi
        record FAIL "$name" 0 1 0 "${problems[0]}"
        return 1
    fi
    echo "$ADDON installed in $db ($(grep -c ' INFO ' "$log") log lines, no error)"
    record ok "$name" 1 0 0
}

# run_odoo_tests NAME DB LOG: the add-on's tests through Odoo's own runner.
run_odoo_tests() {
    local name=$1 db=$2 log=$3 rc=0
    banner "$name"
    run_interruptible timeout --kill-after=30 "$STEP_TIMEOUT" "${ODOO_CMD[@]}" \
        -c "$ODOO_CONF" -d "$db" -u "$ADDON" --test-tags "/$ADDON" --stop-after-init \
        --http-port="$(pg_free_port)" --log-level=info >"$log" 2>&1 || rc=$?
    # "<F> failed, <E> error(s) of <N> tests when loading database '<db>'"
    local line
    line=$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database" \
        "$log" | tail -n 1 || true)
    local failures=0 errors=0 tests=0
    if [[ $line =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        failures=${BASH_REMATCH[1]}
        errors=${BASH_REMATCH[2]}
        tests=${BASH_REMATCH[3]}
    fi
    local skipped
    skipped=$(grep -cE " INFO \S+ odoo\.addons\.${ADDON}\.\S+: skipped " "$log" || true)
    local failed=$((failures + errors))
    local passed=$((tests - failed - skipped))
    ((passed >= 0)) || passed=0
    local problems=()
    ((failed == 0)) || problems+=("$failed test(s) failed")
    ((skipped == 0)) || problems+=("$skipped test(s) skipped")
    [[ -n "$line" ]] || problems+=("no test summary in the log")
    ((tests > 0)) || problems+=("no test ran")
    [[ $rc == 0 ]] || problems+=("odoo exited with $rc")
    local log_errors
    log_errors=$(odoo_log_errors "$log")
    [[ -n "$log_errors" ]] && echo "$log_errors"
    echo "${line:-no summary line}"
    if ((${#problems[@]})); then
        grep -E " INFO \S+ odoo\.addons\.${ADDON}\.\S+: skipped " "$log" || true
        echo "FAILED: $name: $(join_by '; ' "${problems[@]}")" >&2
        if [[ -z "$log_errors" ]]; then
            tail -n 40 "$log" >&2
        fi
        # a run that failed without any failing test still counts as a failure
        ((failed > 0)) || failed=1
        record FAIL "$name" "$passed" "$failed" "$skipped" "${problems[0]}"
    else
        record ok "$name" "$passed" 0 0
    fi
}

# OCA queue_job comes from PyPI without its dependencies (it declares
# odoo==18.0.*, which no index has). Its 18.0 series follows Odoo 18's
# stable branch: builds of Odoo 18 without odoo.api.private need 18.0.1.7.0 or
# older. Sets QUEUE_JOB=1 when it is importable.
QUEUE_JOB_GLUE=recouvrement_fr_queue_job
QUEUE_JOB=0
ensure_queue_job() {
    # (found, not imported: it imports other add-ons of Odoo's addons path)
    if ! "$PYTHON" -c "import importlib.util as u, sys; sys.exit(not u.find_spec('odoo.addons.queue_job'))" 2>/dev/null; then
        local spec="odoo-addon-queue-job==18.0.*"
        "$PYTHON" -c "import odoo.api as a; raise SystemExit(hasattr(a, 'private'))" \
            2>/dev/null && spec="odoo-addon-queue-job==18.0.1.7.0"
        banner "tier 2: pip install --no-deps $spec"
        "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-input \
            --no-deps "$spec" 2>&1 | grep -v '^WARNING' || true
    fi
    if "$PYTHON" -c "import importlib.util as u, sys; sys.exit(not u.find_spec('odoo.addons.queue_job'))" 2>/dev/null; then
        QUEUE_JOB=1
    else
        echo "queue_job could not be installed: $QUEUE_JOB_GLUE is not tested" >&2
        record FAIL "tier 2: queue_job" 0 1 0 "not installable"
    fi
}

# (The Debian packages it needs were installed, when missing and root, by
# odoo_bootstrap.)
tier2() {
    # Without these, nothing of tier 2 can run.
    local problems=()
    "$PYTHON" -c "import pytest_odoo" 2>/dev/null ||
        problems+=("pytest-odoo is not installed (pip install -r requirements-test.txt)")
    pg_find_bin || problems+=("PostgreSQL server binaries not found")
    if ((${#problems[@]})); then
        banner "tier 2: prerequisites"
        printf 'FAILED: %s\n' "${problems[@]}" >&2
        record FAIL "tier 2: prerequisites" 0 1 0 "${problems[0]}"
        return 0
    fi
    # Without these, Odoo skips the browser tests: fail, but run the rest.
    "$PYTHON" -c "import websocket" 2>/dev/null ||
        problems+=("websocket-client is not installed (pip install -r requirements-test.txt)")
    if ! "$PYTHON" -W ignore -c \
        "from odoo.tests.common import _find_executable as f; print(f())" \
        >/dev/null 2>&1; then
        problems+=("no Chrome/Chromium in PATH (Debian: apt-get install chromium)")
    fi
    if ((${#problems[@]})); then
        banner "tier 2: browser prerequisites"
        printf 'FAILED: %s: Odoo will skip every browser test\n' "${problems[@]}" >&2
        record FAIL "tier 2: browser prerequisites" 0 1 0 "${problems[0]}"
    fi

    banner "tier 2: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
    if ! pg_cluster_start; then
        echo "FAILED: could not start PostgreSQL" >&2
        record FAIL "tier 2: PostgreSQL cluster" 0 1 0
        return 0
    fi
    echo "cluster in $PG_DIR, socket there, 127.0.0.1:$PG_PORT, superuser $PG_USER"
    write_odoo_conf
    if ! check_addon_path; then
        record FAIL "tier 2: add-on path" 0 1 0 "another copy shadows the checkout"
        return 0
    fi

    ensure_queue_job
    local also=""
    ((QUEUE_JOB)) && also=" and $DB_C (l10n_fr_account,queue_job,$ADDON)"
    banner "tier 2: installing $DB_A (l10n_fr_account,$ADDON), $DB_B ($ADDON)$also" \
        "in parallel (logs in $WORK_DIR)"
    local log_a=$WORK_DIR/install_a.log log_b=$WORK_DIR/install_b.log pid_a pid_b
    local log_c=$WORK_DIR/install_c.log pid_c
    # payment_demo on A: account_payment and the payment glue add-on come with it.
    start_install "$DB_A" "l10n_fr_account,$ADDON,payment_demo" "$log_a"
    pid_a=$INSTALL_PID
    start_install "$DB_B" "$ADDON" "$log_b"
    pid_b=$INSTALL_PID
    # DB C has queue_job: the glue add-on must install itself there.
    if ((QUEUE_JOB)); then
        start_install "$DB_C" "l10n_fr_account,queue_job,$ADDON" "$log_c"
        pid_c=$INSTALL_PID
    fi
    local ok_a=1 ok_b=1 ok_c=0
    finish_install "tier 2: install $DB_A (with l10n_fr_account)" "$DB_A" \
        "$pid_a" "$log_a" || ok_a=0
    finish_install "tier 2: install $DB_B (without l10n_fr_account)" "$DB_B" \
        "$pid_b" "$log_b" || ok_b=0
    if ((QUEUE_JOB)); then
        ok_c=1
        finish_install "tier 2: install $DB_C (with queue_job)" "$DB_C" \
            "$pid_c" "$log_c" || ok_c=0
    fi

    # pytest-odoo is loaded through its entry point (named "odoo"), which the
    # repository's pytest addopts disable ("-p no:odoo"): override them.
    unset PYTEST_DISABLE_PLUGIN_AUTOLOAD
    local pytest_odoo_args=(
        -o addopts=-ra
        -q
        --tb=short
        # Odoo 18's own PDF code calls PyPDF2 2.x APIs deprecated in 3.0
        -W "ignore::PendingDeprecationWarning:odoo.tools.pdf"
        --odoo-config="$ODOO_CONF"
        --odoo-http
        --odoo-log-level=warn
        # NOT test-enable: with it, loading the registry runs the at_install
        # tests of every installed module. Only silence the ERROR odoo.tests
        # logs when pytest-odoo imports it outside of test mode.
        --odoo-extra=log-handler=odoo.tests.common:CRITICAL
    )
    if ((ok_a)); then
        run_pytest "tier 2: pytest-odoo on $DB_A" "$ADDONS_DIR/$ADDON/tests" \
            "$WORK_DIR/tier2_a.xml" "${pytest_odoo_args[@]}" --odoo-database="$DB_A"
        run_pytest "tier 2: pytest-odoo $PAYMENT_GLUE on $DB_A" \
            "$ADDONS_DIR/$PAYMENT_GLUE/tests" "$WORK_DIR/tier2_payment.xml" \
            "${pytest_odoo_args[@]}" --odoo-database="$DB_A"
    fi
    if ((ok_c)); then
        run_glue_tests "$DB_C" "${pytest_odoo_args[@]}"
    fi
    if ((ok_b)); then
        run_pytest "tier 2: pytest-odoo on $DB_B" "$ADDONS_DIR/$ADDON/tests" \
            "$WORK_DIR/tier2_b.xml" "${pytest_odoo_args[@]}" --odoo-database="$DB_B"
    fi
    if ((ok_a)) && [[ ${TEST_ODOO_RUNNER:-1} != 0 ]]; then
        run_odoo_tests "tier 2: Odoo test runner on $DB_A" "$DB_A" \
            "$WORK_DIR/odoo_tests_a.log"
    fi
    # Two OS processes run the escalation cron at once on a copy of DB A, one
    # more is SIGKILLed mid-communicate and rerun: nothing twice, nothing lost.
    if ((ok_a)); then
        run_check "tier 2: concurrency (2 processes, kill -9, rerun)" \
            run_interruptible timeout --kill-after=30 "$STEP_TIMEOUT" \
            "$PYTHON" "$REPO_DIR/scripts/concurrency_check.py" -c "$ODOO_CONF" \
            --template "$DB_A" --db rfr_test_concurrency
    fi
}

# run_glue_tests DB PYTEST_ARGS...: the queue_job glue add-on, installed by
# itself (auto_install) in DB, and its tests.
run_glue_tests() {
    local db=$1 state
    shift
    state=$(pg_psql "$db" -Atc \
        "SELECT state FROM ir_module_module WHERE name = '$QUEUE_JOB_GLUE'" 2>/dev/null)
    if [[ $state != installed ]]; then
        banner "tier 2: $QUEUE_JOB_GLUE"
        echo "FAILED: $QUEUE_JOB_GLUE is '${state:-unknown}' in $db, not installed" \
            "(auto_install with queue_job)" >&2
        record FAIL "tier 2: $QUEUE_JOB_GLUE installed by itself" 0 1 0
        return 0
    fi
    record ok "tier 2: $QUEUE_JOB_GLUE installed by itself" 1 0 0
    run_pytest "tier 2: pytest-odoo $QUEUE_JOB_GLUE on $db" \
        "$ADDONS_DIR/$QUEUE_JOB_GLUE/tests" "$WORK_DIR/tier2_glue.xml" "$@" \
        --odoo-database="$db"
}

# pytest-odoo reports a browser test it could not run (no Chrome, no
# websocket-client, no --odoo-http) as skipped: make that a failure.
check_no_skipped_http_case() {
    local junit
    for junit in "$WORK_DIR"/tier2_*.xml; do
        [[ -f $junit ]] || continue
        if grep -qiE 'type="pytest.skip"[^>]*message="[^"]*(HttpCase|Chrome|websocket)' \
            "$junit"; then
            banner "tier 2: browser tests"
            echo "FAILED: browser (HttpCase) tests were skipped in $(basename "$junit")" >&2
            grep -oiE 'message="[^"]*(HttpCase|Chrome|websocket)[^"]*"' "$junit" | sort -u >&2
            record FAIL "tier 2: browser tests skipped ($(basename "$junit" .xml))" 0 1 0
        fi
    done
}

# ----------------------------------------------------------------------------

echo "recouvrement_fr tests, repo $REPO_DIR"

# Odoo first: when it is bootstrapped into .odoo/venv, that venv's python
# (which has the test tools too) runs both tiers.
BOOTSTRAP_RC=0
if [[ ${TEST_TIER:-all} != 1 ]]; then
    banner "Odoo 18 (scripts/bootstrap_odoo.sh)"
    odoo_bootstrap || BOOTSTRAP_RC=$?
    if ((BOOTSTRAP_RC)); then
        TIER2_NOT_RUN="$ODOO_BOOTSTRAP_MESSAGE: tier 2 (Odoo tests) NOT run"
        echo "$TIER2_NOT_RUN" >&2
    fi
fi
echo "python: $PYTHON ($($PYTHON --version 2>&1))"

tier1

if [[ ${TEST_TIER:-all} == 1 ]]; then
    TIER2_NOT_RUN="TEST_TIER=1: tier 2 (Odoo tests) NOT run"
    banner "$TIER2_NOT_RUN"
    record skip "tier 2: Odoo tests" 0 0 0 "NOT run: TEST_TIER=1"
else
    banner "tier 2: Odoo"
    if ((BOOTSTRAP_RC == 1)); then
        # no Odoo source at all: tier 1 only, said in the summary
        echo "$TIER2_NOT_RUN"
        record skip "tier 2: Odoo tests" 0 0 0 "NOT run: no Odoo 18 source"
    elif ((BOOTSTRAP_RC != 0)); then
        # a source was given but could not be made to work: a failure
        echo "FAILED: $TIER2_NOT_RUN" >&2
        record FAIL "tier 2: Odoo bootstrap" 0 1 0 "see the bootstrap's output"
    elif find_odoo; then
        tier2
        check_no_skipped_http_case
    else
        record skip "tier 2: Odoo tests" 0 0 0 "NOT run: Odoo 18 not importable"
    fi
fi

banner "summary"
printf '%s\n' "${SUMMARY[@]}"
echo
if [[ -n $TIER2_NOT_RUN ]]; then
    echo "$TIER2_NOT_RUN"
fi
if ((TOTAL_FAILED)); then
    echo "RESULT: FAILED"
else
    echo "RESULT: OK"
fi
if ((TOTAL_SKIPPED)); then
    echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
else
    echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
fi
((TOTAL_FAILED == 0))
