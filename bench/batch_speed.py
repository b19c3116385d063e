"""`dyads batch` with 1 and 2 workers (and `extract`/`ingest` on one core), in the same run.

    python bench/batch_speed.py [--stories 0 (= all)] [--workers 1,2] [--partition-size 500]
                                [--with-extract] [--with-ingest] [--corpus PATH]

Every command runs as a subprocess on the first N stories of the Reuters-21578 corpus (all
19,043 by default), as a user would run it: `dyads batch IN --out DIR --workers N`, and with
the options `dyads extract IN --format jsonl > file` and `dyads ingest IN --db fresh.db`.
Wall time includes starting the cluster and loading the models in every worker. Printed per
command: stories/s, words/s, both per core, and the peak RSS of each worker process (from the
partitions' own reports); then the speed-up of each worker count over 1 worker.

For a scheduler and workers started as separate `dask` commands, see bench/cluster_speed.py.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "reuters21578.jsonl.gz"


def run(cmd: list[str], stdout=subprocess.DEVNULL) -> float:
    """Wall seconds of a command, as a user would time it (start-up included). The command runs
    in its own process group, killed whole if the benchmark stops: a local cluster's worker
    processes do not outlive an interrupted run."""
    t = time.perf_counter()
    with subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, start_new_session=True) as p:
        try:
            _, err = p.communicate()
        except BaseException:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            raise
    if p.returncode not in (0, 1):           # 1: some inputs skipped, reported on stderr
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return time.perf_counter() - t


def first_stories(corpus: Path, stories: int, folder: Path, name: str = "stories") -> tuple[Path, int, int]:
    """(input file, stories, words): the corpus itself, or its first `stories` (0 = all) in `folder`."""
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = [x for x in f if x.strip()]
    if stories:
        lines = lines[:stories]
        corpus = folder / f"{name}.jsonl.gz"
        with gzip.open(corpus, "wt", encoding="utf-8") as f:
            f.writelines(lines)
    return corpus, len(lines), sum(len(json.loads(x)["text"].split()) for x in lines)


def done_reports(out: Path) -> list[dict]:
    """The `_done` reports of a batch run's partitions (documents, worker pid, peak RSS, ...)."""
    return [json.loads(p.read_text()) for p in (out / "_done").glob("*.json")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=0, help="first N stories (0 = all)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--with-extract", action="store_true", help="also time `dyads extract` (one process)")
    ap.add_argument("--with-ingest", action="store_true", help="also time `dyads ingest` (one process)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    dyads = [sys.executable, "-m", "dyads.cli"]

    with tempfile.TemporaryDirectory() as tmp:
        corpus, n, words = first_stories(args.corpus, args.stories, Path(tmp))
        print(f"corpus: {n:,} stories, {words:,} words; {os.cpu_count()} cores; partitions of {args.partition_size}")
        print(f"{'command':<22} {'wall s':>8} {'stories/s':>10} {'per core':>9} {'words/s/core':>13} {'peak RSS/worker':>16}")
        results: dict[int, float] = {}

        def row(name: str, seconds: float, cores: int, rss: str = "") -> None:
            print(f"{name:<22} {seconds:8.1f} {n / seconds:10.2f} {n / seconds / cores:9.2f} "
                  f"{words / seconds / cores:13,.0f} {rss:>16}", flush=True)

        for w in (int(x) for x in args.workers.split(",")):
            out = Path(tmp) / f"out-{w}"
            seconds = run(dyads + ["batch", str(corpus), "--out", str(out), "--workers", str(w),
                                   "--partition-size", str(args.partition_size), "--quiet"])
            done = done_reports(out)
            coded = sum(d["documents"] for d in done)
            if coded != n:
                sys.exit(f"batch with {w} worker(s) coded {coded} of {n} stories")
            peak: dict[int, float] = {}
            for d in done:
                peak[d["worker_pid"]] = max(peak.get(d["worker_pid"], 0.0), d["worker_rss_mb"])
            results[w] = seconds
            row(f"batch --workers {w}", seconds, w, " / ".join(f"{v:.0f} MB" for v in sorted(peak.values())))
        if args.with_extract:
            with open(Path(tmp) / "events.jsonl", "w") as f:
                row("extract (1 process)", run(dyads + ["extract", str(corpus), "--format", "jsonl"], stdout=f), 1)
        if args.with_ingest:
            row("ingest (1 process)", run(dyads + ["ingest", str(corpus), "--db", str(Path(tmp) / "b.db"), "--quiet"]), 1)
        base = results.get(1)
        if base:
            for w, seconds in results.items():
                if w != 1:
                    print(f"speed-up of {w} workers over 1 worker: {base / seconds:.2f}x "
                          f"(parallel efficiency {base / seconds / w:.0%})")


if __name__ == "__main__":
    main()
