"""Can this phrase be an event participant? The tests the event coder asks of a noun phrase.

A phrase is an actor when it is a named entity the knowledge base (or NER) knows as a
person, organization or group; or a common noun that is an agent word ("police", "rebels");
or a group noun with a national modifier ("Nigerian soldiers"). It is not when its head is a
content word with a national modifier ("Kenyan support"), an event noun ("the EU appeal for
restraint": its owner is the actor), or a non-actor entity (a law, a war, a date).
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from dyads.actors.lookup import ActorLookup
from dyads.vocabulary import words

NOT_ACTOR_ENTS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                  "ORDINAL", "CARDINAL", "LANGUAGE"}
CONTENT_NOUNS = words("content_nouns")   # their national modifier names an owner: "Kenyan support"
GROUP_NOUNS = words("group_nouns")       # with a national modifier, an actor: "Nigerian soldiers"
THEME_NOUNS = words("theme_nouns")       # "GATT rules", "the farm issue": matters, never parties
ACCORD_NOUNS = words("accord_nouns")     # "the Paris Agreement": a text, whatever place names it
ARMED_CRAFT = words("armed_force_nouns")  # "Libyan planes", "planes from Afghanistan": a state's forces

InCredit = Callable[[int, int], bool]      # (start, end) character offsets in the sentence -> a credit?


def accord(root: Token, res, lookup: ActorLookup | None = None) -> bool:
    """Does the phrase name an agreement ("the Paris Agreement", "the Louvre accord")? Not when the
    knowledge base knows it, or the named entity around its head, as a body with a code: an
    alliance ("the Warsaw Pact"), "the General Agreement on Tariffs and Trade"."""
    lemma = root.lemma_.lower() or root.lower_
    if lemma not in ACCORD_NOUNS and root.lower_ not in ACCORD_NOUNS:
        return False
    if res is not None and res.kind == "organization" and res.code:
        return False
    if lookup is not None and root.ent_type_:
        ent = next((e for e in root.doc.ents if e.start <= root.i < e.end), None)
        whole = lookup.resolve(ent.text) if ent is not None else None
        if whole is not None and whole.kind == "organization" and whole.code:
            return False
    return True


def craft_origin(root: Token, lookup: ActorLookup, date: str | None = None) -> str | None:
    """The state that armed craft or troops came from, named by a country after "from"
    ("planes from Afghanistan bombed the villages", as "Afghan planes" would), else None."""
    if root.lemma_.lower() not in ARMED_CRAFT and root.lower_ not in ARMED_CRAFT:
        return None
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for obj in prep.children:
                res = lookup.resolve(obj.text, date) if obj.dep_ == "pobj" else None
                if res is not None and res.kind == "country" and res.code and len(res.code) == 3:
                    return res.code
    return None


def theme_head(root: Token) -> bool:
    """Is the head a common word for a matter, a place or a measure (`theme_nouns`: "rules",
    "crisis", "issue", "area"), in lower case? Then the phrase is a theme, whatever its modifiers
    resolve to: "certain GATT rules", "the EC's cash crisis", "the farm issue", "the border area".
    A closed list: a head the knowledge base does not know may still be people ("the military
    top brass", "Pakistan's military ruler")."""
    word = root.lower_
    lemma = root.lemma_.lower() or word
    return root.pos_ == "NOUN" and root.text.islower() and (lemma in THEME_NOUNS or word in THEME_NOUNS)


class ActorSpans:
    def __init__(self, lookup: ActorLookup, event_nouns: frozenset[str] | set[str]) -> None:
        self.lookup = lookup
        self.event_nouns = event_nouns

    def is_actor(self, span: Span, in_credit: InCredit) -> bool:
        if in_credit(span.start_char, span.end_char):
            return False
        root = span.root
        named = bool(root.ent_type_) or root.tag_ in ("NNP", "NNPS")
        res = self.lookup.resolve(span.text)
        if root.ent_type_ in NOT_ACTOR_ENTS and (res is None or res.kind in ("unknown", "agent")):
            return False   # a war, a treaty, a month
        if res is None:
            return root.ent_type_ in ("PERSON", "ORG", "NORP") and root.tag_ in ("NNP", "NNPS") \
                or craft_origin(root, self.lookup) is not None
        if theme_head(root) or accord(root, res, self.lookup):
            return False   # "certain GATT rules", "the EC's new cash crisis": what a name owns
        if named:
            return True
        if root.lemma_.lower() in CONTENT_NOUNS or root.lower_ in CONTENT_NOUNS:
            return False
        if root.pos_ == "NOUN" and root.lemma_.lower() in self.event_nouns and self.lookup.resolve(root.text) is None:
            return False   # an event noun: its owner is the actor
        if res.kind in ("person", "organization"):
            return True
        head = self.lookup.resolve(root.text)
        if head is not None and (head.sector is not None or head.code is not None):
            return True
        # "Chilean and Argentine coast guards", "Colombian guerrilla leaders": a group noun with a national modifier
        return root.lemma_.lower() in GROUP_NOUNS and res.code is not None

    def is_actor_loose(self, span: Span, in_credit: InCredit) -> bool:
        """For subjects: any phrase the resolver places, unless its head is a content word."""
        if self.is_actor(span, in_credit):
            return True
        root = span.root
        if root.lemma_.lower() in CONTENT_NOUNS or root.lower_ in CONTENT_NOUNS:
            return False
        res = self.lookup.resolve(span.text)
        if accord(root, res, self.lookup):
            return False
        if res is not None and (res.code is not None or res.sector is not None):
            return True
        # "the student-led Spring movement": a group noun with a name in it
        return root.lemma_.lower() in GROUP_NOUNS and any(t.tag_ in ("NNP", "NNPS") for t in span)

    def for_sentence(self, in_credit: InCredit) -> tuple[Callable[[Span], bool], Callable[[Span], bool]]:
        """The strict and loose tests bound to one sentence's credits, as the coder calls them."""
        return (lambda span: self.is_actor(span, in_credit)), (lambda span: self.is_actor_loose(span, in_credit))
