#!/usr/bin/env bash
# Demo of recouvrement_fr in one command (`make demo`):
#
#   0. Odoo 18 made importable by scripts/bootstrap_odoo.sh (an importable
#      odoo as it is, else ODOO_SRC, else .odoo/src, else a shallow clone of
#      ODOO_GIT_URL, into a virtualenv .odoo/venv), with PostgreSQL and
#      wkhtmltopdf installed when missing and root, and a wkhtmltopdf with
#      patched Qt first in PATH (scripts/wkhtmltopdf_patched.py);
#   1. a PostgreSQL cluster of its own in .demo-pg/ (or the server given);
#   2. a database with l10n_fr_account + recouvrement_fr and the demo data of
#      scripts/demo_data.py: a French company, about 20 customers, invoices at
#      every age, the ladder replayed over the last months;
#   3. the escalation of today, and a summary of what it did;
#   4. Odoo on http://localhost:8069/web (admin / admin) until Ctrl-C.
#
# Re-running reuses the cluster and the database (and runs the escalation of
# the days since the last run); --reset drops and rebuilds the database.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
ADDON=recouvrement_fr
MODULES="l10n_fr_account,$ADDON"

DB_NAME=${DEMO_DB_NAME:-recouvrement_demo}
DB_HOST=${DEMO_DB_HOST:-}
DB_PORT=${DEMO_DB_PORT:-}
DB_USER=${DEMO_DB_USER:-}
DB_PASSWORD=${DEMO_DB_PASSWORD:-}
HTTP_PORT=${DEMO_HTTP_PORT:-8069}
HISTORY_DAYS=${DEMO_HISTORY_DAYS:-120}
HTTP_INTERFACE=${DEMO_HTTP_INTERFACE:-127.0.0.1}
RESET=0
SERVE=1

usage() {
    cat <<EOF
Usage: scripts/demo.sh [options]

Builds the recouvrement_fr demo database, runs the escalation of today, prints
what happened and serves Odoo on http://localhost:$HTTP_PORT/web (admin / admin).

Options (environment variable in brackets):
  --db-host HOST      use this PostgreSQL server instead of a cluster of its own
                      in .demo-pg/ (host name or socket directory) [DEMO_DB_HOST]
  --db-port PORT      its port [DEMO_DB_PORT]
  --db-user USER      its user, allowed to create databases; not 'postgres'
                      [DEMO_DB_USER]
  --db-password PWD   its password [DEMO_DB_PASSWORD]
  --db-name NAME      database name (default: recouvrement_demo) [DEMO_DB_NAME]
  --http-port PORT    HTTP port of Odoo (default: 8069) [DEMO_HTTP_PORT]
  --http-interface IP interface Odoo listens on (default: 127.0.0.1, this
                      machine only: the logins are admin/admin); 0.0.0.0 for
                      all, e.g. in a container [DEMO_HTTP_INTERFACE]
  --history-days N    days of ladder history to replay (default: 120)
                      [DEMO_HISTORY_DAYS]
  --reset             drop the demo database and build it again
  --no-serve          stop after the summary, do not start Odoo
  -h, --help          this help

The cluster of its own lives in .demo-pg/ (git-ignored), is started when
needed and stopped on exit if this command started it. Delete .demo-pg/ to
start from scratch. PYTHON selects the interpreter that imports Odoo 18;
when it does not, scripts/bootstrap_odoo.sh brings Odoo 18 (ODOO_SRC: a
checkout of Odoo 18.0 to use; ODOO_GIT_URL: the repository to clone instead).
EOF
}

die() {
    echo "demo: $*" >&2
    exit 1
}

need_value() {
    [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
    case $1 in
    --db-host) need_value "$@"; DB_HOST=$2; shift 2 ;;
    --db-host=*) DB_HOST=${1#*=}; shift ;;
    --db-port) need_value "$@"; DB_PORT=$2; shift 2 ;;
    --db-port=*) DB_PORT=${1#*=}; shift ;;
    --db-user) need_value "$@"; DB_USER=$2; shift 2 ;;
    --db-user=*) DB_USER=${1#*=}; shift ;;
    --db-password) need_value "$@"; DB_PASSWORD=$2; shift 2 ;;
    --db-password=*) DB_PASSWORD=${1#*=}; shift ;;
    --db-name) need_value "$@"; DB_NAME=$2; shift 2 ;;
    --db-name=*) DB_NAME=${1#*=}; shift ;;
    --http-port) need_value "$@"; HTTP_PORT=$2; shift 2 ;;
    --http-port=*) HTTP_PORT=${1#*=}; shift ;;
    --http-interface) need_value "$@"; HTTP_INTERFACE=$2; shift 2 ;;
    --http-interface=*) HTTP_INTERFACE=${1#*=}; shift ;;
    --history-days) need_value "$@"; HISTORY_DAYS=$2; shift 2 ;;
    --history-days=*) HISTORY_DAYS=${1#*=}; shift ;;
    --reset) RESET=1; shift ;;
    --no-serve) SERVE=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
    esac
done

[[ $HTTP_PORT =~ ^[0-9]+$ ]] || die "--http-port must be a number"
[[ $HISTORY_DAYS =~ ^[0-9]+$ ]] || die "--history-days must be a number"
[[ $DB_NAME =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] || die "invalid database name: $DB_NAME"

DEMO_DIR=$ROOT/.demo-pg
PG_DATA=$DEMO_DIR/data
PG_LOG=$DEMO_DIR/postgres.log
ODOO_CONF=$DEMO_DIR/odoo.conf
ODOO_LOG=$DEMO_DIR/odoo-build.log
STARTED_CLUSTER=0
PG_BIN=""
ODOO_PID=""
INTERRUPTED=""
T0=$SECONDS

step() {
    printf '\n==> %s\n' "$*"
}

elapsed() {
    printf '%ss' "$((SECONDS - T0))"
}

# ----------------------------------------------------------------------------
# Odoo
# ----------------------------------------------------------------------------

# shellcheck source=scripts/bootstrap_odoo.sh
source "$ROOT/scripts/bootstrap_odoo.sh"

find_odoo() {
    local info
    if ! info=$("$PYTHON" - 2>/dev/null <<'EOF'
import os

import odoo
from odoo import release

root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
main = os.path.exists(os.path.join(os.path.dirname(odoo.__file__), "__main__.py"))
print(release.version_info[0], int(main), root)
EOF
    ); then
        die "Odoo is not importable by '$PYTHON': install Odoo 18 (or set PYTHON" \
            "to an interpreter that imports it)"
    fi
    local major has_main
    read -r major has_main ODOO_ROOT <<<"$info"
    [[ $major == 18 ]] || die "Odoo $major found in $ODOO_ROOT; this add-on needs Odoo 18"
    if [[ $has_main == 1 ]]; then
        ODOO_CMD=("$PYTHON" -m odoo)
    elif [[ -f $ODOO_ROOT/odoo-bin ]]; then
        ODOO_CMD=("$PYTHON" "$ODOO_ROOT/odoo-bin")
    else
        die "Odoo 18 imports but has neither odoo/__main__.py nor odoo-bin"
    fi
}

write_odoo_conf() {
    local addons_path=$ROOT
    # Odoo's default addons (odoo/addons is always added by Odoo itself).
    [[ -d $ODOO_ROOT/addons ]] && addons_path+=",$ODOO_ROOT/addons"
    mkdir -p "$DEMO_DIR/odoo-data"
    cat >"$ODOO_CONF" <<EOF
[options]
db_host = ${DB_HOST:-False}
db_port = ${DB_PORT:-False}
db_user = ${DB_USER:-False}
db_password = ${DB_PASSWORD:-False}
db_name = $DB_NAME
dbfilter = ^$DB_NAME\$
list_db = False
addons_path = $addons_path
data_dir = $DEMO_DIR/odoo-data
without_demo = all
http_port = $HTTP_PORT
http_interface = $HTTP_INTERFACE
workers = 0
max_cron_threads = 0
EOF
    # The password may be in it.
    chmod 600 "$ODOO_CONF"
}

# Odoo must load this checkout's add-on, not a copy installed with pip.
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
    [[ $found == "$(realpath "$ROOT/$ADDON")" ]] ||
        die "Odoo would load $ADDON from '${found:-nowhere}', not from $ROOT/$ADDON;" \
            "uninstall the other copy (pip uninstall odoo-addon-$ADDON)"
}

demo_data() {
    "$PYTHON" "$ROOT/scripts/demo_data.py" -c "$ODOO_CONF" -d "$DB_NAME" "$@"
}

# ----------------------------------------------------------------------------
# PostgreSQL cluster of the demo, in .demo-pg/
# ----------------------------------------------------------------------------

find_pg_bin() {
    local candidate
    if [[ -n ${PG_BIN_DIR:-} ]]; then
        [[ -x $PG_BIN_DIR/initdb ]] || die "PG_BIN_DIR=$PG_BIN_DIR has no initdb"
        PG_BIN=$PG_BIN_DIR
        return
    fi
    for candidate in /usr/lib/postgresql/15/bin \
        $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV) \
        "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
        if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
            PG_BIN=$candidate
            return
        fi
    done
    die "PostgreSQL server binaries (initdb, pg_ctl) not found: install them" \
        "(Debian: apt-get install postgresql) or give a server with --db-host"
}

# PostgreSQL refuses to run as root: the cluster then belongs to `postgres`.
as_owner() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cluster_running() {
    as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DATA" status >/dev/null 2>&1
}

# Socket directory and port of the running cluster, from postmaster.pid.
read_cluster_address() {
    DB_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
    DB_HOST=$(sed -n 5p "$PG_DATA/postmaster.pid")
    [[ -n $DB_PORT && -n $DB_HOST ]] || die "cannot read the address of the cluster" \
        "from $PG_DATA/postmaster.pid"
}

start_cluster() {
    find_pg_bin
    if [[ $(id -u) == 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root, but there is no 'postgres' user to own the cluster"
    fi
    mkdir -p "$DEMO_DIR"
    if [[ $(id -u) == 0 ]]; then
        chown postgres: "$DEMO_DIR"
    fi
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        step "Creating the PostgreSQL cluster in $PG_DATA ($PG_BIN)"
        rm -rf "$PG_DATA"
        # Superuser `odoo`: Odoo refuses to connect as `postgres`.
        as_owner "$PG_BIN/initdb" --pgdata="$PG_DATA" --username=odoo \
            --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$DEMO_DIR/initdb.log" 2>&1 ||
            { cat "$DEMO_DIR/initdb.log" >&2; die "initdb failed"; }
    fi
    local version
    version=$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)[.].*/\1/')
    [[ $(cat "$PG_DATA/PG_VERSION") == "$version" ]] ||
        die "$PG_DATA is a PostgreSQL $(cat "$PG_DATA/PG_VERSION") cluster but" \
            "$PG_BIN is PostgreSQL $version: delete .demo-pg/ to start over"
    DB_USER=odoo
    DB_PASSWORD=""
    if cluster_running; then
        read_cluster_address
        echo "Reusing the running PostgreSQL cluster of $PG_DATA (socket $DB_HOST)"
        return
    fi
    # Unix socket only (no TCP port to collide with): in .demo-pg/ unless the
    # path is too long for a socket, then in a fixed directory under /tmp.
    local sock_dir=$DEMO_DIR
    if ((${#sock_dir} > 90)); then
        sock_dir=/tmp/recouvrement-demo-$(printf '%s' "$DEMO_DIR" | cksum | cut -d' ' -f1)
        mkdir -p "$sock_dir"
        [[ $(id -u) == 0 ]] && chown postgres: "$sock_dir"
    fi
    step "Starting PostgreSQL (socket in $sock_dir)"
    as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DATA" --log="$PG_LOG" --wait --timeout=60 \
        -o "-c listen_addresses='' -c port=5432 -c unix_socket_directories='$sock_dir'" \
        -o "-c synchronous_commit=off" start >/dev/null ||
        { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start (log: $PG_LOG)"; }
    STARTED_CLUSTER=1
    read_cluster_address
}

stop_cluster() {
    if [[ $STARTED_CLUSTER == 1 ]]; then
        echo "Stopping the PostgreSQL cluster of the demo"
        as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DATA" --mode=fast --wait --timeout=60 \
            stop >/dev/null 2>&1 || true
        STARTED_CLUSTER=0
    fi
}

stop_odoo() {
    [[ -n $ODOO_PID ]] || return 0
    local i tries=0
    # Ctrl-C, or a TERM sent to the whole process group (kill -- -PGID,
    # timeout, CI), reached Odoo too: let it shut down by itself first, as a
    # second signal makes it exit at once ("Forced shutdown"). A TERM to this
    # script alone (docker stop) is forwarded after a short wait.
    case $INTERRUPTED in
    INT) tries=20 ;;
    TERM) tries=6 ;;
    esac
    for ((i = 0; i < tries; i++)); do
        kill -0 "$ODOO_PID" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$ODOO_PID" 2>/dev/null; then
        kill -TERM "$ODOO_PID" 2>/dev/null || true
    fi
    wait "$ODOO_PID" 2>/dev/null || true
    ODOO_PID=""
}

cleanup() {
    local rc=$?
    # A second TERM must not cut the cleanup short: `make demo` killed with
    # kill -- -PGID gets one from the signal and one from make, which passes
    # it on to its children. (A second Ctrl-C still stops at once.)
    trap - EXIT INT
    trap '' TERM
    stop_odoo
    stop_cluster
    exit "$rc"
}
trap cleanup EXIT
trap 'INTERRUPTED=INT; echo; echo "demo: interrupted"; exit 130' INT
trap 'INTERRUPTED=TERM; exit 143' TERM

# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------

step "Odoo 18 (scripts/bootstrap_odoo.sh)"
odoo_bootstrap || die "$ODOO_BOOTSTRAP_MESSAGE"
find_odoo
echo "Odoo 18 in $ODOO_ROOT (${ODOO_CMD[*]})"
# Say it now rather than after building: the port to serve on is taken.
if [[ $SERVE == 1 ]] && (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null; then
    die "port $HTTP_PORT is in use: stop that server, or choose --http-port"
fi
if [[ -z $DB_HOST ]]; then
    start_cluster
else
    echo "Using the PostgreSQL server at $DB_HOST${DB_PORT:+:$DB_PORT}"
fi
write_odoo_conf
check_addon_path

db_state=$(demo_data status) || die "cannot reach PostgreSQL (see above)"
if [[ $RESET == 1 && $db_state != missing ]]; then
    step "Dropping the database $DB_NAME (--reset)"
    demo_data drop
    db_state=missing
elif [[ $db_state == incomplete ]]; then
    # An installation interrupted half-way: start again.
    step "The installation of $DB_NAME did not finish: dropping it"
    demo_data drop
    db_state=missing
fi

if [[ $db_state == missing ]]; then
    step "Creating $DB_NAME with $MODULES (log: $ODOO_LOG)"
    if ! "${ODOO_CMD[@]}" -c "$ODOO_CONF" -d "$DB_NAME" -i "$MODULES" \
        --stop-after-init --no-http --log-level=warn >"$ODOO_LOG" 2>&1; then
        tail -n 40 "$ODOO_LOG" >&2
        die "installing $MODULES failed (log: $ODOO_LOG)"
    fi
    echo "Installed in $(elapsed)"
else
    # The add-on's code may be newer than the database: update it (and run
    # its migrations) before using it.
    step "Updating recouvrement_fr in $DB_NAME (log: $ODOO_LOG)"
    if ! "${ODOO_CMD[@]}" -c "$ODOO_CONF" -d "$DB_NAME" -u recouvrement_fr \
        --stop-after-init --no-http --log-level=warn >"$ODOO_LOG" 2>&1; then
        tail -n 40 "$ODOO_LOG" >&2
        die "updating recouvrement_fr failed (log: $ODOO_LOG)"
    fi
fi

step "Demo data and escalation of today"
demo_data run --history-days "$HISTORY_DAYS"
echo
echo "Démo prête en $(elapsed). Identifiants : sophie / sophie (responsable recouvrement),"
echo "admin / admin (administrateur)."

if [[ $SERVE == 0 ]]; then
    echo "Pour la servir : la même commande sans --no-serve (elle reprend la base)."
    exit 0
fi

step "Odoo sur http://localhost:$HTTP_PORT/web  (sophie / sophie ; Ctrl-C pour arrêter)"
echo "Les actions planifiées sont arrêtées : les e-mails restent en file d'attente ; la"
echo "relance se lance depuis Paramètres > Technique > Automatisation > Actions planifiées >"
echo "« Recouvrement : relance des factures échues »."
# In the background so that Ctrl-C / TERM reach the trap, which stops Odoo
# cleanly, then the cluster.
"${ODOO_CMD[@]}" -c "$ODOO_CONF" -d "$DB_NAME" --http-port="$HTTP_PORT" &
ODOO_PID=$!
wait "$ODOO_PID"
