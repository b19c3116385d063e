"""Which sentences can hold an event, decided cheaply before any tagging or parsing.

A sentence is analysed further only if it has (1) a surface form of an event-bearing
trigger from the lexicon and (2) something that can be an actor: a knowledge-base name
(country, demonym, capital, organization, person, or an agent word other than a business),
a personal pronoun, or two capitalized words in a row. Reported criticism has no trigger of
its own, so a sentence with a speech verb and the words of one ("said Washington had not
listened", "said the state had broken its promises", "was not forceful enough") passes too.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Span

from dyads.events.lexicon import Lexicon
from dyads.nlp import RuleLemmatizer
from dyads.vocabulary import words

CUE_PRONOUNS = words("cue_pronouns")
BLAME_PREDICATES = words("blame_predicates")
BLAME_VERBS = words("blame_verbs")
NEGLECT_VERBS = words("neglect_verbs")
BREACH_VERBS = words("breach_verbs")
BREACH_OBJECTS = words("breach_objects")
NEGATIONS = words("negators")
SPEECH_VERBS = words("speech_verbs")
CUE_KINDS = ("country", "adjective", "metonym", "organization", "person")


def screening_forms(lexicon: Lexicon, lemmatize: RuleLemmatizer) -> frozenset[str]:
    """Surface forms of every event-bearing trigger; a sentence without one is not parsed."""
    forms: set[str] = set()
    for table, pos in ((lexicon.verbs, "verb"), (lexicon.nouns, "noun"), (lexicon.adjectives, "adj")):
        for head, entries in table.items():
            for e in entries:
                if not e.event:
                    continue
                if e.objects:
                    # "have talks", "take hostages": the object word must be there anyway
                    for o in e.objects:
                        forms |= lemmatize.inflections(o, "noun")
                else:
                    forms |= lemmatize.inflections(head, pos)
    # reported blame has no trigger of its own: "said Iraq was the cause", "said Lima had failed to pay"
    for w in BLAME_PREDICATES:
        forms |= lemmatize.inflections(w, "noun") | {w}
    for w in BLAME_VERBS:
        forms |= lemmatize.inflections(w, "verb")
    return frozenset(forms)


@dataclass(frozen=True)
class CriticismCues:
    """Surface forms that together can make reported speech an accusation (see
    `dyads.events.coder.reported_blame`): a speech verb, and a negated verb of neglect, a verb of
    breach with a commitment, or "too"/"not ... enough"."""
    speech: frozenset[str]
    neglect: frozenset[str]
    breach: frozenset[str]
    commitments: frozenset[str]

    @classmethod
    def build(cls, lemmatize: RuleLemmatizer) -> "CriticismCues":
        def verbs(ws: Iterable[str]) -> frozenset[str]:
            return frozenset(f for w in ws for f in lemmatize.inflections(w, "verb"))
        return cls(verbs(SPEECH_VERBS), verbs(NEGLECT_VERBS), verbs(BREACH_VERBS),
                   frozenset(f for w in BREACH_OBJECTS for f in lemmatize.inflections(w, "noun")))

    def found(self, s: Span) -> bool:
        low = {t.lower_ for t in s}
        if not low & self.speech:
            return False
        negated = bool(low & NEGATIONS)
        return bool((negated and low & self.neglect) or (low & self.breach and low & self.commitments)
                    or "too" in low or (negated and "enough" in low))


def actor_cue_starts(names: Iterable) -> list[int]:
    """Offsets of knowledge-base names that can head or mark an actor."""
    return sorted(m.start for m in names
                  if m.kind in CUE_KINDS or (m.kind == "agent" and m.sector not in ("BUS", "UNK", None)))


def has_actor_cue(s: Span, cue_starts: list[int]) -> bool:
    """Besides knowledge-base names, personal pronouns and multi-word capitalized names count."""
    i = bisect.bisect_left(cue_starts, s.start_char)
    if i < len(cue_starts) and cue_starts[i] < s.end_char:
        return True
    prev_cap = False
    for k, t in enumerate(s):
        if t.lower_ in CUE_PRONOUNS:
            return True
        cap = k > 0 and t.is_title and t.is_alpha and len(t) > 1
        if cap and prev_cap:
            return True
        prev_cap = cap
    return False


def candidate_sentences(sents: list[Span], forms: frozenset[str], names: Iterable,
                        criticism: CriticismCues | None = None) -> list[int]:
    """Indices of the sentences worth tagging and parsing."""
    cues = actor_cue_starts(names)
    return [i for i, s in enumerate(sents)
            if (any(t.lower_ in forms for t in s) or (criticism is not None and criticism.found(s)))
            and has_actor_cue(s, cues)]
