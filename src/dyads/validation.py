"""One validation of event-filter values, shared by the CLI (`dyads events`, `dyad`, `export`,
`actors top`) and the REST API (`/api/events`, `/api/dyads`, `/api/actors`), so that both accept
the same values and refuse the others with the same reason:

    >>> timex("2023-13", "from")
    Traceback (most recent call last):
    ...
    dyads.validation.InvalidValue: from: not a date: '2023-13' (use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)

Each function returns the normalised value (upper-case event types and codes, lower-case modes)
or raises `InvalidValue`, whose `reason` is what both interfaces print: the CLI as
"Invalid value for '--from': <reason>", the API as a 400 with detail "from: <reason>".

Known values come from the data files: PLOVER event types and modes from data/plover.yaml,
contexts from data/contexts.tsv, sectors from `dyads.sectors`, country and pseudo-country codes
from data/countries.tsv and data/organizations.tsv.
"""
from __future__ import annotations

import calendar
import csv
import functools
import re
from pathlib import Path
from typing import Iterable

from dyads.sectors import POLITICAL_CODES, SECTORS

DATA = Path(__file__).resolve().parent / "data"
DATE_FORMATS = "use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY"

_TIMEX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")
_CODE = re.compile(r"[A-Z]{3}")
_CODE_SECTOR = re.compile(r"([A-Za-z]{3})[/ ]([A-Za-z]{3})")      # TUR/GOV, TUR GOV: clearly meant as codes


class InvalidValue(ValueError):
    """A value the filters do not take: `param` names it (API spelling), `reason` says why."""

    def __init__(self, param: str, reason: str) -> None:
        super().__init__(param, reason)
        self.param = param
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.param}: {self.reason}"


# ------------------------------------------------------------------------------ known values

@functools.lru_cache(maxsize=1)
def known_events() -> tuple[str, ...]:
    from dyads.ontology import EVENTS

    return tuple(EVENTS)


@functools.lru_cache(maxsize=1)
def known_modes() -> frozenset[str]:
    from dyads.ontology import EVENTS, modes

    return frozenset(m for e in EVENTS for m in modes(e))


@functools.lru_cache(maxsize=1)
def known_contexts() -> frozenset[str]:
    from dyads.events import cameo

    return frozenset(cameo.CONTEXTS)


def _tsv_column(path: Path, *columns: str) -> set[str]:
    out: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        for row in rows:
            for col in columns:
                value = (row.get(col) or "").strip()
                if _CODE.fullmatch(value):
                    out.add(value)
    return out


@functools.lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Country and pseudo-country codes (IGO, NGO, ...) the knowledge base can give a participant."""
    codes = _tsv_column(DATA / "countries.tsv", "plover_code", "iso3")
    codes |= _tsv_column(DATA / "organizations.tsv", "code")
    codes |= _tsv_column(DATA / "people.tsv", "country")
    return frozenset(codes | POLITICAL_CODES)


def _listing(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


# ----------------------------------------------------------------------------------- values

def split(values: str | Iterable[str] | None) -> list[str]:
    """Repeated values and comma-separated lists alike: ["AID", "ASSAULT,ACCUSE"] -> 3 values."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for value in values for v in str(value).split(",") if v.strip()]


def timex(value: str | None, param: str = "from") -> str | None:
    """A TIMEX date that exists (2023-02-25, 2023-W08, 2023-02, 2023); 2023-13 and 2023-02-30 are
    refused, not compared as text."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    m = _TIMEX.fullmatch(value)
    ok = m is not None
    if m:
        year, month, day, week = m.groups()
        if month is not None:
            ok = 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= calendar.monthrange(int(year),
                                                                                              int(month))[1])
        elif week is not None:
            # ISO years have 52 or 53 weeks: 53 only when 28 December falls in week 53
            import datetime as dt

            ok = 1 <= int(week) <= dt.date(int(year), 12, 28).isocalendar()[1]
        ok = ok and int(year) >= 1
    if not ok:
        raise InvalidValue(param, f"not a date: {value!r} ({DATE_FORMATS})")
    return value


def event_types(values: str | Iterable[str] | None, param: str = "event") -> list[str] | None:
    """PLOVER event types, upper-cased; an unknown one is refused with the known ones listed."""
    out = [v.upper() for v in split(values)]
    for v in out:
        if v not in known_events():
            raise InvalidValue(param, f"unknown PLOVER event {v!r} (known: {', '.join(known_events())})")
    return out or None


def modes(values: str | Iterable[str] | None, param: str = "mode") -> list[str] | None:
    """PLOVER modes (lower case: visit, meet, ...)."""
    out = [v.lower() for v in split(values)]
    for v in out:
        if v not in known_modes():
            raise InvalidValue(param, f"unknown PLOVER mode {v!r} (known: {_listing(known_modes())})")
    return out or None


def context(value: str | None, param: str = "context") -> str | None:
    """One PLOVER context (lower case: military, economic, ...)."""
    if value is None or not value.strip():
        return None
    v = value.strip().lower()
    if v not in known_contexts():
        raise InvalidValue(param, f"unknown PLOVER context {v!r} (known: {_listing(known_contexts())})")
    return v


def participant(spec: str | None, param: str = "actor") -> str | None:
    """An actor filter: a country code (TUR), a sector (GOV), both (TURGOV, TUR/GOV) or a name.

    What is written as codes must be known codes: three capitals (TRK) or two codes with a
    separator (TUR/GOX). Anything else is a name, matched as a substring (Erdogan, TURKEY)."""
    if spec is None or not spec.strip():
        return None
    s = spec.strip()
    m = _CODE_SECTOR.fullmatch(s)
    if m:
        code, sector = m[1].upper(), m[2].upper()
        if code not in known_codes():
            raise InvalidValue(param, f"unknown country code {code!r} in {s!r} (a country code such as TUR, "
                                      f"then a sector such as GOV)")
        if sector not in SECTORS:
            raise InvalidValue(param, f"unknown sector {sector!r} in {s!r} (known: {_listing(SECTORS)})")
        return code + sector
    if _CODE.fullmatch(s) and s not in SECTORS and s not in known_codes():
        raise InvalidValue(param, f"unknown country or sector code {s!r} (a country code such as TUR, a sector "
                                  f"such as GOV, both such as TURGOV, or a name in any other case: Turkey)")
    return s


def country_code(value: str | None, param: str = "place_country") -> str | None:
    """A country code such as TUR (any case)."""
    if value is None or not value.strip():
        return None
    v = value.strip().upper()
    if not _CODE.fullmatch(v):
        raise InvalidValue(param, f"not a country code: {value.strip()!r} (three letters such as TUR)")
    if v not in known_codes():
        raise InvalidValue(param, f"unknown country code {v!r}")
    return v


def dyad_code(value: str, param: str = "a") -> str:
    """One side of a dyad: a three-letter country code (any case)."""
    v = (value or "").strip().upper()
    if not _CODE.fullmatch(v):
        raise InvalidValue(param, f"a dyad is between two three-letter codes such as TUR and AZE, got {v!r}")
    if v not in known_codes():
        raise InvalidValue(param, f"unknown country code {v!r}")
    return v
