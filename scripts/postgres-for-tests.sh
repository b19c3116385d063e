#!/usr/bin/env bash
# A throwaway PostgreSQL server for running the store tests locally.
#
#   bash scripts/postgres-for-tests.sh          # start (or reuse) it, print the export line
#   bash scripts/postgres-for-tests.sh stop     # stop it
#   bash scripts/postgres-for-tests.sh destroy  # stop it and delete its data directory
#
# Then:  export DYADS_TEST_POSTGRES=postgresql://dyads:dyads@127.0.0.1:5433/dyads_test
#        python -m pytest tests/test_store_db.py
#
# Settings (environment): PGTEST_PORT (5433), PGTEST_DIR (/tmp/dyads-pgtest-$PGTEST_PORT).
# The server listens on 127.0.0.1 only, has fsync off (its data is disposable) and refuses to
# run as root: as root it runs as the `postgres` system user (or a `dyadspg` user it creates).
set -euo pipefail

PORT=${PGTEST_PORT:-5433}
DIR=${PGTEST_DIR:-/tmp/dyads-pgtest-$PORT}
DATA=$DIR/data
SOCK=$DIR/socket
LOG=$DIR/server.log
ROLE=dyads PASSWORD=dyads DB=dyads_test
URL="postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"

die() { echo "postgres-for-tests: $*" >&2; exit 1; }

# the server's binaries: Debian's newest /usr/lib/postgresql/N/bin, else whatever is on PATH
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do [ -x "$d/postgres" ] && echo "$d"; done | tail -n 1)
if [ -z "$BIN" ]; then
  command -v pg_ctl >/dev/null || die "no PostgreSQL server found; install it (Debian: apt-get install postgresql)"
  BIN=$(dirname "$(command -v pg_ctl)")
fi

# whom the server runs as
if [ "$(id -u)" = 0 ]; then
  if id postgres >/dev/null 2>&1; then
    RUNAS=postgres
  else
    id dyadspg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin dyadspg
    RUNAS=dyadspg
  fi
  as_owner() { runuser -u "$RUNAS" -- "$@"; }
else
  RUNAS=$(id -un)
  as_owner() { "$@"; }
fi

pg_ctl_() { as_owner "$BIN/pg_ctl" -D "$DATA" "$@"; }
running() { [ -f "$DATA/PG_VERSION" ] && pg_ctl_ status >/dev/null 2>&1; }

case "${1:-start}" in
  stop)
    if running; then pg_ctl_ stop -m fast -w >/dev/null; echo "stopped the server on port $PORT"; else echo "not running"; fi
    exit 0 ;;
  destroy)
    running && pg_ctl_ stop -m immediate -w >/dev/null
    rm -rf "$DIR"; echo "removed $DIR"
    exit 0 ;;
  start) ;;
  *) die "usage: $0 [start|stop|destroy]" ;;
esac

if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown "$RUNAS" "$DIR"
  as_owner mkdir -p "$SOCK"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
fi

if ! running; then
  pg_ctl_ start -w -t 60 -l "$LOG" \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { tail -n 20 "$LOG" >&2; die "the server did not start (log: $LOG)"; }
fi

# role and database, idempotently (trust auth as the superuser over the server's own socket)
as_owner "$BIN/psql" -q -X -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres -d postgres >/dev/null <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
ALTER ROLE "$ROLE" LOGIN CREATEDB PASSWORD '$PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I', '$DB', '$ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB') \gexec
SQL

echo "PostgreSQL ($("$BIN/postgres" --version | awk '{print $3}')) is running on 127.0.0.1:$PORT as $RUNAS, data in $DATA." >&2
echo "Stop it with: bash $0 stop   (or delete it with: bash $0 destroy)" >&2
echo "export DYADS_TEST_POSTGRES=$URL"
