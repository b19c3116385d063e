"""Opening a store: an SQLite file (default `./dyads.db`, WAL mode) or a PostgreSQL database.

    from dyads.store import open_store
    store = open_store()                                          # sqlite:///dyads.db
    store = open_store("postgresql://user:pw@localhost/events")  # psycopg 3

Opening runs the Alembic migrations, so a store made by an older dyads is upgraded in place.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

DEFAULT_URL = "sqlite:///dyads.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(ValueError):
    """A store URL that cannot be used."""


def normalize_url(url: str | None) -> str:
    """`./events.db` and `events.db` mean SQLite files; `postgresql://` uses psycopg 3."""
    if not url:
        return DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise StoreError(f"unsupported store URL {url!r}: use a SQLite file path, sqlite:///PATH or postgresql://...")
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")          # readers never block the writer
    cur.execute("PRAGMA synchronous=NORMAL")        # durable at each checkpoint; safe with WAL
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


@dataclass
class Store:
    """An opened store: its engine and backend name ("sqlite" or "postgresql").

    `write_lock` serializes the ingest transactions of the threads that share this object (the
    web app's request threads): clustering reads candidates and then writes, so two such
    transactions at once could start two clusters for one event (and SQLite refuses the second
    writer of a stale snapshot). Reading and coding never take it."""

    url: str
    engine: Engine
    write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, create: bool = True) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if create and path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # connections may be checked out by the ingest's reading thread as well as the writer
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Bring the store's schema to the newest migration (a no-op when it is current)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(url: str | None = None, *, migrate: bool = True, create: bool = True) -> Store:
    """Open (creating and upgrading as needed) the store at `url`.

    `create=False` is for readers (`dyads events`, `serve`, `export` ...): a SQLite file that is
    not there, or a database without the dyads tables, is a `StoreError` naming it, and nothing
    is created (a mistyped path must not leave an empty store behind, nor answer "no events")."""
    url = normalize_url(url)
    if not create:
        path = sqlite_path(url)
        if path is not None and (path == ":memory:" or not Path(path).is_file()):
            raise StoreError(f"no store at {path}: make one with `dyads ingest ... --db {path}`")
    engine = make_engine(url, create=create)
    if not create and not _has_dyads_tables(engine):
        engine.dispose()
        raise StoreError(f"{shown_url(url)} is not a dyads store (it has no events table)")
    if migrate:
        upgrade(engine)
    return Store(url, engine)


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL (":memory:" for an in-memory one), or None for a server."""
    if not url.startswith("sqlite"):
        return None
    return (url.split("///", 1)[1] if "///" in url else "") or ":memory:"


def shown_url(url: str) -> str:
    """A store URL fit to print: a SQLite path as such, a server URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return path
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _has_dyads_tables(engine: Engine) -> bool:
    from sqlalchemy import inspect

    names = set(inspect(engine).get_table_names())
    return "events" in names and "articles" in names
