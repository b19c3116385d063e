"""What a Dask worker does with one partition: read it, code it, write its files.

Each worker process loads the language pipeline and the knowledge base once (the pipeline
module keeps them per process) and reuses them for every partition it is given. Files are
written under a temporary name and renamed, so a partition's outputs exist whole or not at
all, and a retried partition simply writes them again.
"""
from __future__ import annotations

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

# A worker may run several threads; the pipeline keeps per-document state, so they take turns.
_PIPELINE_LOCK = threading.Lock()
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


def _code(docs: list[Document], errors: list[dict]) -> Iterator[Document]:
    """Code documents in small batches; a batch that fails as a whole is retried one by one,
    so a document that crashes the pipeline is recorded as an error and the rest go on."""
    from dyads.pipeline import default_pipeline

    with _PIPELINE_LOCK:
        pipeline = default_pipeline(False)
        for i in range(0, len(docs), CODE_BATCH):
            chunk = docs[i:i + CODE_BATCH]
            try:
                coded = list(pipeline.process(chunk, batch_size=CODE_BATCH))
            except Exception:
                coded = []
                for d in chunk:
                    try:
                        coded += pipeline.process([d])
                    except Exception as exc:   # recorded, never silent; the batch goes on
                        errors.append({"source": d.source_name or d.id, "id": d.id,
                                       "reason": f"coding failed: {type(exc).__name__}: {exc}"})
            for d in coded:
                bad = next((w for w in d.warnings if w.startswith("coding failed")), None)
                if bad is not None:
                    errors.append({"source": d.source_name or d.id, "id": d.id, "reason": bad})
                yield d


def _write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}-{threading.get_ident()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _month(doc: Document) -> str:
    return doc.date[:7] if doc.date and len(doc.date) >= 7 else "unknown"


def _write_events(out: str, index: int, docs: list[Document], fmt: str) -> int:
    name = part_name(index)
    if fmt == "jsonl":
        lines = [line for d in docs for line in event_lines(d)]
        _write(os.path.join(out, "events", f"{name}.jsonl"), "".join(x + "\n" for x in lines).encode())
        return len(lines)
    from dyads.batch.parquet import event_table, write_table

    by_month: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        if d.events:
            by_month[_month(d)].append(d)
    n = 0
    for month, month_docs in sorted(by_month.items()):
        table = event_table(month_docs)
        n += table.num_rows
        write_table(table, os.path.join(out, "events", f"pub_month={month}", f"{name}.parquet"), _write)
    return n


def code_partition(index: int, pieces: list[Piece], renames: dict[int, tuple[str, str]],
                   options: dict[str, Any]) -> dict[str, Any]:
    """Read, code and write partition `index`; returns its counts for the run's bookkeeping."""
    t0 = time.perf_counter()
    out, fmt = options["out"], options["format"]
    errors: list[dict] = []

    def read_error(e: InputError) -> None:
        errors.append({"source": e.source, "reason": e.reason})

    docs: list[Document] = []
    for pos, d in enumerate(read_pieces(pieces, default_date=options.get("date"), max_chars=options["max_chars"],
                                        on_error=read_error, ids=_KeepIds())):
        if pos in renames:
            d.id, warning = renames[pos]
            d.warnings.append(warning)
        docs.append(d)
    words = sum(len(d.text.split()) for d in docs)
    coded = list(_code(docs, errors))
    n_events = _write_events(out, index, coded, fmt)
    name = part_name(index)
    if options.get("documents"):
        _write(os.path.join(out, "documents", f"{name}.pickle.gz"),
               gzip.compress(pickle.dumps(coded, protocol=pickle.HIGHEST_PROTOCOL), compresslevel=1))
    if errors:
        _write(os.path.join(out, "errors", f"{name}.jsonl"),
               "".join(json.dumps({"partition": index, **e}, ensure_ascii=False) + "\n" for e in errors).encode())
    return {"partition": index, "documents": len(docs), "words": words, "events": n_events,
            "errors": len(errors), "seconds": round(time.perf_counter() - t0, 3),
            "worker_pid": os.getpid(), "worker_rss_mb": round(_rss_mb(), 1)}


def load_documents(path: str) -> Iterable[Document]:
    """The coded documents a partition kept for `--ingest` (written by this module only)."""
    with gzip.open(path, "rb") as f:
        return pickle.load(f)
