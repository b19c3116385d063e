"""Speed of the event store's queries on N synthetic events (default 10,000,000).

    python bench/store_speed.py                                 # a temporary SQLite file
    python bench/store_speed.py --db /tmp/10m/store.db          # a file kept; a later run reuses it
    python bench/store_speed.py --db postgresql://user:pw@127.0.0.1/postgres --keep
    python bench/store_speed.py --db /tmp/10m/store.db --export-parquet --export-dir /tmp/10m
    python bench/store_speed.py -n 100000 --repeat 5            # a quick look

Generates the events fast (200,000 story templates drawn again with fresh ids, dates and
reports; rows built as tuples) and loads them straight into the tables: on SQLite through a
connection of its own with the journal and fsync off, secondary indexes and triggers dropped
during the load and made again after it, the full-text index built in one pass; on PostgreSQL
by COPY with the secondary indexes dropped and the summary triggers disabled meanwhile. Both
then fill the summary tables in one query (`dyads.store.summary.rebuild`). The load time
includes all of it.

Then times each query --repeat times (default 20) and prints p50 and p95: the dyad summary
`dyad(store, "TUR", "AZE")`, the same by month and by week, RUS-UKR by month (the busiest
dyad), a filtered page (actor TUR, ASSAULT, one year, 50 rows), a full-text page (50 rows), top
actors unfiltered (either side, recipients) and filtered (ASSAULT since 2024); against two
baselines measured in the same run: a full scan of the events table (a count of the asserted
events: SQLite answers a bare `count(*)` from its smallest index) and the dyad summary computed
in Python from all the rows, whose counts the library's must equal. Prints the store's size on
disk. Targets (p95) on SQLite: dyad summary < 100 ms, filtered page < 100 ms, full-text page
< 300 ms, unfiltered top actors < 1 s; on PostgreSQL 1.5 times those.

A PostgreSQL URL names a server: the bench creates a database of its own there (the role
needs CREATEDB) and drops it at the end, unless --keep. --reuse takes the URL as the store.
--export-parquet also exports every asserted event to Parquet in a child process doing only
that, and prints its time and peak RSS.

The data: ~200 countries with Zipf-like weights and 10 % of the events in a few busy dyads
(TUR-AZE is about 0.5 %), the 16 PLOVER types with their modes, quad classes and scores,
days 2000-2026 (more in recent years), 1-3 actors and 0-2 recipients of mixed sectors,
5 % auxiliary (negated, future ...) reports, 1.5 reports per cluster, 4 events per article.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from functools import cache
from itertools import accumulate
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from dyads.events import cameo
from dyads.store import query
from dyads.store.db import normalize_url, open_store
from dyads.store.query import EventFilter, dyad, events
from dyads.store import summary
from dyads.store.dyads import pairs
from dyads.store.schema import articles, clusters, dyad_events, participants
from dyads.store.schema import events as ev
from dyads.text import fold

CHUNK = 50_000
PG_FACTOR = 1.5         # PostgreSQL's targets: within 1.5x of SQLite's
POOL = 200_000          # distinct story templates (see Synth._template)
TABLES = ("articles", "clusters", "events", "participants", "dyad_events")
COLUMNS = {t.name: [c.name for c in t.columns] for t in (articles, clusters, ev, participants, dyad_events)}
DATA = Path(cameo.__file__).resolve().parent.parent / "data"
PROMINENT = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "TUR", "GBR", "FRA", "DEU", "IND", "PAK", "SYR", "IRQ", "AFG", "SAU", "EGY", "JPN", "KOR", "PRK", "NGA", "BRA", "MEX", "VEN", "LBN", "YEM", "LBY", "SDN", "ETH", "SOM", "AZE", "ARM", "GEO", "BLR", "POL", "ITA", "ESP", "CAN", "AUS"]
BUSY_DYADS = [("RUS", "UKR", 5), ("ISR", "PSE", 5), ("USA", "CHN", 3), ("TUR", "SYR", 2), ("TUR", "AZE", 1),
              ("ARM", "AZE", 1), ("IND", "PAK", 1), ("USA", "IRN", 2)]
TYPES = {"CONSULT": 20, "AGREE": 8, "SUPPORT": 6, "CONCEDE": 2, "COOPERATE": 5, "AID": 4, "RETREAT": 3,
         "REQUEST": 8, "ACCUSE": 10, "REJECT": 5, "THREATEN": 4, "PROTEST": 6, "SANCTION": 3, "MOBILIZE": 2,
         "COERCE": 7, "ASSAULT": 10}
UNDIRECTED = {"CONSULT", "AGREE", "COOPERATE"}
VERBS = {"CONSULT": "met", "AGREE": "agreed with", "SUPPORT": "backed", "CONCEDE": "conceded to",
         "COOPERATE": "worked with", "AID": "sent aid to", "RETREAT": "withdrew from", "REQUEST": "asked",
         "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested against",
         "SANCTION": "sanctioned", "MOBILIZE": "mobilized against", "COERCE": "detained", "ASSAULT": "attacked"}
SECTORS = {"GOV": ("government", 30), "MIL": ("army", 10), "COP": ("police", 6), "JUD": ("court", 3),
           "REB": ("rebels", 4), "OPP": ("opposition", 4), "PTY": ("party", 3), "CVL": ("civilians", 15),
           "BUS": ("companies", 5), "MED": ("media", 5), "UNK": ("officials", 15)}
CONTEXTS = ("military", "economic", "political_institutions", "human_security", "territory", "diplomatic")
WORDS = ["talks", "border", "ceasefire", "troops", "minister", "president", "election", "protest", "sanctions", "oil", "gas", "trade", "deal", "missile", "drone", "village", "city", "capital", "province", "refugees", "aid", "summit", "visit", "statement", "warning", "parliament", "court", "prisoners", "hostages", "strike", "attack", "bombing", "shelling", "convoy", "port", "airport", "pipeline", "embassy", "ambassador", "delegation", "agreement", "treaty", "accord", "vote", "opposition", "police", "army", "navy", "militia", "rebels", "insurgents", "civilians", "children", "hospital", "school", "market", "bridge", "road", "dam", "power", "grain", "wheat", "currency", "debt", "loan", "investment", "budget", "tax", "tariff", "export", "import", "energy", "nuclear", "reactor", "inspectors", "journalists", "reporters", "arrest", "detention", "trial", "verdict", "appeal", "sentence", "jail", "amnesty", "pardon"]
AUX = ("negation", "future", "hypothetical", "historical")
PUBLISHERS = [f"publisher-{i}" for i in range(300)]


@cache
def _scores(event: str, mode: str | None) -> tuple[str, float, float, int]:
    code = cameo.cameo_for(event, mode)
    return code, cameo.goldstein(code), cameo.plover_score(event, mode), cameo.quad_code(event)


def _codes(ents: list[dict]) -> str | None:
    return "|".join(sorted({e["code"] for e in ents if e["code"]})) or None


def _joined(ents: list[dict], key: str, sep: str = "|") -> str | None:
    return sep.join(dict.fromkeys(e[key] for e in ents)) or None


class Synth:
    """Synthetic stored rows, chunk by chunk, from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rows = [line.split("\t") for line in (DATA / "places_countries.tsv").read_text().splitlines()
                if line and not line.startswith("#")][1:]
        self.country = {r[0]: (r[1], float(r[2]), float(r[3])) for r in rows}
        rest = sorted(c for c in self.country if c not in PROMINENT)
        self.codes = (PROMINENT + rest)[:200]
        # cumulative weights, so that choices() does not add them up at each call
        self.code_w = list(accumulate(1 / (rank + 3) for rank in range(len(self.codes))))
        self.types, self.type_w = list(TYPES), list(accumulate(TYPES.values()))
        self.sectors, self.sector_w = list(SECTORS), list(accumulate(w for _, w in SECTORS.values()))
        self.dyads, self.dyad_w = [d[:2] for d in BUSY_DYADS], list(accumulate(d[2] for d in BUSY_DYADS))
        self.word_w = list(accumulate(1 / (i + 1) for i in range(len(WORDS))))
        self.years = list(range(2000, 2027))
        self.year_w = list(accumulate(y - 1995 for y in self.years))
        self.next_cluster = self.next_article = 0

    def _entity(self, code: str | None) -> dict:
        sector = self.rng.choices(self.sectors, cum_weights=self.sector_w)[0]
        name = f"{self.country[code][0] if code else 'unidentified'} {SECTORS[sector][0]}"
        return {"code": code, "sector": sector, "entity_text": name}

    def _date(self) -> tuple[str, str, str]:
        year = self.rng.choices(self.years, cum_weights=self.year_w)[0]
        d = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(181 if year == 2026 else 365))
        r = self.rng.random()
        if r < 0.90:
            return d.isoformat(), "day", d.isoformat()
        if r < 0.96:
            return d.isoformat()[:7], "month", d.isoformat()[:8] + "01"
        if r < 0.98:
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}", "week", dt.date.fromisocalendar(y, w, 1).isoformat()
        return str(year), "year", f"{year}-01-01"

    def _story(self) -> dict:
        """One real-world event: type, participants, date and place."""
        rng = self.rng
        event = rng.choices(self.types, cum_weights=self.type_w)[0]
        if rng.random() < 0.10:
            a, b = rng.choices(self.dyads, cum_weights=self.dyad_w)[0]
            a, b = (a, b) if rng.random() < 0.5 else (b, a)
        else:
            a, b = rng.choices(self.codes, cum_weights=self.code_w, k=2)
        a = a if rng.random() > 0.08 else None              # unidentified actors
        actors = [self._entity(a)]
        for _ in range(rng.choices((0, 1, 2), (75, 20, 5))[0]):
            other = rng.choices(self.codes, cum_weights=self.code_w)[0]
            actors.append(self._entity(a if rng.random() < 0.5 else other))
        recipients = [self._entity(b)] if rng.random() < 0.85 else []
        if recipients and rng.random() < 0.1:
            recipients.append(self._entity(rng.choices(self.codes, cum_weights=self.code_w)[0]))
        if event in UNDIRECTED and recipients and rng.random() < 0.4:
            actors.append(recipients.pop(0))                 # "A and B held talks"
        modes = cameo.modes(event)
        mode = rng.choice(modes) if modes and rng.random() < 0.6 else None
        date, precision, day = self._date()
        where = rng.choice([a, b, None]) if b else a
        place = None
        if where:
            name, lat, lon = self.country[where]
            place = {"resolved_place": name, "lat": lat + rng.uniform(-1, 1), "lon": lon + rng.uniform(-1, 1),
                     "country_code": where}
        filler = " ".join(rng.choices(WORDS, cum_weights=self.word_w, k=rng.randint(3, 6)))
        sentence = (f"{_joined(actors, 'entity_text', ' and ').capitalize()} {VERBS[event]} "
                    f"{_joined(recipients, 'entity_text', ' and ') or 'others'} {filler}.")
        code, goldstein, score, quad = _scores(event, mode)
        return {"event": event, "mode": mode, "actors": actors, "recipients": recipients, "date": date,
                "precision": precision, "day": day, "place": place, "sentence": sentence, "cameo": code,
                "goldstein": goldstein, "score": score, "quad": quad,
                "contexts": rng.sample(CONTEXTS, rng.choices((0, 1, 2), (60, 30, 10))[0])}

    def _template(self) -> dict:
        """A story with its rows prepared once (all but ids, date and aux mode): the generator reuses
        POOL of them with fresh dates, which is several times faster than a new story per event."""
        s = self._story()
        place = s["place"] or {}
        parts = [(role, i, e["entity_text"], e["entity_text"] if e["code"] else None, e["code"], e["sector"],
                  "agent", None, 0)
                 for role, ents in (("actor", s["actors"]), ("recipient", s["recipients"])) for i, e in enumerate(ents)]
        fields = {
            "event": s["event"], "mode": s["mode"], "contexts": "|".join(s["contexts"]) or None,
            "quad_code": s["quad"], "cameo": s["cameo"], "goldstein": s["goldstein"], "event_scale": s["score"],
            "date_source": "text", "actor_codes": _codes(s["actors"]), "recipient_codes": _codes(s["recipients"]),
            "actor_sectors": "|".join(sorted({e["sector"] for e in s["actors"]})) or None,
            "recipient_sectors": "|".join(sorted({e["sector"] for e in s["recipients"]})) or None,
            "actor_names": _joined(s["actors"], "entity_text"),
            "recipient_names": _joined(s["recipients"], "entity_text"), "actor_people": None,
            "recipient_people": None, "place_name": place.get("resolved_place"), "place_geonameid": None,
            "lat": place.get("lat"), "lon": place.get("lon"), "place_country": place.get("country_code"),
            "place_kind": "A" if place else None, "location_source": "text" if place else None,
            "sentence": s["sentence"]}
        # the accent-folded copies name filters search (store migration 0007), as ingest writes them
        fields.update({f"{k}_folded": fold(fields[k]) if fields[k] else None
                       for k in ("actor_names", "recipient_names", "place_name")})
        record = {"actor": s["actors"], "recipient": s["recipients"], "event": s["event"], "mode": s["mode"],
                  "context": s["contexts"], "event_text": s["sentence"], "quad_code": s["quad"],
                  "event_scale": s["score"], "cameo": s["cameo"], "goldstein": s["goldstein"],
                  "event_loc": s["place"]}
        return {"s": s, "fields": fields, "parts": parts, "record_tail": json.dumps(record)[1:],
                "pairs": pairs(s["event"], ((p[0], p[4]) for p in parts)),
                "cluster": (s["event"], s["mode"], fields["actor_codes"], fields["recipient_codes"],
                            fields["actor_names"], fields["recipient_names"], fields["place_name"], fields["lat"],
                            fields["lon"], fields["place_country"])}

    def rows(self, n: int) -> dict[str, list[tuple]]:
        """About n events with their participants, dyad rows, clusters and articles, as tuples in the
        column order of the tables (COLUMNS)."""
        rng, now = self.rng, "2026-07-01T00:00:00+00:00"
        if not hasattr(self, "pool"):
            self.pool = [self._template() for _ in range(POOL)]
        n_arts = max(1, n // 4)
        first_art = self.next_article
        self.next_article += n_arts
        art_ids = [f"bench-{first_art + i}" for i in range(n_arts)]
        art_events = [0] * n_arts
        pubs = [rng.choice(PUBLISHERS) for _ in range(n_arts)]
        out: dict[str, list[tuple]] = {"articles": [], "clusters": [], "events": [], "participants": [],
                                       "dyad_events": []}
        evs, parts, dys, cls = out["events"], out["participants"], out["dyad_events"], out["clusters"]
        cols = COLUMNS["events"]
        while len(evs) < n:
            t = self.pool[rng.randrange(POOL)]
            f = t["fields"]
            date, precision, day = self._date()
            k = min(n_arts, rng.choices((1, 2, 3, 4, 6), cum_weights=(65, 85, 93, 97, 100))[0])
            reports = rng.sample(range(n_arts), k)
            aux = rng.random() < 0.05
            cid = None
            if not aux:
                self.next_cluster += 1
                cid = self.next_cluster
                c = t["cluster"]
                cls.append((cid, c[0], c[1], date, precision, day, *c[2:], k, k, len({pubs[i] for i in reports}),
                            None, None, now))
            for i in reports:
                art_events[i] += 1
                eid = f"{rng.getrandbits(64):016x}"
                aux_mode = rng.choice(AUX) if aux else None
                record = (f'{{"id": "{eid}", "doc_id": "{art_ids[i]}", "date": "{date}", '
                          f'"date_precision": "{precision}", "aux_mode": {json.dumps(aux_mode)}, ' + t["record_tail"])
                row = {**f, "id": eid, "article_id": art_ids[i], "cluster_id": cid, "aux_mode": aux_mode,
                       "confidence": round(rng.uniform(0.4, 1.0), 3), "date": date, "date_precision": precision,
                       "day": day, "record": record}
                evs.append(tuple(row[c] for c in cols))
                parts.extend((eid, *p) for p in t["parts"])
                dys.extend((a, b, eid, direction, f["event"], f["quad_code"], day, f["event_scale"], f["goldstein"],
                            aux_mode) for a, b, direction in t["pairs"])
        out["articles"] = [(art_ids[i], f"{rng.getrandbits(256):064x}", None, f"https://news.example/{first_art + i}",
                            pubs[i], pubs[i], None, None, "en", art_events[i], now) for i in range(n_arts)]
        return out


def _sqlite_path(store) -> str:
    return make_url(store.url).database


def _sqlite_load(store, synth: Synth, n: int, t0: float) -> None:
    """SQLite: one connection of its own with the journal and fsync off (a bench load that can be
    redone, never how a store is written), secondary indexes and triggers dropped during the load
    and made again after it, the full-text index built in one pass, the summaries in one query."""
    store.engine.dispose()
    con = sqlite3.connect(_sqlite_path(store), isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-3000000")       # 3 GB: the primary-key B-trees stay in memory
    con.execute("PRAGMA temp_store=MEMORY")
    saved = con.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                        "AND sql IS NOT NULL").fetchall()
    for kind, name, _ in saved:
        con.execute(f'DROP {kind.upper()} "{name}"')
    done = 0
    while done < n:
        rows = synth.rows(min(CHUNK, n - done))
        con.execute("BEGIN")
        for name in TABLES:
            cols = COLUMNS[name]
            con.executemany(f'INSERT INTO {name} ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})',
                            rows[name])
        con.execute("COMMIT")
        done += len(rows["events"])
        _progress(done, t0)
    print(file=sys.stderr)
    step = time.perf_counter()
    con.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    print(f"  full-text index {time.perf_counter() - step:.0f} s", file=sys.stderr)
    for kind, name, sql in saved:
        step = time.perf_counter()
        con.execute(sql)
        if kind == "index":
            print(f"  index {name} {time.perf_counter() - step:.0f} s", file=sys.stderr)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()


def _progress(done: int, t0: float) -> None:
    print(f"\r  loaded {done:,} events ({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr, flush=True)


def load(store, n: int, seed: int) -> float:
    """Insert n synthetic events; returns the seconds it took (indexes and summaries included)."""
    t0 = time.perf_counter()
    synth = Synth(seed)
    if store.backend == "postgresql":
        _pg_load(store, synth, n, t0)
    else:
        _sqlite_load(store, synth, n, t0)
    step = time.perf_counter()
    with store.engine.begin() as conn:
        summary.rebuild(conn)
    print(f"  summary tables {time.perf_counter() - step:.0f} s", file=sys.stderr)
    if store.backend == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))     # what autovacuum would soon do after a bulk load
    else:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")  # as `dyads ingest` leaves a store
    return time.perf_counter() - t0


def _pg_load(store, synth: Synth, n: int, t0: float) -> None:
    """PostgreSQL: COPY each table's rows (several times faster than INSERTs), with the secondary
    indexes dropped during the load and made again after it, and the summary triggers disabled
    (load() fills the summaries in one query)."""
    raw = store.engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                        "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                        (list(TABLES),))
            saved = cur.fetchall()
            for name, _ in saved:
                cur.execute(f'DROP INDEX "{name}"')
            for name in TABLES:
                cur.execute(f"ALTER TABLE {name} DISABLE TRIGGER USER")
            raw.commit()
            done = 0
            while done < n:
                rows = synth.rows(min(CHUNK, n - done))
                for name in TABLES:
                    with cur.copy(f'COPY {name} ({", ".join(COLUMNS[name])}) FROM STDIN') as cp:
                        for r in rows[name]:
                            cp.write_row(r)
                raw.commit()
                done += len(rows["events"])
                _progress(done, t0)
            print(file=sys.stderr)
            cur.execute("SET maintenance_work_mem = '1GB'")
            for name, sql in saved:
                step = time.perf_counter()
                cur.execute(sql)
                raw.commit()
                print(f"  index {name} {time.perf_counter() - step:.0f} s", file=sys.stderr)
            for name in TABLES:
                cur.execute(f"ALTER TABLE {name} ENABLE TRIGGER USER")
        raw.commit()
    finally:
        raw.close()


def timed(fn, repeat: int) -> list[float]:
    """Seconds of each of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return runs


def pct(xs: list[float], p: int) -> float:
    """The p-th percentile (inclusive method: with 20 runs, p95 lies between the two slowest)."""
    return statistics.quantiles(xs, n=100, method="inclusive")[p - 1] if len(xs) > 1 else xs[0]


def disk_size(store) -> int:
    """Bytes the store takes: the SQLite file and its WAL, or the PostgreSQL database."""
    if store.backend == "postgresql":
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    path = Path(_sqlite_path(store))
    return sum(f.stat().st_size for f in path.parent.glob(path.name + "*"))


def python_dyad(store, a: str, b: str) -> dict:
    """The baseline: the dyad's counts computed in Python from every event row."""
    by_type, n = Counter(), 0
    q = select(ev.c.event, ev.c.actor_codes, ev.c.recipient_codes, ev.c.aux_mode)
    with store.engine.connect() as conn:
        for event, ac, rc, aux in conn.execution_options(yield_per=10_000).execute(q):
            if aux:
                continue
            ac, rc = set((ac or "").split("|")), set((rc or "").split("|"))
            if (a in ac and b in rc) or (b in ac and a in rc) or (event in UNDIRECTED and {a, b} <= ac):
                by_type[event] += 1
                n += 1
    return {"n_events": n, "events": by_type}


EXPORT_CHILD = r"""
import json, sys, time
from dyads.store.export import export
t = time.perf_counter()
n = export(sys.argv[1], sys.argv[2], "parquet")
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent (the bench, which
# may have held GBs while loading), VmHWM belongs to this process image
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"rows": n, "seconds": time.perf_counter() - t, "peak_rss_mb": hwm / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--events", type=int, default=10_000_000)
    ap.add_argument("--db", help="SQLite path, or a PostgreSQL server URL (default: a temporary SQLite file)")
    ap.add_argument("--repeat", type=int, default=20, help="runs per query (p50 and p95 of them)")
    ap.add_argument("--baseline-repeat", type=int, default=1, help="runs of each baseline (slow at 10 M)")
    ap.add_argument("--export-dir", help="where the Parquet export goes (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the store (temporary file / database)")
    ap.add_argument("--reuse", action="store_true", help="PostgreSQL: use --db as the store, no new database")
    ap.add_argument("--export-parquet", action="store_true")
    args = ap.parse_args()

    tmp = None
    server = None
    url = normalize_url(args.db) if args.db else None
    if url is None:
        tmp = tempfile.mkdtemp(prefix="dyads-bench-")
        url = f"sqlite:///{tmp}/store.db"
    elif url.startswith("postgresql") and not args.reuse:
        import psycopg

        server = make_url(url)
        name = "dyads_bench_" + secrets.token_hex(4)
        with psycopg.connect(server.set(drivername="postgresql").render_as_string(False), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        url = server.set(database=name).render_as_string(False)
    print(f"store: {make_url(url).render_as_string(hide_password=True)}")
    store = open_store(url)
    try:
        run(store, args)
    finally:
        store.close()
        if server is not None and not args.keep:
            import psycopg

            with psycopg.connect(server.set(drivername="postgresql").render_as_string(False), autocommit=True) as c:
                c.execute(f"DROP DATABASE {make_url(url).database} WITH (FORCE)")
        elif tmp is not None and not args.keep:
            for f in Path(tmp).iterdir():
                f.unlink()
            os.rmdir(tmp)
        elif args.keep:
            print(f"kept: {make_url(url).render_as_string(hide_password=True)}")


def load_or_reuse(store, n: int, seed: int) -> float | None:
    """Load n synthetic events unless the store already holds events; the load's seconds, or None."""
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(ev)).scalar_one()
    if have:
        print(f"reusing {have:,} stored events")
        return None
    secs = load(store, n, seed)
    print(f"loaded {n:,} events in {secs:.0f} s ({n / secs:,.0f}/s), indexes and summaries included")
    return secs


def run(store, args) -> None:
    loaded = load_or_reuse(store, args.events, args.seed)
    with store.engine.connect() as conn:
        n_events = conn.execute(select(func.count()).select_from(ev)).scalar_one()
        n_parts = conn.execute(select(func.count()).select_from(participants)).scalar_one()
        n_dyad_rows = conn.execute(select(func.count()).select_from(dyad_events)).scalar_one()

    def full_scan():
        # a real scan (a bare count(*) only walks SQLite's smallest index): every row is read
        with store.engine.connect() as conn:
            conn.execute(select(func.count()).select_from(ev).where(ev.c.aux_mode.is_(None))).scalar_one()

    page = EventFilter(actor="TUR", event="ASSAULT", date_from="2023-01-01", date_to="2023-12-31", limit=50)
    fulltext = EventFilter(text="ceasefire hostages", limit=50)
    recent = EventFilter(event="ASSAULT", date_from="2024")
    # (label, call, target on SQLite in seconds); PostgreSQL's targets are PG_FACTOR times these
    cases = [
        ("dyad TUR-AZE summary", lambda: dyad(store, "TUR", "AZE"), 0.100),
        ("dyad TUR-AZE by month", lambda: dyad(store, "TUR", "AZE", by="month"), None),
        ("dyad RUS-UKR by month (the busiest)", lambda: dyad(store, "RUS", "UKR", by="month"), None),
        ("dyad TUR-AZE by week (from the rows)", lambda: dyad(store, "TUR", "AZE", by="week"), None),
        ("filtered page (TUR ASSAULT 2023, 50)", lambda: list(events(store, page)), 0.100),
        ("full-text page ('ceasefire hostages', 50)", lambda: list(events(store, fulltext)), 0.300),
        ("top actors, unfiltered (either side)", lambda: query.top_actors(store, limit=20), 1.0),
        ("top actors, unfiltered, recipients", lambda: query.top_actors(store, role="recipient", limit=20), 1.0),
        ("top actors, ASSAULT since 2024", lambda: query.top_actors(store, limit=20, flt=recent), None),
    ]
    factor = PG_FACTOR if store.backend == "postgresql" else 1.0
    base = timed(full_scan, args.baseline_repeat)
    checks: list[dict] = []
    py = timed(lambda: checks.append(python_dyad(store, "TUR", "AZE")), args.baseline_repeat)
    # the summaries' answers against a count over the rows, at full size
    check = checks[-1]
    summary_ = dyad(store, "TUR", "AZE")
    assert check["n_events"] == summary_["n_events"], (check["n_events"], summary_["n_events"])
    assert dict(check["events"]) == summary_["events"], (check["events"], summary_["events"])
    base_med, py_med = statistics.median(base), statistics.median(py)

    print(f"\n{store.backend}: {n_events:,} events, {n_parts:,} participants, {n_dyad_rows:,} dyad rows; "
          f"TUR-AZE has {summary_['n_events']:,} events; {args.repeat} runs per query")
    if loaded is not None:
        print(f"  load (generate, insert, index, summaries): {loaded:.0f} s")
    print(f"  size on disk: {disk_size(store) / 1e9:.2f} GB")
    print(f"  baseline: full scan of events (count of asserted)  {base_med * 1000:9.1f} ms")
    print(f"  baseline: dyad summary in Python from all rows     {py_med * 1000:9.1f} ms")
    print(f"  {'query':44s} {'p50':>9s} {'p95':>9s} {'first':>9s}  {'p95/scan':>8s}  target (p95)")
    for label, fn, target in cases:
        runs = timed(fn, args.repeat)
        p50, p95 = pct(runs, 50), pct(runs, 95)
        goal = None if target is None else target * factor
        verdict = "" if goal is None else f"< {goal * 1000:.0f} ms " + ("ok" if p95 < goal else "MISSED")
        print(f"  {label:44s} {p50 * 1000:6.1f} ms {p95 * 1000:6.1f} ms {runs[0] * 1000:6.1f} ms  "
              f"{p95 / base_med:8.4f}  {verdict}")
    if args.export_parquet:
        out = Path(args.export_dir or tempfile.mkdtemp(prefix="dyads-export-")) / "events.parquet"
        p = subprocess.run([sys.executable, "-c", EXPORT_CHILD, store.url, str(out)], capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        r = json.loads(p.stdout.strip().splitlines()[-1])
        print(f"  parquet export: {r['rows']:,} rows in {r['seconds']:.1f} s ({r['seconds'] / base_med:.1f}x the scan), "
              f"{out.stat().st_size / 1e6:.0f} MB, peak RSS of the exporting process {r['peak_rss_mb']:.0f} MB "
              f"(target <= 500 MB)")
        out.unlink()
        if not args.export_dir:
            out.parent.rmdir()


if __name__ == "__main__":
    main()
