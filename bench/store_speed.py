"""Speed of the event store's queries on N synthetic events (default 1,000,000).

    python bench/store_speed.py                                 # a temporary SQLite file
    python bench/store_speed.py --db /tmp/bench.db --keep       # keep it; a later run reuses it
    python bench/store_speed.py --db postgresql://user:pw@127.0.0.1/postgres
    python bench/store_speed.py --export-parquet

Loads the events straight into the tables with SQLAlchemy Core (executemany in chunks of
10,000; COPY on PostgreSQL), then times, as the median of --repeat runs each: the dyad
summary `dyad(store, "TUR", "AZE")`, the same `by="month"`, a filtered page (actor TUR,
ASSAULT, one year, 50 rows) and a full-text page (50 rows), against two baselines measured in
the same run: a full scan of the events table (a count of the asserted events: SQLite answers
a bare `count(*)` from its smallest index) and the dyad summary computed in Python from all
the rows. Targets on SQLite: dyad summary < 200 ms, filtered page < 100 ms.

A PostgreSQL URL names a server: the bench creates a database of its own there (the role
needs CREATEDB) and drops it at the end, unless --keep. --reuse takes the URL as the store.
--export-parquet also exports every event to Parquet in a child process doing only that, and
prints its peak RSS.

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
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from functools import cache
from itertools import accumulate
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

from dyads.events import cameo
from dyads.store import query
from dyads.store.db import normalize_url, open_store
from dyads.store.query import EventFilter, dyad, events
from dyads.store.dyads import dyad_rows
from dyads.store.schema import articles, clusters, dyad_events, participants
from dyads.store.schema import events as ev

CHUNK = 10_000
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

    def chunk(self, n: int) -> dict[str, list[dict]]:
        """About n events with their participants, clusters and articles."""
        rng, now = self.rng, "2026-07-01T00:00:00+00:00"
        arts = [{"id": f"bench-{self.next_article + i}", "content_hash": secrets.token_hex(32),
                 "title": None, "url": f"https://news.example/{self.next_article + i}",
                 "publisher": (p := rng.choice(PUBLISHERS)), "source": p, "credited": None, "date": None,
                 "language": "en", "n_events": 0, "ingested_at": now} for i in range(max(1, n // 4))]
        self.next_article += len(arts)
        out: dict[str, list[dict]] = {"articles": arts, "clusters": [], "events": [], "participants": []}
        while len(out["events"]) < n:
            s = self._story()
            k = min(len(arts), rng.choices((1, 2, 3, 4, 6), (65, 20, 8, 4, 3))[0])
            reports = rng.sample(arts, k)
            aux = rng.random() < 0.05
            cid = None
            place = s["place"] or {}
            if not aux:
                self.next_cluster += 1
                cid = self.next_cluster
                out["clusters"].append({
                    "id": cid, "event": s["event"], "mode": s["mode"], "date": s["date"],
                    "date_precision": s["precision"], "day": s["day"], "actor_codes": _codes(s["actors"]),
                    "recipient_codes": _codes(s["recipients"]), "actor_names": _joined(s["actors"], "entity_text"),
                    "recipient_names": _joined(s["recipients"], "entity_text"),
                    "place_name": place.get("resolved_place"), "lat": place.get("lat"), "lon": place.get("lon"),
                    "place_country": place.get("country_code"), "n_events": k, "n_articles": k,
                    "n_sources": len({a["source"] for a in reports}), "first_seen": None, "last_seen": None,
                    "updated_at": now})
            for art in reports:
                art["n_events"] += 1
                eid = f"{rng.getrandbits(64):016x}"
                record = {"id": eid, "date": s["date"], "actor": s["actors"], "recipient": s["recipients"],
                          "event": s["event"], "mode": s["mode"], "context": s["contexts"],
                          "aux_mode": rng.choice(AUX) if aux else None, "event_text": s["sentence"],
                          "quad_code": s["quad"], "event_scale": s["score"], "cameo": s["cameo"],
                          "goldstein": s["goldstein"], "date_precision": s["precision"], "event_loc": s["place"],
                          "doc_id": art["id"]}
                out["events"].append({
                    "id": eid, "article_id": art["id"], "cluster_id": cid, "event": s["event"], "mode": s["mode"],
                    "contexts": "|".join(s["contexts"]) or None, "aux_mode": record["aux_mode"],
                    "quad_code": s["quad"], "cameo": s["cameo"], "goldstein": s["goldstein"],
                    "event_scale": s["score"], "confidence": round(rng.uniform(0.4, 1.0), 3), "date": s["date"],
                    "date_precision": s["precision"], "date_source": "text", "day": s["day"],
                    "actor_codes": _codes(s["actors"]), "recipient_codes": _codes(s["recipients"]),
                    "actor_sectors": "|".join(sorted({e["sector"] for e in s["actors"]})) or None,
                    "recipient_sectors": "|".join(sorted({e["sector"] for e in s["recipients"]})) or None,
                    "actor_names": _joined(s["actors"], "entity_text"),
                    "recipient_names": _joined(s["recipients"], "entity_text"),
                    "place_name": place.get("resolved_place"), "place_geonameid": None, "lat": place.get("lat"),
                    "lon": place.get("lon"), "place_country": place.get("country_code"),
                    "place_kind": "A" if place else None, "location_source": "text" if place else None,
                    "sentence": s["sentence"], "record": record})
                for role, ents in (("actor", s["actors"]), ("recipient", s["recipients"])):
                    for i, e in enumerate(ents):
                        out["participants"].append({
                            "event_id": eid, "role": role, "position": i, "text": e["entity_text"],
                            "name": e["entity_text"] if e["code"] else None, "code": e["code"],
                            "sector": e["sector"], "kind": "agent", "office": None, "country_inferred": 0})
        return out


def load(store, n: int, seed: int) -> float:
    """Insert n synthetic events; returns the seconds it took."""
    t0 = time.perf_counter()
    synth = Synth(seed)
    tables = (("articles", articles), ("clusters", clusters), ("events", ev), ("participants", participants),
              ("dyad_events", dyad_events))
    done = 0
    while done < n:
        rows = synth.chunk(min(CHUNK, n - done))
        parts: dict[str, list[dict]] = {}
        for p in rows["participants"]:
            parts.setdefault(p["event_id"], []).append(p)
        rows["dyad_events"] = [r for e in rows["events"] for r in dyad_rows(e, parts.get(e["id"], []))]
        if store.backend == "postgresql":
            _copy(store, tables, rows)
        else:
            with store.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA cache_size=-262144")    # 256 MB: index pages stay in memory
                for name, table in tables:
                    conn.execute(insert(table), rows[name])
        done += len(rows["events"])
        print(f"\r  loaded {done:,} events ({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if store.backend == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))     # what autovacuum would soon do after a bulk load
    return time.perf_counter() - t0


def _copy(store, tables, rows) -> None:
    """PostgreSQL: COPY each table's rows (several times faster than INSERTs)."""
    raw = store.engine.raw_connection()
    try:
        with raw.cursor() as cur:
            for name, table in tables:
                cols = [c.name for c in table.columns]
                with cur.copy(f'COPY {name} ({", ".join(cols)}) FROM STDIN') as cp:
                    for r in rows[name]:
                        cp.write_row([json.dumps(r[c]) if c == "record" else r[c] for c in cols])
        raw.commit()
    finally:
        raw.close()


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median, first) seconds of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs[0]


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
import json, resource, sys, time
from dyads.store.export import export
t = time.perf_counter()
n = export(sys.argv[1], sys.argv[2], "parquet")
print(json.dumps({"rows": n, "seconds": time.perf_counter() - t,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--events", type=int, default=1_000_000)
    ap.add_argument("--db", help="SQLite path, or a PostgreSQL server URL (default: a temporary SQLite file)")
    ap.add_argument("--repeat", type=int, default=7)
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


def load_or_reuse(store, n: int, seed: int) -> bool:
    """Load n synthetic events unless the store already holds events; True if it loaded."""
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(ev)).scalar_one()
    if have:
        print(f"reusing {have:,} stored events")
        return False
    secs = load(store, n, seed)
    print(f"loaded {n:,} events in {secs:.0f} s ({n / secs:,.0f}/s)")
    return True


def run(store, args) -> None:
    load_or_reuse(store, args.events, args.seed)
    with store.engine.connect() as conn:
        n_events = conn.execute(select(func.count()).select_from(ev)).scalar_one()
        n_parts = conn.execute(select(func.count()).select_from(participants)).scalar_one()

    def full_scan():
        # a real scan (a bare count(*) only walks SQLite's smallest index): every row is read
        with store.engine.connect() as conn:
            conn.execute(select(func.count()).select_from(ev).where(ev.c.aux_mode.is_(None))).scalar_one()

    page = EventFilter(actor="TUR", event="ASSAULT", date_from="2023-01-01", date_to="2023-12-31", limit=50)
    fulltext = EventFilter(text="ceasefire hostages", limit=50)
    summary = dyad(store, "TUR", "AZE")
    cases = {
        "dyad TUR-AZE summary": (lambda: dyad(store, "TUR", "AZE"), 0.200),
        "dyad TUR-AZE by month": (lambda: dyad(store, "TUR", "AZE", by="month"), None),
        "filtered page (TUR ASSAULT 2023, 50)": (lambda: list(events(store, page)), 0.100),
        "full-text page ('ceasefire hostages', 50)": (lambda: list(events(store, fulltext)), None),
    }
    base, _ = timed(full_scan, args.repeat)
    py, _ = timed(lambda: python_dyad(store, "TUR", "AZE"), max(1, args.repeat // 2))
    check = python_dyad(store, "TUR", "AZE")
    assert check["n_events"] == summary["n_events"], (check["n_events"], summary["n_events"])

    print(f"\n{store.backend}: {n_events:,} events, {n_parts:,} participants; "
          f"TUR-AZE has {summary['n_events']:,} events; median of {args.repeat} runs")
    print(f"  baseline: full scan of events (count of asserted)  {base * 1000:9.1f} ms")
    print(f"  baseline: dyad summary in Python from all rows     {py * 1000:9.1f} ms")
    rounds = [("schema as migrated", None)]
    for title, ddl in rounds:
        if ddl:
            t = time.perf_counter()
            with store.engine.begin() as conn:
                for stmt in ddl:
                    conn.execute(text(stmt))
                if store.backend == "postgresql":
                    conn.execute(text("ANALYZE participants, events"))
            query._PAIR_INDEX.clear()        # dyad() looks for the index once per engine
            print(f"  (indexes created in {time.perf_counter() - t:.0f} s)")
        print(f"  {title}:")
        print(f"  {'query':44s} {'median':>9s} {'first':>9s}  {'/scan':>6s} {'/Python':>8s}  target")
        for label, (fn, target) in cases.items():
            med, first = timed(fn, args.repeat)
            verdict = "" if target is None else f"< {target * 1000:.0f} ms " + ("ok" if med < target else "MISSED")
            print(f"  {label:44s} {med * 1000:6.1f} ms {first * 1000:6.1f} ms  {med / base:6.3f} {med / py:8.4f}  "
                  f"{verdict}")
    if args.export_parquet:
        out = Path(tempfile.mkdtemp(prefix="dyads-export-")) / "events.parquet"
        p = subprocess.run([sys.executable, "-c", EXPORT_CHILD, store.url, str(out)], capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        r = json.loads(p.stdout.strip().splitlines()[-1])
        print(f"  parquet export: {r['rows']:,} rows in {r['seconds']:.1f} s, {out.stat().st_size / 1e6:.0f} MB, "
              f"peak RSS of the exporting process {r['peak_rss_mb']:.0f} MB (target <= 500 MB)")
        out.unlink()
        out.parent.rmdir()


if __name__ == "__main__":
    main()
