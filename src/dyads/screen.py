"""Which sentences can hold an event, decided cheaply before any tagging or parsing.

A sentence is analysed further only if it has (1) a surface form of an event-bearing
trigger from the lexicon and (2) something that can be an actor: a knowledge-base name
(country, demonym, capital, organization, person, or an agent word other than a business),
a personal pronoun, or two capitalized words in a row. A trigger that requires an object or a
noun modifier counts only with one of them in the sentence ("suspended" and "aid"; "trade",
"group" and "president" alone are ordinary words), and a capitalized month name is a date.
Reported criticism and reported demands have no trigger of their own, so a sentence with a
speech verb and the words of one ("said Washington had not listened", "said the state had
broken its promises", "was not forceful enough", "said the army must withdraw", "told the banks
to cut rates") passes too.
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
AMBIGUOUS_MONTHS = words("ambiguous_month_words")
DEONTIC = words("deontic_modals")
ORDERING_SPEECH = words("ordering_speech_verbs")
CUE_KINDS = ("country", "adjective", "metonym", "organization", "person")


@dataclass(frozen=True)
class ScreeningForms:
    """Surface forms of the event-bearing triggers. A word in `single` is enough; a word in
    `paired` counts only beside one of its companions: an entry that requires an object or a
    noun modifier ("impose +sanction", "arms sale") can only match when that word is there too,
    and the object words alone are ordinary ("trade", "group", "president")."""
    single: frozenset[str]
    paired: dict[str, frozenset[str]]

    def found(self, s: Span) -> bool:
        low = None
        for t in s:
            w = t.lower_
            if w in self.single:
                if w in AMBIGUOUS_MONTHS and not t.is_lower:
                    continue   # "March 3" is a date; "march" may be a protest
                return True
            need = self.paired.get(w)
            if need:
                low = low if low is not None else {x.lower_ for x in s}
                if low & need:
                    return True
        return False


def screening_forms(lexicon: Lexicon, lemmatize: RuleLemmatizer) -> ScreeningForms:
    """The forms of every event-bearing trigger; a sentence without one is not parsed."""
    single: set[str] = set()
    paired: dict[str, set[str]] = {}
    for table, pos in ((lexicon.verbs, "verb"), (lexicon.nouns, "noun"), (lexicon.adjectives, "adj")):
        for head, entries in table.items():
            heads = lemmatize.inflections(head, pos)
            for e in entries:
                if not e.event:
                    continue
                need: set[str] = set()
                for o in e.objects:
                    need |= lemmatize.inflections(o, "noun") | {o}
                for m in e.modifiers:
                    need |= lemmatize.inflections(m, "noun") | {m}
                if not need:
                    single |= heads
                else:
                    for h in heads:
                        paired.setdefault(h, set()).update(need)
    # reported blame has no trigger of its own: "said Iraq was the cause", "said Lima had failed to pay"
    for w in BLAME_PREDICATES:
        single |= lemmatize.inflections(w, "noun") | {w}
    for w in BLAME_VERBS:
        single |= lemmatize.inflections(w, "verb")
    return ScreeningForms(frozenset(single), {h: frozenset(n) for h, n in paired.items() if h not in single})


def light_verb_forms(lexicon: Lexicon, lemmatize: RuleLemmatizer) -> frozenset[str]:
    """The forms of the light verbs that carry an object noun's event ("kick off talks", "hold
    talks"): wire copy capitalizes them after "U.S." as it does event triggers (dyads.nlp)."""
    return frozenset(f for head, entries in lexicon.verbs.items() if any(not e.event for e in entries)
                     for w in head.split()[:1] for f in lemmatize.inflections(w, "verb") | {w})


@dataclass(frozen=True)
class CriticismCues:
    """Surface forms that together can make reported speech an accusation (see
    `dyads.events.coder.reported_blame`): a speech verb, and a negated verb of neglect, a verb of
    breach with a commitment, or "too"/"not ... enough"."""
    speech: frozenset[str]
    neglect: frozenset[str]
    breach: frozenset[str]
    commitments: frozenset[str]
    ordering: frozenset[str] = frozenset()

    @classmethod
    def build(cls, lemmatize: RuleLemmatizer) -> "CriticismCues":
        def verbs(ws: Iterable[str]) -> frozenset[str]:
            return frozenset(f for w in ws for f in lemmatize.inflections(w, "verb"))
        return cls(verbs(SPEECH_VERBS), verbs(NEGLECT_VERBS), verbs(BREACH_VERBS),
                   frozenset(f for w in BREACH_OBJECTS for f in lemmatize.inflections(w, "noun")),
                   verbs(ORDERING_SPEECH))

    def found(self, s: Span) -> bool:
        low = {t.lower_ for t in s}
        if not low & self.speech:
            return False
        if low & DEONTIC:
            return True   # "said Y must do Z": a demand (see `SentenceCoder._deontic_requests`)
        if low & self.ordering and any(t.lower_ in self.ordering and any(
                k.lower_ == "to" for k in s[t.i - s.start + 1:t.i - s.start + 9]) for t in s):
            return True   # "told the banks to cut rates": a demand too (a "to" soon after "told")
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


def candidate_sentences(sents: list[Span], forms: ScreeningForms, names: Iterable,
                        criticism: CriticismCues | None = None) -> list[int]:
    """Indices of the sentences worth tagging and parsing."""
    cues = actor_cue_starts(names)
    return [i for i, s in enumerate(sents)
            if (forms.found(s) or (criticism is not None and criticism.found(s)))
            and has_actor_cue(s, cues)]
