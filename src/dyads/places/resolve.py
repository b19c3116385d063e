"""From place names to places: candidates from the index, then a choice.

A name's candidates are scored by what they are (continents and countries
before first-level divisions, before cities by population), by whether the
name is the place's main name or only one of its alternate names, by the
countries of the document and by places mentioned near it ("Columbus, Ohio":
the Columbus near Ohio). `resolve_all` reads a whole document's mentions at
once: confident countries and divisions first, then the rest in their light,
and one name keeps one sense through the document.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Iterable, Sequence

from dyads.geo import distance_km  # re-exported: dyads.places.distance_km
from dyads.text import key as fold_key
from dyads.places.index import connect

# base scores by kind; a city scores log10(population) (+1 for a national capital),
# so only cities of about a million people beat a same-named state or province
# a county scores as a town of 6,000 (and a little for its people): a town of its name wins ("York"
# is not York Shire, Western Australia; "Salisbury" not the Adelaide suburb council)
_KIND_BASE = {"continent": 8.5, "country": 8.0, "region": 7.0, "admin1": 6.3, "admin2": 3.8}
_ALT_PENALTY = 2.5          # an alternate name ("Salisbury" for Harare) counts less than a main name
_COUNTRY_BONUS = 2.0        # the candidate is in a country the document talks about
_CAPITAL_BONUS = 1.5        # national capitals are what a bare name usually means ("Rome")
_FOREIGN_VILLAGE = 50_000   # a small town abroad is not what a local name in a story means
_NEAR_BONUS = 3.0           # within reach of a place mentioned beside it
_NEAR_KM = {"admin1": 600.0, "country": 1500.0, "city": 60.0, "region": 600.0, "continent": 5000.0}
_MIN_ALT_POPULATION = 20_000  # below this, a city's alternate names are too noisy to trust


@dataclass(frozen=True)
class Place:
    """A resolved place. `kind`: continent, country, admin1, region, city or landmark.

    For a landmark (or a local name the index lacks) `name` is the text's name and
    the coordinates are those of `via`, the place that contains it."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str            # ISO3 ("" for continents and international waters)
    admin1: str | None
    kind: str
    population: int = 0
    feature: str | None = None
    via: str | None = None
    score: float = 0.0
    admin2: str | None = None       # the county or district, where known
    extent_km: int | None = None    # a region's greatest extent, where over 1,000 km

    @property
    def too_large(self) -> bool:
        """A continent, ocean or other region over 1,000 km across: its point names it, it does not
        say where in it."""
        return self.kind == "continent" or (self.extent_km or 0) > 1000

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("score", None)
        return d


@dataclass(frozen=True)
class Candidate:
    place: Place
    main: bool
    abbrev: bool
    derived: bool = False       # a short form of the main name ("New York" for New York City)


_LEADING = re.compile(r"^(?:the|downtown|central|greater|northern|southern|eastern|western|north|south|east|west)\s+", re.I)


def name_key(name: str) -> str:
    """Index key of a name as written ("the Gaza Strip" -> "gaza strip", "Calif." -> "calif.")."""
    k = fold_key(name.replace("’", "'"))
    if k.startswith("the "):
        k = k[4:]
    return k


@functools.lru_cache(maxsize=200_000)
def _candidates(k: str, codes: bool = False) -> tuple[Candidate, ...]:
    """`codes`: accept a bare postal code ("SC", "Pa") as its state, as after a comma in capitals."""
    if not k:
        return ()
    con = connect()
    rows = con.execute(
        "SELECT p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.kind, p.feature, p.population, "
        "a.main, a.abbrev, p.admin2, p.extent_km FROM alias a JOIN place p ON p.id = a.place WHERE a.key = ? OR a.key = ?",
        (k, k.rstrip("."))).fetchall()
    out = []
    for name, gid, lat, lon, country, admin1, kind, feature, pop, main, abbrev, admin2, extent in rows:
        if abbrev and not k.endswith(".") and len(k) <= 3 and not codes:
            continue        # a bare "Ill" or "Pa" is not a state
        if kind == "city" and not main and (pop or 0) < _MIN_ALT_POPULATION:
            continue
        # country aliases of the actor table are as good as main names
        out.append(Candidate(Place(name, gid, lat, lon, country or "", admin1 or None, kind, pop or 0, feature,
                                   admin2=admin2 or None, extent_km=extent),
                             bool(main) or kind in ("country", "continent", "admin1", "region"), bool(abbrev),
                             main == 2))
    return tuple(out)


def candidates(name: str, codes: bool = False) -> list[Candidate]:
    """Every indexed place a name may denote (`codes`: a bare postal code too, "SC")."""
    k = name_key(name)
    cands = list(_candidates(k, codes))
    if not cands:
        shorter = _LEADING.sub("", k)
        if shorter != k:
            cands = list(_candidates(shorter))
    return cands


# words that name a division's type: "Kharkiv Oblast" is GeoNames' "Kharkiv", "Oaxaca State" its "Oaxaca"
_DIVISION_WORDS = re.compile(r"\b(?:state|province|oblast|governorate|region|prefecture|county|district|"
                             r"territory|department|municipality|of|the)\b")


def _division_key(name: str) -> str:
    return " ".join(_DIVISION_WORDS.sub(" ", fold_key(name)).split())


def contains(container: Place, p: Place) -> bool | None:
    """Whether `p` lies in `container`: a country holds its places, a state or province the places
    whose admin1 it is, a county those whose admin2 it is; None where the index cannot tell (a
    place of unknown division), and then distance decides."""
    if container.kind in ("continent", "region") or p is container or p.kind == container.kind == "country":
        return None
    if container.country and p.country and container.country != p.country:
        return False
    if container.kind == "country":
        return p.kind != "country" and p.country == container.country
    if container.kind == "admin1":
        if p.kind in ("country", "admin1"):
            return False
        if not p.admin1 or (len(p.admin1) <= 3 and p.admin1.isupper()) or p.admin1.isdigit():
            return None         # a GeoNames code the table could not name
        return _division_key(p.admin1) == _division_key(container.name)
    if container.kind == "admin2":
        if p.kind not in ("city", "landmark"):
            return False
        if p.admin2:
            return _division_key(p.admin2) == _division_key(container.name)
        return None
    return None


def bind(names: Sequence[Candidate], containers: Sequence[Candidate], countries: Sequence[str] = ()
         ) -> tuple[Place, Place] | None:
    """A name written with its container ("Springfield, Illinois", "Tacoma, Washington", "Matias
    Romero in Oaxaca"): the most plausible container (country, state, county) that holds one of
    the name's places, and the most plausible of the places it holds. None when no reading nests."""
    ranked = sorted((c for c in containers if c.place.kind in ("country", "admin1", "admin2")),
                    key=lambda c: -score(c, countries))
    for y in ranked:
        inside = [x for x in names if contains(y.place, x.place)]
        if inside:
            x = choose(inside, countries)
            return x, replace(y.place, score=round(score(y, countries), 3))
    return None


def score(c: Candidate, countries: Sequence[str] = (), near: Sequence[Place] = (),
          anchors: Sequence[Place] = ()) -> float:
    """How plausible a candidate is. `near`: places written right beside the name ("Columbus,
    Ohio"), a country among them counts for all its places; `anchors`: the document's states,
    provinces and regions, which count by distance."""
    p = c.place
    if p.kind == "city":
        s = math.log10(max(p.population, 10)) + (_CAPITAL_BONUS if p.feature == "capital" and c.main
                                                  and not c.derived else 0.0)
    else:
        s = _KIND_BASE.get(p.kind, 5.0) + (math.log10(p.population) / 20 if p.population > 0 else 0.0)
    if not c.main:
        s -= _ALT_PENALTY
    if countries and p.country:
        if p.country == countries[0]:
            s += _COUNTRY_BONUS + 0.5
        elif p.country in countries[:3]:
            s += _COUNTRY_BONUS
    for q in near:
        if q.lat is None or p.lat is None or q is p:
            continue
        if (q.kind == "country" and q.country == p.country and p.kind != "country") or \
                distance_km((p.lat, p.lon), (q.lat, q.lon)) <= _NEAR_KM.get(q.kind, 100.0):
            s += _NEAR_BONUS
            break
    else:
        for q in anchors:
            if q.lat is None or p.lat is None or q is p or q.kind not in ("admin1", "region"):
                continue
            if p.kind not in ("city", "admin2"):
                continue
            inside = contains(q, p)
            if inside or inside is None and distance_km((p.lat, p.lon), (q.lat, q.lon)) <= _NEAR_KM[q.kind]:
                # the story's states and regions vote for the places they hold
                s += _NEAR_BONUS / 2
                break
    return s


def choose(cands: Sequence[Candidate], countries: Sequence[str] = (), near: Sequence[Place] = (),
           anchors: Sequence[Place] = ()) -> Place | None:
    if not cands:
        return None
    if any(c.main and not c.derived and c.place.kind in ("country", "continent", "region") for c in cands):
        # a short form of a city's name never beats a country or sea of that name ("Mexico" is not
        # Mexico City, "the Atlantic" not Atlantic City, though the story's country favours them)
        cands = [c for c in cands if not c.derived]
    best = max(cands, key=lambda c: score(c, countries, near, anchors))
    return replace(best.place, score=round(score(best, countries, near, anchors), 3))


def lookup(name: str, countries: Sequence[str] = (), near: Sequence[Place] = (),
           anchors: Sequence[Place] = ()) -> Place | None:
    """The most plausible place for a name, given the document's countries (most relevant first),
    places written beside it and the document's states and regions."""
    return choose(candidates(name), countries, near, anchors)


def landmark(name: str, container: Place | None) -> Place:
    """A named site the index does not hold: it keeps its name, the coordinates are its container's."""
    if container is None:
        return Place(name, None, None, None, "", None, "landmark")
    return Place(name, None, container.lat, container.lon, container.country, container.admin1, "landmark",
                 via=container.name)


# --------------------------------------------------------------------------- documents

@dataclass
class PlaceMention:
    """A place name in a text, before and after resolution."""

    text: str
    start: int
    end: int
    label: str = "GPE"              # NER label, or DATELINE / GAZETTEER
    facility: bool = False          # a named site (FAC, "X University"): resolved through its container
    metonym: bool = False           # "Washington said": the government, not the location
    place: Place | None = None
    refers_to: str | None = None    # a demonym's place ("Syrian border" -> "Syria"); label MODIFIER

    @property
    def name(self) -> str:
        """The name looked up in the index: the text, or the place a demonym refers to."""
        return self.refers_to or self.text

    @property
    def modifier(self) -> bool:
        """A demonym modifying a thing of the place ("the Syrian border"), or a place inside another
        name ("the Winnipeg Fire Paramedic Service", label EMBEDDED): a place, but no event's location."""
        return self.refers_to is not None or self.label == "EMBEDDED"


_CONFIDENT_KINDS = ("continent", "country", "admin1", "region")
# sites named for a place elsewhere
_NAMED_FOR = re.compile(r"(?i)\b(?:street|st|avenue|ave|road|rd|square|lane|boulevard|blvd|drive|way|place|"
                        r"embassy|consulate|mission|academy|club)\b\.?$|^(?:embassy|consulate)\b")
# what joins a name to its container: "Springfield, Illinois", "Matias Romero in Oaxaca", "Hinton (Alberta)"
_CONTAINER_BETWEEN = re.compile(r",\s*|\s+in\s+(?:the\s+)?(?:state\s+of\s+|province\s+of\s+)?|\s*\(\s*", re.I)


def resolve_all(text: str, mentions: list[PlaceMention], countries: Sequence[str] = ()) -> list[PlaceMention]:
    """Resolve a document's place mentions in place (and return them).

    1. confident names first: continents, countries, states and provinces;
    2. the rest with those as context, "X, Y" pairs read together (Y constrains X);
    3. facilities and unknown local names take the coordinates of the place that
       contains them: the "in Y"/", Y" right after them, else the nearest resolved
       place before them in the text, else the document's most mentioned city.
    One name keeps one sense in a document."""
    mentions = sorted(mentions, key=lambda m: m.start)
    anchors: list[Place] = []
    weight: dict[str, float] = {}
    for i, c in enumerate(countries):
        weight[c] = weight.get(c, 0.0) + 1.0 / (1 + i)
    for m in mentions:
        if m.facility or m.modifier:
            continue
        cands = candidates(m.name)
        p = choose(cands, countries)
        if p is not None and p.kind in _CONFIDENT_KINDS and all(c.place.kind != "city" or c.place.population
                                                                < 1_000_000 for c in cands):
            anchors.append(p)
            if p.country and p.kind != "continent":
                # a named state or province says more about the story's country than a passing mention
                weight[p.country] = weight.get(p.country, 0.0) + (1.5 if p.kind == "admin1" else 1.0)
    doc_countries = sorted(weight, key=lambda c: -weight[c])
    sense: dict[str, Place] = {}
    pinned: dict[int, Place] = {}       # containers read with the name before them
    for i, m in enumerate(mentions):
        if m.facility:
            # NER's FAC is sometimes a whole country or region ("the Holy See", "the Vatican")
            whole = [c for c in candidates(m.name) if c.place.kind in ("country", "admin1", "region") and c.main]
            if whole:
                m.place = choose(whole, doc_countries)
            continue
        k = name_key(m.name)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and not nxt.facility and not m.modifier and not nxt.modifier \
                and _CONTAINER_BETWEEN.fullmatch(text[m.end:nxt.start]):
            # a name with its container: never resolved outside it, and the container read as one
            codes = nxt.name.isupper() and len(nxt.name) <= 3       # "HORRY COUNTY, SC"
            pair = bind(candidates(m.name), candidates(nxt.name, codes), doc_countries)
            if pair is not None:
                m.place, pinned[i + 1] = pair
                sense.setdefault(k, m.place)
                continue
        if i in pinned:
            m.place = pinned[i]
            sense.setdefault(k, m.place)
            continue
        if k in sense:
            m.place = sense[k]
            continue
        near: list[Place] = []
        if nxt is not None and re.fullmatch(r",\s*", text[m.end:nxt.start]) and not nxt.facility:
            q = lookup(nxt.text, doc_countries)
            if q is not None:
                near.append(q)
        p = lookup(m.name, doc_countries, near, anchors)
        if p is not None and p.kind == "city" and doc_countries and p.country not in doc_countries[:3] \
                and p.population < _FOREIGN_VILLAGE and not near:
            p = None        # "Marchand" in a Quebec story is a local name, not a village abroad
        m.place = p
        if m.place is not None:
            sense[k] = m.place
    _vote_by_neighbours(mentions, doc_countries, bound=set(pinned) | {i - 1 for i in pinned})
    _vote_counties(mentions, doc_countries)
    # facilities and names the index lacks
    resolved = [m for m in mentions if m.place is not None and m.place.kind != "landmark" and not m.modifier]
    focus = _focus(resolved)
    for i, m in enumerate(mentions):
        if m.place is not None or m.modifier:
            continue
        container = None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.place is not None and re.fullmatch(r"(?:,|\s+in|\s+of|\s+near)\s*(?:the\s+)?",
                                                                      text[m.end:nxt.start], re.I):
            container = nxt.place
        if container is None and not _NAMED_FOR.search(m.text):
            # a place in the site's own name: "Colorado State University", "Cavan Town Hall" (a
            # street or an embassy is named for a place it is not in: "Northumberland Avenue")
            inner = [r for r in mentions if r is not m and r.place is not None and r.place.kind != "landmark"
                     and m.start <= r.start and r.end <= m.end and not r.place.too_large]
            container = inner[-1].place if inner else None
        if container is None:
            # a locality earlier in the same sentence-sized stretch, else the story's main one
            before = [r for r in resolved if r.end <= m.start and m.start - r.end < 200
                      and r.place.kind in ("city", "admin1")]
            container = before[-1].place if before else focus
        if container is None:
            before = [r for r in resolved if r.end <= m.start and r.place.kind in ("city", "admin1", "country")]
            container = before[-1].place if before else None
        m.place = landmark(m.text, container)
    return mentions


_NEIGHBOUR_KM = 250.0


def _unambiguous(name: str) -> bool:
    """A name whose readings all lie within 50 km of one another (one town, or a town and its county)."""
    pts = [c.place for c in candidates(name) if c.place.lat is not None and (c.main or c.place.kind != "city")]
    return bool(pts) and all(distance_km((p.lat, p.lon), (pts[0].lat, pts[0].lon)) <= 50 for p in pts)


def _vote_by_neighbours(mentions: list[PlaceMention], countries: Sequence[str], bound: set[int]) -> None:
    """A town or county name with namesakes far apart ("Manchester", "Delft", "Nelson") is the one
    near the story's unambiguous places ("Cheltenham", "Khayelitsha"), when its first reading
    has none of them near it. Names read with their container keep that reading."""
    voters = [(name_key(m.name), m.place) for m in mentions
              if m.place is not None and m.place.lat is not None and not m.modifier and not m.facility
              and m.place.kind in ("city", "admin2", "admin1") and _unambiguous(m.name)]
    if not voters:
        return

    def support(p: Place, key: str) -> int:
        near = set()
        for k, q in voters:
            if k == key:
                continue
            inside = contains(q, p) if q.kind == "admin1" else None
            if inside or inside is None and distance_km((p.lat, p.lon), (q.lat, q.lon)) <= _NEIGHBOUR_KM:
                near.add(k)
        return len(near)

    switched: dict[str, Place] = {}
    for i, m in enumerate(mentions):
        p = m.place
        if p is None or i in bound or m.facility or m.modifier or p.kind not in ("city", "admin2") or p.lat is None:
            continue
        if p.feature == "capital" or p.population >= 1_000_000:
            continue        # "WASHINGTON (AP)" is the capital, whatever towns the story names
        key = name_key(m.name)
        if key in switched:
            m.place = switched[key]
            continue
        if support(p, key):
            continue
        cands = [c for c in candidates(m.name) if c.place.kind in ("city", "admin2") and c.place.lat is not None
                 and (c.main or c.place.population >= _MIN_ALT_POPULATION)]
        held = [(n, c) for c in cands if (n := support(c.place, key))]
        if held:
            best = max(held, key=lambda nc: (nc[0], score(nc[1], countries)))[1]
            m.place = switched[key] = replace(best.place, score=round(score(best, countries), 3))


def _vote_counties(mentions: list[PlaceMention], countries: Sequence[str]) -> None:
    """A county name shared by many states ("Hamilton County") is the one that holds a town the
    story names ("... Chattanooga police"), when the first reading holds none."""
    towns = [m.place for m in mentions if m.place is not None and m.place.kind == "city" and m.place.admin2]
    for m in mentions:
        p = m.place
        if p is None or p.kind != "admin2" or any(contains(p, t) for t in towns):
            continue
        held = [c for c in candidates(m.name) if c.place.kind == "admin2" and any(contains(c.place, t) for t in towns)]
        if held:
            m.place = choose(held, countries)


def _focus(resolved: Iterable[PlaceMention]) -> Place | None:
    """The document's main locality: its most mentioned city, else state/province."""
    counts: dict[Any, list] = {}
    for m in resolved:
        if m.place.kind in ("city", "admin1"):
            slot = counts.setdefault((m.place.name, m.place.lat), [0, m.place])
            # a dateline names where the story is; NER's places count more than scanned names
            slot[0] += (6 if m.label == "DATELINE" else 2 if m.label != "GAZETTEER" else 1) * \
                (2 if m.place.kind == "city" else 1)
    if not counts:
        return None
    return max(counts.values(), key=lambda v: v[0])[1]
