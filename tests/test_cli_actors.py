"""`dyads actors resolve`: single phrases, batches of JSON lines, bad lines, and the library function."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dyads.actors.batch import context_codes, resolve_many
from dyads.cli import main

KEYS = {"text", "country", "sector", "sectors", "name", "kind", "office", "country_inferred", "confidence"}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_resolve_single(runner):
    res = runner.invoke(main, ["actors", "resolve", "Turkish Foreign Minister Mevlut Cavusoglu",
                               "--date", "2023-02-25"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) == KEYS
    assert (out["country"], out["sector"]) == ("TUR", "GOV")
    assert out["kind"] == "person" and out["office"] == "Foreign Minister"
    assert out["country_inferred"] is False


def test_resolve_single_with_context(runner):
    res = runner.invoke(main, ["actors", "resolve", "riot police", "--context", "Protesters marched in Athens"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert (out["country"], out["sector"], out["country_inferred"]) == ("GRC", "COP", True)
    res = runner.invoke(main, ["actors", "resolve", "riot police", "--context", "KEN"])
    assert json.loads(res.stdout)["country"] == "KEN"


def test_resolve_single_unresolved(runner):
    res = runner.invoke(main, ["actors", "resolve", "the earthquake"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["country"] is None and out["sector"] == "UNK" and out["kind"] == "unknown"
    out = json.loads(runner.invoke(main, ["actors", "resolve", "last Friday"]).stdout)
    assert out["country"] is None and out["sector"] == "JNK"      # a time is no actor


def test_resolve_usage_errors(runner):
    assert runner.invoke(main, ["actors", "resolve"]).exit_code == 2
    assert runner.invoke(main, ["actors", "resolve", "x", "--input", "-"], input="").exit_code == 2
    assert runner.invoke(main, ["actors", "resolve", "police", "--date", "not a date"]).exit_code == 2


def test_resolve_batch(runner, tmp_path):
    f = tmp_path / "actors.jsonl"
    rows = [{"id": "a", "text": "Turkish Foreign Minister Mevlut Cavusoglu", "date": "2023-02-25"},
            {"id": "b", "text": "riot police", "context": "Protesters marched in central Nairobi"},
            {"id": "c", "text": "the army", "context": ["NGA", "GHA"]},
            {"id": "d", "text": "the earthquake"}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    res = runner.invoke(main, ["actors", "resolve", "--input", str(f)])
    assert res.exit_code == 0, res.stderr
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert (out[0]["country"], out[0]["sector"]) == ("TUR", "GOV")
    assert (out[1]["country"], out[1]["sector"], out[1]["country_inferred"]) == ("KEN", "COP", True)
    assert (out[2]["country"], out[2]["sector"]) == ("NGA", "MIL")
    assert out[3]["country"] is None
    assert KEYS <= set(out[0])


def test_resolve_batch_stdin_and_bad_lines(runner, tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text('{"id": "a", "text": "Greek police"}\n'
                 '{"id": "b", "text": \n'                         # malformed JSON
                 '{"id": "c"}\n'                                  # no text
                 '["not", "an", "object"]\n'
                 '{"id": "e", "text": "army", "context": 5}\n'    # bad context
                 '{"id": "f", "text": "Kenyan troops"}\n')
    res = runner.invoke(main, ["actors", "resolve", "--input", str(f)])
    assert res.exit_code == 1
    assert [json.loads(x)["id"] for x in res.stdout.splitlines()] == ["a", "f"]
    err = res.stderr.splitlines()
    assert len(err) == 4
    for n, line in zip((2, 3, 4, 5), err):
        assert line.startswith(f"{f}:{n}:"), line
    assert "malformed JSON" in err[0]

    res = runner.invoke(main, ["actors", "resolve", "--input", "-"], input='{"id": 1, "text": "the Kremlin"}\n')
    assert res.exit_code == 0
    assert json.loads(res.stdout)["country"] == "RUS"


def test_overlay_options_fail_clearly_without_overlay_module(runner, tmp_path, monkeypatch):
    import sys

    f = tmp_path / "extra.tsv"
    f.write_text("name\tcode\n")
    monkeypatch.setitem(sys.modules, "dyads.actors.overlay", None)     # as if not written yet
    res = runner.invoke(main, ["actors", "resolve", "police", "--actors", str(f)])
    assert res.exit_code == 1
    assert "dyads.actors.overlay" in res.stderr


def test_resolve_many_library():
    rows = [{"id": 1, "text": "Iranian officials"}, {"text": ""}, {"id": 3, "text": "police", "context": "in Lima"}]
    errors = []
    out = list(resolve_many(rows, on_error=lambda i, e: errors.append(i)))
    assert [o["id"] for o in out] == [1, 3]
    assert errors == [1]
    assert (out[0]["country"], out[0]["sector"]) == ("IRN", "GOV")
    assert out[1]["country"] == "PER" and out[1]["country_inferred"]
    with pytest.raises(ValueError):
        list(resolve_many([{"id": 1}]))
    assert context_codes("Talks in Ankara with Greek and Turkish officials") == ["TUR", "GRC"]
    assert context_codes(["USA", "Mexican"]) == ["USA", "MEX"]
