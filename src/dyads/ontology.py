"""The PLOVER ontology as data: event types, quad classes, modes and how the coder treats
each event, all read from ``dyads/data/plover.yaml`` (defined there once).

A neutral module: it imports nothing from dyads, so any layer (events, store, web, watch,
evaluation) can use it without pulling in another. The file's shape is checked when it is
loaded; a missing or unknown per-event property is an error naming the file.

    >>> EVENTS[:3], QUAD_NAMES[4]
    (('AGREE', 'CONSULT', 'SUPPORT'), 'material conflict')
    >>> sorted(SYMMETRIC_EVENTS), quad_code("ASSAULT"), requested_mode("CONSULT")
    (['AGREE', 'CONSULT', 'COOPERATE'], 4, 'meet')
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "EVENTS", "QUAD_NAMES", "SYMMETRIC_EVENTS", "BOOLEAN_PROPERTIES", "PROPERTIES", "PLOVER_FILE",
    "plover_data", "event_entry", "quad_code", "modes", "recipient_prepositions", "events_with", "requested_mode",
]

PLOVER_FILE = Path(__file__).resolve().parent / "data" / "plover.yaml"

#: per-event yes/no properties of the `coding:` block (see the header of plover.yaml)
BOOLEAN_PROPERTIES: tuple[str, ...] = (
    "symmetric", "cooperative", "material_conflict", "place_is_target", "of_is_recipient", "needs_counterpart", "thing_recipient",
)
#: every key of an event's `coding:` block
PROPERTIES: tuple[str, ...] = BOOLEAN_PROPERTIES + ("recipient_prepositions", "requested_mode")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _problem(msg: str) -> ValueError:
    return ValueError(f"{PLOVER_FILE.name}: {msg}")


def check(data: Any) -> list[str]:
    """Problems with the shape of a loaded plover.yaml (empty when it is well formed)."""
    out: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("events"), dict) or not data["events"]:
        return ["no `events:` mapping"]
    quads = data.get("quads")
    if not isinstance(quads, dict) or sorted(quads) != [1, 2, 3, 4] or not all(
            isinstance(v, str) and v for v in quads.values()):
        out.append("`quads:` must name the quad classes 1 to 4")
    for name, ev in data["events"].items():
        if not isinstance(name, str) or name != name.upper() or not isinstance(ev, dict):
            out.append(f"event {name!r}: expected an upper-case name with a mapping")
            continue
        if ev.get("quad") not in (1, 2, 3, 4):
            out.append(f"{name}: quad must be 1, 2, 3 or 4")
        if not isinstance(ev.get("modes"), dict):
            out.append(f"{name}: `modes:` must be a mapping (`{{}}` for none)")
        coding = ev.get("coding")
        if not isinstance(coding, dict):
            out.append(f"{name}: no `coding:` block")
            continue
        unknown = sorted(set(coding) - set(PROPERTIES))
        missing = [p for p in PROPERTIES if p not in coding]
        if unknown:
            out.append(f"{name}: unknown coding properties {unknown} (known: {', '.join(PROPERTIES)})")
        if missing:
            out.append(f"{name}: missing coding properties {missing}")
        for p in BOOLEAN_PROPERTIES:
            if p in coding and not isinstance(coding[p], bool):
                out.append(f"{name}: {p} must be true or false")
        preps = coding.get("recipient_prepositions")
        if "recipient_prepositions" in coding and not (
                isinstance(preps, list) and all(isinstance(x, str) and x.isalpha() and x.islower() for x in preps)):
            out.append(f"{name}: recipient_prepositions must be a list of lower-case words (quote \"on\")")
        rm = coding.get("requested_mode")
        if rm is not None:
            for asker in ("REQUEST", "REJECT"):
                if rm not in ((data["events"].get(asker) or {}).get("modes") or {}):
                    out.append(f"{name}: requested_mode {rm!r} is not a mode of {asker}")
    return out


@functools.cache
def plover_data() -> dict[str, Any]:
    """plover.yaml as loaded (shared; do not modify). Raises ValueError if malformed."""
    data = yaml.load(PLOVER_FILE.read_text(encoding="utf-8"), Loader=_Loader)
    problems = check(data)
    if problems:
        raise _problem("; ".join(problems))
    return data


def _events() -> dict[str, Any]:
    return plover_data()["events"]


def event_entry(event: str) -> dict[str, Any]:
    """An event's entry of plover.yaml (quad, score, modes, cameo, coding); ValueError if unknown."""
    key = (event or "").strip().upper()
    try:
        return _events()[key]
    except KeyError:
        raise ValueError(f"unknown PLOVER event: {event!r}") from None


#: the 16 PLOVER event types, in the manual's order
EVENTS: tuple[str, ...] = tuple(_events())
#: quad class -> name: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD_NAMES: dict[int, str] = {int(k): str(v) for k, v in plover_data()["quads"].items()}


def quad_code(event: str) -> int:
    """PLOVER quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    return int(event_entry(event)["quad"])


def modes(event: str) -> tuple[str, ...]:
    """The modes PLOVER allows for an event (empty for events without modes)."""
    return tuple(event_entry(event)["modes"])


def recipient_prepositions(event: str) -> tuple[str, ...]:
    """Prepositions that introduce the recipient of `event` when a trigger names none of its own."""
    return tuple(event_entry(event)["coding"]["recipient_prepositions"])


@functools.cache
def events_with(prop: str) -> frozenset[str]:
    """The events for which the yes/no coding property `prop` is true (see plover.yaml)."""
    if prop not in BOOLEAN_PROPERTIES:
        raise KeyError(f"unknown event property {prop!r} in {PLOVER_FILE.name} "
                       f"(yes/no properties: {', '.join(BOOLEAN_PROPERTIES)})")
    return frozenset(name for name, ev in _events().items() if ev["coding"][prop])


def requested_mode(event: str) -> str | None:
    """The REQUEST/REJECT mode when `event` is what is asked for or refused ("urged X to
    meet": REQUEST/meet; "refused aid": REJECT/assist); None when PLOVER has none for it."""
    return event_entry(event)["coding"]["requested_mode"]


#: events with no direction: every participant is an actor (CONSULT, AGREE, COOPERATE)
SYMMETRIC_EVENTS: frozenset[str] = events_with("symmetric")
