"""`dyads batch --scheduler` on a cluster started the way a real one is: `dask scheduler` and
`dask worker` as separate commands, with 1 and then 2 workers; against the local `dyads batch
--workers 1` measured in the same run.

    python bench/cluster_speed.py [--stories 0 (= all)] [--partition-size 500] [--tiny 20]
                                  [--format parquet|jsonl] [--corpus PATH] [--logs DIR]

For N = 1, then 2: start `dask scheduler` on a free local port, start N processes of
`dask worker tcp://127.0.0.1:PORT --nthreads 1 --nworkers 1 --memory-limit 2GB` (each its own
command, profiler off and a 500 ms event-loop tick as docs/batch.md advises; `--dask-tick 20ms`
starts them with Dask's default tick instead), and wait until the scheduler sees them; time
`dyads batch CORPUS --out DIR --scheduler tcp://127.0.0.1:PORT` as a subprocess (the workers are
fresh, so this includes loading the models in each); time the same command on the first
`--tiny` stories (the cluster now warm: the cost of one command); stop every process. Printed:
wall seconds, stories/s and the ratio to the baseline for each run; the fixed costs (start-up
to ready, the models' load in each worker from the partitions' own reports, the tiny run), each
worker's time inside partitions (if 2 workers together spend more than 1 alone, other load took
the cores); the speed-up of 2 workers over 1; and a check that every run wrote the same events.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from batch_speed import DEFAULT_CORPUS, done_reports, first_stories, run  # noqa: E402

DYADS = [sys.executable, "-m", "dyads.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A `dask scheduler` and `workers` `dask worker` processes, each started as its own command
    in its own process group, so that stopping one ends its nanny and worker process too."""

    def __init__(self, workers: int, logs: Path, tick: str | None = "500ms") -> None:
        self.workers, self.logs, self.tick = workers, logs, tick
        self.procs: list[subprocess.Popen] = []
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.dask = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")
        if not self.dask:
            sys.exit("the `dask` command (package distributed) is not installed")

    def _start(self, name: str, args: list[str], env: dict[str, str]) -> None:
        log = open(self.logs / f"{name}.log", "w")
        self.procs.append(subprocess.Popen([self.dask, *args], stdout=log, stderr=subprocess.STDOUT, env=env,
                                           start_new_session=True))
        log.close()

    def start(self) -> float:
        """Seconds from starting the scheduler to all workers registered with it."""
        from distributed import Client        # imported before the clock starts

        port = self.address.rsplit(":", 1)[1]
        t0 = time.perf_counter()
        self._start(f"scheduler-{self.workers}w", ["scheduler", "--host", "127.0.0.1", "--port", port,
                                                   "--dashboard-address", ":0"], dict(os.environ))
        # what docs/batch.md tells users to type: one single-threaded worker process per command,
        # without the profiler and with a 500 ms event-loop tick (unless --dask-tick says otherwise)
        env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
        if self.tick:
            env["DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL"] = self.tick
        for k in range(1, self.workers + 1):
            self._start(f"worker{k}-of-{self.workers}w", ["worker", self.address, "--nthreads", "1", "--nworkers", "1",
                                                         "--memory-limit", "2GB", "--name", f"w{k}"], env)
        with Client(self.address, timeout="120s") as c:      # retries until the scheduler listens
            c.wait_for_workers(self.workers, timeout=300)
        return time.perf_counter() - t0

    def alive(self) -> bool:
        return all(p.poll() is None for p in self.procs)

    def stop(self) -> None:
        """Workers first, then the scheduler: SIGTERM (a clean shutdown), SIGKILL after 30 s."""
        for p in reversed(self.procs):
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(p.pid, sig)           # the group this Popen started (start_new_session)
                except ProcessLookupError:
                    break
                try:
                    p.wait(timeout=30)
                    break
                except subprocess.TimeoutExpired:
                    continue
            else:
                p.wait(timeout=30)
        self.procs.clear()


def event_ids(out: Path, fmt: str) -> collections.Counter:
    """The event ids a batch run wrote (with multiplicity)."""
    if fmt == "jsonl":
        return collections.Counter(json.loads(line)["id"] for f in (out / "events").glob("part-*.jsonl")
                                   for line in f.read_text(encoding="utf-8").splitlines())
    if not (out / "events").exists():
        return collections.Counter()
    import pyarrow.dataset as ds

    table = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table(columns=["event_id"])
    return collections.Counter(table.column("event_id").to_pylist())


def _stop_on_signals() -> None:
    """SIGTERM/SIGHUP end the benchmark through its `finally` blocks, so no process is left behind."""
    def stop(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=0, help="first N stories (0 = all)")
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--tiny", type=int, default=20, help="stories of the run that measures a command's fixed cost")
    ap.add_argument("--format", default="parquet", choices=["parquet", "jsonl"])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--logs", type=Path, default=None, help="keep the scheduler and worker logs here")
    ap.add_argument("--dask-tick", default="500ms",
                    help="the workers' event-loop tick (DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL); 20ms is Dask's default")
    args = ap.parse_args()
    _stop_on_signals()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        logs = args.logs or tmp / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        corpus, n, words = first_stories(args.corpus, args.stories, tmp)
        tiny, n_tiny, _ = first_stories(args.corpus, args.tiny, tmp, "tiny")
        common = ["--partition-size", str(args.partition_size), "--format", args.format, "--quiet"]
        print(f"corpus: {n:,} stories, {words:,} words; {os.cpu_count()} cores; partitions of "
              f"{args.partition_size}; {args.format}; tiny run: {n_tiny} stories", flush=True)

        def check(out: Path, what: str) -> list[dict]:
            done = done_reports(out)
            coded = sum(d["documents"] for d in done)
            if coded != n:
                sys.exit(f"{what} coded {coded} of {n} stories")
            return done

        def per_worker(done: list[dict], key: str, combine) -> list[float]:
            seen: dict[int, float] = {}
            for d in done:
                seen[d["worker_pid"]] = combine(seen.get(d["worker_pid"], 0.0), d.get(key, 0.0))
            return sorted(seen.values())

        walls: dict[str, float] = {}
        outs: dict[str, Path] = {}
        fixed: dict[int, dict[str, str]] = {}
        name = "dyads batch --workers 1 (local)"
        outs[name] = tmp / "out-local"
        walls[name] = run(DYADS + ["batch", str(corpus), "--out", str(outs[name]), "--workers", "1", *common])
        check(outs[name], name)
        print(f"  {name}: {walls[name]:.1f} s", flush=True)

        for w in (1, 2):
            name = f"cluster: {w} dask worker{'s' if w > 1 else ''}"
            cluster = Cluster(w, logs, args.dask_tick)
            try:
                startup = cluster.start()
                outs[name] = tmp / f"out-{w}w"
                walls[name] = run(DYADS + ["batch", str(corpus), "--out", str(outs[name]),
                                           "--scheduler", cluster.address, *common])
                small = run(DYADS + ["batch", str(tiny), "--out", str(tmp / f"tiny-{w}w"),
                                     "--scheduler", cluster.address, *common])
                if not cluster.alive():
                    sys.exit(f"a scheduler or worker process of the {w}-worker cluster died; logs in {logs}")
            finally:
                cluster.stop()
            done = check(outs[name], name)
            loads = per_worker(done, "model_load_seconds", lambda a, b: a + b)
            rss = per_worker(done, "worker_rss_mb", max)
            busy = per_worker(done, "seconds", lambda a, b: a + b)
            if len(loads) != w:
                print(f"  note: the partitions ran on {len(loads)} worker process(es), not {w}")
            fixed[w] = {"start-up: scheduler + workers ready (s)": f"{startup:.1f}",
                        "models' load in each worker (s)": " / ".join(f"{x:.1f}" for x in loads),
                        f"`dyads batch` on {n_tiny} stories, warm (s)": f"{small:.1f}",
                        # more in all with 2 workers than with 1: the cores were not free for both
                        "partitions' coding time in each worker (s)": " / ".join(f"{x:.1f}" for x in busy),
                        "peak RSS of each worker (MB)": " / ".join(f"{x:.0f}" for x in rss)}
            walls[f"{name} + start-up"] = walls[name] + startup
            print(f"  {name}: {walls[name]:.1f} s (start-up {startup:.1f} s)", flush=True)

        base = walls["dyads batch --workers 1 (local)"]
        print()
        print(f"{'run':<42} {'wall s':>8} {'stories/s':>10} {'vs baseline':>12}")
        for name, seconds in walls.items():
            print(f"{name:<42} {seconds:8.1f} {n / seconds:10.2f} {base / seconds:11.2f}x")
        print()
        print(f"{'fixed cost':<42} {'1 worker':>12} {'2 workers':>12}")
        for key in fixed[1]:
            print(f"{key:<42} {fixed[1][key]:>12} {fixed[2][key]:>12}")
        one, two = walls["cluster: 1 dask worker"], walls["cluster: 2 dask workers"]
        one_all, two_all = walls["cluster: 1 dask worker + start-up"], walls["cluster: 2 dask workers + start-up"]
        print()
        print(f"speed-up of 2 dask workers over 1: {one / two:.2f}x (the batch command); "
              f"{one_all / two_all:.2f}x counting the cluster's start-up")

        ids = {name: event_ids(out, args.format) for name, out in outs.items()}
        reference = ids["dyads batch --workers 1 (local)"]
        differ = [name for name, got in ids.items() if got != reference]
        if differ:
            for name in differ:
                print(f"events differ: {name}: {sum(ids[name].values())} events, "
                      f"{len(ids[name] - reference)} ids not in the baseline, {len(reference - ids[name])} missing")
            sys.exit(1)
        print(f"events: {sum(reference.values()):,} in each of the {len(ids)} runs, the same event ids")


if __name__ == "__main__":
    main()
