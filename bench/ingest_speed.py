"""Ingest into the store vs. `dyads extract` to a JSON-lines file, on the same input, in the same run.

    python bench/ingest_speed.py [--stories 0 (= all)] [--processes 1] [--db URL] [--corpus PATH]

Both commands run as subprocesses on the first N stories of the Reuters-21578 corpus
(all 19,043 by default): `dyads extract IN > out.jsonl` and `dyads ingest IN --db STORE`
into a fresh store (a temporary SQLite file unless --db is given). Then the same ingest
runs again: it must change nothing, and the ratio of the two ingest times is printed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "reuters21578.jsonl.gz"


def timed(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True, check=True)
    return time.perf_counter() - t, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=0, help="first N stories (0 = all)")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--db", default=None, help="store URL (default: a fresh temporary SQLite file)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        n = 0
        with gzip.open(args.corpus, "rt", encoding="utf-8") as fin, src.open("w", encoding="utf-8") as fout:
            for line in fin:
                if args.stories and n >= args.stories:
                    break
                row = json.loads(line)
                if (row.get("text") or "").strip():
                    fout.write(line)
                    n += 1
        db = args.db or f"sqlite:///{tmp}/store.db"
        dyads = [sys.executable, "-m", "dyads.cli"]
        procs = ["--processes", str(args.processes)]
        with (Path(tmp) / "out.jsonl").open("w") as out:
            t_extract, s_extract = timed(dyads + ["extract", str(src), *procs], stdout=out)
        t_ingest, s_ingest = timed(dyads + ["ingest", str(src), "--db", db, "--quiet", *procs])
        t_again, s_again = timed(dyads + ["ingest", str(src), "--db", db, *procs])
        print(f"stories: {n} from {args.corpus.name}; processes={args.processes}; store {db.split('://')[0]}")
        print(f"dyads extract > jsonl: {t_extract:.1f} s, {n / t_extract:.2f} stories/s   [{s_extract}]")
        print(f"dyads ingest (first):  {t_ingest:.1f} s, {n / t_ingest:.2f} stories/s")
        print(f"ingest/extract rate ratio: {t_extract / t_ingest:.2f}x")
        print(f"dyads ingest (again):  {t_again:.1f} s   [{s_again}]")
        print(f"first/second ingest time: {t_ingest / t_again:.1f}x")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
