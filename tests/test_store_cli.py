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
    top = list(csv.reader(io.StringIO(run("actors", "top", "--db", db, "--limit", "3", "--format", "csv"))))
    assert len(top) == 4 and top[0][0] and top[1][0].isupper()      # a header row, then three actors
    table = run("actors", "top", "--db", db, "--limit", "3")
    assert all(name in table for name in top[0])                      # the table has the same headers


def test_dyad_by_month_is_a_table_or_csv(db):
    out = run("dyad", "CHN", "RUS", "--db", db, "--by", "month")
    assert "{" not in out and "month" in out and "events" in out       # no raw dict
    rows = list(csv.reader(io.StringIO(run("dyad", "CHN", "RUS", "--db", db, "--by", "month", "--format", "csv"))))
    assert rows[0][:2] == ["month", "events"] and len(rows) >= 2
    assert sum(int(r[1]) for r in rows[1:]) == json.loads(run("dyad", "CHN", "RUS", "--db", db, "--json"))["n_events"]


def test_a_capped_list_says_so(db):
    everything = run("events", "--db", db, "--format", "jsonl", "--limit", "0").splitlines()
    assert len(everything) > 2
    r = CliRunner().invoke(main, ["events", "--db", db, "--limit", "2"])
    assert r.exit_code == 0
    assert f"showing 2 of {len(everything)} (use --limit" in r.stderr
    r = CliRunner().invoke(main, ["events", "--db", db, "--limit", "0"])
    assert "showing" not in r.stderr


def test_the_events_table_wraps_sentences_to_the_width(db):
    r = CliRunner().invoke(main, ["events", "--db", db, "--limit", "0"], env={"COLUMNS": "80"})
    assert r.exit_code == 0
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    assert "…" not in r.stdout and "sentence" in r.stdout


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


READERS = [["events"], ["dyad", "TUR", "AZE"], ["export", "--format", "csv", "-o", "-"], ["actors", "top"],
           ["serve"], ["watchlist", "test", str(Path(__file__).resolve().parents[1] / "examples" / "watch" / "rules.yaml")]]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
def test_a_reader_refuses_a_store_that_is_not_there_and_creates_nothing(command, tmp_path):
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    r = CliRunner().invoke(main, [*command, "--db", str(missing)])
    assert r.exit_code == 2, r.output
    assert f"no store at {missing}" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "no").exists()          # no file, no parent folders


@pytest.mark.parametrize("command", READERS[:4], ids=lambda c: " ".join(c[:2]))
def test_a_reader_refuses_a_database_without_the_dyads_tables(command, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    r = CliRunner().invoke(main, [*command, "--db", str(other)])
    assert r.exit_code == 2 and "is not a dyads store" in r.output
    with sqlite3.connect(other) as conn:       # and it was left as it was
        assert [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]


def test_the_server_refuses_a_missing_store(tmp_path):
    from dyads.store import StoreError
    from dyads.web.serve import serve

    with pytest.raises(StoreError, match="no store at"):
        serve(str(tmp_path / "nothing.db"), port=1)
    assert not (tmp_path / "nothing.db").exists()


def test_ingest_and_watch_create_their_store(tmp_path):
    new = tmp_path / "sub" / "new.db"
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(new), "--quiet"])
    assert r.exit_code == 0 and new.is_file()
