"""Stage: the document's place mentions, resolved together against one another.

The event-side set (entities of the analysed sentences, datelines and well-known names
anywhere) is resolved first and alone, so event locations do not depend on whether every
mention is wanted; when they are, the other entities' places join it for the mention list.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from dyads.cite import dateline_spans
from dyads.coverage import Coverage
from dyads.model import Mention
from dyads.places import find as place_finder
from dyads.places.resolve import PlaceMention, resolve_all
from dyads.state import CodingState
from dyads.vocabulary import words

TOPIC_MODIFIER_HEADS = words("topic_modifier_heads")
# the next word or two after a place name, up to a topic noun: "Iran arms scandal", "Iran-contra"
_TOPIC_AFTER = re.compile(r"^[ \n-]+([a-z]+)\b(?:[ \n-]+([a-z]+)\b)?")
# knowledge-base name kinds that are never places, so the scan for well-known names skips them
NOT_PLACE_KINDS = ("person", "organization", "media", "adjective", "agent")


def place_value(pm: PlaceMention) -> dict[str, Any]:
    """The `value` of a place mention: the resolved place, plus how the name is used."""
    value = pm.place.to_dict() if pm.place is not None else {}
    value["use"] = ("metonym" if pm.metonym else "embedded" if pm.label == "EMBEDDED" else
                    "modifier" if pm.modifier else "literal")
    return value


def find_places(state: CodingState, ent_sources: list, actor_kind: Callable[[str], str | None],
                known: list[PlaceMention] | None = None) -> list[PlaceMention]:
    """Place mentions from these entities (plus datelines and a scan for well-known names when
    `known` is None), resolved together; `known` mentions keep their places."""
    text = state.text
    found: list[PlaceMention] = []
    taken: list[tuple[int, int]] = list(state.credit_spans)
    entity_found: list[PlaceMention] = []
    for ents, off in ent_sources:
        entity_found += place_finder.from_entities(text, ents, off, actor_kind)
        taken += [(off + e.start_char, off + e.end_char) for e in ents]
    # a demonym NER calls a place ("Canadian officials") is none (`modifiers` reads demonyms), and a
    # body the knowledge base names ("the International Criminal Court") acts: it is no site
    demonyms = {(m.start, m.end) for m in state.names if m.kind == "adjective"}
    bodies = {(m.start, m.end) for m in state.names if m.kind in ("organization", "media")}
    entity_found = [m for m in entity_found if (m.start, m.end) not in demonyms
                    and not (m.facility and (m.start, m.end) in bodies)]
    if known is None:
        dl = dateline_spans(text)
        found += place_finder.from_datelines(text, dl)
        # a dateline in capitals is a place even where NER made it part of a name
        # ("Associated Press WASHINGTON (AP) -"); only credits and datelines already read block it
        found += place_finder.caps_datelines(text, list(state.credit_spans) + dl)
        caps = Coverage(len(text), [(m.start, m.end) for m in found])
        found += [m for m in entity_found if not caps.overlaps(m.start, m.end)]
        taken += dl
        taken += [(m.start, m.end) for m in state.names if m.kind in NOT_PLACE_KINDS]
        found += place_finder.scan(text, taken + [(m.start, m.end) for m in found],
                                   (s.start for s in state.doc.sentences))
        # demonyms naming a place ("the Syrian border"): not inside names ("Turkish Airlines")
        names = [(off + e.start_char, off + e.end_char) for ents, off in ent_sources for e in ents
                 if e.label_ not in ("NORP", "LANGUAGE")]
        names += [(m.start, m.end) for m in state.names if m.kind not in ("adjective", "agent")]
        adjectives = [(m.start, m.end, m.name) for m in state.names if m.kind == "adjective"]
        found += place_finder.modifiers(text, adjectives, names + [(m.start, m.end) for m in found])
        found += _embedded(text, ent_sources, actor_kind, found)
    else:
        found = entity_found + _embedded(text, ent_sources, actor_kind, entity_found)
        held = Coverage(len(text), [(m.start, m.end) for m in known])
        found = [m for m in found if not held.overlaps(m.start, m.end)]
    # one mention per span; credits ("(Anatolia)", "ISTANBUL (AA)") are not places
    found = [m for m in found if not state.in_credit(m.start, m.end) or m.label == "DATELINE"]
    uniq: dict[tuple[int, int], PlaceMention] = {}
    for m in found:
        uniq.setdefault((m.start, m.end), m)
    found = sorted(uniq.values(), key=lambda m: m.start)
    if known:
        resolve_all(text, sorted(list(known) + found, key=lambda m: m.start), state.countries)
        return found
    return resolve_all(text, found, state.countries)


def _embedded(text: str, ent_sources: list, actor_kind: Callable[[str], str | None],
              found: list[PlaceMention]) -> list[PlaceMention]:
    """Places inside the names of these entities, outside the mentions `found` (named sites aside:
    the places are inside their names)."""
    sites = Coverage(len(text), [(m.start, m.end) for m in found if not m.facility])
    out: list[PlaceMention] = []
    for ents, off in ent_sources:
        out += place_finder.embedded(text, ents, off, actor_kind, sites)
    return out


def names_a_topic(m: PlaceMention, text: str) -> bool:
    """A country name modifying what a matter is about ("the Iran arms scandal", "Iran-contra"):
    the story is about it, not set in it."""
    mt = _TOPIC_AFTER.match(text[m.end:m.end + 30].lower())
    return mt is not None and any(w in TOPIC_MODIFIER_HEADS for w in mt.groups() if w)


def story_country(places: list[PlaceMention], countries: list[str], text: str = "") -> str | None:
    """The country a story is clearly located in: its dateline's, else the country of at least
    two thirds of the places it names as places (not "Washington said", not "the Iran arms
    scandal"), else the one country the story names at all (`countries`, from the knowledge
    base's names)."""
    topics = {m.place.country for m in places if m.place is not None and text and names_a_topic(m, text)}
    literal = [m.place.country for m in places if m.place is not None and m.place.country and not m.metonym
               and not m.modifier and not (text and names_a_topic(m, text))]
    dateline = [m.place.country for m in places if m.label == "DATELINE" and m.place is not None and m.place.country]
    if dateline:
        return dateline[0]
    if not literal:
        return countries[0] if len(countries) == 1 and countries[0] not in topics else None
    top = max(set(literal), key=literal.count)
    if len(literal) == 1 and countries and countries[0] != top:
        return None     # one place in passing ("trade with the U.S.") in a story mostly about another country
    return top if literal.count(top) * 3 >= len(literal) * 2 else None


class PlaceMentions:
    name = "places"

    def __init__(self, actor_kind: Callable[[str], str | None]) -> None:
        self.actor_kind = actor_kind

    def __call__(self, state: CodingState) -> None:
        state.event_places = find_places(state, state.parsed_entities(), self.actor_kind)
        state.story_country = story_country(state.event_places, state.countries, state.text)
        places: Iterable[PlaceMention] = state.event_places
        if state.all_entities:
            extra = find_places(state, state.entity_sources(), self.actor_kind, known=state.event_places)
            places = sorted(state.event_places + extra, key=lambda m: m.start)
        for pm in places:
            state.doc.mentions.append(Mention("place", pm.text, pm.start, pm.end, state.index.index_at(pm.start),
                                              pm.label, place_value(pm)))
        state.doc.mentions.sort(key=lambda m: (m.start, m.end))
