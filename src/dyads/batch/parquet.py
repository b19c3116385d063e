"""Event records as an Arrow table: flat, typed columns for analysis, plus the full record.

The flat columns are what GDELT/ICEWS users filter and group on (codes, sectors, quad code,
scores, place); `plover_json` keeps the complete PLOVER record, mentions included, so
nothing the JSON-lines output has is lost in Parquet. A field of the record keeps its name and
type here (`quad_code` integer, `quad_class` its text name, `event_scale` the PLOVER score):
the one output schema of docs/output.md, which also names the flat columns (`event_id` for the
record's `id`, `actor_codes` ... for the entities).
"""
from __future__ import annotations

import io
import json
from typing import Callable

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.model import Document

_STR, _F, _I = pa.string(), pa.float64(), pa.int32()
_LIST = pa.list_(pa.string())

SCHEMA = pa.schema([
    ("event_id", _STR), ("doc_id", _STR), ("pub_date", _STR), ("event", _STR), ("mode", _STR),
    ("contexts", _LIST), ("aux_mode", _STR), ("quad_code", _I), ("quad_class", _STR),
    ("event_scale", _F), ("cameo", _STR), ("goldstein", _F), ("confidence", _F),
    ("date", _STR), ("date_precision", _STR), ("date_source", _STR),
    ("actor_codes", _LIST), ("actor_sectors", _LIST), ("actor_names", _LIST),
    ("recipient_codes", _LIST), ("recipient_sectors", _LIST), ("recipient_names", _LIST),
    ("place_name", _STR), ("lat", _F), ("lon", _F), ("place_country", _STR), ("location_source", _STR),
    ("event_text", _STR), ("n_mentions", _I), ("title", _STR), ("url", _STR), ("publisher", _STR),
    ("plover_json", _STR),
])


def _row(doc: Document, rec: dict) -> dict:
    loc = rec.get("event_loc") or {}
    people = {role: rec[role] for role in ("actor", "recipient")}
    return {
        "event_id": rec["id"], "doc_id": doc.id, "pub_date": doc.date, "event": rec["event"],
        "mode": rec["mode"], "contexts": rec["context"], "aux_mode": rec["aux_mode"],
        "quad_code": rec["quad_code"], "quad_class": rec["quad_class"], "event_scale": rec["event_scale"],
        "cameo": rec["cameo"], "goldstein": rec["goldstein"], "confidence": rec["confidence"],
        "date": rec["date"], "date_precision": rec["date_precision"], "date_source": rec["date_source"],
        **{f"{role}_codes": [e["code"] or "" for e in ents] for role, ents in people.items()},
        **{f"{role}_sectors": [e["sector"] or "" for e in ents] for role, ents in people.items()},
        **{f"{role}_names": [e["identifier_text"] or e["entity_text"] for e in ents] for role, ents in people.items()},
        "place_name": loc.get("resolved_place") or loc.get("extracted_place"), "lat": loc.get("lat"),
        "lon": loc.get("lon"), "place_country": loc.get("country_code"), "location_source": rec["location_source"],
        "event_text": rec["event_text"], "n_mentions": len(rec["mentions"]), "title": doc.title, "url": doc.url,
        "publisher": doc.publisher, "plover_json": json.dumps(rec, ensure_ascii=False),
    }


def event_rows(doc: Document) -> list[dict]:
    """The table rows of a document's events, in order."""
    return [_row(doc, ev.to_dict(doc)) for ev in doc.events]


def table_of(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def write_table(table: pa.Table, path: str, write: Callable[[str, bytes], None]) -> None:
    """Parquet bytes (zstd) handed to `write`, which puts them in place atomically."""
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    write(path, buf.getvalue())
