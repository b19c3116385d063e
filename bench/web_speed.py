"""Speed of the REST API on N synthetic events (default 10,000,000), through real HTTP.

    python bench/web_speed.py                              # a temporary SQLite store
    python bench/web_speed.py --db /tmp/bench.db --keep    # keep it; a later run reuses it
    python bench/web_speed.py --db /tmp/10m/store.db       # a store bench/store_speed.py left (--db, reused)
    python bench/web_speed.py -n 50000 --rounds 1          # a quick look

Loads the events with bench/store_speed.py's generator (`load`), starts `dyads serve` on that
store in a subprocess, and times requests from this process with httpx over one keep-alive
connection (sequential: latency, not throughput):

    events   GET /api/events?either=C&event=T&limit=50 for 8 countries x 4 types, each first
             page followed by its next page through the returned cursor (two filters each)
    dyads    GET /api/dyads/A/B?by=month for 10 dyads, from the busiest (RUS-UKR) to rare ones

Baselines measured in the same run, in this process, on the same store and the same requests:
the library functions the endpoints call (`web.api.page_events`, `query.dyad`), and for first
pages also `query.events` as `dyads events` calls it. The ratio HTTP/library is the cost of the
server (routing, validation, JSON, the socket). Targets: p95 < 300 ms for both endpoints.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_speed import load_or_reuse  # noqa: E402  (the generator and loader of the store benchmark)

from dyads.store.db import normalize_url, open_store  # noqa: E402
from dyads.store.query import EventFilter, dyad, events  # noqa: E402
from dyads.store.schema import events as ev  # noqa: E402
from dyads.web.api import Cursor, page_events  # noqa: E402

COUNTRIES = ["TUR", "RUS", "USA", "CHN", "AZE", "IRN", "UKR", "ISR"]
TYPES = ["ASSAULT", "CONSULT", "ACCUSE", "AID"]
DYADS = [("RUS", "UKR"), ("ISR", "PSE"), ("USA", "CHN"), ("TUR", "SYR"), ("TUR", "AZE"), ("ARM", "AZE"),
         ("IND", "PAK"), ("USA", "IRN"), ("FRA", "DEU"), ("BRA", "MEX")]
TARGET = 0.300
DEEP_DAY = "2025-06-01"       # where the deep page starts (most events are recent)


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        s = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - s)
    return statistics.median(runs)


def pct(xs: list[float], p: int) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[p - 1] if len(xs) > 1 else xs[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("DYADS_API_TOKEN", None)          # read-only: the bench never writes
    proc = subprocess.Popen([sys.executable, "-c", "from dyads.cli import main; main()", "serve", "--db", url,
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=log.open("w"), env=env)
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api", timeout=5)
            return proc
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit(f"dyads serve did not start:\n{log.read_text()}")
            time.sleep(0.3)


def run(store, url: str, rounds: int) -> None:
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(ev)).scalar_one()
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="dyads-web-bench-")) / "server.log"
    proc = start_server(url, port, log)
    base = f"http://127.0.0.1:{port}"
    http = {"events": [], "dyads": []}
    lib = {"events": [], "dyads": []}
    cli_events: list[float] = []
    per_dyad: dict[str, tuple[list[float], list[float]]] = {f"{a}-{b}": ([], []) for a, b in DYADS}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for a, b in DYADS[:3]:                                      # warm-up, untimed
                client.get(f"/api/dyads/{a}/{b}")
                client.get("/api/events", params={"either": a, "event": "ASSAULT"})
            for _ in range(rounds):
                for c in COUNTRIES:
                    for t in TYPES:
                        params = {"either": c, "event": t, "limit": 50}
                        flt = EventFilter(either_side=c, event=[t])
                        # first page, then its next page by cursor: over HTTP, then the library
                        s = time.perf_counter()
                        r = client.get("/api/events", params=params)
                        http["events"].append(time.perf_counter() - s)
                        r.raise_for_status()
                        nxt = r.json()["next_cursor"]
                        if nxt:
                            s = time.perf_counter()
                            client.get("/api/events", params={**params, "cursor": nxt}).raise_for_status()
                            http["events"].append(time.perf_counter() - s)
                        s = time.perf_counter()
                        _, cur = page_events(store, flt, limit=50)
                        lib["events"].append(time.perf_counter() - s)
                        if cur:
                            s = time.perf_counter()
                            page_events(store, flt, limit=50, after=Cursor.decode(cur.encode(), "day"))
                            lib["events"].append(time.perf_counter() - s)
                        s = time.perf_counter()
                        list(events(store, EventFilter(either_side=c, event=[t], limit=50)))
                        cli_events.append(time.perf_counter() - s)
                for a, b in DYADS:
                    s = time.perf_counter()
                    client.get(f"/api/dyads/{a}/{b}", params={"by": "month"}).raise_for_status()
                    http["dyads"].append(time.perf_counter() - s)
                    per_dyad[f"{a}-{b}"][0].append(http["dyads"][-1])
                    s = time.perf_counter()
                    dyad(store, a, b, by="month")
                    lib["dyads"].append(time.perf_counter() - s)
                    per_dyad[f"{a}-{b}"][1].append(lib["dyads"][-1])
            sizes = {f"{a}-{b}": client.get(f"/api/dyads/{a}/{b}").json()["n_events"] for a, b in DYADS}
            # a deep page: through a cursor over HTTP, and through OFFSET in the library (what a
            # page number would cost): the cursor's page costs what page one costs
            deep = Cursor("day", DEEP_DAY, "")
            params = {"either": "USA", "event": "CONSULT", "limit": 50, "cursor": deep.encode()}
            deep_http = timed(lambda: client.get("/api/events", params=params).raise_for_status(), rounds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    before = sum(1 for r in events(store, EventFilter(either_side="USA", event=["CONSULT"], date_to=DEEP_DAY))
                 if r["day"] < DEEP_DAY)
    deep_offset = timed(lambda: list(events(store, EventFilter(either_side="USA", event=["CONSULT"], limit=50,
                                                               offset=before))), rounds)

    print(f"\n{store.backend}: {n:,} events; {rounds} round(s)")
    print(f"  {'request':48s} {'n':>4s} {'p50':>9s} {'p95':>9s}   {'library p50':>11s} {'p95':>9s}  "
          f"{'HTTP/lib p50':>12s} {'p95':>6s}  target")
    rows = [("GET /api/events either=C&event=T, 50 rows", "events"),
            ("GET /api/dyads/A/B?by=month", "dyads")]
    for label, key in rows:
        h, b = http[key], lib[key]
        ok = "ok" if pct(h, 95) < TARGET else "MISSED"
        print(f"  {label:48s} {len(h):4d} {pct(h, 50) * 1000:6.1f} ms {pct(h, 95) * 1000:6.1f} ms   "
              f"{pct(b, 50) * 1000:8.1f} ms {pct(b, 95) * 1000:6.1f} ms  {pct(h, 50) / pct(b, 50):12.2f} "
              f"{pct(h, 95) / pct(b, 95):6.2f}  p95 < {TARGET * 1000:.0f} ms {ok}")
    print(f"  baseline: query.events first pages (as `dyads events`): p50 {pct(cli_events, 50) * 1000:.1f} ms, "
          f"p95 {pct(cli_events, 95) * 1000:.1f} ms")
    print(f"  deep page (either=USA&event=CONSULT after {before:,} rows): cursor over HTTP "
          f"{deep_http * 1000:.1f} ms, OFFSET {before:,} in the library {deep_offset * 1000:.1f} ms "
          f"(ratio {deep_http / deep_offset:.3f})")
    # a dyad summary reads every event of the dyad: its time grows with the dyad's size
    print(f"  per dyad, by=month: {'dyad':8s} {'events':>7s} {'HTTP p50':>9s} {'library p50':>12s}")
    for key, (h, b) in per_dyad.items():
        print(f"  {'':19s} {key:8s} {sizes[key]:7,d} {statistics.median(h) * 1000:6.1f} ms "
              f"{statistics.median(b) * 1000:9.1f} ms")
    small = [t for key, (h, _) in per_dyad.items() if sizes[key] < 10_000 for t in h]
    if len(small) > 1:
        print(f"  dyads of < 10,000 events over HTTP: p50 {pct(small, 50) * 1000:.1f} ms, "
              f"p95 {pct(small, 95) * 1000:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--events", type=int, default=10_000_000)
    ap.add_argument("--db", help="SQLite path (default: a temporary file); reused when it holds events")
    ap.add_argument("--rounds", type=int, default=5, help="passes over the request mix")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the temporary store")
    args = ap.parse_args()

    tmp = None
    if args.db:
        url = normalize_url(args.db)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="dyads-web-bench-"))
        url = f"sqlite:///{tmp}/store.db"
    store = open_store(url)
    try:
        load_or_reuse(store, args.events, args.seed)      # leaves the store as `dyads ingest` would
        run(store, url, args.rounds)
    finally:
        store.close()
        if tmp is not None and not args.keep:
            for f in tmp.iterdir():
                f.unlink()
            tmp.rmdir()
        elif tmp is not None:
            print(f"kept: {url}")


if __name__ == "__main__":
    main()
