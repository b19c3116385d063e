"""Opening the event store on SQLite and on a real PostgreSQL server (fixtures in conftest.py).

The PostgreSQL cases need DYADS_TEST_POSTGRES (scripts/postgres-for-tests.sh prints it); without
it they are skipped, or fail when DYADS_REQUIRE_POSTGRES=1 (as in CI).
"""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, insert, inspect, text

TABLES = {"articles", "events", "participants", "mentions", "places", "clusters", "cluster_links", "errors"}


def alembic_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from dyads.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def stored_version(engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def store_at_revision(store_url: str, revision: str):
    """(engine, alembic config) of a store migrated only up to `revision`, as an older dyads left it."""
    from alembic import command
    from alembic.config import Config

    from dyads.store.db import MIGRATIONS, make_engine

    engine = make_engine(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return engine, cfg


def add_event(engine, sentence: str, id: str = "e1") -> None:
    from dyads.store.schema import articles, events

    with engine.begin() as conn:
        conn.execute(insert(articles).values(id="a1", content_hash="0" * 64, n_events=1,
                                             ingested_at="2026-11-28T12:00:00Z"))
        conn.execute(insert(events).values(id=id, article_id="a1", event="PROTEST", sentence=sentence,
                                           record={"id": id, "event": "PROTEST"}))


def test_store_url_starts_empty(store_url):
    engine = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_open_store_creates_schema(store, request):
    backend = request.node.callspec.params["store_url"]
    assert store.backend == backend
    insp = inspect(store.engine)
    assert TABLES <= set(insp.get_table_names())
    assert stored_version(store.engine) == [alembic_head()]
    assert {c["name"] for c in insp.get_columns("events")} >= {"id", "article_id", "event", "sentence", "record"}
    if backend == "sqlite":
        assert "events_fts" in insp.get_table_names()
    else:
        assert "ix_events_sentence_fts" in {i["name"] for i in insp.get_indexes("events")}


def test_reopening_is_a_no_op(store_url):
    from dyads.store.db import open_store

    first = open_store(store_url)
    add_event(first.engine, "Protesters marched in the capital.")
    first.close()
    again = open_store(store_url)
    try:
        assert stored_version(again.engine) == [alembic_head()]
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM events")).scalar_one() == 1
    finally:
        again.close()


def test_sqlite_store_uses_wal(tmp_path):
    from dyads.store.db import open_store

    store = open_store(f"sqlite:///{tmp_path}/wal.db")
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
    finally:
        store.close()


def test_unsupported_url_is_refused():
    from dyads.store.db import StoreError, normalize_url, open_store

    with pytest.raises(StoreError):
        open_store("mysql://x")
    assert normalize_url("postgresql://u:p@h:5432/d") == "postgresql+psycopg://u:p@h:5432/d"
    assert normalize_url("events.db") == "sqlite:///events.db"


def test_full_text_search_over_sentences(store):
    from dyads.store.schema import events

    add_event(store.engine, "A strong earthquake struck the coast, and the government sent troops.")
    with store.engine.begin() as conn:
        conn.execute(insert(events).values(id="e2", article_id="a1", event="CONSULT", record={"id": "e2"},
                                           sentence="Leaders met in Geneva to discuss a ceasefire."))
        if store.backend == "sqlite":
            hits = conn.execute(text("SELECT rowid FROM events_fts WHERE events_fts MATCH 'earthquake'")).all()
            assert len(hits) == 1
            rows = conn.execute(text("SELECT id FROM events WHERE rowid = :r"), {"r": hits[0][0]}).all()
        else:
            rows = conn.execute(text("SELECT id FROM events WHERE to_tsvector('english', sentence) "
                                     "@@ plainto_tsquery('english', 'earthquake')")).all()
            # English stemming: 'earthquakes' finds it too
            assert conn.execute(text("SELECT count(*) FROM events WHERE to_tsvector('english', sentence) "
                                     "@@ plainto_tsquery('english', 'earthquakes')")).scalar_one() == 1
    assert [r[0] for r in rows] == ["e1"]


def test_a_store_made_by_an_older_version_upgrades_in_place(store_url):
    """A store at the first schema revision, with data, is upgraded by open_store and keeps its rows."""
    from dyads.store.db import open_store

    engine, _ = store_at_revision(store_url, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (id, content_hash, n_events, ingested_at) "
                          "VALUES ('a1', 'h', 1, '2024-01-01')"))
        conn.execute(text("INSERT INTO events (id, article_id, event, record) VALUES ('e1', 'a1', 'CONSULT', '{}')"))
        conn.execute(text("INSERT INTO participants (event_id, role, position, name, code, kind) "
                          "VALUES ('e1', 'actor', 0, 'Ilham Aliyev', 'AZE', 'person')"))
        conn.execute(text("INSERT INTO participants (event_id, role, position, name, code, kind) "
                          "VALUES ('e1', 'actor', 1, 'Recep Tayyip Erdogan', 'TUR', 'person')"))
    engine.dispose()
    store = open_store(store_url)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == alembic_head()
            assert conn.execute(text("SELECT actor_people FROM events WHERE id = 'e1'")).scalar_one() == \
                "Ilham Aliyev|Recep Tayyip Erdogan"
        # 0004 indexed the old event for dyads: the two leaders met, so it counts for TUR+AZE
        from dyads.store.query import dyad
        assert dyad(store, "TUR", "AZE")["directions"]["TUR+AZE"]["n_events"] == 1
    finally:
        store.close()


def test_0005_renames_score_and_quad_columns_in_place(store_url):
    """A store at 0004 with events (and their dyad rows) keeps every value through 0005, under the
    output schema's names: quad_class (a number) -> quad_code, plover_score -> event_scale."""
    from alembic import command

    from dyads.store.db import make_engine, open_store
    from dyads.store.query import EventFilter, dyad, events, get_event

    engine, cfg = store_at_revision(store_url, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (id, content_hash, n_events, ingested_at) "
                          "VALUES ('a1', 'h', 1, '2024-01-01')"))
        conn.execute(text("INSERT INTO events (id, article_id, event, quad_class, plover_score, goldstein, day, record) "
                          "VALUES ('e1', 'a1', 'ASSAULT', 4, -9.0, -10.0, '2024-03-04', '{}')"))
        conn.execute(text("INSERT INTO dyad_events (a, b, event_id, direction, event, quad_class, day, plover_score, "
                          "goldstein) VALUES ('RUS', 'UKR', 'e1', 'ab', 'ASSAULT', 4, '2024-03-04', -9.0, -10.0)"))
    engine.dispose()
    store = open_store(store_url)
    try:
        insp = inspect(store.engine)
        for table in ("events", "dyad_events"):
            cols = {c["name"] for c in insp.get_columns(table)}
            assert {"quad_code", "event_scale"} <= cols and not {"quad_class", "plover_score"} & cols, table
        row = next(events(store, EventFilter(quad_code=4)))
        assert (row["id"], row["quad_code"], row["quad_class"], row["event_scale"]) == \
            ("e1", 4, "material conflict", -9.0)
        assert get_event(store, "e1")["quad_class"] == "material conflict"
        summary = dyad(store, "RUS", "UKR")
        assert summary["quad_code"][4] == 1 and summary["mean_event_scale"] == -9.0
        if store.backend == "postgresql":       # the covering index follows the renamed columns
            with store.engine.connect() as conn:
                ddl = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_dyad_events_pair'"))
                assert "quad_code" in ddl.scalar_one()
    finally:
        store.close()
    # and back: 0005 downgrades to the old names
    engine = make_engine(store_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT quad_class, plover_score FROM events")).one() == (4, -9.0)
    finally:
        engine.dispose()


def test_a_reader_opens_no_store_that_is_not_one(store_url):
    """open_store(create=False), what `dyads events`/`serve` use: an empty database (a fresh
    PostgreSQL database, an SQLite file made by something else) is refused by name and left as
    it is; once a writer has made the store, readers open it."""
    from sqlalchemy import create_engine, inspect

    from dyads.store.db import StoreError, normalize_url, open_store

    if store_url.startswith("sqlite"):
        import sqlite3

        sqlite3.connect(store_url.split("///", 1)[1]).close()      # an empty file
    with pytest.raises(StoreError, match="not a dyads store|no store at"):
        open_store(store_url, create=False)
    engine = create_engine(normalize_url(store_url))
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    open_store(store_url).close()                  # a writer makes it
    open_store(store_url, create=False).close()    # now a reader opens it
