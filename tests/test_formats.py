"""The one registry of output formats (dyads.formats): the commands offer what it says, the
way it says, and docs/output.md lists the same formats."""
from __future__ import annotations

import io
import re
from pathlib import Path

import click
import pytest

from dyads import formats
from dyads.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "output.md"
CLI = {"extract": ("extract",), "batch": ("batch",), "export": ("export",), "events": ("events",),
       "watchlist": ("watchlist", "test"), "dyad": ("dyad",), "actors": ("actors", "top")}


def _command(path: tuple[str, ...]) -> click.Command:
    cmd: click.Command = main
    for name in path:
        cmd = cmd.commands[name]        # type: ignore[attr-defined]
    return cmd


def _option(cmd: click.Command, name: str) -> click.Option:
    return next(p for p in cmd.params if isinstance(p, click.Option) and name in p.opts)


@pytest.mark.parametrize("command", sorted(CLI))
def test_cli_choices_are_the_registry(command):
    opt = _option(_command(CLI[command]), "--format")
    assert tuple(opt.type.choices) == formats.choices(command)
    assert opt.default == formats.default(command)
    # the help says what each choice writes
    for fmt in formats.formats_of(command):
        assert f"{fmt.name}: {fmt.offered[command]}" in opt.help


def test_export_column_sets_are_the_registry():
    opt = _option(_command(("export",)), "--columns")
    assert tuple(opt.type.choices) == tuple(formats.COLUMN_SETS)
    assert all(f"{c.name}: " in opt.help for c in formats.COLUMN_SETS.values())


def test_every_format_option_of_the_cli_comes_from_the_registry():
    """No command grows a --format list of its own."""
    def walk(cmd: click.Command, path: tuple[str, ...]):
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                yield from walk(sub, path + (name,))
        else:
            yield path, cmd

    found = {path for path, cmd in walk(main, ()) if any("--format" in getattr(p, "opts", ()) for p in cmd.params)}
    assert found == set(CLI.values())


def test_the_registry_describes_each_format():
    assert {f.name for f in formats.FORMATS} == {"jsonl", "documents", "table", "csv", "tsv", "parquet", "json"}
    for f in formats.FORMATS:
        assert f.writes in formats.WRITES and f.encoding in formats.ENCODINGS and f.offered
        assert all(text.strip() for text in f.offered.values())
    for command in formats.COMMANDS:
        assert formats.default(command) in formats.choices(command)
    assert formats.choices("batch") == ("jsonl", "parquet")
    assert formats.get("export", "PARQUET").binary
    with pytest.raises(formats.UnknownFormat, match="use one of jsonl, csv, tsv, parquet"):
        formats.get("export", "xml")
    with pytest.raises(formats.UnknownFormat):
        formats.get("extract", "parquet")           # a format, but not one extract offers
    with pytest.raises(ValueError):
        formats.choices("serve")
    assert formats.columns_for("export", "jsonl") == "plover" and formats.columns_for("export", "tsv") == "polecat"
    assert formats.columns_for("export", "csv", "gdelt") == "gdelt"
    with pytest.raises(formats.UnknownFormat):
        formats.columns_for("export", "csv", "icews")


def test_library_entry_points_validate_through_the_registry(tmp_path):
    from dyads.batch import BatchError, batch
    from dyads.output import FORMATS
    from dyads.store.export import COLUMN_SETS, export
    from dyads.store.export import FORMATS as EXPORT_FORMATS

    assert FORMATS == formats.choices("extract") and EXPORT_FORMATS == formats.choices("export")
    assert COLUMN_SETS == tuple(formats.COLUMN_SETS)
    with pytest.raises(BatchError, match="unknown format 'csv' for batch: use one of jsonl, parquet"):
        batch([str(tmp_path)], str(tmp_path / "out"), fmt="csv")
    with pytest.raises(ValueError, match="unknown format 'xml' for export"):
        export(f"sqlite:///{tmp_path}/s.db", io.StringIO(), "xml")
    with pytest.raises(ValueError, match="unknown column set 'icews'"):
        export(f"sqlite:///{tmp_path}/s.db", io.StringIO(), "csv", columns="icews")


def test_the_api_offers_the_registry_formats(tmp_path):
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(f"sqlite:///{tmp_path}/api.db")) as c:
        for fmt in formats.choices("api"):
            r = c.get("/api/events", params={"format": fmt})
            assert r.status_code == 200 and (r.headers["content-type"].startswith("text/csv") == (fmt == "csv"))
        bad = c.get("/api/events", params={"format": "parquet"})
        assert bad.status_code == 400 and "use one of csv, json" in bad.json()["detail"]
        spec = c.get("/openapi.json").json()
        param = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "format")
        assert all(f"{f.name}: " in param["description"] for f in formats.formats_of("api"))


def test_docs_list_the_registry():
    """docs/output.md's table of formats: the same formats, what they write, who offers them."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## Formats", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in table.splitlines() if ln.startswith("|")][2:]
    documented = {}
    for name, writes, _encoding, offered in rows:
        commands = {"api" if c.startswith("API") else c.split()[0].strip("`")
                    for c in re.split(r",\s*(?![^()]*\))", offered)}
        documented[name.strip("`")] = (writes, commands)
    assert documented == {f.name: (f.writes, set(f.offered)) for f in formats.FORMATS}
