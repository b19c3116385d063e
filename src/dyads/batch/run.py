"""The driver of `dyads batch`: plan, connect to Dask, code the partitions, resume, merge.

    from dyads.batch import batch
    report = batch(["news.jsonl.gz"], "out/")                       # a LocalCluster on all cores
    report = batch(["news/"], "out/", scheduler="tcp://head:8786")  # an existing cluster

The run directory holds everything needed to resume: `_manifest.json` (what was asked),
`_index.json` (document counts and id renames, found in a first cheap pass) and one
`_done/part-NNNNN.json` per finished partition. A rerun with the same inputs and options
skips finished partitions; different inputs or options are refused rather than mixed.
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator

from dyads import formats
from dyads.batch.plan import Plan, plan
from dyads.batch.worker import about, code_partition, index_partition, load_documents, part_name
from dyads.readers.core import IdRegistry
from dyads.readers.dates import normalize_date
from dyads.readers.documents import DEFAULT_MAX_CHARS

FORMATS = formats.choices("batch")       # from the registry of output formats (dyads.formats)
log = logging.getLogger("dyads.batch")


class BatchError(ValueError):
    """A batch run that cannot start: bad options, or an output folder of another run."""


@dataclass
class BatchReport:
    """What a batch run did (counts cover the partitions coded in this run)."""

    out: str
    partitions: int = 0
    resumed: int = 0                 # partitions finished by an earlier run and skipped
    resumed_documents: int = 0       # the documents of those partitions
    done: int = 0                    # partitions finished in this run
    failed: list[str] = field(default_factory=list)   # partitions that failed even after retries
    documents: int = 0               # documents in the whole input (after the index pass)
    coded: int = 0                   # documents coded in this run
    words: int = 0
    events: int = 0
    errors: int = 0                  # inputs and documents recorded in errors/ (this run)
    plan_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # about the cluster, known when the run starts
    workers: int = 0
    dashboard: str | None = None
    worker_rss_mb: dict[int, float] = field(default_factory=dict)   # peak RSS per worker process
    seconds: float = 0.0
    ingest: dict[str, Any] | None = None

    def summary(self) -> str:
        rate = self.coded / self.seconds if self.seconds else 0.0
        parts = [f"{self.done} partition(s) coded, {self.resumed} resumed, {len(self.failed)} failed",
                 f"{self.coded} document(s), {self.events} event(s), {self.errors + len(self.plan_errors)} error(s)",
                 f"{self.seconds:.1f} s ({rate:.1f} documents/s on {self.workers} worker(s))"]
        return "; ".join(parts)


def _read_json(path: str) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _write_json(path: str, value: Any) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False)
    os.replace(tmp, path)


def _manifest(out: str, p: Plan, options: dict[str, Any]) -> None:
    """Write the run's manifest, or check that an existing one describes the same run."""
    want = {"version": 1, "fingerprint": p.fingerprint(), "partitions": len(p.partitions),
            **{k: options[k] for k in ("format", "date", "max_chars", "partition_size", "min_confidence")}}
    path = os.path.join(out, "_manifest.json")
    if os.path.exists(path):
        have = _read_json(path)
        diff = sorted(k for k in want if have.get(k) != want[k])
        if diff:
            raise BatchError(f"{out} holds another batch run (its {', '.join(diff)} differ); "
                             f"use a new --out folder or delete this one")
        return
    if os.path.isdir(out) and any(not n.startswith(".") for n in os.listdir(out)):
        raise BatchError(f"{out} is not empty and holds no batch run; use a new --out folder")
    _write_json(path, want)


def _renames(counts_ids: list[list[str]]) -> list[dict[int, tuple[str, str]]]:
    """Replay one reader's id registry over all partitions in order (see IdRegistry)."""
    registry = IdRegistry()
    out: list[dict[int, tuple[str, str]]] = []
    for ids in counts_ids:
        renamed: dict[int, tuple[str, str]] = {}
        for pos, doc_id in enumerate(ids):
            r = registry.claim(doc_id)
            if r is not None:
                renamed[pos] = r
        out.append(renamed)
    return out


def _client(scheduler: Any, workers: int | None, warn: Callable[[str], None] | None = None):
    """(client, whether we close it, cluster we own or None). A `distributed.Client` is used as
    given and left open; a client made here for an address is closed at the end of the run."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        _check_workers(scheduler, str(scheduler.scheduler.address), warn)
        return scheduler, False, None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        try:
            _check_workers(client, scheduler, warn)
        except BaseException:
            client.close()
            raise
        return client, True, None
    import dask

    n = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    # One thread per worker: the coding is CPU-bound Python, so processes, not threads, scale.
    # The workers' statistical profiler walks the coding thread's deep stacks every 10 ms and
    # costs about 10% of the throughput here; it stays off unless the user's config turns it on.
    profile = os.environ.get("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED") is not None
    settings = {} if profile else {"distributed.worker.profile.enabled": False}
    if os.environ.get(TICK_VARIABLE) is None:
        settings[TICK_KEY] = WORKER_TICK
    with dask.config.set(settings):
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, silence_logs=logging.WARNING)
    return Client(cluster), True, cluster


# Each Dask process wakes its event loop every 20 ms by default (`distributed.admin.tick`), and a
# waking loop thread must take the GIL from the coding thread. With every core coding, the loop
# thread waits for a core while it wants the GIL, and coding stalls: two workers on two cores
# coded each story about 15% slower than one (bench/cluster_speed.py, docs/batch.md). A tick of
# 500 ms (it only measures how late the loop runs) removes that.
TICK_KEY = "distributed.admin.tick.interval"
TICK_VARIABLE = "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL"
WORKER_TICK = "500ms"
DEFAULT_TICK_MS = 20


def _check_workers(client, address: str, warn: Callable[[str], None] | None = None) -> None:
    """Refuse a cluster whose workers run another dyads (other events) or cannot import it
    (every task would fail, after retries): one line now, not a failed run later. Workers that
    join after this are not checked; a cluster with no worker yet is waited for."""
    from dyads import __version__

    try:
        seen = client.run(about)
    except Exception as exc:   # the worker could not unpickle `about`: no dyads there
        raise BatchError(f"the workers of {address} cannot run dyads ({type(exc).__name__}: {exc}); "
                         f"install dyads {__version__} in the workers' environment") from None
    other = sorted(f"{w} (dyads {v['dyads']})" for w, v in seen.items() if v["dyads"] != __version__)
    if other:
        raise BatchError(f"workers of {address} run another dyads than this one ({__version__}): "
                         + ", ".join(other))
    fast = sorted(w for w, v in seen.items() if v.get("tick_ms") is not None and v["tick_ms"] <= DEFAULT_TICK_MS)
    if fast and warn is not None:
        warn(f"{len(fast)} worker(s) of {address} wake every {DEFAULT_TICK_MS} ms (Dask's default tick), which slows "
             f"coding when every core is busy: start them with {TICK_VARIABLE}={WORKER_TICK} (docs/batch.md)")


def _index(client, p: Plan, out: str, options: dict[str, Any]) -> dict[str, Any]:
    path = os.path.join(out, "_index.json")
    if os.path.exists(path):
        return _read_json(path)
    futures = [client.submit(index_partition, pieces, options, pure=False, retries=options["retries"])
               for pieces in p.partitions]
    ids = client.gather(futures)
    index = {"counts": [len(x) for x in ids],
             "renames": [{str(k): list(v) for k, v in r.items()} for r in _renames(ids)]}
    _write_json(path, index)
    return index


def _is_done(out: str, i: int, documents: bool) -> bool:
    name = part_name(i)
    return os.path.exists(os.path.join(out, "_done", f"{name}.json")) and \
        (not documents or os.path.exists(os.path.join(out, "documents", f"{name}.pickle.gz")))


def _error_lines(out: str) -> Iterator[tuple[str, str]]:
    folder = os.path.join(out, "errors")
    if not os.path.isdir(folder):
        return
    if os.path.exists(os.path.join(folder, "plan.json")):
        for e in _read_json(os.path.join(folder, "plan.json")):
            yield e["source"], e["reason"]
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for line in f:
                    e = json.loads(line)
                    if e.get("kind") != "coding":   # documents that failed coding come with their documents
                        yield e["source"], e["reason"]


def _merge(out: str, n: int, db: str) -> dict[str, Any]:
    """Store every partition's documents, in partition order, so clusters form as in `ingest`."""
    from dyads.store.ingest import store_documents

    def docs() -> Iterator:
        for i in range(n):
            path = os.path.join(out, "documents", f"{part_name(i)}.pickle.gz")
            if os.path.exists(path):
                yield from load_documents(path)

    r = store_documents(docs(), db, errors=list(_error_lines(out)))
    return {k: v for k, v in asdict(r).items() if k != "messages"}


def batch(paths: Iterable[str] | str, out: str, *, scheduler: Any = None, workers: int | None = None,
          fmt: str = "parquet", ingest: str | None = None, partition_size: int = 500,
          date: str | None = None, max_chars: int = DEFAULT_MAX_CHARS, retries: int = 2,
          progress: Callable[[BatchReport, dict[str, Any] | None], None] | None = None,
          min_confidence: float | None = None) -> BatchReport:
    """Code `paths` on a Dask cluster into `out` (Parquet by publication month, or JSON lines).

    `scheduler`: None for a LocalCluster of `workers` processes (default: one per core), an
    address such as "tcp://host:8786", or a `distributed.Client`. `ingest`: a store URL to
    merge the results into at the end. `progress(report, partition_summary)` is called when
    the run starts (summary None) and after each partition."""
    t0 = time.perf_counter()
    paths = [paths] if isinstance(paths, str) else list(paths)
    try:
        fmt = formats.get("batch", fmt).name
    except formats.UnknownFormat as exc:
        raise BatchError(str(exc)) from None
    if not paths:
        raise BatchError("no inputs given")
    if workers is not None and workers < 1:
        raise BatchError(f"--workers must be at least 1, got {workers}")
    try:
        date = normalize_date(date)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    if ingest is not None:
        from dyads.store.db import normalize_url
        normalize_url(ingest)                      # a bad URL fails now, not after hours of coding
    out = os.path.abspath(out)
    if os.path.exists(out) and not os.path.isdir(out):
        raise BatchError(f"--out {out} exists and is not a folder")

    p = plan(paths, partition_size)
    options = {"out": out, "format": fmt, "date": date, "max_chars": max_chars, "partition_size": partition_size,
               "documents": ingest is not None, "retries": retries, "min_confidence": min_confidence}
    report = BatchReport(out=out, partitions=len(p.partitions),
                         plan_errors=[f"{e.source}: {e.reason}" for e in p.errors])
    _manifest(out, p, options)
    if p.errors:
        _write_json(os.path.join(out, "errors", "plan.json"), [{"source": e.source, "reason": e.reason} for e in p.errors])

    client, own_client, cluster = _client(scheduler, workers, report.warnings.append)
    try:
        report.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        report.dashboard = client.dashboard_link
        index = _index(client, p, out, options)
        report.documents = sum(index["counts"])
        todo = [i for i in range(len(p.partitions)) if not _is_done(out, i, ingest is not None)]
        report.resumed = len(p.partitions) - len(todo)
        report.resumed_documents = report.documents - sum(index["counts"][i] for i in todo)
        if progress is not None:
            progress(report, None)
        _code_all(client, p, todo, index, options, report, progress)
    finally:
        if own_client:
            client.close()      # with an address: releases this run's futures on the scheduler
        if cluster is not None:
            cluster.close()
    if ingest is not None:
        report.ingest = _merge(out, len(p.partitions), ingest)
    report.seconds = time.perf_counter() - t0
    return report


def _code_all(client, p: Plan, todo: list[int], index: dict[str, Any], options: dict[str, Any],
              report: BatchReport, progress) -> None:
    from distributed import as_completed

    out = options["out"]
    futures = {}
    for i in todo:
        renames = {int(k): tuple(v) for k, v in index["renames"][i].items()}
        f = client.submit(code_partition, i, p.partitions[i], renames, options, pure=False,
                          retries=options["retries"], key=f"code-{part_name(i)}-{time.time_ns()}")
        futures[f] = i
    for f in as_completed(futures):
        i = futures[f]
        try:
            s = f.result()
        except Exception as exc:   # retried already; recorded, and a rerun tries it again
            log.warning("partition %d failed: %s", i, exc)
            report.failed.append(f"{part_name(i)}: {type(exc).__name__}: {exc}")
            _write_json(os.path.join(out, "errors", f"{part_name(i)}.failed.json"),
                        {"partition": i, "reason": f"{type(exc).__name__}: {exc}"})
            continue
        _write_json(os.path.join(out, "_done", f"{part_name(i)}.json"), s)
        stale = os.path.join(out, "errors", f"{part_name(i)}.failed.json")
        if os.path.exists(stale):            # failed in an earlier run, done now
            os.remove(stale)
        report.done += 1
        report.coded += s["documents"]
        report.words += s["words"]
        report.events += s["events"]
        report.errors += s["errors"]
        pid = s["worker_pid"]
        report.worker_rss_mb[pid] = max(report.worker_rss_mb.get(pid, 0.0), s["worker_rss_mb"])
        if progress is not None:
            progress(report, s)
