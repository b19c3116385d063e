"""Finding triggers: the lexicon entries a parsed sentence's words match.

An entry matches a word with its lemma and part of speech when the word governs what the
entry requires: particles or prepositions ("call for", "crack down on"), one of the object
lemmas ("impose +sanction"), or modifiers of a noun ("air strike"). The most specific entry
that matches wins (the lexicon sorts them).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from dyads.events.lexicon import Lexicon, Trigger
from dyads.events.syntax import is_nominal, is_verbal, lower_lemma, no_party_entity, objects_of
from dyads.vocabulary import words

SETTING_PREPS = words("setting_prepositions")   # "ended without agreement": no object
CURRENCY_WORDS = words("currency_words")        # "imposed 300 mln dlrs in sanctions": the sanctions

# words inside these entities are names ("the Office for Trade Cooperation"), not events
NAME_ENTS = {"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LOC", "LANGUAGE"}


def child_words(t: Token) -> set[str]:
    """Particles and prepositions that can complete a phrasal trigger ("call on", "crack down on"):
    close after the verb, and not introducing a date ("called on Saturday")."""
    out = set()
    for c in t.children:
        if c.dep_ not in ("prt", "prep", "advmod", "agent", "dative"):
            continue
        if c.dep_ == "prep":
            if c.i - t.i > 4 or c.i < t.i:
                continue
            if any(g.dep_ == "pobj" and no_party_entity(g) for g in c.children):
                continue
        out.add(c.lower_)
    for c in t.children:
        # "called for the bank to act": "for" marks the clause whose subject is asked
        if c.dep_ in ("advcl", "ccomp", "xcomp"):
            out.update(g.lower_ for g in c.children if g.dep_ == "mark" and g.lower_ == "for" and 0 < g.i - t.i <= 2)
    return out


def object_words(t: Token) -> dict[str, Token]:
    """Lemmas that can satisfy a "+object" requirement, mapped to the object token:
    the object and its conjuncts, their compound/adjective modifiers, an "of" complement
    ("state of emergency"), and objects of prepositions ("remained on alert"), except those
    that only set the time or circumstance ("held before the meeting", "ended without agreement")."""
    out: dict[str, Token] = {}
    objs = objects_of(t) + [g for c in t.children if c.dep_ in ("prep", "prt") and c.lower_ not in SETTING_PREPS
                            for g in c.children if g.dep_ == "pobj"]
    objs += [c for c in t.children if c.dep_ in ("oprd", "acomp") or (c.dep_ in ("xcomp", "ccomp") and (
        c.tag_.startswith("JJ") or (c.tag_ in ("VBN", "VBD") and not any(g.dep_ in ("aux", "auxpass", "mark") for g in c.children))))]
    # object + predicative adjective or participle: "declared the vote invalid", "ordered the schools closed"
    for o in objs:
        out.setdefault(lower_lemma(o), o)
        for g in o.children:
            if g.dep_ in ("compound", "amod", "nmod"):
                out.setdefault(lower_lemma(g), o)
            elif g.dep_ == "prep" and g.lower_ == "of":
                for gg in g.children:
                    if gg.dep_ == "pobj":
                        out.setdefault(lower_lemma(gg), o)
            elif g.dep_ == "prep" and g.lower_ == "in" and o.lower_ in CURRENCY_WORDS:
                # an amount "in" what it measures ("imposed 300 mln dlrs in sanctions on Japanese
                # goods"): the measure is the object, with its own "on" phrase
                for gg in g.children:
                    if gg.dep_ == "pobj":
                        out.setdefault(lower_lemma(gg), gg)
    return out


def match_entry(t: Token, entries: list[Trigger]) -> Trigger | None:
    """The first entry whose particles, objects and modifiers the token has. An entry whose
    object word is only a modifier of the object yields to a later one that names the object
    itself: "cut import taxes" cuts taxes (an easing), not imports (a sanction)."""
    words = child_words(t)
    objs = None
    heads: set[str] = set()
    by_modifier: Trigger | None = None
    for e in entries:
        if e.particles and not all(p in words for p in e.particles):
            continue
        if e.modifiers:
            mods = {lower_lemma(c) for c in t.children if c.dep_ in ("compound", "amod", "nmod")}
            if not all(m in mods for m in e.modifiers):
                continue
        if e.objects:
            if objs is None:
                objs = object_words(t)
                heads = {lower_lemma(o) for o in objs.values()}
            if not (objs.keys() & e.objects):
                continue
            if not (heads & e.objects):
                by_modifier = by_modifier or e
                continue
        elif by_modifier is not None:
            return by_modifier
        return e
    return by_modifier


def _gerund_as_noun(t: Token) -> bool:
    """An -ing word standing as a noun ("Fighting between Iran and Iraq continued", "an end to
    the shelling"): in a noun's place, with no subject, auxiliary or object of its own."""
    return t.tag_ == "VBG" and t.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and not any(
        c.dep_ in ("nsubj", "aux", "auxpass", "dobj", "neg") for c in t.children)


def find_triggers(doc: Doc, lex: Lexicon) -> list[tuple[Token, Trigger]]:
    """Every (token, entry) of the sentence, in token order."""
    found = []
    for t in doc:
        if t.ent_type_ in NAME_ENTS or t.ent_type_ in ("DATE", "TIME"):
            continue   # part of a name, not an event
        if t.dep_ == "prep" and t.tag_ == "VBG":
            continue   # a participle used as a preposition: "according to", "following the talks"
        lem = lower_lemma(t)
        entries = None
        if _gerund_as_noun(t) and t.lower_ in lex.nouns:
            entries = lex.nouns[t.lower_]     # "Fighting between Iran and Iraq continued"
        elif is_verbal(t) and lem in lex.verbs:
            entries = lex.verbs[lem]
        elif is_nominal(t) and lem in lex.nouns:
            entries = lex.nouns[lem]
        elif t.tag_.startswith("JJ") and lem in lex.adjectives:
            entries = lex.adjectives[lem]
        elif t.tag_ == "VBG" and lem in lex.nouns:
            entries = lex.nouns[lem]
        if not entries:
            continue
        e = match_entry(t, entries)
        if e is not None:
            found.append((t, e))
    return found
