"""From a coded `Document` to the store's rows (plain dicts for SQLAlchemy Core inserts)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from dyads.model import Document, Event
from dyads.text import fold

_WS = re.compile(r"\s+")


def content_hash(doc: Document) -> str:
    """SHA-256 of the article's text with whitespace normalized (the same story re-sent with
    other line breaks is the same content)."""
    return hashlib.sha256(_WS.sub(" ", doc.text).strip().encode("utf-8")).hexdigest()


def first_day(value: str | None) -> str | None:
    """The first day a TIMEX value covers: `2023-W08` -> 2023-02-20, `2023-02` -> 2023-02-01."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return f"{value}-01"
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-01-01"
    except ValueError:
        return None
    return None


def article_source(doc: Document) -> str | None:
    """Who reported the article: its publisher, else the first agency it credits."""
    return doc.publisher or (doc.credited[0] if doc.credited else None)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _codes(entities) -> str:
    return "|".join(sorted({e.code for e in entities if e.code}))


def _names(entities) -> str:
    return "|".join(dict.fromkeys((e.name or e.text) for e in entities if (e.name or e.text)))


def article_row(doc: Document, digest: str, at: str) -> dict[str, Any]:
    return {"id": doc.id, "content_hash": digest, "title": doc.title, "url": doc.url, "publisher": doc.publisher,
            "source": article_source(doc), "credited": "|".join(doc.credited) or None, "date": doc.date,
            "language": doc.language, "n_events": len(doc.events), "ingested_at": at}


def _folded(text: str | None) -> str | None:
    """The form name filters search: accents and case folded ("Erdoğan" -> "erdogan")."""
    return fold(text) if text else None


def event_row(doc: Document, ev: Event) -> dict[str, Any]:
    place = ev.place or {}
    first = ev.mentions[0] if ev.mentions else None
    return {
        "id": ev.id, "article_id": doc.id, "cluster_id": None, "event": ev.event, "mode": ev.mode,
        "contexts": "|".join(ev.context) or None, "aux_mode": ev.aux_mode, "quad_code": ev.quad_code,
        "cameo": ev.cameo, "goldstein": ev.goldstein, "event_scale": ev.event_scale,
        "confidence": round(ev.confidence, 3), "date": ev.date, "date_precision": ev.date_precision,
        "date_source": ev.date_source, "day": first_day(ev.date),
        "actor_codes": _codes(ev.actor) or None, "recipient_codes": _codes(ev.recipient) or None,
        "actor_sectors": "|".join(sorted({e.sector for e in ev.actor if e.sector})) or None,
        "recipient_sectors": "|".join(sorted({e.sector for e in ev.recipient if e.sector})) or None,
        "actor_names": _names(ev.actor) or None, "recipient_names": _names(ev.recipient) or None,
        "actor_people": _names(e for e in ev.actor if e.kind == "person") or None,
        "recipient_people": _names(e for e in ev.recipient if e.kind == "person") or None,
        "place_name": place.get("resolved_place") or place.get("extracted_place"),
        "actor_names_folded": _folded(_names(ev.actor)), "recipient_names_folded": _folded(_names(ev.recipient)),
        "place_name_folded": _folded(place.get("resolved_place") or place.get("extracted_place")),
        "place_geonameid": place.get("geonameid"), "lat": place.get("lat"), "lon": place.get("lon"),
        "place_country": place.get("country_code"), "place_kind": place.get("feature_class"),
        "location_source": ev.location_source, "sentence": first.sentence if first else None,
        "record": ev.to_dict(doc),
    }


def participant_rows(ev: Event) -> list[dict[str, Any]]:
    out = []
    for role, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
        for i, e in enumerate(ents):
            out.append({"event_id": ev.id, "role": role, "position": i, "text": e.text, "name": e.name,
                        "code": e.code, "sector": e.sector, "kind": e.kind, "office": e.office,
                        "country_inferred": int(bool(e.country_inferred))})
    return out


def mention_rows(ev: Event) -> list[dict[str, Any]]:
    return [{"event_id": ev.id, "position": i, "sentence_index": m.sentence_index,
             "paragraph_index": m.paragraph_index, "trigger_start": m.trigger[0], "trigger_end": m.trigger[1],
             "attribution": m.attribution, "sentence": m.sentence} for i, m in enumerate(ev.mentions)]


def place_rows(doc: Document) -> list[dict[str, Any]]:
    out, seen = [], set()
    for m in doc.mentions:
        if m.kind != "place" or m.start in seen:
            continue
        seen.add(m.start)
        v = m.value or {}
        out.append({"article_id": doc.id, "start": m.start, "end": m.end, "text": m.text, "name": v.get("name"),
                    "geonameid": v.get("geonameid"), "lat": v.get("lat"), "lon": v.get("lon"),
                    "country": v.get("country") or None, "kind": v.get("kind"), "use": v.get("use")})
    return out
