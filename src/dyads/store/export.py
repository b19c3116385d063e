"""Exporting stored events: PLOVER JSON lines, POLECAT- or GDELT-style CSV/TSV tables, Parquet.

    from dyads.store.export import export
    from dyads.store.query import EventFilter
    n = export("dyads.db", "tur.parquet", "parquet", EventFilter(either_side="TUR"))
    n = export(store, sys.stdout, "tsv", columns="gdelt")

Every writer streams: rows come from the database a thousand at a time and Parquet is written
in row groups of `ROW_GROUP` rows (held as compact Arrow data until written), so memory stays
flat however many events are exported.

Formats and column sets come from the registry, `dyads.formats`. Column sets (`columns`):
    plover   jsonl: the stored PLOVER record, one per line (the default for jsonl); tables: the
             record's top-level fields, lists and objects as JSON text
    polecat  a flat table in the manner of POLECAT (the default for tables); multi-valued
             cells (names, codes, sectors, contexts) are ";"-joined as in POLECAT
    gdelt    GDELT 2.0 event columns that dyads can fill, under GDELT's names (`gdelt_dates`,
             `global_event_id`); NumMentions/NumArticles/NumSources are those of the event's
             cluster (all the reports of the same real-world event), 1 when it has none

Event fields keep the names and types of the one output schema (docs/output.md). A row is one
stored report (event); events of the same cluster share `cluster_id`.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import IO, Any

from sqlalchemy import Text, cast

from dyads import formats
from dyads.store.db import Store
from dyads.store.query import QUAD_CLASS, EventFilter, event_select, opened, stream
from dyads.store.schema import articles, clusters
from dyads.store.schema import events as ev

FORMATS = formats.choices("export")
COLUMN_SETS = tuple(formats.COLUMN_SETS)
ROW_GROUP = 50_000        # rows per Parquet row group
ARROW_BATCH = 10_000      # rows held as Python objects at a time while writing Parquet

POLECAT_COLUMNS = (
    "event_id", "date", "date_precision", "event", "mode", "contexts", "quad_code", "quad_class", "cameo",
    "goldstein", "event_scale", "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country",
    "recipient_sector", "place_name", "lat", "lon", "place_country", "source", "url", "article_id", "cluster_id",
    "n_articles", "n_sources", "sentence")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Name", "Actor1CountryCode", "Actor2Name",
    "Actor2CountryCode", "EventCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
    "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL")
PLOVER_COLUMNS = (
    "id", "date", "event", "mode", "context", "aux_mode", "quad_code", "quad_class", "event_scale", "cameo",
    "goldstein", "confidence", "date_precision", "date_source", "actor", "recipient", "event_loc", "location_source",
    "event_text", "doc_id", "text_info", "cite_info")

_INTS = {"cluster_id", "n_articles", "n_sources", "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "QuadClass",
         "NumMentions", "NumSources", "NumArticles", "quad_code"}
_FLOATS = {"goldstein", "lat", "lon", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long", "event_scale",
           "confidence", "FractionDate"}
_HEX_ID = re.compile(r"[0-9a-f]{15,}")


def global_event_id(event_id: str) -> int:
    """GDELT's GLOBALEVENTID for a dyads event id: a positive integer below 2**60 (it fits any
    signed 64-bit column), the same for the same event in every export and every store.

    dyads ids are hexadecimal digests: their first 15 hex digits, read as a number. Any other id
    (events written by other tools) gets the first 15 hex digits of its SHA-1 instead."""
    digits = event_id if _HEX_ID.match(event_id or "") else hashlib.sha1((event_id or "").encode()).hexdigest()
    return int(digits[:15], 16)


def _fraction(day: dt.date) -> float:
    """GDELT's FractionDate: the year plus ((MONTH - 1) * 30 + DAY) / 365, to four decimals, as in
    GDELT's own files (19790101 is 1979.0027)."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def gdelt_dates(value: str | None) -> tuple[int | None, int | None, int | None, float | None]:
    """(SQLDATE, MonthYear, Year, FractionDate) of a TIMEX date, each only as far as it is known.

    A day (`2021-03-05`): 20210305, 202103, 2021, 2021.1781. A month (`2021-03`): SQLDATE empty,
    202103, 2021, and FractionDate at the middle of the month (day 15). A week (`2021-W09`):
    SQLDATE empty; MonthYear and Year when all seven days fall in one month or one year; FractionDate
    at the week's Thursday (its middle day). A year (`2021`): only Year. A year never becomes its
    first of January: a GDELT reader filtering on SQLDATE must not see a year-only report as an
    event of 1 January."""
    if not value:
        return None, None, None, None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = dt.date.fromisoformat(value)
            return int(d.strftime("%Y%m%d")), d.year * 100 + d.month, d.year, _fraction(d)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            last, middle = first + dt.timedelta(days=6), first + dt.timedelta(days=3)
            month = first.year * 100 + first.month if (first.year, first.month) == (last.year, last.month) else None
            return None, month, first.year if first.year == last.year else None, _fraction(middle)
        m = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if m and 1 <= int(m[2]) <= 12:
            year, month = int(m[1]), int(m[2])
            middle = dt.date(year, month, min(15, calendar.monthrange(year, month)[1]))
            return None, year * 100 + month, year, _fraction(middle)
        if re.fullmatch(r"\d{4}", value):
            return None, None, int(value), None
    except ValueError:
        pass
    return None, None, None, None


def _multi(value: str | None) -> str | None:
    """The store joins multiple values with "|"; POLECAT and GDELT users expect ";"."""
    return value.replace("|", ";") if value else value


def _polecat(r: Any) -> tuple:
    return (r.id, r.date, r.date_precision, r.event, r.mode, _multi(r.contexts), r.quad_code, r.quad_class, r.cameo,
            r.goldstein, r.event_scale, _multi(r.actor_names), _multi(r.actor_codes), _multi(r.actor_sectors),
            _multi(r.recipient_names), _multi(r.recipient_codes), _multi(r.recipient_sectors), r.place_name, r.lat,
            r.lon, r.place_country, r.source, r.url, r.article_id, r.cluster_id, r.n_articles, r.n_sources,
            r.sentence)


def _gdelt(r: Any) -> tuple:
    return (global_event_id(r.id), *gdelt_dates(r.date), _multi(r.actor_names), _multi(r.actor_codes),
            _multi(r.recipient_names), _multi(r.recipient_codes), r.cameo, r.quad_code, r.goldstein,
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
        cols = [ev.c.id, ev.c.article_id, ev.c.cluster_id, ev.c.event, ev.c.mode, ev.c.contexts, ev.c.quad_code,
                QUAD_CLASS, ev.c.cameo, ev.c.goldstein, ev.c.event_scale, ev.c.date, ev.c.date_precision, ev.c.day,
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
    stdout is the caller's business) as `fmt`: "jsonl", "csv", "tsv" or "parquet" (the export
    formats of `dyads.formats`). `columns`: "plover", "polecat" or "gdelt" (default: plover for
    jsonl, polecat for tables). `order` as in `query.events`. Returns the number of rows written.
    An unknown format or column set is a ValueError (`formats.UnknownFormat`)."""
    spec = formats.get("export", fmt)
    fmt = spec.name
    columns = formats.columns_for("export", fmt, columns)
    names = {"plover": PLOVER_COLUMNS, "polecat": POLECAT_COLUMNS, "gdelt": GDELT_COLUMNS}[columns]
    with opened(store) as s, _sink(out, binary=spec.binary) as f:
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
