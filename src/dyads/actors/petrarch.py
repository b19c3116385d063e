"""Importer for PETRARCH/Phoenix-format actor and agent dictionaries.

The result is plain row dicts in the shape of the package tables
(`people.tsv`, `organizations.tsv`, `agents.tsv`), ready for
`Tables.load(people=..., organizations=..., agents=...)` or for
`dyads.actors.overlay.build_resolver(petrarch=[...])`.

Format (one file may hold actors, agents, or both)::

    # comment (also after an entry)
    ABDULLAH_GUL_                 phrase: words joined by "_"; a trailing "_" = no plural
    +GUL_                         synonym lines start with "+"
    [TURGOV 070828-140828]        code with a date range (yymmdd-yymmdd, inclusive)
    [TURELI]                      a bare code after ranged ones: used outside the ranges
    UNITED_NATIONS [IGOUNO]       codes may also follow the phrase on the same line
    !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
    !MINIST! OF_FOREIGN_AFFAIRS [~GOV]   agent entry; the macro expands to each alternative
    FARMER [~AGR]

Codes are a 3-letter root (country, or a CAMEO pseudo-country: IGO, NGO, IMG,
MNC, ...; "---" = none) followed by 3-letter CAMEO agent blocks: ``TURGOV`` is
TUR/GOV, ``NGOHLHIRC`` is NGO/MED, ``IGOUNO`` is UNO. ``[~AGR]`` is an agent
(generic noun) code. Date ranges: ``yymmdd-yymmdd``, ``>yymmdd`` (from that
day on), ``<yymmdd`` (until that day, inclusive); two-digit years >= 50 are
19xx, others 20xx (8-digit ``yyyymmdd`` dates are also accepted).

Mapping to tables:
* an entry with at least one dated code -> people rows, one per term (the bare
  default code fills the gaps before, between and after the dated ranges);
* other actor entries -> organization rows (kind from the root and sector);
* ``[~XXX]`` entries -> agent rows (lower-case phrase, role "head").

Names are title-cased ("ABDULLAH_GUL" -> "Abdullah Gul"); the gazetteer's
case rules then make them match "Abdullah Gul" and "ABDULLAH GUL". Plurals are
made on the last word: +s, +es after s/x/z/ch/sh, y -> ies after a consonant;
none for phrases with macros (list the plural among the alternatives) or with an
explicit ``{PLURAL}`` form (``MAN {MEN} [~CVL]``).

Malformed lines raise ``ValueError("file:line: reason")``.
"""
from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# CAMEO agent code -> PLOVER sector
AGENT_SECTORS: dict[str, str] = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG",
    "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP", "ELI": "ELI",
    "MED": "JRN",   # CAMEO MED = media
    "HLH": "MED",   # CAMEO HLH = health
    "BUS": "BUS", "CVL": "CVL", "REF": "REF", "LAB": "LAB", "EDU": "EDU", "REL": "REL",
    "SPY": "SPY", "UAF": "UAF", "CRM": "CRM", "AGR": "AGR", "PTY": "PTY",
}
# second block after IGO that names a PLOVER pseudo-country of its own
_IGO_SUBCODES = {"UNO": "UNO", "EUR": "EUR"}

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_MACRO_DEF = re.compile(r"^(![A-Za-z0-9_-]+!)\s*=\s*(.*)$")
_MACRO_USE = re.compile(r"![A-Za-z0-9_-]+!")
_ROOT_RE = re.compile(r"^(?:[A-Z0-9]{3}|---)(?:[A-Z0-9]{3})*$")
_PHRASE_RE = re.compile(r"^[^\s\[\]{}+#]+$")


@dataclass
class _Code:
    code: str                       # PLOVER country code ("" = none)
    sector: str                     # primary PLOVER sector ("" = none)
    sectors: list[str]              # secondary sectors
    start: _dt.date | None = None   # inclusive
    end: _dt.date | None = None     # exclusive
    dated: bool = False
    agent: bool = False


@dataclass
class _Entry:
    where: str
    phrase: str
    plural: bool
    synonyms: list[tuple[str, bool]] = field(default_factory=list)
    codes: list[_Code] = field(default_factory=list)


# ---------------------------------------------------------------------- pieces
def _parse_date(s: str, where: str) -> _dt.date:
    if not s.isdigit() or len(s) not in (6, 8):
        raise ValueError(f"{where}: bad date {s!r} (expected yymmdd)")
    if len(s) == 6:
        yy = int(s[:2])
        year = 1900 + yy if yy >= 50 else 2000 + yy
        rest = s[2:]
    else:
        year, rest = int(s[:4]), s[4:]
    try:
        return _dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        raise ValueError(f"{where}: bad date {s!r}") from None


def _map_blocks(blocks: list[str]) -> tuple[str, list[str]]:
    sectors: list[str] = []
    for b in blocks:
        sec = AGENT_SECTORS.get(b)
        if sec and sec not in sectors:
            sectors.append(sec)
    return (sectors[0] if sectors else ""), sectors[1:]


def parse_code(text: str, where: str = "<code>") -> _Code:
    """One bracketed code body ("TURGOV 070828-140828", "~AGR") -> _Code."""
    parts = text.split()
    if not parts or len(parts) > 2:
        raise ValueError(f"{where}: bad code [{text}]")
    raw = parts[0].upper()
    agent = raw.startswith("~")
    body = raw[1:] if agent else raw
    if agent:
        if not body or len(body) % 3 or not re.fullmatch(r"[A-Z0-9]+", body):
            raise ValueError(f"{where}: bad agent code [{text}]")
        sector, secs = _map_blocks([body[i:i + 3] for i in range(0, len(body), 3)])
        if not sector:
            raise ValueError(f"{where}: unknown agent code [{text}]")
        out = _Code("", sector, secs, agent=True)
    else:
        if not _ROOT_RE.match(body):
            raise ValueError(f"{where}: bad actor code [{text}] (expected 3-letter blocks like TURGOV)")
        blocks = [body[i:i + 3] for i in range(0, len(body), 3)]
        root, rest = blocks[0], blocks[1:]
        if root == "---":
            root = ""
        elif root == "IGO" and rest and rest[0] in _IGO_SUBCODES:
            root = _IGO_SUBCODES[rest[0]]
            rest = rest[1:]
        sector, secs = _map_blocks(rest)
        out = _Code(root, sector, secs)
    if len(parts) == 2:
        rng = parts[1]
        if rng.startswith(">"):
            out.start = _parse_date(rng[1:], where)
        elif rng.startswith("<"):
            out.end = _parse_date(rng[1:], where) + _dt.timedelta(days=1)
        elif "-" in rng:
            a, b = rng.split("-", 1)
            out.start = _parse_date(a, where)
            out.end = _parse_date(b, where) + _dt.timedelta(days=1)
            if out.end <= out.start:
                raise ValueError(f"{where}: date range ends before it starts [{text}]")
        else:
            raise ValueError(f"{where}: bad date range {rng!r} (expected yymmdd-yymmdd, >yymmdd or <yymmdd)")
        out.dated = True
    return out


def _plural(phrase: str) -> str:
    low = phrase.lower()
    if re.search(r"(s|x|z|ch|sh)$", low):
        return phrase + "es"
    if re.search(r"[^aeiou]y$", low):
        return phrase[:-1] + "ies"
    return phrase + "s"


def _words(token: str) -> tuple[str, bool]:
    """"ABDULLAH_GUL_" -> ("ABDULLAH GUL", plural=False)."""
    plural = not token.endswith("_")
    return " ".join(w for w in token.split("_") if w), plural


def _title(phrase: str) -> str:
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in phrase.split())


def _expand(phrase: str, macros: dict[str, list[str]], where: str) -> list[str]:
    uses = _MACRO_USE.findall(phrase)
    if not uses:
        return [phrase]
    for u in uses:
        if u.upper() not in macros:
            raise ValueError(f"{where}: undefined macro {u}")
    pieces = _MACRO_USE.split(phrase)
    out = []
    for combo in itertools.product(*(macros[u.upper()] for u in uses)):
        s = pieces[0]
        for alt, nxt in zip(combo, pieces[1:]):
            s += alt + nxt
        out.append(" ".join(s.split()))
    return out


# ---------------------------------------------------------------------- reading
def _read_entries(path: str | Path) -> list[tuple[_Entry, dict[str, list[str]]]]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ValueError(f"{p}: cannot read: {e.strerror or e}") from None
    macros: dict[str, list[str]] = {}
    entries: list[tuple[_Entry, dict[str, list[str]]]] = []
    cur: _Entry | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        where = f"{p}:{n}"
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("~~"):      # ~~FINISH end marker
            break
        m = _MACRO_DEF.match(line)
        if m:
            alts = [" ".join(a.replace("_", " ").split()) for a in m.group(2).split(",")]
            alts = [a for a in alts if a]
            if not alts:
                raise ValueError(f"{where}: macro {m.group(1)} has no alternatives")
            macros[m.group(1).upper()] = alts
            continue
        codes = [parse_code(c.strip(), where) for c in _CODE_RE.findall(line)]
        rest = _CODE_RE.sub(" ", line).strip()
        if "[" in rest or "]" in rest:
            raise ValueError(f"{where}: unbalanced bracket")
        if rest.startswith("+"):
            syn = rest[1:].strip()
            if cur is None:
                raise ValueError(f"{where}: synonym line before any phrase")
            if not syn or not _PHRASE_RE.match(syn):
                raise ValueError(f"{where}: bad synonym {rest!r}")
            cur.synonyms.append(_words(syn))
            cur.codes.extend(codes)
            continue
        if rest:
            braces = [b.strip() for b in re.findall(r"\{([^}]*)\}", rest)]   # explicit plurals {MEN}
            rest = re.sub(r"\{[^}]*\}", " ", rest).strip()
            tokens = rest.split()
            if not tokens:
                raise ValueError(f"{where}: empty phrase")
            if len(tokens) > 1 and not any(_MACRO_USE.search(t) for t in tokens):
                raise ValueError(f"{where}: phrase has spaces ({rest!r}); join words with '_'")
            for t in tokens + braces:
                if not _PHRASE_RE.match(t):
                    raise ValueError(f"{where}: bad phrase {t!r}")
            plural = not tokens[-1].endswith("_") and not braces
            phrase = " ".join(w for t in tokens for w in t.split("_") if w)
            if not phrase:
                raise ValueError(f"{where}: empty phrase")
            cur = _Entry(where, phrase, plural)
            cur.synonyms.extend((" ".join(w for w in b.split("_") if w), False) for b in braces)
            cur.codes.extend(codes)
            entries.append((cur, dict(macros)))
            continue
        # a code-only line
        if cur is None:
            raise ValueError(f"{where}: code line before any phrase")
        cur.codes.extend(codes)
    return entries


def _entry_rows(e: _Entry, macros: dict[str, list[str]], bare_as: str) -> tuple[str, list[dict[str, str]]]:
    if not e.codes:
        raise ValueError(f"{e.where}: phrase {e.phrase!r} has no [CODE]")
    agent_codes = [c for c in e.codes if c.agent]
    if agent_codes and len(agent_codes) != len(e.codes):
        raise ValueError(f"{e.where}: {e.phrase!r} mixes agent [~XXX] and actor codes")
    names: list[str] = []
    for phrase, plural in [(e.phrase, e.plural)] + e.synonyms:
        for ph in _expand(phrase, macros, e.where):
            names.append(ph)
            if plural and not _MACRO_USE.search(phrase):    # macro alternatives carry their own plurals
                names.append(_plural(ph))
    if agent_codes:
        c = agent_codes[0]
        seen: list[str] = []
        for ph in names:
            low = ph.lower()
            if low not in seen:
                seen.append(low)
        return "agents", [{"phrase": ph, "sector": c.sector, "sectors": "|".join(c.sectors), "role": "head",
                           "note": "petrarch"} for ph in seen]
    titled: list[str] = []
    for ph in names:
        t = _title(ph)
        if t not in titled:
            titled.append(t)
    name, aliases = titled[0], "|".join(titled[1:])
    dated = [c for c in e.codes if c.dated]
    bare = [c for c in e.codes if not c.dated]
    if dated or bare_as == "person":
        rows: list[dict[str, str]] = []

        def row(c: _Code, start: _dt.date | None, end: _dt.date | None) -> dict[str, str]:
            if not c.code:
                raise ValueError(f"{e.where}: person {name!r} needs a country in its code")
            return {"name": name, "aliases": aliases, "country": c.code, "office": "", "sector": c.sector,
                    "start": start.isoformat() if start else "", "end": end.isoformat() if end else ""}

        for c in dated:
            rows.append(row(c, c.start, c.end))
        if bare:
            default = bare[0]
            # the default holds outside the dated ranges: fill the gaps
            spans = sorted((c.start or _dt.date.min, c.end or _dt.date.max) for c in dated)
            cursor = _dt.date.min
            for s, t in spans:
                if cursor < s:
                    rows.append(row(default, None if cursor == _dt.date.min else cursor, s))
                cursor = max(cursor, t)
            if cursor < _dt.date.max:
                rows.append(row(default, None if cursor == _dt.date.min else cursor, None))
        return "people", rows
    c = bare[0]
    secs = [c.sector] + c.sectors if c.sector else list(c.sectors)
    for extra in bare[1:]:
        for s in [extra.sector] + extra.sectors:
            if s and s not in secs:
                secs.append(s)
    if c.code in ("IGO", "UNO", "EUR"):
        kind = "igo"
    elif c.code == "NGO":
        kind = "ngo"
    elif secs[:1] == ["JRN"]:
        kind = "media"
    elif secs[:1] == ["REB"]:
        kind = "armed"
    elif secs[:1] == ["BUS"]:
        kind = "company"
    else:
        kind = "other"
    return "organizations", [{"name": name, "aliases": aliases, "code": c.code, "sector": "|".join(secs),
                              "kind": kind}]


def parse_petrarch(path: str | Path, *, bare_as: str = "organization") -> dict[str, list[dict[str, str]]]:
    """Rows from one dictionary file, keyed by table name (people, organizations, agents).

    `bare_as` decides what an actor entry with only undated codes becomes:
    "organization" (default) or "person" (a term without dates)."""
    if bare_as not in ("organization", "person"):
        raise ValueError(f"bare_as must be 'organization' or 'person', not {bare_as!r}")
    out: dict[str, list[dict[str, str]]] = {"people": [], "organizations": [], "agents": []}
    for entry, macros in _read_entries(path):
        table, rows = _entry_rows(entry, macros, bare_as)
        out[table].extend(rows)
    return out


def load_petrarch(paths: Iterable[str | Path], *, bare_as: str = "organization") -> dict[str, list[dict[str, str]]]:
    """Rows from several PETRARCH/Phoenix dictionaries, keyed by table name:
    {"people": [...], "organizations": [...], "agents": [...]}.
    Raises ValueError("file:line: reason") on malformed lines."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: dict[str, list[dict[str, str]]] = {"people": [], "organizations": [], "agents": []}
    for p in paths:
        for table, rows in parse_petrarch(p, bare_as=bare_as).items():
            out[table].extend(rows)
    return out
