"""What the command line prints for people: tables that fit the terminal, notes on capped
lists, and progress bars on stderr. The CLI's commands call these; nothing here reads a store.

    >>> capped_note(50, 1234, "--limit")
    'showing 50 of 1,234 (use --limit N for more, --limit 0 for all)'
"""
from __future__ import annotations

import csv
import io
import json
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

QUAD_NAMES = {1: "verbal coop.", 2: "material coop.", 3: "verbal confl.", 4: "material confl."}


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, wrap: Sequence[str] = (),
          title: str | None = None):
    """A rich Table with a header; the `wrap` columns (a sentence, names) take the width left and
    wrap within it, the others keep their words whole, so the table fits the terminal instead of
    eliding every cell."""
    from rich import box
    from rich.table import Table

    # light rules and one space of padding: at 80 columns every character goes to the cells
    t = Table(title=title, expand=False, box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True)
    for i, name in enumerate(columns):
        if name in wrap:
            # the first wrapped column (the sentence) gets the most room
            t.add_column(name, ratio=3 if name == wrap[0] else 1, min_width=20 if name == wrap[0] else 6,
                         overflow="fold")
        else:
            t.add_column(name, no_wrap=True)
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    return t


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, wrap: Sequence[str] = (),
                title: str | None = None, stream=None) -> None:
    from rich.console import Console

    console = Console(file=stream or sys.stdout)
    console.print(table(columns, rows, wrap=wrap, title=title))


def write_rows(fmt: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], stream=None,
               *, wrap: Sequence[str] = (), title: str | None = None) -> None:
    """Rows as a table (people), JSON lines or CSV with a header (machines)."""
    out = stream or sys.stdout
    if fmt == "json":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
        out.write(buf.getvalue())
    else:
        print_table(columns, rows, wrap=wrap, title=title, stream=out)


def capped_note(shown: int, total: int | None, option: str = "--limit") -> str | None:
    """The line that says a list was cut ("showing 50 of 1,234 ..."), or None when it was not."""
    if total is None or total <= shown:
        return None
    return f"showing {shown:,} of {total:,} (use {option} N for more, {option} 0 for all)"


def dyad_series_rows(summary: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """`dyad(..., by=...)`'s series as columns and rows: one period per row, its events and
    their split by quad class."""
    columns = [summary.get("by") or "period", "events", *(QUAD_NAMES[q] for q in sorted(QUAD_NAMES))]
    rows = []
    for entry in summary.get("series") or []:
        quads = entry.get("quad_code") or {}
        rows.append([entry["period"], entry["n_events"],
                     *(quads.get(q, quads.get(str(q), 0)) for q in sorted(QUAD_NAMES))])
    return columns, rows


def dyad_summary_rows(summary: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The summary as (measure, value) rows: totals, each direction, each event type."""
    rows: list[list[Any]] = [["events", summary.get("n_events", 0)]]
    for direction, part in (summary.get("directions") or {}).items():
        if part.get("n_events"):
            rows.append([f"events {direction}", part["n_events"]])
    for event, part in (summary.get("events") or {}).items():
        rows.append([f"  {event}", part["n_events"] if isinstance(part, dict) else part])
    for q, n in (summary.get("quad_code") or {}).items():
        if n:
            rows.append([f"  quad {q} ({QUAD_NAMES.get(int(q), q)})", n])
    for key in ("mean_event_scale", "mean_goldstein"):
        if summary.get(key) is not None:
            rows.append([key.replace("_", " "), f"{summary[key]:.2f}"])
    for key in ("first", "last"):
        ev = summary.get(key)
        if ev:
            rows.append([f"{key} event", f"{ev.get('date') or ''} {ev.get('event')} {ev.get('direction') or ''}: "
                                         f"{' '.join((ev.get('sentence') or '').split())}"])
    return ["measure", "value"], rows


@contextmanager
def progress(label: str, total: int | None, *, show: bool, unit: str = "documents") -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr while the block runs, when `show` (a terminal, not --quiet);
    yields `advance(n)`. Without a terminal it prints nothing and `advance` does nothing."""
    if not show:
        yield lambda n=1: None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    bar = Progress(TextColumn(label), BarColumn(bar_width=None),
                   TextColumn("{task.completed}" + ("/{task.total}" if total else "") + f" {unit}, "
                              "{task.fields[rate]:.1f}/s"),
                   TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task(label, total=total, rate=0.0)
    start = time.perf_counter()
    done = 0

    def advance(n: int = 1) -> None:
        nonlocal done
        done += n
        elapsed = time.perf_counter() - start
        bar.update(task, completed=done, rate=done / elapsed if elapsed else 0.0)

    bar.start()
    try:
        yield advance
    finally:
        bar.stop()
