"""dyads.terminal: what the command line prints for people and for machines."""
from __future__ import annotations

import io
import json

from rich.console import Console

from dyads.terminal import capped_note, dyad_series_rows, table, write_rows

SENTENCE = ("Chilean police detained fourteen students outside the education ministry in Santiago "
            "after a march against tuition fees turned into a sit-in that lasted until the evening.")


def test_a_capped_list_says_how_many_there_are():
    assert capped_note(50, 1234) == "showing 50 of 1,234 (use --limit N for more, --limit 0 for all)"
    assert capped_note(50, 50) is None and capped_note(7, None) is None


def test_a_table_at_80_columns_wraps_the_sentence_instead_of_eliding_it():
    out = io.StringIO()
    Console(file=out, width=80).print(table(
        ["date", "event", "actor", "recipient", "sentence"],
        [["2025-04-08", "COERCE", "CHL", "CHL", SENTENCE]], wrap=["sentence"]))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in out.getvalue()
    text = " ".join(out.getvalue().split())
    for word in ("Chilean", "tuition", "evening."):
        assert word in text
    assert "date" in lines[1] and "sentence" in lines[1]      # the header


def test_rows_for_machines_have_headers():
    out = io.StringIO()
    write_rows("csv", ["period", "events"], [["2025-03", 4], ["2025-04", 1]], out)
    assert out.getvalue().splitlines() == ["period,events", "2025-03,4", "2025-04,1"]
    out = io.StringIO()
    write_rows("json", ["period", "events"], [["2025-03", 4]], out)
    assert json.loads(out.getvalue()) == {"period": "2025-03", "events": 4}


def test_a_dyad_series_is_one_row_per_period():
    summary = {"by": "month", "series": [
        {"period": "2025-03", "n_events": 3, "quad_code": {1: 2, 2: 0, 3: 1, 4: 0}},
        {"period": "2025-05", "n_events": 1, "quad_code": {1: 0, 2: 0, 3: 0, 4: 1}}]}
    columns, rows = dyad_series_rows(summary)
    assert columns[:2] == ["month", "events"] and len(columns) == 6
    assert rows == [["2025-03", 3, 2, 0, 1, 0], ["2025-05", 1, 0, 0, 0, 1]]


def test_a_progress_bar_only_on_a_terminal(capsys):
    from dyads.terminal import progress

    with progress("extract", 3, show=False) as advance:
        for _ in range(3):
            advance(1)
    assert capsys.readouterr() == ("", "")          # no terminal: not a character printed
    with progress("extract", 3, show=True) as advance:  # a terminal: the bar runs and goes away
        for _ in range(3):
            advance(1)
    assert capsys.readouterr().out == ""            # never on stdout, where the output goes
