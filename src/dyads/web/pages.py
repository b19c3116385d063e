"""Server-rendered pages: playground, events, event detail, dyad, map and network.

Pages call the library directly (`dyads.extract`, `dyads.store.query`), never the /api routes,
and embed what their charts and maps need as JSON (Jinja's `tojson` escapes <, > and &, so article
text cannot close the <script> element). The chart and map libraries are vendored into
static/vendor by web/assets/build.sh and served by the app: nothing is fetched from a CDN.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import func, select

from dyads.dates.iso import normalize_date
from dyads.ontology import EVENTS as PLOVER_EVENTS
from dyads.model import QUAD_NAMES, Document
from dyads.store import query
from dyads.store.query import EventFilter
from dyads.store.schema import articles, clusters, dyad_events
from dyads.store.schema import events as ev
from dyads.web.deps import settings_of, store_of

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
BUILD = "bash src/dyads/web/assets/build.sh"

# the vendored files each library needs; a page that uses a missing one says so
VENDOR = {
    "Chart.js": ["chart.js/chart.umd.min.js"],
    "Leaflet": ["leaflet/leaflet.js", "leaflet/leaflet.css"],
    "Leaflet.markercluster": ["leaflet.markercluster/leaflet.markercluster.js"],
    "TopoJSON client": ["topojson-client/topojson-client.min.js"],
    "world-atlas": ["world-atlas/countries-110m.json"],
}
PAGE_SIZES = (25, 50, 100, 200)
MAP_LIMIT = 5000          # most recent located events drawn on the map
DYAD_LIST_LIMIT = 200     # events listed under the dyad charts

# a Content-Security-Policy that allows no inline script: even markup that escaped escaping
# could not run (the pages' code is in /static, their data in non-executable JSON blocks)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

router = APIRouter(include_in_schema=False)
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                  trim_blocks=True, lstrip_blocks=True)
env.globals.update(quad_names=QUAD_NAMES, plover_events=PLOVER_EVENTS)


def mount_static(app: FastAPI) -> None:
    """Serve the pages' own files and the vendored chart and map libraries."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def missing_libraries(names: list[str]) -> list[str]:
    """Which of the named vendored libraries are not installed."""
    return [n for n in names if not all((STATIC / "vendor" / f).is_file() for f in VENDOR[n])]


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    libs = context.pop("libraries", [])
    html = env.get_template(template).render(request=request, path=request.url.path,
                                             missing=missing_libraries(libs), build_command=BUILD, **context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


# ----------------------------------------------------------------------------------- filters

FILTER_FIELDS = ("actor", "recipient", "either", "event", "mode", "from", "to", "place", "text")


def parse_filter(params: Any) -> tuple[EventFilter, dict[str, Any], list[str]]:
    """An EventFilter from query parameters (the CLI's filters), the values to refill the form,
    and the problems found (shown on the page instead of failing)."""
    form: dict[str, Any] = {k: (params.get(k) or "").strip() for k in FILTER_FIELDS}
    errors: list[str] = []
    quads = []
    for q in params.getlist("quad_code") + params.getlist("quad"):     # "quad": the old name
        if q.strip() in ("1", "2", "3", "4"):
            quads.append(int(q))
        elif q.strip():
            errors.append(f"quad class must be 1-4, not {q!r}")
    form["quad_code"] = quads
    event = form["event"].upper()
    if event and event not in PLOVER_EVENTS:
        errors.append(f"unknown event type {form['event']!r}")
        event = ""
    for key in ("from", "to"):
        if form[key]:
            try:
                query.last_day(form[key])
            except ValueError as e:
                errors.append(str(e))
                form[key] = ""
    flt = EventFilter(actor=form["actor"] or None, recipient=form["recipient"] or None,
                      either_side=form["either"] or None, event=event or None, mode=form["mode"] or None,
                      quad_code=quads or None, date_from=form["from"] or None, date_to=form["to"] or None,
                      place=form["place"] or None, text=form["text"] or None)
    return flt, form, errors


def query_string(form: dict[str, Any], **changes: Any) -> str:
    """The page's query string with some parameters changed (for paging and sorting links)."""
    items: list[tuple[str, Any]] = []
    merged = {**form, **changes}
    for k, v in merged.items():
        for one in (v if isinstance(v, list) else [v]):
            if one not in (None, ""):
                items.append((k, one))
    return urlencode(items)


def split_codes(value: str | None) -> list[str]:
    return [c for c in (value or "").split("|") if c]


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered, so an article's url cannot be a javascript: link."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


# -------------------------------------------------------------------------------- playground

# highlight kinds, in the order a span wins over an overlapping one; colours are in dashboard.css
HIGHLIGHTS = {
    "trigger": "event trigger",
    "actor": "actor",
    "recipient": "recipient",
    "date": "date",
    "place": "place",
    "entity": "other actor",
}


def highlight(doc: Document) -> list[dict[str, Any]]:
    """The document's text cut into segments, each plain or one highlighted span (displaCy style).

    Spans come from the events (trigger, actor and recipient offsets of every mention, and each
    entity's own offsets) and from the date, place and coded actor mentions. Overlaps are resolved
    by kind (triggers first, then actors, recipients, dates, places), longer spans first."""
    spans: list[tuple[int, int, str, str, set[int]]] = []     # start, end, kind, label, event indexes
    for i, e in enumerate(doc.events):
        label = f"{e.event}{' ' + e.mode if e.mode else ''}"
        for m in e.mentions:
            spans.append((*m.trigger, "trigger", label, {i}))
            spans += [(s, t, "actor", "", {i}) for s, t in m.actor_spans]
            spans += [(s, t, "recipient", "", {i}) for s, t in m.recipient_spans]
        spans += [(a.start, a.end, "actor", "", {i}) for a in e.actor]
        spans += [(r.start, r.end, "recipient", "", {i}) for r in e.recipient]
    for m in doc.mentions:
        if m.kind == "date":
            spans.append((m.start, m.end, "date", str(m.value.get("value") or ""), set()))
        elif m.kind == "place":
            spans.append((m.start, m.end, "place", str(m.value.get("country") or ""), set()))
        elif m.kind == "actor" and m.value.get("code"):
            spans.append((m.start, m.end, "entity", str(m.value["code"]), set()))
    order = list(HIGHLIGHTS)
    # the same span stated by several events keeps all their indexes
    merged: dict[tuple[int, int, str], tuple[str, set[int]]] = {}
    for s, t, kind, label, idx in spans:
        if 0 <= s < t <= len(doc.text):
            old = merged.get((s, t, kind))
            merged[(s, t, kind)] = (old[0] or label, old[1] | idx) if old else (label, set(idx))
    chosen: list[tuple[int, int, str, str, set[int]]] = []
    taken = bytearray(len(doc.text))
    for (s, t, kind), (label, idx) in sorted(merged.items(), key=lambda kv: (order.index(kv[0][2]), kv[0][0] - kv[0][1])):
        if not any(taken[s:t]):
            taken[s:t] = b"\x01" * (t - s)
            chosen.append((s, t, kind, label, idx))
    chosen.sort()
    out: list[dict[str, Any]] = []
    pos = 0
    for s, t, kind, label, idx in chosen:
        if s > pos:
            out.append({"text": doc.text[pos:s]})
        codes = _span_codes(doc, s, t) if kind in ("actor", "recipient") else ""
        out.append({"text": doc.text[s:t], "kind": kind, "label": label or codes,
                    "name": HIGHLIGHTS[kind], "events": " ".join(str(i) for i in sorted(idx))})
        pos = t
    if pos < len(doc.text):
        out.append({"text": doc.text[pos:]})
    return out


def _span_codes(doc: Document, start: int, end: int) -> str:
    """The code of the entity an actor/recipient span overlaps, for its label."""
    for e in doc.events:
        for ent in e.actor + e.recipient:
            if ent.code and ent.start < end and start < ent.end:
                return ent.code + (ent.sector or "")
    for m in doc.mentions:
        if m.kind == "actor" and m.value.get("code") and m.start < end and start < m.end:
            return str(m.value["code"]) + str(m.value.get("sector") or "")
    return ""


def event_rows(doc: Document) -> list[dict[str, Any]]:
    """The playground's event table."""
    def who(ents: list) -> list[str]:
        return [f"{x.name or x.text} ({(x.code or '?') + (x.sector or '')})" for x in ents]

    rows = []
    for i, e in enumerate(doc.events):
        rows.append({"index": i, "event": e.event, "mode": e.mode, "aux_mode": e.aux_mode,
                     "actor": who(e.actor), "recipient": who(e.recipient), "date": e.date,
                     "place": (e.place or {}).get("resolved_place") or (e.place or {}).get("extracted_place"),
                     "quad_code": e.quad_code, "quad_class": e.quad_class, "event_scale": e.event_scale,
                     "contexts": e.context, "confidence": round(e.confidence, 2),
                     "triggers": sorted({m.trigger_text for m in e.mentions}),
                     "sentence": e.mentions[0].sentence if e.mentions else ""})
    return rows


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with store_of(request).engine.connect() as conn:
        counts = {"articles": conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                  "events": conn.execute(select(func.count()).select_from(ev)).scalar_one(),
                  "clusters": conn.execute(select(func.count()).select_from(clusters)).scalar_one()}
        span = conn.execute(select(func.min(ev.c.day), func.max(ev.c.day))).one()
    top = query.top_actors(store_of(request), limit=10)
    return render(request, "home.html", counts=counts, first=span[0], last=span[1], top=top)


@router.get("/playground", response_class=HTMLResponse)
def playground_form(request: Request) -> HTMLResponse:
    return render(request, "playground.html", text="", date="", doc=None)


@router.post("/playground", response_class=HTMLResponse)
async def playground(request: Request) -> HTMLResponse:
    # the urlencoded form is read here, so the pages need no multipart parser (python-multipart)
    body = await request.body()
    if len(body) > settings_of(request).max_body:
        return render(request, "playground.html", status=413, text="", date="", doc=None,
                      errors=["The article is too long for the playground; use `dyads extract`."])
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    text = (fields.get("text") or [""])[0].replace("\r\n", "\n")
    date = (fields.get("date") or [""])[0].strip()
    return await run_in_threadpool(_code_article, request, text, date)


def _code_article(request: Request, text: str, date: str) -> HTMLResponse:
    import dyads

    errors = []
    if not text.strip():
        errors.append("Paste an article first.")
    if date:
        try:
            date = normalize_date(date) or ""      # the publication-date rule of dyads.dates.iso
        except ValueError:
            errors.append(f"not a date: {date!r} (use YYYY-MM-DD)")
    if len(text) > 200_000:
        errors.append("The playground codes articles of up to 200,000 characters; use `dyads extract` for more.")
    if errors:
        return render(request, "playground.html", status=422, text=text, date=date, doc=None, errors=errors)
    # one shared pipeline serves every request thread: it keeps no per-document state (issue 13)
    doc = dyads.extract(text, date=date or None, id="playground")
    return render(request, "playground.html", text=text, date=date, doc=doc, segments=highlight(doc),
                  rows=event_rows(doc), legend=HIGHLIGHTS)


# ------------------------------------------------------------------------------------ events

@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    flt, form, errors = parse_filter(request.query_params)
    order = request.query_params.get("sort", "-day")
    order = order if order in ("day", "-day") else "-day"
    size = _int(request.query_params.get("size"), 50)
    size = size if size in PAGE_SIZES else 50
    page = max(1, _int(request.query_params.get("page"), 1))
    store = store_of(request)
    flt.limit, flt.offset = size, (page - 1) * size
    try:
        rows = [] if errors else list(query.events(store, flt, order=order))
        total = 0 if errors else _count(store, flt)
    except ValueError as e:
        errors.append(str(e))
        rows, total = [], 0
    for r in rows:
        r["actors"], r["recipients"] = split_codes(r["actor_codes"]), split_codes(r["recipient_codes"])
    pages = max(1, math.ceil(total / size))
    state = {**form, "sort": order, "size": size}
    return render(request, "events.html", rows=rows, form=form, errors=errors, total=total, page=page, pages=pages,
                  size=size, sizes=PAGE_SIZES, order=order,
                  prev_qs=query_string(state, page=page - 1) if page > 1 else None,
                  next_qs=query_string(state, page=page + 1) if page < pages else None,
                  sort_qs={o: query_string({**form, "size": size}, sort=o) for o in ("day", "-day")})


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _count(store: Any, flt: EventFilter) -> int:
    stmt = query.event_select([func.count()], flt, store.backend, order=None, paginate=False)
    with store.engine.connect() as conn:
        return conn.execute(stmt).scalar_one()


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_detail(request: Request, event_id: str) -> HTMLResponse:
    """The event as `query.get_event` gives it (the API's event detail shows the same facts)."""
    e = query.get_event(store_of(request), event_id)
    if e is None:
        return render(request, "not_found.html", status=404, what=f"event {event_id}")
    record = e.pop("record") or {}
    article = dict(e["article"] or {"id": e["article_id"]})
    article["url"] = safe_url(article.get("url"))
    cluster = e["cluster"] if e["cluster"]["id"] is not None else None
    # every other report of the same real-world event, with each sentence that states it
    reports = [{"id": m["event_id"], "title": m["article"]["title"] or m["article"]["id"],
                "url": safe_url(m["article"]["url"]), "source": m["article"]["source"], "date": m["article"]["date"],
                "sentences": m["sentences"] or [m["sentence"]]}
               for m in (cluster or {}).get("members", []) if not m["this"]]
    return render(request, "event.html", e=e, record=record, article=article, participants=e["participants"],
                  sentences=_sentences(record), cluster=cluster, reports=reports)


def _sentences(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Each mention's sentence cut around its trigger, once per sentence."""
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for m in record.get("mentions") or []:
        sent, start = m.get("sentence") or "", m.get("sentence_start") or 0
        a, b = (m.get("trigger") or (start, start))[:2]
        a, b = a - start, b - start
        if m.get("sentence_index") in seen:
            continue
        seen.add(m.get("sentence_index"))
        ok = 0 <= a <= b <= len(sent)
        out.append({"before": sent[:a] if ok else sent, "trigger": sent[a:b] if ok else "",
                    "after": sent[b:] if ok else "", "paragraph": m.get("paragraph_index"),
                    "attribution": m.get("attribution")})
    return out


# -------------------------------------------------------------------------------------- dyad

@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request) -> HTMLResponse:
    p = request.query_params
    a, b = (p.get("a") or "").strip().upper(), (p.get("b") or "").strip().upper()
    by = p.get("by") if p.get("by") in query.PERIODS else "month"
    split = p.get("split") if p.get("split") in ("quad", "type") else "quad"
    flt, form, errors = parse_filter(p)
    store = store_of(request)
    choices = [t["code"] for t in query.top_actors(store, limit=40)]
    context: dict[str, Any] = {"a": a, "b": b, "by": by, "split": split, "choices": choices, "errors": errors,
                               "summary": None, "chart": None, "rows": [], "form": form,
                               "libraries": ["Chart.js"]}
    if a and b and not errors:
        if not (len(a) == 3 and a.isalpha() and len(b) == 3 and b.isalpha()):
            errors.append("Choose two three-letter codes, such as TUR and AZE.")
        else:
            context["summary"] = query.dyad(store, a, b, by=by, flt=flt)
            context["chart"], context["rows"] = _dyad_series(store, a, b, by, flt)
    return render(request, "dyad.html", **context)


def _dyad_series(store: Any, a: str, b: str, by: str, flt: EventFilter) -> tuple[dict[str, Any], list[dict]]:
    """Per period: counts per quad class and per type, and the mean PLOVER score; and the latest events.

    Uses the same dyad rows as `query.dyad`, so the charts count exactly what its summary counts."""
    dy = query.dyad_rows(store, a, b, flt, by)
    with store.engine.connect() as conn:
        groups = conn.execute(select(dy.c.period, dy.c.event, dy.c.quad_code, func.count(),
                                     func.sum(dy.c.event_scale), func.count(dy.c.event_scale))
                              .where(dy.c.period.is_not(None))
                              .group_by(dy.c.period, dy.c.event, dy.c.quad_code)).all()
        listed = conn.execute(select(dy.c.direction, *query.EVENT_COLUMNS).join(ev, ev.c.id == dy.c.id)
                              .order_by(ev.c.day.desc(), ev.c.id).limit(DYAD_LIST_LIMIT)).all()
    periods = sorted({g[0] for g in groups})
    at = {p: i for i, p in enumerate(periods)}
    quad = {q: [0] * len(periods) for q in query.QUADS}
    types: dict[str, list[int]] = {}
    score_sum, score_n = [0.0] * len(periods), [0] * len(periods)
    for period, event, qc, n, ps, n_ps in groups:
        i = at[period]
        if qc in quad:
            quad[qc][i] += n
        types.setdefault(event, [0] * len(periods))[i] += n
        score_sum[i] += ps or 0.0
        score_n[i] += n_ps
    chart = {"periods": periods,
             "quad": [{"label": f"{q} {QUAD_NAMES[q]}", "key": q, "data": quad[q]} for q in query.QUADS],
             "type": [{"label": t, "key": t, "data": d} for t, d in sorted(types.items(), key=lambda kv: -sum(kv[1]))],
             "score": [round(s / n, 2) if n else None for s, n in zip(score_sum, score_n)]}
    names = {"ab": f"{a}→{b}", "ba": f"{b}→{a}", "joint": f"{a}+{b}"}
    rows = []
    for r in listed:
        d = dict(r._mapping)
        d["direction"] = names.get(d["direction"], d["direction"])
        d["actors"], d["recipients"] = split_codes(d["actor_codes"]), split_codes(d["recipient_codes"])
        rows.append(d)
    return chart, rows


# --------------------------------------------------------------------------------------- map

@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    flt, form, errors = parse_filter(request.query_params)
    points: list[list[Any]] = []
    if not errors:
        store = store_of(request)
        flt.limit = MAP_LIMIT
        cols = [ev.c.id, ev.c.lat, ev.c.lon, ev.c.event, ev.c.quad_code, ev.c.day, ev.c.actor_codes,
                ev.c.recipient_codes, ev.c.place_name, ev.c.sentence]
        stmt = query.event_select(cols, flt, store.backend, order="-day").where(ev.c.lat.is_not(None),
                                                                               ev.c.lon.is_not(None))
        with store.engine.connect() as conn:
            # the sentence (cut short) goes into the marker's popup
            points = [[*r[:-1], _shorten(r[-1] or "", 160)] for r in conn.execute(stmt)]
    return render(request, "map.html", form=form, errors=errors, points=points, limit=MAP_LIMIT,
                  libraries=["Leaflet", "Leaflet.markercluster", "TopoJSON client", "world-atlas"])


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ----------------------------------------------------------------------------------- network

@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    flt, form, errors = parse_filter(request.query_params)
    n = min(max(_int(request.query_params.get("n"), 12), 2), 40)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    if not errors:
        store = store_of(request)
        top = query.top_actors(store, by="code", limit=n, flt=flt)
        nodes = [{"code": t["code"], "n": t["n_events"]} for t in top]
        edges = _edges(store, [t["code"] for t in top], flt)
    layout = _circle_layout(nodes, edges)
    return render(request, "network.html", form=form, errors=errors, n=n, **layout)


def _edges(store: Any, codes: list[str], flt: EventFilter) -> list[dict[str, Any]]:
    """Events between each pair of the given codes, counted as the dyad page counts them (one
    acts on the other, or both act together in an undirected event), split into cooperation
    (quad 1-2) and conflict (quad 3-4). Read from the dyad index, one range per code."""
    if len(codes) < 2:
        return []
    de = dyad_events
    source, where = query.dyad_source(flt, store.backend)
    where += [de.c.a.in_(codes), de.c.b.in_(codes), de.c.a < de.c.b]
    with store.engine.connect() as conn:
        rows = conn.execute(select(de.c.a, de.c.b, de.c.quad_code, func.count()).select_from(source)
                            .where(*where).group_by(de.c.a, de.c.b, de.c.quad_code)).all()
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b, qc, count in rows:
        e = out.setdefault((a, b), {"a": a, "b": b, "n": 0, "coop": 0, "conflict": 0})
        e["n"] += count
        if qc in (1, 2):
            e["coop"] += count
        elif qc in (3, 4):
            e["conflict"] += count
    for e in out.values():
        e["tone"] = "coop" if e["coop"] > e["conflict"] else "conflict" if e["conflict"] > e["coop"] else "mixed"
    return sorted(out.values(), key=lambda e: (-e["n"], e["a"], e["b"]))


def _circle_layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], size: int = 640) -> dict[str, Any]:
    """Nodes on a circle (the busiest first, at the top), sized by events; edges widened by count."""
    c, r = size / 2, size / 2 - 60
    top = max((nd["n"] for nd in nodes), default=1)
    for i, nd in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(nodes), 1)
        nd["x"], nd["y"] = round(c + r * math.cos(angle), 1), round(c + r * math.sin(angle), 1)
        nd["r"] = round(10 + 18 * math.sqrt(nd["n"] / top), 1)
        nd["lx"], nd["ly"] = round(c + (r + nd["r"] + 16) * math.cos(angle), 1), round(c + (r + nd["r"] + 16) * math.sin(angle) + 4, 1)
    pos = {nd["code"]: nd for nd in nodes}
    most = max((e["n"] for e in edges), default=1)
    for e in edges:
        e["x1"], e["y1"], e["x2"], e["y2"] = pos[e["a"]]["x"], pos[e["a"]]["y"], pos[e["b"]]["x"], pos[e["b"]]["y"]
        e["w"] = round(1.5 + 8 * math.log1p(e["n"]) / math.log1p(most), 1)
        e["mx"], e["my"] = round((e["x1"] + e["x2"]) / 2, 1), round((e["y1"] + e["y2"]) / 2 + 4, 1)
    return {"nodes": nodes, "edges": edges, "size": size}
