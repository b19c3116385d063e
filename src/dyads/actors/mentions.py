"""Actor mentions of a document: the knowledge base's names over the whole text, the
named entities that are actors, and the document's countries.

Two stages: `KnownNames` (before credits and parsing, which use the names) and
`ActorMentions` (after parsing, which gives the entities).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Span

from dyads.actors.lookup import ActorLookup
from dyads.dates.era import actor_date
from dyads.model import Mention
from dyads.state import CodingState
from dyads.text import names_currency
from dyads.vocabulary import words

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
TITLE_STOP_WORDS = words("title_stop_words")   # words that end a title before a name, going left
PERSON_ROLE_NOUNS = words("person_role_nouns")  # "the Iranian spokesman": a person "he" may refer to
PHRASE_STOPPERS = words("phrase_stoppers")      # "Sato, who ...": a clause, not a title in apposition
TITLE_WORDS_MAX = 5
APPOSITION_WORDS_MAX = 14
# name kinds that say which country a story is about
COUNTRY_KINDS = ("country", "adjective", "metonym", "person")


class KnownNames:
    """Every knowledge-base name in the text (`state.names`)."""

    name = "names"

    def __init__(self, lookup: ActorLookup) -> None:
        self.lookup = lookup

    def __call__(self, state: CodingState) -> None:
        state.names = list(self.lookup.find(state.text))
        if not state.publication_date:
            people = {}
            for m in state.names:
                person, terms = self.lookup.terms(m)
                if person:
                    people[person] = terms
            state.undated_actor_date = actor_date(None, state.text, list(people.values()))


def country_surname(lookup: ActorLookup, name_words: list[str], code: str, date: str | None) -> bool:
    """Is the last of a person's name words ("Shoichi Saba", "Glenn English") a place or
    nationality of `code` that no other word of the name gives? Then it is a surname."""
    if len(name_words) < 2:
        return False
    alone = lookup.resolve(name_words[-1], date)
    if alone is None or alone.kind != "country" or alone.code != code:
        return False
    return not any((r := lookup.resolve(w, date)) is not None and r.code == code for w in name_words[:-1])




class ActorMentions:
    """Actor mentions (`Document.mentions`), the actors of the analysed sentences (for
    pronouns, `state.event_actors`) and the document's countries (`state.countries`)."""

    name = "actors"

    def __init__(self, lookup: ActorLookup) -> None:
        self.lookup = lookup

    def __call__(self, state: CodingState) -> None:
        doc = state.doc
        doc.mentions = []
        for ents, off in state.entity_sources():
            for ent in ents:
                m = self.mention(state, ent, off)
                if m is not None:
                    m.sentence_index = state.index.index_at(off + ent.start_char)
                    doc.mentions.append(m)
        # pronouns resolve against actor mentions of the analysed sentences only (the same
        # whether or not every mention is wanted)
        state.event_actors = [m for ents, off in state.parsed_entities() for ent in ents
                              if (m := self.mention(state, ent, off)) is not None]
        state.event_actors += [m for p in state.parsed for m in self.role_subjects(state, p.doc, p.offset)]
        counts: Counter[str] = Counter(
            m.code for m in state.names if m.code and m.kind in COUNTRY_KINDS and len(m.code) == 3
            and not names_currency(state.text, m.end))
        state.countries = [c for c, _ in counts.most_common()]

    def mention(self, state: CodingState, ent: Span, off: int) -> Mention | None:
        """An actor mention for a named entity, unless it is a credit or a news medium."""
        start, end = off + ent.start_char, off + ent.end_char
        if ent.label_ not in ACTOR_LABELS or state.in_credit(start, end):
            return None
        text = ent.text
        if ent.label_ == "PERSON":
            # "Daniel arap Moi" cut by the recognizer at its lower-case particle ("Daniel arap"):
            # the knowledge-base person name the text holds there is the whole name
            whole = next((m for m in state.names if m.kind == "person" and m.start <= start and m.end > end
                          and state.text[m.start:start].strip() == ""), None)
            if whole is not None:
                text, start, end = whole.text, whole.start, whole.end
        res = self.lookup.resolve(text, state.actor_date)
        if res is not None and res.kind == "media":
            return None
        if ent.label_ == "PERSON" and res is not None and res.code \
                and country_surname(self.lookup, [t.text for t in ent], res.code, state.actor_date):
            res = None      # "Shoichi Saba": a person, whose surname is also a place
        if ent.label_ == "PERSON" and (res is None or res.code is None):
            res = self.titled_person(ent, state) or res
        elif ent.label_ == "ORG" and (res is None or res.kind == "unknown") and ent.start > 0 \
                and ent.doc[ent.start - 1].lower_ in PERSON_ROLE_NOUNS and all(t.is_title for t in ent):
            # "Tokyo Stock Exchange (TSE) head Michio Takeuchi": a name after a role word that
            # NER took for a body is the person holding the role
            res = self.titled_person(ent, state) or res
        return Mention("actor", text, start, end, None, ent.label_,
                       {"code": res.code if res else None, "sector": res.sector if res else None,
                        "name": res.name if res else None, "kind": res.kind if res else "unknown"})

    def role_subjects(self, state: CodingState, sdoc, off: int) -> list[Mention]:
        """Subjects headed by a person's role and placed by their own words ("The Iranian
        spokesman", "a Kenyan minister"), as person mentions a later "he" or "she" may take
        (kind "role": no name). Named subjects are entities already."""
        out = []
        for t in sdoc:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.tag_ != "NN" or t.lower_ not in PERSON_ROLE_NOUNS \
                    or t.ent_type_ or any(c.ent_type_ == "PERSON" for c in t.children):
                continue
            first = t.left_edge
            if t.i - first.i > 5:
                continue
            span = sdoc[first.i:t.i + 1]
            res = self.lookup.resolve(span.text, state.actor_date)
            if res is None or not res.code or res.country_inferred or res.kind not in ("agent", "person"):
                continue
            out.append(Mention("actor", span.text, off + span.start_char, off + span.end_char, None, "PERSON",
                               {"code": res.code, "sector": res.sector, "name": None, "kind": "role"}))
        return out

    def titled_person(self, ent: Span, state: CodingState):
        """A person the knowledge base does not know, placed by the title words right before
        the name: "British consumer affairs minister Michael Howard" is British (so "he" and
        "Howard" later are too). The longest title that gives a country wins."""
        doc = ent.doc
        if ent.start >= 2 and doc[ent.start - 1].text == ",":
            # "The Director-General of the FAO, Edouard Saouma": the title in apposition before
            start = ent.start - 1
            while start > 0 and ent.start - start < APPOSITION_WORDS_MAX and doc[start - 1].text not in (",", ";", ".") \
                    and not doc[start - 1].is_sent_end:
                start -= 1
            res = self.lookup.resolve(doc[start:ent.start - 1].text, state.actor_date)
            if res is not None and res.code and res.kind in ("person", "agent") and not res.country_inferred:
                return replace(res, kind="person", name=ent.text)
        first, title_words = ent.start, 0
        while first > 0 and title_words < TITLE_WORDS_MAX:
            t = doc[first - 1]
            if t.is_space:
                first -= 1     # a line break of wire copy inside the title
                continue
            if t.text == ")" and first >= 3 and doc[first - 3].text == "(" and doc[first - 2].is_upper:
                first -= 3     # "Brazilian Coffee Institute (IBC) president Jorio Dauster"
                continue
            if not (t.is_alpha or "-" in t.text or t.text.endswith("'s")) or t.lower_ in TITLE_STOP_WORDS:
                break
            first -= 1
            title_words += 1
        for i in range(first, ent.start):
            if doc[i].is_space or doc[i].is_punct:
                continue
            res = self.lookup.resolve(" ".join(doc[i:ent.end].text.split()), state.actor_date)
            if res is not None and res.code and res.kind in ("person", "organization", "agent") \
                    and not res.country_inferred:
                # "FAO Director-General Edouard Saouma": the person, of the body's code
                return replace(res, kind="person", name=res.name if res.kind == "person" else ent.text)
        return self._apposition_after(ent, state)

    def _apposition_after(self, ent: Span, state: CodingState):
        """"Shinji Fukukawa, Vice Minister of the International Trade and Industry Ministry,
        said ...": the title in apposition after the name places the person. Not a relative
        clause or an age ("Sato, who visited Japan", "Sato, 45,")."""
        doc = ent.doc
        if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
            return None
        first = doc[ent.end + 1]
        if first.lower_ in PHRASE_STOPPERS or first.like_num:
            return None
        end = ent.end + 1
        while end < len(doc) and end - ent.end <= APPOSITION_WORDS_MAX and doc[end].text not in (",", ";", ".") \
                and not doc[end].is_sent_start:
            end += 1
        if end >= len(doc) or doc[end].text not in (",", ";", ".") or end == ent.end + 1:
            return None
        phrase = ent.text + ", " + " ".join(doc[ent.end + 1:end].text.split())
        res = self.lookup.resolve(phrase, state.actor_date)
        if res is not None and res.code and res.kind == "person" and not res.country_inferred:
            return replace(res, name=ent.text)
        return None

