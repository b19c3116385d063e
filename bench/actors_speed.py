"""Cost of the actor knowledge base: load time, and the share of extraction spent resolving actors.

    python bench/actors_speed.py [--stories 500] [--corpus PATH] [--loads 3]

(a) Load: in a fresh subprocess (nothing imported, nothing cached), time the import of
    the actor modules, building the gazetteer from the TSV tables and building the
    resolver; repeated --loads times, the median is printed.
(b) Share: `dyads.pipeline.Pipeline(all_mentions=False)` codes the first N stories of
    the Reuters-21578 JSON-lines corpus twice in this process, each time with a fresh
    resolver (empty caches) over the same gazetteer: once as is (the baseline), once
    with the resolver's `resolve` and `find` wrapped by a timing proxy. Prints total
    extraction seconds, seconds inside resolution and their percentage. spaCy is warmed
    up on a few stories first so that neither run pays for it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "reuters21578.jsonl.gz"

_LOAD_SNIPPET = r"""
import json, time
t0 = time.perf_counter()
from dyads.actors.gazetteer import Gazetteer, Tables
from dyads.actors.resolver import KnowledgeBaseResolver
t1 = time.perf_counter()
gaz = Gazetteer(Tables.load())
t2 = time.perf_counter()
res = KnowledgeBaseResolver(gaz)
t3 = time.perf_counter()
res.resolve("Porto police")             # first use also opens the place index (dyads.places)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "gazetteer": t2 - t1, "resolver": t3 - t2, "first_resolve": t4 - t3,
                  "total": t4 - t0, "keys": len(gaz)}))
"""


sys.path.insert(0, str(HERE))
from extract_speed import load  # noqa: E402  (the same corpus reader as the extraction benchmark)
from timing import MethodTimer, code_stories, median_of_runs  # noqa: E402


def measure_load(repeats: int) -> dict:
    return median_of_runs(_LOAD_SNIPPET, repeats)


def extract(rows: list[dict], resolver, layer, lexicon) -> tuple[float, int]:
    from dyads.pipeline import Pipeline

    return code_stories(Pipeline(layer=layer, resolver=resolver, lexicon=lexicon, all_mentions=False), rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--loads", type=int, default=3, help="fresh-subprocess loads to take the median of")
    args = ap.parse_args()

    ld = measure_load(args.loads)
    print(f"knowledge-base load (fresh process, median of {args.loads}): {ld['total']:.2f} s total = "
          f"import {ld['import']:.2f} + gazetteer {ld['gazetteer']:.2f} ({int(ld['keys'])} keys) + "
          f"resolver {ld['resolver']:.2f} + first resolve {ld['first_resolve']:.2f}")

    from dyads.actors.gazetteer import default_gazetteer
    from dyads.actors.resolver import KnowledgeBaseResolver
    from dyads.events.lexicon import default_lexicon
    from dyads.nlp import default_layer

    rows = load(args.corpus, args.stories)
    words = sum(len(r["text"].split()) for r in rows)
    gaz = default_gazetteer()
    layer, lexicon = default_layer(), default_lexicon()
    extract(rows[:20], KnowledgeBaseResolver(gaz), layer, lexicon)       # warm up spaCy, place index

    base_s, base_ev = extract(rows, KnowledgeBaseResolver(gaz), layer, lexicon)
    timed_res = KnowledgeBaseResolver(gaz)
    timer = MethodTimer(timed_res, ("resolve", "find"))
    tot_s, ev = extract(rows, timed_res, layer, lexicon)
    print(f"stories: {len(rows)} ({words} words) from {args.corpus.name}; Pipeline(all_mentions=False)")
    print(f"baseline (no proxy):  extraction {base_s:.2f} s, {len(rows) / base_s:.1f} stories/s, {base_ev} events")
    print(f"with timing proxy:    extraction {tot_s:.2f} s, {ev} events")
    print(f"inside resolution:    {timer.total:.2f} s = {100 * timer.total / tot_s:.1f}% of extraction "
          f"(resolve calls {timer.calls['resolve']}, find calls {timer.calls['find']})")
    print(f"resolution share of baseline time: {100 * timer.total / base_s:.1f}%")


if __name__ == "__main__":
    main()
