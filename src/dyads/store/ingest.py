"""Ingest: code articles and store them, idempotently and crash-safely.

    from dyads.store import ingest
    report = ingest(["news.jsonl.gz"], "dyads.db")     # or "postgresql://..."
    print(report.stored, report.unchanged, report.failed)

* An article is known by its id and by the SHA-256 of its whitespace-normalized text.
  The same id with the same text, or the same text under another id, is *unchanged* and
  is not coded again (a second run over the same input only reads and hashes it). The
  same id with a new text is *replaced*: its old events leave their clusters, the new
  ones join theirs.
* Work is committed in batches: an article and all its rows (events, participants,
  mentions, places, cluster links) are written in one transaction, so a process killed
  at any moment leaves only whole articles behind, and running the same command again
  stores the rest.
* Inputs that cannot be read or coded go to the `errors` table (input name and reason)
  and are counted as failed; the run goes on.
"""
from __future__ import annotations


import itertools
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from sqlalchemy import Connection, delete, insert, select

from dyads.model import Document
from dyads.store import cluster
from dyads.store.db import Store, open_store
from dyads.store.dyads import dyad_rows
from dyads.store.rows import (article_row, content_hash, event_row, mention_rows, now, participant_rows,
                              place_rows)
from dyads.store.schema import articles, dyad_events, errors, events, mentions, participants, places


@dataclass
class IngestReport:
    """What an ingest run did."""

    stored: int = 0          # new articles
    replaced: int = 0        # known ids with a new text
    unchanged: int = 0       # already stored (same id and text, or the same text under another id)
    failed: int = 0          # inputs that could not be read or coded (see the errors table)
    events: int = 0          # events written
    clusters: int = 0        # clusters created or changed
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.stored + self.replaced + self.unchanged + self.failed

    def summary(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"stored {self.stored}, replaced {self.replaced}, unchanged {self.unchanged}, failed {self.failed} "
                f"article(s); {self.events} event(s), {self.clusters} cluster(s) updated; "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s)")


def _record_error(conn: Connection, source: str, reason: str, at: str) -> None:
    known = conn.execute(select(errors.c.id).where(errors.c.input == source, errors.c.reason == reason)).first()
    if known is None:
        conn.execute(insert(errors).values(input=source, reason=reason, at=at))


class _Plan:
    """Which documents need coding: checks ids and content hashes against the store in chunks."""

    def __init__(self, store: Store, report: IngestReport, chunk: int = 256) -> None:
        self.store, self.report, self.chunk = store, report, chunk
        self.replacing: set[str] = set()
        self.hashes: dict[str, str] = {}        # doc id -> content hash, for the documents to code
        self._seen: set[bytes] = set()           # hashes met in this run (duplicates inside the input)

    def select(self, docs: Iterable[Document]) -> Iterator[Document]:
        buf: list[Document] = []
        for d in docs:
            buf.append(d)
            if len(buf) >= self.chunk:
                yield from self._filter(buf)
                buf = []
        if buf:
            yield from self._filter(buf)

    def _filter(self, docs: list[Document]) -> Iterator[Document]:
        digests = {d.id: content_hash(d) for d in docs}
        with self.store.engine.connect() as conn:
            by_id = dict(conn.execute(select(articles.c.id, articles.c.content_hash)
                                      .where(articles.c.id.in_(list(digests)))).all())
            known_hashes = {r[0] for r in conn.execute(select(articles.c.content_hash)
                                                       .where(articles.c.content_hash.in_(set(digests.values()))))}
        for d in docs:
            h = digests[d.id]
            key = bytes.fromhex(h)
            if by_id.get(d.id) == h or (d.id not in by_id and h in known_hashes) or key in self._seen:
                self.report.unchanged += 1
                continue
            self._seen.add(key)
            if d.id in by_id:
                self.replacing.add(d.id)
            self.hashes[d.id] = h
            yield d


def _write_batch(store: Store, docs: list[Document], plan: _Plan, report: IngestReport,
                 pending_errors: list[tuple[str, str]]) -> None:
    with store.write_lock:          # one writer per Store object at a time (see Store.write_lock)
        _write_locked(store, docs, plan, report, pending_errors)


def _recheck(conn: Connection, docs: list[Document], plan: _Plan, report: IngestReport) -> list[Document]:
    """The batch without the articles another thread stored since `plan` checked them (same id and
    text: unchanged), and with those it stored under the same id and another text now replaced."""
    ids = [d.id for d in docs]
    if not ids:
        return docs
    stored = dict(conn.execute(select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(ids))).all())
    keep = []
    for d in docs:
        if d.id in stored and stored[d.id] == plan.hashes.get(d.id):
            plan.hashes.pop(d.id, None)
            plan.replacing.discard(d.id)
            report.unchanged += 1
            continue
        if d.id in stored:
            plan.replacing.add(d.id)
        keep.append(d)
    return keep


def _write_locked(store: Store, docs: list[Document], plan: _Plan, report: IngestReport,
                  pending_errors: list[tuple[str, str]]) -> None:
    at = now()
    with store.engine.begin() as conn:
        docs = _recheck(conn, docs, plan, report)
        for source, reason in pending_errors:
            _record_error(conn, source, reason, at)
        pending_errors.clear()
        old = [d.id for d in docs if d.id in plan.replacing]
        touched = cluster.clusters_of_articles(conn, old)
        if old:
            conn.execute(delete(articles).where(articles.c.id.in_(old)))   # cascades to its rows
        new_events: list[dict] = []
        ev_rows, part_rows, dy_rows, ment_rows, plc_rows = [], [], [], [], []
        for d in docs:
            conn.execute(insert(articles).values(article_row(d, plan.hashes.pop(d.id), at)))
            seen_ids: set[str] = set()
            for ev in d.events:
                if ev.id in seen_ids:
                    continue
                seen_ids.add(ev.id)
                row = event_row(d, ev)
                ev_rows.append(row)
                new_events.append(row)
                parts = participant_rows(ev)
                part_rows += parts
                dy_rows += dyad_rows(row, parts)
                ment_rows += mention_rows(ev)
            plc_rows += place_rows(d)
        for table, rows in ((events, ev_rows), (participants, part_rows), (dyad_events, dy_rows), (mentions, ment_rows),
                            (places, plc_rows)):
            if rows:
                conn.execute(insert(table), rows)
        touched |= cluster.assign(conn, new_events, at)
        cluster.refresh(conn, touched, at)
    for d in docs:
        if d.id in plan.replacing:
            report.replaced += 1
            plan.replacing.discard(d.id)
        else:
            report.stored += 1
    report.events += len(ev_rows)
    report.clusters += len(touched)


class _Run:
    """One ingest run's report and the failures still to be written to the errors table."""

    def __init__(self, on_error: Callable[[str], None] | None) -> None:
        self.report = IngestReport()
        self.pending_errors: list[tuple[str, str]] = []
        self.on_error = on_error

    def failed(self, source: str, reason: str) -> None:
        self.report.failed += 1
        self.pending_errors.append((source, reason))
        if self.on_error is not None:
            self.on_error(f"{source}: {reason}")


def ingest(paths: Iterable[str] | str, db: str | Store | None = None, *, processes: int = 1,
           batch_size: int = 64, default_date: str | None = None, max_chars: int = 2_000_000,
           on_error: Callable[[str], None] | None = None,
           progress: Callable[[IngestReport], None] | None = None, min_confidence: float | None = None,
           on_warning: Callable[[str], None] | None = None) -> IngestReport:
    """Code and store the articles of `paths` (files, folders, JSON lines, .gz, HTML, "-").
    Events less confident than `min_confidence` (default: the pipeline's) are not stored.

    `db`: a store URL or path (default `./dyads.db`) or an opened `Store`. `on_error(message)`
    hears about each failed input, `on_warning(message)` about each input read with a warning
    (invalid UTF-8 replaced, ...); `progress(report)` is called after each batch."""
    from dyads.readers import read_documents

    run = _Run(on_error)
    docs = read_documents(paths, default_date=default_date, max_chars=max_chars,
                          on_error=lambda e: run.failed(e.source, e.reason),
                          on_warning=on_warning)
    return _store_documents(docs, db, run, processes, batch_size, progress, min_confidence)


def ingest_documents(docs: Iterable[Document], db: str | Store | None = None, *, processes: int = 1,
                     batch_size: int = 64, on_error: Callable[[str], None] | None = None,
                     progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code and store `Document`s made elsewhere (a web request, a feed reader) by the same
    rules as `ingest`: known texts are not coded again, a known id with a new text replaces."""
    return _store_documents(docs, db, _Run(on_error), processes, batch_size, progress)


def _store_documents(docs: Iterable[Document], db: str | Store | None, run: _Run, processes: int,
                     batch_size: int, progress: Callable[[IngestReport], None] | None,
                     min_confidence: float | None = None) -> IngestReport:
    from dyads.pipeline import extract_many

    t0 = time.perf_counter()
    store = db if isinstance(db, Store) else open_store(db)
    report, pending_errors, failed = run.report, run.pending_errors, run.failed
    plan = _Plan(store, report)
    batch: list[Document] = []
    todo = plan.select(docs)
    first = next(todo, None)            # nothing new: no language model to load at all
    coded = extract_many(itertools.chain([first], todo), processes=processes, mentions=False,
                         min_confidence=min_confidence) \
        if first is not None else iter(())
    try:
        for d in coded:
            bad = str(d.error) if d.error is not None else None
            if bad is not None:
                plan.hashes.pop(d.id, None)
                plan.replacing.discard(d.id)
                failed(d.source_name or d.id, bad)
                continue
            batch.append(d)
            if len(batch) >= batch_size:
                _write_batch(store, batch, plan, report, pending_errors)
                batch = []
                report.seconds = time.perf_counter() - t0
                if progress is not None:
                    progress(report)
        if batch or pending_errors:
            _write_batch(store, batch, plan, report, pending_errors)
    finally:
        if store.backend == "sqlite" and (report.stored or report.replaced):
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize")     # fresh statistics for the query planner
        report.seconds = time.perf_counter() - t0
        if not isinstance(db, Store):
            store.close()
    if progress is not None:
        progress(report)
    return report


def store_documents(docs: Iterable[Document], db: str | Store | None = None, *,
                    batch_size: int = 64, errors: Iterable[tuple[str, str]] = ()) -> IngestReport:
    """Store already coded `Document`s (as `ingest` does after coding): known ids with the same
    text, and known texts under another id, are *unchanged*; each batch is one transaction.
    A document whose coding failed goes to the errors table, as does each `(source, reason)`
    of `errors` (inputs the caller could not read).

    For callers that read and code articles themselves (`dyads watch`, `dyads batch`)."""
    t0 = time.perf_counter()
    store = db if isinstance(db, Store) else open_store(db)
    run = _Run(None)
    report = run.report
    for source, reason in errors:
        run.failed(source, reason)
    plan = _Plan(store, report)
    batch: list[Document] = []
    try:
        for d in plan.select(docs):
            bad = str(d.error) if d.error is not None else None
            if bad is not None:
                plan.hashes.pop(d.id, None)
                plan.replacing.discard(d.id)
                run.failed(d.source_name or d.id, bad)
                continue
            batch.append(d)
            if len(batch) >= batch_size:
                _write_batch(store, batch, plan, report, run.pending_errors)
                batch = []
        if batch or run.pending_errors:
            _write_batch(store, batch, plan, report, run.pending_errors)
    finally:
        report.seconds = time.perf_counter() - t0
        if not isinstance(db, Store):
            store.close()
    return report
