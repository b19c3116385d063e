"""Querying and exporting the event store: filters, dyad summaries, top actors, exports.

Runs on SQLite and on PostgreSQL (the `store_url` fixture of conftest.py). Exact numbers come
from a handful of handmade rows; the sample articles check the same code on coded news.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, insert, select

from dyads.store import ingest, open_store
from dyads.store.dyads import index_dyads
from dyads.store.export import export, global_event_id
from dyads.store.query import EventFilter, dyad, events, last_day, top_actors
from dyads.store.rows import first_day
from dyads.store.schema import articles, clusters, participants
from dyads.store.schema import events as ev

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"

POLECAT_HEADER = [
    "event_id", "date", "date_precision", "event", "mode", "contexts", "quad_code", "quad_class", "cameo",
    "goldstein", "event_scale", "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country",
    "recipient_sector", "place_name", "lat", "lon", "place_country", "source", "url", "article_id", "cluster_id",
    "n_articles", "n_sources", "sentence"]
GDELT_HEADER = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Name", "Actor1CountryCode", "Actor2Name",
    "Actor2CountryCode", "EventCode",
    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL"]

# id, event, day, actors, recipients (code, sector, name), quad code, event scale, goldstein, cameo, sources, extra
HANDMADE = [
    ("e1", "ASSAULT", "2023-03-01", [("TUR", "GOV", "Turkey"), ("TUR", "MIL", "Turkish Armed Forces")],
     [("AZE", "MIL", "Azerbaijani army")], 4, -9.0, -10.0, "190", 3,
     {"sentence": "Turkish drones struck positions near the border.", "contexts": "military|territory"}),
    ("e2", "ACCUSE", "2023-03-15", [("TUR", "GOV", "Turkey")], [("AZE", "GOV", "Azerbaijan")], 3, -3.0, -2.0,
     "112", 1, {"sentence": "Ankara accused Baku of breaking the ceasefire."}),
    ("e3", "AID", "2023-04-02", [("AZE", "GOV", "Azerbaijan")], [("TUR", "CVL", "Turkish earthquake victims")],
     2, 7.0, 7.0, "070", 2, {"sentence": "Baku sent tents to the earthquake zone."}),
    ("e4", "CONSULT", "2023-04-20", [("TUR", "GOV", "Turkey"), ("AZE", "GOV", "Azerbaijan")], [], 1, 2.5, 1.0,
     "040", 1, {"sentence": "The two foreign ministers held talks in Baku.", "mode": "visit"}),
    # a directed type with both among the actors: not between them
    ("e5", "ASSAULT", "2023-05-01", [("TUR", "MIL", "Turkish army"), ("AZE", "MIL", "Azerbaijani army")], [],
     4, -9.0, -10.0, "190", 1, {"sentence": "Joint forces shelled a village."}),
    # negated: left out unless include_aux
    ("e6", "REJECT", "2023-05-02", [("TUR", "GOV", "Turkey")], [("AZE", "GOV", "Azerbaijan")], 3, -4.0, -4.0,
     "120", None, {"sentence": "Turkey did not reject the offer.", "aux_mode": "negation"}),
    ("e7", "THREATEN", "2022-12-31", [("TUR", "GOV", "Turkey")], [("ARM", "GOV", "Armenia")], 3, -6.0, -6.0,
     "130", 1, {"sentence": "Ankara warned Yerevan."}),
    ("e8", "PROTEST", "2024-01-10", [("GRC", "CVL", "Greek protesters")], [("TUR", "GOV", "Turkey")], 4, -6.5,
     -6.5, "141", 1, {"sentence": "Protesters\tmarched in Athens,\n\"chanting\".", "place_name": "Athens",
                      "place_country": "GRC", "lat": 37.98, "lon": 23.73, "article_id": "a2"}),
    # undated: in the totals, not in first/last or the series; no scores
    ("e9", "REQUEST", None, [("TUR", "GOV", "Turkey")], [("AZE", "GOV", "Azerbaijan")], 3, None, None, "100", 1,
     {"sentence": "Turkey asked Azerbaijan for gas."}),
]


def codes(ents) -> str | None:
    return "|".join(sorted({c for c, _, _ in ents})) or None


def fill(url: str) -> None:
    s = open_store(url)
    rows = {"articles": [], "clusters": [], "events": [], "participants": []}
    for art, source in (("a1", "Example News"), ("a2", "Other Wire")):
        rows["articles"].append({"id": art, "content_hash": art * 32, "url": f"https://example.org/{art}",
                                 "source": source, "n_events": 1, "ingested_at": "2024-01-01T00:00:00+00:00"})
    for i, (eid, event, day, acts, recs, quad, ps, gs, cameo, sources, extra) in enumerate(HANDMADE, 1):
        cluster = None
        if sources is not None:
            cluster = i
            rows["clusters"].append({"id": i, "event": event, "day": day, "n_events": sources,
                                     "n_articles": sources, "n_sources": sources})
        rows["events"].append({
            "id": eid, "article_id": "a1", "cluster_id": cluster, "event": event, "mode": None, "contexts": None,
            "aux_mode": None, "quad_code": quad, "cameo": cameo, "goldstein": gs, "event_scale": ps,
            "date": day, "date_precision": "day" if day else None, "day": day,
            "actor_codes": codes(acts), "recipient_codes": codes(recs),
            "actor_sectors": "|".join(sorted({s for _, s, _ in acts})) or None,
            "recipient_sectors": "|".join(sorted({s for _, s, _ in recs})) or None,
            "actor_names": "|".join(n for _, _, n in acts) or None,
            "recipient_names": "|".join(n for _, _, n in recs) or None,
            "record": {"id": eid, "event": event, "date": day}, **extra})
        for role, ents in (("actor", acts), ("recipient", recs)):
            for pos, (code, sector, name) in enumerate(ents):
                rows["participants"].append({"event_id": eid, "role": role, "position": pos, "text": name,
                                             "name": name, "code": code, "sector": sector, "kind": "agent"})
    keys = {k for r in rows["events"] for k in r}
    rows["events"] = [{k: r.get(k) for k in keys} for r in rows["events"]]     # one shape for executemany
    with s.engine.begin() as conn:
        for table in (articles, clusters, ev, participants):
            conn.execute(insert(table), rows[table.name])
        index_dyads(conn)           # rows written by hand, not by ingest: their dyad index too
    s.close()


@pytest.fixture
def handmade(store_url):
    fill(store_url)
    s = open_store(store_url)
    yield s
    s.close()


def ids(store, **kw) -> set[str]:
    return {r["id"] for r in events(store, EventFilter(**kw))}


def test_filters(handmade):
    s = handmade
    assert ids(s) == {"e1", "e2", "e3", "e4", "e5", "e7", "e8", "e9"}
    assert ids(s, include_aux=True) == ids(s) | {"e6"}
    assert ids(s, actor="TUR") == {"e1", "e2", "e4", "e5", "e7", "e9"}
    assert ids(s, recipient="TUR") == {"e3", "e8"}
    assert ids(s, either_side="ARM") == {"e7"}
    assert ids(s, actor="MIL") == {"e1", "e5"}                       # a sector
    assert ids(s, actor="TURMIL") == ids(s, actor="TUR/MIL") == {"e1", "e5"}
    assert ids(s, recipient="azerbaijan") == {"e1", "e2", "e9"}      # a name substring, any case
    assert ids(s, event="assault") == {"e1", "e5"}
    assert ids(s, event=["AID", "CONSULT"]) == {"e3", "e4"}
    assert ids(s, mode="visit") == {"e4"}
    assert ids(s, context="military") == {"e1"} and not ids(s, context="milit")
    assert ids(s, quad_code=3) == {"e2", "e7", "e9"}
    assert ids(s, quad_code=[1, 2]) == {"e3", "e4"}
    assert ids(s, date_from="2023-03", date_to="2023-03") == {"e1", "e2"}
    assert ids(s, date_from="2023-03-15", date_to="2023-04-02") == {"e2", "e3"}      # both inclusive
    assert ids(s, date_to="2022") == {"e7"}
    assert ids(s, date_from="2024-W02") == {"e8"}
    assert ids(s, place="athen") == ids(s, place_country="grc") == {"e8"}
    assert ids(s, min_sources=2) == {"e1", "e3"}
    assert ids(s, text="ceasefire") == {"e2"}
    assert ids(s, text="earthquake zone") == {"e3"}
    assert ids(s, text="ceasefire village") == set()                 # every word must occur
    assert ids(s, text="\"NOT\" (") == set()                         # no query syntax leaks through
    assert ids(s, actor="TUR", event="ASSAULT", date_from="2023") == {"e1", "e5"}
    with pytest.raises(ValueError):
        list(events(s, EventFilter(date_from="last week")))


def test_events_rows_order_and_pages(handmade):
    s = handmade
    dated = EventFilter(date_from="2000")
    days = [r["day"] for r in events(s, dated)]
    assert days == sorted(days) and len(days) == 7
    assert [r["id"] for r in events(s, dated, order="-day")][:2] == ["e8", "e5"]
    page = [r["id"] for r in events(s, EventFilter(date_from="2000", limit=2, offset=1))]
    assert page == ["e1", "e2"]
    row = next(events(s, EventFilter(actor="TUR", min_sources=3)))
    assert row["id"] == "e1" and row["n_sources"] == 3 and row["n_articles"] == 3
    assert row["actor_codes"] == "TUR" and row["actor_sectors"] == "GOV|MIL"
    assert (row["quad_code"], row["quad_class"], row["event_scale"]) == (4, "material conflict", -9.0)
    assert "record" not in row
    assert next(events(s.url, EventFilter(event="AID"), record=True))["record"]["id"] == "e3"   # a URL works too


def test_last_day():
    assert last_day("2024-02") == "2024-02-29"
    assert last_day("2023-W08") == "2023-02-26"
    assert last_day("2023") == "2023-12-31"
    assert last_day("2023-05-06") == "2023-05-06"


def test_dyad_summary(handmade):
    d = dyad(handmade, "TUR", "AZE")
    assert d["n_events"] == 5                      # e1 e2 e3 e4 e9: not e5 (directed), e6 (negated)
    assert {k: v["n_events"] for k, v in d["directions"].items()} == {"TUR->AZE": 3, "AZE->TUR": 1, "TUR+AZE": 1}
    assert d["events"] == {"ACCUSE": 1, "AID": 1, "ASSAULT": 1, "CONSULT": 1, "REQUEST": 1}
    assert d["quad_code"] == {1: 1, 2: 1, 3: 2, 4: 1}
    assert d["mean_event_scale"] == pytest.approx((-9 - 3 + 7 + 2.5) / 4)      # e9 has no score
    assert d["mean_goldstein"] == pytest.approx((-10 - 2 + 7 + 1) / 4)
    assert d["directions"]["TUR->AZE"]["mean_goldstein"] == pytest.approx(-6.0)
    assert d["directions"]["AZE->TUR"]["events"] == {"AID": 1}
    assert d["first"]["id"] == "e1" and d["first"]["direction"] == "TUR->AZE" and d["first"]["date"] == "2023-03-01"
    assert d["last"]["id"] == "e4" and d["last"]["event"] == "CONSULT" and "talks" in d["last"]["sentence"]
    assert "series" not in d

    back = dyad(handmade, "aze", "tur")            # the same events seen from the other side
    assert back["n_events"] == 5 and back["directions"]["TUR->AZE"]["n_events"] == 3 and "AZE+TUR" in back["directions"]
    assert dyad(handmade, "TUR", "AZE", flt=EventFilter(include_aux=True))["events"]["REJECT"] == 1
    assert dyad(handmade, "TUR", "AZE", flt=EventFilter(date_from="2023-04"))["n_events"] == 2
    assert dyad(handmade, "TUR", "AZE", flt=EventFilter(quad_code=4))["n_events"] == 1
    assert dyad(handmade, "TUR", "AZE", flt=EventFilter(min_sources=2))["n_events"] == 2
    empty = dyad(handmade, "TUR", "FRA", by="month")
    assert empty["n_events"] == 0 and empty["first"] is None and empty["series"] == []
    assert empty["mean_goldstein"] is None


def test_dyad_series(handmade):
    month = dyad(handmade, "TUR", "AZE", by="month")["series"]
    assert month == [{"period": "2023-03", "n_events": 2, "quad_code": {1: 0, 2: 0, 3: 1, 4: 1}},
                     {"period": "2023-04", "n_events": 2, "quad_code": {1: 1, 2: 1, 3: 0, 4: 0}}]
    assert dyad(handmade, "TUR", "AZE", by="year")["series"] == [
        {"period": "2023", "n_events": 4, "quad_code": {1: 1, 2: 1, 3: 1, 4: 1}}]
    assert [p["period"] for p in dyad(handmade, "TUR", "AZE", by="day")["series"]] == [
        "2023-03-01", "2023-03-15", "2023-04-02", "2023-04-20"]
    weeks = [p["period"] for p in dyad(handmade, "TUR", "AZE", by="week")["series"]]
    iso = [dt.date.fromisoformat(d).isocalendar() for d in ("2023-03-01", "2023-03-15", "2023-04-02", "2023-04-20")]
    assert weeks == [f"{y}-W{w:02d}" for y, w, _ in iso] == ["2023-W09", "2023-W11", "2023-W13", "2023-W16"]
    # Saturday 2022-12-31 ends 2022-W52
    assert dyad(handmade, "TUR", "ARM", by="week")["series"][0]["period"] == "2022-W52"
    with pytest.raises(ValueError):
        dyad(handmade, "TUR", "AZE", by="fortnight")


def test_iso_weeks_at_year_ends(store_url):
    fill(store_url)
    s = open_store(store_url)
    days = ["2021-01-01", "2020-12-28", "2024-12-30", "2026-01-04", "2026-01-05"]
    with s.engine.begin() as conn:
        for i, day in enumerate(days):
            conn.execute(insert(ev).values(id=f"w{i}", article_id="a1", event="ACCUSE", day=day, record={}))
            conn.execute(insert(participants).values(event_id=f"w{i}", role="actor", position=0, code="FRA"))
            conn.execute(insert(participants).values(event_id=f"w{i}", role="recipient", position=0, code="DEU"))
        index_dyads(conn, [f"w{i}" for i in range(len(days))])
    got = [p["period"] for p in dyad(s, "FRA", "DEU", by="week")["series"]]
    s.close()
    expected = sorted({"{}-W{:02d}".format(*dt.date.fromisoformat(d).isocalendar()[:2]) for d in days})
    assert got == expected == ["2020-W53", "2025-W01", "2026-W01", "2026-W02"]


def test_top_actors(handmade):
    top = top_actors(handmade, role="actor")
    assert top[:3] == [{"code": "TUR", "n_events": 6, "share": 0.75}, {"code": "AZE", "n_events": 3, "share": 0.375},
                       {"code": "GRC", "n_events": 1, "share": 0.125}]
    either = {t["code"]: t["n_events"] for t in top_actors(handmade)}
    assert either == {"TUR": 8, "AZE": 6, "ARM": 1, "GRC": 1}
    assert top_actors(handmade, role="recipient", limit=1) == [{"code": "AZE", "n_events": 3, "share": 0.375}]
    names = top_actors(handmade, role="actor", by="name", flt=EventFilter(event="ASSAULT"))
    assert all(n["n_events"] == 1 and n["share"] == 0.5 for n in names)
    assert {n["name"] for n in names} == {"Turkey", "Turkish Armed Forces", "Turkish army", "Azerbaijani army"}
    assert top_actors(handmade, flt=EventFilter(min_sources=2))[0] == {"code": "AZE", "n_events": 2, "share": 1.0}


def _text(store, fmt, columns=None, flt=None) -> tuple[int, str]:
    buf = io.StringIO()
    return export(store, buf, fmt, flt, columns=columns), buf.getvalue()


def test_export_tables_of_handmade_rows(handmade):
    n, out = _text(handmade, "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert n == 8 and rows[0] == POLECAT_HEADER and len(rows) == 9
    e1 = dict(zip(POLECAT_HEADER, next(r for r in rows if r[0] == "e1")))
    assert (e1["quad_code"], e1["quad_class"], e1["event_scale"]) == ("4", "material conflict", "-9.0")
    assert (e1["actor_country"], e1["actor_sector"], e1["actor_name"]) == ("TUR", "GOV;MIL",
                                                                         "Turkey;Turkish Armed Forces")
    assert (e1["n_sources"], e1["source"], e1["url"], e1["cameo"]) == ("3", "Example News",
                                                                        "https://example.org/a1", "190")
    assert e1["contexts"] == "military;territory"

    n, out = _text(handmade, "tsv", "gdelt")
    rows = list(csv.reader(io.StringIO(out), delimiter="\t"))
    assert rows[0] == GDELT_HEADER and len(rows) == 9
    gid = {str(global_event_id(f"e{i}")): f"e{i}" for i in range(1, 10)}
    by_id = {gid[r[0]]: dict(zip(GDELT_HEADER, r)) for r in rows[1:]}           # numeric ids, one per event
    assert by_id["e3"]["EventCode"] == "070" and by_id["e3"]["SQLDATE"] == "20230402"   # leading zero kept
    assert (by_id["e3"]["MonthYear"], by_id["e3"]["Year"], by_id["e3"]["QuadClass"]) == ("202304", "2023", "2")
    assert by_id["e1"]["NumSources"] == "3" and by_id["e8"]["ActionGeo_FullName"] == "Athens"
    assert by_id["e8"]["SOURCEURL"] == "https://example.org/a2"
    assert by_id["e9"]["SQLDATE"] == by_id["e9"]["Year"] == ""
    # a tab, a line break and quotes inside a cell survive the round trip
    sentence = dict(zip(POLECAT_HEADER, next(r for r in csv.reader(io.StringIO(_text(handmade, "tsv")[1]),
                                                                  delimiter="\t") if r[0] == "e8")))["sentence"]
    assert sentence == "Protesters\tmarched in Athens,\n\"chanting\"."

    n, out = _text(handmade, "jsonl", flt=EventFilter(event="ASSAULT"))
    assert n == 2 and [json.loads(line)["id"] for line in out.splitlines()] == ["e1", "e5"]
    n, out = _text(handmade, "jsonl", "gdelt", EventFilter(event="AID"))
    assert json.loads(out)["EventCode"] == "070"


def test_export_parquet_and_streams(handmade, tmp_path):
    path = tmp_path / "out.parquet"
    assert export(handmade, path, "parquet", EventFilter(include_aux=True)) == 9
    t = pq.read_table(path)
    assert t.num_rows == 9 and t.schema.names == POLECAT_HEADER
    assert str(t.schema.field("n_sources").type) == "int64" and str(t.schema.field("lat").type) == "double"
    gd = pq.read_table(_parquet_bytes(handmade, "gdelt"))
    assert gd.schema.names == GDELT_HEADER and gd.num_rows == 8
    assert min(gd.column("EventCode").to_pylist()) == "040"
    assert str(gd.schema.field("GLOBALEVENTID").type) == "int64" and str(gd.schema.field("SQLDATE").type) == "int64"
    assert str(gd.schema.field("FractionDate").type) == "double"
    assert sorted(gd.column("GLOBALEVENTID").to_pylist()) == sorted(
        global_event_id(e[0]) for e in HANDMADE if e[0] != "e6")
    binary = io.BytesIO()
    assert export(handmade, binary, "csv") == 8
    assert binary.getvalue().decode().splitlines()[0] == ",".join(POLECAT_HEADER)
    with pytest.raises(ValueError):
        export(handmade, io.StringIO(), "xml")


def _parquet_bytes(store, columns) -> io.BytesIO:
    buf = io.BytesIO()
    export(store, buf, "parquet", columns=columns)
    buf.seek(0)
    return buf


def test_sample_articles(store_url, tmp_path):
    """The same queries on coded news: the sample articles."""
    ingest([str(SAMPLES)], store_url, min_confidence=0.0)     # every event the rules find: the queries are tested
    s = open_store(store_url)
    with s.engine.connect() as conn:
        asserted = conn.execute(select(func.count()).select_from(ev).where(ev.c.aux_mode.is_(None))).scalar_one()
        french = set(conn.execute(select(participants.c.event_id).join(ev, ev.c.id == participants.c.event_id)
                                  .where(participants.c.code == "FRA", participants.c.role == "actor",
                                         ev.c.aux_mode.is_(None))).scalars())
    rows = list(events(s))
    assert len(rows) == asserted > 30      # asserted political events with someone named acting
    assert {r["id"] for r in events(s, EventFilter(actor="FRA"))} == french
    hostages = list(events(s, EventFilter(text="hostages")))
    assert hostages and all("hostage" in r["sentence"].lower() for r in hostages)
    assert all(r["quad_code"] == 4 and r["quad_class"] == "material conflict"
               for r in events(s, EventFilter(quad_code=4)))
    assert all(r["n_sources"] >= 1 for r in events(s, EventFilter(min_sources=1)))
    assert top_actors(s, limit=1)[0]["n_events"] >= 5

    n, out = _text(s, "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert n == len(records) == asserted and all(r["event"] and "actor" in r for r in records)
    n, out = _text(s, "csv")
    assert next(csv.reader(io.StringIO(out))) == POLECAT_HEADER and n == asserted
    n, out = _text(s, "csv", "gdelt")
    assert next(csv.reader(io.StringIO(out))) == GDELT_HEADER
    everything = len(list(events(s, EventFilter(include_aux=True))))
    path = tmp_path / "all.parquet"
    assert export(s.url, path, "parquet", EventFilter(include_aux=True), columns="plover") == everything
    table = pq.read_table(path)
    assert table.num_rows == everything and table.schema.names[:3] == ["id", "date", "event"]
    s.close()


# ------------------------------------------------------------------------------- GDELT dates

def _dated(url: str, dates: dict[str, tuple[str, str]]) -> None:
    """Events with the given (date, precision), by id, each with one actor."""
    s = open_store(url)
    with s.engine.begin() as conn:
        conn.execute(insert(articles).values(id="g1", content_hash="g" * 64, n_events=len(dates),
                                             ingested_at="2024-01-01T00:00:00+00:00"))
        for eid, (date, precision) in dates.items():
            conn.execute(insert(ev).values(id=eid, article_id="g1", event="PROTEST", cameo="141", quad_code=4,
                                           date=date, date_precision=precision, day=first_day(date),
                                           record={"id": eid}))
    s.close()


GDELT_DATES = {
    # a dyads id (hex) and ids of other tools: every one numeric and stable
    "0a1b2c3d4e5f6071": ("2021-03-05", "day"),
    "month": ("2021-03", "month"),
    "week": ("2021-W09", "week"),
    "week-across-years": ("2020-W53", "week"),
    "year": ("2021", "year"),
}


def test_gdelt_dates_by_precision(store_url):
    _dated(store_url, GDELT_DATES)
    s = open_store(store_url)
    try:
        _, out = _text(s, "csv", "gdelt")
        _, again = _text(s, "tsv", "gdelt", EventFilter(date_from="2020"))
    finally:
        s.close()
    rows = {r["GLOBALEVENTID"]: r for r in csv.DictReader(io.StringIO(out))}
    by = {eid: rows[str(global_event_id(eid))] for eid in GDELT_DATES}
    assert len(rows) == len(GDELT_DATES) and all(k.isdigit() and 0 < int(k) < 2 ** 60 for k in rows)
    assert global_event_id("0a1b2c3d4e5f6071") == int("0a1b2c3d4e5f607", 16)      # not hex text: a number
    # the same ids in another export, however filtered and written
    assert {r["GLOBALEVENTID"] for r in csv.DictReader(io.StringIO(again), delimiter="\t")} == set(rows)

    def dates(eid):
        r = by[eid]
        return r["SQLDATE"], r["MonthYear"], r["Year"], r["FractionDate"]

    assert dates("0a1b2c3d4e5f6071") == ("20210305", "202103", "2021", "2021.1781")   # day: all four
    assert dates("month") == ("", "202103", "2021", "2021.2055")       # month: no SQLDATE; its middle
    assert dates("week") == ("", "202103", "2021", "2021.1753")        # 2021-03-01..07: one month
    assert dates("week-across-years") == ("", "", "", "2020.989")      # 2020-12-28..2021-01-03
    assert dates("year") == ("", "", "2021", "")                       # never 20210101


def test_gdelt_date_rule():
    from dyads.store.export import gdelt_dates

    assert gdelt_dates("1979-01-01") == (19790101, 197901, 1979, 1979.0027)     # as in GDELT's own files
    assert gdelt_dates("2021-12-31")[3] < 2022
    assert gdelt_dates("2021") == (None, None, 2021, None)
    assert gdelt_dates("2021-02") == (None, 202102, 2021, 2021.1233)
    assert gdelt_dates(None) == gdelt_dates("2021-13") == gdelt_dates("2021-02-30") == (None, None, None, None)


@pytest.mark.parametrize("order", ["day", "-day"])
def test_pages_walking_the_date_index_find_the_same_events(handmade, monkeypatch, order):
    """Frequent codes and full-text terms make a page test each event it walks (`page_hints`)
    instead of listing every match first: the same rows either way."""
    from dyads.store import query

    filters = [EventFilter(actor="TUR", limit=3), EventFilter(recipient="AZE", event="ASSAULT", limit=2),
               EventFilter(either_side="TUR", date_from="2023-04", limit=50), EventFilter(text="ceasefire", limit=5),
               EventFilter(either_side="AZE", text="Baku", limit=5, include_aux=True)]
    plain = [[r["id"] for r in events(handmade, f, order=order)] for f in filters]
    monkeypatch.setattr(query, "COMMON_CODE", 0)
    monkeypatch.setattr(query, "FREQUENT_TEXT", 0)
    hinted = query.page_hints(handmade, filters[-1])
    if handmade.backend == "sqlite":
        assert hinted.common_codes == {("AZE", None)} and hinted.frequent_text
    assert [[r["id"] for r in events(handmade, f, order=order)] for f in filters] == plain
    assert plain[0] and plain[3] == ["e2"]
