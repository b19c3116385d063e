"""The REST API (/api): every endpoint over a store filled by `dyads.store.ingest`, good input and bad.

Runs on SQLite and on PostgreSQL (DYADS_TEST_POSTGRES), as the store tests do. The read tests
share one store per backend (coding the articles takes seconds); the write tests get their own.
Results are compared with the library functions the endpoints stand on, and with facts of the
articles (the founding article and a second report of the same meeting merge into one cluster).
"""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import store_backends as sb
from conftest import SHARED
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from dyads.store import ingest, open_store
from dyads.store.query import EventFilter, dyad, events, top_actors
from dyads.store.schema import events as ev
from dyads.web import Settings, create_app
from dyads.web.api import COLUMNS, _cell

HERE = Path(__file__).resolve().parent
EXAMPLE = SHARED / "examples" / "istanbul-2023-02-25"
SECOND = HERE / "fixtures" / "store" / "second-source.jsonl"
XSS = "<script>alert(1)</script>"
TOKEN = "test-token-\u00e9-not-ascii"      # a non-ASCII token must not break the comparison

ARTICLES = [
    {"id": "ukr-2024-03-05", "date": "2024-03-05", "publisher": "Example Wire", "title": "Shelling in Kharkiv",
     "url": "https://news.example/ukr",
     "text": "Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing three civilians, the regional "
             "governor said.\n\nUkraine accused Russia of targeting residential buildings."},
    {"id": "xss-2024-05-01", "date": "2024-05-01", "publisher": "<b>Evil</b> Wire", "title": f"{XSS} Police detain protesters",
     "url": "javascript:alert(1)",
     "text": f"Turkish police detained 12 protesters {XSS} in Istanbul on Tuesday.\n\n"
             "The protesters had marched against the government."},
    # no publication date: "on Tuesday" cannot be dated, so the event is undated and joins no cluster
    {"id": "undated-athens", "text": "Greek police detained 40 protesters in Athens on Tuesday."},
]


def _articles_file(tmp: Path) -> list[str]:
    rows = list(ARTICLES)
    if EXAMPLE.exists():
        meta = json.loads((EXAMPLE / "meta.json").read_text())
        rows.append({"id": meta["id"], "date": meta["date"], "title": meta["title"],
                     "text": (EXAMPLE / "article.txt").read_text()})
    p = tmp / "articles.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return [str(p), str(SECOND)]


@pytest.fixture(scope="module", params=sb.BACKENDS)
def filled_url(request, tmp_path_factory):
    """A store per backend with the articles above, the founding article and a second source."""
    tmp = tmp_path_factory.mktemp("api")
    server = None
    if request.param == "sqlite":
        url = sb.sqlite_url(tmp)
    else:
        server = sb.postgres_server_url()
        if server is None:
            if sb.postgres_required():
                pytest.fail(f"{sb.ENV_REQUIRE}=1 but {sb.ENV_URL} is not set", pytrace=False)
            pytest.skip(f"{sb.ENV_URL} is not set: no PostgreSQL server for the API tests")
        url = sb.create_database(server)
    report = ingest(_articles_file(tmp), url)
    assert report.failed == 0 and report.events > 5, report.summary()
    yield url
    if server is not None:
        sb.drop_database(server, url)


@pytest.fixture(scope="module")
def store(filled_url):
    s = open_store(filled_url)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(filled_url):
    with TestClient(create_app(filled_url, token="")) as c:      # "" = no token: writes disabled
        yield c


def ids(rows) -> list[str]:
    return [r["id"] for r in rows]


# ------------------------------------------------------------------------------- /api/events

FILTERS = [
    ({}, EventFilter()),
    ({"either": "TUR", "event": "CONSULT"}, EventFilter(either_side="TUR", event=["CONSULT"])),
    ({"actor": "RUS"}, EventFilter(actor="RUS")),
    ({"recipient": "UKR", "event": "ASSAULT,ACCUSE"}, EventFilter(recipient="UKR", event=["ASSAULT", "ACCUSE"])),
    ({"actor": "TURGOV"}, EventFilter(actor="TURGOV")),
    ({"either": "erdogan"}, EventFilter(either_side="erdogan")),
    ({"quad_code": ["3", "4"]}, EventFilter(quad_code=[3, 4])),
    ({"quad": "3,4"}, EventFilter(quad_code=[3, 4])),                 # the deprecated name still works
    ({"mode": "visit"}, EventFilter(mode=["visit"])),
    ({"context": "military"}, EventFilter(context="military")),
    ({"from": "2023-02", "to": "2023-W09"}, EventFilter(date_from="2023-02", date_to="2023-W09")),
    ({"from": "2024-03-04", "to": "2024"}, EventFilter(date_from="2024-03-04", date_to="2024")),
    ({"place": "istan"}, EventFilter(place="istan")),
    ({"place_country": "tur"}, EventFilter(place_country="tur")),
    ({"min_sources": "2"}, EventFilter(min_sources=2)),
    ({"text": "Kharkiv civilians"}, EventFilter(text="Kharkiv civilians")),
    ({"all": "true"}, EventFilter(include_aux=True)),
]


@pytest.mark.parametrize("params,flt", FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_every_filter_matches_the_library(client, store, params, flt):
    r = client.get("/api/events", params={**params, "limit": 1000})
    assert r.status_code == 200, r.text
    body = r.json()
    assert ids(body["events"]) == ids(events(store, flt)) and body["count"] == len(body["events"])
    assert body["next_cursor"] is None


def test_filters_find_what_the_articles_say(client):
    def got(**params):
        return client.get("/api/events", params=params).json()["events"]

    assault = got(actor="RUS", event="ASSAULT")
    assert assault and all("RUS" in e["actor_codes"] and e["article_id"] == "ukr-2024-03-05" for e in assault)
    assert {e["event"] for e in got(text="Kharkiv")} >= {"ASSAULT"}
    assert all(e["day"] >= "2024-05-01" for e in got(**{"from": "2024-05"}))
    assert all(e["n_sources"] >= 2 for e in got(min_sources=2))
    e = got(actor="RUS")[0]
    assert isinstance(e["actor_codes"], list) and set(COLUMNS) == set(e)
    if EXAMPLE.exists():     # the founding meeting and the Trend report of it: one cluster, two sources
        merged = got(either="TUR", event="CONSULT", min_sources=2, **{"from": "2023-02-25", "to": "2023-02-25"})
        assert {x["article_id"] for x in merged} == {"istanbul-2023-02-25", "trend-2023-02-25-aliyev-istanbul"}


@pytest.mark.parametrize("order", ["day", "-day"])
def test_cursor_pages_walk_every_event_once_in_order(client, store, order):
    flt = EventFilter(include_aux=True)
    expected = ids(events(store, flt, order=order))
    assert any(r["day"] is None for r in events(store, flt))      # undated rows are walked too
    seen, cursor, pages = [], None, 0
    while True:
        params = {"all": "true", "limit": 2, "order": order, **({"cursor": cursor} if cursor else {})}
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        seen += ids(body["events"])
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            assert "Link" not in r.headers
            break
        assert r.headers["Link"] == f'<{body["next"]}>; rel="next"' and f"cursor={cursor}" in body["next"]
        assert pages < 50
    assert seen == expected and pages == max(1, (len(expected) + 1) // 2)
    # the same walk with a filter: the cursor keeps the filter's rows only
    tur = ids(events(store, EventFilter(either_side="TUR"), order=order))
    first = client.get("/api/events", params={"either": "TUR", "limit": 1, "order": order}).json()
    rest = client.get("/api/events", params={"either": "TUR", "limit": 1000, "order": order,
                                             "cursor": first["next_cursor"]}).json()
    assert ids(first["events"]) + ids(rest["events"]) == tur


def test_csv_by_parameter_and_by_accept_header(client, store):
    for r in (client.get("/api/events", params={"format": "csv", "limit": 3}),
              client.get("/api/events", params={"limit": 3}, headers={"Accept": "text/csv"})):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "text/csv; charset=utf-8"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-disposition"].startswith("attachment")
        lines = list(csv.reader(io.StringIO(r.text)))        # sentences may hold line breaks
        assert lines[0] == list(COLUMNS) and len(lines) == 4
        assert r.headers["x-next-cursor"]
    # json wins when both are acceptable
    assert client.get("/api/events", headers={"Accept": "text/csv, application/json"}).headers[
        "content-type"] == "application/json"
    everything = client.get("/api/events", params={"format": "csv", "limit": 1000}).text
    assert len(list(csv.reader(io.StringIO(everything)))) == 1 + len(list(events(store)))
    assert "x-next-cursor" not in client.get("/api/events", params={"format": "csv", "limit": 1000}).headers


def test_csv_cells_cannot_become_formulas():
    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("+1") == "'+1"
    assert _cell("Turkey") == "Turkey" and _cell(-9.0) == -9.0 and _cell(None) is None


@pytest.mark.parametrize("params,status,words", [
    ({"from": "2023-13-45"}, 400, "not a date"),
    ({"to": "2023-02-30"}, 400, "not a date"),
    ({"from": "2023-13"}, 400, "not a date"),
    ({"from": "last week"}, 400, "not a date"),
    ({"cursor": "not-a-cursor"}, 400, "cursor"),
    ({"cursor": "WyJkYXkiLDEsMl0"}, 400, "cursor"),           # valid base64 JSON, wrong shape
    ({"format": "xml"}, 400, "format"),
    ({"quad": "5"}, 400, "quad"),
    ({"quad_code": "0"}, 400, "quad_code"),
    ({"quad": "x"}, 400, "quad"),
    ({"limit": "0"}, 422, "limit"),
    ({"limit": "1001"}, 422, "limit"),
    ({"limit": "many"}, 422, "limit"),
    ({"min_sources": "0"}, 422, "min_sources"),
    ({"order": "random"}, 422, "order"),
    ({"actor": "x" * 201}, 422, "actor"),
])
def test_bad_event_queries_are_4xx_with_a_reason(client, params, status, words):
    r = client.get("/api/events", params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    assert words in r.json()["detail"] and "\n" not in r.json()["detail"]


def test_a_cursor_belongs_to_its_order(client):
    cursor = client.get("/api/events", params={"limit": 1}).json()["next_cursor"]
    r = client.get("/api/events", params={"limit": 1, "cursor": cursor, "order": "-day"})
    assert r.status_code == 400 and "order" in r.json()["detail"]


# -------------------------------------------------------------------------- /api/events/{id}

def test_event_detail_has_participants_mentions_article_and_cluster(client, store):
    row = next(events(store, EventFilter(actor="RUS", event="ASSAULT")))
    r = client.get(f"/api/events/{row['id']}")
    assert r.status_code == 200, r.text
    e = r.json()
    assert e["id"] == row["id"] and e["event"] == "ASSAULT" and e["record"]["id"] == row["id"]
    assert [p["code"] for p in e["participants"] if p["role"] == "actor"][0] == "RUS"
    assert e["article"] == {"id": "ukr-2024-03-05", "title": "Shelling in Kharkiv", "url": "https://news.example/ukr",
                            "publisher": "Example Wire", "source": "Example Wire", "credited": [],
                            "date": "2024-03-05", "language": "en"}
    assert e["mentions"] and "Kharkiv" in e["mentions"][0]["sentence"]
    assert e["mentions"][0]["article"]["title"] == "Shelling in Kharkiv"
    assert e["mentions"][0]["trigger_end"] > e["mentions"][0]["trigger_start"]
    c = e["cluster"]
    assert c["id"] == row["cluster_id"] and c["n_events"] == 1
    assert c["why"].startswith("first report") and [m["event_id"] for m in c["members"]] == [row["id"]]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared/examples not present")
def test_event_detail_explains_the_merge(client, store):
    flt = EventFilter(either_side="TUR", event="CONSULT", min_sources=2, date_from="2023-02-25", date_to="2023-02-25")
    rows = list(events(store, flt))
    assert len({r["cluster_id"] for r in rows}) == 1
    later = client.get(f"/api/events/{rows[-1]['id']}").json()["cluster"]
    assert later["n_articles"] == 2 and later["n_sources"] == 2 and {"AZE", "TUR"} <= set(
        later["actor_codes"] + later["recipient_codes"])
    members = later["members"]
    assert {m["article"]["id"] for m in members} == {"istanbul-2023-02-25", "trend-2023-02-25-aliyev-istanbul"}
    titles = {m["article"]["title"] for m in members}
    assert "Aliyev and Erdogan hold talks in Istanbul" in titles
    joined = [m for m in members if m["reason"]["rule"] == "same event"]
    assert joined and joined[0]["reason"]["window_days"] == 1
    assert "same event type CONSULT" in joined[0]["why"] and "shared country codes" in joined[0]["why"]
    assert joined[0]["reason"]["matched"] in {m["event_id"] for m in members}
    assert sum(m["this"] for m in members) == 1


def _page_shows(html_text: str, value) -> bool:
    """`value` among the words a reader of the page sees (tags dropped, entities decoded)."""
    import html as html_mod
    import re

    return str(value) in html_mod.unescape(re.sub(r"<[^>]+>", "", html_text))


def test_api_detail_and_event_page_show_the_same_facts(client, store):
    """Both stand on `query.get_event`: the API returns it as it is, the page renders it."""
    from dyads.model import QUAD_NAMES
    from dyads.store.query import get_event

    rows = list(events(store, EventFilter(include_aux=True)))
    merged = [r for r in rows if (r["n_articles"] or 0) > 1]
    assert rows and (merged or not EXAMPLE.exists())
    for row in merged[:2] + rows[:4]:
        api = client.get(f"/api/events/{row['id']}").json()
        assert api == json.loads(json.dumps(get_event(store, row["id"])))
        page = client.get(f"/events/{row['id']}")
        assert page.status_code == 200, page.text
        html = page.text
        assert _page_shows(html, api["event"]) and (api["mode"] is None or _page_shows(html, api["mode"]))
        assert _page_shows(html, api["date"] or "undated")
        if api["quad_code"]:
            assert api["quad_class"] == QUAD_NAMES[api["quad_code"]] and _page_shows(html, api["quad_class"])
        for key in ("event_scale", "goldstein", "cameo", "confidence"):
            assert api[key] is None or _page_shows(html, api[key]), key
        for context in api["contexts"]:
            assert _page_shows(html, context)
        for p in api["participants"]:
            assert _page_shows(html, p["text"]) and (p["code"] is None or f">{p['code']}<" in html)
        assert _page_shows(html, api["article"]["title"] or api["article"]["id"])
        for m in api["mentions"]:
            assert _page_shows(html, m["sentence"])
        cluster = api["cluster"]
        if cluster["id"] is None:
            continue
        assert f"Cluster {cluster['id']}: {cluster['n_articles']} article" in html
        for m in cluster["members"]:
            if not m["this"]:
                assert f'href="/events/{m["event_id"]}"' in html
                assert all(_page_shows(html, s) for s in m["sentences"])
    assert client.get("/events/0000000000000000").status_code == 404


def test_undated_event_says_why_it_has_no_cluster(client, store):
    row = next(r for r in events(store) if r["day"] is None and r["article_id"] == "undated-athens")
    c = client.get(f"/api/events/{row['id']}").json()["cluster"]
    assert c["id"] is None and "undated" in c["why"] and c["members"] == []


def test_unknown_event_is_404(client):
    r = client.get("/api/events/0000000000000000")
    assert r.status_code == 404 and "no event" in r.json()["detail"]
    assert client.get("/api/events/" + "x" * 65).status_code == 422
    assert client.get("/api/nothing-here").status_code == 404


# ------------------------------------------------------------------------ dyads and actors

def _json(x):
    return json.loads(json.dumps(x))       # int keys become strings, as in any JSON


def test_dyad_equals_the_library(client, store):
    for path, kw in (("/api/dyads/TUR/AZE", {}), ("/api/dyads/tur/aze?by=month", {"by": "month"}),
                     ("/api/dyads/RUS/UKR?by=day&event=ASSAULT", {"by": "day", "flt": EventFilter(event=["ASSAULT"])}),
                     ("/api/dyads/TUR/AZE?by=week&from=2023-02&min_sources=2",
                      {"by": "week", "flt": EventFilter(date_from="2023-02", min_sources=2)})):
        r = client.get(path)
        assert r.status_code == 200, r.text
        a, b = path.split("?")[0].split("/")[-2:]
        assert r.json() == _json(dyad(store, a.upper(), b.upper(), **kw))
    ru = client.get("/api/dyads/RUS/UKR?by=year").json()
    assert ru["n_events"] >= 1 and ru["events"].get("ASSAULT", 0) >= 1
    assert ru["series"][0]["period"] == "2024" and ru["directions"]["RUS->UKR"]["n_events"] >= 1
    if EXAMPLE.exists():
        assert client.get("/api/dyads/TUR/AZE").json()["events"]["CONSULT"] >= 2


@pytest.mark.parametrize("path,status", [("/api/dyads/TURKEY/AZE", 400), ("/api/dyads/T1R/AZE", 400),
                                         ("/api/dyads/TUR/AZE?by=fortnight", 422),
                                         ("/api/dyads/TUR/AZE?from=2023-13-45", 400)])
def test_bad_dyads_are_4xx(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.json()["detail"]


def test_actors_equal_the_library(client, store):
    r = client.get("/api/actors")
    assert r.status_code == 200
    assert r.json() == {"role": None, "by": "code", "actors": top_actors(store)}
    r = client.get("/api/actors", params={"role": "recipient", "by": "name", "limit": 3, "from": "2024"})
    assert r.json()["actors"] == top_actors(store, role="recipient", by="name", limit=3,
                                            flt=EventFilter(date_from="2024"))
    assert len(r.json()["actors"]) <= 3
    assert client.get("/api/actors", params={"role": "king"}).status_code == 422
    assert client.get("/api/actors", params={"limit": 0}).status_code == 422


# -------------------------------------------------------------------------------- /api/extract

def test_extract_codes_and_stores_nothing(client, store):
    def count():
        with store.engine.connect() as c:
            return c.execute(select(func.count()).select_from(ev)).scalar_one()

    before = count()
    r = client.post("/api/extract", json={"text": "Turkish police detained 12 protesters in Istanbul on Tuesday.",
                                          "date": "2024-05-01"})
    assert r.status_code == 200, r.text
    doc = r.json()
    coerce = [e for e in doc["events"] if e["event"] == "COERCE"]
    assert coerce and coerce[0]["date"] == "2024-04-30"
    assert doc["date"] == "2024-05-01" and set(doc["mentions"]) >= {"actors", "dates", "places"}
    assert any(m["text"] == "Istanbul" for m in doc["mentions"]["places"])
    assert count() == before


@pytest.mark.parametrize("body,status,words", [
    (b"{not json", 400, "malformed JSON"),
    (b'{"text": "x"', 400, "malformed JSON"),
    (json.dumps({"date": "2024-05-01"}).encode(), 422, "text"),
    (json.dumps({"text": ""}).encode(), 422, "text"),
    (json.dumps({"text": 5}).encode(), 422, "text"),
    (json.dumps({"text": "Police detained protesters.", "date": "2023-13-45"}).encode(), 422, "date"),
    (json.dumps({"text": "Police detained protesters.", "date": "25/02/2023"}).encode(), 422, "date"),
    (json.dumps({"text": "   \n  "}).encode(), 422, "empty"),
    (json.dumps(["a list"]).encode(), 422, "body"),
])
def test_bad_extract_bodies_are_4xx_with_a_reason(client, body, status, words):
    r = client.post("/api/extract", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


# ------------------------------------------------------------------------------- body limits

def test_huge_bodies_are_refused_before_reading(filled_url):
    app = create_app(filled_url, settings=Settings(token=TOKEN, max_body=1000))
    with TestClient(app) as c:
        big = json.dumps({"text": "Police detained protesters. " * 100})
        r = c.post("/api/extract", content=big, headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and "too large" in r.json()["detail"]
        # a chunked body has no Content-Length: it is counted as it arrives
        r = c.post("/api/extract", content=iter([big[:600].encode(), big[600:].encode()]),
                   headers={"Content-Type": "application/json"})
        assert "content-length" not in r.request.headers and r.status_code == 413
        r = c.post("/api/articles", content=big, headers=AUTH)
        assert r.status_code == 413
        r = c.post("/api/extract", content=b"{}", headers={"Content-Length": "abc", "Content-Type": "application/json"})
        assert r.status_code == 400
        small = c.post("/api/extract", json={"text": "Police detained protesters."})
        assert small.status_code == 200


# ------------------------------------------------------------------------------ /api/articles

@pytest.fixture
def writer(store_url):
    with TestClient(create_app(store_url, token=TOKEN)) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}".encode("utf-8")}
ONE = {"id": "post-1", "date": "2024-05-01", "publisher": "Post Wire",
       "text": "Greek police detained 40 protesters in Athens on Tuesday."}


def test_writes_are_disabled_without_a_token(client):
    r = client.post("/api/articles", json=ONE, headers=AUTH)
    assert r.status_code == 403 and "DYADS_API_TOKEN" in r.json()["detail"]


def test_token_is_required_and_checked(writer):
    r = writer.post("/api/articles", json=ONE)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    for bad in ("Bearer wrong", "Bearer " + TOKEN[:-1], "Basic " + TOKEN, TOKEN):
        r = writer.post("/api/articles", json=ONE, headers={"Authorization": bad.encode("utf-8")})
        assert r.status_code == 401, bad
    # nothing was stored by the refused requests
    assert writer.get("/api/events").json()["events"] == []


def test_post_articles_ingests_once(writer):
    r = writer.post("/api/articles", json=ONE, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["stored"], body["failed"], body["unchanged"]) == (1, 0, 0) and body["events"] >= 1
    art = body["articles"][0]
    assert art["id"] == "post-1" and art["in_store"] and art["event_ids"]
    listed = writer.get("/api/events", params={"actor": "GRC"}).json()["events"]
    assert art["event_ids"][0] in ids(listed)
    detail = writer.get(f"/api/events/{art['event_ids'][0]}").json()
    assert detail["article"]["publisher"] == "Post Wire"
    again = writer.post("/api/articles", json=ONE, headers=AUTH)
    assert again.status_code == 200 and again.json()["unchanged"] == 1 and again.json()["stored"] == 0
    # several at once, one without an id (named from its text), and a new version of post-1
    many = [{"text": "Russian forces shelled Kharkiv on Monday.", "date": "2024-03-05"},
            {**ONE, "text": "Turkish police detained 12 protesters in Istanbul on Tuesday."}]
    r = writer.post("/api/articles", json=many, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["stored"], body["replaced"]) == (1, 1)
    assert body["articles"][0]["id"].startswith("api-") and body["articles"][1]["id"] == "post-1"
    assert writer.get("/api/events", params={"actor": "GRC"}).json()["events"] == []      # replaced


@pytest.mark.parametrize("body,status,words", [
    (b"{not json", 400, "malformed JSON"),
    (b"\xff\xfe", 400, "malformed JSON"),
    (json.dumps({**ONE, "date": "2023-13-45"}).encode(), 422, "date"),
    (json.dumps({"id": "x"}).encode(), 422, "text"),
    (json.dumps([]).encode(), 422, "1 to 100"),
    (json.dumps([ONE] * 101).encode(), 422, "1 to 100"),
    (json.dumps([ONE, {"text": ""}]).encode(), 422, "1.text"),
    (json.dumps({**ONE, "text": "\x00\x01\x02\x03 binary"}).encode(), 422, "binary"),
    (json.dumps("just a string").encode(), 422, "body"),
])
def test_bad_article_bodies_are_4xx_and_store_nothing(writer, body, status, words):
    r = writer.post("/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]
    assert writer.get("/api/events").json()["events"] == []


def test_ingest_documents_stores_documents_made_elsewhere(store_url):
    from dyads.model import Document
    from dyads.store.ingest import ingest_documents

    doc = Document(text="Greek police detained 40 protesters in Athens on Tuesday.", id="doc-1", date="2024-05-01")
    first = ingest_documents([doc], store_url)
    assert (first.stored, first.unchanged, first.failed) == (1, 0, 0) and first.events >= 1
    again = ingest_documents([Document(text=doc.text, id="doc-1", date="2024-05-01")], store_url)
    assert (again.stored, again.unchanged, again.events) == (0, 1, 0)
    s = open_store(store_url)
    try:
        assert {r["article_id"] for r in events(s)} == {"doc-1"}
    finally:
        s.close()


# ---------------------------------------------------------------------------------- safety

def test_script_in_article_text_comes_back_inert(client, store):
    row = next(r for r in events(store) if r["article_id"] == "xss-2024-05-01" and XSS in (r["sentence"] or ""))
    for path in ("/api/events?actor=TUR&limit=1000", f"/api/events/{row['id']}"):
        r = client.get(path)
        assert r.headers["content-type"] == "application/json" and r.headers["x-content-type-options"] == "nosniff"
        assert b"<script" not in r.content.lower() and b"<b>" not in r.content.lower()
        assert XSS in r.text.replace("\\u003c", "<").replace("\\u003e", ">")       # escaped, not lost
        assert XSS in json.dumps(r.json(), ensure_ascii=False)                    # the data is intact
    detail = client.get(f"/api/events/{row['id']}").json()
    assert detail["article"]["title"].startswith(XSS) and detail["article"]["publisher"] == "<b>Evil</b> Wire"
    # CSV carries the text as data, served so that no browser renders it
    r = client.get("/api/events", params={"actor": "TUR", "format": "csv"})
    assert XSS in r.text and r.headers["content-type"].startswith("text/csv")
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["content-disposition"].startswith("attachment")
    # input echoed in an error is escaped too
    r = client.get("/api/events", params={"from": "<script>"})
    assert r.status_code == 400 and b"<script" not in r.content


def test_cors_is_off_unless_origins_are_given(filled_url, client):
    origin = {"Origin": "https://evil.example"}
    assert "access-control-allow-origin" not in client.get("/api/actors", headers=origin).headers
    app = create_app(filled_url, settings=Settings(cors_origins=("https://ok.example",)))
    with TestClient(app) as c:
        assert c.get("/api/actors", headers={"Origin": "https://ok.example"}).headers[
            "access-control-allow-origin"] == "https://ok.example"
        assert "access-control-allow-origin" not in c.get("/api/actors", headers=origin).headers


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads/{a}/{b}", "/api/actors", "/api/extract",
            "/api/articles"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "either", "event", "mode", "context", "quad", "from", "to", "place",
            "place_country", "min_sources", "text", "all", "cursor", "limit", "format", "order"} <= params
    assert spec["paths"]["/api/articles"]["post"]["security"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    index = client.get("/api").json()
    assert index["writes"] is False and "/api/events" in index["endpoints"]


def test_docs_use_vendored_swagger_ui_when_present(filled_url, tmp_path, monkeypatch):
    import dyads.web.app as web_app

    monkeypatch.setattr(web_app, "SWAGGER_DIR", tmp_path)
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        (tmp_path / name).write_text("/* vendored */")
    with TestClient(create_app(filled_url)) as c:
        html = c.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "cdn." not in html


# ------------------------------------------------------------------------------- dyads serve

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dyads_serve_answers_over_http(filled_url, tmp_path):
    if not filled_url.startswith("sqlite"):
        pytest.skip("one real server is enough")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "DYADS_API_TOKEN": TOKEN}
    err = (tmp_path / "stderr").open("w+")
    proc = subprocess.Popen([sys.executable, "-c", "from dyads.cli import main; main()", "serve", "--db",
                             filled_url, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=err, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/events", params={"actor": "RUS", "limit": 1}, timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, Path(err.name).read_text()
                time.sleep(0.3)
        assert r.status_code == 200 and r.json()["events"][0]["article_id"] == "ukr-2024-03-05"
        r = httpx.post(f"http://127.0.0.1:{port}/api/articles", json=ONE, timeout=30)
        assert r.status_code == 401
        assert f"http://127.0.0.1:{port}/" in Path(err.name).read_text() and "writes enabled" in Path(err.name).read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        err.close()


def test_dyads_serve_refuses_a_bad_store():
    from click.testing import CliRunner

    from dyads.cli import main

    r = CliRunner().invoke(main, ["serve", "--db", "mysql://x/y"])
    assert r.exit_code == 2 and "unsupported store URL" in r.output
