"""What a Dask worker does with one partition: read it, code it, write its files.

Each worker process loads the language pipeline and the knowledge base once (the pipeline
module keeps them per process) and reuses them for every partition it is given. Files are
written under a temporary name and renamed, so a partition's outputs exist whole or not at
all, and a retried partition simply writes them again.
"""
from __future__ import annotations

import gc
import glob
import gzip
import json
import os
import pickle
import resource
import threading
import time
from collections import defaultdict
from typing import Any, Iterable, Iterator

from dyads.model import Document
from dyads.output import event_lines
from dyads.readers.core import IdRegistry, Piece, read_pieces
from dyads.readers.errors import InputError

CODE_BATCH = 32


class _KeepIds(IdRegistry):
    """Leaves ids as they are: the driver renames duplicates across all partitions."""

    def claim(self, doc_id: str) -> None:
        return None


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def index_partition(pieces: list[Piece], options: dict[str, Any]) -> list[str]:
    """The ids of the documents of a partition, in order, before duplicates are renamed."""
    docs = read_pieces(pieces, default_date=options.get("date"), max_chars=options["max_chars"],
                       on_error=lambda e: None, ids=_KeepIds())
    return [d.id for d in docs]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pipeline(min_confidence: float | None = None) -> tuple[Any, float]:
    """The process's pipeline, and the seconds this call spent loading it (0.0 once loaded).

    Loaded once per worker process, whatever its threads (the lock makes the other threads wait
    for that one load), and reused by every partition the worker is given. On first load the model
    and knowledge base are moved out of the garbage collector's sight (gc.freeze): they live as
    long as the worker, and a full collection would otherwise walk them again and again (about
    10% of the coding time)."""
    global _FROZEN
    from dyads.pipeline import default_pipeline

    with _LOAD_LOCK:
        t0 = time.perf_counter()
        fresh = min_confidence not in _LOADED
        pipeline = default_pipeline(False, (), min_confidence)
        _LOADED.add(min_confidence)
        if not _FROZEN:
            gc.collect()
            gc.freeze()
            _FROZEN = True
        return pipeline, (time.perf_counter() - t0 if fresh else 0.0)


_FROZEN = False
_LOADED: set[float | None] = set()      # the pipelines this process has loaded, by min_confidence
_LOAD_LOCK = threading.Lock()


def about() -> dict[str, Any]:
    """What the driver checks of each worker before a run: that it imports the same dyads, and
    how often its event loop wakes (`distributed.admin.tick.interval`, in ms)."""
    import dask
    from dask.utils import parse_timedelta

    from dyads import __version__

    tick = parse_timedelta(dask.config.get("distributed.admin.tick.interval", "20ms"), default="ms")
    return {"dyads": __version__, "pid": os.getpid(), "tick_ms": round(tick * 1000)}


def _code(docs: Iterable[Document], errors: list[dict], min_confidence: float | None = None,
          loaded: dict[str, float] | None = None) -> Iterator[list[Document]]:
    """Code documents in small batches, yielding each coded batch. A document the pipeline
    could not code comes back with `error` set: it is recorded, and the rest go on.
    `loaded["seconds"]` gets the time spent loading the pipeline (0.0 when it was loaded)."""
    from dyads.pipeline import batches

    pipeline, seconds = _pipeline(min_confidence)   # holds no document: safe to share between threads
    if loaded is not None:
        loaded["seconds"] = seconds
    for chunk in batches(docs, CODE_BATCH):
        coded = list(pipeline.process(chunk, batch_size=CODE_BATCH))
        for d in coded:
            if d.error is not None:
                errors.append({"source": d.source_name or d.id, "id": d.id, "kind": "coding",
                               "reason": str(d.error)})
        yield coded


def _write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}-{threading.get_ident()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _month(doc: Document) -> str:
    return doc.date[:7] if doc.date and len(doc.date) >= 7 else "unknown"


class _Outputs:
    """A partition's outputs, filled batch by batch so that coded documents are not kept:
    event lines or event table rows by month, and (for --ingest) the documents, pickled batch
    by batch into one gzip stream."""

    def __init__(self, out: str, index: int, fmt: str, documents: bool) -> None:
        self.out, self.name, self.fmt = out, part_name(index), fmt
        self.lines: list[str] = []
        self.by_month: dict[str, list[dict]] = defaultdict(list)
        self.events = 0
        self.docs_path = os.path.join(out, "documents", f"{self.name}.pickle.gz") if documents else None
        self.docs_tmp = None
        if self.docs_path:
            os.makedirs(os.path.dirname(self.docs_path), exist_ok=True)
            for stale in glob.glob(f"{glob.escape(self.docs_path)}.tmp-*"):   # from a worker that died
                os.remove(stale)
            self.docs_tmp = gzip.open(f"{self.docs_path}.tmp-{os.getpid()}-{threading.get_ident()}", "wb",
                                      compresslevel=1)

    def add(self, docs: list[Document]) -> None:
        if self.fmt == "jsonl":
            for d in docs:
                self.lines += event_lines(d)
        else:
            from dyads.batch.parquet import event_rows

            for d in docs:
                if d.events:
                    self.by_month[_month(d)] += event_rows(d)
        self.events += sum(len(d.events) for d in docs)
        if self.docs_tmp is not None:
            pickle.dump(docs, self.docs_tmp, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        if self.fmt == "jsonl":
            _write(os.path.join(self.out, "events", f"{self.name}.jsonl"),
                   "".join(x + "\n" for x in self.lines).encode())
        else:
            from dyads.batch.parquet import table_of, write_table

            for month, rows in sorted(self.by_month.items()):
                write_table(table_of(rows), os.path.join(self.out, "events", f"pub_month={month}",
                                                         f"{self.name}.parquet"), _write)
        if self.docs_tmp is not None:
            tmp = self.docs_tmp.name
            self.docs_tmp.close()
            os.replace(tmp, self.docs_path)


def code_partition(index: int, pieces: list[Piece], renames: dict[int, tuple[str, str]],
                   options: dict[str, Any]) -> dict[str, Any]:
    """Read, code and write partition `index`; returns its counts for the run's bookkeeping."""
    t0 = time.perf_counter()
    errors: list[dict] = []
    counts = {"documents": 0, "words": 0}

    def read_error(e: InputError) -> None:
        errors.append({"source": e.source, "kind": "input", "reason": e.reason})

    def documents() -> Iterator[Document]:
        for pos, d in enumerate(read_pieces(pieces, default_date=options.get("date"),
                                            max_chars=options["max_chars"], on_error=read_error, ids=_KeepIds())):
            if pos in renames:
                d.id, warning = renames[pos]
                d.warnings.append(warning)
            counts["documents"] += 1
            counts["words"] += len(d.text.split())
            yield d

    outputs = _Outputs(options["out"], index, options["format"], bool(options.get("documents")))
    loaded = {"seconds": 0.0}
    for coded in _code(documents(), errors, options.get("min_confidence"), loaded):
        outputs.add(coded)
    outputs.close()
    if errors:
        _write(os.path.join(options["out"], "errors", f"{part_name(index)}.jsonl"),
               "".join(json.dumps({"partition": index, **e}, ensure_ascii=False) + "\n" for e in errors).encode())
    return {"partition": index, **counts, "events": outputs.events, "errors": len(errors),
            "seconds": round(time.perf_counter() - t0, 3), "worker_pid": os.getpid(),
            "worker_rss_mb": round(_rss_mb(), 1),
            # > 0 on the one partition per worker process that loaded the models
            "model_load_seconds": round(loaded["seconds"], 3)}


def load_documents(path: str) -> Iterator[Document]:
    """The coded documents a partition kept for `--ingest` (written by this module only)."""
    with gzip.open(path, "rb") as f:
        while True:
            try:
                yield from pickle.load(f)
            except EOFError:
                return
