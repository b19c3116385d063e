"""Time per MB of one long document: `dyads extract` on documents of growing size, whole process.

    python bench/long_docs.py [--sizes 100000,1000000,5000000] [--corpus PATH]

Each document is the Reuters-21578 stories joined with blank lines, cut to the size wanted (so
paragraphs and sentences are those of news). For each size, a fresh `dyads extract` process
codes the one document (`--max-chars` above its size); the script prints the wall time, the
time per MB after subtracting the start-up (measured in the same run as the time to code a
one-line document), the ratio of that to the smallest document's, and the process's peak RSS.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "reuters21578.jsonl.gz"


def document(corpus: Path, size: int) -> str:
    parts, n = [], 0
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        while n < size:
            for line in fh:
                t = json.loads(line).get("text") or ""
                parts.append(t)
                n += len(t) + 2
                if n >= size:
                    break
            else:
                fh.seek(0)          # a corpus shorter than the size: go round again
    return "\n\n".join(parts)[:size]


def run(path: Path, max_chars: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `dyads extract` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from dyads.cli import main; main()", "extract", str(path), "--quiet",
                    "--max-chars", str(max_chars)], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(rss, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000,5000000")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    sizes = [int(float(x)) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.jsonl"
        tiny.write_text(json.dumps({"id": "tiny", "text": "The army attacked rebels in Kabul on Monday."}) + "\n")
        startup, _ = run(tiny, 1000)
        print(f"start-up (a one-sentence document): {startup:.1f} s")
        base = None
        for size in sizes:
            path = Path(tmp) / f"doc-{size}.jsonl"
            path.write_text(json.dumps({"id": f"doc-{size}", "text": document(args.corpus, size),
                                        "date": "1987-03-01"}) + "\n")
            wall, rss = run(path, size + 1)
            per_mb = (wall - startup) / (size / 1e6)
            base = base or per_mb
            print(f"{size / 1e6:6.2f} MB: {wall:7.1f} s, {per_mb:6.1f} s/MB after start-up "
                  f"({per_mb / base:.2f}x the first), peak RSS {rss:.0f} MB")
            os.unlink(path)


if __name__ == "__main__":
    main()
