"""Where the time goes: start-up parts, then each pipeline stage's share of coding N stories.

    python bench/stage_times.py [--stories 500] [--corpus PATH] [--mentions]

Start-up is measured in a fresh subprocess, part by part: importing dyads, loading the spaCy
pipeline, loading the actor knowledge base, opening the place index, loading the trigger
lexicon. Then one `Pipeline` (entities in event sentences only, as `dyads extract` runs by
default; `--mentions` for every entity) codes the first N Reuters stories with every stage
wrapped by a timer, after a warm-up; stage A (spaCy over whole documents) is timed around
`LanguageLayer.pipe`. Prints seconds and shares of the timed total.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from extract_speed import DEFAULT_CORPUS, load  # noqa: E402
from timing import StageTimer, median_of_runs  # noqa: E402

_START = r"""
import json, time
t0 = time.perf_counter()
import dyads, dyads.pipeline
t1 = time.perf_counter()
from dyads.nlp import default_layer
default_layer()
t2 = time.perf_counter()
from dyads.actors.resolver import default_resolver
default_resolver().resolve("Turkish President Recep Tayyip Erdogan")
t3 = time.perf_counter()
from dyads.places import lookup
lookup("Istanbul")
t4 = time.perf_counter()
from dyads.events.lexicon import default_lexicon
default_lexicon()
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "spaCy model": t2 - t1, "knowledge base": t3 - t2, "place index": t4 - t3,
                  "trigger lexicon": t5 - t4}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mentions", action="store_true", help="entities in every sentence (--include mentions)")
    args = ap.parse_args()

    parts = median_of_runs(_START, 1)
    total = sum(parts.values())
    print(f"start-up, fresh process: {total:.2f} s")
    for k, v in parts.items():
        print(f"  {k:<16} {v:6.2f} s  {100 * v / total:5.1f}%")

    from dyads.model import Document
    from dyads.pipeline import Pipeline

    rows = load(args.corpus, args.stories)
    pipe = Pipeline(all_mentions=args.mentions)
    list(pipe.process([Document(text=r["text"], id=str(i)) for i, r in enumerate(rows[:20])]))   # warm-up
    timer = StageTimer(pipe, tuple({type(s) for s in pipe.stages}))
    layer_pipe, stage_a = pipe.layer.pipe, [0.0]

    def timed_pipe(*a, **k):
        t = time.perf_counter()
        try:
            return layer_pipe(*a, **k)
        finally:
            stage_a[0] += time.perf_counter() - t
    pipe.layer.pipe = timed_pipe
    docs = [Document(text=r["text"], id=str(r.get("id", i)), date=r.get("date")) for i, r in enumerate(rows)]
    t = time.perf_counter()
    events = sum(len(d.events) for d in pipe.process(docs))
    wall = time.perf_counter() - t
    print(f"\n{len(rows)} stories, {events} events, {wall:.2f} s ({len(rows) / wall:.1f} stories/s); "
          f"entities {'everywhere' if args.mentions else 'in event sentences'}")
    rows_out = [("stage A: spaCy over whole documents", stage_a[0])] + \
        sorted(((f"{n}", s) for n, s in timer.seconds.items()), key=lambda x: -x[1])
    rest = wall - sum(s for _, s in rows_out)
    for name, s in rows_out + [("other (batching, merging lists)", rest)]:
        print(f"  {name:<38} {s:7.2f} s  {100 * s / wall:5.1f}%")


if __name__ == "__main__":
    main()
