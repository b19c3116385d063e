"""Dictionary matcher for actor names: countries, demonyms, government metonyms,
organizations, media, people and generic agent nouns.

One Aho-Corasick automaton over folded keys (see `dyads.text`), built
once; `find` scans folded text, keeps matches that sit on word boundaries and
pass the alias's case rule, and returns the longest non-overlapping ones.

Case rules (so that "us", "who" or "the turkey" do not match):
- acronyms (at most 6 letters, at least 2 capitals: US, U.S., UN, AA, DfID,
  MPs) match only in their own case or when written in capitals;
- other aliases with a capital letter need that first capital to be a capital
  in the text too ("Turkey", "the Kremlin", "Security Council");
- lower-case aliases (agent nouns) match in any case.
Input without any capital letter is treated as case-less for the second rule.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import ahocorasick

from dyads.actors.inflection import other_number
from dyads.actors.parties import PartyTerms
from dyads.coverage import Coverage
from dyads.text import fold_with_map, key as fold_key
from dyads.vocabulary import words

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

KINDS = ("country", "adjective", "metonym", "organization", "media", "agent", "person")

# When two entries share a key and a case rule, the first kind here wins.
_KIND_PRIORITY = {"block": 0, "country": 1, "metonym": 2, "organization": 3, "media": 3,
                  "person": 4, "adjective": 5, "agent": 6}

Row = Mapping[str, str]

_FUNCTION_ROLES = frozenset({"quant", "hon", "pron", "former"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the gazetteer knows."""

    kind: str                       # country|adjective|metonym|organization|media|agent|person|block
    code: str | None
    sector: str | None
    sectors: tuple[str, ...]        # secondary sectors
    name: str                       # canonical name
    entry_id: str                   # country:TUR, region:scotland, org:reuters, agent:riot police, person:...
    role: str = "head"              # agents: head|office|title|rel|mod|former|quant|hon|pron
    pre: bool = False               # partially recognised entity (PLOVER PRE)
    org_kind: str | None = None     # organizations.tsv kind


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    start: int                      # offsets into the original text, end exclusive
    end: int
    text: str
    kind: str
    code: str | None
    sector: str | None
    name: str
    entry_id: str
    sectors: tuple[str, ...] = ()
    role: str = "head"
    pre: bool = False
    key: str = ""                   # the folded key that matched
    fstart: int = 0                 # offsets into the folded text
    fend: int = 0
    entry: Entry | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class _Cand:
    entry: Entry
    strict: bool                    # acronym rule
    letters: str                    # the acronym's letters, case kept
    upper_at: int                   # position in the key that must be a capital, -1 = none


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def _drop_the(aliases: list[str]) -> list[str]:
    """"the U.S." is redundant next to "U.S.": keep match spans free of the article."""
    bare = {a.lower() for a in aliases}
    return [a for a in aliases if not (a.lower().startswith("the ") and a[4:].lower() in bare)]


def read_tsv(path: str | Path) -> list[dict[str, str]]:
    """Read a tab-separated table with a header line; `#` lines are comments.
    Missing file -> []; short or broken lines are skipped (a table may be
    written while we read it)."""
    p = Path(path)
    if not p.is_file():
        return []
    rows: list[dict[str, str]] = []
    with p.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        header: list[str] | None = None
        for rec in reader:
            if header is None:
                header = [h.strip() for h in rec]
                continue
            if len(rec) < 2:
                continue
            rec = rec + [""] * (len(header) - len(rec))
            rows.append({h: (v or "").strip() for h, v in zip(header, rec)})
    return rows


@dataclass
class Tables:
    """The knowledge-base tables, as lists of row dicts (column name -> text)."""

    countries: list[dict[str, str]]
    organizations: list[dict[str, str]]
    agents: list[dict[str, str]]
    people: list[dict[str, str]]
    party_terms: list[dict[str, str]] = field(default_factory=list)   # when parties held government

    @classmethod
    def load(cls, data_dir: str | Path = DATA_DIR, *, people: Iterable[Row] | str | Path | None = None,
             countries: Iterable[Row] | str | Path | None = None,
             organizations: Iterable[Row] | str | Path | None = None,
             agents: Iterable[Row] | str | Path | None = None) -> "Tables":
        """Load the tables from `data_dir`; any of them can be given explicitly
        as a path or as rows (for tests and user overlays)."""
        d = Path(data_dir)

        def get(value: Iterable[Row] | str | Path | None, fname: str) -> list[dict[str, str]]:
            if value is None:
                return read_tsv(d / fname)
            if isinstance(value, (str, Path)):
                return read_tsv(value)
            return [dict(r) for r in value]

        if people is None:
            people_rows = [r for f in people_files(d) for r in read_tsv(f)]
        else:
            people_rows = get(people, "people.tsv")
        if organizations is None:
            org_rows = [r for f in organization_files(d) for r in read_tsv(f)]
        else:
            org_rows = get(organizations, "organizations.tsv")
        return cls(countries=get(countries, "countries.tsv"), organizations=org_rows,
                   agents=get(agents, "agents.tsv"), people=people_rows,
                   party_terms=read_tsv(d / "party-terms.tsv"))


def people_files(data_dir: str | Path = DATA_DIR) -> list[Path]:
    """people.tsv, then the more office holders by era or region: people-<part>.tsv (same
    columns)."""
    d = Path(data_dir)
    return [d / "people.tsv"] + sorted(d.glob("people-*.tsv"))


def organization_files(data_dir: str | Path = DATA_DIR) -> list[Path]:
    """organizations.tsv, then more bodies by era or field: organizations-<part>.tsv (same
    columns)."""
    d = Path(data_dir)
    return [d / "organizations.tsv"] + sorted(d.glob("organizations-*.tsv"))


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= 6 and sum(c.isupper() for c in letters) >= 2 and " " not in alias.strip()


def person_id(name: str) -> str:
    return "person:" + fold_key(name)


class Gazetteer:
    """Finds known actor names in text. Build once (it is not cheap), share it."""

    def __init__(self, tables: Tables | None = None) -> None:
        self.tables = tables if tables is not None else Tables.load()
        self._keys: dict[str, list[_Cand]] = {}
        self.countries: dict[str, dict[str, Any]] = {}   # plover code -> info (name, pre, iso2, iso3)
        self.iso2_to_code: dict[str, str] = {}
        self.iso3_to_code: dict[str, str] = {}
        self.people: dict[str, list[dict[str, str]]] = {}  # person id -> rows (terms)
        self.people_keys: dict[str, list[str]] = {}        # key -> person ids
        self.parties = PartyTerms(self.tables.party_terms)
        self._build()
        self._automaton = ahocorasick.Automaton()
        for k, cands in self._keys.items():
            cands.sort(key=lambda c: (0 if c.strict else 1 if c.upper_at >= 0 else 2,
                                      _KIND_PRIORITY.get(c.entry.kind, 9)))
            self._automaton.add_word(k, (len(k), tuple(cands)))
        if self._keys:
            self._automaton.make_automaton()

    # ------------------------------------------------------------------ build
    def _add(self, alias: str, entry: Entry) -> None:
        alias = alias.strip()
        if not alias:
            return
        folded, imap = fold_with_map(alias)
        k = fold_key(alias)
        if not k:
            return
        strict = _is_acronym(alias)
        letters = "".join(c for c in alias if c.isalpha()) if strict else ""
        upper_at = -1
        if not strict:
            # position in the key of the first capital of the alias
            lead = len(folded) - len(folded.lstrip())
            for i in range(len(folded)):
                if alias[imap[i]].isupper():
                    upper_at = i - lead
                    break
        lst = self._keys.setdefault(k, [])
        for c in lst:
            if c.entry.entry_id == entry.entry_id and c.entry.kind == entry.kind and c.strict == strict \
                    and c.upper_at == upper_at and c.letters == letters:
                return
        lst.append(_Cand(entry, strict, letters, upper_at))

    def _build(self) -> None:
        t = self.tables
        for r in t.countries:
            code = r.get("plover_code", "").strip() or None
            name = r.get("name", "").strip()
            if not name:
                continue
            iso3 = r.get("iso3", "").strip()
            iso2 = r.get("iso2", "").strip()
            pre = r.get("pre", "").strip() in ("1", "true", "yes", "PRE")
            if code is None:
                ent = Entry("block", None, None, (), name, "block:" + fold_key(name))
                for a in [name] + _split(r.get("aliases")) + _split(r.get("adjectives")):
                    self._add(a, ent)
                continue
            eid = f"country:{iso3}" if iso3 else "region:" + fold_key(name)
            if iso3 and (iso3 == code or (iso3 == "XKX" and code not in self.countries)):
                self.countries[code] = {"name": name, "iso2": iso2, "iso3": iso3, "pre": pre}
            if iso2:
                self.iso2_to_code[iso2] = code
            if iso3:
                self.iso3_to_code[iso3] = code
            sector = "PRE" if pre else None
            cname = name
            ent = Entry("country", code, sector, (), cname, eid, pre=pre)
            for a in _drop_the([name] + _split(r.get("aliases"))):
                self._add(a, ent)
            adj = Entry("adjective", code, sector, (), cname, eid, pre=pre)
            for a in _split(r.get("adjectives")):
                self._add(a, adj)
            for m in _drop_the(_split(r.get("metonyms"))):
                msector = "GOV"
                if "=" in m:
                    m, msector = m.rsplit("=", 1)
                    msector = msector.strip() or "GOV"
                secs = ("PRE",) if pre else ()
                self._add(m, Entry("metonym", code, msector, secs, cname, eid, pre=pre))
        for r in t.organizations:
            name = r.get("name", "").strip()
            if not name:
                continue
            secs = _split(r.get("sector"))
            okind = r.get("kind", "").strip() or "other"
            kind = "media" if okind == "media" else "organization"
            ent = Entry(kind, r.get("code", "").strip() or None, secs[0] if secs else None, tuple(secs[1:]),
                        name, "org:" + fold_key(name), org_kind=okind)
            for a in _drop_the([name] + _split(r.get("aliases"))):
                self._add(a, ent)
        agent_keys = {fold_key(r.get("phrase", "")) for r in t.agents}
        inflected: list[tuple[str, Entry]] = []
        for r in t.agents:
            phrase = r.get("phrase", "").strip()
            if not phrase:
                continue
            ent = Entry("agent", None, r.get("sector", "").strip() or None, tuple(_split(r.get("sectors"))),
                        phrase, "agent:" + fold_key(phrase), role=r.get("role", "").strip() or "head")
            self._add(phrase, ent)
            if ent.role in ("head", "office", "title", "rel") and phrase.islower():
                other = other_number(phrase)
                if other is not None and fold_key(other) not in agent_keys:
                    inflected.append((other, ent))
        # the other number of a row's head word, unless a row of its own says otherwise
        for other, ent in inflected:
            if fold_key(other) not in self._keys:
                self._add(other, ent)
        person_entries: dict[str, Entry] = {}
        for r in t.people:
            name = r.get("name", "").strip()
            if not name or not r.get("country", "").strip():
                continue
            pid = person_id(name)
            terms = self.people.setdefault(pid, [])
            terms.append(dict(r))
            # the entry carries the first row's codes (the resolver reads the terms by date);
            # aliases come from every row, so a variant written on a later term still matches
            ent = person_entries.get(pid)
            if ent is None:
                ent = person_entries[pid] = Entry("person", r.get("country", "").strip() or None,
                                                  r.get("sector", "").strip() or None, (), name, pid)
            for a in [name] + _split(r.get("aliases")):
                if not _person_alias_ok(a):
                    continue
                k = fold_key(a)
                ids = self.people_keys.setdefault(k, [])
                if pid not in ids:
                    ids.append(pid)
                self._add(a, ent)

    # ------------------------------------------------------------------ find
    def find(self, text: str, function_words: bool = False) -> list[GazetteerMatch]:
        """Known names in `text`: word-bounded, longest first, non-overlapping, in text order.

        Function words of the agent table (quantifiers, honorifics, pronouns,
        "former") take part in the longest-match choice but are returned only
        with `function_words=True`."""
        if not text or not self._keys:
            return []
        folded, imap = fold_with_map(text)
        s = folded.replace("-", " ")
        caseless = not any(c.isupper() for c in text)
        n = len(s)
        hits: list[tuple[int, int, _Cand, str]] = []
        for end_i, (klen, cands) in self._automaton.iter(s):
            start = end_i - klen + 1
            end = end_i + 1
            if start > 0 and s[start - 1].isalnum():
                continue
            if end < n and s[end].isalnum() and s[end - 1].isalnum():
                continue
            if start > 0 and s[start - 1] == "<" and end < n and s[end] == ">":
                continue    # a stock ticker, "Union Carbide Corp <UK>": not the country
            cand = self._pick(cands, text, imap, start, end, caseless)
            if cand is not None and not cand.strict and cand.entry.kind == "agent" and cand.entry.role == "head" \
                    and end - start <= 3 and end < n \
                    and folded[end] == "-":
                continue    # "co-chairman": the first part of a compound, not the suffix "Co"
            if cand is not None:
                hits.append((start, end, cand, s[start:end]))
        if not hits:
            return []
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken = Coverage(n)
        chosen = []
        for h in hits:
            if taken.overlaps(h[0], h[1]):
                continue
            taken.add(h[0], h[1])
            chosen.append(h)
        chosen.sort(key=lambda h: h[0])
        out = []
        for start, end, cand, k in chosen:
            e = cand.entry
            if e.kind == "block" or (not function_words and e.role in _FUNCTION_ROLES):
                continue
            ostart, oend = imap[start], imap[end - 1] + 1
            out.append(GazetteerMatch(ostart, oend, text[ostart:oend], e.kind, e.code, e.sector, e.name, e.entry_id,
                                      e.sectors, e.role, e.pre, k, start, end, e))
        return out

    @staticmethod
    def _pick(cands: Sequence[_Cand], text: str, imap: Sequence[int], start: int, end: int,
              caseless: bool) -> _Cand | None:
        for c in cands:
            if c.strict:
                span = text[imap[start]:imap[end - 1] + 1]
                letters = "".join(ch for ch in span if ch.isalpha())
                if letters == c.letters or (letters.isupper() and letters.upper() == c.letters.upper()):
                    return c
                continue
            if c.upper_at >= 0 and not caseless:
                pos = start + c.upper_at
                if pos >= end or not text[imap[pos]].isupper():
                    continue
            return c
        return None

    def lookup(self, phrase: str) -> list[Entry]:
        """Entries whose key is exactly `phrase` (folded), ignoring case rules."""
        return [c.entry for c in self._keys.get(fold_key(phrase), [])]

    def __len__(self) -> int:
        return len(self._keys)


# Single-word person aliases that are also ordinary words or month names would
# match everywhere ("in May"); those need the full name or a title.
_PERSON_ALIAS_STOP = words("person_alias_stop_words")


def _person_alias_ok(alias: str) -> bool:
    k = fold_key(alias)
    if not k:
        return False
    if " " not in k and (len(k) < 3 or k in _PERSON_ALIAS_STOP):
        return False
    return True


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer over the package's own tables (built once per process)."""
    return Gazetteer(Tables.load())
