"""User actor overlays (``--actors my.yaml``) and merged resolvers.

Overlay schema (YAML; every section optional, unknown keys are errors)::

    people:
      - name: Jane Doe                 # canonical name (required)
        aliases: [J. Doe]              # list or "|"-separated string
        terms:                         # one or more terms (or put country/office/... on the entry itself)
          - {country: USA, office: Senator, sector: LEG, start: 2021-01-03, end: null}
    organizations:
      - {name: Example Front, aliases: [EF], code: SYR, sector: REB, kind: armed}
        # sector: a code, a list, or "REB|PTY" (primary first); kind: igo, ngo, media,
        # armed, party, company, agency, court, other (default other)
    agents:
      - {phrase: drone operators, sector: MIL}   # also: sectors, role (head, office, title, rel, mod), note
    countries:
      - {name: Narnia, aliases: [], code: NAR}   # also: adjectives, metonyms, iso3, iso2, capital, pre

Codes are three capital letters; sectors come from the PLOVER sector list
(`SECTORS`). Dates are ISO (``2021-01-03``); ``start``/``end`` may be null (open);
``end`` is the first day out of office.

Merging: an entry whose canonical name (agents: phrase) equals that of a
shipped row - compared case- and accent-insensitively - replaces it (for
people: all of that person's terms); other entries are added. An agent
override without ``role`` keeps the shipped role ("president" stays an
office). Layers are applied in the order shipped tables, PETRARCH imports,
overlays (later files win).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from dyads.actors.gazetteer import DATA_DIR, Gazetteer, Tables
from dyads.actors.petrarch import load_petrarch
from dyads.actors.resolver import KnowledgeBaseResolver, default_resolver
from dyads.dates.iso import normalize_date
from dyads.sectors import SECTORS
from dyads.text import key as fold_key

ORG_KINDS = frozenset("igo ngo media armed party company agency court other".split())
AGENT_ROLES = frozenset("head office title rel mod former quant hon pron".split())
TABLES = ("countries", "organizations", "agents", "people")

_CODE = re.compile(r"^[A-Z]{3}$")
_FIELDS = {
    "people": {"name", "aliases", "terms", "country", "office", "sector", "start", "end"},
    "term": {"country", "office", "sector", "start", "end"},
    "organizations": {"name", "aliases", "code", "sector", "sectors", "kind"},
    "agents": {"phrase", "sector", "sectors", "role", "note"},
    "countries": {"name", "aliases", "code", "plover_code", "iso3", "iso2", "adjectives", "capital", "metonyms",
                  "pre"},
}


class _Err:
    def __init__(self, where: str) -> None:
        self.where = where

    def __call__(self, msg: str) -> ValueError:
        return ValueError(f"{self.where}: {msg}")


def _text(v: Any, err: _Err, fld: str) -> str:
    if v is None:
        return ""
    if isinstance(v, bool) or isinstance(v, (list, dict)):
        raise err(f"{fld} must be text, not {type(v).__name__}")
    return str(v).strip()


def _list(v: Any, err: _Err, fld: str) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [x.strip() for x in v.split("|") if x.strip()]
    if isinstance(v, (list, tuple)):
        out = []
        for x in v:
            if isinstance(x, (dict, list)) or x is None:
                raise err(f"{fld} must be a list of names")
            if str(x).strip():
                out.append(str(x).strip())
        return out
    raise err(f"{fld} must be a list or a '|'-separated string")


def _code(v: Any, err: _Err, fld: str, required: bool) -> str:
    c = _text(v, err, fld).upper()
    if not c:
        if required:
            raise err(f"missing {fld}")
        return ""
    if not _CODE.match(c):
        raise err(f"{fld} {c!r} is not a 3-letter code")
    return c


def _sectors(v: Any, err: _Err, fld: str) -> list[str]:
    secs = [s.upper() for s in _list(v, err, fld)]
    for s in secs:
        if s not in SECTORS:
            raise err(f"unknown sector {s!r} (known: {' '.join(sorted(SECTORS))})")
    return secs


def _date(v: Any, err: _Err, fld: str) -> str:
    if v is None or v == "":
        return ""
    try:
        return normalize_date(v) or ""      # one rule for dates given by users: dyads.dates.iso
    except ValueError:
        raise err(f"{fld} {str(v).strip()!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_keys(entry: Mapping[str, Any], allowed: set[str], err: _Err) -> None:
    extra = sorted(str(k) for k in entry if k not in allowed)
    if extra:
        raise err(f"unknown field(s) {', '.join(extra)} (allowed: {', '.join(sorted(allowed))})")


# ---------------------------------------------------------------------- per-section
def _person(e: Mapping[str, Any], err: _Err) -> list[dict[str, str]]:
    name = _text(e.get("name"), err, "name")
    if not name:
        raise err("missing name")
    aliases = "|".join(_list(e.get("aliases"), err, "aliases"))
    terms = e.get("terms")
    flat = {k: e[k] for k in _FIELDS["term"] if k in e}
    if terms is None:
        if not flat:
            raise err("a person needs terms (or country/sector on the entry)")
        terms = [flat]
    elif flat:
        raise err("give either terms or country/office/sector/start/end, not both")
    if not isinstance(terms, list) or not terms:
        raise err("terms must be a non-empty list")
    rows = []
    for i, t in enumerate(terms):
        terr = _Err(f"{err.where} terms[{i}]")
        if not isinstance(t, Mapping):
            raise terr("a term must be a mapping")
        _check_keys(t, _FIELDS["term"], terr)
        secs = _sectors(t.get("sector"), terr, "sector")
        if len(secs) > 1:
            raise terr("a term has one sector")
        start, end = _date(t.get("start"), terr, "start"), _date(t.get("end"), terr, "end")
        if start and end and end < start:
            raise terr(f"end {end} before start {start}")
        rows.append({"name": name, "aliases": aliases, "country": _code(t.get("country"), terr, "country", True),
                     "office": _text(t.get("office"), terr, "office"), "sector": secs[0] if secs else "",
                     "start": start, "end": end})
    return rows


def _organization(e: Mapping[str, Any], err: _Err) -> list[dict[str, str]]:
    name = _text(e.get("name"), err, "name")
    if not name:
        raise err("missing name")
    secs = _sectors(e.get("sector"), err, "sector") + _sectors(e.get("sectors"), err, "sectors")
    kind = _text(e.get("kind"), err, "kind").lower() or "other"
    if kind not in ORG_KINDS:
        raise err(f"unknown kind {kind!r} (known: {', '.join(sorted(ORG_KINDS))})")
    return [{"name": name, "aliases": "|".join(_list(e.get("aliases"), err, "aliases")),
             "code": _code(e.get("code"), err, "code", False), "sector": "|".join(dict.fromkeys(secs)),
             "kind": kind}]


def _agent(e: Mapping[str, Any], err: _Err) -> list[dict[str, str]]:
    phrase = _text(e.get("phrase"), err, "phrase")
    if not phrase:
        raise err("missing phrase")
    secs = _sectors(e.get("sector"), err, "sector")
    if len(secs) > 1:
        raise err("sector takes one code; put the others in sectors")
    role = _text(e.get("role"), err, "role").lower()
    if role and role not in AGENT_ROLES:
        raise err(f"unknown role {role!r} (known: {', '.join(sorted(AGENT_ROLES))})")
    row = {"phrase": phrase, "sector": secs[0] if secs else "",
           "sectors": "|".join(_sectors(e.get("sectors"), err, "sectors")),
           "note": _text(e.get("note"), err, "note") or "overlay"}
    if role:
        row["role"] = role
    return [row]


def _country(e: Mapping[str, Any], err: _Err) -> list[dict[str, str]]:
    name = _text(e.get("name"), err, "name")
    if not name:
        raise err("missing name")
    if "code" in e and "plover_code" in e:
        raise err("give code or plover_code, not both")
    code = _code(e.get("code", e.get("plover_code")), err, "code", True)
    pre = e.get("pre")
    return [{"iso3": _code(e.get("iso3"), err, "iso3", False), "iso2": _text(e.get("iso2"), err, "iso2").upper(),
             "plover_code": code, "name": name, "aliases": "|".join(_list(e.get("aliases"), err, "aliases")),
             "adjectives": "|".join(_list(e.get("adjectives"), err, "adjectives")),
             "capital": _text(e.get("capital"), err, "capital"),
             "metonyms": "|".join(_list(e.get("metonyms"), err, "metonyms")),
             "pre": "1" if pre in (True, 1, "1", "yes", "true") else "0"}]


_SECTION = {"people": _person, "organizations": _organization, "agents": _agent, "countries": _country}


def load_overlay(path: str | Path) -> dict[str, list[dict[str, str]]]:
    """Validated rows of one overlay file, keyed by table name.
    Raises ValueError("file: section[i] (name): reason")."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise ValueError(f"{p}: cannot read: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        raise ValueError(f"{p}: not valid YAML: {e}") from None
    out: dict[str, list[dict[str, str]]] = {t: [] for t in TABLES}
    if data is None:
        return out
    if not isinstance(data, Mapping):
        raise ValueError(f"{p}: the top level must be a mapping with sections {', '.join(TABLES)}")
    for section, entries in data.items():
        if section not in _SECTION:
            raise ValueError(f"{p}: unknown section {section!r} (known: {', '.join(TABLES)})")
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ValueError(f"{p}: {section} must be a list of entries")
        for i, e in enumerate(entries):
            label = ""
            if isinstance(e, Mapping):
                label = str(e.get("phrase" if section == "agents" else "name") or "").strip()
            err = _Err(f"{p}: {section}[{i}]" + (f" ({label})" if label else ""))
            if not isinstance(e, Mapping):
                raise err("an entry must be a mapping")
            _check_keys(e, _FIELDS[section], err)
            out[section].extend(_SECTION[section](e, err))
    return out


# ---------------------------------------------------------------------- merging
def _row_key(table: str, row: Mapping[str, str]) -> str:
    return fold_key(row.get("phrase" if table == "agents" else "name", "") or "")


def merge_rows(table: str, base: Iterable[Mapping[str, str]], layer: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """`base` rows with `layer` rows added; a layer row replaces every base row with
    the same canonical name (agents: phrase). Agent rows without a role keep the
    replaced row's role."""
    layer = [dict(r) for r in layer]
    if not layer:
        return [dict(r) for r in base]
    new_keys = {_row_key(table, r) for r in layer}
    old_roles: dict[str, str] = {}
    out = []
    for r in base:
        k = _row_key(table, r)
        if k in new_keys:
            if table == "agents" and r.get("role"):
                old_roles.setdefault(k, r["role"])
            continue
        out.append(dict(r))
    for r in layer:
        if table == "agents" and not r.get("role"):
            r["role"] = old_roles.get(_row_key(table, r), "head")
        out.append(r)
    return out


def merged_tables(overlays: Iterable[str | Path] = (), petrarch: Iterable[str | Path] = (),
                  data_dir: str | Path = DATA_DIR) -> Tables:
    """Shipped tables + PETRARCH imports + overlays (in that order; later wins)."""
    tables = Tables.load(data_dir)
    layers: list[dict[str, list[dict[str, str]]]] = []
    petrarch = list(petrarch)
    if petrarch:
        layers.append(load_petrarch(petrarch))
    layers.extend(load_overlay(p) for p in overlays)
    for layer in layers:
        for t in TABLES:
            rows = layer.get(t) or []
            if rows:
                setattr(tables, t, merge_rows(t, getattr(tables, t), rows))
    return tables


@functools.lru_cache(maxsize=8)
def _build(overlays: tuple[str, ...], petrarch: tuple[str, ...]) -> KnowledgeBaseResolver:
    if not overlays and not petrarch:
        return default_resolver()
    return KnowledgeBaseResolver(Gazetteer(merged_tables(overlays, petrarch)))


def build_resolver(overlays: Iterable[str | Path] = (), petrarch: Iterable[str | Path] = ()) -> KnowledgeBaseResolver:
    """A resolver over the shipped tables plus overlay YAML files and PETRARCH
    dictionaries; cached per argument tuple (the same files give the same
    resolver object; edit a file -> call `build_resolver.cache_clear()`)."""
    if isinstance(overlays, (str, Path)):
        overlays = [overlays]
    if isinstance(petrarch, (str, Path)):
        petrarch = [petrarch]
    return _build(tuple(str(p) for p in overlays), tuple(str(p) for p in petrarch))


build_resolver.cache_clear = _build.cache_clear  # type: ignore[attr-defined]
