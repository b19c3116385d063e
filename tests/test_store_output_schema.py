"""One output schema: an event has the same field names and types in JSON lines, in the store
and its REST API, and in Parquet (batch and export), as the table in docs/output.md says.

The table is read from docs/output.md itself, so the documentation and the outputs cannot drift
apart: a document is coded, stored, read back through the API and written to Parquet, and each
field the table gives the same name everywhere must be there, with the same type and value.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from dyads.batch.parquet import event_rows, table_of
from dyads.model import Document
from dyads.output import event_lines
from dyads.store.export import export
from dyads.store.ingest import store_documents
from dyads.web import create_app

DOC = Path(__file__).resolve().parents[1] / "docs" / "output.md"
# written for this test: several events, places, a relative date
TEXT = ("Kenyan police arrested 30 opposition supporters in Nairobi on Monday, the interior ministry said.\n\n"
        "The foreign ministers of Kenya and Tanzania met in Arusha on Tuesday and agreed to reopen a border "
        "crossing.\n\nTanzania accused Kenyan traders of smuggling sugar.")


def schema_table() -> list[dict[str, str]]:
    """The rows of the table under '## The event schema' in docs/output.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## The event schema", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("|")]
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = []
    for ln in lines[2:]:
        cells = [c.strip() for c in ln.strip("|").split("|")]
        rows.append(dict(zip(head, cells)))
    return rows


def names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _py_ok(kind: str, value) -> bool:
    if value is None:
        return "or null" in kind
    if kind.startswith("integer"):
        return isinstance(value, int) and not isinstance(value, bool)
    if kind.startswith("number"):
        return isinstance(value, float)
    if kind.startswith("string"):
        return isinstance(value, str)
    if kind.startswith("list"):
        return isinstance(value, list)
    return isinstance(value, dict)


def _arrow_ok(kind: str, typ: pa.DataType) -> bool:
    if kind.startswith("integer"):
        return pa.types.is_integer(typ)
    if kind.startswith("number"):
        return pa.types.is_floating(typ)
    if kind.startswith("string"):
        return pa.types.is_string(typ)
    return pa.types.is_list(typ) or pa.types.is_string(typ)       # lists: Arrow lists, or JSON text



pytestmark = pytest.mark.usefixtures("all_events")   # plumbing: every event the rules find

@pytest.fixture(scope="module")
def coded(pipeline):
    doc = next(pipeline.process([Document(text=TEXT, id="schema-1", date="2024-07-10", publisher="Example Wire",
                                          title="Kenya and Tanzania", url="https://example.org/k")]))
    assert len(doc.events) >= 3 and doc.error is None
    return doc


def test_the_table_names_the_shared_fields():
    rows = schema_table()
    fields = {names(r["field"])[0] for r in rows}
    assert {"id", "quad_code", "quad_class", "event_scale", "goldstein", "date", "event"} <= fields
    same = {names(r["field"])[0] for r in rows
            if names(r["JSON lines"]) == names(r["store + API"]) == names(r["Parquet"]) == names(r["field"])}
    assert {"quad_code", "quad_class", "event_scale", "cameo", "goldstein", "confidence", "date",
            "date_precision", "event", "mode", "aux_mode"} <= same
    assert not ({"plover_score"} & {n for r in rows for c in r.values() for n in names(c)})


def test_the_same_names_and_types_in_jsonl_the_api_and_parquet(coded, tmp_path):
    rows = schema_table()
    records = {r["id"]: r for r in (json.loads(line) for line in event_lines(coded))}
    url = f"sqlite:///{tmp_path}/schema.db"
    report = store_documents([coded], url)
    assert report.stored == 1 and report.events == len(records)
    with TestClient(create_app(url)) as client:
        listed = {e["id"]: e for e in client.get("/api/events", params={"all": "true", "limit": 100}).json()["events"]}
        details = {i: client.get(f"/api/events/{i}").json() for i in records}
    batch = table_of(event_rows(coded))
    buf = io.BytesIO()
    pq.write_table(batch, buf)
    batch = pq.read_table(io.BytesIO(buf.getvalue()))
    parquet = {r["event_id"]: r for r in batch.to_pylist()}
    exported = io.BytesIO()
    export(url, exported, "parquet", columns="plover", order="id")
    plover = pq.read_table(io.BytesIO(exported.getvalue()))
    plover_rows = {r["id"]: r for r in plover.to_pylist()}
    assert set(listed) == set(parquet) == set(plover_rows) == set(records)

    checked = 0
    for row in rows:
        field, kind = names(row["field"])[0], row["type"]
        in_json, in_store, in_parquet = names(row["JSON lines"]), names(row["store + API"]), names(row["Parquet"])
        assert in_json == [field], f"{field}: JSON lines uses the schema's name"
        for rec in records.values():
            assert field in rec and _py_ok(kind, rec[field]), (field, rec.get(field))
        # export --columns plover keeps the JSON-lines names, with the same Arrow type
        if field in plover.schema.names:
            assert _arrow_ok(kind, plover.schema.field(field).type), field
        # every name the table gives for the store/API and Parquet is really there
        api_names = [n for n in in_store if re.fullmatch(r"\w+", n)]
        for name in api_names:
            assert all(name in e for e in listed.values()) or all(name in d for d in details.values()), (field, name)
        for name in in_parquet:
            if re.fullmatch(r"\w+", name) and name not in ("plover_json",):
                assert name in batch.schema.names, (field, name)
        if not (in_store == in_parquet == [field]):
            continue
        # the same name everywhere: the same type and the same value
        assert _arrow_ok(kind, batch.schema.field(field).type), (field, batch.schema.field(field).type)
        for eid, rec in records.items():
            api, det, pqt = listed[eid][field], details[eid][field], parquet[eid][field]
            assert _py_ok(kind, api) and _py_ok(kind, pqt), (field, api, pqt)
            assert rec[field] == api == det == pqt == plover_rows[eid][field], (field, rec[field], api, pqt)
        checked += 1
    assert checked >= 12


def test_quad_class_is_text_and_quad_code_a_number_everywhere(coded, tmp_path):
    from dyads.model import QUAD_NAMES
    from dyads.store.query import dyad, events

    url = f"sqlite:///{tmp_path}/quad.db"
    store_documents([coded], url)
    for r in events(url):
        assert isinstance(r["quad_code"], int) and r["quad_class"] == QUAD_NAMES[r["quad_code"]]
    summary = dyad(url, "KEN", "TZA")
    assert set(summary["quad_code"]) == {1, 2, 3, 4} and "mean_event_scale" in summary
    assert "quad_class" not in summary and "mean_plover_score" not in summary
