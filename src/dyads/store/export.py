"""Exporting stored events: PLOVER JSON lines, POLECAT- or GDELT-style CSV/TSV tables, Parquet.

    from dyads.store.export import export
    from dyads.store.query import EventFilter
    n = export("dyads.db", "tur.parquet", "parquet", EventFilter(either_side="TUR"))
    n = export(store, sys.stdout, "tsv", columns="gdelt")

Every writer streams: rows come from the database a thousand at a time and Parquet is written
in row groups of `ROW_GROUP` rows (held as compact Arrow data until written), so memory stays
flat however many events are exported.

Column sets (`columns`):
    plover   jsonl: the stored PLOVER record, one per line (the default for jsonl); tables: the
             record's top-level fields, lists and objects as JSON text
    polecat  a flat table in the manner of POLECAT (the default for tables); multi-valued
             cells (names, codes, sectors, contexts) are ";"-joined as in POLECAT
    gdelt    GDELT 2.0 event columns that dyads can fill, under GDELT's names; SQLDATE is the
             first day of the event's date, NumMentions/NumArticles/NumSources are those of its
             cluster (all the reports of the same real-world event), 1 when it has none

A row is one stored report (event); events of the same cluster share `cluster_id`.
"""
from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import IO, Any

from sqlalchemy import Text, cast

from dyads.store.db import Store
from dyads.store.query import EventFilter, event_select, opened, stream
from dyads.store.schema import articles, clusters
from dyads.store.schema import events as ev

FORMATS = ("jsonl", "csv", "tsv", "parquet")
COLUMN_SETS = ("plover", "polecat", "gdelt")
ROW_GROUP = 50_000        # rows per Parquet row group
ARROW_BATCH = 10_000      # rows held as Python objects at a time while writing Parquet

POLECAT_COLUMNS = (
    "event_id", "date", "date_precision", "event", "mode", "contexts", "quad_class", "cameo", "goldstein",
    "plover_score", "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country",
    "recipient_sector", "place_name", "lat", "lon", "place_country", "source", "url", "article_id", "cluster_id",
    "n_articles", "n_sources", "sentence")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode", "EventCode",
    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL")
PLOVER_COLUMNS = (
    "id", "date", "event", "mode", "context", "aux_mode", "quad_code", "event_scale", "cameo", "goldstein",
    "confidence", "date_precision", "date_source", "actor", "recipient", "event_loc", "event_text", "doc_id",
    "text_info", "cite_info")

_INTS = {"quad_class", "cluster_id", "n_articles", "n_sources", "SQLDATE", "QuadClass", "NumMentions",
         "NumSources", "NumArticles", "quad_code"}
_FLOATS = {"goldstein", "plover_score", "lat", "lon", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long",
           "event_scale", "confidence"}


def _multi(value: str | None) -> str | None:
    """The store joins multiple values with "|"; POLECAT and GDELT users expect ";"."""
    return value.replace("|", ";") if value else value


def _polecat(r: Any) -> tuple:
    return (r.id, r.date, r.date_precision, r.event, r.mode, _multi(r.contexts), r.quad_class, r.cameo, r.goldstein,
            r.plover_score, _multi(r.actor_names), _multi(r.actor_codes), _multi(r.actor_sectors),
            _multi(r.recipient_names), _multi(r.recipient_codes), _multi(r.recipient_sectors), r.place_name, r.lat,
            r.lon, r.place_country, r.source, r.url, r.article_id, r.cluster_id, r.n_articles, r.n_sources,
            r.sentence)


def _gdelt(r: Any) -> tuple:
    return (r.id, int(r.day.replace("-", "")) if r.day else None, _multi(r.actor_names), _multi(r.actor_codes),
            _multi(r.recipient_names), _multi(r.recipient_codes), r.cameo, r.quad_class, r.goldstein,
            r.n_events or 1, r.n_sources or 1, r.n_articles or 1, r.place_name, r.lat, r.lon, r.url)


def _plover(r: Any) -> tuple:
    rec = json.loads(r.record)
    return tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                 for v in (rec.get(k) for k in PLOVER_COLUMNS))


def _rows(store: Store, flt: EventFilter | None, columns: str, order: str | None) -> Iterator[tuple]:
    """The export's rows, as tuples in the order of its column set."""
    # the record as the JSON text it is stored as: no parsing and re-serializing for jsonl
    record = cast(ev.c.record, Text).label("record")
    if columns == "plover":
        cols, shape = [record], _plover
    else:
        cols = [ev.c.id, ev.c.article_id, ev.c.cluster_id, ev.c.event, ev.c.mode, ev.c.contexts, ev.c.quad_class,
                ev.c.cameo, ev.c.goldstein, ev.c.plover_score, ev.c.date, ev.c.date_precision, ev.c.day,
                ev.c.actor_codes, ev.c.recipient_codes, ev.c.actor_sectors, ev.c.recipient_sectors,
                ev.c.actor_names, ev.c.recipient_names, ev.c.place_name, ev.c.lat, ev.c.lon, ev.c.place_country,
                ev.c.sentence, clusters.c.n_events, clusters.c.n_articles, clusters.c.n_sources,
                articles.c.source, articles.c.url]
        shape = _polecat if columns == "polecat" else _gdelt
    stmt = event_select(cols, flt, store.backend, order=order)
    if columns != "plover":
        stmt = stmt.outerjoin(articles, articles.c.id == ev.c.article_id)
    for r in stream(store, stmt):
        yield shape(r)


def _raw_records(store: Store, flt: EventFilter | None, order: str | None) -> Iterator[str]:
    stmt = event_select([cast(ev.c.record, Text)], flt, store.backend, order=order)
    for (rec,) in stream(store, stmt):
        yield rec


@contextmanager
def _sink(out: str | os.PathLike | IO, binary: bool) -> Iterator[IO]:
    """`out` opened for writing: a path, a text stream, or a binary stream (wrapped for text)."""
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") if binary else open(out, "w", encoding="utf-8", newline="") as f:
            yield f
    elif binary:
        yield out.buffer if isinstance(out, io.TextIOBase) else out        # sys.stdout -> its bytes
    elif isinstance(out, io.TextIOBase):
        yield out
    else:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            yield text
        finally:
            text.flush()
            text.detach()       # leave the caller's stream open


def _write_delimited(rows: Iterable[tuple], f: IO[str], names: Sequence[str], delimiter: str) -> int:
    # csv quotes any cell holding the delimiter, a quote or a line break (sentences may have all three)
    w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
    w.writerow(names)
    n = 0
    for n, row in enumerate(rows, 1):
        w.writerow(row)
    return n


def _write_jsonl(rows: Iterable[tuple], f: IO[str], names: Sequence[str]) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        f.write(json.dumps(dict(zip(names, row)), ensure_ascii=False))
        f.write("\n")
    return n


def _write_parquet(rows: Iterable[tuple], f: IO[bytes], names: Sequence[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string())
                        for c in names])
    n = 0
    rows = iter(rows)
    batches: list[pa.RecordBatch] = []
    with pq.ParquetWriter(f, schema, compression="zstd") as writer:
        # rows become compact Arrow batches ARROW_BATCH at a time (Python objects take several times
        # the space), and every ROW_GROUP rows the batches are written out as one row group
        while chunk := list(islice(rows, ARROW_BATCH)):
            batches.append(pa.RecordBatch.from_arrays(
                [pa.array(col, type=field.type) for col, field in zip(zip(*chunk), schema)], schema=schema))
            n += len(chunk)
            if sum(b.num_rows for b in batches) >= ROW_GROUP:
                writer.write_table(pa.Table.from_batches(batches), row_group_size=ROW_GROUP)
                batches = []
        if batches:
            writer.write_table(pa.Table.from_batches(batches), row_group_size=ROW_GROUP)
    return n


def export(store: Store | str, out: str | os.PathLike | IO, fmt: str, flt: EventFilter | None = None, *,
           columns: str | None = None, order: str | None = "day") -> int:
    """Write the events matching `flt` to `out` (a path, or a text or binary stream; "-" for
    stdout is the caller's business) as `fmt`: "jsonl", "csv", "tsv" or "parquet". `columns`:
    "plover", "polecat" or "gdelt" (default: plover for jsonl, polecat for tables). `order` as in
    `query.events`. Returns the number of rows written."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    columns = columns or ("plover" if fmt == "jsonl" else "polecat")
    if columns not in COLUMN_SETS:
        raise ValueError(f"unknown column set {columns!r}: use one of {', '.join(COLUMN_SETS)}")
    names = {"plover": PLOVER_COLUMNS, "polecat": POLECAT_COLUMNS, "gdelt": GDELT_COLUMNS}[columns]
    with opened(store) as s, _sink(out, binary=fmt == "parquet") as f:
        if fmt == "jsonl" and columns == "plover":
            n = 0
            for n, rec in enumerate(_raw_records(s, flt, order), 1):
                f.write(rec)
                f.write("\n")
            return n
        rows = _rows(s, flt, columns, order)
        if fmt == "parquet":
            return _write_parquet(rows, f, names)
        if fmt == "jsonl":
            return _write_jsonl(rows, f, names)
        return _write_delimited(rows, f, names, "," if fmt == "csv" else "\t")
