"""JSON endpoints under /api, over the same library functions as the CLI (docs/api.md).

    GET  /api/events              filtered events, cursor-paginated, JSON or CSV
    GET  /api/events/{id}         `query.get_event`: participants, mentions, article, cluster and why it merged
    GET  /api/dyads/{a}/{b}       `query.dyad`: directions, types, quad codes, scores, time series
    GET  /api/actors              `query.top_actors`
    POST /api/extract             code a text, store nothing
    POST /api/articles            code and store articles (bearer token from DYADS_API_TOKEN)

Handlers are plain functions (FastAPI runs them in its thread pool) except the two that read a
body themselves; they share the process's one pipeline without a lock of their own. Responses are
`SafeJSONResponse`: article text never appears as raw markup. Event fields carry the names of
the one output schema (docs/output.md); formats come from `dyads.formats`.
"""
from __future__ import annotations

import base64
import binascii
import csv
import hmac
import io
import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from sqlalchemy import and_, or_, select

from dyads.model import Document
from dyads.dates.iso import normalize_date
from dyads import formats
from dyads import validation as valid
from dyads.store import query
from dyads.store.cluster import explain  # noqa: F401  re-exported: dyads.web.api.explain
from dyads.store.db import Store
from dyads.store.query import EVENT_COLUMNS, MULTI, EventFilter, listed
from dyads.store.rows import content_hash
from dyads.store.schema import articles, clusters
from dyads.store.schema import events as ev
from dyads.web.deps import SafeJSONResponse, settings_of, store_of

router = APIRouter(prefix="/api", default_response_class=SafeJSONResponse)

MAX_PAGE = 1000            # rows per page of /api/events
MAX_ARTICLES = 100         # articles per POST /api/articles
COLUMNS = tuple(c.name for c in EVENT_COLUMNS) + ("n_articles", "n_sources")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_bearer = HTTPBearer(auto_error=False, description="The server's DYADS_API_TOKEN")


def _bad(reason: str) -> HTTPException:
    return HTTPException(400, reason)


def _store(request: Request) -> Store:
    return store_of(request)


# ------------------------------------------------------------------------------- filters

def _split(values: list[str] | None) -> list[str] | None:
    """Repeated parameters and comma-separated lists alike: event=AID&event=ASSAULT or event=AID,ASSAULT."""
    out = [v.strip() for value in values or () for v in value.split(",") if v.strip()]
    return out or None


Text = Annotated[str | None, Query(max_length=200)]


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="Country (TUR), sector (GOV), TURGOV or a name")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="As actor")] = None,
    either: Annotated[str | None, Query(max_length=200, description="Actor or recipient, as actor")] = None,
    event: Annotated[list[str] | None, Query(description="PLOVER event type; repeat or comma-separate")] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode; repeat or comma-separate")] = None,
    context: Text = None,
    quad_code: Annotated[list[str] | None, Query(description="Quad code 1-4 (1 verbal cooperation, 2 material "
                                                             "cooperation, 3 verbal conflict, 4 material conflict); "
                                                             "repeat or comma-separate")] = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10, description="2023, 2023-02, 2023-W08, 2023-02-25")] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10, description="Inclusive, as from")] = None,
    place: Text = None,
    place_country: Text = None,
    min_sources: Annotated[int | None, Query(ge=1, description="Sources of the event's cluster")] = None,
    text: Annotated[str | None, Query(max_length=500, description="Full-text search over sentences")] = None,
    all: Annotated[bool, Query(description="Also negated, future and hypothetical reports")] = False,
    quad: Annotated[list[str] | None, Query(description="The old name of quad_code", deprecated=True)] = None,
) -> EventFilter:
    """The filters of `dyads events`, as query parameters."""
    name = "quad_code" if quad_code else "quad"
    quads = _split((quad_code or []) + (quad or []))
    if quads is not None and not _all_quads(quads):
        raise _bad(f"{name}: each must be 1, 2, 3 or 4, got {','.join(quads)!r}")
    try:    # the CLI's validation (dyads.validation): the same values refused with the same reasons
        return EventFilter(actor=valid.participant(actor, "actor"), recipient=valid.participant(recipient, "recipient"),
                           either_side=valid.participant(either, "either"), event=valid.event_types(event, "event"),
                           mode=valid.modes(mode, "mode"), context=valid.context(context, "context"),
                           quad_code=[int(q) for q in quads] if quads else None,
                           date_from=valid.timex(date_from, "from"), date_to=valid.timex(date_to, "to"), place=place,
                           place_country=valid.country_code(place_country, "place_country"),
                           min_sources=min_sources, text=text, include_aux=all)
    except valid.InvalidValue as exc:
        raise _bad(str(exc)) from None


def _all_quads(values: list[str]) -> bool:
    return all(v in ("1", "2", "3", "4") for v in values)


Filter = Annotated[EventFilter, Depends(event_filter)]


# -------------------------------------------------------------------------------- events

@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the last row's (day, id) in the listing order. Opaque to clients."""

    order: str
    day: str | None
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.order, self.day, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, order: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            o, day, eid = json.loads(raw)
        except (binascii.Error, ValueError, TypeError):
            raise _bad("cursor: not a cursor returned by this API") from None
        if not (isinstance(eid, str) and len(eid) <= 64 and (day is None or (isinstance(day, str)
                                                                          and _DAY.fullmatch(day)))):
            raise _bad("cursor: not a cursor returned by this API")
        if o != order:
            raise _bad(f"cursor: it belongs to order={o!r}, not {order!r}")
        return cls(o, day, eid)


def page_events(store: Store, flt: EventFilter, *, order: str = "day", limit: int = 50,
                after: Cursor | None = None) -> tuple[list[dict[str, Any]], Cursor | None]:
    """One page of events and the cursor of the next (None at the end), by keyset pagination:
    the page starts right after the cursor's (day, id) through the day index, so page 1,000 costs
    what page 1 costs (an OFFSET would read and drop every earlier row).

    Undated events sort first on SQLite and last on PostgreSQL (ascending); they are queried as a
    segment of their own, so that each query keeps a plain range condition on `day`."""
    asc = order == "day"
    nulls_first = (store.backend == "sqlite") == asc
    segments = ["undated", "dated"] if nulls_first else ["dated", "undated"]
    start = 0 if after is None else segments.index("undated" if after.day is None else "dated")
    cols = [*EVENT_COLUMNS, clusters.c.n_articles, clusters.c.n_sources]
    past = (lambda col, v: col > v) if asc else (lambda col, v: col < v)
    rows: list[dict[str, Any]] = []
    hints = query.page_hints(store, flt)        # frequent codes and terms: walk the date index
    for i, segment in enumerate(segments[start:]):
        stmt = query.event_select(cols, flt, store.backend, order=order, paginate=False, hints=hints)
        at = after if i == 0 else None
        if segment == "undated":
            stmt = stmt.where(ev.c.day.is_(None), *([past(ev.c.id, at.id)] if at else []))
        elif at is not None:
            edge = ev.c.day >= at.day if asc else ev.c.day <= at.day
            stmt = stmt.where(edge, or_(past(ev.c.day, at.day), and_(ev.c.day == at.day, past(ev.c.id, at.id))))
        else:
            stmt = stmt.where(ev.c.day.is_not(None))
        rows += (dict(r._mapping) for r in query.stream(store, stmt.limit(limit + 1 - len(rows)), page=True))
        if len(rows) > limit:
            break
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], Cursor(order, last["day"], last["id"])


def _cell(value: Any) -> Any:
    """A CSV cell: lists ";"-joined as in `dyads export`; text that a spreadsheet would run as a
    formula (=, +, -, @ first) is prefixed with a quote, per OWASP's CSV-injection advice."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([_cell((r[c] or "").replace("|", ";") if c in MULTI else r[c]) for c in COLUMNS])
    return buf.getvalue()


def _wants_csv(fmt: str | None, accept: str) -> bool:
    if fmt is not None:
        try:
            return formats.get("api", fmt).name == "csv"
        except formats.UnknownFormat as exc:
            raise _bad(f"format: {exc}") from None
    accept = accept.lower()
    return "text/csv" in accept and "application/json" not in accept


@router.get("/events", summary="Filtered events, cursor-paginated, as JSON or CSV",
            responses={200: {"content": {"text/csv": {}}}})
def list_events(
    request: Request, flt: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page")] = 50,
    cursor: Annotated[str | None, Query(max_length=400, description="`next_cursor` of the previous page")] = None,
    order: Annotated[Literal["day", "-day"], Query(description="day: oldest first; -day: newest first")] = "day",
    format: Annotated[str | None, Query(description=formats.help_text("api").rstrip(".") +
                                        " (default: from the Accept header, else json)")] = None,
) -> Any:
    csv_out = _wants_csv(format, request.headers.get("accept", ""))
    after = Cursor.decode(cursor, order) if cursor else None
    try:
        rows, nxt = page_events(_store(request), flt, order=order, limit=limit, after=after)
    except ValueError as exc:       # a filter the query layer refuses: the client's to fix
        raise _bad(str(exc)) from None
    next_url = str(request.url.include_query_params(cursor=nxt.encode())) if nxt else None
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if csv_out:
        headers["Content-Disposition"] = 'attachment; filename="events.csv"'
        if nxt:
            headers["X-Next-Cursor"] = nxt.encode()
        return Response(_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)
    body = {"events": [listed(r) for r in rows], "count": len(rows),
            "next_cursor": nxt.encode() if nxt else None, "next": next_url}
    return SafeJSONResponse(body, headers=headers)


@router.get("/events/{event_id}", summary="One event with its mentions, article and merge explanation")
def get_event(request: Request, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    out = query.get_event(_store(request), event_id)
    if out is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return out


# ------------------------------------------------------------------------- dyads, actors

@router.get("/dyads/{a}/{b}", summary="Everything between two countries: counts, scores, time series")
def get_dyad(request: Request, a: Annotated[str, Path(max_length=16)], b: Annotated[str, Path(max_length=16)],
             flt: Filter, by: Annotated[Literal["day", "week", "month", "year"] | None,
                                        Query(description="Also counts per period")] = None) -> dict[str, Any]:
    try:
        a, b = valid.dyad_code(a, "a"), valid.dyad_code(b, "b")
    except valid.InvalidValue as exc:
        raise _bad(str(exc)) from None
    try:
        return query.dyad(_store(request), a, b, by=by, flt=flt)
    except ValueError as exc:
        raise _bad(str(exc)) from None


@router.get("/actors", summary="The actors in the most events matching the filters")
def get_actors(request: Request, flt: Filter,
               role: Annotated[Literal["actor", "recipient"] | None, Query(description="Default: either")] = None,
               by: Annotated[Literal["code", "name"], Query()] = "code",
               limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> dict[str, Any]:
    try:
        top = query.top_actors(_store(request), role=role, by=by, limit=limit, flt=flt)
    except ValueError as exc:
        raise _bad(str(exc)) from None
    return {"role": role, "by": by, "actors": top}


@router.get("", summary="What this API serves", include_in_schema=False)
def index(request: Request) -> dict[str, Any]:
    from dyads import __version__

    return {"name": "dyads", "version": __version__, "docs": "/docs", "openapi": "/openapi.json",
            "endpoints": sorted({getattr(r, "path", "") for r in router.routes} - {"/api"}),
            "writes": settings_of(request).token is not None}


# ---------------------------------------------------------------------- extract, ingest

class ArticleIn(BaseModel):
    """An article to code: its text and, optionally, its publication date and metadata."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1, description="The article's text (English)")
    date: str | None = Field(None, description="Publication date, ISO 8601 (2023-02-25); relative dates need it")
    id: str | None = Field(None, max_length=200, description="Article id (default: from the text's hash)")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    publisher: str | None = Field(None, max_length=500)

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        return normalize_date(value)      # ValueError (a 422) for 2023-13-45, 25/02/2023 ...

    def document(self, source: str) -> Document:
        """Validated as `dyads ingest` validates a JSON line (empty, binary, not English: a 422)."""
        from dyads.readers.documents import document_from_text
        from dyads.readers.errors import InputError

        doc_id = self.id or "api-" + content_hash(Document(text=self.text))[:16]
        try:
            return document_from_text(self.text, id=doc_id, source=source, date=self.date, title=self.title,
                                      url=self.url, publisher=self.publisher)
        except InputError as exc:
            raise HTTPException(422, f"{source}: {exc.reason}") from None


@router.post("/extract", summary="Code a text into events and mentions; nothing is stored")
def extract(request: Request, article: ArticleIn) -> dict[str, Any]:
    from dyads.pipeline import default_pipeline

    # one shared pipeline serves every request thread: it keeps no per-document state (issue 13)
    coded = next(default_pipeline().process([article.document("body")]))
    return coded.to_dict(include_mentions=True)


_ARTICLE_LIST = TypeAdapter(list[ArticleIn])
_ARTICLES_SCHEMA = {"oneOf": [ArticleIn.model_json_schema(),
                              {"type": "array", "maxItems": MAX_ARTICLES, "items": ArticleIn.model_json_schema()}]}


@router.post("/articles", summary="Code and store one or several articles (bearer token)", status_code=201,
             openapi_extra={"requestBody": {"required": True,
                                            "content": {"application/json": {"schema": _ARTICLES_SCHEMA}}}})
async def post_articles(request: Request,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None) -> Any:
    _check_token(request, credentials)          # before a byte of the body is read
    raw = await request.body()
    try:
        payload = json.loads(raw)
    except ValueError as exc:
        raise _bad(f"malformed JSON body: {exc}") from None
    many = isinstance(payload, list)
    if not isinstance(payload, (list, dict)):
        raise HTTPException(422, "body: send an article object or a list of them")
    if many and not 1 <= len(payload) <= MAX_ARTICLES:
        raise HTTPException(422, f"body: send 1 to {MAX_ARTICLES} articles per request, not {len(payload)}")
    try:
        items = _ARTICLE_LIST.validate_python(payload) if many else [ArticleIn.model_validate(payload)]
    except ValidationError as exc:
        e = exc.errors()[0]
        where = ".".join(str(x) for x in e["loc"]) or "(whole)"
        raise HTTPException(422, f"body field {where!r}: {e['msg']}") from None
    docs = [a.document(f"article {i}" if many else "body") for i, a in enumerate(items)]
    store = await run_in_threadpool(_store, request)      # the first use opens and migrates it
    body = await run_in_threadpool(_ingest, store, docs)
    return SafeJSONResponse(body, 201 if body["stored"] or body["replaced"] else 200)


def _check_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    token = settings_of(request).token
    if not token:
        raise HTTPException(403, "writing is disabled: the server was started without DYADS_API_TOKEN")
    if credentials is None:
        raise HTTPException(401, "missing bearer token (Authorization: Bearer <DYADS_API_TOKEN>)",
                            headers={"WWW-Authenticate": "Bearer"})
    # constant time: the comparison must not tell how much of a guess was right
    # (headers arrive decoded as Latin-1: encoding back gives the bytes sent, UTF-8 for a non-ASCII token)
    if not hmac.compare_digest(credentials.credentials.encode("latin-1"), token.encode("utf-8")):
        raise HTTPException(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def _ingest(store: Store, docs: list[Document]) -> dict[str, Any]:
    from dyads.store.ingest import ingest_documents

    messages: list[str] = []
    report = ingest_documents(docs, store, on_error=messages.append)
    ids = [d.id for d in docs]
    with store.engine.connect() as conn:
        found = conn.execute(select(ev.c.article_id, ev.c.id).where(ev.c.article_id.in_(ids))
                             .order_by(ev.c.article_id, ev.c.id)).all()
        known = set(conn.execute(select(articles.c.id).where(articles.c.id.in_(ids))).scalars())
    per = {i: [] for i in ids}
    for art, eid in found:
        per[art].append(eid)
    return {"stored": report.stored, "replaced": report.replaced, "unchanged": report.unchanged,
            "failed": report.failed, "events": report.events, "clusters": report.clusters, "errors": messages,
            "articles": [{"id": i, "in_store": i in known, "event_ids": per[i]} for i in ids]}
