"""The one registry of output formats: every format dyads writes, what it writes, and where.

`dyads extract`, `dyads batch`, `dyads export`, `dyads events`, `dyads watchlist test` and the
REST API take their `--format` choices, their defaults, their help text and their validation
from here, so a format is added (or documented) in one place:

    >>> from dyads import formats
    >>> formats.choices("export")
    ('jsonl', 'csv', 'tsv', 'parquet')
    >>> formats.get("batch", "csv")
    Traceback (most recent call last):
    ...
    dyads.formats.UnknownFormat: unknown format 'csv' for batch: use one of jsonl, parquet

Each `Format` names what it writes (`events`, one record per event; `documents`, one record
per document with its events; or `table`, a table for people to read), its encoding (`jsonl`,
`json`, `csv`, `tsv`, `parquet` or `text`), the column sets it takes (`plover`, `polecat`,
`gdelt`: `COLUMN_SETS`) and, per command that offers it, one line saying what it writes there.
The event fields themselves are documented once, in docs/output.md.

A neutral module: it imports nothing from dyads.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

# the commands that write formats; "api" is GET /api/events (its `format` query parameter)
COMMANDS = ("extract", "batch", "export", "events", "watchlist", "api", "dyad", "actors")   # "actors": `dyads actors top`
WRITES = ("events", "documents", "table")
ENCODINGS = ("jsonl", "json", "csv", "tsv", "parquet", "text")


class UnknownFormat(ValueError):
    """A format (or column set) that the command does not offer."""


@dataclass(frozen=True)
class ColumnSet:
    """The columns of an event table: `plover` keeps the PLOVER record's field names."""

    name: str
    help: str


COLUMN_SETS: Mapping[str, ColumnSet] = MappingProxyType({c.name: c for c in (
    ColumnSet("plover", "PLOVER field names (docs/output.md); in JSON lines the whole stored record, in tables "
                        "its top-level fields with lists and objects as JSON text"),
    ColumnSet("polecat", "a flat table in the manner of POLECAT: one row per event, names, codes and sectors "
                         "';'-joined, place, source and cluster counts"),
    ColumnSet("gdelt", "GDELT 2.0 event columns dyads can fill, under GDELT's names (numeric GLOBALEVENTID; "
                       "SQLDATE only for day-precise dates)"),
)})


@dataclass(frozen=True)
class Format:
    """One output format. `offered` maps each command that offers it to what it writes there."""

    name: str
    writes: str                                  # events | documents | table
    encoding: str                                # jsonl | json | csv | tsv | parquet | text
    offered: Mapping[str, str]
    columns: tuple[str, ...] = ()                # column sets it takes (dyads export)
    binary: bool = False                         # written as bytes (needs a file, not a terminal)
    default_columns: str | None = None

    def __post_init__(self) -> None:
        assert self.writes in WRITES and self.encoding in ENCODINGS, self
        assert set(self.offered) <= set(COMMANDS) and set(self.columns) <= set(COLUMN_SETS), self


def _f(name: str, writes: str, encoding: str, offered: dict[str, str], **kw) -> Format:
    return Format(name, writes, encoding, MappingProxyType(offered), **kw)


_TABLES = tuple(COLUMN_SETS)

# the registry, in the order the commands list their choices
FORMATS: tuple[Format, ...] = (
    _f("jsonl", "events", "jsonl", {
        "extract": "one PLOVER event record per line",
        "batch": "one PLOVER event record per line, as `extract --format jsonl`",
        "export": "one event per line: the stored PLOVER record (columns plover) or a flat row",
        "events": "one stored event row per line (store field names)",
        "watchlist": "one matching event row per line, with its rule",
    }, columns=_TABLES, default_columns="plover"),
    _f("documents", "documents", "jsonl", {
        "extract": "one JSON line per document with its events (and its mentions with --include mentions)",
    }),
    _f("table", "table", "text", {
        "extract": "a readable table of events per document",
        "events": "a readable table of the stored events",
        "watchlist": "a readable list of the events each rule matches",
        "dyad": "the summary as a table, and with --by one row per period, split by quad class",
        "actors": "a table of the actors with their events and share",
    }),
    _f("csv", "events", "csv", {
        "export": "comma-separated, one row per event (columns polecat unless --columns)",
        "api": "comma-separated rows of the page's events (store field names, lists ';'-joined)",
        "dyad": "the series with --by, one period per row (else the summary's measures), with a header row",
        "actors": "one actor per row, with a header row",
    }, columns=_TABLES, default_columns="polecat"),
    _f("tsv", "events", "tsv", {
        "export": "tab-separated, one row per event (columns polecat unless --columns)",
    }, columns=_TABLES, default_columns="polecat"),
    _f("parquet", "events", "parquet", {
        "batch": "a Parquet dataset partitioned by publication month: flat columns plus the PLOVER record",
        "export": "one Parquet file, one row per event (columns polecat unless --columns)",
    }, columns=_TABLES, binary=True, default_columns="polecat"),
    _f("json", "events", "json", {
        "api": "a JSON object with the page's events (store field names) and the next cursor",
        "dyad": "the whole summary as one JSON object (--json is the same)",
        "actors": "one JSON object per actor per line",
    }),
)
BY_NAME: Mapping[str, Format] = MappingProxyType({f.name: f for f in FORMATS})

# each command's default format
DEFAULTS: Mapping[str, str] = MappingProxyType({"extract": "jsonl", "batch": "parquet", "export": "jsonl",
                                                "events": "table", "watchlist": "table", "api": "json",
                                                "dyad": "table", "actors": "table"})


def _command(command: str) -> str:
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}: formats are registered for {', '.join(COMMANDS)}")
    return command


def formats_of(command: str) -> tuple[Format, ...]:
    """The formats `command` offers, in the order it lists them."""
    return tuple(f for f in FORMATS if _command(command) in f.offered)


def choices(command: str) -> tuple[str, ...]:
    """The names of the formats `command` offers (the CLI's `click.Choice`)."""
    return tuple(f.name for f in formats_of(command))


def default(command: str) -> str:
    """The format `command` writes when none is given."""
    return DEFAULTS[_command(command)]


def get(command: str, name: str) -> Format:
    """The format `name` of `command` (case-insensitive), or UnknownFormat naming the choices."""
    fmt = BY_NAME.get((name or "").lower())
    if fmt is None or _command(command) not in fmt.offered:
        raise UnknownFormat(f"unknown format {name!r} for {command}: use one of {', '.join(choices(command))}")
    return fmt


def columns_for(command: str, name: str, columns: str | None = None) -> str | None:
    """The column set `command` writes format `name` with: `columns` checked against what the
    format takes, or the format's default. Only `export` chooses columns (elsewhere: None).
    UnknownFormat for a set the format does not take."""
    fmt = get(command, name)
    if command != "export":
        if columns is not None:
            raise UnknownFormat(f"{command} writes fixed columns: no column set can be chosen")
        return None
    if columns is None:
        return fmt.default_columns
    if columns not in fmt.columns:
        known = ", ".join(fmt.columns) or "none"
        raise UnknownFormat(f"unknown column set {columns!r} for {fmt.name}: use one of {known}")
    return columns


def help_text(command: str) -> str:
    """What each of `command`'s formats writes, for the `--format` option's help."""
    return "; ".join(f"{f.name}: {f.offered[command]}" for f in formats_of(command)) + "."


def column_help() -> str:
    """What each column set is, for the `--columns` option's help."""
    return "; ".join(f"{c.name}: {c.help}" for c in COLUMN_SETS.values()) + "."
