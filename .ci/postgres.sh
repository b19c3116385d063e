# shellcheck shell=bash
# CI: a real PostgreSQL server for the store tests (Debian's packages).
# Sourced by .ci/run (runs as root on Debian 12): installs PostgreSQL if missing, starts the
# cluster, creates the role `dyads` (password `dyads`, CREATEDB) and the database `dyads_test`
# (idempotently), waits for it, and exports DYADS_TEST_POSTGRES and DYADS_REQUIRE_POSTGRES.

_ci_pg() {
  local role=dyads password=dyads db=dyads_test
  local ver port status i

  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "postgres: installing PostgreSQL (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi

  ver=$(ls -d /usr/lib/postgresql/*/bin/postgres | awk -F/ '{print $5}' | sort -V | tail -n 1)
  if [ -z "$(pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1 == v && $2 == "main"')" ]; then
    echo "postgres: creating cluster $ver/main"
    pg_createcluster "$ver" main >/dev/null
  fi
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')
  status=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $4}')
  if [[ $status != online* ]]; then
    echo "postgres: starting cluster $ver/main on port $port"
    pg_ctlcluster "$ver" main start || service postgresql start
  fi

  for i in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    [ "$i" = 60 ] && { echo "postgres: server on 127.0.0.1:$port did not come up" >&2; return 1; }
    sleep 1
  done

  # role and database, idempotently (peer auth as the postgres superuser over the socket)
  runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE "$role" LOGIN CREATEDB PASSWORD '$password';
SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \gexec
SQL

  export DYADS_TEST_POSTGRES="postgresql://$role:$password@127.0.0.1:$port/$db"
  export DYADS_REQUIRE_POSTGRES=1
  # the server must take a password login over TCP, as the tests will
  PGPASSWORD=$password psql -q -X -v ON_ERROR_STOP=1 "$DYADS_TEST_POSTGRES" -c "SELECT 1" >/dev/null
  echo "postgres: PostgreSQL $ver ready at 127.0.0.1:$port (DYADS_TEST_POSTGRES exported)"
}

_ci_pg
unset -f _ci_pg
