"""Store backends for the tests: an SQLite file, or a fresh database on a real PostgreSQL server.

PostgreSQL comes from `DYADS_TEST_POSTGRES` (a URL such as
`postgresql://dyads:dyads@127.0.0.1:5433/dyads_test`, see scripts/postgres-for-tests.sh; CI starts
one in .ci/postgres.sh). Its role needs CREATEDB: each test gets a database of its own,
`dyads_t_<time>_<random>`, created through a maintenance connection to the given database and dropped
after the test. Without the variable the PostgreSQL tests are skipped, unless
`DYADS_REQUIRE_POSTGRES=1` (CI), which makes them fail instead.
"""
from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager

BACKENDS = ("sqlite", "postgresql")
ENV_URL = "DYADS_TEST_POSTGRES"
ENV_REQUIRE = "DYADS_REQUIRE_POSTGRES"
DB_PREFIX = "dyads_t_"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server configured for the tests."""


def postgres_required() -> bool:
    return os.environ.get(ENV_REQUIRE, "").strip().lower() in ("1", "true", "yes")


def postgres_server_url() -> str | None:
    """The configured server URL (`DYADS_TEST_POSTGRES`), or None."""
    return os.environ.get(ENV_URL, "").strip() or None


def sqlite_url(directory) -> str:
    return f"sqlite:///{directory}/store.db"


def _with_database(url: str, database: str, *, driver: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url).set(database=database)
    if driver is not None:
        u = u.set(drivername=driver)
    return u.render_as_string(hide_password=False)


def _libpq_url(url: str, database: str | None = None) -> str:
    """A URL psycopg accepts (`postgresql+psycopg://` -> `postgresql://`)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return _with_database(url, database or u.database or "postgres", driver="postgresql")


def _connect(server_url: str):
    import psycopg

    try:
        return psycopg.connect(_libpq_url(server_url), autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as e:
        raise PostgresUnavailable(f"cannot connect to the PostgreSQL server at {ENV_URL}={server_url!r}: {e}") from e


def create_database(server_url: str) -> str:
    """Create an empty uniquely named database on the server; return its URL (same credentials).

    The name holds its creation time (`dyads_t_<unix time>_<random>`), so that databases left
    behind by an interrupted run are dropped by a later one once they are a few hours old.
    """
    from psycopg import sql

    global _swept
    if not _swept:
        _swept = True
        drop_stale_databases(server_url)
    name = f"{DB_PREFIX}{int(time.time())}_{secrets.token_hex(4)}"
    with _connect(server_url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return _with_database(server_url, name)


_swept = False


def drop_stale_databases(server_url: str, older_than: float = 6 * 3600) -> list[str]:
    """Best effort: drop this role's test databases older than `older_than` seconds."""
    import psycopg

    with _connect(server_url) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND pg_get_userbyid(datdba) = current_user",
            (DB_PREFIX.replace("_", r"\_") + "%",))]
    dropped = []
    for name in names:
        stamp = name[len(DB_PREFIX):].split("_", 1)[0]
        if stamp.isdigit() and time.time() - int(stamp) > older_than:
            try:
                drop_database(server_url, _with_database(server_url, name), attempts=1)
                dropped.append(name)
            except psycopg.Error:
                pass
    return dropped


def drop_database(server_url: str, url: str, *, attempts: int = 6) -> None:
    """Drop a database made by create_database, ending any connections still open to it.

    `WITH (FORCE)` ends other sessions, but a non-superuser's FORCE fails while an autovacuum
    worker is in the database (it has no role to be a member of), whereas a plain DROP DATABASE
    stops autovacuum itself: so end our own sessions, try FORCE, then plain, and retry briefly.
    """
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    assert name and name.startswith(DB_PREFIX), name   # never drop anything else
    drop = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
    with _connect(server_url) as conn:
        forced = drop + sql.SQL(" WITH (FORCE)") if conn.info.server_version >= 130000 else drop
        for attempt in range(attempts):
            try:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                             "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                             "AND usename = current_user", (name,))
                conn.execute(forced if attempt % 2 == 0 else drop)
                return
            except psycopg.errors.DatabaseError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database on the configured server for the duration of the block."""
    server = postgres_server_url()
    if server is None:
        raise PostgresUnavailable(f"{ENV_URL} is not set")
    url = create_database(server)
    try:
        yield url
    finally:
        drop_database(server, url)
