"""Stage: the events of each analysed sentence, with their participants as entities.

The sentence coder (`events.coder`) finds triggers and participant phrases in the parse;
`actors.participants` turns the phrases into entities. An event is dropped when nobody
acts and nobody named is acted upon, or when a weak trigger lacks either side.
"""
from __future__ import annotations

import re

from dyads import ontology
from dyads.actors.coref import STATE_ANAPHORS
from dyads.actors.participants import Participants
from dyads.actors.spans import ActorSpans
from dyads.events.anaphora import RESPONSES, author_of_earlier_act
from dyads.events.coder import THREAT_MODES, Participant, RawEvent, SentenceCoder, on_condition
from dyads.events.dedup import named_only
from dyads.events.syntax import np_bounds
from dyads.model import Entity, Event, EventMention
from dyads.vocabulary import words
from dyads.nlp import ParsedSentence
from dyads.places import lookup as place_lookup
from dyads.sectors import POLITICAL_CODES, POLITICAL_SECTORS, STATE_SECTORS
from dyads.state import CodingState, FoundEvent

MATERIAL_CONFLICT = ontology.events_with("material_conflict")
YIELDING = {"RETREAT", "CONCEDE"}
NEEDS_COUNTERPART = ontology.events_with("needs_counterpart")
THING_RECIPIENT = ontology.events_with("thing_recipient")
OPINION_EVENTS = {"ACCUSE", "SUPPORT"}
ENFORCED_EVENTS = {"COERCE"}          # arrests, detentions: made by the police or prosecutors who report them
ENFORCING_SECTORS = {"COP", "JUD"}
PROPOSAL_EVENTS = {"REJECT", "SUPPORT"}   # what is backed or refused may be a body still proposed
WORDED_AT_THINGS = {"ACCUSE"}     # blame is aimed at someone; a thing is only its topic
ADDRESSING_EVENTS = {"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "PROTEST"}
CIVIL_SECTORS = {"BUS", "LAB", "CVL", "OPP", "PTY", "EDU", "REL", "NGO", "JRN", "AGR", "MED", "REF"}
IDEA_NOUNS = words("idea_nouns")
CONDEMNED_ACTS = words("condemned_acts")
SPEECH_VERBS = words("speech_verbs")
SYMMETRIC_EVENTS = ontology.SYMMETRIC_EVENTS


ROUND_NOUNS = words("talk_nouns") | {"round", "rounds"}
CONTENT_NOUNS = words("policy_nouns") | words("event_words") | words("communication_nouns") | words("transaction_nouns")
CAMPAIGN_NOUNS = words("campaign_nouns")
VENUE_NOUNS = words("venue_nouns")     # "the Paris accord": a city before them is the venue


def _content(e: Entity) -> bool:
    """A phrase naming a deal, plan or act ("The deal", "the report"), no actor of anything."""
    if "," in e.text or not e.text.split():
        return False       # "Michael Porter, architect of the tax plan" is a person
    last = e.text.split()[-1].lower().strip(".'\"")
    if (e.kind == "target" or e.code is None and e.kind in ("unknown", "agent")) and last in CONTENT_NOUNS:
        return True
    # "a new round of GATT trade talks at a meeting": headed by an act, whatever body it names
    return e.kind not in ("person", "country") and _head_word(e.text, _ROUND_PREPS) in ROUND_NOUNS


_ROUND_PREPS = re.compile(r"\s(?:of|at|on|in|with|for|between|over)\s")
_ACT_PREPS = re.compile(r"\s(?:of|at|on|in|against|by|near|over)\s")


def _head_word(text: str, preps: re.Pattern) -> str:
    """The last word of a phrase before its first preposition of `preps`, in lower case ("the
    attack on the convoy": "attack"); "" for no word."""
    words_ = preps.split(text.strip(), maxsplit=1)[0].split()
    return words_[-1].lower().strip(".,'\"") if words_ else ""


def _same_entity(a: Entity, b: Entity) -> bool:
    """Two mentions of one known person or body ("his visit" resolved to the man named)."""
    return a.name is not None and a.name == b.name and a.code == b.code and a.kind == b.kind


def _own_government(event: str, actors: list[Entity], recips: list[Entity]) -> None:
    """"Japan's business group Keidanren urged the government": a domestic civil body (a firm,
    union, party, church, newspaper ...) speaking to "the government" or "the police" addresses
    its own; such a generic recipient takes the country of the actors (one, placed by their own
    words), not the story's. Armed groups, states and international bodies are left alone."""
    if event not in ADDRESSING_EVENTS:
        return
    own = {a.code for a in actors if a.code and len(a.code) == 3 and a.code not in POLITICAL_CODES
           and not a.country_inferred and a.kind != "country" and a.sector in CIVIL_SECTORS}
    if len(own) != 1 or any(a.code not in own for a in actors if a.code):
        return
    for r in recips:
        if (r.country_inferred or r.code is None) and r.kind == "agent" and r.sector in STATE_SECTORS \
                and "foreign" not in r.text.lower():
            r.code, r.country_inferred = next(iter(own)), True


def _condemned_act(e: Entity) -> bool:
    """A thing that is an act, blamed through at its authors ("the attack on the convoy")."""
    return _head_word(e.text, _ACT_PREPS) in CONDEMNED_ACTS


def _idea(e: Entity) -> bool:
    """A recipient that is an idea or a doctrine named by no country ("protectionism", "the
    concept of short-term debt relief")."""
    if e.code or e.kind not in ("target", "unknown"):
        return False
    head = e.text.split(" of ")[0].split()[-1].lower().strip(".,\"'")
    return head in IDEA_NOUNS or (head.endswith("ism") and len(head) > 5)


def _speaks_for(speaker: Entity, actors: list[Entity]) -> bool:
    """Is the speaker an official or a known politician of the state that every actor is ("the
    trade minister" or "Howard", of Britain, telling what Britain would do)? A person of that
    country counts unless named in a role outside politics (a banker, an analyst): the knowledge
    base may know a politician only by later offices."""
    if speaker is None or not speaker.code or not actors:
        return False
    if speaker.kind == "person":
        official = speaker.sector is None or speaker.sector in POLITICAL_SECTORS or bool(speaker.kb_id)
    else:
        official = speaker.sector in STATE_SECTORS
    return official and all(a.code == speaker.code and a.kind in ("country", "agent", "organization") for a in actors)


def _proposed_body(e: Entity, lookup) -> bool:
    """A body named with "a" and of no country of its own, as what is backed or refused ("rejected
    a peace-keeping committee", "backed an international monitoring force"): a proposal, not an
    existing party (a country taken from the story is no evidence that it exists). Its head word
    must be a body ("a news agency report" is a report)."""
    words = e.text.split(" of ")[0].split()
    if e.kind != "agent" or len(words) < 2 or words[0].lower() not in ("a", "an") or (e.code and not e.country_inferred):
        return False
    head = lookup.resolve(words[-1])
    return head is not None and head.kind == "agent"


def _asked_for(p) -> bool:
    """Is the participant what is called for ("called for a new forum on the debt", "called for an
    international commission to investigate"), not who is asked?"""
    h = p.head
    if h.dep_ == "pobj" and h.head.lower_ == "for":
        return True
    return h.dep_ == "nsubj" and any(c.dep_ == "mark" and c.lower_ == "for" for c in h.head.children)


def _distinct(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for e in entities:
        if not any(_same_entity(e, o) or (e.start >= 0 and (e.start, e.end) == (o.start, o.end)) for o in out):
            out.append(e)
    return out


def _collective(a: Entity, raw: RawEvent) -> bool:
    """A body of several political parties that meets among itself: "EC foreign ministers met",
    "OPEC ministers held talks" (the plural subject of a meeting verb). Not "the board met", nor
    "the minister met", who needs someone to meet, nor "talks with Canadian officials", where
    the other side is missing."""
    if raw.event != "CONSULT" or raw.nominal or len(raw.actors) != 1 or raw.recipients:
        return False
    head = raw.actors[0].head
    subject = head.dep_ == "nsubj" and (head.head.i == raw.trigger.i or raw.trigger.head.i == head.head.i)
    return subject and head.tag_ == "NNS" and a.kind == "agent" and (
        a.sector in POLITICAL_SECTORS or a.code in POLITICAL_CODES)


def _told(raw: RawEvent, e: Entity, offset: int) -> bool:
    """Is `e` (a phrase of the sentence) the one a speech verb tells its news to ("told
    Reuters", "said in an interview with Reuters")?"""
    doc = raw.trigger.doc
    if e.start < offset or e.end > offset + len(doc.text):
        return False      # named in another sentence (a pronoun's antecedent)
    span = doc.char_span(e.start - offset, e.end - offset, alignment_mode="expand")
    for t in span if span is not None else ():
        h = t
        while h.dep_ in ("compound", "pobj", "prep") and h.head.i != h.i:
            h = h.head       # "in an interview with Reuters": up to the verb
        verb = h if h.pos_ == "VERB" else h.head
        if (h is verb or h.dep_ in ("dative", "dobj")) and verb.lemma_.lower() in SPEECH_VERBS:
            return True
    return False


def _one_side_of_talks(raw: RawEvent, ev: Event) -> bool:
    """"Lyng and Yeutter took a hard line in talks here": the talks named by a noun whose
    partner is unnamed ("with", "between"), with only one state's people as parties, are one
    side of talks with someone else, not a meeting among them."""
    if ev.event != "CONSULT" or ev.recipient or len(ev.actor) < 2:
        return False
    # the noun: the trigger itself, or the one a light verb took its event from ("took ... in talks")
    nouns = [raw.trigger] if raw.nominal else [c for c in raw.consumed if c.pos_ == "NOUN"]
    # only where they act "in" the talks: who "held talks" or "met" are the talks' parties
    # ("the president and the opposition leader held talks" is a meeting at home)
    if not nouns or not all(n.dep_ == "pobj" and n.head.lower_ in ("in", "during", "at") for n in nouns):
        return False
    codes = {a.code for a in ev.actor}
    named_partner = any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "of")
                        for n in nouns for c in n.children)
    return len(codes) == 1 and None not in codes and not named_partner \
        and all(a.kind in ("person", "agent") for a in ev.actor)


def _visitor(actors: list[Entity], hosts: list[Entity]) -> bool:
    """Is one side alone, of one state, meeting in another state's city or country ("the French
    minister held talks in Bonn")? Not a body of several states ("the IMF met in Washington"),
    nor anyone of the host's own country, nor anyone of no known country."""
    codes = {a.code for a in actors}
    return len(codes) == 1 and None not in codes and not codes & POLITICAL_CODES \
        and all(a.kind in ("person", "agent", "country") for a in actors) \
        and bool(hosts) and all(h.code and h.code not in codes for h in hosts)


def _state_anaphor(r: Entity) -> bool:
    """Is the entity a "the country" or "the nation" that refers to a state named before?"""
    words_ = r.text.lower().replace("'s", "").split()
    return r.kind == "country" and bool(words_) and words_[-1] in STATE_ANAPHORS


def _own_state(r: Entity, states: set[str]) -> bool:
    return r.kind == "country" and r.code in states and not r.text.rstrip().endswith(("'s", "'"))


class EventFinder:
    name = "events"

    def __init__(self, coder: SentenceCoder, spans: ActorSpans, participants: Participants) -> None:
        self.coder = coder
        self.spans = spans
        self.participants = participants

    def __call__(self, state: CodingState) -> None:
        named = [n for n in state.names if n.kind in ("organization", "media") and " " in n.text]
        for ps in state.parsed:
            off = ps.offset

            def in_credit(a: int, b: int, off: int = off) -> bool:
                return state.in_credit(off + a, off + b)

            blocked = {t.i for t in ps.doc if in_credit(t.idx, t.idx + len(t.text))}
            is_actor, is_actor_loose = self.spans.for_sentence(in_credit)
            for raw in self.coder.code(ps.doc, is_actor, is_actor_loose, blocked):
                at = off + raw.trigger.idx
                if any(n.start <= at < n.end for n in named):
                    continue   # "the General Agreement on Tariffs and Trade", "Gulf Cooperation Council": a name
                ev = self.event(state, raw, ps)
                if ev is not None:
                    state.found.append(FoundEvent(ev, raw, ps))

    def _venue(self, raw: RawEvent, p) -> bool:
        """A city named before an event noun is where it happened, not who acted: "the Paris
        accord", "the Geneva talks", also as what another event is about ("reaffirmed the Paris
        accord"); but "the Japanese proposal", "the U.S.-Japan pact" name parties."""
        head = p.head
        if head.dep_ not in ("compound", "nmod", "amod"):
            return False
        noun = head.head
        if not ((raw.nominal and noun.i == raw.trigger.i) or noun.lower_ in VENUE_NOUNS):
            return False
        place = place_lookup(head.text, [])
        if place is None or place.kind != "city":
            return False
        if noun.lemma_.lower() in CAMPAIGN_NOUNS:
            # "a new Tehran offensive": a capital before a campaign is the government waging it
            # ("the Basra offensive" is fought there)
            res = self.participants.lookup.resolve(head.text)
            return not (res is not None and res.kind == "country")
        return True

    def event(self, state: CodingState, raw: RawEvent, ps: ParsedSentence) -> Event | None:
        doc, sd, off = state.doc, ps.doc, ps.offset
        context = self.participants.context(state, sd)
        actors = [e for p in raw.actors if not self._venue(raw, p)
                  for e in self.participants.entities(state, p, off, context)]
        recips = [e for p in raw.recipients if not self._venue(raw, p)
                  for e in self.participants.entities(state, p, off, context)
                  if not (raw.event == "REQUEST" and _asked_for(p) and _proposed_body(e, self.participants.lookup))]
        # a news agency told something, or quoted, is a source, no party
        actors = [a for a in actors if not (a.kind == "media" and _told(raw, a, off))]
        recips = [r for r in recips if not (r.kind == "media" and _told(raw, r, off))]
        actors = _distinct(actors)
        recips = [r for r in _distinct(recips) if not any(r.start == a.start or _same_entity(r, a) for a in actors)]
        if raw.event in PROPOSAL_EVENTS:
            recips = [r for r in recips if not _proposed_body(r, self.participants.lookup)]
        # a thing of no country never acts ("appropriate measures", "full recourse")
        actors = [a for a in actors if not _content(a) and not (a.kind == "target" and not a.code)]
        _own_government(raw.event, actors, recips)
        # "the U.S. urged Washington's allies ...": a state is not the other party of its own act,
        # nor of its officials' acts ("Iran's foreign minister warned ... Iran", "the minister
        # signed ... for Mexico"; of 22 such judged events 19 were wrong); its decision may be
        # ("the president defended Germany's decision"), and so may what an official yields to his
        # own country ("the interim president resigned, leaving Peru ...")
        states = {a.code for a in actors if a.code and (a.kind == "country" or (
            a.kind in ("person", "agent", "organization") and raw.event not in YIELDING
            and (a.sector in STATE_SECTORS or a.sector == "ELI" and a.kind == "person") and not a.country_inferred))}
        if raw.event == "REQUEST" and raw.trigger.lemma_.lower() in SPEECH_VERBS and len(recips) > 1 \
                and any(_own_state(r, states) for r in recips):
            return None   # "X said both the U.S. and Japan [X's own] should stay calm": an exhortation, no request
        if raw.host and not _visitor(actors, recips):
            recips = []
        if raw.event not in MATERIAL_CONFLICT:     # a state may blockade its own ports
            recips = [r for r in recips if not _own_state(r, states)]
        # "Yugoslav union leaders are touring the country": their own country is no other party
        recips = [r for r in recips if not (_state_anaphor(r) and any(a.code == r.code for a in actors))]
        if raw.event in RESPONSES and actors and not any(r.code for r in recips):
            # "rejected the resignation": the author of the act named, reported earlier
            for i, r in enumerate(recips):
                author = author_of_earlier_act(state, r, actors)
                if author is not None:
                    recips[i] = author
                    break
        if (raw.actors or raw.recipients) and not actors and all(r.kind == "target" for r in recips):
            return None   # nobody acts and nobody named is acted upon
        if raw.weak and not (actors and recips):
            return None   # a weak trigger needs both sides named
        # a generic phrase of no country beside named parties is a second name for one of them or
        # a bystander ("Funaro met Stoltenberg and the two men talked", "the ministry"): no party
        symmetric = raw.event in SYMMETRIC_EVENTS or raw.entry.has("sym")
        if symmetric:
            # "made his prediction in a talk with reporters": telling the press is no meeting
            actors = [a for a in actors if not (a.kind == "agent" and a.sector == "JRN")]
        actors = named_only(actors, 2 if symmetric else 1)
        if raw.event not in THING_RECIPIENT:
            recips = named_only(recips, 1)    # what is attacked or rejected may be a thing
        if symmetric and sum(1 for a in actors if a.code) >= 2:
            # "Chile and Peru agreed to exchange visits by delegations": the two named states
            # are the parties; a generic phrase of no country, or a group of one of theirs
            # ("agreed to end subsidies to Canada's softwood exporters"), is what they agreed about
            codes = {a.code for a in actors if a.code}
            recips = [r for r in recips if (r.code or r.kind not in ("agent", "target"))
                      and not (r.code in codes and r.kind in ("agent", "target"))]
        attribution = None
        event, mode, aux = raw.event, raw.mode, raw.aux
        if raw.attribution is not None:
            s, e = np_bounds(raw.attribution)
            attribution = raw.attribution.doc[s:e].text
            res = self.participants.lookup.resolve(attribution)
            if res is not None and res.kind == "media" and res.name and res.name not in doc.credited:
                doc.credited.append(res.name)   # "X said, citing Reuters": a source, credited
            if aux == "hypothetical" and event in MATERIAL_CONFLICT and on_condition(raw.trigger) and any(
                    _speaks_for(sp, actors) for sp in self.participants.entities(
                        state, Participant(raw.attribution, s, e), off, context)):
                # "Howard said Britain would use its powers to ban Japanese firms if ...": force
                # a state's official promises on a condition the other side can meet is that
                # state's threat (CAMEO 13), as when the state speaks itself (the coder's rule)
                event, mode, aux = "THREATEN", THREAT_MODES.get(event, mode), None
        sent = doc.sentences[ps.index]
        trig = raw.trigger
        mention = EventMention(
            sentence_index=sent.index, sentence_start=sent.start, sentence_end=sent.end,
            sentence=doc.text[sent.start:sent.end].strip(), trigger=(off + trig.idx, off + trig.idx + len(trig.text)),
            trigger_text=trig.text, actor_spans=[(a.start, a.end) for a in actors],
            recipient_spans=[(r.start, r.end) for r in recips], paragraph_index=sent.paragraph_index,
            attribution=attribution,
        )
        ev = Event(event=event, actor=actors, recipient=recips, mode=mode, aux_mode=aux,
                   confidence=raw.confidence, mentions=[mention])
        if ev.event not in THING_RECIPIENT:
            # a thing named by no country ("a plan", "the merits of the case") is not the other
            # party of a meeting, support, aid or request (it may be what is rejected or attacked)
            ev.recipient = [r for r in ev.recipient if (r.kind != "target" or r.code) and not _content(r)]
        elif ev.event in WORDED_AT_THINGS:
            # "criticised the slow pace of reforms": a thing of no country is what the blame is
            # about, not at whom it is aimed (a thing rejected stays: "rejected all bids at the
            # tender" is then told by its object, not by an empty recipient)
            ev.recipient = [r for r in ev.recipient if r.kind != "target" or r.code or _condemned_act(r)]
        if raw.weak and not ev.recipient:
            return None   # "the bill proposed by two senators": the weak trigger's other side was a thing
        if ev.event == "AID" and not ev.recipient and actors:
            inferred = self.participants.aid_recipient(state, sd, off, actors, context)
            if inferred is not None:
                ev.recipient = [inferred]
                ev.confidence *= 0.8
        if ev.event in OPINION_EVENTS and ev.recipient and all(_idea(r) for r in ev.recipient):
            return None   # "denounced protectionism": an opinion of an idea, nobody at the other end
        if not ev.actor and ev.event in ENFORCED_EVENTS and ev.recipient and raw.attribution is not None \
                and any(c.dep_ in ("nsubjpass", "auxpass") for c in raw.trigger.children):
            # "Minah has been detained on suspicion of involvement, police sources said": the
            # police or prosecutors who tell of an arrest with no agent named made it
            s, e = np_bounds(raw.attribution)
            ev.actor = [sp for sp in self.participants.entities(state, Participant(raw.attribution, s, e), off, context)
                        if sp.sector in ENFORCING_SECTORS and sp.kind == "agent"]
            mention.actor_spans = [(a.start, a.end) for a in ev.actor]
        if raw.actors or raw.recipients:
            if not ev.actor:
                return None   # an act with nobody named as doing it is not coded
            if _one_side_of_talks(raw, ev):
                return None
            if ev.event in NEEDS_COUNTERPART and not ev.recipient and not (
                    (ev.event in SYMMETRIC_EVENTS or raw.entry.has("sym"))
                    and (len(ev.actor) > 1 or _collective(ev.actor[0], raw))):
                return None   # one party alone: no interaction between actors
        return ev
