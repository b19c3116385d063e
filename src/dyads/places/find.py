"""Finding place names in a text: NER's GPE/LOC/FAC entities, named sites NER
calls organizations ("Cornell University"), datelines ("SAN DIEGO (AP) --") and
the names NER misses that the index knows well (countries, states, regions,
cities of 200,000 people or more, 50,000 for names of several words).

Demonyms and adjectives ("Turkish", "Iraqi") are not places and never become
place mentions. A place name used for its government ("Washington said",
"Ankara highlighted") is a *metonym*: it is kept as a mention with
``use="metonym"`` but never becomes an event location.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

import functools
from importlib import resources

from dyads.coverage import Coverage
from dyads.places.resolve import PlaceMention, _candidates, name_key
from dyads import vocabulary

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# labels NER gives place names in the wrong context ("captured in Chattanooga" as a PRODUCT)
MISLABELLED = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
# labels of names that are not places (a place-looking word inside them is not a place)
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})

# head words of organization names that are sites on a map (word lists: data/vocabulary.yaml)
FACILITY_HEADS = vocabulary.words("facility_heads")
BARE_DIRECTIONS = vocabulary.words("bare_directions")   # "North" alone: a surname or a direction

# verbs whose subject, when a place name, is that place's government or people ("Washington said")
_SPEECH_NEXT = re.compile(
    r"^\s*(?:has\s+|have\s+|had\s+|will\s+|would\s+|is\s+|was\s+)?(?:said|says|say|announced|announces|warned|warns|"
    r"urged|urges|accused|accuses|denied|denies|rejected|rejects|demanded|demands|called|calls|insisted|insists|"
    r"threatened|threatens|condemned|condemns|welcomed|welcomes|highlighted|highlights|agreed|agrees|signed|"
    r"signs|sent|sends|imposed|imposes|responded|responds|refused|refuses|wants|wanted|pledged|pledges|"
    r"claimed|claims|criticized|criticised|criticizes|criticises|believes|believed|hopes|hoped|sought|seeks|"
    r"decided|decides|ordered|orders|vowed|vows|offered|offers|recognized|recognised|supports|supported|"
    r"backs|backed|expelled|expels|summoned|summons|protested|protests)\b", re.I)
_NON_METONYM_VERBS = vocabulary.words("non_metonym_verbs")

_CAP_RUN = re.compile(r"(?<![\w.])(?:[A-Z][\w'’.\-]*)(?:[ \t]+(?:(?:of|de|del|da|al|el|la|upon|on|the)[ \t]+)?"
                      r"[A-Z][\w'’.\-]*)*")     # the whole run: "Club of New Jersey" never yields "Jersey"
_SCAN_CITY_POPULATION = 50_000
_SCAN_LOCATIVE_POPULATION = 10_000
_SCAN_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|from|to|into)\s+$")
# capitalised words that are also names of places in the index but almost never mean them in news
_SCAN_STOP = vocabulary.words("place_scan_stop_words")
_SCAN_CONFIDENT = frozenset({"continent", "country", "admin1", "region"})


def is_facility(text: str, label: str) -> bool:
    """A named site: NER's FAC, or an organization whose last word is a site ("Walter Reed Hospital")."""
    if label == "FAC":
        return True
    last = re.sub(r"[^\w]", "", text.split()[-1]).lower() if text.split() else ""
    return label == "ORG" and last in FACILITY_HEADS


def metonym_by_parse(ent) -> bool | None:
    """True/False when the parse tells (subject of a verb), None when there is no parse."""
    root = ent.root
    if not root.dep_:
        return None
    if root.dep_ in ("nsubj", "nsubjpass", "csubj") and root.head.pos_ in ("VERB", "AUX"):
        return root.head.lemma_.lower() not in _NON_METONYM_VERBS if root.head.lemma_ else True
    return False


def metonym_by_context(text: str, end: int) -> bool:
    """Without a parse: a place name followed by a speech or decision verb."""
    return bool(_SPEECH_NEXT.match(text[end:end + 40]))


_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|to|from|near|into|outside|inside|across|toward|towards|via|around|"
                              r"throughout|between|and|of|on)|,)\s+(?:the\s+)?$", re.I)
_REGION_AFTER = re.compile(r"^\s*,\s*([A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)")


def _is_mislabelled_place(text: str, ent, start: int, end: int, actor_kind) -> bool:
    """NER calls many places persons or organizations ("in Millbrook", "Pine Bluff, Arkansas").
    Such an entity is a place when the index knows it as one and the text puts it where a place
    goes (after "in", "at", "to", ..., or before ", Arkansas"), unless the actor knowledge base
    knows the name as a person, organization or outlet."""
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    kind = actor_kind(name) if actor_kind is not None else None
    if kind in ("person", "organization", "media"):
        return False
    cands = _candidates(name_key(name))
    whole = any(c.main and (c.place.kind in _SCAN_CONFIDENT or c.place.feature == "capital") for c in cands)
    if whole and kind in ("country", "metonym", None):
        return True                         # "Cyprus", "Morocco's", "UAE", "Washington" as ORG
    before = _LOCATIVE_BEFORE.search(text[max(0, start - 14):start])
    after = _REGION_AFTER.match(text[end:end + 30])
    if after and any(c.place.kind in ("admin1", "country") for c in _candidates(name_key(after[1]))):
        return True                         # "Pine Bluff, Arkansas", "Ashford, Kent"
    if before and any(c.place.kind == "city" and (c.main or c.place.population >= 100_000) for c in cands):
        return True                         # "in Millbrook", "to Ashford", "on Qamishli" (GeoNames' Al Qamishli)
    return False


def from_entities(text: str, ents: Iterable, offset: int = 0, actor_kind=None) -> list[PlaceMention]:
    """Place mentions from spaCy entities (of a Doc whose text starts at `offset`).
    `actor_kind(name)` (the actor resolver's kind of a name, or None) keeps known actors out."""
    out = []
    for ent in ents:
        label = ent.label_
        start, end = offset + ent.start_char, offset + ent.end_char
        if label not in PLACE_LABELS and not (label == "ORG" and is_facility(ent.text, label)):
            if label not in MISLABELLED or \
                    not _is_mislabelled_place(text, ent, start, end, actor_kind):
                continue
        name = ent.text
        if name.lower().startswith("the "):
            start += 4
            name = name[4:]
        if name.lower() in BARE_DIRECTIONS:
            continue    # "North" alone is a surname (Oliver North) or a direction, never a place of its own
        m = PlaceMention(name, start, end, label, facility=is_facility(name, label))
        if not m.facility:
            by_parse = metonym_by_parse(ent)
            m.metonym = by_parse if by_parse is not None else metonym_by_context(text, end)
        out.append(m)
    return out


def from_datelines(text: str, spans: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """"SAN DIEGO", "BELGRADE, Serbia": the filing place of a story, written in capitals."""
    out = []
    for start, end in spans:
        chunk = text[start:end]
        pos = start
        for part in chunk.split(","):
            lead = len(part) - len(part.lstrip())
            name = part.strip()
            if name:
                # "BELGRADE" reads as "Belgrade", but a postal code stays one ("HORRY COUNTY, SC")
                out.append(PlaceMention(name.title() if name.isupper() and len(name) > 3 else name, pos + lead,
                                        pos + lead + len(name), "DATELINE"))
            pos += len(part) + 1
    return out


_CAPS_DATELINE = re.compile(r"(?<![\w-])([A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]{1,}){0,2})(?=\s*(?:\(|,|--|—|–|-\s|:|&|\n))")
# a line that opens with a place in capitals and runs on into the story: "OKLAHOMA CITY The Latest on"
_CAPS_LINE_START = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]{1,}){0,2})(?= [A-Z][a-z])")


def _wrapped(text: str, start: int) -> bool:
    """Does the line starting before `start` continue a sentence from the line above?"""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] != "\n":
        return False
    i -= 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    # a blank line above, or the text's start, ends nothing
    return i >= 0 and text[i] != "\n" and text[i] not in ".!?:;\"'\u201d)"


def caps_datelines(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Datelines that do not open a line ("By A. Writer. DENVER (Reuters) -", "PUEBLO –",
    "EL PASO & JUAREZ"): a run of capitals the index knows as a city, state or country."""
    out = []
    # a dateline that runs on into the story opens a line that follows a finished one; a wrapped
    # line's start ("one U.S. dollar due to\nU.S. Pressure for") is no dateline
    for m in [*_CAPS_DATELINE.finditer(text), *(m for m in _CAPS_LINE_START.finditer(text) if not _wrapped(text, m.start(1)))]:
        a, b = m.span(1)
        if any(s < b and a < e for s, e in taken):
            continue
        name = m.group(1).title()
        for c in _candidates(name_key(name)):
            p = c.place
            if c.main and (p.kind in ("country", "admin1") or (p.kind == "city" and p.population >= 10_000)):
                out.append(PlaceMention(name, a, b, "DATELINE"))
                break
    return sorted({(m.start, m.end): m for m in out}.values(), key=lambda m: m.start)


def scan(text: str, taken: Sequence[tuple[int, int]], sentence_starts: Iterable[int] = ()) -> list[PlaceMention]:
    """Well-known place names NER did not mark, outside the spans already `taken` (entities of any
    kind, actor names, datelines): countries, states, regions, cities of 50,000+ people by their
    main name, and state abbreviations after a comma ("Tampa, Fla.")."""
    covered = Coverage(len(text), taken)
    starts = set(sentence_starts)
    out: list[PlaceMention] = []

    def free(a: int, b: int) -> bool:
        return not covered.overlaps(a, b)

    for run in _CAP_RUN.finditer(text):
        for words in _sub_runs(list(re.finditer(r"[^\s]+", run.group()))):
            out.extend(_scan_run(text, run.start(), words, free, starts))
    return out


_TITLE_ABBREVIATIONS = vocabulary.words("title_abbreviations")


def _ends_sentence(word: str) -> bool:
    """"Baku." ends a sentence; "St.", "N.J." and "Calif." do not."""
    if not word.endswith(".") or "." in word[:-1] or word.lower() in _TITLE_ABBREVIATIONS:
        return False
    return not any(c.abbrev for c in _candidates(name_key(word)))


def _sub_runs(words: list) -> list[list]:
    """Split a run of capitalised words after a word that ends a sentence ("Baku. Jordan")."""
    runs, cur = [], []
    for w in words:
        cur.append(w)
        if _ends_sentence(w.group()):
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _scan_run(text: str, run_start: int, words: list, free, starts: set) -> list[PlaceMention]:
    """The places of one run of capitalised words, or none if a word of the run is not one."""
    hits: list[PlaceMention] | None = []
    i = 0
    while i < len(words):
        hit = None
        for j in range(min(len(words), i + 5), i, -1):
            a = run_start + words[i].start()
            b = run_start + words[j - 1].end()
            name = text[a:b]
            # keep the period of an abbreviation ("Calif."), not a full stop ("Baku.")
            keep_dot = name.endswith(".") and not _ends_sentence(words[j - 1].group())
            trimmed = name if keep_dot else name.rstrip(".,;:'’")
            b = a + len(trimmed)
            if not trimmed or not trimmed[0].isupper():
                continue
            k = name_key(trimmed)
            if j - i == 1 and (k in _SCAN_STOP or len(k) < 3):
                continue
            if not free(a, b):
                continue
            cands = _candidates(k)
            if not cands:
                continue
            comma_before = text[max(0, a - 2):a].strip() == ","
            # "in Colchester", "near Manbij": where NER is silent, the preposition says place
            locative = bool(_SCAN_LOCATIVE.search(text[max(0, a - 12):a]))
            ok = False
            for c in cands:
                if c.abbrev:
                    ok = ok or (comma_before and trimmed.endswith("."))
                elif c.place.kind in _SCAN_CONFIDENT and c.main:
                    ok = True
                elif c.place.kind == "city" and c.main and locative and c.place.population >= _SCAN_LOCATIVE_POPULATION:
                    ok = True
                elif c.place.kind == "city" and c.main and (c.place.population >= _SCAN_CITY_POPULATION * 4
                                                            or (j - i > 1 and c.place.population
                                                                >= _SCAN_CITY_POPULATION)):
                    # one word that is also a surname or street ("Franklin") needs a big city
                    ok = ok or a not in starts or j - i > 1
            if ok:
                hit = (j, PlaceMention(trimmed, a, b, "GAZETTEER"))
                break
        if hit is None:
            hits = None     # a word of the run is not a place: "Jordan Peterson", "Georgia Tech"
            break
        i, m = hit
        m.metonym = metonym_by_context(text, m.end)
        hits.append(m)
    return hits or []


MODIFIER_HEADS = vocabulary.words("place_modifier_heads")
# after a demonym: other demonyms joined by hyphens ("Syrian-Turkish") or one more capitalised word
# ("a Syrian Kurdish enclave"), up to four lower-case words
# ("southern", "livestock", "online sales"), then the noun
_NOT_IN_NOUN_PHRASE = frozenset("""the a an of in on at to for with by from as and or but is was are were be been
has have had will would can could may might must shall should do does did that which who whose this these those
its their his her our said says say""".split())
_MODIFIED = re.compile(r"^(?:-[A-Z][\w']+)*(?:[ \t]+[A-Z][a-z]+(?=[ \t]+[a-z]))?((?:[ \t]+[a-z][\w-]*){1,4})\b")


@functools.cache
def region_adjectives() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, place name) for the adjectives of continents and regions (data/places_adjectives.tsv)."""
    text = resources.files("dyads").joinpath("data/places_adjectives.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    return tuple((re.compile(r"(?<![\w-])" + re.escape(a.strip()) + r"(?![\w])"), p.strip()) for a, p in rows)


def modifiers(text: str, adjectives: Iterable[tuple[int, int, str]],
              taken: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Demonyms that name a place by modifying a thing in it: "the Syrian-Turkish border", "Greek
    islands", "the southern English city of Salisbury", "European flights" (a literal modifier, as
    geoparsers count them). `adjectives`: (start, end, place name) of the country demonyms the
    actor table found; continent and region adjectives are added here. "Turkish forces" and
    "American officials" are actors, not places: the noun must be one of `place_modifier_heads`."""
    found = list(adjectives)
    for rx, place in region_adjectives():
        found += [(m.start(), m.end(), place) for m in rx.finditer(text)]
    out: dict[tuple[int, int], PlaceMention] = {}
    covered = Coverage(len(text), taken)
    for a, b, place in found:
        if covered.overlaps(a, b):
            continue
        m = _MODIFIED.match(text[b:b + 60])
        if m is None:
            continue
        words = []
        for w in m.group(1).split():
            if w in _NOT_IN_NOUN_PHRASE or w.endswith("ed"):
                break       # "Turkish forces crossed the border": the border is not what "Turkish" modifies
            words.append(w)
        if any(w in MODIFIER_HEADS for w in words):
            out.setdefault((a, b), PlaceMention(text[a:b], a, b, "MODIFIER", refers_to=place))
    return sorted(out.values(), key=lambda x: x.start)


# names whose parts are other names than places ("New York Times" is a paper)
_EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
_EMBEDDED_POPULATION = 100_000


def embedded(text: str, ents: Iterable, offset: int = 0, actor_kind=None,
             taken: Coverage | None = None) -> list[PlaceMention]:
    """Places named inside the name of something else: at its start ("the Winnipeg Fire Paramedic
    Service", "the Karnataka Assembly", "Seoul Central District Court") or after "of"/"in" ("the
    University of California", "the Bank of England"). Only well-known places count (countries,
    states and provinces, regions, cities of 100,000 people), and never inside the name of a known
    outlet. They are places (label EMBEDDED), but no event's location. `taken`: the characters of
    the mentions found so far, except named sites (whose own names these places are inside)."""
    out = []
    taken = taken if taken is not None else Coverage(0)
    for ent in ents:
        if ent.label_ not in _EMBEDDING_LABELS:
            continue
        a0, b0 = offset + ent.start_char, offset + ent.end_char
        if taken.covers(a0, b0):
            continue        # inside another mention
        if actor_kind is not None and actor_kind(ent.text) == "media":
            continue
        words = list(re.finditer(r"[^\s/]+", ent.text))
        starts = [0] + [i + 1 for i, w in enumerate(words[:-1]) if w.group().lower() in ("of", "in", "at")]
        for i in starts:
            if i < len(words) and words[i].group().lower() == "the":
                i += 1
            for j in range(min(len(words), i + 3), i, -1):
                if j == len(words) and i == 0:
                    continue            # the whole name is not embedded in anything
                a = a0 + words[i].start()
                b = a0 + words[j - 1].end()
                name = re.sub(r"['’]s?$", "", text[a:b].rstrip(",;:"))     # "Manitoba's", "Wales'"
                if name.endswith(".") and "." not in name[:-1]:
                    name = name[:-1]                                 # a full stop, not "U.S."
                if not name[:1].isupper() or not name.rstrip(".")[-1:].isalpha():
                    continue        # "BEIRUT -" is a dateline, read as one
                b = a + len(name)
                if taken.overlaps(a, b):
                    continue
                cands = _candidates(name_key(name))
                if any(c.main and not c.derived and (c.place.kind in _SCAN_CONFIDENT or c.place.kind == "city"
                                                     and c.place.population >= _EMBEDDED_POPULATION) for c in cands):
                    out.append(PlaceMention(name, a, b, "EMBEDDED"))
                    break
    return out
