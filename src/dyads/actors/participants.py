"""From the coder's participant phrases to PLOVER entities: resolved actors, places,
targets, pronouns (see `actors.coref`), and the AID recipient rule."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from dyads.actors.coref import STATE_ANAPHORS, antecedent, introduced, mentions_before, named_country, same_head, short_name, titled
from dyads.actors.lookup import ActorLookup
from dyads.actors.mentions import country_surname
from dyads.actors.spans import ARMED_CRAFT, accord, craft_origin, theme_head
from dyads.events.syntax import RELATIONAL_NOUNS, after_dateline, dateline_dash, np_bounds, parenthesized
from dyads.model import Entity, Resolution
from dyads.places import lookup as place_lookup
from dyads.sectors import BUSINESS_NAME, POLITICAL_SECTORS, STATE_SECTORS
from dyads.state import CodingState
from dyads.text import fold
from dyads.vocabulary import words

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
PRONOUN_ACTORS = words("antecedent_pronouns")     # resolved through actors.coref
POSSESSIVES = words("possessive_pronouns")
WATERS = words("water_bodies")        # "the southern Gulf": no one's
US_MEMBER = re.compile(r"(?:\(|,\s)(?:D|R|I)\s?[-.]\s?[A-Z][A-Za-z.]{1,12}\)?")   # "(D-Tex.)", "(R-Kan.)", ", D-N.Y.,"
CHAMBER_BODIES = words("chamber_bodies")           # "a House appropriations subcommittee"
UNIDENTIFIED_WORDS = words("unidentified_words")   # "unidentified jets": no country from the story
PORTFOLIO_WORDS = words("portfolio_words")         # "the Foreign Ministry": named by its portfolio only
MINISTRY_HEADS = words("ministry_heads")
ENVOY_NOUNS = words("envoy_nouns")               # "Turkish Ambassador to Athens X": his title is before "to"
MINISTER_TITLES = words("minister_titles")       # "Labour Minister X": a minister named by portfolio
EUROPE_WORDS = words("europe_words")               # "European exports": the Community's, where it is named
TITLES = words("office_titles")      # "the president": the person of that office named before
LOCAL_SECTORS = POLITICAL_SECTORS | {"CVL", "LAB", "EDU", "AGR", "REL", "REF", "JRN"}
COUNTRY_LABELS = ("GPE", "NORP", "ORG")
BODY_MODIFIERS = words("body_modifiers")         # "the Democratic-controlled Congress": still the bare body
SEVERAL_STATES = words("several_states_nouns")   # "four countries", "its allies": no one country
INTERNATIONAL_BODIES = frozenset({"IGO", "UNO"})   # codes of bodies of many states, not of one
GATHERINGS = words("gathering_nouns")            # "the ministers" at a meeting: not the host's
COUNTERPARTS = words("counterpart_nouns")        # "U.S. allies" are other countries than the U.S.
TOPIC_HEADS = words("topic_modifier_heads")      # "the Iran initiative" is about Iran, not Iran
UNCERTAIN_NOUNS = words("uncertain_nouns")       # "the likelihood of tariffs": no party at all
QUOTED_SPEAKER = words("quoted_speaker_pronouns")  # "I", "we" in a quotation: its speaker
SPEECH_VERBS = words("speech_verbs")
QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})
SLASH_PAIR = re.compile(r"\b([A-Z][\w.]*)/([A-Z][\w.]*)")   # "U.S./Japan", "Canada/U.S."


def quote_speaker(t: Token) -> Token | None:
    """The speaker of the quotation holding `t`, named outside it as the subject of the speech
    verb that governs it ('"... I want the government to act," Sato said': Sato), or None."""
    if not _quoted(t):
        return None
    for verb in t.ancestors:
        if verb.lemma_.lower() in SPEECH_VERBS:
            subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in QUOTED_SPEAKER]
            return subj[0] if subj and not _quoted(subj[0]) else None
    return None


def _quoted(t: Token) -> bool:
    """Is `t` inside a quotation of its sentence (an odd number of quote marks before it)?"""
    return sum(1 for k in t.sent if k.i < t.i and k.text in QUOTES) % 2 == 1


def _ent_text(t: Token) -> str:
    for ent in t.doc.ents:
        if ent.start <= t.i < ent.end:
            return ent.text
    return t.text


def _known_enough(place) -> bool:
    """A name NER did not take for a place (a person, a body, a building, or nothing) may still
    be one: a city of 100,000 people or more, or a province ("Bonn", "Ontario"), not a town
    that shares a firm's name or a surname."""
    return place.kind != "city" or (place.population or 0) >= 100_000


class Participants:
    """Builds the entities of one document's events; holds only the loaded resolver."""

    def __init__(self, lookup: ActorLookup) -> None:
        self.lookup = lookup

    @staticmethod
    def _us_chamber(head: Token, story_country: str | None) -> bool:
        """Does a committee's phrase name a chamber of Congress, capitalized ("House", "Senate")?
        A chamber named alone ("the Senate", "the House of Representatives") is Congress's only
        in a story not set in another country (not "the House of Commons")."""
        s, _ = np_bounds(head)
        if any(t.text in ("House", "Senate") and t.tag_ == "NNP" for t in head.doc[s:head.i]):
            return True
        if story_country not in (None, "USA"):
            return False
        if any(t.lower_ == "congressional" for t in head.doc[s:head.i]) or any(
                c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.text in ("Congress", "House", "Senate")
                                                           for g in c.children) for c in head.children):
            return True     # "the congressional Iran-contra panel", "a member of Congress"
        after = head.doc[head.i + 1:head.i + 3]
        return head.text == "Senate" or (head.text == "House" and (
            len(after) < 2 or after[0].lower_ != "of" or after[1].text == "Representatives"))

    def context(self, state: CodingState, sd: Doc) -> tuple[str, ...]:
        """The country a generic agent ("police", "the army") may take: the one the story is
        clearly located in, if any, unless the sentence names countries and that one is not
        among them ("five people were killed in Punjab" in a story set in Washington). Never a
        neighbouring word's or another entity's."""
        filed = self._dateline_country(sd)
        if filed and self._others_named(sd, filed):
            filed = None
        if filed:
            # "MANILA - Communist rebels said ...": a digest item filed from there (not "BAHRAIN -
            # Iran reported ..., saying troops ...": a hub that files others' news)
            return (filed,)
        if not state.story_country:
            return ()
        named = self.sentence_countries(sd)
        return () if named and state.story_country not in named else (state.story_country,)

    def _others_named(self, sd: Doc, filed: str) -> bool:
        """Does the sentence name a country other than the one its dateline is in (words of a
        country after the dateline, however NER joined them)?"""
        for t in sd:
            if t.ent_type_ in COUNTRY_LABELS and not t.is_upper:
                res = self.lookup.resolve(t.text)
                if res is not None and res.code and res.kind != "media" and res.code != filed:
                    return True
        return False

    def _dateline_country(self, sd: Doc) -> str | None:
        """The country of a place in capitals that opens a sentence before a spaced dash ("MANILA -
        Communist rebels said ..."), as items of a news digest are filed."""
        dash = dateline_dash(sd[:])
        if dash is None:
            return None
        comma = next((t.i for t in sd[:dash] if t.text == ","), None)
        if comma is not None:
            # "FREETOWN, Sierra Leone -": the country named after the comma, if it is one
            res = self.lookup.resolve(sd[comma + 1:dash].text)
            if res is not None and res.kind == "country" and res.code:
                return res.code
        place = place_lookup(sd[:comma if comma is not None else dash].text.title(), [])
        return place.country if place is not None else None

    def sentence_countries(self, sd: Doc) -> list[str]:
        out = []
        for ent in sd.ents:
            if ent.label_ in COUNTRY_LABELS:
                res = self.lookup.resolve(ent.text)
                if res is not None and res.code and res.kind != "media" and res.code not in out:
                    out.append(res.code)
        return out

    def entities(self, state: CodingState, p, offset: int, context: tuple[str, ...]) -> list[Entity]:
        """The entities for a coder `Participant`: one, or two for a slash pair of countries
        ("Canada/U.S. trade talks" are held by Canada and the United States)."""
        e = self.entity(state, p, offset, context)
        if e is None:
            return []
        if e.code is None and e.kind in ("person", "unknown", "agent") and US_MEMBER.search(state.text, e.start, e.end + 12):
            # "Senator Bob Kerrey (D-Neb.)", "Rep. John Smith, R-Ohio,": a party and a state in
            # brackets or commas mark a member of the U.S. Congress
            e = replace(e, code="USA", sector=e.sector if e.sector not in (None, "UNK") else "LEG",
                        sectors=e.sectors or ["LEG"])
        pair = self._slash_pair(e, state.actor_date)
        return pair or [e]

    def _slash_pair(self, e: Entity, date: str | None) -> list[Entity] | None:
        m = SLASH_PAIR.search(e.text)
        if m is None or e.kind not in ("country", "place", "unknown"):
            return None
        out = []
        for g in (1, 2):
            res = self.lookup.resolve(m.group(g), date)
            if res is None or res.kind != "country" or not res.code:
                return None
            out.append(Entity(text=m.group(g), start=e.start + m.start(g), end=e.start + m.end(g), code=res.code,
                              sector=res.sector, sectors=list(res.sectors), name=res.name, kind="country",
                              kb_id=res.kb_id, confidence=res.confidence))
        return out if out[0].code != out[1].code else None

    def _surname_not_country(self, head: Token, core: str, res: Resolution, date: str | None) -> Resolution:
        """"Shoichi Saba", "Rep. Glenn English": a place or nationality word that closes a person's
        name (NER's PERSON of two words or more) is the surname, not the country; the person
        keeps only what the rest of the phrase says (the title's country, if any)."""
        person = next((e for e in head.doc.ents if e.label_ == "PERSON" and e.end - 1 == head.i
                       and e.end - e.start >= 2), None)
        if person is None or head.text not in core \
                or not country_surname(self.lookup, [t.text for t in person], res.code, date):
            return res      # ("Saudi Arabia" taken for a person is still the country)
        rest = core[:core.rindex(head.text)].rstrip(" ,")
        title = (self.lookup.resolve(rest, date) if rest else None) or Resolution()
        return Resolution(code=title.code, sector=title.sector, sectors=list(title.sectors), name=person.text,
                          kind="person", office=title.office, confidence=0.5)

    def _namesake_before(self, state: CodingState, surname: str, start: int, kb_name: str, date: str | None) -> bool:
        """Was the surname written before after a given name that is not the knowledge-base
        person's ("Mario Amato" where the knowledge base knows Giuliano Amato)? A title or a
        country word before it ("Minister Amato", "Italian Amato") is no given name."""
        own = set(fold(kb_name).split())
        for m in re.finditer(r"\b([A-Z][a-z]+)\s+" + re.escape(surname) + r"\b", state.text[:start]):
            given = m.group(1)
            if fold(given) in own:
                continue
            res = self.lookup.resolve(given, date)
            if res is not None and res.kind == "unknown":
                return True
        return False

    def _surname_of(self, state: CodingState, name: str | None, word: str, start: int) -> bool:
        """Was `word` written earlier as the surname of the person `name` ("Senator Ann Holland",
        the knowledge base's "Glenn English"), a person whose other names are no countries?"""
        given = (name or "").split()
        if given[-1:] == [word]:
            given = given[:-1]
        # given names are capitalized words that name nothing else ("Reuters. Egypt", "Britain
        # Japan" are the recognizer's runs across two names), nor function words ("As Iran
        # knows ...", a quotation's first word taken into a name)
        if not given or not all(re.fullmatch(r"[A-Z][a-z]+|[A-Z]\.", w) and w.lower() not in STOP_WORDS
                                for w in given) or any(
                (r := self.lookup.resolve(w)) is not None and r.kind != "person" for w in given):
            return False
        # the surname ends the name: "the New China News Agency" names no person "China"
        return re.search(re.escape(" ".join(given)) + r"\s+" + re.escape(word) + r"\b(?!\s+[A-Z][a-z])",
                         state.text[:start]) is not None

    def entity(self, state: CodingState, p, offset: int, context: tuple[str, ...]) -> Entity | None:
        """The entity for a coder `Participant` in a sentence that starts at `offset`."""
        date = state.actor_date
        p = _with_envoy_title(p)
        span = _without_blanks(p.head.doc[p.start:p.end])
        head = p.head
        start, end = offset + span.start_char, offset + span.end_char
        text = _as_written(span.text, state.text[start:end])
        if any(t.is_space for t in span):
            text = re.sub(r" {2,}", " ", text)   # a hidden ticker inside: "Skanska AB <SKBS.ST> of Sweden"
        named = parenthesized(head) if head.lower_ in PRONOUN_ACTORS or head.lower_ in QUOTED_SPEAKER else None
        if named is not None:
            # "They (the Kuwaitis) have also asked Britain": the writer names whom the quote means
            return self.entity(state, _headed_by(p, named), offset, context)
        if head.lower_ in QUOTED_SPEAKER and not (len(head.text) > 1 and head.text.isupper()):   # "US" is no "us"
            speaker = quote_speaker(head)
            if speaker is None:
                return None
            return self.entity(state, _headed_by(p, speaker), offset, context)
        if head.lower_ == "here" and head.dep_ == "advmod":
            # "arrived here for talks": the country the story is set in, if it is one
            return None if not state.story_country else Entity(
                text=text, start=start, end=end, code=state.story_country, sector=None, kind="place",
                country_inferred=True, confidence=0.4)
        if head.lower_ in PRONOUN_ACTORS:
            return antecedent(state, head, offset, self._actor_noun)
        if head.lower_ in STATE_ANAPHORS and self._definite(p):
            # "the country's recovery program" after "the Philippines": that state
            named = named_country(state, start)
            return None if named is None else Entity(
                text=text, start=start, end=end, code=named.code, sector=None, name=named.name, kind="country",
                kb_id=named.entry_id, confidence=0.4)
        core = p.head.doc[p.core_start:p.core_end].text if p.core_start >= 0 else text
        res = self.lookup.resolve(core, date)
        if res is not None and res.kind == "person" and res.code and text != core:
            # "Deputy U.S. Trade Representative Michael Smith": a country in the title the parser
            # left out of the core wins over a namesake of another country in the knowledge base
            whole = self.lookup.resolve(text, date)
            if whole is not None and whole.kind == "person" and whole.name == res.name and whole.code \
                    and whole.code != res.code:
                res = whole
        surname = False
        if res is not None and res.code:
            checked = self._surname_not_country(head, core, res, date)
            surname, res = checked is not res, checked
        if res is not None and res.kind == "country" and text == head.text and head.tag_ == "NNP":
            # "English has agreed" after "Rep. Glenn English": a country word standing alone is the
            # person of that surname named before, if there is one
            known = short_name(state, head.text, start, self.lookup)
            if known is not None and known.kind == "person" and self._surname_of(state, known.name, head.text, start):
                known.text, known.end = text, end
                if known.code == res.code:
                    known.code = None     # the surname's own country word placed him, not his title
                return known
        if res is not None and res.kind == "person" and res.name and text == head.text and head.tag_ == "NNP" \
                and self._namesake_before(state, head.text, start, res.name, date):
            # "Amato" after "Mario Amato, head of the Sao Paulo industries federation": the person
            # the story named in full, not a namesake the knowledge base knows (Giuliano Amato)
            known = introduced(state, head.text, start, self.lookup)
            if known is not None:
                known.text, known.end = text, end
                return known
            return Entity(text=text, start=start, end=end, code=None, sector="UNK", kind="unknown", confidence=0.3)
        if res is not None and res.kind == "agent" and theme_head(head):
            # "the farm issue", "the border area": an agent word modifies a thing, which is at
            # most what is acted on ("attacked a police headquarters"), never a party
            return Entity(text=text, start=start, end=end, code=None, sector=None, kind="target", confidence=0.3)
        if accord(head, res, self.lookup) and accord(head, self.lookup.resolve(text, date)):
            # "the Paris Agreement on currencies": a text named after where it was made (not "the
            # General Agreement on Tariffs and Trade", a body the knowledge base knows)
            return Entity(text=text, start=start, end=end, code=None, sector=None, kind="target", confidence=0.3)
        if head.lower_ in WATERS and (res is None or (res.kind == "unknown" and res.code is None)):
            return None     # "the Gulf", "the southern Gulf": a sea is nobody
        if res is None or (res.code is None and res.kind == "unknown"):
            # "the meeting of the Group of Seven": the parser's head is "Seven", the body is
            # the named entity around it
            named = next((ent for ent in head.doc.ents if ent.start <= head.i < ent.end and ent.end - ent.start > 1
                          and ent.label_ == "ORG" and ent.text != core), None)
            whole = self.lookup.resolve(named.text, date) if named is not None else None
            if whole is not None and whole.code and whole.kind == "organization":
                res, text = whole, named.text
                start, end = offset + named.start_char, offset + named.end_char
        firm = self._inside_firm_name(head, core, date)
        if firm is not None:
            firm = _without_blanks(firm)
            # "Texas" in "Texas Oil and Gas Corp": a word of a firm's name is that firm
            return Entity(text=firm.text, start=offset + firm.start_char, end=offset + firm.end_char, code=None,
                          sector="BUS", sectors=["BUS"], kind="unknown", confidence=0.3)
        if res is not None and res.kind == "person" and res.code is None and head.ent_type_ == "ORG":
            # "King Soopers" (a supermarket chain): a title word opening a name NER takes for a
            # body is no office holder
            res = None
        if res is not None and res.kind == "media" and p.core_start >= 0:
            split = self._after_agency(p, date)
            if split is not None:
                res, span = split
                text, start = span.text, offset + span.start_char
        if res is not None and res.kind == "agent" and res.sector != "BUS" and self._firm_officer(state, head, offset):
            # "a Nippon Steel spokesman", "its president" (of Acme Corp): an officer of a firm
            res = replace(res, sector="BUS", sectors=["BUS"])
        if res is not None and head.lower_ in COUNTERPARTS and res.kind in ("agent", "unknown", "country"):
            # "U.S. allies", "Washington's trading partners": of other countries than the one named
            return Entity(text=text, start=start, end=end, code=None, sector=res.sector or "GOV",
                          sectors=[res.sector or "GOV"], kind="agent", confidence=0.3)
        if res is not None and res.code is None and not surname:
            # the country of the whole phrase: "the Supreme Court in Chile", "workers of the
            # state bus company of Quito" (the shown span may be cut short)
            named = next((ent for ent in head.doc.ents if ent.start <= head.i < ent.end and ent.end - ent.start > 1), None)
            body = self.lookup.resolve(named.text, date) if named is not None else None
            if body is not None and body.kind == "organization" and body.name and res.kind in ("agent", "person"):
                res = body      # "the General Agreement on Tariffs and Trade" is GATT, not a general
                s, e = np_bounds(head, max_len=40)
                whole = self.lookup.resolve(head.doc[s:e].text, date) if "IGO" not in (body.sector, *body.sectors) else None
                if whole is not None and whole.name == body.name and whole.code and whole.code != body.code:
                    res = whole     # "Japan's Export-Import Bank": its owner's, not the U.S. one
            else:
                s, e = np_bounds(head, max_len=40)
                whole = self.lookup.resolve(head.doc[s:e].text, date)
                if whole is not None and whole.code and not whole.country_inferred:
                    res = replace(res, code=whole.code)
        if (res is None or (res.code is None and res.kind == "unknown")) and head.lower_ in EUROPE_WORDS and head.text[0].isupper() \
                and any(m.code == "EUR" for m in state.names):
            # "duties on European exports" in a story that names the European Community: its
            # members' trade, the Community's (Europe as a place stays a place elsewhere)
            return Entity(text=text, start=start, end=end, code="EUR", sector=None, kind="organization",
                          country_inferred=True, confidence=0.4)
        if res is not None and res.kind == "person" and res.code is None and head.ent_type_ == "PERSON":
            # "TSE President Michio Takeuchi" after "Tokyo Stock Exchange head Michio Takeuchi":
            # the person placed by an earlier title keeps that country and sector
            known = short_name(state, head.text, start, self.lookup)
            if known is not None and known.code:
                res = replace(res, code=known.code, sector=known.sector or res.sector,
                              sectors=known.sectors or res.sectors)
        if res is not None and res.code is None and res.kind == "agent" and head.lemma_.lower() in TITLES \
                and head.tag_ not in ("NNS", "NNPS") and self._generic(p):
            # "the minister" is one person named before; "the ministers" are not one of them
            known = titled(state, head.lemma_.lower(), start, self.lookup)
            if known is not None:
                known.text, known.start, known.end = text, start, end
                return known
        if res is not None and res.code is None and res.kind == "agent" and (self._definite(p) or self._bare_body(p)):
            # "the ministry" after "Japan's Finance Ministry", "Congress" after "the U.S. Congress"
            earlier = same_head(state, text, head.text, start, self.lookup, res.sector)
            if earlier is not None:
                res = replace(res, code=earlier.code, sector=earlier.sector or res.sector,
                              sectors=earlier.sectors or res.sectors)
            elif head.text == "Commission" and any(m.code == "EUR" for m in state.names):
                # a bare, capitalised "Commission" in a story about the European Community is
                # its executive ("would veto the adoption of Commission proposals")
                res = replace(res, code="EUR", kind="organization", country_inferred=True)
            elif head.text == "Congress" and state.countries:
                # a bare, capitalised "Congress" is the U.S. Congress in a story that names the
                # United States at all (taking only the story's main country gave it to South
                # Africa, Canada and Turkey), else the legislature of the story's country
                code = "USA" if "USA" in state.countries else state.countries[0]
                res = replace(res, code=code, country_inferred=True)
            elif head.lower_ == "administration" and head.text[0].isupper() and "USA" in state.countries \
                    and state.story_country in (None, "USA"):
                # a bare, capitalised "the Administration" in a story that names the United States
                # and is not set elsewhere is the U.S. government, as "Congress" is its legislature
                res = replace(res, code="USA", country_inferred=True)
        if res is not None and res.code is None and (res.sector == "LEG" or head.lemma_.lower() in CHAMBER_BODIES) \
                and "USA" in state.countries and self._us_chamber(head, state.story_country):
            # "a House appropriations subcommittee", "the Senate panel" in a story that names the
            # United States: a body of its Congress (like a bare "Congress" above)
            res = replace(res, code="USA", sector="LEG", sectors=["LEG"], kind="agent", country_inferred=True)
        if res is not None and res.code is None and res.kind == "agent" and head.lower_ not in SEVERAL_STATES:
            # "its troops" are the owner's; "its creditors", "its bank advisory committee" are
            # the firms it owes, of other countries
            owner = self._possessor_country(state, head, offset) if res.sector != "BUS" else None
            if owner is not None:
                # "its troops", "their foreign minister": the owner named before
                res = replace(res, code=owner)
            elif not context and res.sector in STATE_SECTORS and self._generic(p) and not self._gathering(head) \
                    and state.story_country and self._only_bodies_named(head.doc):
                # "The government has refused to let the IMF play a role": an international body
                # the sentence names is no other state, so the state's organs are the story's
                res = self.lookup.resolve(core, date, (state.story_country,))
            elif context and (self._generic(p) or self._portfolio_ministry(p)) and (res.sector in LOCAL_SECTORS) and not self._gathering(head) \
                    and self.lookup.resolve(head.text) is not None:
                # "police", "the army", "protesters" in a story set in one country (not "banks",
                # which are as often foreign; not "naval targets", whose head is no agent)
                res = self.lookup.resolve(core, date, context)
                if res is not None and res.code and res.code == self._dateline_country(head.doc):
                    # the sentence names its place itself ("MANILA - Communist rebels said")
                    res = replace(res, country_inferred=False)
        if res is not None and res.code is None and res.kind == "person" and context and self._portfolio_minister(p):
            # "Labour Minister Almir Pazzianotto" in a story set in Brazil: a minister named only
            # by portfolio is of the story's country, as "the Labour Ministry" is
            res = replace(res, code=context[0], country_inferred=True)
        if (res is None or (res.kind == "unknown" and res.code is None)) and head.tag_ == "NNP" and (
                head.ent_type_ in ("PERSON", "ORG", "") or head.ent_type_ in PLACE_LABELS):
            # "Moi" after "Kenyan President Daniel Arap Moi": the person named in full before,
            # not a Norwegian town of that name (a surname NER takes for a group, only then)
            known = short_name(state, _ent_text(head), start, self.lookup, introduce=head.ent_type_ != "ORG")
            if known is not None:
                known.text, known.end = text, end
                return known
        if res is None or res.kind == "unknown":
            # a place: NER's GPE/LOC/FAC, or a known place name NER took for a person or group
            place = place_lookup(_ent_text(head), state.countries) \
                if head.ent_type_ in PLACE_LABELS or head.tag_ == "NNP" else None
            if place is not None and head.ent_type_ not in ("GPE", "LOC") and not _known_enough(place):
                place = None    # "Dome" (Petroleum) is no town in Ghana: a small place only when NER says place
            # a sea or an international region is nobody ("monitoring submarines in the Western
            # Atlantic"): only a place in a country stands for its people or state
            if place is not None and place.country and (res is None or head.ent_type_ in PLACE_LABELS
                                                        or head.ent_type_ == "" or p.target):
                return Entity(text=text, start=start, end=end, code=place.country, sector=None, name=place.name,
                              kind="place", country_inferred=True, confidence=0.4)
            if res is None and head.ent_type_ in PLACE_LABELS and not p.target:
                return None
        if res is None and p.target:
            # a target that is not an actor ("a fuel depot in the north"): kept, with the
            # country its phrase names, if any, unless it is only what a matter is about
            # ("involvement in the Iran initiative"); a likelihood or a fear is no target
            if head.lemma_.lower() in UNCERTAIN_NOUNS:
                return None
            full = self.lookup.resolve(text, date) if text != core else None
            code = full.code if full is not None and full.code and not _topic_only(span) else None
            return Entity(text=text, start=start, end=end, code=code, sector=None, kind="target", confidence=0.3)
        if (res is None or (res.kind == "unknown" and res.code is None)) and head.ent_type_ == "PERSON":
            known = short_name(state, _ent_text(head), start, self.lookup)
            if known is not None:
                known.text, known.end = text, end
                return known
        if (res is None or res.kind == "unknown") and not p.target:
            origin = craft_origin(head, self.lookup, date)
            if origin is not None:
                # "planes from Afghanistan bombed the villages": the forces of the state they came
                # from, as "Afghan planes" are
                return Entity(text=text, start=start, end=end, code=origin, sector="MIL", sectors=["MIL"],
                              kind="agent", confidence=0.4)
        if res is None:
            if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.tag_ in ("NNP", "NNPS"):
                # an unknown named actor is still an actor, of no known country
                return Entity(text=text, start=start, end=end, code=None, sector="UNK", kind="unknown", confidence=0.3)
            return None
        if res.kind == "country" and not self._names_a_state(head, res.code):
            # "U.S. Treasuries", "the Writers Guild of America": the country is a modifier of
            # something else; a named thing is an unknown actor of that country, a common noun no actor
            craft = not p.target and (head.lower_ in ARMED_CRAFT or head.lemma_.lower() in ARMED_CRAFT)
            if head.ent_type_ in ("PERSON", "ORG") or head.tag_ in ("NNP", "NNPS"):
                firm = bool(BUSINESS_NAME.search(text))     # "Kenya Power Co" is a firm of Kenya
                return Entity(text=text, start=start, end=end, code=res.code, sector="BUS" if firm else "UNK",
                              sectors=["BUS"] if firm else [], kind="unknown", confidence=0.3)
            if craft:
                # "Libyan planes bombed the town": craft of a country that act are its forces
                return Entity(text=text, start=start, end=end, code=res.code, sector="MIL", sectors=["MIL"],
                              kind="agent", confidence=0.4)
            return Entity(text=text, start=start, end=end, code=res.code, sector=None, kind="target", confidence=0.3)
        if res.code and res.kind == "agent" and self._relation_of(head):
            # "Jamaica's creditor banks", "Peru's creditors": the other party of a state's
            # relation, not of that state
            res = replace(res, code=None, country_inferred=False)
        sector, sectors, kind = res.sector, list(res.sectors), res.kind
        if p.sector_from is not None:
            sres = self.lookup.resolve(p.sector_from.text, date)
            if sres is not None and sres.sector:
                sector = sres.sector
                sectors = [sector] + [s for s in sectors if s != sector]
            if kind == "country":
                # "Algerian and Spanish producers": producers of a state, not the state; what
                # they are comes from the noun they share ("troops", "presidents")
                kind = "agent" if sres is not None and sres.sector not in (None, "UNK") else "unknown"
        return Entity(text=text, start=start, end=end, code=res.code, sector=sector,
                      sectors=sectors or ([sector] if sector else []), name=res.name, kind=kind,
                      kb_id=res.kb_id, office=res.office, country_inferred=res.country_inferred,
                      confidence=res.confidence)

    def _after_agency(self, p, date):
        """"sources told Reuters Taiwan and the U.S. have held talks": a news agency the source
        spoke to, run by the parser into the country named after it. The country, and its span."""
        doc = p.head.doc
        for k in range(p.core_start + 1, p.core_end):
            left, right = self.lookup.resolve(doc[p.core_start:k].text, date), doc[k:p.core_end]
            if left is not None and left.kind == "media":
                rest = self.lookup.resolve(right.text, date)
                if rest is not None and rest.kind == "country":
                    return rest, right
                return None
        return None

    def _actor_noun(self, word: str) -> bool:
        """Does the noun name people or a body ("bombers", "troops", "government")?"""
        res = self.lookup.resolve(word)
        return res is not None and res.kind == "agent" and res.sector not in (None, "UNK")

    @staticmethod
    def _definite(p) -> bool:
        """"the ministry", "the ministers", "Congress": a body or group referred to by its kind
        alone, not "four countries" or a phrase with modifiers of its own."""
        doc = p.head.doc
        words_ = [t for t in doc[p.start:p.end] if not t.is_punct]
        if not words_ or len(words_) > 3 or p.head.tag_ not in ("NN", "NNP", "NNS") or p.head.lower_ in SEVERAL_STATES:
            return False
        first = words_[0]
        return first.lower_ == "the" or (len(words_) == 1 and first.tag_ == "NNP")

    @staticmethod
    def _bare_body(p) -> bool:
        """"the Democratic-controlled Congress", "the new Administration": a body named by its kind,
        with modifiers that say nothing of whose it is (`body_modifiers`)."""
        doc = p.head.doc
        before = [t for t in doc[p.start:p.head.i] if not t.is_punct and t.lower_ != "the"]
        return p.head.tag_ == "NNP" and bool(before) and all(t.lower_ in BODY_MODIFIERS for t in before)

    def _generic(self, p) -> bool:
        """A common-noun phrase with no name of its own ("the riot police", "Moslem protesters"),
        not "the USDA secretary": a religion or ethnicity that names no country does not count."""
        doc = p.head.doc
        s, e = (p.core_start, p.core_end) if p.core_start >= 0 else (p.start, p.end)
        for t in doc[s:e]:
            if t.lower_ in UNIDENTIFIED_WORDS:
                return False    # "unidentified jets", "foreign troops": whose they are is the news
            if t.ent_type_ == "NORP" and (self.lookup.resolve(t.text) or Resolution()).code is None:
                continue
            if after_dateline(t) and (not t.ent_type_ or t.ent_iob_ == "I"):
                continue        # "LIMA - Guerrillas attacked": capitalized as a first word (NER may run
                                # a name across the dateline's dash)
            if t.ent_type_ in NAME_ENTITIES or (t.pos_ == "PROPN" and t.i != t.sent.start) or (t.is_upper and len(t) > 1):
                return False
        return True

    @staticmethod
    def _named_by_portfolio(p, heads: frozenset[str] | set[str]) -> bool:
        """Is the phrase's only name a portfolio and one of `heads` ("the Foreign Ministry
        official", "Labour Minister Almir Pazzianotto"), with no country word of its own? Then,
        like "police", it is the story's country's."""
        doc = p.head.doc
        s, e = (p.core_start, p.core_end) if p.core_start >= 0 else (p.start, p.end)
        names = [t for t in doc[s:e] if t.is_alpha and (t.is_title or t.is_upper) and t.pos_ != "DET"
                 and t.ent_type_ != "PERSON"]
        return any(t.lower_ in heads for t in names) and any(t.lower_ in PORTFOLIO_WORDS for t in names) \
            and all(t.lower_ in PORTFOLIO_WORDS or t.lower_ in heads for t in names)

    def _portfolio_ministry(self, p) -> bool:
        """A government department named only by its portfolio ("Agriculture Ministry officials")."""
        return self._named_by_portfolio(p, MINISTRY_HEADS)

    def _portfolio_minister(self, p) -> bool:
        """A person titled only by a minister's portfolio ("Economic Planning Secretary Solita Monsod")."""
        return self._named_by_portfolio(p, MINISTER_TITLES)

    def _only_bodies_named(self, sd: Doc) -> bool:
        """Does the sentence name international bodies (the IMF, the U.N.) and no state?"""
        named = self.sentence_countries(sd)
        return bool(named) and all(c in INTERNATIONAL_BODIES for c in named)

    def _gathering(self, head: Token) -> bool:
        """"the leaders", "the ministers": people gathered from several countries, unless a
        modifier says which local group they lead or speak for ("opposition leaders", "union
        delegates", "rebel negotiators"), who are of the country the story is set in."""
        if head.lower_ not in GATHERINGS:
            return False
        for c in head.children:
            if c.dep_ in ("compound", "amod") and c.i < head.i:
                res = self.lookup.resolve(c.text)
                if res is not None and res.kind == "agent" and res.sector in LOCAL_SECTORS - STATE_SECTORS - {"ELI"}:
                    return False
        return True

    def _possessor_country(self, state: CodingState, head: Token, offset: int) -> str | None:
        for c in head.children:
            if c.dep_ == "poss" and c.lower_ in POSSESSIVES:
                owner = antecedent(state, c, offset, self._actor_noun)
                return owner.code if owner is not None else None
        return None

    @staticmethod
    def _relation_of(head: Token) -> bool:
        relational = [t for t in [head, *head.lefts] if t.lemma_.lower() in RELATIONAL_NOUNS and (
            t is head or t.dep_ in ("compound", "amod"))]
        owner = [c for c in head.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP")]
        return bool(relational) and bool(owner)

    def _inside_firm_name(self, head: Token, core: str, date):
        """The firm name (NER's ORG span with a company word) that the phrase is only part of."""
        if head.ent_type_ != "ORG":
            return None
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is None or ent.label_ != "ORG" or ent.text == core or core not in ent.text \
                or not BUSINESS_NAME.search(ent.text):
            return None
        known = self.lookup.resolve(ent.text, date)
        return ent if known is None or known.kind == "unknown" or known.sector == "BUS" else None

    def _firm_officer(self, state: CodingState, head: Token, offset: int) -> bool:
        """Is the office holder a firm's: its owner ("its", "their") is a firm, or its name
        modifier is a firm named so in the document ("Nippon Steel Corp <NSTC.T> ... a Nippon
        Steel spokesman")?"""
        for c in head.children:
            if c.dep_ == "poss" and c.lower_ in ("its", "their"):
                # the nearest body named before, whether or not it has a country
                before = [m for m in mentions_before(state, offset + c.idx) if m.label != "PERSON"]
                return bool(before) and (before[-1].value.get("sector") == "BUS"
                                         or bool(BUSINESS_NAME.search(before[-1].text)))
        names = [t for t in head.lefts if t.dep_ in ("compound", "nmod") and t.ent_type_ == "ORG"]
        if not names:
            return False
        name = head.doc[names[0].left_edge.i:names[-1].right_edge.i + 1].text
        known = self.lookup.resolve(name)
        if known is not None and known.kind != "unknown":
            return known.sector == "BUS"      # "a Bank of Japan governor" is the central bank's
        if BUSINESS_NAME.search(name):
            return True
        at = state.text.find(name)
        return at >= 0 and bool(BUSINESS_NAME.match(state.text[at + len(name):at + len(name) + 12].lstrip(" ,")))

    def _names_a_state(self, head: Token, code: str | None) -> bool:
        """Does the phrase's head word itself name the state (its name, people, capital)?"""
        if head.ent_type_ in ("GPE", "NORP"):
            return True
        res = self.lookup.resolve(head.text)
        return res is not None and res.kind == "country" and res.code == code

    def aid_recipient(self, state: CodingState, sd: Doc, offset: int, actors: list[Entity],
                      context: tuple[str, ...]) -> Entity | None:
        """PLOVER's AID needs a recipient: when none is named, the other country the sentence
        names, else the one the document is about (flagged as inferred)."""
        codes = {a.code for a in actors}
        named = self._sentence_country_mentions(sd, offset)
        for code in list(context) + state.countries:
            if code and code not in codes:
                text, start, end = named.get(code, (code, -1, -1))
                return Entity(text=text, start=start, end=end, code=code, kind="country",
                              country_inferred=True, confidence=0.3)
        return None

    def _sentence_country_mentions(self, sd: Doc, offset: int) -> dict[str, tuple[str, int, int]]:
        out: dict[str, tuple[str, int, int]] = {}
        for ent in sd.ents:
            if ent.label_ in COUNTRY_LABELS:
                res = self.lookup.resolve(ent.text)
                if res is not None and res.code and res.code not in out:
                    out[res.code] = (ent.text, offset + ent.start_char, offset + ent.end_char)
        return out


def _topic_only(span) -> bool:
    """The phrase names a country only as what a matter is about: "the Iran initiative"."""
    named = [t for t in span if t.ent_type_ in ("GPE", "NORP")]
    return bool(named) and all(t.dep_ in ("compound", "amod", "nmod") and t.head.lower_ in TOPIC_HEADS
                               for t in named)


def _without_blanks(span: Span) -> Span:
    """`span` without the blank tokens at its end: a space the parser read (a hidden stock
    ticker, "Union Carbide Corp <UK>", or a double space) ends no name."""
    end = span.end
    while end - 1 > span.start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[span.start:end]


def _as_written(parsed: str, original: str) -> str:
    """The phrase with the article's own capitals (the parser may read "U.S. Officials" as
    "U.S. officials"); its spaces stay the parser's (wrapped lines read as one line)."""
    if len(parsed) != len(original):
        return parsed
    return "".join(o if o != c and o.lower() == c else c for o, c in zip(original, parsed))


def _with_envoy_title(p):
    """"Turkish Ambassador to Athens Nazmi Akiman": the parser may hang "to Athens Nazmi Akiman"
    on another word, so that the person's phrase starts at the capital he is posted to; the
    envoy's title before "to" is his own, and says whose envoy he is (`envoy_nouns`)."""
    doc = p.head.doc
    k = p.start
    if p.head.tag_ != "NNP" or k < 2 or doc[k - 1].lower_ != "to" or doc[k - 2].lower_ not in ENVOY_NOUNS \
            or doc[k].tag_ not in ("NNP", "DT") or doc[k].i == p.head.i:
        return p
    s = k - 2
    while s > 0 and (doc[s - 1].ent_type_ in ("NORP", "GPE") or doc[s - 1].tag_ in ("NNP", "POS")
                     or doc[s - 1].lower_ in ENVOY_NOUNS) and doc[s - 1].lower_ not in ("with", "to", "and"):
        s -= 1
    return replace(p, start=s, core_start=s if p.core_start >= 0 else p.core_start)


def _headed_by(p, head: Token):
    """The participant `p` standing for the noun phrase of another token (a quote's speaker, a
    name in brackets)."""
    s, e = np_bounds(head)
    return replace(p, head=head, start=s, end=e, core_start=-1, core_end=-1, target=False, sector_from=None)
