"""Stage: the events of each analysed sentence, with their participants as entities.

The sentence coder (`events.coder`) finds triggers and participant phrases in the parse;
`actors.participants` turns the phrases into entities. An event is dropped when nobody
acts and nobody named is acted upon, or when a weak trigger lacks either side.
"""
from __future__ import annotations

from dyads import ontology
from dyads.actors.participants import Participants
from dyads.actors.spans import ActorSpans
from dyads.events.coder import RawEvent, SentenceCoder
from dyads.events.syntax import np_bounds
from dyads.model import Event, EventMention
from dyads.nlp import ParsedSentence
from dyads.state import CodingState, FoundEvent

MATERIAL_CONFLICT = ontology.events_with("material_conflict")
NEEDS_COUNTERPART = ontology.events_with("needs_counterpart")
THING_RECIPIENT = ontology.events_with("thing_recipient")
SYMMETRIC_EVENTS = ontology.SYMMETRIC_EVENTS


class EventFinder:
    name = "events"

    def __init__(self, coder: SentenceCoder, spans: ActorSpans, participants: Participants) -> None:
        self.coder = coder
        self.spans = spans
        self.participants = participants

    def __call__(self, state: CodingState) -> None:
        for ps in state.parsed:
            off = ps.offset

            def in_credit(a: int, b: int, off: int = off) -> bool:
                return state.in_credit(off + a, off + b)

            blocked = {t.i for t in ps.doc if in_credit(t.idx, t.idx + len(t.text))}
            is_actor, is_actor_loose = self.spans.for_sentence(in_credit)
            for raw in self.coder.code(ps.doc, is_actor, is_actor_loose, blocked):
                ev = self.event(state, raw, ps)
                if ev is not None:
                    state.found.append(FoundEvent(ev, raw, ps))

    def event(self, state: CodingState, raw: RawEvent, ps: ParsedSentence) -> Event | None:
        doc, sd, off = state.doc, ps.doc, ps.offset
        context = self.participants.context(state, sd)
        actors = [e for p in raw.actors if (e := self.participants.entity(state, p, off, context)) is not None]
        recips = [e for p in raw.recipients if (e := self.participants.entity(state, p, off, context)) is not None]
        recips = [r for r in recips if not any(r.start == a.start for a in actors)]
        if (raw.actors or raw.recipients) and not actors and all(r.kind == "target" for r in recips):
            return None   # nobody acts and nobody named is acted upon
        if raw.entry.has("weak") and not (actors and recips):
            return None   # a weak trigger needs both sides named
        attribution = None
        if raw.attribution is not None:
            s, e = np_bounds(raw.attribution)
            attribution = raw.attribution.doc[s:e].text
            res = self.participants.lookup.resolve(attribution)
            if res is not None and res.kind == "media" and res.name and res.name not in doc.credited:
                doc.credited.append(res.name)   # "X said, citing Reuters": a source, credited
        sent = doc.sentences[ps.index]
        trig = raw.trigger
        mention = EventMention(
            sentence_index=sent.index, sentence_start=sent.start, sentence_end=sent.end,
            sentence=doc.text[sent.start:sent.end].strip(), trigger=(off + trig.idx, off + trig.idx + len(trig.text)),
            trigger_text=trig.text, actor_spans=[(a.start, a.end) for a in actors],
            recipient_spans=[(r.start, r.end) for r in recips], paragraph_index=sent.paragraph_index,
            attribution=attribution,
        )
        ev = Event(event=raw.event, actor=actors, recipient=recips, mode=raw.mode, aux_mode=raw.aux,
                   confidence=raw.confidence, mentions=[mention])
        if ev.event not in THING_RECIPIENT:
            # a thing named by no country ("a plan", "the merits of the case") is not the other
            # party of a meeting, support, aid or request (it may be what is rejected or attacked)
            ev.recipient = [r for r in ev.recipient if r.kind != "target" or r.code]
        if ev.event == "AID" and not ev.recipient and actors:
            inferred = self.participants.aid_recipient(state, sd, off, actors, context)
            if inferred is not None:
                ev.recipient = [inferred]
                ev.confidence *= 0.8
        if raw.actors or raw.recipients:
            if not ev.actor:
                return None   # an act with nobody named as doing it is not coded
            if ev.event in NEEDS_COUNTERPART and not ev.recipient and not (
                    (ev.event in SYMMETRIC_EVENTS or raw.entry.has("sym")) and len(ev.actor) > 1):
                return None   # one party alone: no interaction between actors
        return ev
