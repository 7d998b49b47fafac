#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for the store tests, and print the
# line that points the tests at it:
#
#     eval "$(bash .ci/postgres.sh)"     # sets BLOCWATCH_TEST_PG_URL
#
# Installs Debian's postgresql package if no server binaries are found (apt-get), makes a
# cluster in $BLOCWATCH_PG_DIR (default /tmp/blocwatch-pg) owned by the postgres user (or
# by the current user when not root), listening on 127.0.0.1:$BLOCWATCH_PG_PORT (default
# 55432) only, with trust authentication for local test use, and creates the role
# `blocwatch` and the database `blocwatch_test`. Idempotent: a second run finds the
# server up and only prints the line. Everything but that line goes to stderr.
set -euo pipefail

PG_DIR="${BLOCWATCH_PG_DIR:-/tmp/blocwatch-pg}"
PG_PORT="${BLOCWATCH_PG_PORT:-55432}"
PG_ROLE=blocwatch
PG_DB=blocwatch_test
URL="postgresql+psycopg://${PG_ROLE}@127.0.0.1:${PG_PORT}/${PG_DB}"

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "no PostgreSQL server binaries and not root: cannot apt-get install postgresql"
        exit 1
    fi
    log "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BINDIR="$(find_bindir)"
fi

# Run server commands as the postgres user when root (the server refuses to run as root).
if [ "$(id -u)" -eq 0 ]; then
    OWNER=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    OWNER="$(id -un)"
    as_owner() { "$@"; }
fi

mkdir -p "$PG_DIR"
chown "$OWNER" "$PG_DIR" 2>/dev/null || true
cd "$PG_DIR"      # the server user may not be allowed into the caller's directory
DATA="$PG_DIR/data"

init_cluster() {
    log "initdb in $DATA"
    as_owner "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >/dev/null 2>"$PG_DIR/initdb.log" \
        || as_owner "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 >/dev/null
}
start_server() {
    # listen on loopback only; the socket stays in the data dir (no /var/run needed);
    # fsync off: a test server needs speed, not durability
    as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2
}
[ -f "$DATA/PG_VERSION" ] || init_cluster

if as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1 \
        && "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 5; then
    log "server already running in $DATA"
else
    # a pid file left by a killed server (its pid perhaps reused) is stale: the server
    # does not answer, so it is not running
    rm -f "$DATA/postmaster.pid"
    log "starting server on 127.0.0.1:$PG_PORT"
    if ! start_server; then
        # a cluster left broken by a killed session holds only test data: make it anew
        log "start failed; re-creating the test cluster in $DATA"
        rm -rf "$DATA"
        init_cluster
        start_server
    fi
fi

psql_admin() {
    as_owner "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAX "$@"
}
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != "1" ]; then
    log "creating role $PG_ROLE"
    psql_admin -c "CREATE ROLE $PG_ROLE LOGIN"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE"
fi

echo "export BLOCWATCH_TEST_PG_URL=$URL"
