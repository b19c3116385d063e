"""An act named by a definite noun refers to one reported earlier in the story, whose author is
the other party: "President Cossiga rejected the resignation" (of the government that resigned
two sentences before), "Tokyo denied the charges" (of the side that made them).

Only for responses (rejecting, accusing, backing, yielding) whose other party is otherwise
unnamed, and only to an earlier event of the kind the noun names, by another actor."""
from __future__ import annotations

from dataclasses import replace

from dyads.model import Entity
from dyads.state import CodingState

RESPONSES = frozenset({"REJECT", "ACCUSE", "SUPPORT", "CONCEDE"})
DETERMINERS = ("the ", "these ", "those ", "this ", "that ")
# the event types a noun of an act names (noun -> PLOVER events it may refer to)
ACT_NOUNS = {
    "resignation": ("RETREAT",), "resignations": ("RETREAT",), "withdrawal": ("RETREAT",),
    "charge": ("ACCUSE",), "charges": ("ACCUSE",), "accusation": ("ACCUSE",), "accusations": ("ACCUSE",),
    "allegation": ("ACCUSE",), "allegations": ("ACCUSE",), "criticism": ("ACCUSE",),
    "demand": ("REQUEST",), "demands": ("REQUEST",), "request": ("REQUEST",), "requests": ("REQUEST",),
    "appeal": ("REQUEST",), "call": ("REQUEST",), "calls": ("REQUEST",),
    "offer": ("AGREE",), "proposal": ("AGREE", "REQUEST"), "proposals": ("AGREE", "REQUEST"),
    "threat": ("THREATEN",), "threats": ("THREATEN",), "ultimatum": ("THREATEN",),
    "sanctions": ("COERCE", "SANCTION"), "ban": ("COERCE",), "embargo": ("COERCE",),
}


def act_noun_types(e: Entity) -> tuple[str, ...]:
    """The event types a definite, ownerless act noun names ("the resignation"), else ()."""
    text = " ".join(e.text.lower().split())
    if e.code or not text.startswith(DETERMINERS) or "'s" in text or " of " in text or len(text.split()) > 4:
        return ()
    return ACT_NOUNS.get(text.split()[-1].strip(".,'\""), ())


def author_of_earlier_act(state: CodingState, noun: Entity, actors: list[Entity]) -> Entity | None:
    """The first actor of the latest earlier event of the kind `noun` names, by someone else."""
    types = act_noun_types(noun)
    if not types:
        return None
    names = {a.name for a in actors if a.name}
    spans = {(a.start, a.end) for a in actors}
    for found in reversed(state.found):
        ev = found.event
        if ev.event not in types or ev.aux_mode or not ev.actor:
            continue
        first = ev.actor[0]
        if not first.code or first.name in names or (first.start, first.end) in spans:
            continue      # one's own act is no other party
        return replace(first, confidence=min(first.confidence, 0.4))
    return None
