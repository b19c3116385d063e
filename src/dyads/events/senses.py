"""Trigger senses: whether a trigger word's reading around this occurrence is the political one.

The rules live in `data/senses.tsv` (format in its header): for a trigger (head lemma, part of
speech, event), a slot around the word (its object, a modifier, its "of" or "for" phrase,
subject, particle, or the object of the verb it governs) and a word list, either the reading
*requires* a match there, or it does not hold *unless*... a match is absent. "held a 40 pct
stake" fails `hold V COERCE requires object @actor`; "oil demand" matches `demand N REQUEST
unless modifier @market_words`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Callable

from spacy.tokens import Token

from dyads.events.syntax import after_dateline, counted, is_verbal, lower_lemma, objects_of
from dyads.vocabulary import words

RULES = ("requires", "unless")
SLOTS = ("object", "any-object", "modifier", "modified", "object-modifier", "governor", "in-governor", "of", "for", "from", "over", "subject", "particle", "complement", "infinitive",
         "clause", "clause-subject", "asked", "question", "present")
ACTOR = "@actor"
NON_ACTOR = "@thing"      # a phrase that is neither an actor nor a pronoun ("wage rises", "the tax")
PERSON = "@person"        # a person named ("Howard", an unlabelled "Okongwu") or "he"/"she": one traveller, no force or state
ANY = "*"
GERUND_SUBJECT_PREPS = words("gerund_subject_preps")   # "after battling X, Congress ...": Congress battles
QUESTION_MARKS = words("question_conjunctions")   # "asked whether ...": a question; "because ..." is not


@dataclass(frozen=True)
class SenseRule:
    trigger: str
    pos: str
    event: str                      # or "*"
    rule: str                       # requires | unless
    slot: str
    words: tuple[str, ...]          # lemmas, "@list" names, "@actor" or "*"
    line: int

    def describe(self) -> str:
        return f"{self.trigger} {self.pos} {self.event} {self.rule} {self.slot} {'|'.join(self.words)}"


def parse_senses(text: str, name: str = "senses.tsv") -> list[SenseRule]:
    """The rules of a senses table; a malformed row raises ValueError naming its line."""
    rules: list[SenseRule] = []
    header = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if not header:
            header = True
            if cols[0] == "trigger":
                continue
        if len(cols) != 6:
            raise ValueError(f"{name}:{n}: expected 6 tab-separated columns, got {len(cols)}")
        trigger, pos, event, rule, slot, spec = cols
        if pos not in ("V", "N", "A"):
            raise ValueError(f"{name}:{n}: part of speech {pos!r} is not V, N or A")
        if rule not in RULES:
            raise ValueError(f"{name}:{n}: rule {rule!r} is not one of {', '.join(RULES)}")
        if slot not in SLOTS:
            raise ValueError(f"{name}:{n}: slot {slot!r} is not one of {', '.join(SLOTS)}")
        ws = tuple(w.strip() for w in spec.split("|") if w.strip())
        for w in ws:
            if w.startswith("@") and w not in (ACTOR, NON_ACTOR, PERSON):
                try:
                    words(w[1:])
                except KeyError:
                    raise ValueError(f"{name}:{n}: {w} is not a list of vocabulary.yaml") from None
        if not ws:
            raise ValueError(f"{name}:{n}: no words")
        rules.append(SenseRule(trigger, pos, event, rule, slot, ws, n))
    return rules


@functools.lru_cache(maxsize=1)
def default_senses() -> dict[tuple[str, str], tuple[SenseRule, ...]]:
    """The shipped rules, by (trigger lemma, part of speech)."""
    text = resources.files("dyads").joinpath("data/senses.tsv").read_text(encoding="utf-8")
    return index(parse_senses(text))


def index(rules: list[SenseRule]) -> dict[tuple[str, str], tuple[SenseRule, ...]]:
    out: dict[tuple[str, str], list[SenseRule]] = {}
    for r in rules:
        out.setdefault((r.trigger, r.pos), []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def _passive(t: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)


def _prep_objects(t: Token, prep: str) -> list[Token]:
    return [g for c in t.children if c.dep_ in ("prep", "agent") and c.lower_ == prep
            for g in c.children if g.dep_ == "pobj"]


def slot_tokens(t: Token, slot: str) -> list[Token]:
    """The head tokens of a slot around trigger `t`."""
    if slot == "object":
        if t.dep_ == "acl" and t.tag_ == "VBN":
            return [t.head]      # "the figures supplied by the ministry": the noun is what is supplied
        if _passive(t):
            return [c for c in t.children if c.dep_ == "nsubjpass"]
        return [o for o in objects_of(t) if o.dep_ != "nsubjpass"]
    if slot == "any-object":
        return slot_tokens(t, "object") + [g for c in t.children if c.dep_ == "prep"
                                           for g in c.children if g.dep_ == "pobj"]
    if slot == "modifier":
        return [c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i]
    if slot == "modified":
        # "riot police", "strike aircraft": the noun a trigger word modifies
        return [t.head] if t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i else []
    if slot == "governor":
        return [t.head] if t.dep_ in ("dobj", "nsubjpass") and t.head.i != t.i and is_verbal(t.head) else []
    if slot == "in-governor":
        # "said in a telephone conversation": the verb the noun's "in" phrase hangs on, when the
        # noun names no other party ("said in a conversation with Peru's president" is one)
        p = t.head
        if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in t.children):
            return []
        return [p.head] if t.dep_ == "pobj" and p.dep_ == "prep" and p.lower_ == "in" and is_verbal(p.head) else []
    if slot == "object-modifier":
        return [m for o in slot_tokens(t, "object") for m in slot_tokens(o, "modifier")]
    if slot == "over":
        # "clashed over the budget", also hung on the other party ("with his counterpart over")
        return _prep_objects(t, "over") + [g for c in t.children if c.dep_ == "prep" for o in c.children
                                           if o.dep_ == "pobj" for g in _prep_objects(o, "over")]
    if slot in ("of", "for"):
        return _prep_objects(t, slot)
    if slot == "from":
        # "struck the plan from the agenda": on the verb or on its object
        return _prep_objects(t, "from") + [g for o in slot_tokens(t, "object") for g in _prep_objects(o, "from")]
    if slot == "subject":
        subjects = _prep_objects(t, "by") if _passive(t) else [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ in GERUND_SUBJECT_PREPS:
            # "after battling the president all year, Congress ...": the main clause's subject
            subjects = [c for c in t.head.head.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and t.dep_ == "xcomp":
            # "we will be prepared to meet ...", "Iran is ready to respond": the controller's subject
            ctrl = t.head.head if t.head.dep_ == "acomp" else t.head
            subjects = [c for c in ctrl.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        # "scores of Syrian troops", "thousands of students": the people counted
        return subjects + [g for s in subjects for g in counted(s)]
    if slot == "particle":
        # the parser takes some particles for adverbs ("shot back")
        return [c for c in t.children if c.dep_ in ("prt", "advmod") and c.i == t.i + 1]
    if slot == "complement":
        verbs = [c for c in t.children if c.dep_ in ("xcomp", "ccomp") and is_verbal(c)]
        return [o for v in verbs for o in slot_tokens(v, "object")]
    if slot == "infinitive":
        return [c for c in t.children if c.dep_ == "xcomp" and is_verbal(c)]
    if slot == "clause":
        return [c for c in t.children if c.dep_ == "ccomp"]
    if slot == "clause-subject":
        # "warned in a report that ...": the parser may hang the clause on the report
        clauses = [c for c in t.children if c.dep_ == "ccomp"] + [
            k for c in t.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
            for k in o.children if k.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)]
        return [g for c in clauses for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    if slot == "question":
        # "asked whether the talks had failed", "asked about the report": a question, not a demand
        marks = [g for c in t.children if c.dep_ in ("ccomp", "advcl", "xcomp") for g in c.children
                 if g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.i < c.i
                 and (g.tag_ in ("WRB", "WP", "WDT") or g.lower_ in QUESTION_MARKS)]
        return marks + [c for c in t.children if c.dep_ == "prep" and c.lower_ == "about"]
    if slot == "asked":
        # "wants Japan to open its market": the object, or the subject of the clause it governs
        return slot_tokens(t, "object") + [g for c in t.children if c.dep_ in ("ccomp", "xcomp")
                                           for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    if slot == "present":
        # a simple present with no auxiliary states a standing position, not an act ("opposes")
        # in the story's own voice only: "X said it supports Y" reports a statement
        own = any(c.dep_ in ("aux", "auxpass") for c in t.children)
        return [t] if t.tag_ in ("VBZ", "VBP") and not own and t.dep_ == "ROOT" else []
    raise ValueError(f"unknown slot {slot!r}")


def _matches(tok: Token, spec: tuple[str, ...], is_actor: Callable[[Token], bool]) -> bool:
    lem, low = lower_lemma(tok), tok.lower_
    for w in spec:
        if w == ANY:
            return True
        if w == ACTOR:
            if is_actor(tok):
                return True
        elif w == NON_ACTOR:
            if not is_actor(tok) and tok.pos_ != "PRON":
                return True
        elif w == PERSON:
            # a surname the recognizer left unlabelled ("Okongwu left Paris") is one too: names
            # of states, cities and bodies carry their labels
            if tok.ent_type_ == "PERSON" or low in ("he", "she") or (tok.tag_ == "NNP" and not tok.ent_type_ and not after_dateline(tok)):
                return True
        elif w.startswith("@"):
            vocab = words(w[1:])
            if lem in vocab or low in vocab:
                return True
        elif w in (lem, low):
            return True
    return False


def failed_rule(t: Token, trigger: str, pos: str, event: str, is_actor: Callable[[Token], bool],
                rules: dict[tuple[str, str], tuple[SenseRule, ...]] | None = None) -> SenseRule | None:
    """The first rule saying this occurrence of the trigger is not the reading `event`, or None."""
    table = default_senses() if rules is None else rules
    for r in table.get((trigger, pos), ()):
        if r.event not in ("*", event):
            continue
        found = slot_tokens(t, r.slot)
        hit = any(_matches(x, r.words, is_actor) for x in found)
        if (r.rule == "requires" and not hit) or (r.rule == "unless" and hit):
            return r
    return None
