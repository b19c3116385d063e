"""The `dyads` command: a thin shell over the library functions of the same names.

Exit codes: 0 every input was coded; 1 some inputs were skipped (each named on
stderr with its reason) or none could be coded; 2 usage error (bad option,
unknown format).
"""
from __future__ import annotations

import sys

import click

from dyads import formats
from dyads.events import BRIEF_MIN_CONFIDENCE, DEFAULT_MIN_CONFIDENCE, STORY_SENTENCES

CONFIDENCE_DEFAULT = (f"(default: {DEFAULT_MIN_CONFIDENCE} in texts of {STORY_SENTENCES} or more sentences, "
                      f"{BRIEF_MIN_CONFIDENCE} in shorter ones under a business headline, none in other "
                      "short texts; see docs/evaluation.md)")


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def _format_option(command: str):
    """`--format`, its choices, default and help (what each choice writes) from dyads.formats."""
    return click.option("--format", "fmt", type=click.Choice(formats.choices(command)),
                        default=formats.default(command), show_default=True, help=formats.help_text(command))


@click.group()
@click.version_option(package_name="dyads")
def main() -> None:
    """dyads: turn news into PLOVER political event data."""


def _show_progress_of_long_documents() -> None:
    """Print the pipeline's line per coded part of a long document (dyads.chunks) on stderr."""
    import logging

    from dyads.chunks import log as parts_log

    if not parts_log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("dyads: %(message)s"))
        parts_log.addHandler(handler)
        parts_log.setLevel(logging.INFO)
        parts_log.propagate = False


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date", default=None, help="Publication date (ISO) for inputs that carry none.")
@_format_option("extract")
@click.option("--include", "include", multiple=True, type=click.Choice(["mentions", "aux", "nonpolitical"]),
              help="mentions: every actor, date and place mention (documents format); aux: also negated, "
                   "future, hypothetical and historical events; nonpolitical: also events with no political "
                   "actor or a non-political reading (flagged with the reason). Repeatable.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Write only events at least this likely to be right (the confidence is a calibrated probability) "
                   f"{CONFIDENCE_DEFAULT}; 0 writes every event found.")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes coding in parallel (each loads the model: about 400 MB).")
@click.option("--max-chars", default=2_000_000, show_default=True, type=click.IntRange(1),
              help="Skip documents longer than this many characters (reported, the others go on). Any size "
                   "is accepted: a document over 100,000 characters is coded in paragraph-aligned parts, "
                   "with a progress line per part, so memory stays that of one part.")
@click.option("--quiet", is_flag=True, help="Do not print the summary line or the progress of long documents.")
@click.option("--actors", "overlays", multiple=True, type=click.Path(dir_okay=False),
              help="YAML actor overlay that adds or overrides knowledge-base entries (repeatable).")
@click.option("--petrarch", "dictionaries", multiple=True, type=click.Path(dir_okay=False),
              help="PETRARCH/Phoenix actor or agent dictionary to import (repeatable).")
def extract(paths: tuple[str, ...], date: str | None, fmt: str, include: tuple[str, ...], min_confidence: float | None,
            processes: int,
            max_chars: int, quiet: bool, overlays: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()) -> None:
    """Code articles from PATHS (files, folders, JSON lines, .gz, HTML, or - for stdin)."""
    from dyads.output import write_table
    from dyads.pipeline import extract_many
    from dyads.readers import ReadReport, normalize_date, read_documents

    if date is not None:
        try:
            date = normalize_date(date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date")
    if "mentions" in include and fmt != "documents":
        raise click.UsageError("--include mentions needs --format documents (only the documents format "
                               "has room for every mention)")
    report = ReadReport()
    docs = read_documents(paths, default_date=date, max_chars=max_chars, report=report,
                          on_error=lambda e: _err(f"skipped {e}"), on_warning=lambda w: _err(f"warning {w}"))
    if not quiet:
        _show_progress_of_long_documents()
    coded = 0
    failed = 0
    kept = tuple(x for x in include if x != "mentions")

    def counted():
        nonlocal coded, failed
        # entities outside event sentences are only needed when mentions are printed
        if overlays or dictionaries:
            # a custom knowledge base: one pipeline in this process
            from dyads.actors.overlay import build_resolver
            from dyads.pipeline import Pipeline

            if processes > 1:
                raise click.UsageError("--actors/--petrarch work with --processes 1")
            try:
                resolver = build_resolver(overlays=overlays, petrarch=dictionaries)
            except (OSError, ValueError) as exc:
                raise click.UsageError(f"cannot load actor data: {exc}")
            stream = Pipeline(resolver=resolver, all_mentions="mentions" in include, include=kept,
                              min_confidence=min_confidence).process(docs)
        else:
            stream = extract_many(docs, processes=processes, mentions="mentions" in include, include=kept,
                                  min_confidence=min_confidence)
        for d in stream:
            if d.error is not None:
                _err(f"{d.source_name or d.id}: {d.error}")
                failed += 1
            coded += 1
            yield d

    from dyads.terminal import progress

    out = sys.stdout
    events = 0
    # a bar on stderr for many inputs, when stderr is a terminal that the output does not go to
    show = not quiet and sys.stderr.isatty() and not sys.stdout.isatty()
    total = _count_inputs(paths) if show else None
    show = show and (total is None or total > 1)
    with progress("extract", total, show=show) as advance:
        def advanced():
            for d in counted():
                advance(1)
                yield d

        if fmt == "table":
            events = write_table(advanced(), out)
        else:
            events = _write_documents(advanced(), fmt, "mentions" in include, out)
    out.flush()
    skipped = len(report.errors)
    if not quiet:
        _err(f"coded {coded} document(s), {events} event(s); skipped {skipped} input(s)"
             + (f"; {failed} failed while coding" if failed else ""))
    if skipped or failed or coded == 0:
        sys.exit(1)


def _write_documents(docs, fmt: str, mentions: bool, out) -> int:
    """Write coded documents as event lines or document lines; returns the events written."""
    from dyads.output import document_line, event_lines

    events = 0
    for d in docs:
        if fmt == "jsonl":
            for line in event_lines(d):
                out.write(line + "\n")
                events += 1
        else:
            out.write(document_line(d, include_mentions=mentions) + "\n")
            events += len(d.events)
    return events


@main.command()
@click.argument("kind", type=click.Choice(["events", "actors", "dates", "places", "articles"]))
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes coding in parallel (each loads the model: about 400 MB).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--corpus", type=click.Path(dir_okay=False, exists=True), default=None,
              help="articles: JSON lines (.gz too) with the texts of annotation rows that carry only an id.")
@click.option("--split", default=None, help="articles: score only rows with this \"split\" (dev, test).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="articles: score only system events at least this confident (default: what extract writes).")
@click.option("--details", "details", type=click.Path(dir_okay=False), default=None,
              help="articles: write each story's missed gold events and unmatched system events here (JSON lines).")
@click.option("--date", default=None,
              help="actors: the date of rows that carry none (default: today, as for any undated phrase).")
def evaluate(kind: str, gold: str, processes: int, as_json: bool, corpus: str | None, split: str | None,
             min_confidence: float | None, details: str | None, date: str | None) -> None:
    """Score dyads on an annotated GOLD file (formats and rules in docs/evaluation.md)."""
    import json

    from dyads import evaluate as ev

    try:
        if kind == "events":
            scores = ev.evaluate_events(gold, processes=processes)
        elif kind == "actors":
            scores = ev.evaluate_actors(gold, date=date)
        elif kind == "dates":
            scores = ev.evaluate_dates(gold, processes=processes)
        elif kind == "places":
            scores = ev.evaluate_places(gold, processes=processes)
        else:
            from dyads.evaluate_articles import evaluate_articles

            scores = evaluate_articles(gold, corpus=corpus, split=split, processes=processes,
                                       min_confidence=min_confidence)
            if details:
                with open(details, "w", encoding="utf-8") as f:
                    for row in scores.details:
                        f.write(json.dumps(row, ensure_ascii=False) + "\n")
    except (OSError, ValueError) as exc:
        _err(f"{gold}: {exc}")
        sys.exit(1)
    click.echo(json.dumps(scores.to_dict(), indent=2) if as_json else scores.format_table())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db", default=None, help="Store: a SQLite file (default ./dyads.db) or postgresql://...")
@click.option("--date", "date", default=None, help="Publication date (ISO) for inputs that carry none.")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes coding in parallel (each loads the model: about 400 MB).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per committed transaction.")
@click.option("--max-chars", default=2_000_000, show_default=True, type=click.IntRange(1),
              help="Skip documents longer than this many characters (reported, the others go on); any size is "
                   "accepted, and a document over 100,000 characters is coded in paragraph-aligned parts.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help=f"Store only events at least this likely to be right {CONFIDENCE_DEFAULT}; 0 stores every event found.")
def ingest(paths: tuple[str, ...], db: str | None, date: str | None, processes: int, batch_size: int,
           max_chars: int, quiet: bool, min_confidence: float | None) -> None:
    """Code the articles of PATHS and store them (idempotent: known articles are not coded again)."""
    from sqlalchemy.exc import OperationalError

    from dyads.readers import normalize_date
    from dyads.store import StoreError
    from dyads.store import ingest as ingest_

    if date is not None:
        try:
            date = normalize_date(date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date")
    from dyads.terminal import progress

    show = not quiet and sys.stdout.isatty()
    with progress("ingest", _count_inputs(paths) if show else None, show=show, unit="articles") as advance:
        done = 0

        def progress_cb(r) -> None:
            nonlocal done
            advance(r.read - done)
            done = r.read

        try:
            report = ingest_(paths, db, processes=processes, batch_size=batch_size, default_date=date,
                             max_chars=max_chars, on_error=lambda m: _err(f"failed {m}"),
                             progress=progress_cb if show else None, min_confidence=min_confidence,
                             on_warning=lambda w: _err(f"warning {w}"))
        except StoreError as exc:
            raise click.BadParameter(str(exc), param_hint="--db")
        except OperationalError as exc:
            raise click.ClickException(f"cannot open the store {_shown(db)}: {str(exc.orig).strip().splitlines()[0]}")
    if not quiet:
        _err(report.summary())
    if report.failed:
        sys.exit(1)


@main.command("batch")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, help="Output folder (a rerun with the same folder resumes).")
@click.option("--scheduler", default=None, help="Address of a Dask scheduler, e.g. tcp://host:8786 "
                                                "(default: a local cluster on this machine's cores).")
@click.option("--workers", default=None, type=click.IntRange(1, 1024),
              help="Worker processes of the local cluster (default: one per core).")
@_format_option("batch")
@click.option("--ingest", "ingest_db", default=None, help="Merge the results into this store at the end.")
@click.option("--partition-size", default=500, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Documents per partition (the unit of work, retry and resume).")
@click.option("--date", "date", default=None, help="Publication date (ISO) for inputs that carry none.")
@click.option("--max-chars", default=2_000_000, show_default=True, type=click.IntRange(1),
              help="Skip documents longer than this many characters (reported, the others go on); any size is "
                   "accepted, and a document over 100,000 characters is coded in paragraph-aligned parts.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help=f"Write only events at least this likely to be right {CONFIDENCE_DEFAULT}; 0 writes every event found.")
def batch_cmd(paths: tuple[str, ...], out: str, scheduler: str | None, workers: int | None, fmt: str,
              ingest_db: str | None, partition_size: int, date: str | None, max_chars: int, quiet: bool,
              min_confidence: float | None) -> None:
    """Code PATHS on a Dask cluster into OUT: Parquet by publication month, or JSON lines."""
    from dyads.batch import BatchError, batch
    from dyads.store import StoreError

    if scheduler and workers:
        _err("note: --workers sizes the local cluster only; the cluster at --scheduler keeps its workers")
    bar = task = None

    def progress(report, part) -> None:
        nonlocal bar, task
        if part is None:
            for message in report.warnings:
                _err(f"warning: {message}")
            if not quiet:
                _err(f"{report.partitions} partition(s) of {report.documents} document(s), "
                     f"{report.resumed} already done; {report.workers} worker(s); "
                     f"Dask dashboard: {report.dashboard or 'not available'}")
            if not quiet and sys.stderr.isatty():
                from rich.console import Console
                from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

                bar = Progress(TextColumn("batch"), BarColumn(bar_width=None),
                               TextColumn("{task.completed}/{task.total} documents, {task.fields[parts]} partitions"),
                               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                               console=Console(stderr=True), transient=True)
                task = bar.add_task("batch", total=report.documents, completed=report.resumed_documents,
                                    parts=f"{report.resumed}/{report.partitions}")
                bar.start()
            return
        if bar is not None:
            bar.update(task, advance=part["documents"], parts=f"{report.resumed + report.done}/{report.partitions}")

    try:
        report = batch(paths, out, scheduler=scheduler, workers=workers, fmt=fmt, ingest=ingest_db,
                       partition_size=partition_size, date=date, max_chars=max_chars, progress=progress,
                       min_confidence=min_confidence)
    except BatchError as exc:
        raise click.ClickException(str(exc))
    except StoreError as exc:
        raise click.BadParameter(str(exc), param_hint="--ingest")
    finally:
        if bar is not None:
            bar.stop()
    for message in report.plan_errors:
        _err(f"skipped {message}")
    if not quiet:
        _err(report.summary() + f"; output in {report.out}")
        if report.errors:
            _err(f"{report.errors} input(s) or document(s) skipped: see {report.out}/errors/")
        if report.ingest is not None:
            _err("ingest: stored {stored}, replaced {replaced}, unchanged {unchanged}, failed {failed}; "
                 "{events} event(s)".format(**report.ingest))
    if report.failed:
        for message in report.failed:
            _err(f"failed partition {message} (run the same command again to retry)")
        sys.exit(1)
    if report.errors or report.plan_errors:
        sys.exit(1)


def _checked(check: str, name: str):
    """A click callback running `dyads.validation.<check>`, the API's own check, so both refuse the
    same values with the same reason."""
    def callback(ctx: click.Context, param: click.Parameter, value):
        from dyads import validation

        try:
            out = getattr(validation, check)(value, name)
        except validation.InvalidValue as exc:
            raise click.BadParameter(exc.reason, ctx=ctx, param=param) from None
        return tuple(out or ()) if isinstance(value, tuple) else out
    return callback


def _filter_options(f):
    """The event filters shared by `events`, `dyad`, `actors top` and `export`."""
    opts = [
        click.option("--db", "db", default=None, help="Store (default ./dyads.db) or postgresql://..."),
        click.option("--actor", default=None, callback=_checked("participant", "actor"),
                     help="Actor: country code (TUR), sector (GOV), TURGOV or a name."),
        click.option("--recipient", default=None, callback=_checked("participant", "recipient"),
                     help="Recipient, as --actor."),
        click.option("--either", "either_side", default=None, callback=_checked("participant", "either"),
                     help="Actor or recipient, as --actor."),
        click.option("--event", "event", multiple=True, callback=_checked("event_types", "event"),
                     help="PLOVER event type (repeatable)."),
        click.option("--mode", multiple=True, callback=_checked("modes", "mode"), help="PLOVER mode (repeatable)."),
        click.option("--context", default=None, callback=_checked("context", "context"), help="PLOVER context."),
        click.option("--quad-code", "--quad", "quad_code", multiple=True, type=click.IntRange(1, 4),
                     help="Quad code 1-4 (repeatable): 1 verbal cooperation, 2 material cooperation, 3 verbal "
                          "conflict, 4 material conflict. --quad is its old name."),
        click.option("--from", "date_from", default=None, callback=_checked("timex", "from"),
                     help="From this date (2023, 2023-02, 2023-W08, 2023-02-25)."),
        click.option("--to", "date_to", default=None, callback=_checked("timex", "to"),
                     help="Up to this date, inclusive."),
        click.option("--place", default=None, help="Place name (substring)."),
        click.option("--place-country", default=None, callback=_checked("country_code", "place_country"),
                     help="Country code of the event's place."),
        click.option("--min-sources", type=click.IntRange(1), default=None, help="Clusters with this many sources."),
        click.option("--text", default=None, help="Full-text search over event sentences."),
        click.option("--all", "include_aux", is_flag=True, help="Also negated, future and hypothetical reports."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                     help="Only events at least this confident (docs/evaluation.md says what it means)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _event_filter(kw: dict, limit: int | None = None, offset: int | None = None):
    from dyads.store.query import EventFilter

    fields = ("actor", "recipient", "either_side", "event", "mode", "context", "quad_code", "date_from",
              "date_to", "place", "place_country", "min_sources", "text", "include_aux", "min_confidence")
    args = {k: kw.pop(k) for k in fields if k in kw}
    for k in ("event", "mode", "quad_code"):
        args[k] = list(args[k]) or None
    return EventFilter(**args, limit=limit, offset=offset)


def _shown(db: str | None) -> str:
    """A store URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(db).render_as_string(hide_password=True) if db and "://" in db else (db or "dyads.db")
    except Exception:       # an unparsable URL is reported by the store itself
        return "the given store"


def _open(db: str | None, *, create: bool = False):
    """The store for a command; readers (the default) refuse a store that is not there."""
    from sqlalchemy.exc import OperationalError

    from dyads.store import StoreError, open_store

    try:
        return open_store(db, create=create)
    except StoreError as exc:
        raise click.BadParameter(str(exc), param_hint="--db")
    except OperationalError as exc:     # unreachable server, unwritable file: one line, not a traceback
        raise click.ClickException(f"cannot open the store {_shown(db)}: {str(exc.orig).strip().splitlines()[0]}")


@main.command("events")
@_filter_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0), help="Rows (0 = all).")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many rows first (paging).")
@_format_option("events")
def events_cmd(limit: int, offset: int, fmt: str, **kw) -> None:
    """List stored events matching the filters, in date order."""
    import json

    from dyads.store.query import events

    db = kw.pop("db")
    flt = _event_filter(kw, limit or None, offset or None)
    store = _open(db)
    try:
        rows = events(store, flt)
        if fmt == "jsonl":
            for r in rows:
                click.echo(json.dumps(r, ensure_ascii=False, default=str))
            return
        from dyads.store.query import count_events
        from dyads.terminal import capped_note, print_table

        rows = list(rows)
        total = count_events(store, flt) if limit and len(rows) == limit else None
        print_table(["date", "event", "actor", "recipient", "place", "src", "sentence"],
                    [[r.get("date") or "",
                      " ".join(x for x in (r["event"], r.get("mode"), f"[{r['aux_mode']}]" if r.get("aux_mode") else None) if x),
                      (r.get("actor_codes") or "").replace("|", " "), (r.get("recipient_codes") or "").replace("|", " "),
                      r.get("place_name") or "", r.get("n_sources") or "", " ".join((r.get("sentence") or "").split())]
                     for r in rows], wrap=["sentence", "event", "actor", "recipient", "place"])
        if total is not None and total > offset + len(rows):
            _err(capped_note(len(rows), total) + (f", from row {offset + 1}" if offset else ""))
    finally:
        store.close()


@main.command("dyad")
@click.argument("a", callback=_checked("dyad_code", "a"))
@click.argument("b", callback=_checked("dyad_code", "b"))
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default=None,
              help="Also counts per period.")
@_format_option("dyad")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@_filter_options
def dyad_cmd(a: str, b: str, by: str | None, fmt: str, as_json: bool, **kw) -> None:
    """Summarize everything between two countries A and B (codes such as TUR AZE)."""
    import json

    from dyads.store.query import dyad

    db = kw.pop("db")
    flt = _event_filter(kw)
    store = _open(db)
    try:
        summary = dyad(store, a.upper(), b.upper(), by=by, flt=flt)
    finally:
        store.close()
    from dyads.terminal import dyad_series_rows, dyad_summary_rows, print_table, write_rows

    if as_json or fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        columns, rows = dyad_series_rows(summary) if by else dyad_summary_rows(summary)
        write_rows("csv", columns, rows)
        return
    columns, rows = dyad_summary_rows(summary)
    print_table(columns, rows, wrap=["value"], title=f"{a.upper()}–{b.upper()}")
    if by:
        columns, rows = dyad_series_rows(summary)
        print_table(columns, rows, title=f"{a.upper()}–{b.upper()} by {by}")


@main.command("export")
@_filter_options
@_format_option("export")
@click.option("--columns", type=click.Choice(tuple(formats.COLUMN_SETS)), default=None,
              help="Column set (default plover for jsonl, polecat for tables): " + formats.column_help())
@click.option("--output", "-o", "output", default="-", show_default=True, help="File to write (- = stdout).")
def export_cmd(fmt: str, columns: str | None, output: str, **kw) -> None:
    """Export the stored events matching the filters, streaming."""
    from dyads.store.export import export

    db = kw.pop("db")
    flt = _event_filter(kw)
    binary = formats.get("export", fmt).binary
    if binary and output == "-":
        raise click.UsageError(f"{fmt} needs --output FILE")
    try:
        formats.columns_for("export", fmt, columns)
    except formats.UnknownFormat as exc:
        raise click.BadParameter(str(exc), param_hint="--columns")
    store = _open(db)
    try:
        out = (sys.stdout.buffer if binary else sys.stdout) if output == "-" else output
        n = export(store, out, fmt, flt, columns=columns)
    finally:
        store.close()
    _err(f"exported {n} event(s)")


def _count_inputs(paths: tuple[str, ...]) -> int | None:
    """How many documents the inputs hold, when a cheap count can tell (for the progress bar's
    ETA): JSON lines count their non-blank lines, folders their files; stdin makes it unknown."""
    import gzip
    import os

    total = 0
    for p in paths:
        if p == "-":
            return None
        files = [os.path.join(d, f) for d, _, fs in os.walk(p) for f in fs if not f.startswith(".")] \
            if os.path.isdir(p) else [p]
        for f in files:
            base = f[:-3] if f.endswith(".gz") else f
            if base.endswith((".jsonl", ".ndjson")):
                try:
                    with (gzip.open(f, "rt", encoding="utf-8", errors="replace") if f.endswith(".gz")
                          else open(f, encoding="utf-8", errors="replace")) as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


@main.group()
def actors() -> None:
    """Look up actors in the knowledge base."""


def _actor_resolver(overlays: tuple[str, ...], petrarch: tuple[str, ...]):
    if not overlays and not petrarch:
        from dyads.actors.resolver import default_resolver

        return default_resolver()
    try:
        from dyads.actors.overlay import build_resolver
    except ImportError as exc:
        raise click.ClickException(
            f"--actors/--petrarch need dyads.actors.overlay, which is not available: {exc}")
    try:
        return build_resolver(overlays=overlays, petrarch=petrarch)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot load actor overlay: {exc}")


@actors.command("resolve")
@click.argument("text", required=False)
@click.option("--date", "date", default=None, help="Event date (ISO); default today.")
@click.option("--context", "context", multiple=True,
              help="Context: a country code (TUR) or text naming countries; repeatable.")
@click.option("--input", "input_path", default=None, type=click.Path(dir_okay=False, allow_dash=True),
              help='JSON lines {"id","text","context","date"} (- for stdin); one JSON line out per input.')
@click.option("--actors", "overlays", multiple=True, type=click.Path(dir_okay=False),
              help="Actor overlay table (repeatable).")
@click.option("--petrarch", "petrarch", multiple=True, type=click.Path(dir_okay=False),
              help="PETRARCH actor dictionary (repeatable).")
def actors_resolve(text: str | None, date: str | None, context: tuple[str, ...], input_path: str | None,
                   overlays: tuple[str, ...], petrarch: tuple[str, ...]) -> None:
    """Resolve an actor phrase TEXT (or every line of --input) to a PLOVER country and sector."""
    import json

    from dyads.actors.batch import resolve_many, resolve_one

    if (text is None) == (input_path is None):
        raise click.UsageError("give either TEXT or --input FILE, not both")
    if date is not None:
        from dyads.readers import normalize_date

        try:
            date = normalize_date(date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date")
    resolver = _actor_resolver(overlays, petrarch)
    if text is not None:
        click.echo(json.dumps(resolve_one(text, date, list(context), resolver), ensure_ascii=False))
        return

    name = "<stdin>" if input_path == "-" else input_path
    linenos: list[int] = []
    skipped = 0

    def rows(fh):
        nonlocal skipped
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                _err(f"{name}:{n}: skipped: malformed JSON ({exc})")
                skipped += 1
                continue
            if isinstance(row, dict) and date is not None and not row.get("date"):
                row["date"] = date
            if isinstance(row, dict) and context and row.get("context") in (None, ""):
                row["context"] = list(context)
            linenos.append(n)
            yield row

    def bad(i: int, exc: Exception) -> None:
        nonlocal skipped
        _err(f"{name}:{linenos[i]}: skipped: {exc}")
        skipped += 1

    try:
        with click.open_file(input_path, "r", encoding="utf-8") as fh:
            for out in resolve_many(rows(fh), resolver, on_error=bad):
                click.echo(json.dumps(out, ensure_ascii=False))
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"{name}: {exc}")
        sys.exit(1)
    if skipped:
        sys.exit(1)


@actors.command("top")
@click.option("--role", type=click.Choice(["actor", "recipient"]), default=None, help="Default: either.")
@click.option("--by", type=click.Choice(["code", "name"]), default="code", show_default=True,
              help="code: count by country or pseudo-country code; name: by the actor's own name.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="How many actors to list.")
@_format_option("actors")
@_filter_options
def actors_top(role: str | None, by: str, limit: int, fmt: str, **kw) -> None:
    """The actors in the most stored events matching the filters."""
    from dyads.store.query import top_actors

    db = kw.pop("db")
    flt = _event_filter(kw)
    store = _open(db)
    try:
        rows = top_actors(store, role=role, by=by, limit=limit, flt=flt)
    finally:
        store.close()
    from dyads.terminal import write_rows

    columns = list(rows[0].keys()) if rows else ["actor", "n_events"]
    write_rows(fmt, columns, [list(r.values()) for r in rows], wrap=[c for c in columns if "name" in c])


@main.command("serve")
@click.option("--db", "db", default=None, help="Store (default ./dyads.db) or postgresql://...")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0: all).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve_cmd(db: str | None, host: str, port: int) -> None:
    """Serve the web dashboard and the REST API over a store (docs at /docs).

    POST /api/articles needs a bearer token: set DYADS_API_TOKEN (an environment variable, so
    that the token never shows in the process list); without it, writing is disabled."""
    from dyads.web.serve import serve

    _open(db).close()       # a bad --db is one line here, not a traceback inside the server
    serve(db, host=host, port=port)


@main.command("watch")
@click.option("--feeds", "feeds", required=True, type=click.Path(dir_okay=False),
              help="feeds.yaml: the feeds to poll, fetch policy, rule files and webhook (docs/watch.md).")
@click.option("--db", "db", default=None, help="Store (default ./dyads.db) or postgresql://...")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              help="Watchlist rule file, in addition to those feeds.yaml names (repeatable).")
@click.option("--webhook", default=None, help="POST alerts to this URL (default: feeds.yaml's webhook).")
@click.option("--once", is_flag=True, help="Poll every feed once, alert, deliver, and exit.")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Logs on stderr: text, or JSON lines (alerts on stdout become JSON lines too).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="info",
              show_default=True, help="The least severe log messages shown on stderr.")
def watch_cmd(feeds: str, db: str | None, rules: tuple[str, ...], webhook: str | None, once: bool,
              log_format: str, log_level: str) -> None:
    """Poll RSS/Atom feeds, code and store new articles, and alert on watchlist rules (until SIGTERM)."""
    import json

    from dyads.watch import ConfigError, load_feeds, load_rules, setup_logging, watch
    from dyads.watch.alerts import format_alert
    from dyads.watch.config import check_url

    setup_logging(log_format, log_level.upper())
    if webhook is not None and check_url(webhook):
        raise click.BadParameter(check_url(webhook) or "", param_hint="--webhook")
    try:
        cfg = load_feeds(feeds)
    except ConfigError as exc:
        raise click.ClickException(str(exc))
    if not cfg.feeds:
        for msg in cfg.errors:
            _err(f"skipped {msg}")
        raise click.ClickException(f"{feeds}: no usable feed")
    ruleset = load_rules([*cfg.rule_files, *rules])

    def show(alert) -> None:
        click.echo(json.dumps(alert.payload, ensure_ascii=False) if log_format == "json" else format_alert(alert))

    _open(db, create=True).close()       # a bad --db is one line here, not a traceback
    report = watch(cfg, db, rules=ruleset, once=once, webhook=webhook, on_alert=show)
    if log_format == "text":
        _err(report.summary())
    if once and (report.messages or report.feed_errors or report.failed):
        sys.exit(1)
    if ruleset.errors or cfg.errors:
        sys.exit(1)


@main.group()
def kb() -> None:
    """The actor knowledge base itself."""


@kb.command("check")
@click.option("--date", default=None, help="The day to check (ISO; default today).")
@click.option("--limit", default=0, show_default=True, type=click.IntRange(0),
              help="Lines shown per list (0 = all); the counts are always complete.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 when an office has no holder and no explained gap.")
def kb_check(date: str | None, limit: int, as_json: bool, strict: bool) -> None:
    """Offices of UN member states with no current holder, overlapping terms, terms ending in
    the future and rows without a source (office classes: data/office_classes.yaml)."""
    import json

    from dyads.actors.kbcheck import check, format_report

    rep = check(date)
    if as_json:
        click.echo(json.dumps(rep.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(rep, limit=limit))
    if strict and rep.unexplained:
        sys.exit(1)


@main.group()
def watchlist() -> None:
    """Watchlist rules (the alerts of `dyads watch`)."""


@watchlist.command("test")
@click.argument("rules_file", type=click.Path(dir_okay=False))
@click.option("--db", "db", default=None, help="Store (default ./dyads.db) or postgresql://...")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0),
              help="Events shown per rule (0 = all); the count is always complete.")
@_format_option("watchlist")
def watchlist_test(rules_file: str, db: str | None, limit: int, fmt: str) -> None:
    """Show which stored events each rule of RULES_FILE would have matched."""
    import json

    from dyads.watch import load_rules, test_rules

    ruleset = load_rules(rules_file)
    for msg in ruleset.errors:
        _err(f"skipped {msg}")
    if ruleset.rules:
        store = _open(db)
        try:
            hits = test_rules(ruleset, store)
        finally:
            store.close()
        for rule in ruleset.rules:
            rows = hits[rule.id]
            clusters = {r["cluster_id"] for r in rows if r["cluster_id"] is not None}
            if fmt == "jsonl":
                for r in rows[:limit or None]:
                    click.echo(json.dumps({"rule": rule.id, **r}, ensure_ascii=False, default=str))
                continue
            click.echo(f"{rule.id} ({rule.name}): {len(rows)} event(s) in {len(clusters)} cluster(s)")
            for r in rows[:limit or None]:
                who = (r["actor_codes"] or "?") + (f" -> {r['recipient_codes']}" if r["recipient_codes"] else "")
                click.echo("  " + "\t".join(str(v) for v in (
                    r["day"] or "undated", r["event"], who, f"{r['n_sources'] or 0} source(s)",
                    f"cluster {r['cluster_id']}", (r["sentence"] or "").replace("\n", " ")[:100])))
    if ruleset.errors:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
