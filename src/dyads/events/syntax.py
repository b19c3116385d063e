"""Reading a dependency parse: word classes, noun-phrase bounds, objects, conjuncts.

Small functions over spaCy tokens that the trigger matcher and the event coder share.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from dyads.vocabulary import words

SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
OBJ = {"dobj", "obj"}
POSSESSIVE_PRONOUNS = words("possessive_pronouns")
RELATIONAL_NOUNS = words("relational_nouns")
MODIFYING_PARTICIPLES = words("modifying_participles")
NAMING_VERBS = words("naming_verbs")
def lower_lemma(t: Token) -> str:
    return t.lemma_.lower() if t.lemma_ else t.lower_


def is_verbal(t: Token) -> bool:
    return t.tag_.startswith("VB") or t.pos_ in ("VERB", "AUX")


def is_nominal(t: Token) -> bool:
    return t.tag_ in ("NN", "NNS", "NNP", "NNPS") or t.pos_ in ("NOUN", "PROPN") or (
        t.tag_ == "VBG" and t.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass", "conj", "appos")
    )


NON_PARTICIPANT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
COLLECTIVE_QUANTIFIERS = words("collective_quantifiers")   # "thousands of teachers": the teachers


def counted(t: Token) -> list[Token]:
    """What a quantifier counts: "teachers" of "thousands of teachers" (`collective_quantifiers`);
    nothing for any other word."""
    if t.lower_ not in COLLECTIVE_QUANTIFIERS:
        return []
    return [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def no_party_entity(t: Token) -> bool:
    """Is `t` a date, an amount or a number, no party; but "thousands of students", which the
    recognizer calls a number, counts people."""
    return t.ent_type_ in NON_PARTICIPANT_ENTS and not counted(t)


def participle_subject(t: Token) -> Token | None:
    """"pursuing retreating Iranian troops", "fired at protesting students": the -ing form of a
    verb that takes no object (`modifying_participles`) which the parser gave the bare noun
    phrase after it as an object; that noun phrase is who does it. None otherwise ("protesting
    the decision" has a determiner; "fled the city" is no -ing form)."""
    if t.tag_ != "VBG" or t.lemma_.lower() not in MODIFYING_PARTICIPLES:
        return None
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children):
        return None     # "the army is striking rebel targets": a verb with its own subject
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != t.i + 1 or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ in ("det", "poss", "nummod") for c in obj.children):
        return None
    return obj


def named_thing(clause: Token) -> Token | None:
    """"(condemned) what it called U.S. aggression": the thing a free relative of naming stands
    for, "aggression"; None when `clause` is no such clause."""
    if clause.dep_ not in ("ccomp", "pcomp", "xcomp") or clause.lemma_.lower() not in NAMING_VERBS:
        return None
    if not any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubjpass") for c in clause.children):
        return None
    return next((c for c in clause.children if c.dep_ in ("oprd", "attr", "dobj") and c.lower_ != "what"
                 and c.pos_ in ("NOUN", "PROPN")), None)


def objects_of(t: Token) -> list[Token]:
    objs = [c for c in t.children if c.dep_ in OBJ]
    objs += [n for c in t.children if c.i > t.i and (n := named_thing(c)) is not None]
    if not objs:
        # passive: "sanctions were imposed"; "talks were held"
        if any(c.dep_ == "auxpass" for c in t.children):
            objs = [c for c in t.children if c.dep_ == "nsubjpass"]
    if not objs and t.dep_ in ("acl", "relcl") and t.tag_ == "VBN":
        objs = [t.head]   # "the assistance sent by Azerbaijan"
    if not objs:
        # "walk out of talks": object of a particle
        for c in t.children:
            if c.dep_ == "prt":
                objs.extend(g for g in c.children if g.dep_ == "pobj")
    out: list[Token] = []
    for o in objs:
        out.append(o)
        out.extend(conjuncts(o))
    return out


def to_infinitive(t: Token) -> bool:
    """Is this verb a to-infinitive ("a plan to sell arms", "agreed to meet")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def first_infinitive(t: Token) -> Token:
    """A second infinitive joined to a noun's infinitive stands for the first ("an agreement to
    end Portuguese rule and return Macao"): `t`'s head then; else `t`."""
    if t.dep_ == "conj" and t.head.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return t.head
    return t


def own(t: Token) -> bool:
    """"its troops", "their forces": the actor's own people or things, not a recipient; but "his
    counterpart", "their neighbours" name another party."""
    if lower_lemma(t) in RELATIONAL_NOUNS or t.lower_ in RELATIONAL_NOUNS:
        return False
    return any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in t.children)


def conjuncts(t: Token) -> list[Token]:
    out = []
    for c in t.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(conjuncts(c))
    return out


def depth(t: Token) -> int:
    d = 0
    while t.head != t and d < 50:
        t = t.head
        d += 1
    return d


def clause_children(t: Token) -> list[Token]:
    v = t
    while not is_verbal(v) and v.head != v:
        v = v.head
    return list(v.children)


CORE_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "prep", "pobj", "punct", "appos", "cc", "conj", "npadvmod", "advmod"}


def _hyphen_partner(h: Token, c: Token) -> bool:
    """Is `c` the other name of a hyphenated pair `h` belongs to ("Reagan" of "the Reagan-Nakasone
    talks", when "Nakasone" is the party)? Each name is a phrase of its own."""
    return h.dep_ == "compound" and h.tag_ == "NNP" and c.i < h.i and (
        c.tag_ == "HYPH" or (c.dep_ == "compound" and any(k.tag_ == "HYPH" for k in h.children)))


def _name_hyphen(c: Token) -> bool:
    """A hyphen written inside a word ("Chun Doo-hwan", "Hans-Dietrich Genscher"), which the
    parser hangs on the name's last word: part of the name, not punctuation around it."""
    return c.tag_ == "HYPH" and not c.whitespace_ and c.i > 0 and not c.doc[c.i - 1].whitespace_


def core_bounds(h: Token) -> tuple[int, int]:
    """The noun phrase without clauses and without prepositional phrases other than "of"."""
    keep = {h.i}
    stack = [c for c in h.children if (c.dep_ in CORE_DEPS and c.dep_ not in ("punct", "cc", "conj", "appos", "npadvmod", "advmod")
                                       or _name_hyphen(c)) and not _hyphen_partner(h, c)]
    while stack:
        c = stack.pop()
        if c.dep_ == "prep" and (c.head != h or c.lower_ != "of"):
            continue
        if c.dep_ in ("conj", "cc") and c.head == h:
            continue
        if c.dep_ not in CORE_DEPS:
            continue
        keep.add(c.i)
        stack.extend(c.children)
    s = h.i
    while s - 1 in keep:
        s -= 1
    e = h.i + 1
    while e in keep:
        e += 1
    doc = h.doc
    # a dash between spaces before the head ends a dateline or an aside: "BAHRAIN - Iranian forces"
    dashes = [k for k in range(s, h.i) if doc[k].text in ("-", "--") and k > 0 and doc[k - 1].whitespace_ and doc[k].whitespace_]
    if dashes:
        s = dashes[-1] + 1
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e - 1 > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return s, e


CUT_DEPS = {"relcl", "advcl", "cc", "conj", "preconj", "parataxis", "mark", "ccomp"}


def np_bounds(h: Token, include_conj: bool = False, max_len: int = 12) -> tuple[int, int]:
    """Token span of the noun phrase headed by h: modifiers, "of"-phrases and short
    participial phrases, without relative clauses and without coordinated siblings."""
    keep = [h]
    stack = [c for c in h.children if not _hyphen_partner(h, c)]
    while stack:
        c = stack.pop()
        if c.dep_ in CUT_DEPS and not (include_conj and c.dep_ in ("conj", "cc")):
            continue
        if c.dep_ == "acl" and (len(list(c.subtree)) > 6 or (c.i > h.i and c.doc[c.i - 1].text == ",")):
            continue   # long, or set off by a comma: "the ministers, scheduled for Monday" is no name
        if c.dep_ in ("advmod", "npadvmod") and c.head == h and c.i > h.i:
            continue   # an adverbial after the head: "the mayor, so far"
        if c.dep_ == "appos" and (len(list(c.subtree)) > 8 or h.ent_type_ in ("GPE", "LOC", "FAC")):
            continue
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
            continue
        if c.dep_ in ("npadvmod", "nmod") and c.ent_type_ in ("DATE", "TIME"):
            continue
        if c.dep_ == "prep" and c.head == h and c.lower_ not in ("of", "in", "from", "at", "for", "on") and c.i > h.i:
            continue
        keep.append(c)
        stack.extend(c.children)
    idx = sorted(k.i for k in keep)
    # contiguous block around the head
    s = h.i
    while s - 1 >= 0 and (s - 1) in idx:
        s -= 1
    e = h.i + 1
    while e in idx:
        e += 1
    # trim edge punctuation / parentheses
    doc = h.doc
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space or doc[s].dep_ in ("cc",)):
        s += 1
    while e - 1 > s and (doc[e - 1].is_punct or doc[e - 1].is_space
                         or doc[e - 1].dep_ in ("cc", "case") and doc[e - 1].tag_ != "POS"):
        e -= 1
    # a dateline or photo credit glued to the phrase: "QUITO, Ecuador - Hundreds of nurses"
    for k in range(h.i - 1, s - 1, -1):
        # a free-standing dash or slash, not the hyphen of "Garcia-Lopez"
        if doc[k].text in ("-", "--", "—", "–", "/", ":") and k < h.i and (
                doc[k].whitespace_ or (k > 0 and doc[k - 1].whitespace_) or doc[k].text in ("--", "—")):
            s = k + 1
            break
    if e - s > max_len:
        # keep the left part up to the head and a short right context, not ending on a
        # preposition or a comma ("Admiral William Crowe, chairman of")
        e = min(e, h.i + 4)
        s = max(s, h.i - 8)
        while e - 1 > h.i and (doc[e - 1].is_punct or doc[e - 1].pos_ in ("ADP", "DET", "CCONJ")):
            e -= 1
    # a parenthesis opened inside the phrase closes inside it: "the Asian Development Bank (ADB)"
    opened = sum(1 for k in range(s, e) if doc[k].text == "(") - sum(1 for k in range(s, e) if doc[k].text == ")")
    if opened > 0 and e < len(doc) and doc[e].text == ")":
        e += 1
    return s, e


def parenthesized(pron: Token) -> Token | None:
    """The head of a noun phrase in brackets right after a pronoun ("They (the Kuwaitis) have
    asked", "we (Japan) will"), or None."""
    doc = pron.doc
    if pron.i + 2 >= len(doc) or doc[pron.i + 1].text != "(":
        return None
    close = next((t.i for t in doc[pron.i + 2:pron.i + 9] if t.text == ")"), None)
    if close is None or close == pron.i + 2:
        return None
    inside = doc[pron.i + 2:close]
    root = inside.root
    return root if root.pos_ in ("NOUN", "PROPN") else None


def dateline_dash(sent: Span) -> int | None:
    """The index (in the doc) of the spaced dash that ends a dateline opening `sent`: a place in
    capitals, optionally with its country or state after a comma ("MANILA - ...", "FREETOWN,
    Sierra Leone - ..."); None if the sentence opens with none."""
    start, doc = sent.start, sent.doc
    end = min(len(doc), start + 8)
    dash = next((k for k in range(start + 1, end) if doc[k].text in ("-", "--") and doc[k - 1].whitespace_
                 and doc[k].whitespace_), None)
    if dash is None:
        return None
    head = doc[start:dash]
    comma = next((k.i for k in head if k.text == ","), None)
    city = doc[start:comma] if comma is not None else head
    if not len(city) or not all(k.is_upper or k.is_punct for k in city):
        return None
    if comma is not None and not all(k.is_title or k.is_upper or k.is_punct for k in doc[comma + 1:dash]):
        return None
    return dash


def after_dateline(t: Token) -> bool:
    """Is `t` the first word after a dateline's spaced dash ("BELFAST - Guerrillas attacked ..."),
    capitalized as a sentence's first word is, not as a name?"""
    return t.i >= 1 and dateline_dash(t.sent) == t.i - 1
