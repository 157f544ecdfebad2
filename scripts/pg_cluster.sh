# shellcheck shell=bash
# Throwaway PostgreSQL cluster for the Odoo tests. Sourced by scripts/test.sh
# (and usable by other scripts):
#
#   source scripts/pg_cluster.sh
#   pg_cluster_start            # sets PG_DIR PG_HOST PG_PORT PG_USER PG_BIN
#   ...                         # psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER"
#   pg_cluster_stop             # stops the server and deletes PG_DIR
#
# The cluster lives in a mktemp directory (owned by the `postgres` system user
# when running as root, since PostgreSQL refuses to run as root), listens on a
# unix socket in that directory and on 127.0.0.1 on a free port, and its
# bootstrap superuser is `odoo` (Odoo refuses to connect as `postgres`).
# Authentication is `trust`: nothing but this machine's local users can reach
# it, and it is deleted at the end of the run.

PG_USER=odoo
PG_DIR=""
PG_HOST=""
PG_PORT=""

pg_find_bin() {
    # Prefer PostgreSQL 15 (the version CI targets), else the newest installed.
    if [[ -n "${PG_BIN:-}" ]]; then
        [[ -x "$PG_BIN/initdb" ]] && return 0
        echo "PG_BIN=$PG_BIN has no initdb" >&2
        return 1
    fi
    local candidate
    for candidate in /usr/lib/postgresql/15/bin \
        $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -rV); do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            PG_BIN=$candidate
            return 0
        fi
    done
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        PG_BIN=$(dirname "$(command -v initdb)")
        return 0
    fi
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found;" \
        "install them (Debian: apt-get install postgresql-15) or set PG_BIN" >&2
    return 1
}

# Run a command as the cluster owner: `postgres` when we are root.
pg_as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

pg_cluster_start() {
    pg_find_bin || return 1
    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
        echo "running as root but there is no 'postgres' user to own the cluster" >&2
        return 1
    fi
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rfr-pg.XXXXXX")
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$PG_DIR"
    fi
    PG_HOST=$PG_DIR
    if ! pg_as_owner "$PG_BIN/initdb" --pgdata="$PG_DIR/data" --username="$PG_USER" \
        --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
        >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        return 1
    fi
    local attempt
    for attempt in 1 2 3; do
        PG_PORT=$(pg_free_port)
        if pg_as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --wait --timeout=60 \
            --log="$PG_DIR/postgres.log" \
            -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT" \
            -o "-c unix_socket_directories=$PG_DIR" \
            -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            return 0
        fi
        echo "PostgreSQL did not start on port $PG_PORT (attempt $attempt):" >&2
        tail -n 20 "$PG_DIR/postgres.log" >&2 || true
    done
    return 1
}

pg_cluster_stop() {
    [[ -n "$PG_DIR" && -d "$PG_DIR" ]] || return 0
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        pg_as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --mode=fast --wait \
            --timeout=60 stop >/dev/null 2>&1 ||
            pg_as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --mode=immediate \
                stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
    PG_DIR=""
}

# psql on the throwaway cluster: pg_psql DB -c "..."
pg_psql() {
    local db=$1
    shift
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
        -U "$PG_USER" -d "$db" "$@"
}
