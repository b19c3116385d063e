"""Throughput of `dyads extract` against the full spaCy English pipeline, measured in the same run.

    python bench/extract_speed.py [--stories 2000] [--processes 1] [--corpus PATH] [--before SRC]

`--before SRC` also times another dyads source tree (e.g. a `git worktree` of the previous
commit: `--before ../dyads-prev/src`) in the same run, so a change's effect is a ratio of
two measurements taken minutes apart on the same machine.

Both sides read the same first N stories of the Reuters-21578 JSON-lines corpus,
use the same process count, and run in fresh subprocesses so that each one's peak
RSS is its own. The baseline runs every component of the pipeline with `nlp.pipe`;
dyads runs its whole pipeline (language layer, actors, events, dates, places,
contexts, CAMEO, merging) and serializes every event to JSON, as `dyads extract` (default
JSON-lines output, entities recognized in event sentences) does. Prints stories/s, words/s, peak RSS and the ratio.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "reuters21578.jsonl.gz"


def load(corpus: Path, n: int) -> list[dict]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("text", "").strip():
                out.append(row)
            if len(out) >= n:
                break
    return out


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0


def run_baseline(rows: list[dict], processes: int) -> dict:
    import spacy

    from dyads.nlp import model_name

    nlp = spacy.load(model_name())
    t = time.perf_counter()
    n = 0
    for _ in nlp.pipe((r["text"] for r in rows), batch_size=16, n_process=processes):
        n += 1
    return {"seconds": time.perf_counter() - t, "stories": n}


def run_dyads(rows: list[dict], processes: int) -> dict:
    from dyads.model import Document
    from dyads.pipeline import default_pipeline, extract_many

    if processes == 1:
        default_pipeline(all_mentions=False)   # load outside the timed part, as the baseline does
    docs = (Document(text=r["text"], id=r["id"], date=r.get("date"), title=r.get("title")) for r in rows)
    t = time.perf_counter()
    n = events = 0
    for d in extract_many(docs, processes=processes, mentions=False):   # as `dyads extract` does
        for ev in d.events:
            json.dumps(ev.to_dict(d))
        n += 1
        events += len(d.events)
    return {"seconds": time.perf_counter() - t, "stories": n, "events": events}


def child(mode: str, corpus: Path, n: int, processes: int) -> None:
    rows = load(corpus, n)
    res = run_baseline(rows, processes) if mode == "baseline" else run_dyads(rows, processes)
    res["words"] = sum(len(r["text"].split()) for r in rows)
    res["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--before", type=Path, help="another dyads source tree (its src/ folder) to time too")
    ap.add_argument("--child", choices=["baseline", "dyads"])
    args = ap.parse_args()
    if args.child:
        child(args.child, args.corpus, args.stories, args.processes)
        return
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (pass --corpus)")
    results = {}
    runs = [("baseline", "baseline", None)] + ([("before", "dyads", args.before)] if args.before else []) \
        + [("dyads", "dyads", None)]
    for label, mode, src in runs:
        env = os.environ.copy()
        if src is not None:
            env["PYTHONPATH"] = str(src.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--stories", str(args.stories),
                              "--processes", str(args.processes), "--corpus", str(args.corpus)],
                             check=True, capture_output=True, text=True, env=env)
        results[label] = json.loads(out.stdout.strip().splitlines()[-1])
    for mode, r in results.items():
        rate = r["stories"] / r["seconds"]
        print(f"{mode:9s} {r['stories']} stories in {r['seconds']:.1f}s: {rate:.2f} stories/s, "
              f"{r['words'] / r['seconds']:.0f} words/s, peak RSS {r['peak_rss_mb']:.0f} MB"
              + (f", {r['events']} events" if "events" in r else ""))
    def rate(label: str) -> float:
        return results[label]["stories"] / results[label]["seconds"]

    if args.before:
        print(f"ratio before/full-spaCy stories per second: {rate('before') / rate('baseline'):.2f}x")
    print(f"ratio dyads/full-spaCy stories per second: {rate('dyads') / rate('baseline'):.2f}x (processes={args.processes})")
    if args.before:
        print(f"ratio dyads/before stories per second: {rate('dyads') / rate('before'):.2f}x")


if __name__ == "__main__":
    main()
