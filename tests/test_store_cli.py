"""The store commands: dyads ingest, events, dyad, actors top, export (thin shells over dyads.store)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dyads.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store.db"
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(path), "--quiet"])
    assert r.exit_code == 0, r.output
    return str(path)


def run(*args):
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def test_ingest_twice_reports_unchanged(db):
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert r.exit_code == 0
    assert "unchanged 6" in r.output


def test_ingest_names_a_bad_store_url():
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", "mysql://x/y"])
    assert r.exit_code == 2 and "unsupported store URL" in r.output


def test_events_filters_and_jsonl(db):
    rows = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl", "--limit", "0").splitlines()]
    assert rows and all("event" in r for r in rows)
    french = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl", "--either", "FRA",
                                          "--limit", "0").splitlines()]
    assert french and all("FRA" in ((r["actor_codes"] or "") + (r["recipient_codes"] or "")) for r in french)
    days = [r["day"] for r in rows if r.get("day")]
    assert days == sorted(days)


def test_dyad_and_top_actors(db):
    out = json.loads(run("dyad", "CHN", "RUS", "--db", db, "--json"))
    assert out["n_events"] >= 1
    top = run("actors", "top", "--db", db, "--limit", "3").splitlines()
    assert len(top) == 3 and top[0].split("\t")[0].isupper()


def test_exports(db, tmp_path):
    table = run("export", "--db", db, "--format", "csv", "--columns", "polecat")
    lines = list(csv.reader(io.StringIO(table)))
    assert lines[0][0] == "event_id" and len(lines) > 1
    out = tmp_path / "e.parquet"
    run("export", "--db", db, "--format", "parquet", "-o", str(out))
    assert pq.read_table(out).num_rows == len(lines) - 1


def test_unreachable_server_is_one_line_without_the_password():
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", "postgresql://x:secret@127.0.0.1:1/nope"])
    assert r.exit_code == 1
    assert "cannot open the store" in r.output and "secret" not in r.output and "Traceback" not in r.output


def test_quad_code_filter_and_its_old_name(db):
    def ids(*args):
        return [json.loads(x)["id"] for x in run("events", "--db", db, "--format", "jsonl", "--limit", "0",
                                                   *args).splitlines()]

    conflict = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl", "--limit", "0",
                                            "--quad-code", "3", "--quad-code", "4").splitlines()]
    assert conflict and all(r["quad_code"] in (3, 4) and r["quad_class"].endswith("conflict") for r in conflict)
    assert ids("--quad", "3", "--quad", "4") == [r["id"] for r in conflict]         # deprecated, still read
    summary = json.loads(run("dyad", "CHN", "RUS", "--db", db, "--json", "--quad-code", "1"))
    assert set(summary["quad_code"]) == {"1", "2", "3", "4"} and "mean_event_scale" in summary


def test_export_refuses_what_the_registry_does_not_offer(db):
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", "xml"])
    assert r.exit_code == 2 and "Invalid value for '--format'" in r.output
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert r.exit_code == 2 and "parquet needs --output FILE" in r.output
    gdelt = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "csv", "--columns", "gdelt"))))
    assert gdelt and all(r["GLOBALEVENTID"].isdigit() for r in gdelt)
    assert all(len(r["SQLDATE"]) == 8 or r["SQLDATE"] == "" for r in gdelt)
