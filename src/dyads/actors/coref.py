"""Pronouns: "he", "they", "it" take the nearest earlier actor mention of a compatible kind;
short names and definite descriptions ("the ministry") take the body named in full before.

Candidates are the actor mentions of the analysed sentences (`state.event_actors`), the
last eight before the pronoun. "he"/"she"/"who" want a person; "it"/"which" never take one.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left
from typing import Any, Callable

from spacy.tokens import Token

from dyads.actors.mentions import names_currency
from dyads.model import Entity, Mention, Resolution
from dyads.text import fold
from dyads.state import CodingState
from dyads.vocabulary import words

PERSON_PRONOUNS = words("person_pronouns")
THING_PRONOUNS = words("thing_pronouns")
AGENTIVE_OWNERS = words("agentive_owners")     # "the Brazilian government": the adjective stands for it
WINDOW = 8
SUBJECT_WINDOW = 24      # ... a subject pronoun's subject, among the mentions of two sentences
DEFINITE_WINDOW = 6      # earlier phrases with the same head that "the ministry" may refer to
DEFINITE_CHARS = 20_000  # ... looked for this far back (a few pages; the whole text would make long ones quadratic)
POSSESSIVE_AS = {"its": "it", "his": "he", "their": "they", "our": "we"}
THIRD_PERSON = frozenset({"he", "she", "it", "they"})   # "we" in a quote is the speaker's side
PHRASE_STOPPERS = words("phrase_stoppers")   # "Sato, who visited Japan, ...": a clause, no title
STATE_ANAPHORS = words("state_anaphor_nouns")  # "the country", "the nation": the state named before
COUNTRY_NAME_KINDS = ("country", "adjective", "metonym")    # "Peru", "Peruvian", "Lima"
RIVAL_CHARS = 250        # another country named this close before the last one makes "the country" unclear


def mentions_before(state: CodingState, start: int) -> list[Mention]:
    return state.actors_before(start, WINDOW)


SPEAKER_AFTER = re.compile(r"\s+(?:said|says|told|added|stated)\b")   # the name is a speaker


def antecedent(state: CodingState, pron: Token, offset: int,
               actor_noun: Callable[[str], bool] | None = None) -> Entity | None:
    """The earlier actor mention a pronoun refers to. `actor_noun` tells whether a noun names
    people or a body ("bombers", "government"), for an adjective of nationality before it."""
    start = offset + pron.idx
    low = POSSESSIVE_AS.get(pron.lower_, pron.lower_)     # "its" refers as "it" does
    want_person = low in PERSON_PRONOUNS
    subject_pronoun = pron.dep_ in ("nsubj", "nsubjpass") and low in THIRD_PERSON
    before = state.actors_before(start, SUBJECT_WINDOW if subject_pronoun else WINDOW)
    near = {id(m) for m in before[-WINDOW:]}
    # a surname alone ("Gonzalez") stands for the person named in full before it
    full_names = {m.text.split()[-1]: m for m in before
                  if m.label == "PERSON" and m.value.get("code") and len(m.text.split()) > 1}
    clause_subject = _own_subject_span(pron, offset)
    fits: list[tuple[Mention, Mention]] = []    # (where the mention is, what it names)
    # a subject pronoun looks further back for its subject: a long list of names may follow it
    for m in reversed(before):
        if clause_subject is not None and m.start < clause_subject[1] and clause_subject[0] < m.end:
            continue        # "Baker visited him": "him" is not Baker
        named = m
        if m.label == "PERSON" and m.value.get("code") is None and m.text in full_names \
                and full_names[m.text].start < m.start:
            named = full_names[m.text]
        kind = named.value.get("kind")
        # a name of no known country may be the person a subject "he" continues, even one NER
        # takes for a body ("Mulford said"); kept only as such below
        unplaced = subject_pronoun and want_person and named.value.get("code") is None \
            and named.label in ("PERSON", "ORG") and kind in (None, "unknown", "person")
        if named.value.get("code") is None and kind != "person" and not unplaced:
            continue
        if want_person and named.label != "PERSON" and kind not in ("person", "role") and not unplaced:
            continue
        if not want_person and low in THING_PRONOUNS and (
                named.label == "PERSON" and kind != "country" or kind in ("person", "role")):
            continue        # (a country NER takes for a person, "Chad said its troops", is still "it")
        if low in ("they", "them") and named.label in ("GPE", "PERSON"):
            continue        # one state is "it", one person "he" or "she": "warships bombarded them"
                            # east of Qatar is not Qatar
        if low in ("it", "they", "them") and m.label == "NORP" and _modifier(state, m, actor_noun):
            continue        # "Brazilian loans": an adjective of a thing is nothing "it" can be
        fits.append((m, named))
    # a person of no known country counts only as the subject the pronoun continues ("Mulford
    # said last week. He told the banks ...": not Funaro, named before Mulford)
    placed = [f for f in fits if f[1].value.get("code") is not None or f[1].value.get("kind") == "person"]
    if not fits:
        return None
    recent = state.parsed_before(start, 2) if subject_pronoun else []
    if subject_pronoun and fits[0] not in placed:
        if SPEAKER_AFTER.match(state.text, fits[0][0].end):
            subject = fits[0]     # the speaker of the quote just before: "..., Mulford said."
        else:
            subject = next((f for f in fits if _recent_subject(state, f[0], recent)), None)
            if subject is not None and subject[1].label != "PERSON":
                subject = None    # a body's name is a person only as the speaker of a quote
        named_words = {w for f in placed for w in f[1].text.split()}
        if subject is not None and subject not in placed and not set(subject[1].text.split()) & named_words:
            # (not "Rosenbaum" after "Jon Rosenbaum", nor "Li" after "Li Peng": placed before)
            return Entity(text=subject[1].text, start=subject[1].start, end=subject[1].end, code=None, sector=None,
                          kind="unknown", confidence=0.3)
    fits = placed
    if not fits:
        return None
    at, m = fits[0]
    if subject_pronoun:
        # a pronoun subject continues the topic: the nearest earlier subject of the same or the
        # previous sentence before a nearer object ("The Commission has switched its tactics on
        # Japan... At present, it is pressuring Japan": it is the Commission; "Smith met Jones,
        # Brown, Green, ... of Ohio. Later, he met ...": he is Smith)
        subject = next((f for f in fits if _recent_subject(state, f[0], recent)), None)
        if subject is not None:
            at, m = subject
        elif id(at) not in near:
            return None
    kind = m.value.get("kind")
    if kind == "role":
        kind = "agent"      # "the Iranian spokesman": a person, unnamed
    return Entity(text=m.text, start=m.start, end=m.end, code=m.value.get("code"), sector=m.value.get("sector"),
                  sectors=[m.value["sector"]] if m.value.get("sector") else [], name=m.value.get("name"),
                  kind=kind or "unknown", confidence=0.4)


def named_country(state: CodingState, start: int) -> Mention | None:
    """"the country", "the nation": the knowledge-base match of the country (its name, adjective
    or capital) named last before `start`, unless another country is named just before that one
    ("Japan's exports to the United States rose, the country's ministry said" is unclear)."""
    starts, names = _country_names(state)
    i = bisect_left(starts, start) - 1
    while i >= 0 and names[i].end > start:
        i -= 1
    if i < 0 or start - names[i].end > DEFINITE_CHARS:
        return None
    last = names[i]
    for m in reversed(names[:i]):
        if last.start - m.end > RIVAL_CHARS:
            break
        if m.code != last.code:
            return None
    return last


def _country_names(state: CodingState) -> tuple[list[int], list[Any]]:
    """The knowledge-base matches that name a country, in text order (not a currency's: "the
    U.S. dollar" says nothing about who is spoken of), and their starts."""
    def build() -> tuple[list[int], list[Any]]:
        found = sorted((m for m in state.names if m.kind in COUNTRY_NAME_KINDS and m.code
                        and not state.in_credit(m.start, m.end) and not names_currency(state.text, m.end)),
                       key=lambda m: m.start)
        return [m.start for m in found], found
    return state.derived(("country_names", len(state.names)), build)


def _parsed_at(state: CodingState, start: int):
    """The analysed sentence holding character `start`, or None."""
    return state.parsed_at(start)


def _own_subject_span(pron: Token, offset: int) -> tuple[int, int] | None:
    """The characters of the head word of the subject of the verb a pronoun is the object of: an
    object pronoun never refers to its own clause's subject ("Baker visited him")."""
    if pron.lower_ not in ("him", "her", "them") or pron.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = pron.head.head if pron.dep_ == "pobj" else pron.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    # the subject's head word only: "Thatcher's party urged her" or "aides to Chun urged him"
    # may well mean Thatcher or Chun
    sub = subjects[0]
    return offset + sub.idx, offset + sub.idx + len(sub)


def _modifier(state: CodingState, m: Mention, actor_noun: Callable[[str], bool] | None = None) -> bool:
    """Is the mention an adjective before a noun of no actor ("Brazilian" in "Brazilian debt";
    not in "the Brazilian government" or "Palestinian bombers", which it may stand for)?"""
    p = _parsed_at(state, m.start)
    if p is None:
        return False
    span = p.doc.char_span(m.start - p.offset, m.end - p.offset, alignment_mode="expand")
    if span is None or span.root.dep_ != "amod" or span.root.pos_ != "ADJ":
        return False
    noun = span.root.head
    if noun.lemma_.lower() in AGENTIVE_OWNERS:
        return False
    return actor_noun is None or not actor_noun(noun.text)


def _recent_subject(state: CodingState, m: Mention, sentences: list[int]) -> bool:
    """Is the mention, in one of `sentences`, (inside) the subject of its clause?"""
    p = _parsed_at(state, m.start)
    if p is None or p.index not in sentences:
        return False
    span = p.doc.char_span(m.start - p.offset, m.end - p.offset, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    while t.dep_ in ("amod", "compound", "poss", "nmod") and t.head.i != t.i:
        t = t.head        # "Chilean" in "The Chilean foreign ministry": the phrase's role
    return t.dep_ in ("nsubj", "nsubjpass")


def short_name(state: CodingState, name: str, start: int, lookup, introduce: bool = True) -> Entity | None:
    """A surname alone ("Xi", "Baker") is the person named in full earlier in the document
    ("Chinese President Xi Jinping", "Treasury Secretary James Baker"): an actor mention of the
    analysed sentences, else a knowledge-base person found anywhere before it."""
    key = fold(name).strip()
    if not key or " " in key:
        return None
    def placed_by_title(code: str | None) -> Entity | None:
        # "Deputy U.S. Trade Representative Michael Smith ... Smith": the title the text gave
        # the person places him, not a namesake of the knowledge base (an Irish minister);
        # `introduced` reads the first full mention once per name
        found = introduced(state, name, start, lookup) if introduce else None
        return found if found is not None and found.code != code else None

    for m in reversed(_full_names(state).get(key, [])):
        if m.end <= start:
            v = m.value
            other = placed_by_title(v.get("code"))
            if other is not None:
                return other
            return Entity(text=name, start=start, end=start + len(name), code=v.get("code"), sector=v.get("sector"),
                          sectors=[v["sector"]] if v.get("sector") else [], name=v.get("name"), kind="person",
                          confidence=0.5)
    for m in reversed(_known_names(state).get(key, [])):
        if m.start < start:
            res = lookup.resolve(m.text, state.actor_date)
            other = placed_by_title(res.code) if res is not None else None
            if other is not None:
                return other
            if res is not None and res.code:
                return Entity(text=name, start=start, end=start + len(name), code=res.code, sector=res.sector,
                              sectors=list(res.sectors), name=res.name, kind="person", kb_id=res.kb_id,
                              office=res.office, confidence=0.5)
    return introduced(state, name, start, lookup) if introduce else None


def _full_names(state: CodingState) -> dict[str, list[Mention]]:
    """Surname -> the coded person mentions of the analysed sentences named in full, in order."""
    def build() -> dict[str, list[Mention]]:
        index: dict[str, list[Mention]] = {}
        for m in sorted(state.event_actors, key=lambda m: m.end):
            words = fold(m.text).split()
            if m.value.get("kind") == "person" and len(words) > 1 and m.value.get("code"):
                index.setdefault(words[-1], []).append(m)
        return index
    return state.derived(("full_names", len(state.event_actors)), build)


def _known_names(state: CodingState) -> dict[str, list[Any]]:
    """First or last name -> the knowledge-base person matches anywhere in the text, in order."""
    def build() -> dict[str, list[Any]]:
        index: dict[str, list[Any]] = {}
        for m in _persons(state)[1]:
            words = fold(m.name).split() if m.name else []
            if len(words) > 1:
                for w in {words[0], words[-1]}:
                    index.setdefault(w, []).append(m)
        return index
    return state.derived(("known_names", len(state.names)), build)


def _persons(state: CodingState) -> tuple[list[int], list[Any]]:
    """The knowledge-base person matches in text order, and their starts."""
    def build() -> tuple[list[int], list[Any]]:
        persons = sorted((m for m in state.names if m.kind == "person"), key=lambda m: m.start)
        return [m.start for m in persons], persons
    return state.derived(("persons", len(state.names)), build)


def introduced(state: CodingState, name: str, start: int, lookup) -> Entity | None:
    """A person the knowledge base does not know, introduced earlier with a title or an
    apposition that places them: "Japanese Trade Minister Sato ...", "Noboru Sato, president
    of the Osaka Chamber of Commerce, ..." - the first full mention's own words give the country."""
    # only the first full mention in the whole text introduces the person: found once per name
    # a title may hold small words: "Under-Secretary of State for Economic Affairs Allen Wallis",
    # "Turkish Ambassador to Athens Nazmi Akiman"
    pattern = r"((?:[A-Z][\w.'-]*\s+)(?:(?:[A-Z][\w.'-]*|of|for|and|the|to)\s+){0,8})" + re.escape(name) + \
        r"\b(,[^,.;]{3,120}[,.;])?"
    first = state.derived(("introduced", name), lambda: re.search(pattern, state.text))
    for m in ([first] if first is not None and first.end() <= start else []):
        before = m.group(1).split()
        # the title words before the name, as far back as they are capitalized: "Trade Minister"
        apposition = m.group(2) or ""
        opener = apposition[1:].split(maxsplit=1)[:1]
        if opener and (opener[0].lower() in PHRASE_STOPPERS or opener[0][0].isdigit()):
            apposition = ""     # "Sato, who visited Japan, ...", "Sato, 45, ...": these place nobody
        phrase = " ".join(before + [name]) + apposition.rstrip(",.;")
        res = lookup.resolve(phrase, state.actor_date)
        if res is not None and res.code and not res.country_inferred:
            return Entity(text=name, start=start, end=start + len(name), code=res.code, sector=res.sector,
                          sectors=list(res.sectors), name=" ".join([w for w in before if w[:1].isupper()][-2:] + [name]),
                          kind="person", office=res.office, confidence=0.4)
        break        # only the first full mention introduces the person
    return None


def titled(state: CodingState, title: str, start: int, lookup) -> Entity | None:
    """"the president", "the minister": the nearest person named before whose office has that
    title ("President Ronald Reagan", "Finance Minister Kiichi Miyazawa")."""
    starts, persons = _persons(state)
    for m in reversed(persons[:bisect_left(starts, start)]):
        res = lookup.resolve(m.text, state.actor_date)
        if res is not None and res.code and res.office and title in fold(res.office).split():
            return Entity(text=m.text, start=m.start, end=m.end, code=res.code, sector=res.sector,
                          sectors=list(res.sectors), name=res.name, kind="person", kb_id=res.kb_id,
                          office=res.office, confidence=0.5)
    return None


@functools.lru_cache(maxsize=1024)
def _head_pattern(head: str) -> re.Pattern[str]:
    """Up to four words, then `head`: the phrases an earlier mention of that body can be."""
    return re.compile(r"((?:[\w.'&-]+ ){1,4})" + re.escape(head) + r"\b", re.IGNORECASE)


def same_head(state: CodingState, phrase: str, head: str, start: int, lookup,
              generic_sector: str | None = None) -> Resolution | None:
    """"the ministry", "Congress", "the committee": the nearest earlier phrase ending in the
    same head word that the knowledge base places ("Japan's Finance Ministry", "the U.S.
    Congress") or gives another sector than the bare word has ("the bank advisory committee":
    banks, not a government) names the same body, so it has that body's country and sector."""
    found = [m for m in _head_pattern(head.lower()).finditer(state.text, max(0, start - DEFINITE_CHARS), max(0, start))
             if m.end() <= start]
    for m in reversed(found[-DEFINITE_WINDOW:]):
        before = m.group(1).split()
        for k in range(len(before)):
            text = " ".join(before[k:] + [m.group(0)[len(m.group(1)):]])
            if fold(text) == fold(phrase):
                break
            res = lookup.resolve(text, state.actor_date)
            if res is not None and res.kind != "country" and not res.country_inferred and (
                    res.code or (res.sector and res.sector != generic_sector)):
                return res
    return None

