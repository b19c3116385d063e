"""Sentence-level PLOVER event coding over a dependency parse.

For each trigger (a verb, noun or adjective from the lexicon) the coder finds
who acts (subject, passive agent, possessor, "by"/"from" phrases, nationality
modifiers) and at whom (object, recipient prepositions, the owner of a
content object, the subject of an embedded clause), then decides the
auxiliary mode. It handles light verbs ("held talks"), control verbs
("refused to meet", "agreed to withdraw"), conjoined verbs sharing a subject,
relative clauses, passives, coordinated actors and symmetric events.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from dyads import ontology
from dyads.events.lexicon import Lexicon, Trigger
from dyads.events.modality import DOUBTING_VERBS, FUTURE_AUX, HYPOTHETICAL_AUX, aux_mode, future_reading, nominal_mode
from dyads.events.senses import failed_rule
from dyads.events.syntax import (
    OBJ, SUBJ, clause_children, conjuncts, counted, core_bounds, depth, first_infinitive, is_nominal, is_verbal,
    lower_lemma, named_thing, no_party_entity, np_bounds, objects_of, own, parenthesized, participle_subject, to_infinitive,
)
from dyads.events.triggers import find_triggers, match_entry, object_words
from dyads.text import names_currency
from dyads.vocabulary import words

ActorTest = Callable[[Span], bool]    # does this span denote a possible actor (country, person, group, agent)?
# word lists (data/vocabulary.yaml) and per-event properties (data/plover.yaml)
# what a policy, act or message belongs to is its owner: "backed the Hungarian reforms" backs Hungary
CONTENT_WORDS = words("policy_nouns") | words("event_words") | words("communication_nouns")
REFERENCE_PREPS = words("reference_prepositions")      # "under the bases accord": cited, not reported
UNDER_ATTACK_NOUNS = words("under_attack_nouns")        # "came under attack": news, not a frame
PROVISION_NOUNS = words("provision_nouns")              # "under the terms of the accord"
PROVISION_VERBS = words("provision_verbs")              # "the agreement provides ..."
CITED_NOUNS = words("accord_nouns")                      # agreement, accord, pact, treaty
REPORTING_VERBS = words("reporting_verbs")            # "reported the attack": the reporter did not attack
TALK_NOUNS = words("talk_nouns")                      # "continue talks with the U.S.": the U.S. is the party
NEGOTIATING_PURPOSES = words("negotiating_purposes")  # "sent a team to discuss the row": to talk
TEAM_NOUNS = words("team_nouns")                      # what is sent to talk or to help
AGENTIVE_OWNERS = words("agentive_owners")            # "the government", "the army": owners that act
POSS_IS_PATIENT = words("possessor_is_patient_nouns")  # "X's release", "X's arrest": X is acted upon
PRESS_AUDIENCE = words("press_audience")              # "discussing the results with reporters": no partner
REPELLING_VERBS = words("repelling_verbs")            # "repelled an Iranian offensive": aimed at the subject
QUANTITY_NOUNS = words("quantity_nouns")              # "a new round of talks": the event is inside
PLACE_NOUNS = words("place_nouns")
LOCATIVE_PREPS = words("locative_prepositions")
PLACE_RECIPIENT_PREPS = words("place_recipient_prepositions")
SPOKESMAN_NOUNS = words("spokesman_nouns")      # who speaks for a side: its announcement is the side's
DESIGN_VERBS = words("design_verbs")   # "said the U.S. was trying to build up its forces": an accusation
PERSUASION_VERBS = words("persuasion_verbs")   # "failed to convince X to": a request made
ATTEMPT_WORDS = words("attempt_words")
ANSWERING_VERBS = words("answering_verbs")   # "would answer any raid with force": a threat
HOSTILE_ACT_NOUNS = words("hostile_act_nouns") | words("condemned_acts")
LABELLED_WRONGS = words("labelled_wrongs")   # "what he called Japan's failure": an accusation
CONDEMNING_PREDICATES = words("condemning_predicates")   # "said the French raid was illegal"
LABELLING_VERBS = words("labelling_verbs")   # "called the U.S. attack an escalation"
TOLD_STANCES = ("REJECT", "AGREE", "CONCEDE", "THREATEN")   # what a speaker may tell a hearer it will do
OWN_SIDE_PRONOUNS = words("speaker_side_pronouns")   # "warned it would attack": the speaker's own act
RETALIATING_EVENTS = ("COERCE", "SANCTION", "THREATEN", "ASSAULT")   # may be "in retaliation for" an act
RETALIATION_WORDS = words("retaliation_words")   # "promised retaliation": a threat
FORCEFUL_WARNING_WORDS = words("forceful_warning_words")   # "warned X against using missiles": a threat
REFERENCE_PARTICIPLES = words("reference_participles")   # "products named in the complaint"
CONTAINING_VERBS = words("containing_verbs")     # "the pact involved a pledge": a term, no event
GERUND_SUBJECT_PREPS = words("gerund_subject_preps")   # "killed hundreds in checking ...": same subject
ARRIVAL_GERUND_PREPS = words("arrival_gerund_preps")   # "on arriving here": the main clause's subject
ARRIVAL_VERBS = words("arrival_verbs")
# "is in Moscow for talks", "will fly to Moscow for talks": the one there (or going) holds them
BEING_OR_TRAVEL_VERBS = words("travel_verbs") | {"be"}
STATE_VERBS = words("state_verbs")               # "the army was on alert": the army is
STATE_NOUNS = words("state_nouns")               # "in a state of alert"
HELD_STATE_EVENTS = ("MOBILIZE", "PROTEST")      # "on alert", "on strike": states that are acts
JUDGING_EVENTS = ("ACCUSE", "REJECT")            # "the attack, blamed by X on Y": X judges it
PRESSURE_NOUNS = words("pressure_nouns")         # "came under U.S. pressure": the subject is pressed
PRESSURE_BEARING_VERBS = words("pressure_bearing_verbs")   # "Tokyo faces U.S. pressure": Tokyo is pressed
MEETING_SEATS = words("meeting_seat_cities")    # where international bodies meet: no host of a visit
DEONTIC = words("deontic_modals")
REASON_NOUNS = words("reason_nouns")            # "in retaliation for", "in response to": why, not where
ARMED_FORCE_NOUNS = words("armed_force_nouns")  # "gunships raided": an attack
FIGHTING_NOUNS = words("fighting_nouns")        # "backed the rebels in their offensive": arms, not words
ASSENT_VERBS = words("assent_verbs")            # "said it would accept the plan": assent given
ULTIMATUM_VERBS = words("ultimatum_verbs")      # "told Iran to release the ship or face action"
PRONOUNS = words("coder_pronouns")
PERSON_OFFICES = words("office_titles")        # "the president renewed his call": his is a person's
SPEECH_LEMMAS = words("speech_verbs")
ORDERING_SPEECH = words("ordering_speech_verbs")    # "told the banks to cut rates": a demand
PERSONAL_SUBJECTS = words("personal_subject_pronouns")   # "he was speaking after talks with X"
HEARER_PRONOUNS = words("hearer_pronouns")          # "told the banks they must": the banks
ADOPTION_NOUNS = words("adoption_nouns")      # "the adoption of the proposals": what is adopted
BLAME_PREDICATES = words("blame_predicates")          # "X said Y was responsible"
ENDORSING_PREDICATES = words("endorsing_predicates")  # "X said Y was entitled to act"
HARM_VERBS = words("harm_verbs")                      # "X said Y's tariffs would hurt trade"
BLAME_VERBS = words("blame_verbs")                    # "X said Y had failed to keep its word"
NEGLECT_VERBS = words("neglect_verbs")                # "X said Y had not listened"
BREACH_VERBS = words("breach_verbs")                  # "X said Y had broken its promises"
BREACH_OBJECTS = words("breach_objects")
PEACEKEEPING_WORDS = words("peacekeeping_words")
OBJECT_CONTROL_VERBS = words("object_control_verbs")  # "urged X to ...": X is the subject of the complement
REFUSAL_CONTROLLERS = words("refusal_controllers")    # "failed to reach", "refused to meet"
DECISION_VERBS = words("decision_verbs")              # "decided not to accept"
ACCEPTANCE_VERBS = words("acceptance_verbs")          # "could not support the bill"
PENDING_WORDS = words("pending_adverbs")              # "did not yet accept": still open
POSSESSIVE_PRONOUNS = words("possessive_pronouns")
COALITION_NOUNS = words("coalition_nouns")   # one party made of those named after "of"
SYMMETRIC_EVENTS = ontology.SYMMETRIC_EVENTS
COOPERATIVE = ontology.events_with("cooperative")
MATERIAL_CONFLICT = ontology.events_with("material_conflict")
HOSTILE_DESIGNS = MATERIAL_CONFLICT | {"MOBILIZE", "THREATEN"}   # plans another side is said to have
MEASURE_NOUNS = words("measure_nouns")            # "the sanctions against Japan": what is imposed on someone
# acts against someone: the conflict quads (verbal 3, material 4), but a request asks, it opposes nothing
CONFLICTUAL = frozenset(e for e in ontology.plover_data()["events"] if ontology.quad_code(e) in (3, 4)) - {"REQUEST"}
HELPING_VERBS = words("helping_verbs")            # "help the United States strengthen ..."
TIME_PHRASE_PREPS = words("time_phrase_preps")    # "left Moscow after talks with X"
DURATION_NOUNS = words("duration_nouns")          # "two days of talks"
MOTIVE_VERBS = words("motive_verbs")              # "imposed tariffs to retaliate for ..."
PHASE_NOUNS = words("phase_nouns")                # "at the end of a visit"
LEAVING_VERBS = words("leaving_verbs")            # "left Tokyo at the end of a visit"
QUESTIONING_VERBS = DOUBTING_VERBS | {"ask"}      # "asked if Seoul would retaliate": a question, no threat
# what a threat of each kind of force threatens (PLOVER THREATEN modes)
RULING_OUT_VERBS = words("ruling_out_verbs")
BILL_NOUNS = words("bill_nouns")                  # "fought the bill in Congress": aimed at the legislature
LEGISLATURES = words("legislature_words")
FORCE_OPTIONS = words("force_options")
THREAT_MODES = {"ASSAULT": "violence", "SANCTION": "relations", "COERCE": "restrict", "MOBILIZE": "violence"}
HOLDING_VERBS = words("holding_light_verbs")   # "has the support of X": X gives it
GIVEN_EVENTS = {"SUPPORT", "AID"}
ROLE_VERBS = words("role_verbs")     # "to become chairman", "was named envoy": the noun is a role
AIMED_PREPS = ("on", "against", "upon")                         # "sanctions on/against X"
NAMED_PARTY_ENTS = ("GPE", "NORP", "ORG", "PERSON")
PLACE_TARGET_EVENTS = ontology.events_with("place_is_target")   # "shelled villages in X": X is targeted too
OF_IS_RECIPIENT = ontology.events_with("of_is_recipient")       # "the arrest of X"


def _names_money(t: Token) -> bool:
    """Does the country word name a currency ("a 37 mln U.S. dlr loan", "Canadian dollar bonds")?
    Then it is no party of the event noun it modifies."""
    return names_currency(t.doc.text, t.idx + len(t.text))


@dataclass
class Participant:
    head: Token
    start: int          # token index in the sentence doc
    end: int            # exclusive
    core_start: int = -1   # the phrase without clauses / non-"of" prepositional phrases (for resolution)
    core_end: int = -1
    target: bool = False   # not an actor phrase: a place, object or content the event is directed at
    sector_from: Token | None = None   # "presidents of Turkey and Azerbaijan": sector word shared by conjuncts


@dataclass
class RawEvent:
    trigger: Token
    entry: Trigger
    event: str
    mode: str | None
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    aux: str | None = None
    attribution: Token | None = None
    confidence: float = 0.6
    nominal: bool = False
    consumed: list[Token] = field(default_factory=list)
    host: bool = False      # the recipient is where one side alone met: the host of a visit (finder checks)

    carried: bool = False   # a light verb carries the event noun ("slapped tariffs on", "paid a call on")

    @property
    def weak(self) -> bool:
        """Is the trigger a weak one ("tariffs", "a warning", "a trip")? Not when a light verb
        carries the noun: "slapped tariffs on", "issued a warning" say that someone acted; "has
        tariffs" and "insisted on a ceasefire" do not."""
        return self.entry.has("weak") and not self.carried


def _recipient_preps(event: str) -> tuple[str, ...]:
    """An event's recipient prepositions; none while a light verb's event is still unknown."""
    return ontology.recipient_prepositions(event) if event else ()


class SentenceCoder:
    """Codes the events of one parsed sentence (a spaCy Doc of that sentence).

    Holds only the lexicon; everything about one sentence lives in a `_Coding` made for
    that call, so one coder can serve any number of threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def find_triggers(self, doc: Doc) -> list[tuple[Token, Trigger]]:
        return find_triggers(doc, self.lex)

    def code(self, doc: Doc, is_actor: ActorTest, is_actor_loose: ActorTest | None = None,
             blocked: set[int] | frozenset[int] = frozenset()) -> list[RawEvent]:
        """The sentence's events. `blocked` are token indices that may not be participants
        (the words of a source credit); `is_actor_loose` is the test for subjects."""
        return _Coding(self.lex, is_actor, is_actor_loose or is_actor, blocked).code(doc)


ARGUMENT_DEPS = ("dobj", "nsubjpass", "attr", "dative")   # not nsubj: "the attack killed five" is the attack


def _argument_of(inner: Token, outer: Token, direct: bool = False) -> bool:
    """Is `inner` the head of an argument of `outer` ("rejected the proposal", "the proposal was
    rejected", "invited X for talks")? A nominal event there is what the outer one is about,
    not an event of its own. `direct`: only an object or subject, not a prepositional phrase
    ("sent troops with orders to capture ..." is no order rejected or backed)."""
    if inner.head.i == outer.i:
        return inner.dep_ in ARGUMENT_DEPS
    if inner.dep_ == "pobj" and inner in _adopted_things(inner.head.head):
        return _argument_of(inner.head.head, outer, direct)    # "vetoed the adoption of the proposals"
    return not direct and (inner.dep_ == "pobj" and inner.head.dep_ == "prep" and inner.head.head.i == outer.i)


class _Coding:
    """One sentence being coded: the parse plus what the rules have marked in it so far."""

    def __init__(self, lexicon: Lexicon, is_actor: ActorTest, is_actor_loose: ActorTest,
                 blocked: set[int] | frozenset[int]) -> None:
        self.lex = lexicon
        self.is_actor = is_actor
        self.is_actor_loose = is_actor_loose
        self.blocked = blocked
        self._places: set[int] = set()     # tokens taken as the place an event is directed at
        self._targets: set[int] = set()    # tokens taken as non-actor targets (objects, places, content)

    # ------------------------------------------------------------------ main
    def code(self, doc: Doc) -> list[RawEvent]:
        triggers = find_triggers(doc, self.lex)
        by_token = {t.i: e for t, e in triggers}
        consumed: set[int] = set()
        events: list[RawEvent] = []
        # verbs before nouns, heads before dependents: light verbs and controllers
        # consume the triggers they govern before those are coded on their own
        order = sorted(triggers, key=lambda te: (te[1].pos == "N", depth(te[0]), te[0].i))
        events.extend(self._deontic_requests(doc, by_token, consumed))
        events.extend(self._requests_by_noun(doc, by_token, consumed))
        events.extend(self._labelled_wrongs(doc, consumed))
        events.extend(self._labelled_acts(doc, consumed))
        events.extend(self._promised_responses(doc, consumed))
        for t, entry in order:
            if t.i in consumed:
                continue
            ev = self._code_trigger(t, entry, by_token, consumed)
            if ev is not None and (ev.actors or ev.recipients or ev.nominal):
                events.append(ev)
        events.extend(self._alleged_designs(doc, events))
        events = self._actors_from_causing_events(events)
        # what another event is about is no event of its own: "rejected the proposal" (a nominal
        # argument), "rejected a request to send troops", "backed the plan to lend" (the act
        # named inside the argument)
        return [e for e in events if not self._inside_argument(e, events)]

    @staticmethod
    def _inside_argument(e: RawEvent, events: list[RawEvent]) -> bool:
        """Is what `e` names (its noun, or the noun its infinitive completes) an argument of
        another, verbal event?"""
        noun = _content_head(e)
        if noun is None:
            return False
        return any(_argument_of(noun, v, direct=not e.nominal) for o in events if o is not e and not o.nominal
                   for v in [o.trigger, *(c for c in o.consumed if is_verbal(c))])

    def _actors_from_causing_events(self, events: list[RawEvent]) -> list[RawEvent]:
        """A verbal event with nobody named as acting, whose subject or "in" phrase is an event
        noun with a named actor, is that actor's act: "the attack by rebels killed five
        soldiers", "three workers were wounded in clashes with police". The noun is then no
        event of its own (one event per chain)."""
        used: set[int] = set()
        acting_nouns = {n.trigger.i: n.event for n in events if n.nominal and n.actors}
        for e in events:
            # "rebel attacks on army posts killed 12 soldiers": the attack noun, taken for the
            # subject of an act of its own type, is not who acted; the rebels are
            if e.nominal or (e.actors and not all(acting_nouns.get(a.head.i) == e.event for a in e.actors)):
                continue
            for n in events:
                if not n.nominal or not n.actors or id(n) in used:
                    continue
                tok = n.trigger
                causes = (tok.head.i == e.trigger.i and tok.dep_ in ("nsubj", "csubj")) or (
                    tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("in", "during")
                    and tok.head.head.i == e.trigger.i)
                if causes:
                    e.actors = list(n.actors)
                    e.recipients = [r for r in e.recipients if not self._same(r, e.actors)]
                    used.add(id(n))
                    break
        return [e for e in events if id(e) not in used]

    def _endorsed(self, clause: Token) -> list[Token]:
        """Whom a reported clause endorses: the subject of "Y was entitled/right to act", or the
        owner of an act "was justified" ("the U.S. strike was justified"); none when negated or
        only possible ("could be justified")."""
        kids = list(clause.children)
        if any(g.dep_ == "neg" or (g.dep_ == "aux" and g.lower_ in HYPOTHETICAL_AUX) for g in kids):
            return []
        # "was entitled" is parsed as an adjective after "be" or as a passive participle
        if not (lower_lemma(clause) == "be" and any(g.dep_ == "acomp" and g.lower_ in ENDORSING_PREDICATES for g in kids)
                or clause.lower_ in ENDORSING_PREDICATES and any(g.dep_ == "auxpass" for g in kids)):
            return []
        subject = next((g for g in kids if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return []
        if lower_lemma(subject) in self.lex.nouns:
            return self._owners(subject)
        return [subject] + conjuncts(subject) if self._actorish(subject) else []

    def _harmful_owners(self, clause: Token) -> list[Token]:
        """Whose measure, policy or proposal a reported clause says does harm: the owners of the
        subject of "would hurt", "could damage" ("the U.S. tariffs", "the CFTC proposal"); the harm
        may come in a later verb sharing that subject ("would reduce output and impair trade")."""
        harms = [v for v in [clause] + [c for c in conjuncts(clause) if c.pos_ in ("VERB", "AUX")
                                        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
                 if lower_lemma(v) in HARM_VERBS and not any(g.dep_ == "neg" for g in v.children)]
        if not harms or any(g.dep_ == "neg" for g in clause.children):
            return []
        subject = next((g for g in clause.children if g.dep_ == "nsubj"), None)
        if subject is None or not (lower_lemma(subject) in CONTENT_WORDS or lower_lemma(subject) in MEASURE_NOUNS):
            return []
        return self._owners(subject)

    def _stance(self, t: Token, speaker: list[Token], parties: list[Token], verb: str, event: str,
                mode: str | None) -> RawEvent | None:
        """The speaker of `t` taking a stance towards `parties` (an accusation, criticism, backing),
        coded with the lexicon row of `verb` for `event`; None without both sides."""
        entry = next((e for e in self.lex.verbs.get(verb, []) if e.event == event), None)
        if entry is None or not speaker or not parties:
            return None
        ev = RawEvent(trigger=t, entry=entry, event=event, mode=mode)
        ev.actors = self._participants(speaker, subject=True)
        ev.recipients = [p for p in self._participants(parties, subject=True) if not self._same(p, ev.actors)]
        return ev if ev.actors and ev.recipients else None

    def _labelled_acts(self, doc, consumed: set[int]) -> list[RawEvent]:
        """"Moscow said the U.S. attack was a dangerous escalation", "called the U.S. attack an act
        of aggression", "said the French raid was illegal": calling another party's act a wrong
        (`labelled_wrongs`, also as "an act of" one) or condemning it (`condemning_predicates`)
        accuses that party (ACCUSE). The act is what is judged, no event of its own."""
        out = []
        for t in doc:
            if not is_verbal(t) or t.i in consumed:
                continue
            lemma = lower_lemma(t)
            pairs = []      # (the act judged, the predicate judging it)
            if lemma in SPEECH_LEMMAS:
                pairs = [(subj, pred) for c in t.children if c.dep_ == "ccomp" and lower_lemma(c) == "be"
                         for subj in c.children if subj.dep_ == "nsubj"
                         for pred in c.children if pred.dep_ in ("attr", "acomp")]
            elif lemma in LABELLING_VERBS:
                pairs = [(obj, pred) for obj in t.children if obj.dep_ == "dobj" for pred in _labels(t)]
            for act, pred in pairs:
                if not self._wrong_named(pred) or self._actorish(act):
                    continue
                speaker = [g for g in t.children if g.dep_ == "nsubj"]
                ev = self._stance(t, speaker, self._owners(act), "criticize", "ACCUSE", "disapprove")
                if ev is not None:
                    consumed.update((t.i, act.i))
                    ev.consumed.append(act)
                    out.append(self._finish(ev))
                    break
        return out

    @staticmethod
    def _wrong_named(pred: Token) -> bool:
        """Is the predicate a wrong ("an escalation", "an act of aggression") or a condemnation
        ("illegal")?"""
        if pred.lower_ in CONDEMNING_PREDICATES or lower_lemma(pred) in LABELLED_WRONGS or pred.lower_ in LABELLED_WRONGS:
            return True
        return lower_lemma(pred) == "act" and any(
            g.dep_ == "pobj" and (lower_lemma(g) in LABELLED_WRONGS or g.lower_ in LABELLED_WRONGS)
            for c in pred.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)

    def _labelled_wrongs(self, doc, consumed: set[int]) -> list[RawEvent]:
        """"(sanctions in retaliation for) what he called Japan's failure to honour the pact",
        "(condemned) what it called U.S. aggression": naming another party's act a wrong
        (`labelled_wrongs`) accuses that party (ACCUSE)."""
        out = []
        for t in doc:
            thing = named_thing(t)
            if thing is None or lower_lemma(thing) not in LABELLED_WRONGS:
                continue
            speaker = [c for c in t.children if c.dep_ == "nsubj"]
            ev = self._stance(t, speaker, self._owners(thing), "criticize", "ACCUSE", "disapprove")
            if ev is not None:
                consumed.add(t.i)
                out.append(self._finish(ev))
        return out

    def _alleged_designs(self, doc, events: list[RawEvent]) -> list[RawEvent]:
        """"Iran said the U.S. was trying to build up its military presence", "Kuwait said Iran was
        planning attacks on its shipping": saying another side tries or plans a hostile act
        accuses it (ACCUSE, alleged); the act itself stays a plan."""
        out = []
        for t in doc:
            if not (is_verbal(t) and lower_lemma(t) in SPEECH_LEMMAS):
                continue
            speaker = [g for g in t.children if g.dep_ == "nsubj"] or _quoted_speaker(t)
            for c in t.children:
                if c.dep_ != "ccomp" or lower_lemma(c) not in DESIGN_VERBS or any(g.dep_ == "neg" for g in c.children):
                    continue
                acts = [e for e in events if e.trigger.dep_ == "xcomp" and e.trigger.head.i == c.i
                        and e.event in HOSTILE_DESIGNS
                        # not an act in another sense ("plans to issue franc warrants")
                        and failed_rule(e.trigger, e.entry.head, e.entry.pos, e.entry.event, self._actorish) is None]
                party = [g for g in c.children if g.dep_ == "nsubj" and self._actorish(g) and g.lower_ not in PRONOUNS]
                if not acts or not party:
                    continue
                ev = self._stance(t, speaker, party, "accuse", "ACCUSE", "allege")
                if ev is not None:
                    out.append(self._finish(ev))
        return out

    def _promised_responses(self, doc, consumed: set[int]) -> list[RawEvent]:
        """"Syria warned it would answer any Israeli raid with a crushing blow", "we will be prepared
        to meet any escalation by Iran with stronger countermeasures": force promised in answer
        to another side's hostile act threatens that side (THREATEN). Only a promise (will,
        would, be prepared / ready to), and only when the act's author is named."""
        out = []
        for t in doc:
            if lower_lemma(t) not in ANSWERING_VERBS or not is_verbal(t) or not _promised(t):
                continue
            acts = [c for c in t.children if c.dep_ == "dobj"] + [
                g for c in t.children if c.dep_ == "prep" and c.lower_ in ("to", "against") for g in c.children if g.dep_ == "pobj"]
            acts = [a for a in acts if lower_lemma(a) in HOSTILE_ACT_NOUNS]
            means = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
            if not acts or (lower_lemma(t) in ("meet", "answer") and not means):
                continue    # "will meet the attack's victims", "would answer questions"
            authors = [o for a in acts for o in self._owners(a)] or [
                g for a in acts for k in a.children if k.dep_ == "prep" and k.lower_ == "of"
                for n in k.children if n.dep_ == "pobj" for g in self._owners(n)]
            ev = self._stance(t, self._subject(t), authors, "threaten", "THREATEN", None)
            if ev is not None:
                consumed.add(t.i)
                ev = self._finish(ev)
                ev.aux = None   # the promise is the threat, made now
                out.append(ev)
        return out

    def _requests_by_noun(self, doc, by_token: dict[int, Trigger], consumed: set[int]) -> list[RawEvent]:
        """"Chile renewed its call for Peru to withdraw", "its demand that Peru withdraw", "its call
        for talks with Peru": a demand told by its noun is aimed at whoever the demanded act
        names, and that act is asked for, not done (it gives the demand's mode)."""
        out = []
        for t in doc:
            entry = by_token.get(t.i)
            if entry is None or entry.pos != "N" or entry.event != "REQUEST" or t.i in consumed:
                continue
            asked: list[Token] = []
            inner: Token | None = None
            for c in t.children:
                if c.dep_ in ("advcl", "acl", "ccomp") and is_verbal(c) and any(
                        g.dep_ == "mark" and g.lower_ in ("for", "that") for g in c.children):
                    asked = [g for g in c.children if g.dep_ == "nsubj" and self._actorish(g)]
                    inner = c
                elif c.dep_ == "prep" and c.lower_ == "for":
                    for g in c.children:
                        if g.dep_ == "pobj" and lower_lemma(g) in TALK_NOUNS:
                            partners = [k for k in self._talk_partners(g) if k.i != g.i]
                            if partners:
                                asked, inner = partners, g
            if not asked or inner is None:
                continue
            ev = RawEvent(trigger=t, entry=entry, event="REQUEST", mode=None, nominal=True)
            self._noun_args_into(t, ev, entry)
            if not ev.actors:
                continue
            ev.recipients = ev.recipients or [p for p in self._participants(asked + conjuncts(asked[0]), subject=True)
                                              if not self._same(p, ev.actors)]
            if not ev.recipients:
                continue
            inner_entry = by_token.get(inner.i)
            if inner_entry is not None and inner_entry.event:
                consumed.add(inner.i)
                ev.consumed.append(inner)
                ev.mode = ontology.requested_mode(inner_entry.event) or "change"
            consumed.add(t.i)
            ev = self._finish(ev)
            ev.confidence = min(ev.confidence, 0.45)
            out.append(ev)
        return out

    def _deontic_requests(self, doc, by_token: dict[int, Trigger], consumed: set[int]) -> list[RawEvent]:
        """"X said Y must/should do Z" is a demand by X on Y (REQUEST); Z gives the mode."""
        out = []
        for t in doc:
            if not (is_verbal(t) and lower_lemma(t) in SPEECH_LEMMAS):
                continue
            speaker = [g for g in t.children if g.dep_ == "nsubj"]
            hearer = _hearers(t)
            for c in t.children:
                blame = c.dep_ == "ccomp" and reported_blame(c)
                if blame:
                    # "the ministry said border guards were responsible": an accusation
                    # the accused is a party, not a thing the speaker judges ("the debts are a
                    # cause for concern")
                    accused = [g for g in c.children if g.dep_ == "nsubj" and (
                        g.lower_ in PRONOUNS or self._actorish(g) or self.is_actor_loose(_without_possessor(g)))
                        # "said talks between the U.S. and Japan had failed", "said the G-7
                        # communique failed to curb ...": an event or a text is nobody to blame
                        and lower_lemma(g) not in self.lex.nouns and lower_lemma(g) not in CONTENT_WORDS]
                    ev = self._stance(t, speaker, accused + conjuncts(accused[0]) if accused else [], "blame", "ACCUSE", "allege")
                    if ev is not None:
                        if blame != "predicate":
                            # "had failed to keep its promises": the accusation, no refusal of
                            # its own; "had violated the truce in an attack": the attack stays
                            accused_words = {k.i for a in accused for k in a.subtree}
                            scope = c.subtree if blame == "act" else [
                                k for g in c.children if g.dep_ in ("dobj", "nsubjpass") for k in g.subtree]
                            for g in scope:
                                if g.i in by_token and g.i not in accused_words:
                                    consumed.add(g.i)
                                    ev.consumed.append(g)
                        out.append(self._finish(ev))
                    continue
                harmful = self._harmful_owners(c) if c.dep_ == "ccomp" and speaker else []
                endorsed = self._endorsed(c) if c.dep_ == "ccomp" and speaker and not harmful else []
                if harmful:
                    # "Japan said the U.S. tariffs would hurt world trade", "the exchange said the
                    # CFTC proposal would impair its ability to ...": criticism of their author
                    ev = self._stance(t, speaker, harmful, "criticize", "ACCUSE", "disapprove")
                    if ev is not None:
                        out.append(self._finish(ev))
                    continue
                if endorsed:
                    # "Howe said the United States was fully entitled to take military action",
                    # "said the U.S. strike was justified": the speaker backs them (SUPPORT)
                    ev = self._stance(t, speaker, endorsed, "back", "SUPPORT", None)
                    if ev is not None:
                        for g in c.subtree:
                            if g.i in by_token:
                                consumed.add(g.i)
                                ev.consumed.append(g)
                        out.append(self._finish(ev))
                    continue
                told_to = lower_lemma(t) in ORDERING_SPEECH and c.dep_ in ("xcomp", "ccomp") and to_infinitive(c)
                if not told_to and (c.dep_ not in ("ccomp", "parataxis") or not any(
                        g.dep_ == "aux" and g.lower_ in DEONTIC for g in c.children)):
                    continue
                addressee = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                if hearer and (not addressee and told_to or addressee and addressee[0].lower_ in HEARER_PRONOUNS):
                    # "told the banks to cut rates", "told the banks they should cut rates": a
                    # demand on whom the speaker told
                    addressee = hearer
                if not speaker or not addressee or addressee[0].lower_ in ("it", "we", "i", "you", "there"):
                    continue
                inner = by_token.get(c.i)
                entry = self.lex.verbs.get("demand", [None])[0]
                if entry is None:
                    continue
                ev = RawEvent(trigger=t, entry=entry, event="REQUEST", mode=None)
                if inner is not None and inner.event:
                    consumed.add(c.i)
                    ev.consumed.append(c)
                    ev.mode = ontology.requested_mode(inner.event) or "change"
                ev.actors = self._participants(speaker, subject=True)
                ev.recipients = [p for p in self._participants(addressee + conjuncts(addressee[0]), subject=True)
                                 if not self._same(p, ev.actors)]
                if ev.actors and ev.recipients:
                    out.append(self._finish(ev))
        return out

    def _code_trigger(self, t: Token, entry: Trigger, by_token: dict[int, Trigger], consumed: set[int]) -> RawEvent | None:
        if entry.pos == "A" and entry.event == "ACCUSE" and not self._own_stated_attitude(t):
            return None     # "Britain has grown impatient with Japan": a mood described, no statement
        if entry.pos == "V" and lower_lemma(t) in MOTIVE_VERBS and t.dep_ == "advcl" and to_infinitive(t) \
                and is_verbal(t.head):
            return None     # "announced the tariffs to retaliate for Japan's failure": why, not a second act
        if entry.pos in ("V", "A"):
            return self._code_verbal(t, entry, by_token, consumed)
        return self._code_nominal(t, entry, consumed)

    # ------------------------------------------------------------------ verbal
    def _code_verbal(self, t: Token, entry: Trigger, by_token: dict[int, Trigger], consumed: set[int]) -> RawEvent | None:
        # light verbs: "held talks", "launched an attack", "provided assistance";
        # a participle modifying a nominal trigger ("the assistance sent by X") only adds its arguments
        participle = t.dep_ == "acl" and t.head.i in by_token and by_token[t.head.i].pos == "N" and not (
            entry.event in JUDGING_EVENTS and entry.event != by_token[t.head.i].event)
        # ("the tanker attack, blamed by the Americans on Iran": a judgment of the act by others,
        # an event of its own, not the attackers)
        if entry.has("say") and lower_lemma(t) in REPORTING_VERBS:
            return None     # the event noun it reports is coded on its own
        if entry.event == "SUPPORT" and t.dep_ == "acl" and t.tag_ == "VBN" and t.i > 0 and t.doc[t.i - 1].text == ",":
            return None     # "Britain, backed by the Netherlands, opposed the tax": who stands with whom, told in passing
        if entry.event == "AGREE" and _term_of_accord(t) or t.dep_ == "xcomp" and _term_of_accord(t.head):
            return None     # "under the pact, Japan agreed to supply ...": a term of an accord, told as its content
        if entry.has("light") or entry.event is None or participle:
            prep_objs = [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "for", "into", "on")
                         for g in c.children if g.dep_ == "pobj"]
            for o in objects_of(t) + prep_objs:
                if lower_lemma(o) in QUANTITY_NOUNS:
                    # "opened a second round of talks": the event is inside
                    o = next((g for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                              for g in c.children if g.dep_ == "pobj"), o)
                elif o.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or o.lower_ in ("dlrs", "dollars"):
                    # "slapped 300 mln dlrs in tariffs on X": the event is the amount's "in" phrase
                    o = next((g for c in o.children if c.dep_ == "prep" and c.lower_ == "in"
                              for g in c.children if g.dep_ == "pobj"), o)
                noun_entry = by_token.get(o.i)
                if o.i in consumed and noun_entry is not None and noun_entry.event == "REQUEST":
                    continue    # "reiterated its demand that X act": the demand is coded by its noun
                if noun_entry is not None and noun_entry.pos == "N":
                    consumed.add(o.i)
                    ev = RawEvent(trigger=t, entry=noun_entry, event=noun_entry.event or "", mode=noun_entry.mode)
                    ev.carried = entry.has("light") and lower_lemma(t) not in HOLDING_VERBS
                    ev.consumed.append(o)
                    self._verbal_args(t, ev, noun_entry, content=o)
                    self._noun_args_into(o, ev, noun_entry)
                    if lower_lemma(t) in HOLDING_VERBS and ev.event in GIVEN_EVENTS and ev.recipients:
                        # "Kuwait has the full support of Saudi Arabia": the holder receives it
                        ev.actors, ev.recipients = ev.recipients, ev.actors
                    return self._finish(ev)
            if entry.has("say"):
                return None
            if entry.event is None:
                if entry.has("block"):
                    return None     # "released a statement": this object makes the word no event
                # a light verb whose object is not an event: maybe another entry of the same word applies
                others = [e for e in self.lex.verbs.get(entry.head, []) if e is not entry and e.event and not e.has("light")]
                nxt = match_entry(t, others) if others else None
                if nxt is None:
                    return None
                entry = nxt
        ev = RawEvent(trigger=t, entry=entry, event=entry.event or "", mode=entry.mode)
        # "imposed sanctions on X", "voiced support for X": the object is part of the trigger
        content = _required_object(t, entry)
        if content is not None and entry.event == "RETREAT" and _owned_by_other(content):
            return None     # "halted the Iranian offensive": repelled, not a ceasefire (the noun is coded)
        if content is not None:
            consumed.add(content.i)
            ev.consumed.append(content)
        # controllers: "refused to meet", "agreed to withdraw", "urged X to release"
        comp = self._complement_trigger(t, by_token)
        if comp is not None:
            ctok, centry = comp
            if entry.has("ctrl"):
                consumed.add(ctok.i)
                ev.consumed.append(ctok)
                self._control(ev, ctok, centry)
            # non-controllers leave the complement to be coded on its own
        governs = entry.has("ctrl") and (any(c.dep_ in ("xcomp", "ccomp") and is_verbal(c) for c in t.children)
                                         or (comp is not None and comp[0].dep_ == "xcomp" and comp[0].head != t))
        self._verbal_args(t, ev, entry, content=content, fallback=not governs)
        if ev.event == "ACCUSE" and "on" in (entry.recipient_preps or ()) and ev.recipients \
                and not any(self._actorish(p.head) for p in ev.recipients):
            # "the tanker attack, blamed by the Americans on Iran": what is blamed is a thing, and
            # whom it is blamed on is accused, wherever the parser hangs the "on" phrase
            ons = [k for k in t.subtree if k.dep_ == "prep" and k.lower_ == "on"]
            blamed = [g for k in ons for g in k.children if g.dep_ == "pobj" and self._actorish(g)]
            if blamed:
                for a in ev.actors:     # "by the Kuwaitis on Iran": the blamers end before "on"
                    cut = [k.i for k in ons if a.start < k.i < a.end]
                    if cut:
                        a.end = min(a.end, min(cut))
                        a.core_end = min(a.core_end, a.end)
                ev.recipients = [p for p in self._participants(blamed) if all(p.head.i != a.head.i for a in ev.actors)]
        if content is not None and content.dep_ == "nsubjpass" and not ev.actors:
            # "talks between Chile and Peru were held", "an agreement between Egypt and Sudan was
            # signed": the parties are the event noun's
            mutual = ev.event in SYMMETRIC_EVENTS or entry.has("sym")
            if mutual and ev.recipients:
                ev.actors, ev.recipients = ev.recipients, []
            elif not ev.recipients:
                self._noun_args_into(content, ev, entry)
                if mutual and not ev.actors and ev.recipients:
                    ev.actors, ev.recipients = ev.recipients, []
        if comp is not None and not entry.has("ctrl") and entry.has("content") and comp[1].pos == "N" \
                and all(p.target for p in ev.recipients) and (comp[0] in objects_of(t) + [
                    g for c in t.children if c.dep_ == "prep" for g in c.children] or _adopted(comp[0], t)):
            inner = RawEvent(trigger=comp[0], entry=comp[1], event=comp[1].event or "", mode=comp[1].mode)
            self._noun_args_into(comp[0], inner, comp[1])
            pool = inner.actors + inner.recipients if ev.event in ("ACCUSE", "SUPPORT", "REJECT") else inner.recipients + inner.actors
            if inner.event in CONFLICTUAL and (ev.event == "SUPPORT" or (inner.actors and ev.event in ("ACCUSE", "REJECT"))):
                # "backed (condemned) the Chilean sanctions against Bolivia": Chile's act is backed
                # (condemned), not Bolivia; where an approved deployment goes ("approved troop
                # deployments in Libya") is still what the approval is about
                pool = inner.actors or [r for r in inner.recipients if not _aimed_by_phrase(r.head)]
            pool = [p for p in pool if not self._same(p, ev.actors)][:3]
            if pool or (ev.event == "SUPPORT" and inner.event in CONFLICTUAL):
                ev.recipients = pool
        if ev.event == "ACCUSE" and ev.recipients and all(_addressed_by_to(p.head, t) for p in ev.recipients):
            # "Chad complained to the United Nations that Libyan aircraft bombed villages": the
            # body told hears the complaint; who is accused is the subject of what it reports
            accused = self._reported_actor(t)
            if accused and not self._same(accused[0], ev.actors):
                ev.recipients = accused
        if ev.event in ("REQUEST", "ACCUSE", "THREATEN", "REJECT") and not ev.recipients:
            # "demanded that the mayor resign", "pressured the council to ...", "called for the
            # bank to act": the one asked
            for c in t.children:
                if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)):
                    subs = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                    if subs and ev.event == "THREATEN" and subs[0].lower_ in OWN_SIDE_PRONOUNS and comp is not None:
                        # "warned it would attack Kuwait": the speaker's own act, threatened
                        # against the party of that act (below), not against itself
                        break
                    if subs:
                        ev.recipients = self._participants(subs[:1] + conjuncts(subs[0]))
                        inner = by_token.get(c.i)
                        if ev.event == "REQUEST" and ev.recipients and inner is not None and inner.event:
                            # "called for Peru to withdraw its troops": the withdrawal is asked
                            # for, not done; it gives the demand's mode
                            consumed.add(c.i)
                            ev.consumed.append(c)
                            ev.mode = ev.mode or ontology.requested_mode(inner.event)
                        break
        if comp is not None and entry.has("ctrl") and (not ev.recipients or all(p.target for p in ev.recipients)):
            # "promised to halt all trade with Iran": the party of the promised act, not a thing
            things = ev.recipients
            self._control_recipients(ev, comp)
            ev.recipients = ev.recipients or things
        if governs and not ev.recipients and not entry.has("sym"):
            found = self._subtree_fallback(t, [p.head for p in ev.actors], content, ev.event, entry.has("theme"))
            ev.recipients = self._participants(found)
        if entry.has("ctrl") and not ev.recipients and (comp is None or comp[1].pos != "N"):
            # "agreed to open an office in Lyon", "agreed to supply Chile with vaccines":
            # the complement clause names who or where, even when its verb is not a trigger
            for c in t.children:
                if c.dep_ in ("xcomp", "ccomp") and is_verbal(c) and (comp is None or c.i != comp[0].i):
                    # "willing to send engineers to X": what a transfer verb moves is not its recipient
                    theme = any(e.has("theme") for e in self.lex.verbs.get(lower_lemma(c), []))
                    found = self._subtree_fallback(c, [p.head for p in ev.actors], None, "ASSAULT", theme)
                    if found:
                        ev.recipients = self._participants(found)
                    break
        if ev.event in TOLD_STANCES and (not ev.recipients or all(p.target for p in ev.recipients)):
            # "Japan told the United States it would not accept the tariffs": a stance the
            # speaker tells about its own acts is taken toward whom it tells
            hearer = self._told_hearer(t)
            if hearer:
                ev.recipients = [p for p in self._participants(hearer) if not self._same(p, ev.actors)] or ev.recipients
        return self._finish(ev)

    def _told_hearer(self, t: Token) -> list[Token]:
        """The one told, when `t` heads what a speaker told them of its own side ("told Bonn it
        would ...", "assured the banks that Manila would ..."): the speech verb's object."""
        head = t.head
        if t.dep_ != "ccomp" or not is_verbal(head) or lower_lemma(head) not in SPEECH_LEMMAS:
            return []
        subject = [g for g in t.children if g.dep_ in ("nsubj", "nsubjpass")]
        if not subject or subject[0].lower_ not in OWN_SIDE_PRONOUNS:
            return []
        return [g for g in _hearers(head) if self._actorish(g)][:1]

    def _control_recipients(self, ev: RawEvent, comp: tuple[Token, Trigger]) -> None:
        """Recipients of a controller from the event it governs."""
        ctok, centry = comp
        inner = RawEvent(trigger=ctok, entry=centry, event=centry.event or "", mode=centry.mode)
        if centry.pos == "N":
            self._noun_args_into(ctok, inner, centry)
        else:
            # "to halt all trade with Iran": the required object is part of the inner trigger
            self._verbal_args(ctok, inner, centry, content=_required_object(ctok, centry))
        inner_recips = [p for p in inner.recipients if not self._same(p, ev.actors)]
        inner_actors = [p for p in inner.actors if not self._same(p, ev.actors)]
        if ev.event in ("REQUEST", "ACCUSE"):
            # "demanded that X step down": X is asked
            ev.recipients = inner_actors or inner_recips
        else:
            # "refused to meet (with) X", "agreed to withdraw from Y"
            ev.recipients = inner_recips or inner_actors

    def _complement_trigger(self, t: Token, by_token: dict[int, Trigger]) -> tuple[Token, Trigger] | None:
        # "decided for the time being not to accept": the parser hangs the complement on "being"
        idiom = [x for c in t.children for b in [c] + (list(c.children) if c.dep_ == "prep" else [])
                 if b.lower_ == "being" for x in b.children if x.dep_ == "xcomp" and to_infinitive(x)]
        for c in list(t.children) + idiom:
            if c.dep_ in ("xcomp", "ccomp") and c.i in by_token and by_token[c.i].pos == "V":
                return c, by_token[c.i]
            if c.dep_ in ("xcomp", "ccomp"):
                # "agreed to hold talks": the complement is a light verb with a nominal trigger
                for o in objects_of(c):
                    if o.i in by_token and by_token[o.i].pos == "N":
                        return o, by_token[o.i]
        # "called for the release of", "demanded an apology": a nominal event object
        for o in objects_of(t):
            if o.i in by_token and by_token[o.i].pos == "N":
                return o, by_token[o.i]
        # "would veto the adoption of Commission proposals": what is adopted is the object
        for o in objects_of(t):
            for g in _adopted_things(o):
                if g.i in by_token and by_token[g.i].pos == "N":
                    return g, by_token[g.i]
        for c in t.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj" and g.i in by_token and by_token[g.i].pos == "N":
                        return g, by_token[g.i]
        return None

    def _control(self, ev: RawEvent, ctok: Token, centry: Trigger) -> None:
        inner = centry.event
        if inner is None:
            return
        negated = any(c.dep_ == "neg" for c in ctok.children)
        if ev.event == "AGREE" and negated and lower_lemma(ev.trigger) in DECISION_VERBS \
                and inner in COOPERATIVE | {"CONCEDE", "RETREAT"}:
            # "decided not to accept the offer": a refusal of what the complement names
            ev.event, ev.mode = "REJECT", ontology.requested_mode(inner)
            return
        if ev.event == "AGREE" and centry.pos == "N" and (inner in MATERIAL_CONFLICT or inner == "THREATEN") \
                and lower_lemma(ev.trigger) in ASSENT_VERBS:
            # "accepted the U.S. tariffs", "will not accept the curfew": a measure of another side
            # that is borne is yielded to (CONCEDE), not a conflict of the one who bears it
            ev.event, ev.mode = "CONCEDE", None
            return
        if ev.event == "AGREE":
            if inner in MATERIAL_CONFLICT or inner == "THREATEN":
                if ev.entry.has("conflict2threat"):
                    ev.event, ev.mode = "THREATEN", None
                elif lower_lemma(ev.trigger) in DECISION_VERBS and _taken(ev.trigger):
                    # "Mexico has decided to close its border", "voted to impose sanctions": a
                    # decision taken is the act itself (the judges read it so; not so "will decide")
                    ev.event, ev.mode = inner, centry.mode
                else:
                    ev.event, ev.mode = inner, centry.mode   # "agreed to attack": still intention of conflict
                    ev.aux = "future"
            elif inner == "REJECT" and ev.entry.has("conflict2threat"):
                # "Chile vowed to oppose the proposal": a vow of opposition opposes, it
                # promises no cooperation
                ev.event, ev.mode = inner, centry.mode
            # "agreed to release", "agreed to lift the ban": intent to yield stays AGREE (CAMEO
            # 035 in the CAMEO-PLOVER table)
        elif ev.event == "REQUEST":
            ev.mode = ontology.requested_mode(inner) or "change"
        elif ev.event == "REJECT":
            ev.mode = ontology.requested_mode(inner) or ev.mode
        elif ev.event == "THREATEN":
            ev.mode = THREAT_MODES.get(inner, ev.mode)

    def _verbal_args(self, t: Token, ev: RawEvent, entry: Trigger, content: Token | None = None,
                     fallback: bool = True) -> None:
        # a sentence parsed as a bare noun phrase ("Thousands of teachers protested in Lima", the verb
        # taken for a participle modifying the root noun) is a clause: its root noun is the subject
        headless = t.dep_ == "acl" and t.head.dep_ == "ROOT" and t.head.pos_ in ("NOUN", "PROPN", "NUM") \
            and t.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("agent", "auxpass") for c in t.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children) or (
            t.tag_ == "VBN" and t.dep_ in ("acl",) and not headless
        )
        doer = participle_subject(t)
        # "pursuing retreating Iranian troops": the troops retreat; they are no object
        subj = [t.head] if headless else [doer] if doer is not None and self._actorish(doer) else self._subject(t)
        agent = self._agent(t)
        if passive:
            actor_heads = agent
            if not actor_heads and ev.event == "MOBILIZE":
                # "500 police officers were deployed": the forces are the actor
                actor_heads = [c for c in t.children if c.dep_ == "nsubjpass"]
                passive = False
            if not actor_heads and ev.event in ("COERCE", "SANCTION"):
                # "was detained in Peru", "were deported from Chile": that state acts
                actor_heads = [g for g in self._place_objects(t, ("in", "from")) if g.ent_type_ == "GPE"][:1]
                self._places.update(g.i for g in actor_heads)
            patient = [c for c in t.children if c.dep_ == "nsubjpass"]
            if not patient and t.dep_ == "conj":
                patient = self._subject(t.head, allow_agent=False)
            if not patient and t.dep_ in ("acl",):
                patient = [t.head]
            recip_heads = [] if content is not None else [p for h in patient for p in [h] + conjuncts(h)]
            # "the seized trucks were released": the patient is acted upon even when not an actor
            self._targets.update(h.i for h in recip_heads if h.pos_ in ("NOUN", "PROPN") and h.lower_ not in PRONOUNS)
        else:
            actor_heads = [p for h in subj for p in [h] + conjuncts(h)]
            recip_heads = []
        objs = [o for o in objects_of(t) if o != content and not (passive and o.dep_ == "nsubjpass")
                and not (o is doer and subj == [doer])]
        # rev: "Erdogan welcomed Aliyev": the object visits, the subject hosts
        if entry.has("rev") and passive:
            # "Aliyev was welcomed by Erdogan": the patient visits, the agent hosts
            ev.actors = self._participants(recip_heads)
            ev.recipients = self._participants(actor_heads)
            return
        if entry.has("rev"):
            guests = [o for o in objs if self._actorish(o)]
            if guests:
                ev.actors = self._participants(guests)
                ev.recipients = self._participants(actor_heads)
                return
            if entry.event == "CONSULT" and not passive:
                # "hosted talks": no guest named; treat as a symmetric meeting
                ev.mode = None
        # "instructed his party to prepare a package": whom a side orders to act may be its own
        # (a leader's: "its citizens" of a state are no party it deals with)
        told = ev.event == "REQUEST" and entry.has("ctrl")
        objs = [o for o in objs if not no_party_entity(o) and (not own(o) or told and self._actorish(o)
                                                                            and _leader_owned(o))
                and not (o.lower_ in PRONOUNS and o.lower_ not in ("him", "her", "them", "us"))]
        bare_objects: list[Token] = []
        if not passive and not entry.has("theme"):
            # 1. an actor object ("condemned Russia"); 2. the actor inside a content object
            # ("condemned Russia's decision", "a protest by farmers"); 3. later, the object itself
            for o in objs:
                if o in actor_heads:
                    continue    # "Thousands of teachers protested", misparsed as the thing protested
                if self._actorish(o):
                    recip_heads.append(o)
                else:
                    owners = self._backed_owners(o, ev)
                    if not owners and ev.event == "SUPPORT" and self._owners(o):
                        fallback = False    # "defended the new sanctions against Japan": his own side's, not Japan
                        continue
                    if owners and all(w.dep_ in ("compound", "amod", "nmod") and w.head == o for w in owners) \
                            and not (o.lemma_.lower() in CONTENT_WORDS or o.lower_ in CONTENT_WORDS):
                        # "three Bolivian truck drivers", "the northern Atlas region": the phrase itself
                        # is the recipient; its modifier gives the country
                        self._targets.add(o.i)
                        recip_heads.append(o)
                        continue
                    recip_heads.extend(owners)
                    if not owners:
                        bare_objects.append(o)

        if not passive:
            # dative: "gave Turkey aid", "refused to give the inspectors any documents"
            recip_heads.extend(c for c in t.children if c.dep_ == "dative" and c.tag_ != "IN")
        preps = entry.recipient_preps or _recipient_preps(ev.event)
        if not recip_heads:
            recip_heads.extend(self._prep_objects(t, preps, allow_targets=bool(entry.recipient_preps)))
        if not recip_heads and entry.recipient_preps:
            # "launched an investigation into allegations of dumping by Japanese firms": the
            # phrase hangs on the event noun the verb carries
            recip_heads.extend(h for o in bare_objects if lower_lemma(o) in self.lex.nouns
                               for h in self._prep_objects(o, entry.recipient_preps) if self._actorish(h))
        if not recip_heads and ev.event == "CONSULT" and "with" in preps:
            # "discussed Argentina's loan request with World Bank Vice-President Knox": the parser
            # hangs the partner on the topic
            recip_heads.extend(h for o in objects_of(t) for h in self._prep_objects(o, ("with",))
                               if self._actorish(h) and h.lower_ not in PRESS_AUDIENCE)
        if ev.event == "ACCUSE" and recip_heads:
            recip_heads = self._accused_not_forum(t, recip_heads)
        if not recip_heads and entry.has("theme"):
            # "returned a stolen relief ... to the Peruvian consul": the "to" phrase hangs off the thing given
            for o in objects_of(t):
                recip_heads.extend(self._prep_objects(o, ("to",), allow_targets=True))
        if content is not None and not recip_heads and is_verbal(content):
            # "ordered the universities closed": the small clause's subject is acted upon
            recip_heads.extend(c for c in content.children if c.dep_ in ("nsubj", "nsubjpass"))
        if content is not None and not recip_heads:
            recip_heads.extend(self._backed_owners(content, ev))
        if content is not None and not recip_heads:
            recip_heads.extend(self._prep_objects(content, tuple(preps) + ("between", "against", "on", "to", "with", "for")))
        if not recip_heads and bare_objects and not entry.has("sym"):
            # "imposed restrictions on Japanese banks", "tariffs on chips imported from Korea":
            # the measure is a theme; the party it is aimed at is the recipient
            aimed = [g for o in bare_objects for g in self._aimed_at(o)]
            self._targets.update(g.i for g in aimed if not self._actorish(g))
            recip_heads.extend(aimed)
        if not recip_heads and ev.event in RETALIATING_EVENTS:
            # "announced sanctions in retaliation for Japan's failure to honour the accord": aimed
            # at whoever gave the cause
            recip_heads.extend(self._retaliated_against(t))
        bills = [o for o in bare_objects + ([content] if content is not None else []) if lower_lemma(o) in BILL_NOUNS]
        if not recip_heads and ev.event == "REJECT" and bills:
            # "would fight protectionist legislation in the U.S. Congress", "opposed the bill before
            # parliament": a bill is fought where it lies, in the legislature (backing one "in
            # parliament" tells where it was said)
            recip_heads.extend(g for w in [t] + bills for g in self._prep_objects(w, ("in", "before"))
                               if lower_lemma(g) in LEGISLATURES)
        if not recip_heads and bare_objects and not entry.has("sym"):
            # "shelled a fuel depot", "dismissed the report": the object itself is the target
            targets = [o for o in bare_objects if o.pos_ in ("NOUN", "PROPN") or (
                o.pos_ == "NUM" and any(c.dep_ == "prep" and c.lower_ == "of" for c in o.children))]
            self._targets.update(o.i for o in targets)
            recip_heads.extend(targets)
        if content is not None and not recip_heads and ev.event in ("COERCE", "ASSAULT", "RETREAT") \
                and content.pos_ in ("NOUN", "PROPN") and content.lemma_ not in self.lex.nouns:
            # "seized the tanker", "returned the painting": the thing acted upon
            self._targets.add(content.i)
            recip_heads.append(content)
        if ev.event in PLACE_TARGET_EVENTS or ev.mode == "visit":
            # where a material act is directed: "killed nine people in Chad" is also an act
            # against Chad; kept as a second recipient when the first names no country
            if not recip_heads or all(r.i in self._targets for r in recip_heads):
                visit = ev.mode == "visit"
                places = self._place_objects(t, preps, visit)
                if not places and content is not None:
                    places = self._place_objects(content, preps, visit)
                if not places and visit:
                    # "arrived here for talks": the place the story is filed from, a host only
                    # to a visitor from elsewhere
                    places = [c for c in t.children if c.dep_ == "advmod" and c.lower_ == "here"]
                    ev.host = ev.host or bool(places)
                places = [p for p in places if p not in recip_heads][:1]
                self._places.update(p.i for p in places)
                recip_heads.extend(places)
        if fallback and not recip_heads and not entry.has("sym") and not (entry.has("theme") and ev.event == "MOBILIZE"):
            recip_heads.extend(self._subtree_fallback(t, actor_heads, content, ev.event, entry.has("theme")))
        if entry.has("sym") and not passive and ev.event in SYMMETRIC_EVENTS:
            # "X met with Y" / "X and Y met": everyone is an actor; "in Beijing" is where, not who
            recip_heads = [r for r in recip_heads if r.i not in self._places]
            host = self._host(t, content, actor_heads) \
                if ev.event == "CONSULT" and not recip_heads and not ev.nominal else None
            if host is not None:
                # "the French minister held talks in Bonn": one named side meeting in a city or
                # country is visiting it (the finder drops a host of the visitor's own country)
                self._places.add(host.i)
                ev.mode, ev.host = "visit", True
                ev.actors = self._participants(actor_heads, subject=True)
                ev.recipients = self._participants([host])
                return
            ev.actors = self._participants(actor_heads + [r for r in recip_heads if r not in actor_heads])
            ev.recipients = []
            if len(ev.actors) < 2 and recip_heads:
                ev.actors = self._participants(actor_heads, subject=True)
                ev.recipients = self._participants(recip_heads)
            return
        ev.actors = self._participants(actor_heads, subject=not passive)
        ev.recipients = [p for p in self._participants(recip_heads) if not self._same(p, ev.actors)]

    def _subtree_fallback(self, t: Token, actor_heads: list[Token], content: Token | None, event: str,
                          theme: bool = False) -> list[Token]:
        """No recipient found by the rules: the first named participant in the trigger's own
        phrase ("... in a statement over Iran", "returned the statue to Trier, Germany"),
        not crossing into clauses that have their own subject."""
        taken = set()
        for a in actor_heads:
            taken.update(k.i for k in a.subtree)
        stack = [c for c in t.children if c.dep_ not in ("nsubj", "nsubjpass", "csubj", "punct", "cc", "conj", "mark", "aux", "auxpass", "neg", "advmod")]
        stack.sort(key=lambda c: c.i)
        queue = list(stack)
        while queue:
            c = queue.pop(0)
            if c.i in taken or c.i == t.i or c.i in self.blocked:
                continue
            if theme and c.dep_ == "dobj" and c.head == t:
                # "sent rescue teams": what is given is not who receives it (look inside it)
                queue.extend(sorted(c.children, key=lambda g: g.i))
                continue
            if c.dep_ == "ccomp" and c.head == t and lower_lemma(t) in HELPING_VERBS:
                # "agreed to help the United States strengthen its defences": who is helped
                subs = [g for g in c.children if g.dep_ == "nsubj" and g.i not in taken and not own(g)]
                if subs and (subs[0].ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or self._actorish(subs[0])):
                    return subs[:1]
            if c.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and any(g.dep_ in SUBJ for g in c.children):
                continue
            if c.dep_ == "pcomp" and c.tag_ in ("VBD", "VBZ", "VBP") and any(g.dep_ in SUBJ for g in c.children) \
                    and not any(g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in c.children):
                # "in what the administration called a response to ...": someone's words for the act; but
                # "an investigation into whether X was spied on" is about X, and an -ing "clause" after
                # a preposition is most often the parser's misreading of a noun phrase and a participle
                continue
            if c.dep_ == "advcl" and c.head == t and c.tag_ == "VBG" and c.i > t.i \
                    and any(k.text == "," for k in t.doc[t.i + 1:c.i]) and any(g.dep_ == "dobj" for g in c.children):
                continue   # "resigned, clearing the way for X to re-enter government": an act of its own
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS and event not in PLACE_TARGET_EVENTS:
                continue   # "signed an agreement in Baku": where, not with whom
            if c.dep_ == "prep" and c.lower_ == "as":
                continue   # "resigned as chairman", "served as envoy": a role, not a party
            if c.dep_ == "prep" and any(g.dep_ == "pobj" and lower_lemma(g) in REASON_NOUNS for g in c.children):
                continue   # "in view of the likelihood of EC tariffs", "in response to": why, not at whom
            if c.dep_ == "prep" and c.lower_ == "from" and c.head == t and event == "CONSULT":
                continue   # "arrived from Helsinki": where a visitor came from is not visited
            if c.pos_ in ("NOUN", "PROPN") and not no_party_entity(c) and not own(c) \
                    and c.dep_ in ("pobj", "dobj", "dative", "attr", "appos", "conj", "compound", "npadvmod"):
                if c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON", "LOC", "FAC") or self._actorish(c) or (
                        c.dep_ == "pobj" and lower_lemma(c) in PLACE_NOUNS
                        and any(k.ent_type_ in ("GPE", "NORP", "LOC") and k.i not in self.blocked for k in c.subtree)):
                    if c.dep_ == "compound":
                        continue
                    self._targets.add(c.i) if not self._actorish(c) else None
                    return [c]
            queue.extend(sorted(c.children, key=lambda g: g.i))
        return []

    def _subject(self, t: Token, allow_agent: bool = True) -> list[Token]:
        """The subject of a verb, inherited through conjunction, xcomp and relative clauses."""
        cur = _copula_host(t)   # "Norway is ready to ...": the copula's subject
        for _ in range(5):
            subs = [c for c in cur.children if c.dep_ in ("nsubj", "csubj") and c.i not in self.blocked]
            if subs:
                # two subjects means a dateline was parsed as one: the one nearest the verb
                s = max(subs, key=lambda c: c.i) if len(subs) > 1 else subs[0]
                if s.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                    return [self._antecedent(s, cur)]
                if cur is not t and t.dep_ == "conj" and cur.dep_ == "ccomp" and not self._actorish(s) \
                        and s.lower_ not in PRONOUNS and cur.head.i != cur.i:
                    # "Iran said reports ... were baseless, and warned the U.S.": a verb the parser
                    # joined to the reported clause, whose subject is a thing, is the speaker's
                    speaker = [c for c in cur.head.children if c.dep_ == "nsubj" and self._actorish(c)]
                    if speaker:
                        return speaker[:1]
                return [s]
            if cur.dep_ in ("conj", "xcomp") and cur.head != cur:
                # "arrived ... and was welcomed": a passive conj has its own roles
                if cur.dep_ == "conj" and any(c.dep_ == "auxpass" for c in cur.children):
                    return []
                if cur.dep_ == "xcomp":
                    objs = [c for c in cur.head.children if c.dep_ in OBJ]
                    if objs and cur.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
                        return objs
                    # "the minister is expected / was asked / was scheduled to visit Lima": the
                    # passive's subject is the one who visits
                    passive = [c for c in cur.head.children if c.dep_ == "nsubjpass" and c.i not in self.blocked]
                    if passive:
                        return passive[:1]
                cur = _copula_host(cur.head)   # "the minister is due to visit Lima": the copula's subject
                continue
            if cur.dep_ == "relcl":
                return [self._antecedent(None, cur)]
            if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and (cur.head.lower_ in GERUND_SUBJECT_PREPS or (
                    cur.head.lower_ in ARRIVAL_GERUND_PREPS and lower_lemma(cur) in ARRIVAL_VERBS)) \
                    and is_verbal(cur.head.head) and cur.head.head.dep_ != "relcl":
                # "the troops killed hundreds in checking the offensive": who checked is the
                # main clause's subject (not after "of" or "from": "accused Iraq of attacking")
                cur = cur.head.head
                continue
            if cur.dep_ in ("acl", "advcl") and (cur.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
                # "..., contributing personnel": subject of the main clause;
                # "passed a resolution criticizing X": the author of the resolution
                if cur.dep_ == "acl" and is_nominal(cur.head):
                    # "farmers seeking compensation": who is seeking; "a petition by the rice
                    # industry seeking relief", "the decision by the Bank to lend", "Iran's plan
                    # to release ...": the author of the petition, decision or plan acts
                    noun = cur.head
                    if cur.tag_ == "VBG" and self._actorish(noun):
                        return [noun]
                    authors = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                               for g in c.children if g.dep_ == "pobj" and self._actorish(g)]
                    if not authors and cur.tag_ != "VBG":
                        authors = [c for c in noun.children if c.dep_ == "poss" and self._actorish(c)
                                   and c.lower_ not in PRONOUNS]
                    if authors:
                        return authors[:1]
                cur = cur.head
                if not is_verbal(cur) and cur.dep_ in ("dobj", "pobj", "attr") and cur.head != cur:
                    cur = cur.head if cur.dep_ != "pobj" else cur.head.head
                continue
            break
        # the parser missed the subject ("UNICEF had warned ..." tagged as an adverb):
        # a named actor right before the verb, outside any prepositional phrase
        if is_verbal(t):
            for k in range(t.i - 1, max(t.sent.start - 1, t.i - 6), -1):
                c = t.doc[k]
                if c.dep_ in ("pobj", "poss", "compound", "amod", "dobj") or c.head != t:
                    continue
                if c.ent_type_ in ("ORG", "GPE", "PERSON", "NORP") or (
                        c.dep_ in ("advmod", "npadvmod", "dep") and c.is_upper and len(c) > 1 and self._actorish(c)):
                    return [c]
        return []

    def _speaker_for_pronoun(self, h: Token) -> Token:
        """"X says it is providing food": a subject pronoun in reported speech is the speaker;
        so is "his country" / "their government" in "X said his country will ..."."""
        own_state = h.lemma_.lower() in ("country", "government", "nation", "administration", "state") and any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "their", "its", "our") for c in h.children)
        if (h.lower_ not in ("it", "he", "she", "they", "we") and not own_state) or h.dep_ not in ("nsubj", "nsubjpass"):
            return h
        if parenthesized(h) is not None:
            return h    # "They (the Kuwaitis) have asked": the writer says whom it means
        cur = h.head
        for _ in range(3):
            if cur.dep_ in ("ccomp", "parataxis") and lower_lemma(cur.head) in SPEECH_LEMMAS:
                subs = [c for c in cur.head.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
                if subs:
                    return subs[0]
                return h
            if cur.dep_ in ("xcomp", "conj", "aux") and cur.head != cur:
                cur = cur.head
                continue
            break
        return h

    def _antecedent(self, pron: Token | None, relcl: Token) -> Token:
        """What "which/who" refers to; the parser often attaches the clause to the wrong noun."""
        head = relcl.head
        # "Heidweiler, a top aide to Bouterse, who visited the Netherlands": a "who" after a
        # person's appositive is about the person, not the name inside the appositive
        t = head
        while t.dep_ in ("pobj", "prep", "compound", "nmod", "conj") and t.head.i != t.i:
            t = t.head
        if pron is not None and pron.lower_ == "who" and t is not head and t.dep_ == "appos" \
                and t.head.ent_type_ == "PERSON" and pron.i > 0 and pron.doc[pron.i - 1].text == ",":
            return t.head
        if pron is not None and not self._actorish(head):
            i = pron.i - 1
            while i >= 0 and pron.doc[i].is_punct:
                i -= 1
            if i >= 0 and self._actorish(pron.doc[i]):
                return pron.doc[i]
        return head

    def _agent(self, t: Token) -> list[Token]:
        out = []
        for c in t.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        out.append(g)
                        out.extend(conjuncts(g))
        return out

    def _prep_objects(self, t: Token, preps: Iterable[str], allow_targets: bool = False) -> list[Token]:
        preps = set(preps)
        out: list[Token] = []
        for c in t.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                for g in c.children:
                    # the phrase a parse misread stands for: "fired tear gas at protesting students"
                    # (the students), "protested against what it called U.S. aggression"
                    reread = participle_subject(g) if g.dep_ == "pcomp" else None
                    if reread is None or not self._actorish(reread):
                        reread = named_thing(g)
                    if reread is not None:
                        g = reread
                    if g.dep_ == "pobj" or g is reread:
                        for h in [g] + conjuncts(g):
                            if self._actorish(h):
                                out.append(h)
                            elif self._owners(h):
                                out.extend(self._owners(h))
                            elif c.lower_ == "into" and (inner := [o for k in h.children if k.dep_ == "prep" and k.lower_ == "of"
                                                                   for a in k.children if a.dep_ == "pobj" and _act_noun(a, self.lex)
                                                                   for o in self._owners(a)]):
                                out.extend(inner)   # "an inquiry into allegations of dumping by Japanese firms"
                            elif c.lower_ in AIMED_PREPS and (origin := self._origin(h)):
                                out.extend(origin)     # "tariffs on chips imported from Korea"
                            elif h.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") or (
                                    allow_targets and h.pos_ in ("NOUN", "PROPN") and not no_party_entity(h)
                                    and not (h.pos_ == "NOUN" and self._reason(h))):
                                self._targets.add(h.i)
                                out.append(h)
        return out

    def _retaliated_against(self, t: Token) -> list[Token]:
        """Who a reprisal answers: "(sanctions) in retaliation for Japan's failure ...", "in
        reprisal for what it called Iraqi raids" (`retaliation_words`); [] when not said."""
        for w in [t] + objects_of(t):
            for c in w.children:
                if not (c.dep_ == "prep" and c.lower_ in ("in", "as")):
                    continue
                for n in c.children:
                    if n.dep_ != "pobj" or lower_lemma(n) not in RETALIATION_WORDS:
                        continue
                    for f in n.children:
                        if f.dep_ != "prep" or f.lower_ not in ("for", "against"):
                            continue
                        for g in f.children:
                            cause = named_thing(g) if g.dep_ == "pcomp" else g if g.dep_ == "pobj" else None
                            if cause is None:
                                continue
                            if self._actorish(cause):
                                return [cause]
                            if owners := self._owners(cause):
                                return owners
        return []

    def _accused_not_forum(self, t: Token, heads: list[Token]) -> list[Token]:
        """"Syria complained to the Security Council about Israel": the party complained to is a
        forum; the one complained about is the recipient. The forum stays only when nobody else
        is named."""
        def addressed(h: Token) -> bool:
            while h.dep_ == "conj" and h.head != h:
                h = h.head
            return h.dep_ == "pobj" and h.head.lower_ in ("to", "with", "before") and h.head.head.i == t.i

        forums = [h for h in heads if addressed(h)]
        if not forums:
            return heads
        about = [a for h in forums for a in self._prep_objects(h, ("about", "against", "over"))
                 if a.ent_type_ in NAMED_PARTY_ENTS or (a.lower_ not in PRONOUNS and self._actorish(a))]
        others = [h for h in heads if h not in forums]
        if about or any(h.i not in self._targets for h in others):
            return others + about     # a thing complained about ("the treatment of") names no one
        return heads

    def _aimed_at(self, theme: Token) -> list[Token]:
        """The named party a measure is aimed at: "restrictions on Japanese banks" (the banks,
        whose modifier names the country), "tariffs on chips imported from Korea" (Korea),
        "sanctions against Libya". Nothing when the complement names no one ("curbs on rice")."""
        for c in theme.children:
            if c.dep_ != "prep" or c.lower_ not in AIMED_PREPS:
                continue
            for g in c.children:
                if g.dep_ != "pobj" or no_party_entity(g):
                    continue
                if self._actorish(g) or g.ent_type_ in NAMED_PARTY_ENTS or any(
                        k.dep_ in ("amod", "compound") and k.ent_type_ in ("GPE", "NORP") for k in g.children):
                    return [g] + conjuncts(g)
                origin = self._origin(g)
                if origin:
                    return origin
        return []

    def _origin(self, goods: Token) -> list[Token]:
        """The country goods come from: "chips imported from Korea", "goods made in Taiwan"."""
        for acl in (k for k in goods.children if k.dep_ == "acl"):
            for c in acl.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "in"):
                    found = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"]
                    if found:
                        return found
        return []

    def _reason(self, g: Token) -> bool:
        """Is a prepositional object an event ("in retaliation for", "in response to", "in
        protest at"): why or how something was done, not a place or a target?"""
        lemma = lower_lemma(g)
        return lemma in REASON_NOUNS or (lemma in self.lex.nouns and lemma not in PLACE_NOUNS)

    def _host(self, t: Token, content: Token | None, actor_heads: list[Token]) -> Token | None:
        """Where one person or one state alone meets ("held talks in Bonn", "his talks in
        Moscow"): the named city or country, the host of a visit; not a seat of international
        bodies ("ministers met in Brussels"), nor for a plural subject ("delegates met in Paris")."""
        if len(actor_heads) != 1 or actor_heads[0].tag_ not in ("NNP", "NN", "PRP", "PRP$") \
                or any(c.dep_ == "conj" for c in actor_heads[0].children):
            return None
        for word in (t, content):
            for g in self._place_objects(word, ("in",)) if word is not None else ():
                name = next((e.text.lower() for e in g.doc.ents if e.start <= g.i < e.end), g.lower_)
                if g.ent_type_ == "GPE" and g.i not in self.blocked and name not in MEETING_SEATS:
                    return g
        return None

    def _place_objects(self, t: Token, preps: Iterable[str], visit: bool = False) -> list[Token]:
        preps = set(preps) | set(PLACE_RECIPIENT_PREPS)
        if visit:
            preps.discard("from")   # "arrived from Helsinki": where the visitor came from is not visited
        out = []
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ != "pobj" or no_party_entity(g):
                        continue
                    if not g.ent_type_ and self._reason(g):
                        continue   # "in retaliation for an Iranian attack": a reason, not a place
                    # "in Homs", "in Ohio's Lake County", "along the border with Chad",
                    # "in Kurdish-held territory", "in the western province"
                    if g.ent_type_ in ("GPE", "LOC", "FAC", "NORP") or lower_lemma(g) in PLACE_NOUNS or any(
                            k.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for k in g.subtree if k.i != g.i):
                        out.append(g)
        return out

    def _measure(self, t: Token) -> bool:
        """Is `t` a measure or an act against someone ("sanctions", "the embargo", "attacks")?"""
        return lower_lemma(t) in MEASURE_NOUNS or any(e.event in CONFLICTUAL for e in self.lex.nouns.get(lower_lemma(t), []))

    def _backed_owners(self, t: Token, ev: RawEvent) -> list[Token]:
        """Whom backing, condemning or rejecting `t` is aimed at: its owners, but of a measure or an
        act against someone ("backed the Chilean embargo on Bolivia", "condemned the Chilean
        sanctions against Bolivia") only whoever imposes it, not its target; backing a measure of
        nobody named ("defended the new sanctions against Japan") backs nobody."""
        owners = self._owners(t)
        if ev.event not in ("SUPPORT", "ACCUSE", "REJECT") or not self._measure(t):
            return owners
        authors = [w for w in owners if not _aimed_by_phrase(w)]
        # condemned "the attacks on Bolivian villages", by nobody named: the victims are all there is
        return authors if authors or ev.event == "SUPPORT" else owners

    def _owners(self, t: Token) -> list[Token]:
        """The actor inside a content phrase: "Russia's decision", "the decision of X", "X-led strikes"."""
        out: list[Token] = []
        agents: list[Token] = []    # an agent word before the noun, when nothing names the owner
        # "the withdrawal of U.S. warships from the Gulf": who withdraws is in the "of" phrase,
        # where from is no owner (but "the release of prisoners" releases them)
        withdrawal = lower_lemma(t) not in POSS_IS_PATIENT and any(
            e.event == "RETREAT" for e in self.lex.nouns.get(lower_lemma(t), []))
        for c in t.children:
            if c.dep_ == "poss" and self._actorish(c):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("of", "by", "from", "against", "on") \
                    and not (withdrawal and c.lower_ == "from"):
                for g in c.children:
                    # "the decision of the government", "a protest by farmers"; but not "a statue of a soldier"
                    if g.dep_ == "pobj" and self._actorish(g) and (c.lower_ != "of" or g.ent_type_ or g.pos_ == "PROPN"
                                                                   or self._agentive(g) or withdrawal):
                        out.append(g)
                        out.extend(conjuncts(g))
            elif c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG") and self._actorish(c) \
                    and not _names_money(c):
                out.append(c)
            elif c.dep_ == "compound" and c.i < t.i and not c.ent_type_ and c.tag_ == "NN" and self._agentive(c):
                agents.append(c)   # "denied opposition charges", "rejected union demands": the agent word owns them
            elif c.dep_ == "acl":
                # "the protest filed by X", "restrictions imposed on X"; but in "the plan to sell
                # arms to Iran" the "to" phrase belongs to the planned act, not to the plan's
                # owner (who a plan "to move against" is aimed at is still its target)
                preps = ("against",) if to_infinitive(c) else ("on", "against", "to")
                out.extend(self._agent(c) or self._prep_objects(c, preps))
        out = out or agents     # "the government websites of Georgia": Georgia's
        return [o for o in out if not own(o) and o.lower_ not in ("its", "their", "his", "her")]

    # ------------------------------------------------------------------ nominal
    def _code_nominal(self, t: Token, entry: Trigger, consumed: set[int]) -> RawEvent | None:
        if _cited(t):
            return None     # "Under the terms of the bases accord, Greece may ...": a frame, no news
        ev = RawEvent(trigger=t, entry=entry, event=entry.event or "", mode=entry.mode, nominal=True)
        self._noun_args_into(t, ev, entry)
        # "the meeting" with no one named is returned bare: the pipeline attaches it as a
        # further mention of the document's event of that type, or drops it
        ev = self._finish(ev)
        ev.confidence = min(ev.confidence, 0.45)
        return ev

    def _noun_args_into(self, n: Token, ev: RawEvent, entry: Trigger) -> None:
        actors: list[Token] = []
        recips: list[Token] = []
        between: list[Token] = []
        patient_poss = lower_lemma(n) in POSS_IS_PATIENT
        for c in _with_hyphen_prefix(n):
            if c.dep_ == "poss" and self._actorish(c):
                (recips if patient_poss else actors).append(c)
            elif c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS and not patient_poss:
                # "Chile renewed its call for talks", "the rebels resumed their attacks": the
                # owner is whoever the clause is about; else "his meeting with X" is the
                # meeting of the person "his" refers to
                owner = self._possessor_antecedent(n)
                if c.lower_ in ("his", "her"):
                    # "told his party to act in time for his visit": a person's, not the party's
                    owner = [o for o in owner if lower_lemma(o) in PERSON_OFFICES]
                actors.extend(owner or ([c] if c.lower_ in ("his", "her", "their") else []))
            elif c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") \
                    and self._actorish(c) and not _names_money(c):
                actors.append(c)
            elif c.dep_ == "amod" and c.i < n.i and not c.ent_type_ and (named := [
                    k for k in conjuncts(c) if k.i < n.i and k.ent_type_ in ("GPE", "NORP", "ORG")
                    and self._actorish(k) and not _names_money(k)]):
                actors.extend(named)    # "domestic and U.S. pressure on the ministry": the U.S.'s
            elif c.dep_ == "compound" and c.i < n.i and not c.ent_type_ and self._agentive(c) \
                    and c.tag_ == "NN" and not patient_poss:
                # "an opposition boycott", "a police raid", "rebel attacks", "a government
                # crackdown": the agent noun before the event noun is who acts (not the
                # adjective of "a military clash"); in "an EC executive commission proposal"
                # the name before it says whose it is, and the name stands for both
                named = any(k.dep_ == "compound" and k.head == n and k.ent_type_ in ("GPE", "NORP", "ORG")
                            and k.i < c.i and all(g.dep_ in ("compound", "amod") for g in n.doc[k.i + 1:c.i])
                            for k in n.doc[max(0, c.i - 3):c.i])
                if not named:
                    actors.append(c)
            elif c.dep_ == "compound" and c.tag_ == "NNP" and any(k.tag_ == "HYPH" for k in c.children):
                # "the Reagan-Nakasone talks": the names joined by a hyphen are the parties
                between.extend(k for k in [g for g in c.children if g.dep_ == "compound" and g.tag_ == "NNP"] + [c]
                               if self.is_actor(k.doc[k.i:k.i + 1]))
            elif c.dep_ in ("prep", "agent"):
                p = c.lower_
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                heads = [h for g in pobjs for h in [g] + conjuncts(g)]
                if ev.event == "ASSAULT" and p in ("on", "against") and p in (entry.recipient_preps or _recipient_preps(ev.event)):
                    # "an attack on a U.S.-flagged tanker", "raids on Iraqi positions": a target
                    # a country's own word marks is that country's
                    marked = [h for h in heads if not self._actorish(h) and _nationally_marked(h)]
                    self._targets.update(h.i for h in marked)
                    recips.extend(marked)
                if p in (entry.recipient_preps or ()) and p not in ("by",):
                    recips.extend(h for h in heads if self._actorish(h))
                elif p in ("by", "from"):
                    actors.extend(h for h in heads if self._actorish(h))
                elif p == "between" or p == "among":
                    between.extend(h for h in heads if self._actorish(h))
                elif p == "of":
                    target = recips if ev.event in OF_IS_RECIPIENT and ev.event != "ASSAULT" or ev.event in ("COERCE",) else actors
                    if ev.event == "ASSAULT" and lower_lemma(n) in ("offensive", "invasion", "attack"):
                        target = actors if lower_lemma(n) != "invasion" else recips
                    target.extend(h for h in heads if self._actorish(h))
                elif p in (entry.recipient_preps or _recipient_preps(ev.event)):
                    recips.extend(h for h in heads if self._actorish(h))
            elif c.dep_ == "acl":
                # "the assistance sent by Azerbaijan", "aid provided by X to Y"; in "its request
                # to sell power to the U.S." the "to" phrase is the requested sale's
                actors.extend(self._agent(c))
                if not to_infinitive(c):
                    recips.extend(self._prep_objects(c, ("to", "for")))
        if not (actors or recips or between) and n.dep_ in ("nsubj", "nsubjpass") and n.head.pos_ in ("VERB", "AUX"):
            # "negotiations have been under way between the EC and the GCC", "talks resumed
            # between Chile and Peru": the parties hang on the verb the event noun is subject of
            for c in n.head.children:
                if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                    between.extend(h for g in c.children if g.dep_ == "pobj" for h in [g] + conjuncts(g)
                                   if self._actorish(h))
        if between:
            actors = actors + between
        if not recips and lower_lemma(n) in PRESSURE_NOUNS and _pressed_by_clause(n):
            # "Japan has come under strong U.S. pressure to open its markets", "Tokyo faces U.S.
            # pressure", "bowed to U.S. pressure": pressed is the subject of the clause
            verb = n.head if n.dep_ == "dobj" else n.head.head
            recips.extend(h for h in self._subject(verb) if self._actorish(h))
        if ev.event == "ASSAULT" and not recips and n.dep_ == "pobj" and n.head.lower_ == "under" \
                and n.head.head.pos_ in ("VERB", "AUX"):
            # "a Kuwaiti tanker came under attack by Iranian gunboats", "the convoy was under
            # heavy shelling from rebel positions": the clause's subject is the target, and a
            # "by" or "from" phrase on the verb names the attacker
            verb = n.head.head
            subjects = self._subject(verb)
            marked = [h for h in subjects if not self._actorish(h) and _nationally_marked(h)]
            self._targets.update(h.i for h in marked)
            recips.extend([h for h in subjects if self._actorish(h)] + marked)
            if not actors:
                actors.extend(h for h in self._prep_objects(verb, ("by", "from")) if self._actorish(h))
            if any(c.dep_ == "prep" and c.lower_ in ("over", "for") for k in (n, verb, *actors) for c in k.children):
                # "the minister came under attack from his party over the budget": words, not arms
                ev.event, ev.mode = "ACCUSE", "disapprove"
        if ev.event == "ASSAULT" and actors and not recips:
            # "Iraqi troops repelled an Iranian offensive": the attack was aimed at those who
            # repelled it
            recips.extend(self._repellers(n))
        if ev.event == "CONSULT" and len(actors) == 1 and not recips and not between and not ev.recipients \
                and any(c.dep_ == "poss" for c in n.children):
            # "his talks in Moscow", "Baker's meeting in Tokyo": one side's own meeting in a city
            # is a visit there (not "a meeting in Geneva", which may be anyone's)
            host = self._host(n, None, actors)
            if host is not None:
                self._places.add(host.i)
                ev.mode, ev.host = "visit", True
                ev.recipients = [p for p in self._participants([host]) if not self._same(p, ev.actors)]
        if not actors and not recips and ev.event == "CONSULT" and not ev.actors and not ev.recipients:
            # "left Tokyo at the end of a four-day visit": the visit was to the place left
            verb = _timed_clause(n)
            if verb is not None and lower_lemma(verb) in LEAVING_VERBS:
                recips = [h for h in objects_of(verb) if self._actorish(h)]
        if not actors and recips and ev.event == "CONSULT" and not ev.actors:
            # "Shultz left Moscow after two days of talks with Soviet officials": talks of nobody
            # named, in a time phrase of a clause, are its subject's
            verb = _timed_clause(n)
            if verb is not None:
                # (a person named or told by pronoun, or an office: "the governor was speaking
                # after three weeks of discussions with the IMF")
                actors = [h for h in self._subject(verb) if h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                          or self._agentive(h) or (h.tag_ == "NNP" and self.is_actor_loose(h.doc[slice(*core_bounds(h))]))
                          or h.lower_ in PERSONAL_SUBJECTS or (h.tag_ in ("NN", "NNS") and self._actorish(h))]
        if not actors and not recips and not ev.actors and ev.event in HELD_STATE_EVENTS \
                and (holder := _state_holder(n)) is not None:
            # "the armed forces were on alert", "the army is in a state of alert": the subject
            # of the being is in that state (a show of force or a strike; being "in agreement"
            # is an attitude, no act)
            actors = [k for h in self._subject(holder) for k in [h] + conjuncts(h) if self._actorish(k)]
        if not actors and ev.event == "CONSULT" and not ev.actors and n.dep_ == "pobj" and n.head.lower_ == "for" \
                and lower_lemma(n.head.head) in BEING_OR_TRAVEL_VERBS:
            # "Shultz is in Moscow for talks with Shevardnadze", "a Soviet delegation is here for
            # talks", "a trade team will fly to Tokyo for talks": who is somewhere for talks (or
            # goes there for them) holds them there, as a visitor
            stay = n.head.head
            actors = [h for h in self._subject(stay) if self._actorish(h)]
            if actors and not recips and not between:
                host = self._host(stay, None, actors) or next(
                    (c for c in stay.children if c.dep_ == "advmod" and c.lower_ == "here"), None) or next(
                    (g for g in self._place_objects(stay, ("to",), visit=True)
                     if g.ent_type_ == "GPE" and g.i not in self.blocked), None)
                if host is not None:
                    self._places.add(host.i)
                    ev.mode, ev.host = "visit", True
                    recips = [host]
        if not ev.actors:
            ev.actors = self._participants(actors)
        elif actors:
            ev.actors.extend(p for p in self._participants(actors) if not self._same(p, ev.actors))
        rec = [p for p in self._participants(recips) if not self._same(p, ev.actors)]
        if entry.has("sym"):
            ev.actors.extend(p for p in rec if not self._same(p, ev.actors))
        else:
            ev.recipients.extend(p for p in rec if not self._same(p, ev.recipients))

    def _repellers(self, n: Token) -> list[Token]:
        """Who repelled, halted or beat back the attack `n` names (the subject of such a verb
        whose object it is, or whose object it modifies: the parser may read "an Iranian
        offensive east of Basra" as an adjective of "east")."""
        obj = n
        if n.dep_ in ("amod", "compound") and n.head.dep_ in ("dobj", "nsubjpass"):
            obj = n.head
        verb = obj.head
        if obj.dep_ not in ("dobj", "nsubjpass") or lower_lemma(verb) not in REPELLING_VERBS:
            return []
        if obj.dep_ == "nsubjpass":
            return [h for h in self._agent(verb) if self._actorish(h)]
        return [h for h in self._subject(verb) if self._actorish(h)]

    def _possessor_antecedent(self, n: Token) -> list[Token]:
        """The state or government that is the subject of the verb whose object (or
        prepositional object) the noun is."""
        verb = n.head if n.dep_ == "dobj" else n.head.head if n.dep_ == "pobj" and n.head.dep_ == "prep" else None
        if verb is None or not is_verbal(verb) or verb is n:
            return []
        # a state or its government, not any organization: "the company renewed its offer" is business
        return [s for s in self._subject(verb) if s.lower_ not in PRONOUNS and self._actorish(s)
                and (s.ent_type_ in ("GPE", "NORP") or self._agentive(s))][:1]

    # ------------------------------------------------------------------ shared
    def _finish(self, ev: RawEvent) -> RawEvent:
        self._reread_by_words(ev)
        ev.attribution = self._attribution(ev.trigger)
        mode = aux_mode(ev.trigger, in_reported_speech=ev.attribution is not None)
        if mode is None and ev.consumed and ev.consumed[0].pos_ == "NOUN" and ev.entry.pos == "N":
            # "attends next week's meeting", "held no talks": the event noun's own words
            mode = nominal_mode(ev.consumed[0])
        if ev.aux is None:
            ev.aux = mode
        if ev.aux in ("negation", "future") and lower_lemma(ev.trigger) in PERSUASION_VERBS and _attempted(ev.trigger):
            # "failed to convince America to call off the tariffs", "tried to persuade Chile to
            # lift the ban": the request was made, whatever came of it
            ev.aux = None
        kept_open = self._force_kept_open(ev) if ev.event == "REJECT" else None
        if kept_open is not None:
            # "did not rule out military action", "refused to rule out retaliation if America
            # goes ahead": force kept open as an option is a threat (CAMEO 13), not a refusal
            ev.event, ev.mode, ev.aux = "THREATEN", None, None
            aimed = self._prep_objects(kept_open, ("against", "on")) or _condition_subjects(kept_open.head)
            ev.recipients = [p for p in self._participants([h for h in aimed if self._actorish(h)])
                             if not self._same(p, ev.actors)]
        elif ev.aux == "negation" and ev.event in COOPERATIVE | {"CONCEDE", "RETREAT"} and self._refusal(ev.trigger):
            # "will not accept refugees", "failed to reach a deal": a refusal (REJECT)
            ev.mode = ontology.requested_mode(ev.event)
            ev.event, ev.aux = "REJECT", None
            if not ev.recipients and len(ev.actors) > 1:
                # "X and Y failed to reach a deal": X's rejection of Y (and Y's of X)
                ev.recipients = ev.actors[1:]
                ev.actors = ev.actors[:1]
        elif ev.aux == "future" and ev.event == "REJECT" and self._own_announcement(ev):
            # "Kohl said he would veto the plan", "the party will oppose the bill, a party
            # spokesman said": announcing a refusal makes it (PLOVER: all rejections and
            # refusals; the coding guide: "X said it will not do what Y demands" is REJECT). A
            # demand announced ("will ask OPEC to raise its quota") is a plan: judges of a fresh
            # sample (2026-12-07i) held four of four such requests not yet made
            ev.aux = None
        elif ev.aux == "future" and ev.event == "AGREE" and not ev.nominal and lower_lemma(ev.trigger) in ASSENT_VERBS \
                and self._own_announcement(ev):
            # "Bonn said it would accept the plan": assent its own side announces is given by the
            # announcement (PLOVER AGREE); an offer or a proposal still to be made ("will propose
            # a summit") stays ahead: judges of 2026-12-08e held such a proposal not yet made
            ev.aux = None
        elif ev.aux == "hypothetical" and ev.event in MATERIAL_CONFLICT and self._own_announcement(ev) \
                and on_condition(ev.trigger):
            # "the minister said Britain would ban their banks if Tokyo did not open its market":
            # force promised on a condition the other side can meet is a threat (CAMEO 13)
            ev.event, ev.mode, ev.aux = "THREATEN", THREAT_MODES.get(ev.event, ev.mode), None
            if not ev.recipients:
                # "said it would retaliate if the U.S. imposed the duties": against whoever must
                # meet the condition
                ev.recipients = [p for p in self._participants([h for h in _condition_subjects(ev.trigger)
                                                                if self._actorish(h)])
                                 if not self._same(p, ev.actors)]
        elif ev.aux == "future":
            # PLOVER: cooperation told in the future tense is an expression of intent (AGREE);
            # "X said it would strike" is a threat by the speaker
            event, ev.aux = future_reading(ev.event, ev.attribution is not None)
            if event != ev.event:
                ev.event, ev.mode = event, None
        if ev.event == "COERCE" and lower_lemma(ev.trigger) == "raid" and any(
                lower_lemma(a.head) in ARMED_FORCE_NOUNS for a in ev.actors):
            # a raid by jets, gunships or troops is an attack (CAMEO 19x), not a police search
            ev.event, ev.mode = "ASSAULT", None
        if ev.event == "REQUEST" and not ev.nominal and _ultimatum(ev.trigger):
            # "told Japan to resolve the row or face an abrupt deterioration in relations": a
            # demand with what follows if it is not met is an ultimatum (CAMEO 139, THREATEN)
            ev.event, ev.mode = "THREATEN", None
        if ev.event == "SUPPORT" and not ev.nominal and self._backed_in_fighting(ev):
            # backing an armed party in its attacks is material help (PLOVER AID, CAMEO 072)
            ev.event, ev.mode = "AID", None
        if ev.event == "MOBILIZE" and self._peacekeeping(ev.trigger):
            # deploying peacekeepers or observers is aid (CAMEO 074), not a show of force
            ev.event, ev.mode = "AID", None
        conf = 0.75 if not ev.nominal else 0.5
        if ev.weak:
            conf -= 0.2
        if not ev.actors:
            conf -= 0.2
        if not ev.recipients:
            conf -= 0.05
        ev.confidence = max(0.05, min(0.95, conf))
        return ev

    @staticmethod
    def _backed_in_fighting(ev: RawEvent) -> bool:
        """"Iran has backed the rebels in attacks on army posts": a party backed "in" an armed
        struggle (`fighting_nouns`), not in talks or in a vote."""
        for prep in ev.trigger.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (lower_lemma(obj) in FIGHTING_NOUNS or obj.lower_ in FIGHTING_NOUNS):
                        return True
        return False

    @staticmethod
    def _peacekeeping(t: Token) -> bool:
        found = {lower_lemma(k) for k in t.subtree} | {lower_lemma(c) for c in t.children}
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        for sj in subj:
            found |= {lower_lemma(k) for k in sj.subtree}
        return bool(found & PEACEKEEPING_WORDS)

    @staticmethod
    def _refusal(t: Token) -> bool:
        """A negation that announces a refusal: "will/would not", "never", "failed/refused to"."""
        v = t
        while not is_verbal(v) and v.head != v:
            v = v.head
        if v.i != t.i and t.dep_ in ("nsubj", "nsubjpass") and t.head.i == v.i:
            return False     # "the negotiations would not end next week": talks refuse nothing
        words = {c.lower_ for c in v.children if c.dep_ in ("aux", "neg", "advmod")}
        negated = bool(words & {"not", "n't", "never"})
        if v.tag_ == "VBG" and words & {"be"}:
            return False     # "would not be conducting formal negotiations next month": a schedule told, no refusal
        if words & {"will", "wo", "would", "'ll", "never"} and negated:
            return True
        if negated and words & {"can", "ca", "could", "cannot"} and lower_lemma(v) in ACCEPTANCE_VERBS:
            return True      # "could not support the bill": unwilling, not unable
        if negated and v.dep_ == "xcomp" and lower_lemma(v.head) in DECISION_VERBS:
            return True      # "decided not to accept the offer"
        if negated and lower_lemma(v) in ACCEPTANCE_VERBS and "did" in words and not words & PENDING_WORDS \
                and any(c.dep_ == "dobj" for c in v.children):
            return True      # "did not accept the U.S. offer": turned down ("has not yet accepted" is pending)
        return v.dep_ == "xcomp" and lower_lemma(v.head) in REFUSAL_CONTROLLERS

    def _reread_by_words(self, ev: RawEvent) -> None:
        """A few words around the trigger change what its event is (the coding guide's types)."""
        t, lemma = ev.trigger, lower_lemma(ev.trigger)
        if ev.event == "ASSAULT" and t.i >= 2 and t.doc[t.i - 1].tag_ == "HYPH" and t.doc[t.i - 2].lower_ == "test":
            # "test-fired a missile": a weapons test shows force (CAMEO 15), it attacks no one
            ev.event, ev.mode = "MOBILIZE", None
            ev.recipients = [p for p in ev.recipients if not p.target]    # the missile tested is no party
        elif ev.event == "AID" and lemma in ("send", "dispatch") and self._negotiating_errand(t):
            # "is sending a three-man team to Washington to try to halt the sanctions": the team
            # goes to talk, a visit, not aid (rescue teams sent to help stay AID)
            ev.event, ev.mode = "CONSULT", "visit"
            if t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children):
                ev.aux = "future"   # "is sending a team": the talks are still to come
        elif ev.event == "REQUEST" and lemma == "warn" and any(
                k.lemma_.lower() in FORCEFUL_WARNING_WORDS for c in t.children
                if c.dep_ == "prep" and c.lower_ == "against" for k in c.subtree):
            # "warned Tehran against using the missiles", "against any attack": a forceful
            # warning, with serious repercussions implied (PLOVER THREATEN); against passing a
            # bill it is advice (REQUEST)
            ev.event, ev.mode = "THREATEN", None
        elif ev.event == "THREATEN" and lemma == "warn" and any(
                c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in DEONTIC for a in c.children)
                for c in t.children):
            # "warned Tokyo its package must be significant": what must be done, asked for, with
            # no action threatened
            ev.event, ev.mode = "REQUEST", "change"
        elif ev.event == "AGREE" and ev.entry.has("conflict2threat") and any(
                lower_lemma(k) in RETALIATION_WORDS for c in t.children if c.dep_ in ("dobj", "xcomp")
                for k in c.subtree):
            # "promised retaliation for the attacks", "ready to impose retaliatory action": a
            # promise of reprisal is a threat, aimed at whoever did what it answers
            ev.event, ev.mode = "THREATEN", None
            if not ev.recipients:
                answered = [g for c in t.children if c.dep_ == "dobj" for p in c.children
                            if p.dep_ == "prep" and p.lower_ in ("for", "against") for g in p.children if g.dep_ == "pobj"]
                authors = [k for g in answered for k in [g, *g.children]
                           if (k is g or k.dep_ in ("compound", "poss", "amod")) and self._actorish(k)]
                ev.recipients = self._participants(authors[:1])

    def _negotiating_errand(self, verb: Token) -> bool:
        """Is what `verb` sends a team sent to talk: "sent a team to Tokyo to discuss the row",
        "to try to halt the sanctions", "for talks" (`negotiating_purposes`, `talk_nouns`)?"""
        if not any(lower_lemma(o) in TEAM_NOUNS or o.lower_ in TEAM_NOUNS for o in objects_of(verb)):
            return False
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and to_infinitive(c):
                chain = [c] + [k for k in c.subtree if k.dep_ == "xcomp" and k.head.i == c.i]
                if any(lower_lemma(k) in NEGOTIATING_PURPOSES for k in chain):
                    return True
            if c.dep_ == "prep" and c.lower_ == "for" and any(
                    g.dep_ == "pobj" and lower_lemma(g) in TALK_NOUNS for g in c.children):
                return True
        return False

    def _own_stated_attitude(self, adj: Token) -> bool:
        """Is a displeasure ("unhappy with", "disappointed at") stated by the displeased party
        itself: "Tokyo said it was disappointed", "the minister said he was unhappy"? A mood
        the reporter or a third party ascribes to someone is no accusation."""
        speaker = self._attribution(adj)
        if speaker is None:
            return False
        subject = next((c for c in _copula_host(adj).children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or _own_side(speaker, subject)

    def _force_kept_open(self, ev: RawEvent) -> Token | None:
        """The act of force a side will not rule out: the object of a negated "rule out" or
        "exclude", or of one that the side "refused" or "declined" to rule out."""
        ruling = None
        if lower_lemma(ev.trigger) in RULING_OUT_VERBS and ev.aux == "negation":
            ruling = ev.trigger
        elif ev.aux is None and lower_lemma(ev.trigger) in ("refuse", "decline"):
            ruling = next((c for c in ev.consumed if c.pos_ == "VERB" and lower_lemma(c) in RULING_OUT_VERBS), None)
        if ruling is None or (lower_lemma(ruling) == "rule" and not any(
                c.dep_ == "prt" and c.lower_ == "out" for c in ruling.children)):
            return None
        # "did not exclude the use of force": the act is the object or what it is the use of
        for o in [k for o in objects_of(ruling) for k in [o] + [g for c in o.children if c.dep_ == "prep"
                                                             and c.lower_ == "of" for g in c.children]]:
            if lower_lemma(o) in FORCE_OPTIONS or any(
                    e.event in MATERIAL_CONFLICT for e in self.lex.nouns.get(lower_lemma(o), [])):
                return o
        return None

    def _own_announcement(self, ev: RawEvent) -> bool:
        """Is a rejection still to come announced by its own side ("the minister said he would
        veto the plan", "the party will oppose the bill, a spokesman said"), not predicted by
        others ("analysts said the senate would reject the bill")?"""
        speaker = ev.attribution
        subject = next((c for c in clause_children(ev.trigger) if c.dep_ == "nsubj"), None)
        return speaker is not None and subject is not None and (
            _own_side(speaker, subject) or speaker.lower_ in PRONOUNS or lower_lemma(speaker) in SPOKESMAN_NOUNS)

    def _attribution(self, t: Token) -> Token | None:
        cur = t
        for _ in range(6):
            if cur.head == cur:
                break
            if cur.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj") and lower_lemma(cur.head) in SPEECH_LEMMAS:
                verb = cur.head
                subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                up = verb
                while not subs and up.dep_ in ("conj", "ccomp") and up.head.i != up.i:
                    # "Howard told reporters ... and said that Britain would ...": the subject of
                    # the speech verb this one is joined to (the parser may join it to a verb
                    # inside the first one's report)
                    up = up.head
                    if lower_lemma(up) in SPEECH_LEMMAS:
                        subs = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
                return subs[0] if subs else None
            if cur.dep_ == "ROOT":
                break
            cur = cur.head
        for c in clause_children(t):
            if c.dep_ == "prep" and c.lower_ == "according":
                for g in c.subtree:
                    if g.dep_ == "pobj":
                        return g
        return None

    def _agentive(self, t: Token) -> bool:
        """A government/security/political agent word ("the government", "the army"), as opposed to
        an ordinary person noun ("a girl")."""
        return t.lemma_.lower() in AGENTIVE_OWNERS

    def _talk_partners(self, h: Token) -> list[Token]:
        """"ready to continue talks with the United States", "agreed to a meeting with Kenya":
        the other party of talks named as the object is in their "with" phrase."""
        if h.lemma_.lower() not in TALK_NOUNS and h.lower_ not in TALK_NOUNS:
            return [h]
        partners = [g for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                    for g in c.children if g.dep_ == "pobj"]
        partners = [p for g in partners for p in [g] + conjuncts(g) if self._actorish(p)]
        return partners or [h]

    def _actorish(self, t: Token) -> bool:
        if t.lower_ in PRONOUNS:
            return t.lower_ not in ("that", "which", "it", "us") or t.dep_ in SUBJ
        people = counted(t)
        if people:
            # "fired on thousands of demonstrators": the people counted are what is acted on
            return self._actorish(people[0])
        s, e = core_bounds(t)
        return self.is_actor(t.doc[s:e])

    def _counted(self, h: Token) -> list[Token]:
        """"thousands of teachers", "scores of Sierra Leonean and Liberian refugees": the people
        counted are the parties (each of them, when the "of" phrase joins several)."""
        people = counted(h)
        if not people or not self._actorish(people[0]):
            return [h]
        return [people[0], *conjuncts(people[0])]

    def _participants(self, heads: list[Token], subject: bool = False) -> list[Participant]:
        """Participants from head tokens. In subject position a looser test applies: a phrase
        the resolver places ("Chile's army chief", "a Peruvian navy patrol") acts."""
        out: list[Participant] = []
        seen: set[int] = set()
        heads = [m for h in heads for m in _listed_members(h)]
        heads = [m for h in heads for m in self._counted(h)]
        if not subject:
            heads = [m for h in heads for m in self._talk_partners(h)]
        for h in heads:
            if h.i in seen:
                continue
            seen.add(h.i)
            h = self._speaker_for_pronoun(h)
            if h.lower_ in ("which", "who", "that") and h.head.dep_ == "relcl":
                h = h.head.head
            if _firm_location(h) or (h.dep_ in ("attr", "oprd") and h.lower_ not in PRONOUNS and lower_lemma(h.head) in ROLE_VERBS):
                continue    # "Sharp Corp of Japan"; "resigned to become chairman": a role, no party
            named = _names_joined_inside(h)
            if named is not None:
                # "Babangida and Sassou Nguesso" parsed as one name: two people
                first, second_start = named
                out.append(Participant(head=first, start=first.left_edge.i, end=first.i + 1,
                                       core_start=first.left_edge.i, core_end=first.i + 1))
                out.append(Participant(head=h, start=second_start, end=h.i + 1, core_start=second_start, core_end=h.i + 1))
                continue
            # "the presidents of Turkey and Azerbaijan": one participant per country
            of_conj = self._distributive_of(h)
            if of_conj and of_conj[0].i < h.i:
                s0, e0 = np_bounds(h)
                for c in of_conj:
                    out.append(Participant(head=c, start=c.i if c.i != of_conj[0].i else s0, end=c.i + 1 if c.i != of_conj[0].i else e0,
                                           core_start=c.i, core_end=c.i + 1, sector_from=h))
                continue
            if of_conj:
                for k, c in enumerate(of_conj):
                    if k == 0:
                        s, _ = np_bounds(h)
                        _, e = np_bounds(c, include_conj=False)
                        out.append(Participant(head=c, start=s, end=e, sector_from=h))
                    else:
                        s, e = np_bounds(c, include_conj=False)
                        out.append(Participant(head=c, start=s, end=e, sector_from=h))
                continue
            if h.i in self.blocked:
                # a dateline parsed as the subject ("LIMA, Peru - Troops have seized"):
                # the phrase after it is the real one; a credited agency is never a participant
                after = [k for k in h.subtree if k.i > h.i and k.i not in self.blocked
                         and k.pos_ in ("NOUN", "PROPN") and k.dep_ not in ("compound", "poss", "amod")]
                if not after:
                    continue
                h = min(after, key=depth)
            target = h.i in self._places or h.i in self._targets
            owner_pronoun = h.dep_ == "poss" and h.lower_ in ("his", "her", "their")   # "his meeting with X"
            if h.lower_ not in PRONOUNS and not owner_pronoun and not target and not self._actorish(h) and not (
                    subject and self.is_actor_loose(h.doc[slice(*core_bounds(h))])):
                continue
            s, e = np_bounds(h)
            cs, ce = core_bounds(h)
            # a credit inside the phrase ("the affected regions (Anatolia)") is cut off with its bracket
            for k in range(h.i + 1, e):
                if k in self.blocked:
                    e = k - 1 if k - 1 > h.i and h.doc[k - 1].text in ("(", "[") else k
                    ce = min(ce, e)
                    break
            out.append(Participant(head=h, start=s, end=e, core_start=cs, core_end=ce,
                                   target=target and not self._actorish(h)))
        return out

    def _distributive_of(self, h: Token) -> list[Token]:
        if h.ent_type_ or h.tag_ not in ("NNS", "NN"):
            return []
        for c in h.children:
            # "Iranian and Saudi diplomats": one participant per nationality
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG") and conjuncts(c) and c.i < h.i:
                return [c] + [k for k in conjuncts(c) if k.ent_type_ in ("NORP", "GPE", "ORG")]
        # "French and Dutch diplomats" parsed as two modifiers with "and" between them
        mods = [c for c in h.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < h.i
                and c.ent_type_ in ("NORP", "GPE", "ORG")]
        if len(mods) >= 2 and any(g.dep_ == "cc" for m in mods for g in m.children):
            return mods
        if h.lower_ in COALITION_NOUNS:
            return []   # "the coalition of Social Democrats and Centrists" is one party
        for c in h.children:
            # "the presidents of Turkey and Azerbaijan", "representatives from Brazil, Colombia
            # and Mexico"
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for g in c.children:
                    if g.dep_ == "pobj" and conjuncts(g) and g.ent_type_ in ("GPE", "NORP", "ORG"):
                        return [g] + conjuncts(g)
        return []

    @staticmethod
    def _same(p: Participant, others: list[Participant]) -> bool:
        return any(o.head.i == p.head.i or (o.start <= p.head.i < o.end) for o in others)

    def _reported_actor(self, t: Token) -> list[Participant]:
        """Who acts in the clause a speech verb reports: "complained that Libyan aircraft
        bombed villages" gives the aircraft; no one for a pronoun or a thing ("that prices rose")."""
        for c in t.children:
            if c.dep_ != "ccomp" or not is_verbal(c):
                continue
            subs = [g for g in c.children if g.dep_ == "nsubj" and g.lower_ not in PRONOUNS
                    and (self._actorish(g) or lower_lemma(g) in ARMED_FORCE_NOUNS)]
            return self._participants(subs[:1] + conjuncts(subs[0]), subject=True) if subs else []
        return []


def _timed_clause(n: Token) -> Token | None:
    """The verb a noun is a time phrase of: "after talks with X", "following two days of talks
    with X", "during his talks" (`time_phrase_preps`), "at the end of a visit" (`phase_nouns`);
    None otherwise."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in DURATION_NOUNS \
            and n.head.head.dep_ == "pobj":
        n = n.head.head       # "two days of talks"
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in PHASE_NOUNS \
            and n.head.head.dep_ == "pobj" and n.head.head.head.lower_ == "at":
        verb = n.head.head.head.head      # "left Tokyo at the end of a four-day visit"
        return verb if is_verbal(verb) else None
    if n.dep_ != "pobj" or n.head.lower_ not in TIME_PHRASE_PREPS:
        return None
    verb = n.head.head
    return verb if is_verbal(verb) else None


def _state_holder(n: Token) -> Token | None:
    """The verb of being whose subject is in the state the event noun names: "were on alert",
    "remained on high alert", "are in a state of alert" (`state_verbs`, `state_nouns`); None
    otherwise."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ in STATE_NOUNS and n.head.head.dep_ == "pobj":
        n = n.head.head       # "a state of alert"
    if n.dep_ == "pobj" and n.head.lower_ in ("on", "in") and lower_lemma(n.head.head) in STATE_VERBS:
        return n.head.head
    return None


def _pressed_by_clause(n: Token) -> bool:
    """Is the pressure noun `n` borne by its clause's subject: "under pressure", "faces
    pressure", "bowed to pressure" (`pressure_bearing_verbs`)?"""
    if n.dep_ == "pobj" and n.head.lower_ == "under":
        return True
    if n.dep_ == "dobj":
        return lower_lemma(n.head) in PRESSURE_BEARING_VERBS
    return n.dep_ == "pobj" and n.head.lower_ == "to" and lower_lemma(n.head.head) in PRESSURE_BEARING_VERBS


def _act_noun(a: Token, lex: Lexicon) -> bool:
    """Does `a` name an act ("dumping", "torture", "attacks"), not a person or a thing ("the
    death of a man": its "of" phrase is the victim)?"""
    return a.tag_ == "VBG" or lower_lemma(a) in lex.nouns or lower_lemma(a) in HOSTILE_ACT_NOUNS


def _quoted_speaker(t: Token) -> list[Token]:
    """"The Iranian spokesman was quoted by Tehran radio as saying ...": who "saying" is said by."""
    if t.dep_ == "pcomp" and t.head.lower_ == "as" and lower_lemma(t.head.head) == "quote":
        return [g for g in t.head.head.children if g.dep_ == "nsubjpass"]
    return []


def _attempted(t: Token) -> bool:
    """Is `t` what someone tried or failed to do ("failed to convince", "its failure to persuade",
    "tried to persuade")?"""
    if not (t.dep_ in ("xcomp", "acl") and to_infinitive(t) and lower_lemma(t.head) in ATTEMPT_WORDS):
        return False
    # "will try to persuade" is still to come; "tried", "failed", "its failure" happened
    return not is_verbal(t.head) or aux_mode(t.head) is None


def _promised(t: Token) -> bool:
    """Is `t` promised: "will answer", "would respond", "is prepared / ready to meet"?"""
    if any(c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lower_ == "would") for c in t.children):
        return True
    # "is ready to meet", "will be prepared to meet": readiness is the promise
    return t.dep_ == "xcomp" and t.head.lower_ in ("prepared", "ready", "determined")


def _nationally_marked(h: Token) -> bool:
    """"a U.S.-flagged tanker", "Iraqi positions", "a Kuwaiti oil terminal": a thing whose own
    modifier names a country."""
    return h.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound", "nmod") and c.i < h.i and (
            c.ent_type_ in ("GPE", "NORP") or c.lower_.endswith(("-flagged", "-registered"))
            or (c.lower_ in ("flagged", "registered") and any(g.ent_type_ in ("GPE", "NORP") for g in c.children)))
        for c in h.children)


def _with_hyphen_prefix(n: Token) -> list[Token]:
    """The children of a noun, and those of a prefix the tokenizer split off at a hyphen, which the
    parser may take as the head ("heavy Iraqi counter-attacks": "Iraqi" hangs on "counter")."""
    kids = list(n.children)
    if n.i >= 2 and n.doc[n.i - 1].text == "-" and n.doc[n.i - 1].whitespace_ == "" \
            and n.doc[n.i - 2].whitespace_ == "" and n.doc[n.i - 2].head.i in (n.i, n.head.i):
        kids = [c for c in n.doc[n.i - 2].children if c.i < n.i - 2] + kids
    return kids


def _owned_by_other(n: Token) -> bool:
    """Is the act `n` names someone's named by a state or a name ("the Iranian offensive",
    "Iraq's advance"), not "its" or "their" (the subject's own)?"""
    # the parser may hang the act noun under the next word ("an Iranian offensive east of Basra")
    nouns = [n] + [c for c in n.children if c.dep_ in ("amod", "compound") and c.pos_ == "NOUN"]
    return any((c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our"))
               or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP")) for m in nouns for c in m.children)


def _content_head(e: RawEvent) -> Token | None:
    """The noun that names an event's act inside a larger phrase: its nominal trigger, or the
    noun a to-infinitive trigger completes ("a request to send troops": request)."""
    if e.nominal:
        return e.trigger
    t = first_infinitive(e.trigger)     # "an agreement to end Portuguese rule and return Macao to China"
    while t.dep_ == "xcomp" and t.head.i != t.i and to_infinitive(t):
        t = t.head      # "the effort to move swiftly to convene the committee"
    if t.dep_ == "acl" and to_infinitive(t) and is_nominal(t.head):
        return t.head
    return None


def _firm_location(h: Token) -> bool:
    """"Sharp Corp <SHRP> of Japan", "Le Clip S.A. of Switzerland": a country after a firm's name
    says where the firm is; it is no party of its own (the parser may hang it elsewhere)."""
    if h.ent_type_ != "GPE" or h.dep_ != "pobj" or h.head.lower_ != "of" or h.head.i == 0:
        return False
    before = h.doc[h.head.i - 1]
    return before.text == ">" or (before.ent_type_ == "ORG" and before.ent_iob_ in ("B", "I"))


def _names_joined_inside(h: Token) -> tuple[Token, int] | None:
    """"Babangida and Sassou Nguesso called": the parser may make the first person's name and the
    "and" modifiers of the last name (NER: persons, so no firm's name such as "Light and Power"). Then the first name is one party and the words from the
    conjunct to the head the other: (the first name's head, where the second name starts)."""
    if h.pos_ != "PROPN" or h.ent_type_ != "PERSON":
        return None     # "Oregon Light and Power Co" is one firm
    for c in h.children:
        if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and c.ent_type_ == "PERSON" and c.i < h.i:
            cc = [g for g in c.children if g.dep_ == "cc" and g.lower_ in ("and", "or")]
            # the second may start with a title: "George Shultz and Defence Secretary Caspar Weinberger"
            conj = [g for g in c.children if g.dep_ == "conj" and c.i < g.i < h.i and (
                g.ent_type_ == "PERSON" or (g.is_title and g.pos_ in ("NOUN", "PROPN")))]
            if cc and conj and cc[0].i < conj[0].i:
                return c, conj[0].left_edge.i
    return None


def _listed_members(h: Token) -> list[Token]:
    """"GCC members Saudi Arabia, Kuwait and Oman", "the allies, Britain and France", "four
    countries, including the United States and China": the states listed in apposition to a
    plural noun, or after its "including", are the parties, one each."""
    if h.tag_ != "NNS":
        return [h]
    listed = [c for c in h.children if c.dep_ == "appos" and c.ent_type_ in ("GPE", "NORP")]
    listed += [g for c in h.children if c.dep_ == "prep" and c.lower_ == "including"
               for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP")]
    if not listed:
        return [h]
    return [listed[0]] + [c for c in conjuncts(listed[0]) if c.ent_type_ in ("GPE", "NORP")]


def _required_object(t: Token, entry: Trigger) -> Token | None:
    """The object a "+object" row requires ("impose +sanction"), the first in the sentence."""
    if not entry.objects:
        return None
    ow = object_words(t)
    hits = [ow[w] for w in entry.objects if w in ow]
    return min(hits, key=lambda o: o.i) if hits else None


def _taken(decision: Token) -> bool:
    """Is a decision verb told as taken ("has decided", "voted"), not as still to come ("will
    decide", "may vote")?"""
    aux = {c.lower_ for c in decision.children if c.dep_ in ("aux", "auxpass")}
    return decision.tag_ in ("VBD", "VBN", "VBZ", "VBP") and not aux & {
        "will", "would", "shall", "may", "might", "could", "to", "'ll"}


def _term_of_accord(t: Token) -> bool:
    """Is the verb framed "under" an accord or contract, or "as part of" one ("under a contract
    signed in February the Saudis agreed to supply oil", "as part of that agreement, Japan agreed
    to ...")?"""
    for c in t.children:
        if c.dep_ != "prep" or c.lower_ not in ("under", "as"):
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if c.lower_ == "under" and lower_lemma(g) in CITED_NOUNS | {"contract"}:
                return True
            if lower_lemma(g) in ("part", "term") and any(
                    k.dep_ == "prep" and k.lower_ == "of" and any(lower_lemma(o) in CITED_NOUNS for o in k.children)
                    for k in g.children):
                return True
    return False


def _ultimatum(t: Token) -> bool:
    """Is what `t` asks for joined by "or" to what the asked will face otherwise ("told Iran to
    release the ship or face military action")?"""
    for c in t.children:
        if c.dep_ in ("xcomp", "ccomp") and any(k.dep_ == "cc" and k.lower_ == "or" for k in c.children):
            if any(k.dep_ == "conj" and lower_lemma(k) in ULTIMATUM_VERBS for k in c.children):
                return True
    return False


def _cited(n: Token) -> bool:
    """Is an event noun only cited as the frame of what the sentence says ("under the terms of
    the 1983 accord", "under a pact reached last July"), an accord as the subject of what it
    provides ("the agreement provides an equal chance"), or what something contains ("the pact
    involved a pledge")?"""
    if n.dep_ == "nsubj" and n.head.lemma_.lower() in PROVISION_VERBS and n.lemma_.lower() in CITED_NOUNS:
        return True     # "the agreement on maize imports provides an equal chance": its terms
    if n.dep_ == "dobj" and lower_lemma(n.head) in CONTAINING_VERBS:
        return True     # "that pact involved a pledge to cut the deficit": a term of the pact
    if n.dep_ == "pobj" and n.head.lower_ == "in" and n.head.head.dep_ == "acl" \
            and lower_lemma(n.head.head) in REFERENCE_PARTICIPLES:
        return True     # "products named in U.S. complaints against Japan": where they were named
    t = n
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in PROVISION_NOUNS:
        t = t.head.head
    return t.dep_ == "pobj" and t.head.lower_ in REFERENCE_PREPS and lower_lemma(t) not in PRESSURE_NOUNS \
        and lower_lemma(t) not in UNDER_ATTACK_NOUNS


def _without_possessor(h: Token) -> Span:
    """The core phrase of `h` after its possessor: "foreign debts" of "Indonesia's foreign debts"."""
    s, e = core_bounds(h)
    poss = [c for c in h.children if c.dep_ == "poss"]
    if poss:
        s = max(s, max(k.i for k in poss[-1].subtree) + 1)
    return h.doc[min(s, h.i):e]


def _copula_host(t: Token) -> Token:
    """A predicate adjective or noun with no subject of its own ("ready", "due") stands for the
    copula whose subject it describes; any other token for itself."""
    if t.dep_ in ("acomp", "attr", "oprd") and t.head.i != t.i and not any(c.dep_ in SUBJ for c in t.children):
        return t.head
    return t


def _leader_owned(o: Token) -> bool:
    """Is `o` a person's own ("his party", "her army"), not a state's ("its citizens")?"""
    return any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in o.children)


def _addressed_by_to(h: Token, verb: Token) -> bool:
    """Is `h` (or the first of its conjuncts) the object of a "to" phrase of `verb`: whom it was
    said to ("complained to the United Nations")?"""
    head = h.head if h.dep_ == "conj" else h
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.i == verb.i


def _aimed_by_phrase(t: Token) -> bool:
    """Is `t` (or the first of its conjuncts) the object of an "against" or "on" phrase, whom a
    measure is aimed at ("sanctions against Japan", "an embargo on Iran and Libya")?"""
    head = t.head if t.dep_ == "conj" else t
    return head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in AIMED_PREPS


def _adopted_things(noun: Token) -> list[Token]:
    """What an adoption noun is of ("the adoption of the proposals": proposals); [] for another noun."""
    if lower_lemma(noun) not in ADOPTION_NOUNS:
        return []
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _adopted(noun: Token, verb: Token) -> bool:
    """Is `noun` what an adoption noun object of `verb` is of ("vetoed the adoption of the
    proposals")?"""
    return any(noun in _adopted_things(o) for o in objects_of(verb))


def on_condition(t: Token) -> bool:
    """Is the act promised on a condition: "would ban them if Tokyo did not act", "will
    retaliate unless the duties are lifted"? The condition may hang from the act's verb or from
    the verb whose complement it is ("would use its powers to ban ... if")."""
    cur = t
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in cur.children) \
                or lower_lemma(cur.head) in QUESTIONING_VERBS:
            return False    # the act is itself the condition, or a question ("asked if Seoul would retaliate")
        if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
               for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _hearers(speech: Token) -> list[Token]:
    """Whom a speech verb tells ("told the banks", "assured Bonn"), not a pronoun and not the press."""
    return [g for g in speech.children if g.dep_ in ("dobj", "dative") and g.lower_ not in PRONOUNS
            and g.lower_ not in PRESS_AUDIENCE]


def _labels(t: Token) -> list[Token]:
    """What a labelling verb names its object: "called the attack an escalation", "described
    the raid as an act of piracy"."""
    direct = [c for c in t.children if c.dep_ in ("oprd", "attr", "xcomp")]
    return direct + [g for c in t.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]


def _condition_subjects(t: Token) -> list[Token]:
    """Who must act for a promise to hold: the subject of an "if" or "unless" clause of `t` or of
    the verbs it hangs from ("would not rule out retaliation if America raised its tariffs")."""
    cur = t
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                return [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return []


def _own_side(speaker: Token, subject: Token) -> bool:
    """Does a speaker tell of its own side: "Tokyo said it ...", "the minister said he ...",
    "Bonn said Bonn ..."?"""
    return subject.lower_ in PRONOUNS or subject.lemma_ == speaker.lemma_


def reported_blame(clause: Token) -> str | None:
    """Does a clause reported by a speech verb accuse its subject? "predicate" when a blame word
    is its predicate ("said border guards were responsible"); "act" when its verb does ("said
    Lima had failed to pay": the failed act is no event of its own); "conduct" when a neglect,
    a breach or an insufficiency does ("said Washington had not listened", "said the state had
    broken its promises", "said the minister was not forceful enough", "said the police had been
    too lenient": only the breached commitment is consumed); None otherwise."""
    kids = list(clause.children)
    negated = any(g.dep_ == "neg" for g in kids)
    if any(g.dep_ in ("acomp", "attr") and g.lower_ in BLAME_PREDICATES for g in kids):
        return "predicate"
    lemma = lower_lemma(clause)
    if lemma in BLAME_VERBS:
        return None if negated else "act"
    if lemma in NEGLECT_VERBS:
        return "conduct" if negated else None
    if lemma in BREACH_VERBS and not negated and any(
            g.dep_ in ("dobj", "nsubjpass") and lower_lemma(g) in BREACH_OBJECTS for g in kids):
        return "conduct"
    for g in kids:
        if g.dep_ != "acomp" or any(k.dep_ in ("xcomp", "ccomp") for k in g.children):
            continue     # "too important to ignore", "not big enough to matter": no judgement of conduct
        mods = {k.lower_ for k in g.children if k.dep_ == "advmod"}
        if "too" in mods or ("enough" in mods and negated):
            return "conduct"
    return None

