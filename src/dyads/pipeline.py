"""The pipeline, composed in one place: text in, coded `Document` out.

    reader -> language layer -> actor mentions + credits -> event coder
           -> actors resolved -> dates, places, contexts -> CAMEO -> merge

Each stage is a small module; this one only wires them together.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import Counter
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from dyads import dates as dates_mod
from dyads import places as places_mod
from dyads.cite import dateline_spans
from dyads.places import find as place_finder
from dyads.places.resolve import PlaceMention, resolve_all
from dyads.actors import ActorResolver
from dyads.cite import find_credits
from dyads.events import cameo
from dyads.events.coder import Participant, RawEvent, SentenceCoder, np_bounds
from dyads.events.contexts import contexts_for, count_contexts
from dyads.events.dedup import merge_events
from dyads.events.lexicon import Lexicon, default_lexicon
from dyads.model import Document, Entity, Event, EventMention, Mention, Sentence
from dyads.nlp import LanguageLayer, default_layer

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
DATE_LABELS = {"DATE", "TIME"}
DATE_PATH_DEPS = {"pobj", "prep", "npadvmod", "tmod", "nummod", "compound", "appos", "advmod", "nmod", "amod", "det", "quantmod", "case"}
# nouns whose national modifier names an owner, not an actor ("Azerbaijani support")
CONTENT_NOUNS = {
    "support", "aid", "assistance", "help", "decision", "plan", "policy", "move", "statement", "position",
    "proposal", "offer", "demand", "request", "law", "bill", "ban", "relations", "ties", "interests", "economy",
    "territory", "soil", "border", "borders", "airspace", "waters", "sovereignty", "stance", "view", "views",
    "solidarity", "cooperation", "involvement", "role", "presence", "efforts", "effort", "response",
}
GROUP_NOUNS = {
    "member", "fighter", "force", "unit", "group", "people", "national", "citizen", "leader", "worker",
    "man", "woman", "official", "representative", "delegation", "authority", "side", "team", "crew",
    "militant", "supporter", "follower", "activist", "protester", "demonstrator", "student", "soldier",
    "trooper", "sailor", "pilot", "agent", "envoy", "negotiator", "ally", "partner", "neighbor", "neighbour",
    "movement", "faction", "coalition", "alliance", "organization", "organisation", "association", "union",
}
REPORTS_AFTER = re.compile(r"^\W{0,3}(?:\w+\W+){0,3}?(?:reported|reports|said|says|quoted|cited|wrote|writes|news agency reported|added)\b", re.I)
REPORTS_BEFORE = re.compile(r"(?:according to|told|quoted by|cited by|reported by|reports by|told the|told state-run|told state)\s+(?:the\s+)?[\w\s-]{0,20}$", re.I)
NOT_ACTOR_ENTS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                  "ORDINAL", "CARDINAL", "LANGUAGE"}
CUE_PRONOUNS = {"he", "she", "they", "we"}
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.I)
PARA_SPLIT = re.compile(r"\n\s*\n|\n(?=[ \t]{2,}\S)|(?<=[.!?\"'”)])\s*\n")


def _resolver() -> ActorResolver:
    from dyads.actors.resolver import default_resolver

    return default_resolver()


class Pipeline:
    """Holds the loaded language layer, lexicon and actor resolver (load once, reuse)."""

    def __init__(self, layer: LanguageLayer | None = None, resolver: ActorResolver | None = None,
                 lexicon: Lexicon | None = None, all_mentions: bool = True) -> None:
        """`all_mentions=False` recognizes entities only in sentences with an event trigger
        (what event coding needs, and faster); `Document.mentions` then covers those sentences."""
        self.all_mentions = all_mentions
        self.layer = layer or default_layer()
        self.resolver = resolver or _resolver()
        self.lexicon = lexicon or default_lexicon()
        self.screen = self._screening_forms()
        cameo.cameo_for("CONSULT")   # load the CAMEO/PLOVER tables now, not inside the first document

    # ------------------------------------------------------------------ public
    def process(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        buf: list[Document] = []
        for d in documents:
            buf.append(d)
            if len(buf) >= batch_size:
                yield from self._process_batch(buf)
                buf = []
        if buf:
            yield from self._process_batch(buf)

    def _process_batch(self, docs: list[Document]) -> Iterator[Document]:
        texts = (d.text for d in docs)
        for doc, sdoc in zip(docs, self.layer.pipe(texts, batch_size=len(docs), ner=self.all_mentions)):
            try:
                self.code_document(doc, sdoc)
            except Exception as exc:  # one bad document must not stop a batch
                doc.warnings.append(f"coding failed: {type(exc).__name__}: {exc}")
                doc.events = []
            yield doc

    # ------------------------------------------------------------------ per document
    def code_document(self, doc: Document, sdoc: Doc) -> Document:
        text = doc.text
        doc.sentences = self._sentences(text, sdoc)
        self._doc_sentences = doc.sentences
        self._sentence_of = _sentence_lookup(doc.sentences)     # char offset -> sentence index (bisect)
        self._text = text
        credited, credit_spans = find_credits(text, self._media_name)
        doc.credited = list(credited)
        self._credit_spans = credit_spans
        pub = doc.date

        # candidate sentences: only those with a trigger word get parsed (and, unless
        # every mention is wanted, entity-recognized)
        spacy_sents = list(sdoc.sents)
        cue_starts = self._actor_cues(text)
        candidates = [i for i, s in enumerate(spacy_sents)
                      if self._has_trigger(s) and self._has_actor_cue(s, cue_starts)]
        # entities of the analysed sentences are recognized sentence by sentence in both modes,
        # so the events do not depend on whether every mention is wanted
        parsed = self.layer.analyse([spacy_sents[i] for i in candidates], ner=True)

        # actor, place and date mentions from NER
        doc.mentions = []
        if self.all_mentions or self.layer.parses_everything:
            ent_sources = [(sdoc.ents, 0)]
        else:
            ent_sources = [(d.ents, d.user_data.get("offset", 0) if isinstance(d, Doc) else 0) for d in parsed]
        sent_of_char = _sentence_lookup(doc.sentences)
        for ents, off in ent_sources:
            for ent in ents:
                self._add_mention(doc, ent, off, sent_of_char(off + ent.start_char), pub)
        doc.mentions += self._find_dates(text, ent_sources, pub, sent_of_char)
        # pronouns resolve against actor mentions of the analysed sentences only (same in both modes)
        self._event_mentions: list[Mention] = []
        holder = Document(text=text)
        for d in parsed:
            off = d.user_data.get("offset", 0) if isinstance(d, Doc) else 0
            for ent in d.ents:
                if ent.label_ in ACTOR_LABELS:
                    self._add_mention(holder, ent, off, None, pub)
        self._event_mentions = [m for m in holder.mentions if m.kind == "actor"]
        # the document's countries, most mentioned first, from the gazetteer over the whole text
        country_counts: Counter[str] = Counter(
            m.code for m in self._gazetteer_find(text)
            if m.code and m.kind in ("country", "adjective", "metonym", "person") and len(m.code) == 3
        )
        doc_countries = [c for c, _ in country_counts.most_common()]
        for name in self._reporting_media(text):
            if name not in doc.credited:
                doc.credited.append(name)
        self._doc_countries = doc_countries

        # places: the event-side set (entities of the analysed sentences, datelines and
        # well-known names anywhere) is resolved first and alone, so event locations do not
        # depend on whether every mention is wanted; the rest join it for the mention list
        self._places = self._find_places(text, [(d.ents, d.user_data.get("offset", 0) if isinstance(d, Doc) else 0)
                                                for d in parsed], doc_countries)
        all_places = self._places
        if self.all_mentions or self.layer.parses_everything:
            extra = self._find_places(text, ent_sources, doc_countries, known=self._places)
            all_places = sorted(self._places + extra, key=lambda m: m.start)
        for pm in all_places:
            doc.mentions.append(Mention("place", pm.text, pm.start, pm.end, sent_of_char(pm.start), pm.label,
                                        _place_value(pm)))
        doc.mentions.sort(key=lambda m: (m.start, m.end))

        # contexts: sentence / paragraph / document cue counts
        doc_ctx = count_contexts(text)
        para_ctx: dict[int, Counter[str]] = {}
        sent_ctx: dict[int, Counter[str]] = {}
        for s in doc.sentences:
            sent_ctx[s.index] = count_contexts(text[s.start:s.end])
            para_ctx.setdefault(s.paragraph_index, Counter()).update(sent_ctx[s.index])

        coder = SentenceCoder(self.lexicon, self._is_actor_span, self._is_actor_span_loose)
        events: list[Event] = []
        bare: list[Event] = []
        last_date: dict[int, tuple[str, str]] = {}
        for sidx, sd in zip(candidates, parsed):
            base = sd.user_data.get("offset", 0) if isinstance(sd, Doc) else 0
            sent = doc.sentences[sidx]
            self._base = base
            coder.blocked = {t.i for t in sd if self._in_credit(base + t.idx, base + t.idx + len(t.text))}
            for raw in coder.code(sd):
                ev = self._to_event(doc, raw, sd, sent, base)
                if ev is None:
                    continue
                # dates
                self._date_event(ev, raw, sd, pub, sent, last_date)
                # place
                self._place_event(ev, raw, sd, base, sent)
                # contexts
                ev.context = contexts_for(sent_ctx[sent.index], para_ctx.get(sent.paragraph_index, Counter()), doc_ctx)
                if ev.mode and ev.mode in ("cyber", "misinformation") and ev.mode not in ev.context:
                    ev.context.append(ev.mode)
                self._cameo(ev, raw)
                if not ev.actor and ev.recipient and all(e.kind == "target" and not e.code for e in ev.recipient):
                    # nobody acts on nobody ("no statements were released"): no dyad to report
                    continue
                (bare if not ev.actor and not ev.recipient else events).append(ev)
        doc.events = merge_events(events, bare)
        for ev in doc.events:
            ev.id = _event_id(doc.id, ev)
        return doc

    # ------------------------------------------------------------------ helpers
    def _add_mention(self, doc: Document, ent: Span, off: int, sidx: int | None, pub: str | None) -> None:
        start, end = off + ent.start_char, off + ent.end_char
        if self._in_credit(start, end):
            return
        if ent.label_ in ACTOR_LABELS:
            res = self._resolve(ent.text, pub, ())
            if res is not None and res.kind == "media":
                return
            doc.mentions.append(Mention("actor", ent.text, start, end, sidx, ent.label_,
                                        {"code": res.code if res else None, "sector": res.sector if res else None,
                                         "name": res.name if res else None, "kind": res.kind if res else "unknown"}))

    def _tense(self, start: int) -> str | None:
        """The tense of the sentence around a character offset (see dates.tense_of)."""
        i = self._sentence_of(start)
        if i is None:
            return None
        snt = self._doc_sentences[i]
        return dates_mod.tense_of(self._text[snt.start:snt.end], start - snt.start)

    def _date_value(self, text: str, start: int, pub: str | None) -> dates_mod.DateValue | None:
        """Normalize a date expression at `start` (a range reads as its first date)."""
        a, _, part = dates_mod.split_range(text)[0]
        return dates_mod.normalize(part, pub, self._tense(start + a))

    def _find_dates(self, text: str, ent_sources: list, pub: str | None, sent_of_char) -> list[Mention]:
        """Date mentions: NER's DATE/TIME entities (ranges split into their dates) and what the
        date rules find elsewhere; each normalized in the tense of its sentence."""
        out: list[Mention] = []
        spans: list[tuple[int, int]] = []
        for ents, off in ent_sources:
            for ent in ents:
                if ent.label_ not in DATE_LABELS:
                    continue
                base = off + ent.start_char
                spans.append((base, off + ent.end_char))
                for a, b, part in dates_mod.split_range(ent.text):
                    dv = dates_mod.normalize(part, pub, self._tense(base + a))
                    if dv is not None:
                        out.append(Mention("date", ent.text[a:b], base + a, base + b, sent_of_char(base + a),
                                           ent.label_, {"value": dv.value, "precision": dv.precision,
                                                        "relative": dv.relative}))
        for a, b in dates_mod.find(text):
            if any(a < e and s < b for s, e in spans) or self._in_credit(a, b):
                continue
            dv = dates_mod.normalize(text[a:b], pub, self._tense(a))
            if dv is not None:
                out.append(Mention("date", text[a:b], a, b, sent_of_char(a), "RULE",
                                   {"value": dv.value, "precision": dv.precision, "relative": dv.relative}))
        return out

    def _actor_kind(self, name: str) -> str | None:
        res = self._resolve(name, None, ())
        return res.kind if res is not None else None

    def _find_places(self, text: str, ent_sources: list, countries: list[str],
                     known: list[PlaceMention] | None = None) -> list[PlaceMention]:
        """Place mentions of `text` from these entities (plus datelines and a scan for well-known
        names when `known` is None), resolved together; `known` mentions keep their places."""
        found: list[PlaceMention] = []
        taken: list[tuple[int, int]] = [(a, b) for a, b in self._credit_spans]
        for ents, off in ent_sources:
            found += place_finder.from_entities(text, ents, off, self._actor_kind)
            taken += [(off + e.start_char, off + e.end_char) for e in ents]
        if known is None:
            dl = dateline_spans(text)
            found += place_finder.from_datelines(text, dl)
            taken += dl
            found += place_finder.caps_datelines(text, taken + [(m.start, m.end) for m in found])
            taken += [(m.start, m.end) for m in self._gazetteer_find(text)
                      if m.kind in ("person", "organization", "media", "adjective", "agent")]
            found += place_finder.scan(text, taken + [(m.start, m.end) for m in found],
                                       (s.start for s in self._doc_sentences))
        else:
            spans = {(m.start, m.end) for m in known}
            found = [m for m in found if (m.start, m.end) not in spans
                     and not any(k.start < m.end and m.start < k.end for k in known)]
        # one mention per span; credits ("(Anatolia)", "ISTANBUL (AA)") are not places
        found = [m for m in found if not self._in_credit(m.start, m.end) or m.label == "DATELINE"]
        uniq: dict[tuple[int, int], PlaceMention] = {}
        for m in found:
            uniq.setdefault((m.start, m.end), m)
        found = sorted(uniq.values(), key=lambda m: m.start)
        if known:
            merged = sorted(list(known) + found, key=lambda m: m.start)
            resolve_all(text, merged, countries)
            return found
        return resolve_all(text, found, countries)

    def _gazetteer_find(self, text: str) -> list:
        if getattr(self, "_found_for", None) is not text:
            find = getattr(self.resolver, "find", None)
            self._found = find(text) if find is not None else []
            self._found_for = text
        return self._found

    def _reporting_media(self, text: str) -> list[str]:
        """Media names that report in the text: "Anadolu Agency reported", "according to AP", "told Reuters"."""
        out = []
        for m in self._gazetteer_find(text):
            if m.kind != "media":
                continue
            after = text[m.end:m.end + 40]
            before = text[max(0, m.start - 30):m.start]
            if REPORTS_AFTER.match(after) or REPORTS_BEFORE.search(before):
                if m.name not in out:
                    out.append(m.name)
        return out

    def _sentences(self, text: str, sdoc: Doc) -> list[Sentence]:
        breaks = [m.end() for m in PARA_SPLIT.finditer(text)]
        out = []
        para = 0
        bi = 0
        for i, s in enumerate(sdoc.sents):
            while bi < len(breaks) and breaks[bi] <= s.start_char:
                para += 1
                bi += 1
            out.append(Sentence(i, s.start_char, s.end_char, para))
        return out

    def _screening_forms(self) -> frozenset[str]:
        """Surface forms of every event-bearing trigger; a sentence without one is not parsed."""
        forms: set[str] = set()
        lem = self.layer.lemmatize
        for table, pos in ((self.lexicon.verbs, "verb"), (self.lexicon.nouns, "noun"), (self.lexicon.adjectives, "adj")):
            for head, entries in table.items():
                for e in entries:
                    if not e.event:
                        continue
                    if e.objects:
                        # "have talks", "take hostages": the object word must be there anyway
                        for o in e.objects:
                            forms |= lem.inflections(o, "noun")
                    else:
                        forms |= lem.inflections(head, pos)
        return frozenset(forms)

    def _actor_cues(self, text: str) -> list[int]:
        """Offsets of words that can head or mark an actor: known countries, demonyms, capitals,
        organizations, people, and agent words other than businesses."""
        return sorted(m.start for m in self._gazetteer_find(text)
                      if m.kind in ("country", "adjective", "metonym", "organization", "person")
                      or (m.kind == "agent" and m.sector not in ("BUS", "UNK", None)))

    @staticmethod
    def _has_actor_cue(s: Span, cue_starts: list[int]) -> bool:
        """An event needs an actor: a sentence with no actor cue is not analysed further.
        Besides gazetteer cues, personal pronouns and multi-word capitalized names count."""
        i = bisect.bisect_left(cue_starts, s.start_char)
        if i < len(cue_starts) and cue_starts[i] < s.end_char:
            return True
        prev_cap = False
        for k, t in enumerate(s):
            low = t.lower_
            if low in CUE_PRONOUNS:
                return True
            cap = k > 0 and t.is_title and t.is_alpha and len(t) > 1
            if cap and prev_cap:
                return True
            prev_cap = cap
        return False

    def _has_trigger(self, s: Span) -> bool:
        screen = self.screen
        return any(t.lower_ in screen for t in s)

    def _media_name(self, text: str) -> str | None:
        res = self._resolve(text, None, ())
        return res.name or text if res is not None and res.kind == "media" else None

    def _in_credit(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self._credit_spans)

    @functools.lru_cache(maxsize=100_000)
    def _resolve(self, text: str, date: str | None, context: tuple[str, ...]):
        return self.resolver.resolve(text, date=date, context_codes=context)

    def _is_actor_span(self, span: Span) -> bool:
        if self._in_credit(self._base + span.start_char, self._base + span.end_char):
            return False
        root = span.root
        named = bool(root.ent_type_) or root.tag_ in ("NNP", "NNPS")
        res = self._resolve(span.text, None, ())
        if root.ent_type_ in NOT_ACTOR_ENTS and (res is None or res.kind in ("unknown", "agent")):
            return False   # "the first Gulf War", "the Paris Agreement", "March"
        if res is None:
            return root.ent_type_ in ("PERSON", "ORG", "NORP") and root.tag_ in ("NNP", "NNPS")
        if named:
            return True
        # a common noun heads an actor if it is an agent word ("police", "Turks") or a group
        # named by its country ("Syrian regime air strikes"), but not a content word with a
        # national modifier ("Azerbaijani support")
        if root.lemma_.lower() in CONTENT_NOUNS or root.lower_ in CONTENT_NOUNS:
            return False
        if root.pos_ == "NOUN" and root.lemma_.lower() in self.lexicon.nouns and self._resolve(root.text, None, ()) is None:
            return False   # an event noun ("the UN call for a ceasefire"): its owner is the actor
        if res.kind in ("person", "organization"):
            return True
        head = self._resolve(root.text, None, ())
        if head is not None and (head.sector is not None or head.code is not None):
            return True
        # "Nigerian and British armed forces", "Afghan rebel leaders": a group noun with a national modifier
        return root.lemma_.lower() in GROUP_NOUNS and res.code is not None

    def _is_actor_span_loose(self, span: Span) -> bool:
        """Subjects: any phrase the resolver places, unless its head is a content word."""
        if self._is_actor_span(span):
            return True
        root = span.root
        if root.lemma_.lower() in CONTENT_NOUNS or root.lower_ in CONTENT_NOUNS:
            return False
        res = self._resolve(span.text, None, ())
        if res is not None and (res.code is not None or res.sector is not None):
            return True
        # "the women-led Hirak movement": a group noun with a name in it
        return root.lemma_.lower() in GROUP_NOUNS and any(t.tag_ in ("NNP", "NNPS") for t in span)

    def _entity(self, p: Participant, sd: Doc, base: int, date: str | None, context: tuple[str, ...]) -> Entity | None:
        span = p.head.doc[p.start:p.end]
        text = span.text
        head = p.head
        if head.lower_ in ("he", "she", "him", "her", "they", "them", "it", "we", "who", "which"):
            return self._coref(head, base)
        core = p.head.doc[p.core_start:p.core_end].text if p.core_start >= 0 else text
        res = self._resolve(core, date, context)
        if res is None or res.kind == "unknown":
            # a place: NER's GPE/LOC/FAC, or a known place name NER took for a person or group
            place = places_mod.lookup(_ent_text(head), self._doc_countries) \
                if head.ent_type_ in PLACE_LABELS or head.tag_ == "NNP" else None
            if place is not None and (res is None or head.ent_type_ in PLACE_LABELS or head.ent_type_ == ""
                                      or p.target):
                return Entity(text=text, start=base + span.start_char, end=base + span.end_char, code=place.country,
                              sector=None, name=place.name, kind="place", country_inferred=True, confidence=0.4)
            if res is None and head.ent_type_ in PLACE_LABELS and not p.target:
                return None
        if res is None and p.target:
            # a target that is not an actor ("an army base in western Afghanistan"): keep it,
            # with the country its phrase names, if any
            full = self._resolve(text, date, ()) if text != core else None
            code = full.code if full is not None and full.code else None
            return Entity(text=text, start=base + span.start_char, end=base + span.end_char, code=code,
                          sector=None, kind="target", confidence=0.3)
        if res is None:
            if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.tag_ in ("NNP", "NNPS"):
                # an unknown named actor is still an actor
                code = context[0] if context else None
                return Entity(text=text, start=base + span.start_char, end=base + span.end_char, code=code,
                              sector="UNK", kind="unknown", country_inferred=bool(code), confidence=0.3)
            return None
        sector, sectors = res.sector, list(res.sectors)
        if p.sector_from is not None:
            sres = self._resolve(p.sector_from.text, date, ())
            if sres is not None and sres.sector:
                sector = sres.sector
                sectors = [sector] + [s for s in sectors if s != sector]
        return Entity(text=text, start=base + span.start_char, end=base + span.end_char, code=res.code,
                      sector=sector, sectors=sectors or ([sector] if sector else []), name=res.name, kind=res.kind,
                      kb_id=res.kb_id, office=res.office, country_inferred=res.country_inferred,
                      confidence=res.confidence)

    def _coref(self, pron: Token, base: int) -> Entity | None:
        """A pronoun takes the nearest preceding actor mention of a compatible kind."""
        start = base + pron.idx
        want_person = pron.lower_ in ("he", "she", "him", "her", "who")
        for m in reversed(self._doc_mentions_before(start)):
            kind = m.value.get("kind")
            if m.value.get("code") is None and kind != "person":
                continue
            if want_person and m.label != "PERSON" and kind != "person":
                continue
            if not want_person and pron.lower_ in ("it", "which") and (m.label == "PERSON" or kind == "person"):
                continue
            return Entity(text=m.text, start=m.start, end=m.end, code=m.value.get("code"), sector=m.value.get("sector"),
                          sectors=[m.value["sector"]] if m.value.get("sector") else [], name=m.value.get("name"),
                          kind=kind or "unknown", confidence=0.4)
        return None

    def _doc_mentions_before(self, start: int) -> list[Mention]:
        return [m for m in self._event_mentions if m.end <= start][-8:]

    def _to_event(self, doc: Document, raw: RawEvent, sd: Doc, sent: Sentence, base: int) -> Event | None:
        context = tuple(self._sentence_countries(sd)) + tuple(c for c in self._doc_countries[:2])
        actors = [e for p in raw.actors if (e := self._entity(p, sd, base, doc.date, context)) is not None]
        recips = [e for p in raw.recipients if (e := self._entity(p, sd, base, doc.date, context)) is not None]
        recips = [r for r in recips if not any(r.start == a.start for a in actors)]
        if (raw.actors or raw.recipients) and not actors and all(r.kind == "target" for r in recips):
            return None   # nobody acts and nobody named is acted upon
        if raw.entry.has("weak") and not (actors and recips):
            return None   # a weak trigger needs both sides named
        attribution = None
        if raw.attribution is not None:
            s, e = np_bounds(raw.attribution)
            attribution = raw.attribution.doc[s:e].text
            res = self._resolve(attribution, None, ())
            if res is not None and res.kind == "media" and res.name and res.name not in doc.credited:
                doc.credited.append(res.name)
        trig = raw.trigger
        mention = EventMention(
            sentence_index=sent.index, sentence_start=sent.start, sentence_end=sent.end,
            sentence=doc.text[sent.start:sent.end].strip(), trigger=(base + trig.idx, base + trig.idx + len(trig.text)),
            trigger_text=trig.text, actor_spans=[(a.start, a.end) for a in actors],
            recipient_spans=[(r.start, r.end) for r in recips], paragraph_index=sent.paragraph_index,
            attribution=attribution,
        )
        ev = Event(event=raw.event, actor=actors, recipient=recips, mode=raw.mode, aux_mode=raw.aux,
                   confidence=raw.confidence, mentions=[mention])
        if ev.event == "AID" and not recips and actors:
            # PLOVER: AID needs a recipient; take the other country the sentence names, else
            # the one the document is about (flagged as inferred)
            codes = {a.code for a in actors}
            named = self._sentence_country_mentions(sd, base)
            for code in list(context) + self._doc_countries:
                if code and code not in codes:
                    text, start, end = named.get(code, (code, -1, -1))
                    ev.recipient = [Entity(text=text, start=start, end=end, code=code, kind="country",
                                           country_inferred=True, confidence=0.3)]
                    ev.confidence *= 0.8
                    break
        return ev

    def _sentence_country_mentions(self, sd, base: int) -> dict[str, tuple[str, int, int]]:
        out: dict[str, tuple[str, int, int]] = {}
        for ent in sd.ents:
            if ent.label_ in ("GPE", "NORP", "ORG"):
                res = self._resolve(ent.text, None, ())
                if res is not None and res.code and res.code not in out:
                    out[res.code] = (ent.text, base + ent.start_char, base + ent.end_char)
        return out

    def _sentence_countries(self, sd: Doc) -> list[str]:
        out = []
        for ent in sd.ents:
            if ent.label_ in ("GPE", "NORP", "ORG"):
                res = self._resolve(ent.text, None, ())
                if res is not None and res.code and res.kind != "media" and res.code not in out:
                    out.append(res.code)
        return out

    def _date_event(self, ev: Event, raw: RawEvent, sd: Doc, pub: str | None, sent: Sentence,
                    last_date: dict[int, tuple[str, str]]) -> None:
        trig = raw.trigger
        clause = {trig.i}
        t = trig
        for _ in range(4):
            if t.head == t:
                break
            if t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "xcomp", "conj", "prep", "attr", "acl") or t.pos_ not in ("VERB", "AUX"):
                t = t.head
                clause.add(t.i)
                if t.pos_ in ("VERB", "AUX"):
                    break
            else:
                break
        found = None
        for ent in sd.ents:
            if ent.label_ not in DATE_LABELS:
                continue
            cur = ent.root
            ok = False
            for _ in range(8):
                if cur.i in clause:
                    ok = True
                    break
                if cur.head == cur:
                    break
                if cur.dep_ not in DATE_PATH_DEPS:
                    break
                nxt = cur.head
                if nxt.pos_ in ("NOUN", "PROPN") and nxt.i not in clause and nxt.dep_ not in ("pobj", "npadvmod") and nxt.ent_type_ not in DATE_LABELS:
                    break
                cur = nxt
            if ok:
                dv = self._date_value(ent.text, sd.user_data.get("offset", 0) + ent.start_char, pub)
                if dv is not None and dv.day is not None or (dv is not None and dv.precision in ("month", "year", "week") and not dv.value.startswith(("PAST", "FUT", "PRES", "X"))):
                    found = dv
                    break
        if found is not None:
            ev.date, ev.date_precision, ev.date_source = found.value, found.precision, "text"
            last_date[sent.paragraph_index] = (found.value, found.precision)
            pubd = dates_mod.parse_iso(pub)
            if pubd and found.day and (pubd - found.day).days > 400 and ev.aux_mode is None:
                ev.aux_mode = "historical"
            elif pubd and found.value[:4].isdigit() and int(found.value[:4]) < pubd.year - 1 and ev.aux_mode is None:
                ev.aux_mode = "historical"
            return
        if sent.paragraph_index in last_date:
            ev.date, ev.date_precision = last_date[sent.paragraph_index]
            ev.date_source = "context"
            return
        if pub:
            ev.date, ev.date_precision, ev.date_source = pub, "day", "publication"

    def _place_event(self, ev: Event, raw: RawEvent, sd: Doc, base: int, sent: Sentence) -> None:
        """The event's location: a place the clause attaches to it ("in Istanbul", "at the Vahdettin
        Mansion in Istanbul"), else a place named in its sentence, else in its paragraph, else none.
        Metonyms ("Ankara said") and the event's own participants are never its location."""
        trig = raw.trigger
        verb = trig
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        parts = [(e.start, e.end) for e in ev.actor + ev.recipient if e.start is not None and e.kind != "place"]
        located = [m for m in self._places if m.place is not None and m.place.lat is not None and not m.metonym]
        # a participant's own place is not where ("aid to Turkey", "Turkey's president"), but a
        # place after "in" inside its phrase is ("protesters in Istanbul")
        usable = [m for m in located if not any(a <= m.start and m.end <= b for a, b in parts)
                  or _LOCATIVE_BEFORE.search(self._text[max(0, m.start - 16):m.start])]
        chosen, source = None, None
        for ent in sd.ents:
            if ent.label_ not in PLACE_LABELS and not place_finder.is_facility(ent.text, ent.label_):
                continue
            r = ent.root
            attached = (r.dep_ == "pobj" and r.head.lower_ in ("in", "at", "near", "outside", "inside", "from")
                        and r.head.head in (trig, verb)) or (r.dep_ == "compound" and r.head is trig)
            if attached:
                # "marched in Paris": the place is where, even when the coder also made it the target
                a, b = base + ent.start_char, base + ent.end_char
                chosen = next((m for m in located if a <= m.start and m.end <= b), None)
                if chosen is not None:
                    source = "text"
                    break
        if chosen is None:
            t0 = base + trig.idx
            here = [m for m in usable if sent.start <= m.start < sent.end]
            inside = [m for m in here if _LOCATIVE_BEFORE.search(self._text[max(0, m.start - 16):m.start])]
            if inside:
                # "in Istanbul" somewhere in the sentence: stated, if not by the parse
                chosen, source = min(inside, key=lambda m: abs(m.start - t0)), "text"
                here = []
            if here:
                chosen, source = min(here, key=lambda m: abs(m.start - t0)), "sentence"
            elif chosen is None:
                # a site ("the Vahdettin Mansion") belongs to its own sentence, not to its paragraph
                para = [m for m in usable if self._para_of(m.start) == sent.paragraph_index
                        and m.place.kind != "landmark"]
                # the paragraph's own localities before its country names (those are mostly actors)
                local = [m for m in para if m.place.kind in ("city", "admin1", "region")]
                para = local or para
                # the running context only: a place named later in the paragraph is another scene
                before = [m for m in para if m.start < sent.start]
                if before:
                    chosen, source = before[-1], "paragraph"
        if chosen is None:
            return
        p = chosen.place
        ev.place = {
            "extracted_place": chosen.text,
            "resolved_place": p.name,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "country_code": p.country or None,
            "admin1": p.admin1,
            "feature_class": p.kind,
            "via": p.via,
            "start": chosen.start,
            "end": chosen.end,
        }
        ev.location_source = source

    def _para_of(self, char: int) -> int | None:
        i = self._sentence_of(char)
        return self._doc_sentences[i].paragraph_index if i is not None else None

    def _cameo(self, ev: Event, raw: RawEvent) -> None:
        if ev.mode and not cameo.validate(ev.event, ev.mode):
            ev.mode = None
        hint = raw.entry.cameo if raw.entry.event == ev.event else None
        code = cameo.cameo_for(ev.event, ev.mode, ev.context, hint=hint)
        ev.cameo = code
        ev.goldstein = cameo.goldstein(code) if code else None
        ev.plover_score = cameo.plover_score(ev.event, ev.mode)
        ev.quad_code = cameo.quad_code(ev.event)


def _ent_text(t: Token) -> str:
    for ent in t.doc.ents:
        if ent.start <= t.i < ent.end:
            return ent.text
    return t.text


def _sentence_lookup(sentences: list[Sentence]):
    starts = [s.start for s in sentences]

    def find(char: int) -> int | None:

        i = bisect.bisect_right(starts, char) - 1
        return sentences[i].index if i >= 0 else None

    return find


def _place_value(pm: PlaceMention) -> dict[str, Any]:
    """The `value` of a place mention: the resolved place, plus how the name is used."""
    value = pm.place.to_dict() if pm.place is not None else {}
    value["use"] = "metonym" if pm.metonym else "literal"
    return value


def _event_id(doc_id: str, ev: Event) -> str:
    m = ev.mentions[0] if ev.mentions else None
    key = f"{doc_id}|{ev.event}|{m.trigger if m else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------- module API
_PIPELINES: dict[bool, Pipeline] = {}


def default_pipeline(all_mentions: bool = True) -> Pipeline:
    """The shared pipeline (language layer, lexicon and resolver are loaded once per process)."""
    if all_mentions not in _PIPELINES:
        _PIPELINES[all_mentions] = Pipeline(all_mentions=all_mentions)
    return _PIPELINES[all_mentions]


def _as_document(item: Any, n: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(text=item, id=f"doc-{n}")
    if isinstance(item, dict):
        return Document(text=item.get("text") or "", id=str(item.get("id") or f"doc-{n}"), date=item.get("date"),
                        title=item.get("title"), url=item.get("url"), publisher=item.get("publisher"))
    raise TypeError(f"cannot make a Document from {type(item).__name__}")


def extract(text: str, date: str | None = None, id: str | None = None) -> Document:
    """Code one article. `date` is its publication date (ISO); without it, dates stay relative."""
    doc = Document(text=text, id=id or "doc-1", date=date)
    return next(default_pipeline().process([doc]))


def _worker_init(all_mentions: bool) -> None:
    global _WORKER_MENTIONS
    _WORKER_MENTIONS = all_mentions
    default_pipeline(all_mentions)


_WORKER_MENTIONS = True


def _worker_run(docs: list[Document]) -> list[Document]:
    return list(default_pipeline(_WORKER_MENTIONS).process(docs))


def extract_many(items: Iterable[Any], processes: int = 1, batch_size: int = 16,
                 mentions: bool = True) -> Iterator[Document]:
    """Code many articles (Documents, dicts or strings), in order, optionally in several processes.

    `mentions=False` finds entities only where events can be (sentences with a trigger
    word): the events are the same, it is faster, and `Document.mentions` is partial."""
    docs = (_as_document(x, i) for i, x in enumerate(items, 1))
    if processes <= 1:
        yield from default_pipeline(mentions).process(docs, batch_size=batch_size)
        return
    import multiprocessing as mp

    def chunks() -> Iterator[list[Document]]:
        buf: list[Document] = []
        for d in docs:
            buf.append(d)
            if len(buf) >= batch_size:
                yield buf
                buf = []
        if buf:
            yield buf

    ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context()
    with ctx.Pool(processes, initializer=_worker_init, initargs=(mentions,)) as pool:
        for batch in pool.imap(_worker_run, chunks()):
            yield from batch
