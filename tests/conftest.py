"""Shared fixtures: one loaded pipeline for the whole session (loading spaCy takes seconds)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# a stage that raises fails the test instead of marking the document (see dyads.pipeline);
# tests that crash a stage on purpose turn it off with monkeypatch.delenv
os.environ["DYADS_STRICT"] = "1"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    """The shared pipeline, keeping events with an auxiliary mode so that tests can look at them."""
    from dyads.pipeline import default_pipeline

    return default_pipeline(include=("aux",))


_LAYERS: dict[str, object] = {}


def language_layer(kind: str):
    """The language layer of a kind: "selective" (the default: parse only sentences that can
    hold an event) or "parse_everything" (every component over every sentence, the path of
    transformer pipelines). Loaded once per test session."""
    from dyads.nlp import LanguageLayer, default_layer

    if kind not in _LAYERS:
        _LAYERS[kind] = default_layer() if kind == "selective" else LanguageLayer(parse_everything=True)
    return _LAYERS[kind]


LAYER_KINDS = ["selective", "parse_everything"]


@pytest.fixture(scope="session")
def code(pipeline):
    """code(text, date=None) -> Document"""
    from dyads.model import Document

    def run(text: str, date: str | None = None, id: str = "t"):
        return next(pipeline.process([Document(text=text, id=id, date=date)]))

    return run


def events_of(doc, event=None, include_aux=False):
    return [e for e in doc.events if (event is None or e.event == event) and (include_aux or not e.aux_mode)]


def codes(entities):
    return sorted(e.code for e in entities if e.code)


# --- event store backends: SQLite and a real PostgreSQL server (see tests/store_backends.py) ---

@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty store: an SQLite file, or a fresh database on the DYADS_TEST_POSTGRES server."""
    import store_backends as sb

    if request.param == "sqlite":
        yield sb.sqlite_url(tmp_path)
        return
    server = sb.postgres_server_url()
    if server is None:
        msg = (f"{sb.ENV_URL} is not set: no PostgreSQL server for the store tests "
               "(start one with scripts/postgres-for-tests.sh and export the URL it prints)")
        if sb.postgres_required():
            pytest.fail(f"{sb.ENV_REQUIRE}=1 but {msg}", pytrace=False)
        pytest.skip(msg)
    try:
        url = sb.create_database(server)
    except sb.PostgresUnavailable as e:
        pytest.fail(str(e), pytrace=False)
    yield url               # pytest resumes here after the test, whatever its outcome
    sb.drop_database(server, url)


@pytest.fixture
def store(store_url):
    """An opened (migrated) store on each backend."""
    from dyads.store.db import open_store

    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture(scope="module")
def all_events():
    """Plumbing tests (stores, feeds, outputs) with every event the rules find: the default
    confidence threshold, which is tested in test_confidence.py, set to 0 for the module."""
    import dyads.events

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dyads.events, "DEFAULT_MIN_CONFIDENCE", 0.0)
        yield
