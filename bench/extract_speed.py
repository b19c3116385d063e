"""Throughput of `dyads extract` against the full spaCy English pipeline, measured in the same run.

    python bench/extract_speed.py [--stories 2000] [--processes 1] [--corpus PATH] [--before SRC]
    python bench/extract_speed.py --whole-process [--rounds 3]

`--whole-process` times what a user waits for: the command `dyads extract FILE > /dev/null` from
its start to its exit (imports, model and knowledge-base load, coding, JSON output), against a
fresh Python process that imports spaCy, loads the same model and runs the full pipeline over the
same texts. The two alternate for `--rounds` rounds (the machine is shared, so each round's ratio
is of two runs a minute apart); peak RSS is each process's own (`wait4`).

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


def run_whole(argv: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, from its start to its exit."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv[:3])}: exited with {proc.returncode}: {err.strip()[-500:]}")
    return seconds, usage.ru_maxrss / 1024.0


def whole_process(corpus: Path, n: int, processes: int, rounds: int) -> None:
    import tempfile

    rows = load(corpus, n)
    words = sum(len(r["text"].split()) for r in rows)
    dyads_cmd = Path(sys.executable).with_name("dyads")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stories.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        base_argv = [sys.executable, __file__, "--child", "baseline-whole", "--corpus", str(path),
                     "--stories", str(n), "--processes", str(processes)]
        dyads_argv = [str(dyads_cmd), "extract", str(path), "--quiet", "--processes", str(processes)]
        ratios = []
        for r in range(1, rounds + 1):
            base_s, base_mb = run_whole(base_argv)
            dy_s, dy_mb = run_whole(dyads_argv)
            ratios.append(base_s / dy_s)
            print(f"round {r}: full spaCy {base_s:.1f}s ({n / base_s:.2f} stories/s, {words / base_s:.0f} words/s, "
                  f"peak RSS {base_mb:.0f} MB); dyads extract {dy_s:.1f}s ({n / dy_s:.2f} stories/s, "
                  f"peak RSS {dy_mb:.0f} MB); ratio {base_s / dy_s:.2f}x", flush=True)
        ratios.sort()
        print(f"whole-process ratio dyads/full-spaCy, {n} stories, processes={processes}: "
              f"median {ratios[len(ratios) // 2]:.2f}x (min {ratios[0]:.2f}x, max {ratios[-1]:.2f}x)")


def child_baseline_whole(path: Path, processes: int) -> None:
    """The whole-process baseline: import spaCy, load the model, run every component."""
    import spacy

    from dyads.nlp import model_name

    nlp = spacy.load(model_name())
    with path.open(encoding="utf-8") as fh:
        texts = (json.loads(line)["text"] for line in fh)
        for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
            pass


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
    ap.add_argument("--whole-process", action="store_true",
                    help="time `dyads extract` and the baseline as whole commands, start-up included")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds for --whole-process")
    ap.add_argument("--child", choices=["baseline", "dyads", "baseline-whole"])
    args = ap.parse_args()
    if args.child == "baseline-whole":
        child_baseline_whole(args.corpus, args.processes)
        return
    if args.child:
        child(args.child, args.corpus, args.stories, args.processes)
        return
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (pass --corpus)")
    if args.whole_process:
        whole_process(args.corpus, args.stories, args.processes, args.rounds)
        return
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
