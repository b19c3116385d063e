"""The `dyad_events` table: one row per event and ordered pair of its country codes.

A dyad summary (`query.dyad`) reads one index range of it instead of joining two codes'
participant rows to the events. Rows are made when an event is stored (`ingest`), deleted with
it (foreign-key cascade), and `index_dyads` (re)builds them for events written some other way:
bulk loaders, hand-made test stores. (Migration 0004, which created the table, fills it with
its own copy of this, in the column names of its time, from `pairs`.)
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import Connection, delete, insert, select

from dyads.store.cluster import UNDIRECTED
from dyads.store.schema import dyad_events, participants
from dyads.store.schema import events as ev

CHUNK = 5000


def pairs(event: str, parts: Iterable[tuple[str, str | None]]) -> list[tuple[str, str, str]]:
    """The ordered pairs (a, b, direction) of an event of type `event` with participants
    `parts` ((role, code) each), as `query.dyad` counts them; a == b is included (domestic
    events). Directions: "ab" a is an actor and b a recipient, "ba" the reverse, "joint" both
    are actors of an undirected event (CONSULT, AGREE, COOPERATE). Pure: no column names, so
    that migrations can use it whatever the schema of their time."""
    roles: dict[str, int] = {}
    for role, code in parts:
        if code:
            roles[code] = roles.get(code, 0) | (1 if role == "actor" else 2)
    out = []
    for a, ra in roles.items():
        for b, rb in roles.items():
            if ra & 1 and rb & 2:
                direction = "ab"
            elif rb & 1 and ra & 2:
                direction = "ba"
            elif ra & 1 and rb & 1 and event in UNDIRECTED:
                direction = "joint"
            else:
                continue
            out.append((a, b, direction))
    return out


def dyad_rows(event: dict[str, Any], parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dyad_events rows of a stored event row and its participant rows: one per ordered pair
    of its codes (`pairs`), with the event's counted fields."""
    return [{"a": a, "b": b, "event_id": event["id"], "direction": direction, "event": event["event"],
             "quad_code": event["quad_code"], "day": event["day"], "event_scale": event["event_scale"],
             "goldstein": event["goldstein"], "aux_mode": event["aux_mode"]}
            for a, b, direction in pairs(event["event"], ((p["role"], p["code"]) for p in parts))]


def index_dyads(conn: Connection, event_ids: Iterable[str] | None = None) -> int:
    """Write the dyad_events rows of the given events (default: all), replacing any they had.
    Returns the number of rows written. Works through the events a chunk at a time."""
    if event_ids is None:
        conn.execute(delete(dyad_events))
        ids = list(conn.execute(select(ev.c.id).order_by(ev.c.id)).scalars())
    else:
        ids = list(event_ids)
    written = 0
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        if event_ids is not None:
            conn.execute(delete(dyad_events).where(dyad_events.c.event_id.in_(chunk)))
        found: dict[str, dict[str, Any]] = {}
        parts: dict[str, list[dict[str, Any]]] = {}
        for r in conn.execute(select(ev.c.id, ev.c.event, ev.c.quad_code, ev.c.day, ev.c.event_scale,
                                     ev.c.goldstein, ev.c.aux_mode, participants.c.role, participants.c.code)
                              .join(participants, participants.c.event_id == ev.c.id)
                              .where(ev.c.id.in_(chunk), participants.c.code.is_not(None))):
            found.setdefault(r.id, {"id": r.id, "event": r.event, "quad_code": r.quad_code, "day": r.day,
                                    "event_scale": r.event_scale, "goldstein": r.goldstein,
                                    "aux_mode": r.aux_mode})
            parts.setdefault(r.id, []).append({"role": r.role, "code": r.code})
        rows = [row for eid in sorted(found) for row in dyad_rows(found[eid], parts[eid])]
        if rows:
            conn.execute(insert(dyad_events), rows)
            written += len(rows)
    return written
