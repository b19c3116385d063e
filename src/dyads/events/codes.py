"""Stage: CAMEO code, Goldstein value, PLOVER score and quad class of each event.

A mode the event type does not have is dropped first; the trigger's CAMEO hint is used
when it still names the event's type (see `events.cameo.cameo_for`).
"""
from __future__ import annotations

from dyads.events import cameo
from dyads.state import CodingState


class EventCodes:
    name = "codes"

    def __init__(self) -> None:
        cameo.cameo_for("CONSULT")     # load the CAMEO/PLOVER tables now, not inside the first document

    def __call__(self, state: CodingState) -> None:
        for found in state.found:
            ev, entry = found.event, found.raw.entry
            if ev.mode and not cameo.validate(ev.event, ev.mode):
                ev.mode = None
            hint = entry.cameo if entry.event == ev.event else None
            code = cameo.cameo_for(ev.event, ev.mode, ev.context, hint=hint)
            ev.cameo = code
            ev.goldstein = cameo.goldstein(code) if code else None
            ev.event_scale = cameo.plover_score(ev.event, ev.mode)
            ev.quad_code = cameo.quad_code(ev.event)
