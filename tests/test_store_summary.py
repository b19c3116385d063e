"""The summary tables of migration 0006 (`dyad_months`, `actor_counts`), kept by triggers: after
every way events come and go they must equal a recount from the rows, and the unfiltered dyad
summaries and top actors read from them must equal the answers counted over the rows.

Runs on SQLite and on PostgreSQL (the `store_url` fixture of conftest.py).
"""
from __future__ import annotations

import itertools
from collections import Counter

from sqlalchemy import delete, func, insert, select, text, update

from dyads.model import Document
from dyads.store import open_store, query, store_documents
from dyads.store.dyads import index_dyads
from dyads.store.query import EventFilter, dyad, top_actors
from dyads.store.schema import actor_counts, articles, dyad_events, dyad_months, participants
from dyads.store.schema import events as ev
from dyads.store.summary import rebuild

TEXTS = {
    "a1": "Turkey accused Azerbaijan of shelling the border village on Monday.",
    "a2": "Turkey and Azerbaijan signed an agreement in Ankara on Tuesday.",
    "a3": "Turkey did not attack Azerbaijan on Wednesday.",                  # negated: aux
    "a4": "Greek police detained 40 Turkish protesters in Athens on Tuesday.",
    "a5": "Russia attacked Ukraine with drones on Friday.",
    "a6": "Turkey sent aid to Azerbaijan on Thursday.",
}
PAIRS = [("TUR", "AZE"), ("AZE", "TUR"), ("GRC", "TUR"), ("RUS", "UKR"), ("TUR", "TUR"), ("FRA", "DEU")]


def coded(code, texts: dict[str, str], date: str = "2023-03-01") -> list[Document]:
    return [code(t, date, id=i) for i, t in texts.items()]


def table_rows(conn, table) -> list[tuple]:
    cols = list(table.c)
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in r)
            for r in conn.execute(select(*cols).order_by(*cols[:len(table.primary_key.columns)]))]


def expected_actor_counts(conn) -> Counter:
    """Events per (code, role, aux) counted in Python from the participant rows."""
    aux = dict(conn.execute(select(ev.c.id, ev.c.aux_mode)).all())
    sides: dict[tuple[str, str], set[str]] = {}
    for eid, role, code in conn.execute(select(participants.c.event_id, participants.c.role, participants.c.code)):
        if code:
            sides.setdefault((eid, code), set()).add(role)
    out = Counter()
    for (eid, code), roles in sides.items():
        flag = int(aux[eid] is not None)
        for role in roles | {"either"}:
            out[(code, role, flag)] += 1
    for flag in aux.values():
        out[("", "all", int(flag is not None))] += 1
    return out


def check(store, monkeypatch) -> None:
    """The trigger-kept tables equal a recount, and the answers read from them equal the answers
    counted over the rows (the path taken with a filter)."""
    with store.engine.connect() as conn:
        kept = table_rows(conn, dyad_months), table_rows(conn, actor_counts)
        got = Counter({(c, r, a): n for c, r, a, n in conn.execute(select(actor_counts))})
        assert got == expected_actor_counts(conn)
    with store.engine.connect() as conn:
        trans = conn.begin()
        rebuild(conn)
        recount = table_rows(conn, dyad_months), table_rows(conn, actor_counts)
        trans.rollback()
    assert kept == recount
    assert all(n > 0 for *_, n in kept[1])
    fast = {}
    for (a, b), by, aux in itertools.product(PAIRS, (None, "month", "year"), (False, True)):
        fast[a, b, by, aux] = dyad(store, a, b, by=by, flt=EventFilter(include_aux=aux))
    tops = {(role, aux): top_actors(store, role=role, flt=EventFilter(include_aux=aux), limit=100)
            for role in (None, "actor", "recipient") for aux in (False, True)}
    with monkeypatch.context() as m:
        m.setattr(query, "_unfiltered", lambda flt: False)       # count over the rows instead
        for (a, b, by, aux), summary in fast.items():
            assert summary == dyad(store, a, b, by=by, flt=EventFilter(include_aux=aux)), (a, b, by, aux)
        for (role, aux), top in tops.items():
            assert top == top_actors(store, role=role, flt=EventFilter(include_aux=aux), limit=100), (role, aux)


def test_summaries_follow_ingest_replacement_and_deletion(store_url, code, monkeypatch):
    store = open_store(store_url)
    try:
        store_documents(coded(code, TEXTS), store)
        with store.engine.connect() as conn:
            assert conn.execute(select(func.sum(dyad_months.c.n))).scalar_one() == \
                conn.execute(select(func.count()).select_from(dyad_events)).scalar_one() > 0
            assert conn.execute(select(func.count()).select_from(actor_counts)
                                .where(actor_counts.c.aux == 1)).scalar_one() > 0      # a3 is negated
        assert dyad(store, "TUR", "AZE")["n_events"] >= 2
        assert {t["code"] for t in top_actors(store)} >= {"TUR", "AZE", "GRC", "RUS", "UKR"}
        check(store, monkeypatch)

        # a new text under a known id replaces the article's events: the old ones are subtracted
        before = dyad(store, "RUS", "UKR")["n_events"]
        r = store_documents(coded(code, {"a5": "Greek police detained 12 Russian protesters in Athens on Friday."}),
                            store)
        assert r.replaced == 1
        assert dyad(store, "RUS", "UKR")["n_events"] == before - 1
        check(store, monkeypatch)

        # deleting articles cascades to their events and dyad rows
        with store.engine.begin() as conn:
            conn.execute(delete(articles).where(articles.c.id.in_(["a1", "a3"])))
        check(store, monkeypatch)

        # events and dyad rows deleted, updated and rebuilt directly (bulk tools, hand repairs)
        with store.engine.begin() as conn:
            conn.execute(update(ev).where(ev.c.article_id == "a6").values(aux_mode="hypothetical"))
            conn.execute(update(dyad_events).where(dyad_events.c.event_id.in_(
                select(ev.c.id).where(ev.c.article_id == "a6"))).values(aux_mode="hypothetical"))
            conn.execute(delete(ev).where(ev.c.article_id == "a2"))
        check(store, monkeypatch)
        with store.engine.begin() as conn:
            index_dyads(conn)
        check(store, monkeypatch)

        # everything gone: nothing left counted
        with store.engine.begin() as conn:
            conn.execute(delete(articles))
            assert conn.execute(select(func.count()).select_from(dyad_months)).scalar_one() == 0
            assert conn.execute(select(func.count()).select_from(actor_counts)).scalar_one() == 0
        assert top_actors(store) == [] and dyad(store, "TUR", "AZE")["n_events"] == 0
    finally:
        store.close()


def test_summaries_of_handmade_rows(store_url, monkeypatch):
    """Rows written straight into the tables (with index_dyads, as bulk loaders do) are counted
    too: the undated event, the negated one, the event with no scores."""
    from test_store_query import fill

    fill(store_url)
    store = open_store(store_url)
    try:
        check(store, monkeypatch)
        d = dyad(store, "TUR", "AZE", by="month")
        assert d["n_events"] == 5 and d["first"]["id"] == "e1" and d["last"]["id"] == "e4"
        assert [p["period"] for p in d["series"]] == ["2023-03", "2023-04"]     # e9 is undated
        assert top_actors(store, role="actor")[0] == {"code": "TUR", "n_events": 6, "share": 0.75}
        with store.engine.begin() as conn:
            conn.execute(insert(articles).values(id="a9", content_hash="9" * 64, n_events=1,
                                                 ingested_at="2024-01-01T00:00:00+00:00"))
            conn.execute(insert(ev).values(id="x1", article_id="a9", event="ASSAULT", day="2023-03-01", quad_code=4,
                                           goldstein=-10.0, event_scale=-9.0, actor_codes="AZE",
                                           recipient_codes="TUR", record={}))
            conn.execute(insert(participants).values(event_id="x1", role="actor", position=0, code="AZE"))
            conn.execute(insert(participants).values(event_id="x1", role="recipient", position=0, code="TUR"))
            index_dyads(conn, ["x1"])
        check(store, monkeypatch)
        assert dyad(store, "TUR", "AZE")["directions"]["AZE->TUR"]["n_events"] == 2
    finally:
        store.close()


def test_migration_fills_the_summaries_of_an_older_store(store_url, monkeypatch):
    """A store at 0005 with events upgrades to 0006 with its summaries filled."""
    from alembic import command
    from test_store_db import store_at_revision
    from test_store_query import fill

    engine, cfg = store_at_revision(store_url, "0005")
    with engine.begin() as conn:
        assert "dyad_months" not in {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master" if engine.dialect.name == "sqlite" else
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
    engine.dispose()
    # fill() opens the store, which would upgrade it: write the rows at 0005 through a stub
    with monkeypatch.context() as m:
        m.setattr("test_store_query.open_store", lambda url: open_store(url, migrate=False))
        fill(store_url)
    engine, cfg = store_at_revision(store_url, "0005")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    engine.dispose()
    store = open_store(store_url)
    try:
        check(store, monkeypatch)
        assert dyad(store, "TUR", "AZE")["n_events"] == 5
    finally:
        store.close()
