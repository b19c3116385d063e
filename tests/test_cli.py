"""The `dyads` command line: output formats, inputs, bad input and exit codes."""
from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from dyads.cli import main

STORY = ("Turkish police detained 12 protesters in Istanbul on Tuesday after a march against "
         "rising prices, the governor's office said.")


@pytest.fixture(scope="module")
def runner(pipeline):   # the pipeline fixture loads spaCy once for the module
    return CliRunner()


def test_extract_text_file_jsonl(runner, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    res = runner.invoke(main, ["extract", str(f), "--date", "2024-05-02"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows and rows[0]["event"] == "COERCE"
    row = rows[0]
    for key in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_text", "quad_code",
                "cameo", "goldstein", "confidence", "mentions", "cite_info"):
        assert key in row
    assert row["actor"][0]["code"] == "TUR"
    assert row["date"] == "2024-04-30"
    assert "coded 1 document" in res.stderr


def test_extract_stdin_documents_with_mentions(runner):
    res = runner.invoke(main, ["extract", "-", "--format", "documents", "--include", "mentions"], input=STORY)
    assert res.exit_code == 0, res.output
    [doc] = [json.loads(x) for x in res.stdout.splitlines()]
    assert doc["events"]
    assert {m["text"] for m in doc["mentions"]["places"]} >= {"Istanbul"}
    assert doc["mentions"]["actors"] and doc["mentions"]["dates"]
    # undated input: the relative date stays relative and says so
    assert doc["date"] is None
    assert all(e["date_source"] != "publication" for e in doc["events"])


def test_extract_jsonl_gz_and_table(runner, tmp_path):
    f = tmp_path / "news.jsonl.gz"
    with gzip.open(f, "wt") as fh:
        fh.write(json.dumps({"id": "a1", "text": STORY, "date": "2024-05-02", "publisher": "Example Wire"}) + "\n")
        fh.write(json.dumps({"id": "a2", "text": "Egypt and Qatar held talks in Cairo on Gaza.", "date": "2024-05-02"}) + "\n")
    res = runner.invoke(main, ["extract", str(f), "--format", "table"])
    assert res.exit_code == 0, res.output
    assert "COERCE" in res.stdout and "CONSULT" in res.stdout


def test_the_table_shows_a_negated_event_as_negated(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The Chilean army did not open fire on the protesters in Santiago on Monday.\n", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(f), "--format", "table", "--include", "aux"])
    assert res.exit_code == 0
    assert "ASSAULT [negation]" in res.output
    assert "ASSAULT" not in runner.invoke(main, ["extract", str(f), "--format", "table"]).output


def test_bad_inputs_are_named_and_skipped(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    bad_json = tmp_path / "broken.jsonl"
    bad_json.write_text('{"id": "x1", "text": "' + STORY + '"}\n{"id": "x2", "text": \n')
    res = runner.invoke(main, ["extract", str(good), str(empty), str(pdf), str(bad_json),
                               str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    err = res.stderr
    assert "empty.txt" in err and "paper.pdf" in err and "broken.jsonl:2" in err and "missing.txt" in err
    assert "Traceback" not in err
    assert "coded 2 document(s)" in err and "skipped 4 input(s)" in err
    assert len([x for x in res.stdout.splitlines() if x.strip()]) >= 2


def test_bad_date_option_is_a_usage_error(runner, tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(STORY)
    res = runner.invoke(main, ["extract", str(f), "--date", "yesterday-ish"])
    assert res.exit_code == 2


def test_evaluate_events_on_own_gold(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "g1", "text": "Japan sent emergency aid to Nepal after the earthquake.", "date": None,
         "events": [{"event": "AID", "mode": None, "actor": [{"text": "Japan", "country": "JPN", "sector": None}],
                     "recipient": [{"text": "Nepal", "country": "NPL", "sector": None}]}]},
        {"id": "g2", "text": "Chilean police arrested two opposition leaders in Santiago.", "date": None,
         "events": [{"event": "COERCE", "mode": "arrest",
                     "actor": [{"text": "Chilean police", "country": "CHL", "sector": "COP"}],
                     "recipient": [{"text": "two opposition leaders", "country": "CHL", "sector": "OPP"}]}]},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    res = runner.invoke(main, ["evaluate", "events", str(gold), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["gold_dyads"] == 2
    assert scores["dyad_recall"] == 1.0 and scores["type_accuracy"] == 1.0


def test_extract_with_actor_overlay(runner, tmp_path):
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "organizations:\n"
        "  - {name: Northern Valley Front, aliases: [NVF], code: SYR, sector: REB, kind: armed}\n"
    )
    story = tmp_path / "s.txt"
    story.write_text("The Northern Valley Front attacked an army checkpoint near Idlib on Monday.")
    res = runner.invoke(main, ["extract", str(story), "--date", "2024-05-07", "--actors", str(overlay)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    actor = rows[0]["actor"][0]
    assert rows[0]["event"] == "ASSAULT" and actor["code"] == "SYR" and actor["sector"] == "REB"
    bad = runner.invoke(main, ["extract", str(story), "--actors", str(tmp_path / "missing.yaml")])
    assert bad.exit_code == 2


@pytest.mark.parametrize("command", [["extract"], ["batch"], ["export"], ["events"], ["watchlist", "test"]])
def test_format_help_says_what_each_choice_writes(command):
    """`--format` choices and their help come from the registry (dyads.formats)."""
    import re

    from dyads import formats

    key = "watchlist" if command[0] == "watchlist" else command[0]
    res = CliRunner().invoke(main, [*command, "--help"], terminal_width=10_000)
    assert res.exit_code == 0, res.output
    shown = re.sub(r"\s+", " ", res.output)
    assert "[" + "|".join(formats.choices(key)) + "]" in shown
    for fmt in formats.formats_of(key):
        assert f"{fmt.name}: {fmt.offered[key]}" in shown


def test_every_option_of_every_command_has_help_text():
    import click

    from dyads.cli import main as cli

    missing = []

    def walk(cmd, path):
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, path + [name])
            return
        missing.extend(f"{' '.join(path)} {p.opts[0]}" for p in cmd.params
                       if isinstance(p, click.Option) and not p.help)

    walk(cli, ["dyads"])
    assert missing == []


def test_mentions_outside_the_documents_format_is_an_error():
    from click.testing import CliRunner

    from dyads.cli import main as cli

    r = CliRunner().invoke(cli, ["extract", "-", "--format", "jsonl", "--include", "mentions"],
                           input="Peru and Chile signed a fisheries accord in Lima on Monday.")
    assert r.exit_code == 2 and "--format documents" in r.output
