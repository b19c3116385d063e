"""One event, many mentions: merge repeated reports of an event within a document.

Two coded events are one when they have the same type and auxiliary mode,
compatible participants (same countries; for symmetric events regardless of
direction; named people must not conflict) and compatible dates. A nominal
mention with no participants ("the Istanbul meeting") joins the only event of
its type in the document, if there is exactly one.
"""
from __future__ import annotations

from dyads.events import STORY_SENTENCES, min_confidence_for
from dyads.events.confidence import business_brief

import hashlib

from dyads.model import Entity, Event
from dyads.vocabulary import words
from dyads import ontology
from dyads.ontology import SYMMETRIC_EVENTS as SYMMETRIC

THING_RECIPIENT = ontology.events_with("thing_recipient")   # what is attacked or rejected may be a thing

MATERIAL_CONFLICT = ontology.events_with("material_conflict")
REGION_ADJECTIVES = words("region_adjectives")
LOCATIVE_PREPS = words("locative_prepositions")     # "near Sidon", "in southern Lebanon"
BARE_DIRECTIONS = words("bare_directions")      # "east of Basra"


def _codes(ents: list[Entity]) -> frozenset[str]:
    return frozenset(e.code for e in ents if e.code)


def _people(ents: list[Entity]) -> frozenset[str]:
    return frozenset(e.name for e in ents if e.kind == "person" and e.name)


def _compatible_dates(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.date_source == "publication" or b.date_source == "publication":
        return True
    return a.date[: len(b.date)] == b.date[: len(a.date)]


def same_event(a: Event, b: Event, people: frozenset[str] | None = None) -> bool:
    """Are `a` and `b` reports of one event? `people`: the people every report merged into `a`
    named (its shown participants keep the first report's names, `_as_shown`)."""
    if a.event != b.event or a.aux_mode != b.aux_mode or bool(a.nonpolitical) != bool(b.nonpolitical):
        return False
    if not _compatible_dates(a, b):
        return False
    if a.event in SYMMETRIC:
        pa, pb = _codes(a.actor + a.recipient), _codes(b.actor + b.recipient)
        if not pa or not pb or not (pa <= pb or pb <= pa):
            return False
        if len(pa & pb) < min(2, len(pa), len(pb)):
            return False
        if min(len(pa), len(pb)) == 1 and max(len(pa), len(pb)) >= 3:
            return False    # "OPEC agreed in December" is not the accord three others made with it
    else:
        aa, ab = _codes(a.actor), _codes(b.actor)
        ra, rb = _codes(a.recipient), _codes(b.recipient)
        if not aa or aa != ab:
            return False
        if ra and rb and ra != rb:
            return False
        if (_people(a.actor) & _people(b.recipient)) or (_people(a.recipient) & _people(b.actor)):
            return False    # "Reagan's veto", "Congress overrode Reagan's veto": he acts in one, is acted on in the other
    # different named people on the same side are different events (two meetings of ministers)
    pa, pb = people if people is not None else _people(a.actor + a.recipient), _people(b.actor + b.recipient)
    if pa and pb and not (pa & pb):
        return False
    return True


KIND_RANK = {"person": 5, "organization": 4, "agent": 3, "country": 2, "unknown": 1, "place": 0}


def _rank(e: Entity) -> tuple[int, int, float]:
    return (KIND_RANK.get(e.kind, 1), 0 if e.country_inferred else 1, e.confidence)


SHARED_CODES = frozenset({"IGO", "NGO", "MNC"})   # codes many different bodies carry


def merge_participants(first: list[Entity], second: list[Entity]) -> list[Entity]:
    """One entity per country, places apart (the most specific one: a named person beats a
    country name); entities without a country are kept once by text."""
    by_code: dict[str, Entity] = {}
    others: dict[str, Entity] = {}
    order: list[str] = []
    separated: set[str] = set()     # shared codes whose bodies were told apart by their entries
    for e in first + second:
        # a place stays apart from the people of its country ("shelled X, killing 30 civilians")
        key = (e.code + (":place" if e.kind == "place" else "")) if e.code else ("text:" + (e.name or e.text).lower())
        if e.code in SHARED_CODES and e.kind == "organization" and e.kb_id:
            # "the World Bank and the IMF": two bodies under one code stay two parties
            key += ":" + e.kb_id
            separated.add(e.code)
        if key not in order:
            order.append(key)
        table = by_code if e.code else others
        cur = table.get(key)
        if cur is None or (_rank(e) > _rank(cur) and not _as_shown(cur, first)):
            table[key] = e
    # a delegation or an official of a body named as well is that body ("an IMF team", "the IMF")
    return [by_code.get(k) or others[k] for k in order if k not in separated]


def _as_shown(e: Entity, first: list[Entity]) -> bool:
    """Is `e` a name the first report gives a party by itself, a state, a body or a person
    ("The United States has offered warships")? The event is shown with that report's sentence:
    a later report's person ("we are prepared", said Weinberger) does not replace it. A generic
    phrase ("the minister") or a country guessed from the story gives way to a later name."""
    return any(f is e for f in first) and e.kind in ("country", "organization", "person") and not e.country_inferred


def named_only(parts: list[Entity], enough: int = 1,
               generic: tuple[str, ...] = ("agent", "target")) -> list[Entity]:
    """`parts` without generic phrases of no country ("the two men", "delegations"), when at least
    `enough` of them have a country: beside named parties such a phrase is a second name for one
    of them or a bystander."""
    if sum(1 for p in parts if p.code) < enough:
        return parts
    return [p for p in parts if p.code or p.kind not in generic]


def _region(e: Entity) -> bool:
    """A place, or a part of a country named as such ("southern Lebanon")."""
    return e.kind == "place" or (e.kind == "country" and e.text.split()[0].lower() in REGION_ADJECTIVES)


def _absorb(keep: Event, other: Event) -> None:
    own_recipients = list(keep.recipient)
    keep.mentions.extend(other.mentions)
    # keep the best-evidenced entity for each participant, the best date and place
    if keep.event in SYMMETRIC and "visit" not in (keep.mode, other.mode):
        # the parties of a meeting or an accord are its actors; a thing of no country is none
        # ("pledged to use vigor and determination")
        keep.actor = [e for e in merge_participants(keep.actor + keep.recipient, other.actor + other.recipient)
                      if not (e.kind == "target" and not e.code)]
        keep.recipient = []
    else:
        keep.actor = merge_participants(keep.actor, other.actor)
        keep.recipient = merge_participants(keep.recipient, other.recipient)
        if any(r.code for r in keep.recipient):
            # two reports of one act: a thing of no country one of them names is not a party
            # beside the named ones ("deploring Japan's imbalance", "deploring the aggravation
            # of the imbalance": Japan only)
            keep.recipient = [r for r in keep.recipient if r.code or r.kind != "target"]
    # a generic phrase of no country beside named parties is a second name for one of them
    # ("the two prime ministers", "the Europeans"), as within one report (events/finder.py)
    # (things acted upon stay: they were judged by the rules above)
    keep.actor = named_only(keep.actor, generic=("agent", "unknown"))
    if keep.event not in MATERIAL_CONFLICT:     # a police convoy ambushed is a target of its own
        keep.recipient = named_only(keep.recipient, generic=("agent", "unknown"))
    elif keep.event == "ASSAULT" and any(r.code and not _region(r) for r in own_recipients):
        # "attacked guerrilla positions" and "the raid in southern Lebanon": beside a party hit,
        # a place only another report names is where, not whom
        named_here = {r.text for r in own_recipients}
        keep.recipient = [r for r in keep.recipient if not _region(r) or r.text in named_here]
    if keep.date_source != "text" and other.date_source == "text":
        keep.date, keep.date_precision, keep.date_source = other.date, other.date_precision, other.date_source
    if keep.place is None and other.place is not None:
        keep.place, keep.location_source = other.place, other.location_source
    if not keep.mode and other.mode:
        keep.mode = other.mode
    for c in other.context:
        if c not in keep.context:
            keep.context.append(c)
    keep.confidence = max(keep.confidence, other.confidence)   # calibrated per mention: no bonus


def merge_events(events: list[Event], bare: list[Event] | None = None) -> list[Event]:
    merged: list[Event] = []
    people: dict[int, frozenset[str]] = {}     # id of a merged event -> the people its reports named
    for ev in events:
        for m in merged:
            if same_event(m, ev, people[id(m)]):
                people[id(m)] |= _people(ev.actor + ev.recipient)
                _absorb(m, ev)
                break
        else:
            merged.append(ev)
            people[id(ev)] = _people(ev.actor + ev.recipient)
    for b in bare or []:
        same_type = [m for m in merged if m.event == b.event and m.aux_mode is None and not m.nonpolitical]
        if len(same_type) == 1 and b.aux_mode is None:
            same_type[0].mentions.extend(b.mentions)
            if same_type[0].place is None and b.place is not None:
                same_type[0].place, same_type[0].location_source = b.place, b.location_source
    for m in merged:
        if m.event in SYMMETRIC and len(m.actor) > 1:
            # the parties are named: a place left among the recipients is where, not who
            m.recipient = [r for r in m.recipient if r.kind != "place"]
        # text order, but a mention that names the parties first: it is the one shown and dated
        # ("Deputies criticised Zhao" before an earlier bare "criticism is rare")
        m.mentions.sort(key=lambda x: (not (x.actor_spans or x.recipient_spans), x.sentence_index, x.trigger))
        m.context.sort()
    return merged


def event_id(doc_id: str, ev: Event) -> str:
    """Stable id: the document, the event type and where its first mention's trigger is."""
    m = ev.mentions[0] if ev.mentions else None
    key = f"{doc_id}|{ev.event}|{m.trigger if m else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def reportable(ev: Event) -> bool:
    """False when nobody acts on nothing named: only unplaced targets and no actor."""
    return not (not ev.actor and ev.recipient and all(e.kind == "target" and not e.code for e in ev.recipient))


INCLUDE = ("aux", "nonpolitical")   # what a pipeline may be asked to keep besides asserted political events


def drop_sites(found) -> None:
    """"bombed Chadian troops and the Ouadi Doum airstrip", "shelled an Iranian platform and the
    Rostam rig": beside a recipient with a country, a named site, front or rig of none is where
    the blow fell, no other party, and so is a place ("positions near Sidon"); a person of no
    known country still is one. Done after the confidence stage, which learnt how far such an
    event is to be trusted with the site in it."""
    ev = found.event
    if ev.event not in THING_RECIPIENT or not any(r.code for r in ev.recipient):
        return
    sd, off = found.sentence.doc, found.sentence.offset

    def tokens(e: Entity) -> list:
        return [t for t in sd if e.start <= off + t.idx < e.end]

    def person(e: Entity) -> bool:
        return any(t.ent_type_ == "PERSON" for t in tokens(e))

    def located(e: Entity) -> bool:
        """Is `e` told as where ("near Sidon", "in southern Lebanon", "east of Basra")?"""
        root = next((t for t in tokens(e) if not (e.start <= off + t.head.idx < e.end) or t.head.i == t.i), None)
        if root is None or root.dep_ != "pobj":
            return False
        prep = root.head
        return prep.lower_ in LOCATIVE_PREPS or (prep.lower_ == "of" and prep.head.lower_ in BARE_DIRECTIONS)

    keep = [r for r in ev.recipient if r.code or r.kind not in ("target", "unknown") or person(r)]
    if ev.event == "ASSAULT" and any(r.code and not _region(r) for r in keep):
        # "attacked guerrilla positions near Sidon in southern Lebanon": beside a party hit, a
        # place told as where is where the blow fell ("hit the enclave of Eastern Ghouta,
        # killing 32 civilians" hit both; a curfew imposed in a city is aimed at it)
        keep = [r for r in keep if not (_region(r) and located(r))]
    if len(keep) < len(ev.recipient):
        ev.recipient = keep
        for m in ev.mentions:
            m.recipient_spans = [(r.start, r.end) for r in keep]


class MergeEvents:
    """Stage: the document's events, one per real-world event, with stable ids. Mentions with
    no participants at all ("the meeting") join the only event of their type, or are dropped.
    Events that are not asserted (`aux_mode`) or not political (`nonpolitical`) are dropped
    unless `include` names them ("aux", "nonpolitical"); kept, they merge only with their kind.
    Asserted political events less confident than `min_confidence` are dropped (None: the
    default rule of `dyads.events.min_confidence_for`)."""

    name = "merge"

    def __init__(self, include: frozenset[str] | set[str] = frozenset(), min_confidence: float | None = None) -> None:
        unknown = set(include) - set(INCLUDE)
        if unknown:
            raise ValueError(f"cannot include {sorted(unknown)}: use {', '.join(INCLUDE)}")
        self.include = frozenset(include)
        self.min_confidence = min_confidence

    def wanted(self, ev: Event) -> bool:
        return (not ev.aux_mode or "aux" in self.include) and (not ev.nonpolitical or "nonpolitical" in self.include)

    def __call__(self, state) -> None:
        events: list[Event] = []
        bare: list[Event] = []
        for found in state.found:
            ev = found.event
            drop_sites(found)
            if reportable(ev) and self.wanted(ev):
                (bare if not ev.actor and not ev.recipient else events).append(ev)
        # the confidence threshold is for asserted political events; flagged ones asked for stay
        sentences = len(state.doc.sentences)
        threshold = min_confidence_for(sentences, self.min_confidence,
                                       sentences < STORY_SENTENCES and business_brief(state.doc.title, state.doc.text),
                                       state.story_political)
        state.doc.events = [e for e in merge_events(events, bare)
                            if e.confidence >= threshold or e.aux_mode or e.nonpolitical]
        for ev in state.doc.events:
            ev.id = event_id(state.doc.id, ev)
