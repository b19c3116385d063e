"""Name filters are accent- and case-blind everywhere names are matched: the CLI's --actor,
the API's ?actor=, and watch rules (store migration 0007's folded name columns)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dyads.cli import main

STORY = {"id": "names-1", "date": "2021-05-04", "title": "Leaders meet in Ankara",
         "text": "Turkish President Recep Tayyip Erdoğan met Azerbaijani President İlham Əliyev in Ankara on "
                 "Tuesday, the presidency said.\n\nForeign Minister Mevlüt Çavuşoğlu also held talks with "
                 "Azerbaijan's foreign minister in the Turkish capital."}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    src = folder / "story.jsonl"
    src.write_text(json.dumps(STORY, ensure_ascii=False) + "\n", encoding="utf-8")
    path = folder / "names.db"
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", str(path), "--quiet", "--min-confidence", "0"])
    assert r.exit_code == 0, r.output
    return str(path)


def _ids(db, *args):
    r = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", "--limit", "0", *args])
    assert r.exit_code == 0, r.output
    return {json.loads(line)["id"] for line in r.stdout.splitlines()}


@pytest.mark.parametrize("written, plain", [("Erdoğan", "Erdogan"), ("Çavuşoğlu", "Cavusoglu"), ("Əliyev", "Aliyev")])
def test_the_cli_finds_a_name_with_or_without_its_accents(db, written, plain):
    found = _ids(db, "--either", plain)
    assert found, f"no event found for {plain}"
    assert _ids(db, "--either", written) == found == _ids(db, "--either", plain.upper())


def test_a_name_that_is_not_there_finds_nothing(db):
    assert _ids(db, "--either", "Erdogann") == set()


def test_the_api_finds_a_name_without_its_accents(db):
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(db)) as c:
        plain = c.get("/api/events", params={"either": "Cavusoglu"}).json()["events"]
        written = c.get("/api/events", params={"either": "Çavuşoğlu"}).json()["events"]
    assert plain and {e["id"] for e in plain} == {e["id"] for e in written}


def test_a_watch_rule_finds_a_name_without_its_accents(db, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - name: Erdogan meetings\n    either: Erdogan\n    events: [CONSULT]\n",
                     encoding="utf-8")
    r = CliRunner().invoke(main, ["watchlist", "test", str(rules), "--db", db])
    assert r.exit_code == 0, r.output
    assert "0 event(s)" not in r.output and "erdogan-meetings" in r.output


def test_an_older_store_gets_its_names_folded_on_upgrade(store_url):
    """A store at 0006 whose events carry "Çavuşoğlu" finds them by "cavusoglu" after 0007."""
    from sqlalchemy import text

    from dyads.store.db import open_store
    from dyads.store.query import EventFilter, events
    from test_store_db import store_at_revision

    engine, cfg = store_at_revision(store_url, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (id, content_hash, n_events, ingested_at) "
                          "VALUES ('a1', :h, 1, '2026-12-06T12:00:00Z')"), {"h": "0" * 64})
        conn.execute(text("INSERT INTO events (id, article_id, event, actor_names, place_name, record) "
                          "VALUES ('e1', 'a1', 'CONSULT', 'Mevlüt Çavuşoğlu', 'İzmir', '{}')"))
    engine.dispose()
    store = open_store(store_url)          # upgrades to the newest revision
    try:
        assert [r["id"] for r in events(store, EventFilter(actor="cavusoglu", include_aux=True))] == ["e1"]
        assert [r["id"] for r in events(store, EventFilter(place="Izmir", include_aux=True))] == ["e1"]
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT actor_names_folded FROM events")).scalar_one() == "mevlut cavusoglu"
    finally:
        store.close()
