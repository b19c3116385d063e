"""Querying the event store: filtered event lists, one event in full, dyad summaries and the most
active actors.

    from dyads.store import open_store
    from dyads.store.query import EventFilter, dyad, events, get_event, top_actors

    store = open_store("dyads.db")
    for row in events(store, EventFilter(actor="TUR", event="ASSAULT", date_from="2023", limit=50)):
        print(row["day"], row["event"], row["sentence"])
    event = get_event(store, "44b3a8345d218f93")     # participants, article, mentions, cluster and why
    summary = dyad(store, "TUR", "AZE", by="month")
    top = top_actors(store, role="actor", limit=10)

Rows carry the event fields of the one output schema (docs/output.md): `quad_code` (1-4),
`quad_class` (its name) and `event_scale` (the PLOVER score), as in `dyads extract`.

Every function takes an opened `Store` or a store URL first. The queries are SQLAlchemy Core and
run on SQLite and PostgreSQL alike; the two places where the backends differ (full-text search
and ISO week keys) branch on `store.backend`. Counting and grouping happen in the database, so a
summary over a million events reads only the rows of the dyad: `dyad_events` holds one row per
event and ordered pair of its codes, so a dyad is one index range (migration 0004).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

from sqlalchemy import (and_, Date, Integer, Select, String, case, cast, column, false, func, literal, literal_column, or_,
                        select, table, text)
from sqlalchemy.sql.elements import ColumnElement

from dyads.ontology import QUAD_NAMES
from dyads.sectors import SECTORS
from dyads.text import fold
from dyads.store.db import Store, open_store
from dyads.store.rows import first_day
from dyads.store.cluster import explain
from dyads.store.schema import (actor_counts, articles, cluster_links, clusters, dyad_events, dyad_months, mentions,
                                participants)
from dyads.store.schema import events as ev  # `events` is the function below

ORDERS = ("day", "-day", "id", None)
PERIODS = ("day", "week", "month", "year")
QUADS = (1, 2, 3, 4)

# the quad's name ("verbal cooperation" ...) from its code: the store keeps the code only
QUAD_CLASS = case(QUAD_NAMES, value=ev.c.quad_code, else_=None).label("quad_class")

# the columns `events()` yields, in order (plus the cluster's n_articles and n_sources); the
# event fields have the names and types of the one output schema (docs/output.md)
EVENT_COLUMNS = tuple(QUAD_CLASS if name == "quad_class" else ev.c[name] for name in (
    "id", "article_id", "cluster_id", "event", "mode", "contexts", "aux_mode", "quad_code", "quad_class",
    "cameo", "goldstein", "event_scale", "confidence", "date", "date_precision", "date_source", "day",
    "actor_codes", "recipient_codes", "actor_sectors", "recipient_sectors", "actor_names",
    "recipient_names", "place_name", "lat", "lon", "place_country", "location_source", "sentence"))

_CODE = re.compile(r"[A-Z]{3}")
_CODE_SECTOR = re.compile(r"([A-Z]{3})[/ ]?([A-Z]{3})")     # TURGOV, TUR/GOV, TUR GOV
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class EventFilter:
    """Which events to select. Every field left empty matches everything.

    `actor`, `recipient` and `either_side` take a country or pseudo-country code ("TUR", "IGO"),
    a PLOVER sector ("GOV"), both ("TURGOV", "TUR/GOV"), or else a case-insensitive substring
    of a participant's name ("Erdogan"). `event`, `mode` and `quad_code` (1-4) take one value or
    a list. `date_from`/`date_to` take TIMEX values ("2023-02-25", "2023-W08", "2023-02",
    "2023"), both inclusive, compared on the event's first day. `text` is a full-text search
    over the event sentences: every word must occur (SQLite FTS5 matches words as written;
    PostgreSQL's English configuration also matches other forms of a word). `limit`/`offset`
    page the results of `events()`; the summaries ignore them."""

    actor: str | None = None
    recipient: str | None = None
    either_side: str | None = None
    event: str | Sequence[str] | None = None
    mode: str | Sequence[str] | None = None
    context: str | None = None
    quad_code: int | Sequence[int] | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    place_country: str | None = None
    min_sources: int | None = None
    text: str | None = None
    include_aux: bool = False          # negated, future, hypothetical and historical reports too
    min_confidence: float | None = None    # only events at least this confident
    limit: int | None = None
    offset: int | None = None


@contextmanager
def opened(store: Store | str | None) -> Iterator[Store]:
    """The given store, or a store opened from a URL for the duration of the block."""
    if isinstance(store, Store):
        yield store
        return
    s = open_store(store)
    try:
        yield s
    finally:
        s.close()


def last_day(value: str) -> str:
    """The last day a TIMEX value covers: `2023-02` -> 2023-02-28, `2023-W08` -> 2023-02-26."""
    first = first_day(value)
    if first is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)")
    d = dt.date.fromisoformat(first)
    if _DAY.fullmatch(value):
        return first
    if "W" in value:
        return (d + dt.timedelta(days=6)).isoformat()
    if len(value) == 7:
        return d.replace(day=calendar.monthrange(d.year, d.month)[1]).isoformat()
    return f"{d.year}-12-31"


def _values(value: Any, upper: bool = False) -> list:
    vals = [value] if isinstance(value, (str, int)) else list(value)
    return [v.upper() if upper and isinstance(v, str) else v for v in vals]


@dataclass(frozen=True)
class PageHints:
    """How to filter a page (a few rows in date order) when a filter matches many events: test each
    event met while walking the date index, rather than first listing every match and sorting it.

    A page of "actor TUR" at 10 M events would otherwise list ~300,000 events before reading 50;
    a page of a rare code is the other way round, so the choice is made per filter from cheap
    counts (`page_hints`). Empty hints keep the lists (the right plan for exports and counts)."""

    common_codes: frozenset[tuple[str, str | None]] = frozenset()   # (code, role) of frequent codes
    frequent_text: bool = False                                      # the full-text terms match many


NO_HINTS = PageHints()
COMMON_CODE = 50_000        # events with a code beyond which a page walks the date index
FREQUENT_TEXT = 5_000       # full-text matches beyond which a page walks the date index


def page_hints(store: Store, flt: EventFilter | None) -> PageHints:
    """The `PageHints` of a page of `flt` on SQLite: which of its codes have more than
    COMMON_CODE events (`actor_counts`, one small read) and whether its full-text terms match
    more than FREQUENT_TEXT events (counting stops there). PostgreSQL plans this from its
    statistics: no hints."""
    if flt is None or store.backend != "sqlite":
        return NO_HINTS
    specs = [(spec.strip(), role) for spec, role in ((flt.actor, "actor"), (flt.recipient, "recipient"),
                                                    (flt.either_side, None)) if spec]
    codes = [(spec, role) for spec, role in specs if _CODE.fullmatch(spec) and spec not in SECTORS]
    if not codes and not flt.text:
        return NO_HINTS
    common: set[tuple[str, str | None]] = set()
    frequent = False
    with store.engine.connect() as conn:
        ac = actor_counts.c
        for code, role in codes:
            n = conn.execute(select(func.coalesce(func.sum(ac.n), 0)).where(
                ac.code == code, ac.role == (role or "either"), ac.aux == 0)).scalar_one()
            if n > COMMON_CODE:
                common.add((code, role))
        match = _fts_match(flt.text)
        if match is not None:
            fts = table("events_fts", column("rowid"))
            hits = select(fts.c.rowid).where(match).limit(FREQUENT_TEXT + 1).subquery()
            frequent = conn.execute(select(func.count()).select_from(hits)).scalar_one() > FREQUENT_TEXT
    return PageHints(frozenset(common), frequent)


def _has_participant(spec: str, role: str | None, hints: PageHints = NO_HINTS) -> ColumnElement[bool]:
    """Events with a participant (in `role`, or either side) matching `spec`."""
    p = participants.c
    spec = spec.strip()
    if _CODE.fullmatch(spec) and spec not in SECTORS:
        where = [p.code == spec] + ([p.role == role] if role else [])
        if (spec, role) in hints.common_codes:
            # a frequent code on a page: probe the (code, event_id) index for each event walked
            return select(p.event_id).where(p.event_id == ev.c.id, *where).exists()
        # the (code, role) index finds the few events of a country without reading the others
        return ev.c.id.in_(select(p.event_id).where(*where))
    if _CODE.fullmatch(spec):               # a sector: the events' own sector lists, no join
        cols = [ev.c.actor_sectors, ev.c.recipient_sectors]
        sides = cols[:1] if role == "actor" else cols[1:] if role == "recipient" else cols
        # codes are three letters joined by "|", so a three-letter substring is a whole code
        return or_(*(c.contains(spec) for c in sides))
    m = _CODE_SECTOR.fullmatch(spec)
    if m and m[2] in SECTORS:               # country and sector of the same participant
        where = [p.code == m[1], p.sector == m[2]] + ([p.role == role] if role else [])
        return ev.c.id.in_(select(p.event_id).where(*where))
    # a name: accent- and case-blind ("Erdogan", "ERDOĞAN" and "erdoğan" find "Recep Tayyip Erdoğan")
    cols = [(ev.c.actor_names_folded, ev.c.actor_names), (ev.c.recipient_names_folded, ev.c.recipient_names)]
    sides = cols[:1] if role == "actor" else cols[1:] if role == "recipient" else cols
    return or_(*(name_matches(folded, plain, spec) for folded, plain in sides))


def name_matches(folded: Any, plain: Any, spec: str) -> ColumnElement[bool]:
    """The folded copy contains the folded name; a row written without that copy (by hand, or
    by a loader that skips it) is matched on its names as written, case-blind."""
    return or_(folded.contains(fold(spec), autoescape=True),
               and_(folded.is_(None), plain.icontains(spec, autoescape=True)))


def _fts_match(query: str | None) -> Any:
    """The FTS5 MATCH term of a full-text query, or None when it has no words."""
    words = re.findall(r"\w+", query or "")
    if not words:
        return None
    # each word quoted, so punctuation or words like NOT/OR are not read as query syntax
    return text("events_fts MATCH :fts_query").bindparams(fts_query=" ".join(f'"{w}"' for w in words))


def _fulltext(query: str, backend: str, hints: PageHints = NO_HINTS) -> ColumnElement[bool]:
    words = re.findall(r"\w+", query)
    if not words:
        return false()
    if backend == "postgresql":
        # the very expression of the GIN index (constants inline, not bound) so that it is used
        doc = func.to_tsvector(literal_column("'english'"), func.coalesce(ev.c.sentence, literal_column("''")))
        return doc.op("@@")(func.plainto_tsquery(literal_column("'english'"), " ".join(words)))
    fts = table("events_fts", column("rowid"))
    # frequent terms on a page: "+rowid" keeps SQLite from reading the events by the list of
    # matches (then sorting them all); it walks the date index and looks each event up in the list
    rowid = literal_column("+events.rowid" if hints.frequent_text else "events.rowid")
    return rowid.in_(select(fts.c.rowid).where(_fts_match(query)))


def conditions(flt: EventFilter | None, backend: str, hints: PageHints = NO_HINTS) -> list[ColumnElement[bool]]:
    """The WHERE terms of a filter, over `events` (and `clusters` when `min_sources` is set);
    `hints` (`page_hints`) for a page in date order."""
    f = flt or EventFilter()
    where: list[ColumnElement[bool]] = []
    if not f.include_aux:
        where.append(ev.c.aux_mode.is_(None))
    if f.min_confidence:
        where.append(ev.c.confidence >= f.min_confidence)
    if f.actor:
        where.append(_has_participant(f.actor, "actor", hints))
    if f.recipient:
        where.append(_has_participant(f.recipient, "recipient", hints))
    if f.either_side:
        where.append(_has_participant(f.either_side, None, hints))
    if f.event:
        where.append(ev.c.event.in_(_values(f.event, upper=True)))
    if f.mode:
        where.append(ev.c.mode.in_(_values(f.mode)))
    if f.context:
        where.append((literal("|") + ev.c.contexts + "|").contains(f"|{f.context}|", autoescape=True))
    if f.quad_code:
        where.append(ev.c.quad_code.in_([int(q) for q in _values(f.quad_code)]))
    if f.date_from:
        start = first_day(f.date_from)
        if start is None:
            raise ValueError(f"not a date: {f.date_from!r} (use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)")
        where.append(ev.c.day >= start)
    if f.date_to:
        where.append(ev.c.day <= last_day(f.date_to))
    if f.place:
        where.append(name_matches(ev.c.place_name_folded, ev.c.place_name, f.place))
    if f.place_country:
        where.append(ev.c.place_country == f.place_country.upper())
    if f.min_sources:
        where.append(clusters.c.n_sources >= f.min_sources)
    if f.text:
        where.append(_fulltext(f.text, backend, hints))
    return where


def event_select(columns: Sequence[Any], flt: EventFilter | None, backend: str, *,
                 order: str | None = "day", paginate: bool = True, hints: PageHints = NO_HINTS) -> Select:
    """SELECT `columns` FROM events LEFT JOIN clusters WHERE <filter> ORDER BY <order> [LIMIT/OFFSET]."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}")
    stmt = (select(*columns).select_from(ev.outerjoin(clusters, clusters.c.id == ev.c.cluster_id))
            .where(*conditions(flt, backend, hints)))
    if order == "day":
        stmt = stmt.order_by(ev.c.day, ev.c.id)
    elif order == "-day":
        stmt = stmt.order_by(ev.c.day.desc(), ev.c.id.desc())
    elif order == "id":
        stmt = stmt.order_by(ev.c.id)
    if paginate and flt is not None:
        if flt.limit is not None:
            stmt = stmt.limit(flt.limit)
        if flt.offset:
            stmt = stmt.offset(flt.offset)
    return stmt


def stream(store: Store, stmt: Select, batch: int = 1000, *, page: bool = False) -> Iterator[Any]:
    """The rows of `stmt`, fetched `batch` at a time (a server-side cursor on PostgreSQL).

    A `page` (a statement limited to a few rows) is run plainly: PostgreSQL plans a cursor for
    its first rows (cursor_tuple_fraction), which for a page can mean walking the day index and
    testing every row instead of using the full-text or type index."""
    with store.engine.connect() as conn:
        yield from (conn.execute(stmt) if page else conn.execution_options(yield_per=batch).execute(stmt))


def events(store: Store | str, flt: EventFilter | None = None, *, order: str | None = "day",
           record: bool = False) -> Iterator[dict[str, Any]]:
    """The events matching `flt`, as dicts of the `EVENT_COLUMNS` plus their cluster's
    `n_articles` and `n_sources` (and the PLOVER `record` when asked), streamed.

    `order`: "day" (oldest first; ties by id), "-day", "id" or None (storage order, fastest).
    Undated events sort first on SQLite and last on PostgreSQL."""
    with opened(store) as s:
        cols = [*EVENT_COLUMNS, clusters.c.n_articles, clusters.c.n_sources] + ([ev.c.record] if record else [])
        page = flt is not None and flt.limit is not None and flt.limit <= 1000
        hints = page_hints(s, flt) if page and order in ("day", "-day") else NO_HINTS
        for row in stream(s, event_select(cols, flt, s.backend, order=order, hints=hints), page=page):
            yield dict(row._mapping)


# ------------------------------------------------------------------------------ one event

MULTI = ("contexts", "actor_codes", "recipient_codes", "actor_sectors", "recipient_sectors", "actor_names",
         "recipient_names")
MAX_MEMBERS = 200          # cluster members listed by `get_event`


def listed(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event row with the store's "|"-joined fields (`MULTI`) as lists."""
    return {k: (v.split("|") if v else []) if k in MULTI else v for k, v in row.items()}


def get_event(store: Store | str, event_id: str) -> dict[str, Any] | None:
    """Everything known about one stored event, or None when there is no such event.

    The event's fields (`EVENT_COLUMNS`, lists for the multi-valued ones, its cluster's
    `n_articles` and `n_sources`) and its PLOVER `record`, plus:

    * `participants`: each actor and recipient (role, position, text, name, code, sector, kind,
      office, country_inferred), actors first;
    * `article`: id, title, url, publisher, source (the publisher, else the first credited
      agency), credited agencies (a list), publication date, language;
    * `mentions`: every place the article states the event (position, sentence and paragraph
      index, trigger offsets, attribution, sentence), each with its `article`;
    * `cluster`: the real-world event it belongs to (best-evidenced date and place, codes and names
      as lists, `n_events`, `n_articles`, `n_sources`, first and last seen), `why` this event is in
      it, and `members` (up to `MAX_MEMBERS`, in the order they joined): each report with its
      article, first sentence, every sentence that states it (`sentences`), the stored merge
      `reason` and `why` in words. An unclustered event has `cluster.id` None and `why` says why.

    The API's event detail and the dashboard's event page both show this."""
    with opened(store) as s, s.engine.connect() as conn:
        row = conn.execute(select(*EVENT_COLUMNS, ev.c.record, clusters.c.n_articles, clusters.c.n_sources)
                           .select_from(ev.outerjoin(clusters, clusters.c.id == ev.c.cluster_id))
                           .where(ev.c.id == event_id)).mappings().first()
        if row is None:
            return None
        out = listed(row)
        out["participants"] = [dict(r) for r in conn.execute(
            select(participants).where(participants.c.event_id == event_id)
            .order_by(participants.c.role, participants.c.position)).mappings()]
        out["article"] = _article(conn, row["article_id"])
        out["mentions"] = [{**{k: v for k, v in m.items() if k != "event_id"}, "article": out["article"]}
                           for m in conn.execute(select(mentions).where(mentions.c.event_id == event_id)
                                                 .order_by(mentions.c.position)).mappings()]
        out["cluster"] = _cluster(conn, row)
    return out


def _article(conn: Any, article_id: str) -> dict[str, Any] | None:
    r = conn.execute(select(articles.c.id, articles.c.title, articles.c.url, articles.c.publisher, articles.c.source,
                            articles.c.credited, articles.c.date, articles.c.language)
                     .where(articles.c.id == article_id)).mappings().first()
    if r is None:
        return None
    return {**r, "credited": (r["credited"] or "").split("|") if r["credited"] else []}


def _cluster(conn: Any, row: Mapping[str, Any]) -> dict[str, Any]:
    """The event's cluster, its reports, and why each one joined (`cluster_links.reason`)."""
    if row["cluster_id"] is None:
        why = (f"not clustered: a {row['aux_mode']} report is no evidence that the event happened"
               if row["aux_mode"] else "not clustered: an undated event cannot be matched to other reports")
        return {"id": None, "why": why, "members": []}
    c = conn.execute(select(clusters).where(clusters.c.id == row["cluster_id"])).mappings().first()
    members = conn.execute(
        select(ev.c.id, ev.c.event, ev.c.date, ev.c.sentence, ev.c.article_id, articles.c.title, articles.c.url,
               articles.c.source, articles.c.date.label("published"), cluster_links.c.reason)
        .select_from(ev.join(articles, articles.c.id == ev.c.article_id)
                     .outerjoin(cluster_links, cluster_links.c.event_id == ev.c.id))
        .where(ev.c.cluster_id == row["cluster_id"]).order_by(cluster_links.c.linked_at, ev.c.id)
        .limit(MAX_MEMBERS)).mappings().all()
    said: dict[str, list[str]] = {}
    if members:
        for eid, sentence in conn.execute(select(mentions.c.event_id, mentions.c.sentence)
                                          .where(mentions.c.event_id.in_([m["id"] for m in members]))
                                          .order_by(mentions.c.event_id, mentions.c.position)):
            if sentence and sentence not in said.setdefault(eid, []):
                said[eid].append(sentence)
    listed_members = [
        {"event_id": m["id"], "date": m["date"], "sentence": m["sentence"], "sentences": said.get(m["id"], []),
         "this": m["id"] == row["id"],
         "article": {"id": m["article_id"], "title": m["title"], "url": m["url"], "source": m["source"],
                     "date": m["published"]},
         "reason": m["reason"], "why": explain(m["reason"])} for m in members]
    own = next((m for m in listed_members if m["this"]), None)
    info = {k: c[k] for k in ("id", "event", "mode", "date", "date_precision", "place_name", "lat", "lon",
                              "place_country", "n_events", "n_articles", "n_sources", "first_seen", "last_seen")} \
        if c else {"id": row["cluster_id"]}
    for k in ("actor_codes", "recipient_codes", "actor_names", "recipient_names"):
        info[k] = (c[k] or "").split("|") if c and c[k] else []
    return {**info, "why": own["why"] if own else None, "members": listed_members,
            "members_truncated": bool(c) and c["n_events"] > len(listed_members)}


# ------------------------------------------------------------------------------------ dyads

def _period(by: str, backend: str, day: ColumnElement[str] = ev.c.day) -> ColumnElement[str]:
    """The period key of an event's first day: 2023-02-25, 2023-W08, 2023-02 or 2023."""
    if by == "day":
        return day
    if by == "month":
        return func.substr(day, 1, 7)
    if by == "year":
        return func.substr(day, 1, 4)
    if backend == "postgresql":
        return func.to_char(cast(day, Date), literal_column("'IYYY-\"W\"IW'"))
    # SQLite before 3.46 has no ISO week (%V): the Thursday of the day's week (Mon..Sun) gives the
    # ISO year, and its day of the year the week number
    thursday = func.date(day, "-3 days", "weekday 4")
    week = (cast(func.strftime("%j", thursday), Integer) - 1) // 7 + 1
    return func.strftime("%Y", thursday, type_=String) + "-W" + func.printf("%02d", week, type_=String)


def dyad_rows(store: Store, a: str, b: str, flt: EventFilter | None, by: str | None):
    """A subquery of the events between `a` and `b` with their direction ("ab", "ba", "joint"),
    id, event, quad_code, event_scale, goldstein, day (and period with `by`).

    Read from `dyad_events`, where each event has one row per ordered pair of its codes: without
    filters the dyad is one index range; filters join the events (and clusters) they need."""
    de = dyad_events
    cols = [de.c.direction, de.c.event_id.label("id"), de.c.event, de.c.quad_code, de.c.event_scale,
            de.c.goldstein, de.c.day]
    if by is not None:
        cols.append(_period(by, store.backend, de.c.day).label("period"))
    source, where = dyad_source(flt, store.backend)
    return select(*cols).select_from(source).where(de.c.a == a, de.c.b == b, *where).subquery("dy")


def dyad_source(flt: EventFilter | None, backend: str) -> tuple[Any, list[ColumnElement[bool]]]:
    """`dyad_events`, joined to events (and clusters) only when the filter needs their columns,
    and the filter's WHERE terms. The auxiliary-mode test runs on dyad_events itself."""
    de = dyad_events
    f = flt or EventFilter()
    where = conditions(replace(f, include_aux=True), backend)
    source: Any = de
    if where:
        source = de.join(ev, ev.c.id == de.c.event_id)
        if f.min_sources:
            source = source.outerjoin(clusters, clusters.c.id == ev.c.cluster_id)
    if not f.include_aux:
        where.append(de.c.aux_mode.is_(None))
    return source, where


def _mean(total: float | None, n: int) -> float | None:
    return round(total / n, 3) if n and total is not None else None


class _Group(NamedTuple):
    """One (direction, event, quad_code[, period]) group of a dyad, as the database counted it."""

    direction: str
    event: str
    quad_code: int | None
    period: str | None
    n: int
    ps: float | None          # sum of event scales (PLOVER scores), and how many events have one
    n_ps: int
    gs: float | None          # sum of Goldstein scores, and how many events have one
    n_gs: int
    first: str | None         # min and max of "day|id"
    last: str | None


def _summary(groups: Sequence[_Group]) -> dict[str, Any]:
    """Totals over groups: counts, per type and quad class, mean scores."""
    types: dict[str, int] = {}
    quads = dict.fromkeys(QUADS, 0)
    n = n_ps = n_gs = 0
    ps = gs = 0.0
    for g in groups:
        n, n_ps, n_gs = n + g.n, n_ps + g.n_ps, n_gs + g.n_gs
        ps, gs = ps + (g.ps or 0.0), gs + (g.gs or 0.0)
        types[g.event] = types.get(g.event, 0) + g.n
        if g.quad_code in quads:
            quads[g.quad_code] += g.n
    return {"n_events": n, "events": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            "quad_code": quads, "mean_event_scale": _mean(ps, n_ps), "mean_goldstein": _mean(gs, n_gs)}


def dyad(store: Store | str, a: str, b: str, *, by: str | None = None,
         flt: EventFilter | None = None) -> dict[str, Any]:
    """Everything between two countries (or pseudo-countries) `a` and `b`.

    Counts the events of both directions (`a` among the actors and `b` among the recipients,
    and the reverse) and the events of the undirected types (CONSULT, AGREE, COOPERATE) where
    both are among the actors; an event counts once (a->b first, then b->a). Returns
    `n_events`, `events` (per type), `quad_code` (events per quad code 1-4), `mean_event_scale`
    (of the PLOVER scores), `mean_goldstein`,
    the same per direction under `directions` (keys "A->B", "B->A", "A+B"), the `first` and
    `last` dated events (id, date, day, event, direction, sentence) and, with `by` ("day",
    "week", "month" or "year"), `series`: the periods that have events, oldest first, each with
    its count per quad code. `flt` narrows the events further (its limit/offset are ignored)."""
    if by is not None and by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}")
    a, b = a.strip().upper(), b.strip().upper()
    names = {"ab": f"{a}->{b}", "ba": f"{b}->{a}", "joint": f"{a}+{b}"}
    with opened(store) as s, s.engine.connect() as conn:
        if by in (None, "month", "year") and _unfiltered(flt):
            groups, ends, counts = _dyad_from_summary(conn, a, b, by, bool(flt and flt.include_aux))
        else:
            groups, ends = _dyad_from_rows(s, conn, a, b, by, flt)
            counts = [(g.period, g.quad_code, g.n) for g in groups if g.period is not None]
        wanted = [k[11:] for k, _ in filter(None, ends.values())]
        found = {r.id: r for r in conn.execute(select(ev.c.id, ev.c.date, ev.c.day, ev.c.event, ev.c.sentence)
                                               .where(ev.c.id.in_(wanted)))} if wanted else {}

    def end(which: str) -> dict[str, Any] | None:
        if ends[which] is None:
            return None
        k, direction = ends[which]
        r = found[k[11:]]
        return {"id": r.id, "date": r.date, "day": r.day, "event": r.event, "direction": names[direction],
                "sentence": r.sentence}

    by_direction: dict[str, list[_Group]] = {d: [] for d in names}
    for g in groups:
        by_direction[g.direction].append(g)
    out: dict[str, Any] = {"a": a, "b": b, **_summary(groups),
                           "directions": {names[d]: _summary(gs) for d, gs in by_direction.items()},
                           "first": end("first"), "last": end("last")}
    if by is not None:
        # the database grouped the events by period too; here only its few groups are added up
        periods: dict[str, dict[str, Any]] = {}
        for period, quad, n in sorted(counts, key=lambda c: c[0]):
            entry = periods.setdefault(period, {"period": period, "n_events": 0, "quad_code": dict.fromkeys(QUADS, 0)})
            entry["n_events"] += n
            if quad in entry["quad_code"]:
                entry["quad_code"][quad] += n
        out["by"] = by
        out["series"] = list(periods.values())
    return out


_NOT_FILTERS = ("include_aux", "limit", "offset")


def _unfiltered(flt: EventFilter | None) -> bool:
    """True when `flt` selects every event, or every asserted one (its page is no filter). Empty
    values (None, [], "") filter nothing, as in `conditions`."""
    return flt is None or not any(getattr(flt, f.name) for f in fields(flt) if f.name not in _NOT_FILTERS)


_Ends = dict[str, tuple[str, str] | None]     # "first"/"last": ("day|id", direction) or None


_Counts = list[tuple[str, int | None, int]]     # (period, quad code, events) of a series


def _dyad_from_summary(conn: Any, a: str, b: str, by: str | None,
                       include_aux: bool) -> tuple[list[_Group], _Ends, _Counts]:
    """An unfiltered dyad from `dyad_months`: its groups (direction, type, quad code), its series
    (events per period and quad code) when `by` is set, and its first and last dated events from
    two probes of `ix_dyad_events_first`. Two small groupings, rather than one by all five keys:
    a busy dyad has ~10,000 (direction, type, quad, month) groups, each a Python object."""
    dm, de = dyad_months, dyad_events
    aux = [] if include_aux else [dm.c.aux == 0]
    keys = [dm.c.direction, dm.c.event, dm.c.quad_code]
    groups = [_Group(direction, event, quad or None, None, int(n), float(ps) if n_ps else None, int(n_ps),
                     float(gs) if n_gs else None, int(n_gs), None, None)
              for direction, event, quad, n, ps, n_ps, gs, n_gs in conn.execute(
                  select(*keys, func.sum(dm.c.n), func.sum(dm.c.scale_sum), func.sum(dm.c.scale_n),
                         func.sum(dm.c.goldstein_sum), func.sum(dm.c.goldstein_n))
                  .where(dm.c.a == a, dm.c.b == b, *aux).group_by(*keys))]
    counts: _Counts = []
    if by is not None:
        period = (dm.c.month if by == "month" else func.substr(dm.c.month, 1, 4)).label("period")
        counts = [(p, quad or None, int(n)) for p, quad, n in conn.execute(
            select(period, dm.c.quad_code, func.sum(dm.c.n))
            .where(dm.c.a == a, dm.c.b == b, dm.c.month != "", *aux)      # '': undated, in no period
            .group_by(period, dm.c.quad_code))]
    ends: _Ends = {"first": None, "last": None}
    if groups:
        where = [de.c.a == a, de.c.b == b, de.c.day.is_not(None)] + ([] if include_aux else [de.c.aux_mode.is_(None)])
        for which, order in (("first", [de.c.day, de.c.event_id]), ("last", [de.c.day.desc(), de.c.event_id.desc()])):
            r = conn.execute(select(de.c.day, de.c.event_id, de.c.direction).where(*where).order_by(*order)
                             .limit(1)).first()
            ends[which] = (f"{r.day}|{r.event_id}", r.direction) if r else None
    return groups, ends, counts


def _dyad_from_rows(s: Store, conn: Any, a: str, b: str, by: str | None,
                    flt: EventFilter | None) -> tuple[list[_Group], _Ends]:
    """The groups of a dyad (filtered, or by day or week) counted over its `dyad_events` rows."""
    dy = dyad_rows(s, a, b, flt, by)
    # "day|id" keys: min and max give the first and last dated event of each group (NULL days
    # drop out), so one pass over the dyad gives everything and the two events are then read
    # by their primary key
    key = dy.c.day + "|" + dy.c.id
    if s.backend == "postgresql":
        key = key.collate("C")          # byte order, as on SQLite, whatever the database's locale
    keys = [dy.c.direction, dy.c.event, dy.c.quad_code] + ([dy.c.period] if by else [])
    groups = [_Group(*r) if by else _Group(*r[:3], None, *r[3:]) for r in conn.execute(
        select(*keys, func.count(), func.sum(dy.c.event_scale), func.count(dy.c.event_scale),
               func.sum(dy.c.goldstein), func.count(dy.c.goldstein), func.min(key), func.max(key))
        .group_by(*keys))]
    ends = {"first": min(((g.first, g.direction) for g in groups if g.first is not None), default=None),
            "last": max(((g.last, g.direction) for g in groups if g.last is not None), default=None)}
    return groups, ends


# ------------------------------------------------------------------------------- top actors

def top_actors(store: Store | str, *, role: str | None = None, by: str = "code", limit: int = 20,
               flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """The participants in the most events matching `flt`: `role` "actor", "recipient" or None
    (either), grouped `by` "code" (country codes) or "name" (the knowledge-base name, else the
    text). Each entry: the code or name, `n_events` (an event counts once per key, however many
    of its participants share it) and `share` (of all the events matching `flt`)."""
    if role not in (None, "actor", "recipient"):
        raise ValueError("role must be None, 'actor' or 'recipient'")
    if by not in ("code", "name"):
        raise ValueError("by must be 'code' or 'name'")
    p = participants.c
    key = p.code if by == "code" else func.coalesce(p.name, p.text)
    f = flt or EventFilter()
    with opened(store) as s, s.engine.connect() as conn:
        base = ev.outerjoin(clusters, clusters.c.id == ev.c.cluster_id) if f.min_sources else ev
        where = conditions(f, s.backend)
        if _unfiltered(f):
            # the counts kept by triggers (migration 0006): counting the events, or grouping every
            # participant by code, takes seconds at 10 M events
            ac = actor_counts.c
            auxes = [0, 1] if f.include_aux else [0]
            total = conn.execute(select(func.coalesce(func.sum(ac.n), 0))
                                 .where(ac.role == "all", ac.aux.in_(auxes))).scalar_one()
            if by == "code":
                n = func.sum(ac.n).label("n")
                rows = conn.execute(select(ac.code, n).where(ac.role == (role or "either"), ac.aux.in_(auxes))
                                    .group_by(ac.code).order_by(n.desc(), ac.code).limit(limit)).all()
                return [{"code": k, "n_events": int(c), "share": round(c / total, 4) if total else 0.0}
                        for k, c in rows]
            # no filter but the auxiliary mode: the few auxiliary events are the ones to leave out
            member = [] if f.include_aux else [p.event_id.not_in(select(ev.c.id).where(ev.c.aux_mode.is_not(None)))]
        else:
            total = conn.execute(select(func.count()).select_from(base).where(*where)).scalar_one()
            # the events first, then their participants (by the participants' event_id key): joining
            # the other way round, SQLite reads every participant and looks its event up
            member = [p.event_id.in_(select(ev.c.id).select_from(base).where(*where))]
        pairs = (select(key.label("key"), p.event_id).distinct()       # an event counts once per key
                 .where(key.is_not(None), *([p.role == role] if role else []), *member).subquery("pairs"))
        n = func.count().label("n")
        rows = conn.execute(select(pairs.c.key, n).group_by(pairs.c.key).order_by(n.desc(), pairs.c.key)
                            .limit(limit)).all()
    return [{by: k, "n_events": c, "share": round(c / total, 4) if total else 0.0} for k, c in rows]


def count_events(store: Store | str, flt: EventFilter | None = None) -> int:
    """How many events match `flt` (its limit and offset aside): what a capped list says it
    shows a part of ("showing 50 of 1,234")."""
    with opened(store) as s, s.engine.connect() as conn:
        stmt = event_select([func.count()], flt, s.backend, order=None, paginate=False)
        return int(conn.execute(stmt).scalar() or 0)
