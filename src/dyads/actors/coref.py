"""Pronouns: "he", "they", "it" take the nearest earlier actor mention of a compatible kind.

Candidates are the actor mentions of the analysed sentences (`state.event_actors`), the
last eight before the pronoun. "he"/"she"/"who" want a person; "it"/"which" never take one.
"""
from __future__ import annotations

from spacy.tokens import Token

from dyads.model import Entity, Mention
from dyads.state import CodingState
from dyads.vocabulary import words

PERSON_PRONOUNS = words("person_pronouns")
THING_PRONOUNS = words("thing_pronouns")
WINDOW = 8


def mentions_before(state: CodingState, start: int) -> list[Mention]:
    return [m for m in state.event_actors if m.end <= start][-WINDOW:]


def antecedent(state: CodingState, pron: Token, offset: int) -> Entity | None:
    start = offset + pron.idx
    want_person = pron.lower_ in PERSON_PRONOUNS
    for m in reversed(mentions_before(state, start)):
        kind = m.value.get("kind")
        if m.value.get("code") is None and kind != "person":
            continue
        if want_person and m.label != "PERSON" and kind != "person":
            continue
        if not want_person and pron.lower_ in THING_PRONOUNS and (m.label == "PERSON" or kind == "person"):
            continue
        return Entity(text=m.text, start=m.start, end=m.end, code=m.value.get("code"), sector=m.value.get("sector"),
                      sectors=[m.value["sector"]] if m.value.get("sector") else [], name=m.value.get("name"),
                      kind=kind or "unknown", confidence=0.4)
    return None
