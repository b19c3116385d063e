"""Cross-article merging: reports of one real-world event become one cluster.

An incoming event joins an existing cluster when one of the cluster's events is a
*compatible report* of it (`compatible`), else it starts a new cluster. Compatible means:

1. the same PLOVER event type;
2. dates within a window set by their precision: reports of a day-precise event may
   differ by one day (time zones, "yesterday" written after midnight); week-precise by 7
   days, month-precise by 31; a date that is only the publication date (a fallback) by 2
   days; year-only dates never merge;
3. participants that fit: for CONSULT, AGREE and COOPERATE (no direction) the two events
   share at least two country codes, or have the same single one; otherwise actors share
   a code and, when both have recipients, recipients share a code;
4. no contradiction in names: when both name people in the same role, at least one name
   is shared;
5. no contradiction in place: when both have coordinates, they are within 200 km.

The link keeps the reason (`cluster_links.reason`): the rule, the event it matched, the
dates, window, codes, shared names and distance, so a merge can always be explained.
Cluster statistics (mentions, articles, distinct sources, first/last seen, the
best-evidenced date and place) are recomputed from its events whenever it changes, so
they stay right as articles arrive, are replaced or are removed.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Iterable, Mapping

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from dyads.geo import distance_km
from dyads.ontology import SYMMETRIC_EVENTS
from dyads.store.schema import articles, cluster_links, clusters, events

UNDIRECTED = SYMMETRIC_EVENTS   # CONSULT, AGREE, COOPERATE (plover.yaml)
WINDOW_DAYS = {"day": 1, "week": 7, "month": 31}
PUBLICATION_WINDOW = 2
MAX_PLACE_KM = 200.0
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _set(value: str | None) -> set[str]:
    return {x for x in (value or "").split("|") if x}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def window(a: Mapping[str, Any], b: Mapping[str, Any]) -> int | None:
    """Days two reports' dates may differ by, or None when their dates cannot be compared."""
    if "publication" in (a.get("date_source"), b.get("date_source")):
        return PUBLICATION_WINDOW
    wins = [WINDOW_DAYS.get(a.get("date_precision") or ""), WINDOW_DAYS.get(b.get("date_precision") or "")]
    if None in wins:
        return None
    return max(wins)


def compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any] | None:
    """Why event row `b` reports the same event as event row `a`, or None if it does not."""
    if a["event"] != b["event"]:
        return None
    da, db = _day(a.get("day")), _day(b.get("day"))
    win = window(a, b)
    if da is None or db is None or win is None or abs((da - db).days) > win:
        return None
    aa, ar, ba, br = (_set(a.get("actor_codes")), _set(a.get("recipient_codes")),
                      _set(b.get("actor_codes")), _set(b.get("recipient_codes")))
    if a["event"] in UNDIRECTED:
        ua, ub = aa | ar, ba | br
        shared = ua & ub
        if not (len(shared) >= 2 or (len(ua) == len(ub) == 1 and shared)):
            return None
        codes = sorted(shared)
    else:
        if not (aa & ba) or (ar and br and not (ar & br)):
            return None
        codes = sorted((aa & ba) | (ar & br))
    names_shared: list[str] = []
    for role in ("actor_names", "recipient_names"):
        na, nb = _set(a.get(role)), _set(b.get(role))
        if na and nb:
            common = na & nb
            # only people's names can contradict: "Turkey" vs "Turkish officials" is not a conflict
            if not common and _people(a, role) and _people(b, role):
                return None
            names_shared += sorted(common)
    km = None
    if a.get("lat") is not None and b.get("lat") is not None:
        km = distance_km((a["lat"], a["lon"]), (b["lat"], b["lon"]))
        if km > MAX_PLACE_KM:
            return None
    return {"rule": "same event", "event": a["event"], "matched": a["id"], "dates": [a.get("date"), b.get("date")],
            "window_days": win, "codes": codes, "names": names_shared,
            "place_km": None if km is None else round(km, 1)}


def _people(row: Mapping[str, Any], role: str) -> bool:
    return bool(row.get(role.replace("_names", "_people")))


def assign(conn: Connection, new_events: Iterable[Mapping[str, Any]], at: str) -> set[int]:
    """Put each new (asserted, dated) event into a cluster; returns the clusters touched."""
    touched: set[int] = set()
    for ev in new_events:
        if ev.get("aux_mode") or not ev.get("day"):
            continue            # negated, future, hypothetical or undated reports are no evidence
        best: tuple[int, dict[str, Any]] | None = None
        day = _day(ev["day"])
        lo, hi = (day - dt.timedelta(days=31)).isoformat(), (day + dt.timedelta(days=31)).isoformat()
        codes = sorted(_set(ev.get("actor_codes")) | _set(ev.get("recipient_codes")))
        if not codes:
            cands = []      # no country on either side: nothing to tell two reports apart by
        else:
            # only events sharing a country code can fit (rule 3); the pattern matches one code in "A|B|C"
            share = or_(*[c.like(f"%{code}%") for code in codes for c in (events.c.actor_codes,
                                                                           events.c.recipient_codes)])
            cands = conn.execute(
                select(events.c.id, events.c.event, events.c.date, events.c.date_precision, events.c.date_source,
                       events.c.day, events.c.actor_codes, events.c.recipient_codes, events.c.actor_names,
                       events.c.recipient_names, events.c.actor_people, events.c.recipient_people,
                       events.c.lat, events.c.lon, events.c.cluster_id)
                .where(and_(events.c.event == ev["event"], events.c.day >= lo, events.c.day <= hi,
                            events.c.cluster_id.is_not(None), events.c.article_id != ev["article_id"], share))
            ).mappings().all()
        for row in cands:
            why = compatible(row, ev)
            if why is None:
                continue
            score = len(why["codes"]) + len(why["names"]) + (1 if why["place_km"] is not None else 0) \
                - abs((_day(row["day"]) - day).days)
            if best is None or score > best[0]:
                best = (score, {**why, "cluster": row["cluster_id"]})
        if best is None:
            cid = conn.execute(insert(clusters).values(event=ev["event"], n_events=0, n_articles=0, n_sources=0,
                                                       updated_at=at)).inserted_primary_key[0]
            reason: dict[str, Any] = {"rule": "new cluster"}
        else:
            reason = best[1]
            cid = reason.pop("cluster")
        conn.execute(update(events).where(events.c.id == ev["id"]).values(cluster_id=cid))
        conn.execute(insert(cluster_links).values(event_id=ev["id"], cluster_id=cid, reason=reason, linked_at=at))
        touched.add(cid)
    return touched


def refresh(conn: Connection, cluster_ids: Iterable[int], at: str) -> None:
    """Recompute the statistics of these clusters from their events; drop the empty ones."""
    for cid in sorted(set(cluster_ids)):
        rows = conn.execute(
            select(events.c.date, events.c.date_precision, events.c.date_source, events.c.day, events.c.mode,
                   events.c.actor_codes, events.c.recipient_codes, events.c.actor_names, events.c.recipient_names,
                   events.c.place_name, events.c.lat, events.c.lon, events.c.place_country, events.c.article_id,
                   articles.c.source, articles.c.date.label("published"))
            .join(articles, articles.c.id == events.c.article_id)
            .where(events.c.cluster_id == cid)
        ).mappings().all()
        if not rows:
            conn.execute(delete(cluster_links).where(cluster_links.c.cluster_id == cid))
            conn.execute(delete(clusters).where(clusters.c.id == cid))
            continue
        # the best-evidenced date: the most reported among dates stated in the text, the most precise first
        stated = [r for r in rows if r["date_source"] in ("text", "context")] or list(rows)
        dates = Counter((r["date"], r["date_precision"], r["day"]) for r in stated if r["date"])
        date, precision, day = (max(dates.items(), key=lambda kv: (kv[1], -_PRECISION_RANK.get(kv[0][1] or "", 9)))[0]
                                if dates else (None, None, None))
        placed = Counter((r["place_name"], r["lat"], r["lon"], r["place_country"]) for r in rows if r["lat"] is not None)
        place = placed.most_common(1)[0][0] if placed else (None, None, None, None)
        published = sorted(r["published"] for r in rows if r["published"])
        modes = Counter(r["mode"] for r in rows if r["mode"])

        def joined(key: str) -> str | None:
            return "|".join(sorted(set().union(*(_set(r[key]) for r in rows)))) or None

        conn.execute(update(clusters).where(clusters.c.id == cid).values(
            mode=modes.most_common(1)[0][0] if modes else None, date=date, date_precision=precision, day=day,
            actor_codes=joined("actor_codes"), recipient_codes=joined("recipient_codes"),
            actor_names=joined("actor_names"), recipient_names=joined("recipient_names"),
            place_name=place[0], lat=place[1], lon=place[2], place_country=place[3],
            n_events=len(rows), n_articles=len({r["article_id"] for r in rows}),
            n_sources=len({r["source"] or r["article_id"] for r in rows}),
            first_seen=published[0] if published else None, last_seen=published[-1] if published else None,
            updated_at=at))


def clusters_of_articles(conn: Connection, article_ids: Iterable[str]) -> set[int]:
    ids = list(article_ids)
    if not ids:
        return set()
    return {r[0] for r in conn.execute(select(func.distinct(events.c.cluster_id))
                                       .where(events.c.article_id.in_(ids), events.c.cluster_id.is_not(None)))}


def explain(reason: Any) -> str | None:
    """A merge reason (`compatible`, stored in `cluster_links.reason`) in words."""
    if not isinstance(reason, dict):
        return None
    if reason.get("rule") == "new cluster":
        return "first report of this event: it started the cluster"
    if reason.get("rule") != "same event":
        return str(reason.get("rule"))
    parts = [f"same event type {reason.get('event')} as event {reason.get('matched')}"]
    dates = [d for d in reason.get("dates") or [] if d]
    if dates:
        parts.append(f"dates {' and '.join(dates)} within {reason.get('window_days')} day(s)")
    if reason.get("codes"):
        parts.append("shared country codes " + ", ".join(reason["codes"]))
    if reason.get("names"):
        parts.append("shared names " + ", ".join(reason["names"]))
    if reason.get("place_km") is not None:
        parts.append(f"places {reason['place_km']} km apart")
    return "; ".join(parts)
