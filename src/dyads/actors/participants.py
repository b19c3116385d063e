"""From the coder's participant phrases to PLOVER entities: resolved actors, places,
targets, pronouns (see `actors.coref`), and the AID recipient rule."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from dyads.actors.coref import antecedent
from dyads.actors.lookup import ActorLookup
from dyads.model import Entity
from dyads.places import lookup as place_lookup
from dyads.state import CodingState
from dyads.vocabulary import words

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PRONOUN_ACTORS = words("antecedent_pronouns")     # resolved through actors.coref
COUNTRY_LABELS = ("GPE", "NORP", "ORG")


def _ent_text(t: Token) -> str:
    for ent in t.doc.ents:
        if ent.start <= t.i < ent.end:
            return ent.text
    return t.text


class Participants:
    """Builds the entities of one document's events; holds only the loaded resolver."""

    def __init__(self, lookup: ActorLookup) -> None:
        self.lookup = lookup

    def context(self, state: CodingState, sd: Doc) -> tuple[str, ...]:
        """Country codes an unplaced actor phrase may take: the sentence's, then the document's two main ones."""
        return tuple(self.sentence_countries(sd)) + tuple(state.countries[:2])

    def sentence_countries(self, sd: Doc) -> list[str]:
        out = []
        for ent in sd.ents:
            if ent.label_ in COUNTRY_LABELS:
                res = self.lookup.resolve(ent.text)
                if res is not None and res.code and res.kind != "media" and res.code not in out:
                    out.append(res.code)
        return out

    def entity(self, state: CodingState, p, offset: int, context: tuple[str, ...]) -> Entity | None:
        """The entity for a coder `Participant` in a sentence that starts at `offset`."""
        date = state.publication_date
        span = p.head.doc[p.start:p.end]
        text = span.text
        head = p.head
        start, end = offset + span.start_char, offset + span.end_char
        if head.lower_ in PRONOUN_ACTORS:
            return antecedent(state, head, offset)
        core = p.head.doc[p.core_start:p.core_end].text if p.core_start >= 0 else text
        res = self.lookup.resolve(core, date, context)
        if res is None or res.kind == "unknown":
            # a place: NER's GPE/LOC/FAC, or a known place name NER took for a person or group
            place = place_lookup(_ent_text(head), state.countries) \
                if head.ent_type_ in PLACE_LABELS or head.tag_ == "NNP" else None
            if place is not None and (res is None or head.ent_type_ in PLACE_LABELS or head.ent_type_ == ""
                                      or p.target):
                return Entity(text=text, start=start, end=end, code=place.country, sector=None, name=place.name,
                              kind="place", country_inferred=True, confidence=0.4)
            if res is None and head.ent_type_ in PLACE_LABELS and not p.target:
                return None
        if res is None and p.target:
            # a target that is not an actor ("a fuel depot in the north"): kept, with the
            # country its phrase names, if any
            full = self.lookup.resolve(text, date) if text != core else None
            code = full.code if full is not None and full.code else None
            return Entity(text=text, start=start, end=end, code=code, sector=None, kind="target", confidence=0.3)
        if res is None:
            if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.tag_ in ("NNP", "NNPS"):
                # an unknown named actor is still an actor
                code = context[0] if context else None
                return Entity(text=text, start=start, end=end, code=code, sector="UNK", kind="unknown",
                              country_inferred=bool(code), confidence=0.3)
            return None
        sector, sectors = res.sector, list(res.sectors)
        if p.sector_from is not None:
            sres = self.lookup.resolve(p.sector_from.text, date)
            if sres is not None and sres.sector:
                sector = sres.sector
                sectors = [sector] + [s for s in sectors if s != sector]
        return Entity(text=text, start=start, end=end, code=res.code, sector=sector,
                      sectors=sectors or ([sector] if sector else []), name=res.name, kind=res.kind,
                      kb_id=res.kb_id, office=res.office, country_inferred=res.country_inferred,
                      confidence=res.confidence)

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
