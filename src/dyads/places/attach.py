"""Stage: each event's location, by evidence.

1. A place the clause attaches to the trigger ("clashed in X", "talks at the Y Palace in X")
   -> `location_source` "text"; so is a place after "in"/"at" anywhere in the sentence.
2. Else, for aid, the place of its recipient ("sent aid to Turkey") -> "recipient".
3. Else, for the story's main event (told in its lead paragraph), the dateline's place -> "dateline".
4. Else the place of the sentence nearest the trigger, unless it is what the sentence is about
   ("talks about Chad") -> "sentence".
5. Else the last locality named earlier in the paragraph -> "paragraph".
6. Else no location.
A metonym ("Ankara said") and the event's own participants are never its location, but a
place after "in" inside a participant's phrase is ("protesters in X").
"""
from __future__ import annotations

import re

from dyads.model import Event
from dyads.places import find as place_finder
from dyads.places.mentions import names_a_topic
from dyads.places.resolve import PlaceMention
from dyads.state import CodingState, FoundEvent
from dyads.vocabulary import words

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ATTACHING_PREPOSITIONS = words("event_place_prepositions")
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.I)
# what a place after these words is: the matter talked about ("about Chad", "over Kashmir")
TOPIC_BEFORE = re.compile(r"\b(?:about|over|regarding|concerning|on|toward|towards|against)\s+(?:the\s+)?$", re.I)
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# event types whose location is their recipient's place when the text states none
DELIVERED_TO_RECIPIENT = frozenset({"AID"})


def _after_locative(text: str, m: PlaceMention) -> bool:
    return bool(LOCATIVE_BEFORE.search(text[max(0, m.start - 16):m.start]))


def _attached_place(found: FoundEvent, located: list[PlaceMention]) -> PlaceMention | None:
    """A place entity the parse attaches to the trigger or to its verb."""
    trig = found.raw.trigger
    verb = trig
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    off = found.sentence.offset
    for ent in found.sentence.doc.ents:
        if ent.label_ not in PLACE_LABELS and not place_finder.is_facility(ent.text, ent.label_):
            continue
        r = ent.root
        if (r.dep_ == "pobj" and r.head.lower_ in ATTACHING_PREPOSITIONS and r.head.head in (trig, verb)) \
                or (r.dep_ == "compound" and r.head is trig):
            # "marched in X": the place is where, even when the coder also made it the target
            a, b = off + ent.start_char, off + ent.end_char
            chosen = next((m for m in located if a <= m.start and m.end <= b), None)
            if chosen is not None:
                return chosen
    return None


def _topic_or_owner(text: str, m: PlaceMention) -> bool:
    """A place the sentence is about or an owner, not where it happens: "talks in Cairo about
    Chad", "the dispute over Kashmir", "the Iran arms scandal", "announced by Qatar's foreign
    ministry"."""
    return bool(TOPIC_BEFORE.search(text[max(0, m.start - 24):m.start])) or names_a_topic(m, text) \
        or bool(POSSESSIVE_AFTER.match(text[m.end:m.end + 3]))


def _recipient_place(state: CodingState, ev: Event, located: list[PlaceMention]) -> PlaceMention | None:
    """Aid goes where its recipient is: "Azerbaijan sent aid to Turkey" happened in Turkey."""
    if ev.event not in DELIVERED_TO_RECIPIENT:
        return None
    for e in ev.recipient:
        if e.start is None or e.kind not in ("country", "place"):
            continue
        m = next((m for m in located if m.start <= e.start < m.end or e.start <= m.start < e.end), None)
        if m is not None:
            return m
    return None


def _dateline(state: CodingState, found: FoundEvent, located: list[PlaceMention]) -> PlaceMention | None:
    """The dateline's place, for the story's main event: one told in the lead paragraph."""
    sent = state.doc.sentences[found.sentence.index]
    if sent.paragraph_index > state.doc.sentences[0].paragraph_index + 1:
        return None
    line = next((m for m in located if m.label == "DATELINE" and m.place.kind != "landmark"), None)
    return line if line is not None and line.start < sent.end else None


def _located(state: CodingState) -> tuple[list[PlaceMention], dict[int | None, list[PlaceMention]]]:
    """The document's places that can locate an event (literal, with a point): all of them, and
    by paragraph (found once per document, so that long documents stay linear)."""
    def build() -> tuple[list[PlaceMention], dict[int | None, list[PlaceMention]]]:
        located = [m for m in state.event_places if m.place is not None and m.place.lat is not None
                   and not m.metonym and not m.modifier]
        by_paragraph: dict[int | None, list[PlaceMention]] = {}
        for m in located:
            by_paragraph.setdefault(state.index.paragraph_at(m.start), []).append(m)
        return located, by_paragraph
    return state.derived(("located", len(state.event_places)), build)


def event_place(state: CodingState, found: FoundEvent) -> tuple[PlaceMention | None, str | None]:
    ev, text = found.event, state.text
    sent = state.doc.sentences[found.sentence.index]
    parts = [(e.start, e.end) for e in ev.actor + ev.recipient if e.start is not None and e.kind != "place"]
    everywhere, by_paragraph = _located(state)
    # what can locate this event lies in its paragraph (the dateline aside, read from all of them)
    located = by_paragraph.get(sent.paragraph_index, [])
    # a participant's own place is not where ("aid to X", "X's president"), but a place after
    # "in" inside its phrase is
    usable = [m for m in located if not any(a <= m.start and m.end <= b for a, b in parts)
              or _after_locative(text, m)]
    chosen = _attached_place(found, located)
    if chosen is not None:
        return chosen, "text"
    t0 = found.sentence.offset + found.raw.trigger.idx
    here = [m for m in usable if sent.start <= m.start < sent.end]
    inside = [m for m in here if _after_locative(text, m)]
    if inside:
        # "in X" somewhere in the sentence: stated, if not by the parse
        return min(inside, key=lambda m: abs(m.start - t0)), "text"
    chosen = _recipient_place(state, ev, located)
    if chosen is not None:
        return chosen, "recipient"
    chosen = _dateline(state, found, everywhere)
    if chosen is not None:
        return chosen, "dateline"
    here = [m for m in here if not _topic_or_owner(text, m)]
    if here:
        return min(here, key=lambda m: abs(m.start - t0)), "sentence"
    # a site (a named building) belongs to its own sentence, not to its paragraph
    para = [m for m in usable if m.place.kind != "landmark" and not _topic_or_owner(text, m)]
    # the paragraph's own localities before its country names (those are mostly actors)
    local = [m for m in para if m.place.kind in ("city", "admin1", "region")]
    para = local or para
    # the running context only: a place named later in the paragraph is another scene
    before = [m for m in para if m.start < sent.start]
    if before:
        return before[-1], "paragraph"
    return None, None


def set_place(ev: Event, chosen: PlaceMention, source: str) -> None:
    p = chosen.place
    ev.place = {
        "extracted_place": chosen.text,
        "resolved_place": p.name,
        "geonameid": p.geonameid,
        "lat": p.lat,
        "lon": p.lon,
        "country_code": p.country or None,
        "admin1": p.admin1,
        "feature_class": p.kind,
        "via": p.via,
        "start": chosen.start,
        "end": chosen.end,
    }
    ev.location_source = source


class EventPlaces:
    name = "event places"

    def __call__(self, state: CodingState) -> None:
        for found in state.found:
            chosen, source = event_place(state, found)
            if chosen is not None:
                set_place(found.event, chosen, source)
