"""PLOVER auxiliary modes: is a stated event asserted, or negated, future, hypothetical?

Works on the dependency parse around a trigger token. Historical statements
are decided later, from the event's date (see `dyads.dates`).
"""
from __future__ import annotations

from spacy.tokens import Token

from dyads.vocabulary import words

# word lists: data/vocabulary.yaml
FUTURE_AUX = words("future_auxiliaries")
HYPOTHETICAL_AUX = words("hypothetical_auxiliaries")
# Verbs that put an embedded event in the future or in the realm of intention.
FUTURE_CONTROLLERS = words("future_controllers")
HYPOTHETICAL_MARKERS = words("hypothetical_markers")
NEGATORS = words("negators")
NEGATING_CONTROLLERS = words("negating_controllers")
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "ROOT", "parataxis", "csubj"}


def clause_head(tok: Token) -> Token:
    """The verb that heads the clause a (possibly nominal) trigger sits in."""
    t = tok
    steps = 0
    while t.pos_ not in ("VERB", "AUX") and not t.tag_.startswith("VB") and t.head != t and steps < 8:
        t = t.head
        steps += 1
    return t


def _children_texts(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "det")}


def aux_mode(trigger: Token, in_reported_speech: bool = False) -> str | None:
    """negation | future | hypothetical | None (asserted)."""
    verb = clause_head(trigger)
    # negation on the trigger itself or its clause verb; nominal triggers: "no talks were held"
    for t in (trigger, verb):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t.i == trigger.i):
                return "negation"
            # "no statements were released", "released no prisoners"
            if c.dep_ in ("nsubjpass", "dobj") and any(g.dep_ == "det" and g.lower_ in ("no", "neither")
                                                       for g in c.children):
                return "negation"
    texts = _children_texts(verb)
    if texts & FUTURE_AUX:
        return "future"
    if "would" in texts:
        # "he said he would visit" is future in the past; a bare "would" is hypothetical
        return "future" if in_reported_speech else "hypothetical"
    if texts & HYPOTHETICAL_AUX:
        return "hypothetical"
    # "is going to meet", "is to visit", "is expected to", "plans to attend"
    t = verb
    for _ in range(3):
        if t.dep_ == "xcomp" and t.head != t:
            ctrl = t.head
            lem = ctrl.lemma_.lower()
            if lem in FUTURE_CONTROLLERS or ctrl.lower_ in FUTURE_CONTROLLERS:
                return "future"
            if lem in NEGATING_CONTROLLERS:
                return "negation"
            if _children_texts(ctrl) & {"will", "shall", "'ll"}:
                return "future"
            if _children_texts(ctrl) & HYPOTHETICAL_AUX:
                return "hypothetical"
            if any(c.dep_ == "neg" for c in ctrl.children):
                return "negation"
            t = ctrl
        else:
            break
    # "if Russia attacks", "unless talks resume"
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKERS:
            return "hypothetical"
    if verb.dep_ == "advcl":
        for c in verb.children:
            if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKERS:
                return "hypothetical"
    return None
