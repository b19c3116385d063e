"""Alerts: once per rule and event cluster, across restarts; webhook outbox; Atom feeds.

* `scan` looks at the clusters changed since the last scan (a watermark in `watch_state`, with a
  margin so a batch committed late by another process is not missed) and, per rule, at those
  holding a matching event. The first match of a (rule, cluster) writes a row in `watch_matches`
  (its primary key makes the alert happen once, even with two watchers), an alert ("new") and,
  when the rule has a webhook, an outbox row, all in one transaction. When more sources join the
  cluster later, an alert of kind "update" follows; nothing else does.
* `deliver` POSTs due outbox rows; a failure (timeout, connection error, non-2xx) is retried
  later with exponential backoff, so no alert is lost to a webhook that is down.
* `atom_feed` renders a rule's alerts: one entry per cluster, updated in place by updates.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any, Iterable
from xml.etree import ElementTree as ET

import httpx
from sqlalchemy import exc as sa_exc
from sqlalchemy import Connection, insert, select, update

from dyads.store.db import Store
from dyads.store.rows import now
from dyads.store.schema import (articles, clusters, events, watch_alerts, watch_matches, watch_outbox, watch_rules,
                                watch_state)
from dyads.watch.rules import Rule, matching_clusters

log = logging.getLogger("dyads.watch.alerts")

WATERMARK = "alerts.watermark"
MARGIN = dt.timedelta(minutes=5)       # re-check this far back: other writers commit late
WEBHOOK_BACKOFF = 2.0                  # seconds before the first redelivery; doubles, up to the cap
WEBHOOK_MAX_BACKOFF = 3600.0
MAX_ARTICLES = 20                      # articles listed in one payload
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass
class Alert:
    id: int
    rule: str
    cluster_id: int
    kind: str                          # new | update
    payload: dict[str, Any]


class _Raced(Exception):
    pass


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(select(watch_state.c.value).where(watch_state.c.key == key)).scalar_one_or_none()


def set_state(conn: Connection, key: str, value: str) -> None:
    if conn.execute(update(watch_state).where(watch_state.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(watch_state).values(key=key, value=value))


def register_rules(store: Store, rules: Iterable[Rule]) -> None:
    """Record the rules (for the Atom feeds' titles, and so an unknown feed name is a 404)."""
    at = now()
    with store.engine.begin() as conn:
        for r in rules:
            vals = {"name": r.name, "definition": r.definition(), "updated_at": at}
            if conn.execute(update(watch_rules).where(watch_rules.c.id == r.id).values(**vals)).rowcount == 0:
                conn.execute(insert(watch_rules).values(id=r.id, **vals))


def start_watermark(store: Store) -> None:
    """A first start alerts on what arrives from now on, not on the whole history of the store."""
    with store.engine.begin() as conn:
        if get_state(conn, WATERMARK) is None:
            set_state(conn, WATERMARK, now())


def _payload(conn: Connection, rule: Rule, c: dict[str, Any], kind: str, previous: int | None, at: str,
             alert_id: int) -> dict[str, Any]:
    arts = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.url, articles.c.publisher, articles.c.source,
               articles.c.date).distinct()
        .join(events, events.c.article_id == articles.c.id).where(events.c.cluster_id == c["id"])
        .order_by(articles.c.date, articles.c.id).limit(MAX_ARTICLES)).mappings().all()
    sentence = conn.execute(select(events.c.sentence).where(events.c.cluster_id == c["id"])
                            .order_by(events.c.id).limit(1)).scalar_one_or_none()

    def codes(v: str | None) -> list[str]:
        return [x for x in (v or "").split("|") if x]

    return {
        "alert_id": alert_id, "kind": kind, "at": at,
        "rule": {"id": rule.id, "name": rule.name},
        "cluster": {
            "id": c["id"], "event": c["event"], "mode": c["mode"], "date": c["date"],
            "actors": codes(c["actor_codes"]), "recipients": codes(c["recipient_codes"]),
            "actor_names": codes(c["actor_names"]), "recipient_names": codes(c["recipient_names"]),
            "place": ({"name": c["place_name"], "country": c["place_country"], "lat": c["lat"], "lon": c["lon"]}
                      if c["place_name"] or c["place_country"] else None),
            "n_sources": c["n_sources"], "n_articles": c["n_articles"], "n_events": c["n_events"],
            "first_seen": c["first_seen"], "last_seen": c["last_seen"],
        },
        "previous_n_sources": previous,
        "sentence": sentence,
        "articles": [dict(a) for a in arts],
    }


def _fire(store: Store, rule: Rule, c: dict[str, Any], webhook: str | None) -> Alert | None:
    """Alert (new or update) for `rule` on cluster `c` unless already done; one transaction."""
    at = now()
    try:
        with store.engine.begin() as conn:
            known = conn.execute(select(watch_matches.c.n_sources).where(
                watch_matches.c.rule == rule.id, watch_matches.c.cluster_id == c["id"])).first()
            if known is not None and c["n_sources"] <= known[0]:
                return None
            kind = "new" if known is None else "update"
            alert_id = conn.execute(insert(watch_alerts).values(
                rule=rule.id, cluster_id=c["id"], kind=kind, n_sources=c["n_sources"], at=at,
                payload={})).inserted_primary_key[0]
            payload = _payload(conn, rule, c, kind, None if known is None else known[0], at, alert_id)
            conn.execute(update(watch_alerts).where(watch_alerts.c.id == alert_id).values(payload=payload))
            if known is None:
                conn.execute(insert(watch_matches).values(
                    rule=rule.id, cluster_id=c["id"], n_sources=c["n_sources"], n_articles=c["n_articles"],
                    first_at=at, last_at=at, last_alert_id=alert_id))
            else:
                done = conn.execute(update(watch_matches).where(
                    watch_matches.c.rule == rule.id, watch_matches.c.cluster_id == c["id"],
                    watch_matches.c.n_sources == known[0]).values(
                    n_sources=c["n_sources"], n_articles=c["n_articles"], last_at=at, last_alert_id=alert_id))
                if done.rowcount == 0:
                    raise _Raced()      # another watcher signalled this update since we read the row
            if webhook:
                conn.execute(insert(watch_outbox).values(alert_id=alert_id, url=webhook, attempts=0, next_at=at,
                                                         created_at=at))
    except (sa_exc.IntegrityError, _Raced):
        return None         # another watcher alerted on this cluster first; the transaction is undone
    return Alert(alert_id, rule.id, c["id"], kind, payload)


def scan(store: Store, rules: Iterable[Rule], webhook: str | None = None) -> list[Alert]:
    """Alert on the clusters changed since the last scan that rules match (see the module doc)."""
    rules = list(rules)
    started = dt.datetime.now(dt.timezone.utc)
    with store.engine.connect() as conn:
        mark = get_state(conn, WATERMARK)
    if mark is None:
        start_watermark(store)      # never scanned: the history of the store is no news
        return []
    since = _iso(dt.datetime.fromisoformat(mark) - MARGIN)
    with store.engine.connect() as conn:
        changed = {r["id"]: dict(r) for r in conn.execute(select(clusters).where(clusters.c.updated_at >= since))
                   .mappings()}
        matches = {rule.id: matching_clusters(conn, rule, changed, store.backend) for rule in rules} \
            if changed else {}
    fired: list[Alert] = []
    for rule in rules:
        for cid in sorted(matches.get(rule.id, ())):
            alert = _fire(store, rule, changed[cid], rule.webhook or webhook)
            if alert is not None:
                fired.append(alert)
    with store.engine.begin() as conn:
        set_state(conn, WATERMARK, _iso(started))
    return fired


def _backoff(attempts: int) -> float:
    return min(WEBHOOK_BACKOFF * 2 ** max(attempts - 1, 0), WEBHOOK_MAX_BACKOFF)


def deliver(store: Store, client: httpx.Client, *, timeout: float = 10.0, limit: int = 100) -> tuple[int, int]:
    """POST the due outbox rows (oldest first); returns (delivered, failed). Failures are retried
    by a later call after a backoff, forever: an alert is never dropped."""
    at = now()
    with store.engine.connect() as conn:
        due = conn.execute(
            select(watch_outbox.c.id, watch_outbox.c.url, watch_outbox.c.attempts, watch_alerts.c.payload)
            .join(watch_alerts, watch_alerts.c.id == watch_outbox.c.alert_id)
            .where(watch_outbox.c.delivered_at.is_(None), watch_outbox.c.next_at <= at)
            .order_by(watch_outbox.c.id).limit(limit)).all()
    ok = bad = 0
    for row_id, url, attempts, payload in due:
        status, error = None, None
        try:
            resp = client.post(url, content=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                               headers={"Content-Type": "application/json",
                                        "X-Dyads-Alert": str(payload.get("alert_id"))},   # receivers may dedupe
                               timeout=timeout)
            status = resp.status_code
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        done = now()
        with store.engine.begin() as conn:
            if error is None:
                conn.execute(update(watch_outbox).where(watch_outbox.c.id == row_id).values(
                    attempts=attempts + 1, delivered_at=done, status_code=status, last_error=None))
                ok += 1
            else:
                wait = _backoff(attempts + 1)
                nxt = _iso(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=wait))
                conn.execute(update(watch_outbox).where(watch_outbox.c.id == row_id).values(
                    attempts=attempts + 1, next_at=nxt, status_code=status, last_error=error))
                log.warning("webhook %s failed (attempt %d): %s; retrying in %.0f s", url, attempts + 1, error, wait,
                            extra={"webhook": url, "alert_id": payload.get("alert_id")})
                bad += 1
    return ok, bad


def format_alert(alert: Alert) -> str:
    """One line for a terminal: what, who, when, how many sources, the first link."""
    c = alert.payload["cluster"]
    who = "+".join(c["actors"]) or "?"
    if c["recipients"]:
        who += " -> " + "+".join(c["recipients"])
    link = next((a["url"] for a in alert.payload["articles"] if a.get("url")), "")
    tag = "NEW" if alert.kind == "new" else "UPDATE"
    return (f"[{alert.rule}] {tag} {c['event']} {who} {c['date'] or '?'} "
            f"({c['n_sources']} source{'s' if c['n_sources'] != 1 else ''}) cluster {c['id']} {link}").rstrip()


# ------------------------------------------------------------------------------------- Atom

def _title(p: dict[str, Any]) -> str:
    c = p["cluster"]
    who = " and ".join(c["actor_names"][:3] or c["actors"]) or "unknown actors"
    if c["recipients"]:
        who += " -> " + " and ".join(c["recipient_names"][:3] or c["recipients"])
    n = c["n_sources"]
    return f"{c['event']}: {who}, {c['date'] or 'undated'} ({n} source{'s' if n != 1 else ''})"


def atom_feed(store: Store, rule_id: str, *, self_url: str | None = None, limit: int = 50) -> str | None:
    """The Atom feed of a rule's alerts (newest first), or None when no rule has that id."""
    with store.engine.connect() as conn:
        rule = conn.execute(select(watch_rules.c.name).where(watch_rules.c.id == rule_id)).first()
        if rule is None:
            return None
        rows = conn.execute(
            select(watch_matches.c.cluster_id, watch_matches.c.first_at, watch_matches.c.last_at,
                   watch_alerts.c.kind, watch_alerts.c.payload)
            .join(watch_alerts, watch_alerts.c.id == watch_matches.c.last_alert_id)
            .where(watch_matches.c.rule == rule_id)
            .order_by(watch_matches.c.last_at.desc(), watch_matches.c.cluster_id.desc()).limit(limit)).all()
    ET.register_namespace("", ATOM_NS)

    def sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", f"urn:dyads:watch:{rule_id}")
    sub(feed, "title", f"dyads alerts: {rule[0]}")
    sub(feed, "updated", rows[0][2] if rows else "1970-01-01T00:00:00+00:00")
    sub(sub(feed, "author"), "name", "dyads")
    sub(feed, "generator", "dyads watch")
    if self_url:
        sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    for cluster_id, first_at, last_at, kind, p in rows:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:dyads:watch:{rule_id}:cluster:{cluster_id}")    # an update keeps the id
        sub(entry, "title", ("Update: " if kind == "update" else "") + _title(p))
        sub(entry, "published", first_at)
        sub(entry, "updated", last_at)
        for a in p.get("articles", []):
            if a.get("url"):
                sub(entry, "link", rel="related", href=a["url"], title=a.get("title"))
        first_url = next((a["url"] for a in p.get("articles", []) if a.get("url")), None)
        if first_url:
            sub(entry, "link", rel="alternate", href=first_url)
        sub(entry, "category", term=p["cluster"]["event"])
        sources = ", ".join(dict.fromkeys(a.get("source") or a.get("publisher") or "" for a in p.get("articles", [])
                                          if a.get("source") or a.get("publisher")))
        summary = (p.get("sentence") or "") + (f"\n\nSources: {sources}" if sources else "")
        sub(entry, "summary", summary.strip() or _title(p), type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")
