"""Scoring dyads against annotated gold data (events, actors, dates, places).

The rules follow ``shared/gold/README.md`` ("How they are scored"); where that
file is silent the definitions chosen here are spelled out in the docstring of
the function concerned.  The functions are pure: they take gold rows (dicts as
read by :func:`load_gold`) and system output (:class:`dyads.model.Document`
objects) and return a scores object with ``to_dict()`` and ``format_table()``.
Only :func:`evaluate_events` runs the pipeline, and it imports it lazily.

Span matching
-------------
Tokens are lower-cased words with punctuation removed and without the
stop words *the, a, an, of* and the possessive *'s* ("the U.S.'s army" ->
``["us", "army"]``).  A system span *matches* a gold span when their token F1
is >= 0.5, with the whole gold span or, when the gold span is a list
("Iran, Libya and Sudan"), with one of its items.  A span made of stop words
only has no tokens and matches nothing.  A system span much longer than the
gold span cannot match: its precision, and so its F1, falls below 0.5.

Codes
-----
Country codes are compared exactly (case-insensitive) with these
equivalences, because the gold data predates PLOVER's current conventions:
gold ``IGO`` (used for UN bodies and other intergovernmental organisations)
accepts system ``UNO`` (United Nations) and ``EUR`` (European Union); gold
``JAP`` (a non-ISO code in the CAMEO examples) accepts ``JPN``.  Sectors are
compared on their first three letters (gold ``CVLalb`` / ``REFKUR`` /
``GOVMOS`` are ``CVL`` / ``REF`` / ``GOV``); gold sector ``***`` is not
checked.  Only the system entity's primary ``sector`` is compared.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from dyads.ontology import SYMMETRIC_EVENTS
from dyads.vocabulary import words

if TYPE_CHECKING:  # pragma: no cover - typing only
    from dyads.model import Document, Event, Mention

__all__ = [
    "MATCH_THRESHOLD",
    "SYMMETRIC_TYPES",
    "TYPE_EQUIVALENTS",
    "COUNTRY_EQUIVALENTS",
    "span_tokens",
    "token_f1",
    "span_items",
    "span_matches",
    "span_score",
    "type_matches",
    "country_matches",
    "sector_matches",
    "haversine_km",
    "load_gold",
    "EventScores",
    "ActorScores",
    "DateScores",
    "PlaceScores",
    "score_events",
    "score_actors",
    "score_dates",
    "score_places",
    "evaluate_events",
]

MATCH_THRESHOLD = 0.5
_EPS = 1e-9

#: Event types whose direction does not matter (A and R may both be actors): plover.yaml's symmetric events.
SYMMETRIC_TYPES = SYMMETRIC_EVENTS

#: Gold type -> system types accepted for it (besides itself).
TYPE_EQUIVALENTS: dict[str, frozenset[str]] = {
    "YIELD": frozenset({"CONCEDE", "RETREAT"}),
}

#: Gold country code -> system codes accepted for it (besides itself).
COUNTRY_EQUIVALENTS: dict[str, frozenset[str]] = {
    "IGO": frozenset({"UNO", "EUR"}),
    "JAP": frozenset({"JPN"}),
    # Kosovo has no ISO 3166-1 code: PLOVER uses KOS, others the user-assigned XKX
    "XKX": frozenset({"KOS"}),
    "KOS": frozenset({"XKX"}),
}

#: Distance within which a place is counted as correctly located.
PLACE_KM = 161.0

_STOP = words("evaluation_stop_words")   # the, a, an, of
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.IGNORECASE)
_INNER_PUNCT = re.compile(r"(?<=\w)[.'\u2019](?=\w)")   # U.S. -> US, O'Neill -> ONeill
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")         # 2,000 -> 2000
_WORD = re.compile(r"[^\W_]+")
_LIST_SEP = re.compile(r"\s*(?:(?<!\d),|,(?!\d)|;|&|\band\b|\bor\b)\s*", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# --------------------------------------------------------------------------- spans

def span_tokens(text: str) -> list[str]:
    """Lower-cased words without punctuation and without the/a/an/of/'s.

    >>> span_tokens("The U.S.'s Department of State")
    ['us', 'department', 'state']
    """
    if not text:
        return []
    t = _POSSESSIVE.sub("", text.lower())
    t = _DIGIT_COMMA.sub("", t)
    t = _INNER_PUNCT.sub("", t)
    return [w for w in _WORD.findall(t) if w not in _STOP]


def token_f1(a: str, b: str) -> float:
    """Token F1 (bag of :func:`span_tokens`) between two spans; 0.0 if either has no tokens."""
    ta, tb = span_tokens(a), span_tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def span_items(gold_text: str) -> list[str]:
    """Items of a list span, or ``[gold_text]`` when it is not a list.

    Splits on commas (not inside numbers such as "2,000"), semicolons, "&",
    "and", "or"; pieces without tokens are dropped.

    >>> span_items("Iran, Libya and Sudan")
    ['Iran', 'Libya', 'Sudan']
    """
    parts = [p.strip() for p in _LIST_SEP.split(gold_text or "")]
    parts = [p for p in parts if span_tokens(p)]
    return parts if len(parts) > 1 else [gold_text]


def span_score(system_text: str, gold_text: str) -> float:
    """Best token F1 of a system span with the whole gold span or one of its items."""
    best = token_f1(system_text, gold_text)
    items = span_items(gold_text)
    if len(items) > 1:
        best = max([best] + [token_f1(system_text, it) for it in items])
    return best


def span_matches(system_text: str, gold_text: str) -> bool:
    """True when the token F1 is >= 0.5 with the whole gold span or one of its list items."""
    return span_score(system_text, gold_text) >= MATCH_THRESHOLD - _EPS


# --------------------------------------------------------------------------- codes

def _norm(s: Any) -> str:
    return str(s).strip().upper() if s is not None else ""


def type_matches(system_type: str | None, gold_type: str | None) -> bool:
    """System type equals the gold type; gold YIELD also accepts CONCEDE and RETREAT."""
    s, g = _norm(system_type), _norm(gold_type)
    return bool(g) and (s == g or s in TYPE_EQUIVALENTS.get(g, ()))


def _given(code: Any) -> bool:
    return code is not None and str(code).strip() != ""


def country_matches(system_code: str | None, gold_code: str | None) -> bool:
    """Compare country codes; gold IGO accepts UNO/EUR (see module docstring)."""
    s, g = _norm(system_code), _norm(gold_code)
    return bool(g) and (s == g or s in COUNTRY_EQUIVALENTS.get(g, ()))


def _sector_checked(gold_sector: Any) -> bool:
    return _given(gold_sector) and str(gold_sector).strip() != "***"


def sector_matches(system_sector: str | None, gold_sector: str | None) -> bool:
    """Compare the first three letters of the sectors (gold ``CVLalb`` == ``CVL``). CAMEO's
    health code HLH is PLOVER's MED (manual, sector note 4)."""
    s, g = _norm(system_sector)[:3], _norm(gold_sector)[:3]
    if g == "HLH":
        g = "MED"
    return bool(g) and s == g


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- input

def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSON-lines file (``.gz`` too); blank lines are skipped.

    Raises ``ValueError("path:line: reason")`` on a line that is not a JSON
    object with an ``"id"``.
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    rows: list[dict] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object, got {type(row).__name__}")
            if "id" not in row:
                raise ValueError(f"{path}:{lineno}: missing \"id\"")
            rows.append(row)
    return rows


def _docs_by_id(documents: Iterable["Document"]) -> dict[str, "Document"]:
    out: dict[str, Document] = {}
    for doc in documents:
        if doc.id in out:
            raise ValueError(f"duplicate system document id {doc.id!r}")
        out[doc.id] = doc
    return out


def _rows_by_id(gold_rows: Iterable[dict]) -> dict[str, dict]:
    """Gold rows by id; rows sharing an id are merged (their event/timex/toponym lists joined)."""
    out: dict[str, dict] = {}
    seen: dict[str, dict] = {}
    for row in gold_rows:
        rid = str(row["id"])
        if rid not in out:
            out[rid] = dict(row)
            seen[rid] = row
            continue
        merged = out[rid]
        if row == seen[rid]:
            continue    # a line repeated verbatim in the gold file counts once
        for key in ("events", "timexes", "toponyms"):
            if key in row:
                merged[key] = list(merged.get(key) or []) + list(row[key] or [])
    return out


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


# --------------------------------------------------------------------------- events

@dataclass
class EventScores:
    """Scores of system events against a gold event set.

    ``per_type`` maps each gold type to ``{"gold", "found", "typed"}`` dyad counts.
    ``precision``/``f1``/``correct_events`` are ``None`` unless the set is complete.
    Accuracies are ``None`` when no matched participant had a gold code.
    """

    gold_dyads: int = 0
    found: int = 0
    typed: int = 0
    dyad_recall: float | None = None
    typed_recall: float | None = None
    type_accuracy: float | None = None
    documents: int = 0
    system_events: int = 0
    events_per_doc: float | None = None
    max_events_per_doc: int = 0
    precision: float | None = None
    f1: float | None = None
    correct_events: int | None = None
    scored_events: int | None = None
    country_accuracy: float | None = None
    sector_accuracy: float | None = None
    country_n: int = 0
    sector_n: int = 0
    per_type: dict[str, dict] = field(default_factory=dict)
    complete: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_table(self) -> str:
        lines = [
            f"documents           {self.documents}",
            f"gold dyads          {self.gold_dyads}",
            f"dyad recall         {_pct(self.dyad_recall)}  ({self.found}/{self.gold_dyads})",
            f"typed recall        {_pct(self.typed_recall)}  ({self.typed}/{self.gold_dyads})",
            f"type accuracy       {_pct(self.type_accuracy)}  ({self.typed}/{self.found})",
        ]
        if self.complete:
            lines += [
                f"precision           {_pct(self.precision)}  ({self.correct_events}/{self.scored_events})",
                f"F1                  {_pct(self.f1)}",
            ]
        lines += [
            f"events per doc      {self.events_per_doc:.2f} (max {self.max_events_per_doc})"
            if self.events_per_doc is not None else "events per doc      n/a",
            f"country accuracy    {_pct(self.country_accuracy)}  (n={self.country_n})",
            f"sector accuracy     {_pct(self.sector_accuracy)}  (n={self.sector_n})",
        ]
        if self.per_type:
            lines.append("")
            lines.append(f"{'type':<12}{'gold':>6}{'found':>7}{'typed':>7}{'typed%':>8}")
            for t in sorted(self.per_type):
                d = self.per_type[t]
                lines.append(f"{t:<12}{d['gold']:>6}{d['found']:>7}{d['typed']:>7}"
                             f"{_pct(_ratio(d['typed'], d['gold'])):>8}")
        return "\n".join(lines)


def _participants(ev: Any) -> list[Any]:
    return list(getattr(ev, "actor", None) or []) + list(getattr(ev, "recipient", None) or [])


def _gold_participants(gev: dict) -> list[dict]:
    return list(gev.get("actor") or []) + list(gev.get("recipient") or [])


def _text(entity: Any) -> str:
    if isinstance(entity, dict):
        return entity.get("text") or ""
    return getattr(entity, "text", "") or ""


def _dyad_found_by(ev: "Event", a: str, r: str | None, gold_type: str) -> bool:
    """Does one system event cover the gold dyad (A, R)?

    Directed types: an actor matches A and a recipient matches R.
    CONSULT/AGREE/COOPERATE: two *different* participants (actors or
    recipients, either order) match A and R.
    No gold recipient (R is None): an actor matches A (for the symmetric
    types any participant); the system event's recipients do not matter.
    """
    symmetric = _norm(gold_type) in SYMMETRIC_TYPES
    actors = list(ev.actor or [])
    recips = list(ev.recipient or [])
    if r is None:
        pool = actors + recips if symmetric else actors
        return any(span_matches(e.text, a) for e in pool)
    if not symmetric:
        return (any(span_matches(e.text, a) for e in actors)
                and any(span_matches(e.text, r) for e in recips))
    parts = actors + recips
    a_idx = [i for i, e in enumerate(parts) if span_matches(e.text, a)]
    if not a_idx:
        return False
    r_idx = [j for j, e in enumerate(parts) if span_matches(e.text, r)]
    return any(i != j for i in a_idx for j in r_idx)


def _event_correct_for(ev: "Event", gev: dict) -> bool:
    """Precision rule: same type (YIELD equivalence) and one participant matching one of the gold event's."""
    if not type_matches(ev.event, gev.get("event")):
        return False
    gold_texts = [_text(p) for p in _gold_participants(gev)]
    return any(span_matches(s.text, g) for s in _participants(ev) for g in gold_texts)


def _is_complete(rows: list[dict], complete: bool | None) -> bool:
    if complete is not None:
        return bool(complete)
    return bool(rows) and all(
        r.get("complete") is True or r.get("source_set") == "PLOVER-GSR" for r in rows
    )


def score_events(
    gold_rows: Iterable[dict],
    documents: Iterable["Document"],
    complete: bool | None = None,
) -> EventScores:
    """Score system documents against gold event rows (paired by ``document.id == row["id"]``).

    Definitions (README rules, plus the choices made where it is silent):

    * **Gold dyads.** For each gold event of type T, each actor span A and each
      recipient span R gives one dyad (A, R, T).  A gold event with no
      recipient gives one dyad (A, -, T) per actor A; it is *found* when a
      system event has an actor matching A, whatever its recipients (for
      CONSULT/AGREE/COOPERATE, any participant matching A).
    * **Found.** Some system event of the same document covers the dyad (see
      :func:`_dyad_found_by`: directed for most types; for CONSULT, AGREE and
      COOPERATE direction-free, two different system participants matching A
      and R, both may be actors).  **Typed**: found by an event whose type
      matches T (gold YIELD accepts CONCEDE/RETREAT).  The event that finds a
      dyad and the one that types it are the same event.
    * **Documents** are the gold rows (distinct ids); a gold row without a
      system document counts as a document with no events; system documents
      without a gold row are ignored.  ``events_per_doc`` = system events in
      those documents / documents, ``max_events_per_doc`` the largest count.
    * **Complete sets** (``complete=True``, or ``None`` and every row has
      ``source_set == "PLOVER-GSR"`` or ``"complete": true``): each system
      event with at least one actor is scored; it is *correct* when one gold
      event of its document has a matching type and one of its participants
      (actor or recipient text) matches one of that gold event's participants.
      precision = correct / scored (0.0 when nothing was scored);
      F1 = harmonic mean of precision and typed recall.
    * **Country / sector accuracy.** A gold event's *linked* system events are
      those that found at least one of its dyads, plus (complete sets) those
      correct for it.  A gold participant is *matched* when a participant of a
      linked event matches its span; the system entity with the highest
      :func:`span_score` is compared (first in event order on ties).  Country
      accuracy is over matched participants whose gold country is non-empty,
      sector accuracy over those whose gold sector is non-empty and not
      ``***``; see the module docstring for code equivalences (IGO ~ UNO/EUR).
    """
    rows = _rows_by_id(gold_rows)
    docs = _docs_by_id(documents)
    is_complete = _is_complete(list(rows.values()), complete)

    s = EventScores(complete=is_complete)
    per_type: dict[str, dict[str, int]] = {}
    counts: list[int] = []
    correct = scored = 0
    country_ok = sector_ok = 0

    for rid, row in rows.items():
        doc = docs.get(rid)
        sys_events = list(doc.events) if doc is not None else []
        counts.append(len(sys_events))
        gold_events = list(row.get("events") or [])

        linked: list[set[int]] = [set() for _ in gold_events]

        # recall side
        for gi, gev in enumerate(gold_events):
            gtype = _norm(gev.get("event"))
            actors = [_text(a) for a in gev.get("actor") or []]
            recips = [_text(r) for r in gev.get("recipient") or []] or [None]
            pt = per_type.setdefault(gtype, {"gold": 0, "found": 0, "typed": 0})
            for a in actors:
                for r in recips:
                    s.gold_dyads += 1
                    pt["gold"] += 1
                    finders = [ei for ei, ev in enumerate(sys_events) if _dyad_found_by(ev, a, r, gtype)]
                    if finders:
                        s.found += 1
                        pt["found"] += 1
                        linked[gi].update(finders)
                        if any(type_matches(sys_events[ei].event, gtype) for ei in finders):
                            s.typed += 1
                            pt["typed"] += 1

        # precision side
        if is_complete:
            for ei, ev in enumerate(sys_events):
                if not ev.actor:
                    continue
                scored += 1
                ok = False
                for gi, gev in enumerate(gold_events):
                    if _event_correct_for(ev, gev):
                        ok = True
                        linked[gi].add(ei)
                if ok:
                    correct += 1

        # actor coding
        for gi, gev in enumerate(gold_events):
            if not linked[gi]:
                continue
            candidates = [p for ei in sorted(linked[gi]) for p in _participants(sys_events[ei])]
            for gp in _gold_participants(gev):
                check_c = _given(gp.get("country"))
                check_s = _sector_checked(gp.get("sector"))
                if not (check_c or check_s):
                    continue
                best, best_score = None, 0.0
                for cand in candidates:
                    sc = span_score(cand.text, _text(gp))
                    if sc >= MATCH_THRESHOLD - _EPS and sc > best_score + _EPS:
                        best, best_score = cand, sc
                if best is None:
                    continue
                if check_c:
                    s.country_n += 1
                    country_ok += country_matches(best.code, gp.get("country"))
                if check_s:
                    s.sector_n += 1
                    sector_ok += sector_matches(best.sector, gp.get("sector"))

    s.documents = len(counts)
    s.system_events = sum(counts)
    s.events_per_doc = _ratio(s.system_events, s.documents)
    s.max_events_per_doc = max(counts, default=0)
    s.dyad_recall = _ratio(s.found, s.gold_dyads)
    s.typed_recall = _ratio(s.typed, s.gold_dyads)
    s.type_accuracy = _ratio(s.typed, s.found)
    if is_complete:
        s.correct_events, s.scored_events = correct, scored
        s.precision = correct / scored if scored else 0.0
        tr = s.typed_recall or 0.0
        s.f1 = 2 * s.precision * tr / (s.precision + tr) if (s.precision + tr) else 0.0
    s.country_accuracy = _ratio(country_ok, s.country_n)
    s.sector_accuracy = _ratio(sector_ok, s.sector_n)
    s.per_type = dict(sorted(per_type.items()))
    return s


def evaluate_events(
    path: str | Path,
    *,
    extract_many: Callable[..., Iterable["Document"]] | None = None,
    processes: int = 1,
    complete: bool | None = None,
) -> EventScores:
    """Run the pipeline on a gold event file and score it.

    ``extract_many(documents, processes=...)`` defaults to ``dyads.extract_many``
    (``dyads.pipeline`` is imported only here).  If it returns ``None`` the
    documents are taken to have been enriched in place.
    """
    from dyads.model import Document

    rows = load_gold(path)
    docs = [Document(text=r.get("text") or "", id=str(r["id"]), date=r.get("date")) for r in rows]
    if extract_many is None:
        import dyads
        import dyads.pipeline as _pipeline

        extract_many = getattr(dyads, "extract_many", None) or _pipeline.extract_many
    out = extract_many(docs, processes=processes)
    system = list(out) if out is not None else docs
    return score_events(rows, [asserted(d) for d in system], complete=complete)


def asserted(doc: "Document") -> "Document":
    """The document with only asserted events: events kept with a PLOVER auxiliary mode
    (negated, future, hypothetical, historical) are not claims that something happened
    and are not scored."""
    import copy

    out = copy.copy(doc)
    out.events = [e for e in doc.events if not getattr(e, "aux_mode", None)]
    return out


def _run(rows: list[dict], processes: int, date_key: str = "date") -> list["Document"]:
    import dyads
    from dyads.model import Document

    # one document per id: rows sharing an id (a document annotated in parts, or a line
    # repeated in the file) are one text to the system
    first = {str(r["id"]): r for r in reversed(rows)}
    docs = [Document(text=r.get("text") or "", id=rid, date=r.get(date_key)) for rid, r in reversed(first.items())]
    return list(dyads.extract_many(docs, processes=processes))


def evaluate_actors(path: str | Path, date: str | None = None) -> "ActorScores":
    """Score the actor resolver on a gold actor file, phrase by phrase as `dyads actors resolve`
    reads them. A row without a date resolves at `date`, else today (the one date rule)."""
    from dyads.actors.batch import resolve_one
    from dyads.actors.resolver import default_resolver

    resolver = default_resolver()

    def resolve(text: str, context: str | None, row_date: str | None) -> tuple[str | None, str | None]:
        # the context is read as `dyads actors resolve --context` reads it: its country names
        out = resolve_one(text, row_date or date, context, resolver)
        return out["country"], out["sector"]

    return score_actors(load_gold(path), resolve)


def evaluate_dates(path: str | Path, *, processes: int = 1) -> "DateScores":
    """Run the pipeline on a TIMEX gold file (document creation time as publication date) and score dates."""
    rows = load_gold(path)
    return score_dates(rows, _run(rows, processes, date_key="dct"))


def evaluate_places(path: str | Path, *, processes: int = 1) -> "PlaceScores":
    """Run the pipeline on a toponym gold file and score place mentions."""
    rows = load_gold(path)
    return score_places(rows, _run(rows, processes))


# --------------------------------------------------------------------------- actors

@dataclass
class ActorScores:
    """Country and sector accuracy of an actor resolver; ``errors`` lists the misses."""

    rows: int = 0
    country_n: int = 0
    country_correct: int = 0
    country_accuracy: float | None = None
    sector_n: int = 0
    sector_correct: int = 0
    sector_accuracy: float | None = None
    errors: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_table(self) -> str:
        return "\n".join([
            f"actor rows          {self.rows}",
            f"country accuracy    {_pct(self.country_accuracy)}  ({self.country_correct}/{self.country_n})",
            f"sector accuracy     {_pct(self.sector_accuracy)}  ({self.sector_correct}/{self.sector_n})",
        ])


def score_actors(
    gold_rows: Iterable[dict],
    resolve: Callable[[str, str | None, str | None], tuple[str | None, str | None]],
) -> ActorScores:
    """Score ``resolve(text, context, date) -> (country, sector)`` on actor rows.

    Country accuracy is over rows whose expected country is not null; an
    expected ``""`` means "no country" and is correct when the system returns
    ``None`` or ``""``.  Sector likewise (expected ``""`` = no sector; other
    sectors compared on their first three letters).  Country codes use the
    IGO ~ UNO/EUR equivalence.
    """
    s = ActorScores()
    for row in gold_rows:
        s.rows += 1
        exp = row.get("expected") or {}
        country, sector = resolve(row.get("text") or "", row.get("context"), row.get("date"))
        for key, got, cmp in (("country", country, country_matches), ("sector", sector, sector_matches)):
            want = exp.get(key)
            if want is None:
                continue
            ok = (not _given(got)) if str(want).strip() == "" else cmp(got, want)
            if key == "country":
                s.country_n += 1
                s.country_correct += ok
            else:
                s.sector_n += 1
                s.sector_correct += ok
            if not ok:
                s.errors.append({"id": row.get("id"), "text": row.get("text"), "field": key,
                                 "expected": want, "got": got})
    s.country_accuracy = _ratio(s.country_correct, s.country_n)
    s.sector_accuracy = _ratio(s.sector_correct, s.sector_n)
    return s


# --------------------------------------------------------------------------- dates and places

def _overlaps(m: Any, start: int, end: int) -> int:
    """Number of characters a mention shares with [start, end) (0 = no overlap)."""
    return max(0, min(m.end, end) - max(m.start, start))


def _best_overlap(mentions: list["Mention"], start: int, end: int) -> "Mention | None":
    """The mention sharing the most characters with the span (first on ties), or None."""
    best, best_n = None, 0
    for m in mentions:
        n = _overlaps(m, start, end)
        if n > best_n:
            best, best_n = m, n
    return best


def _granularity(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(value)]


@dataclass
class DateScores:
    """Recall and value accuracy of date mentions; ``per_granularity`` by day/month/year."""

    documents: int = 0
    gold: int = 0
    found: int = 0
    correct_value: int = 0
    recall: float | None = None
    value_accuracy: float | None = None
    per_granularity: dict[str, dict] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_table(self) -> str:
        lines = [
            f"documents           {self.documents}",
            f"gold dates          {self.gold}",
            f"recall              {_pct(self.recall)}  ({self.found}/{self.gold})",
            f"value accuracy      {_pct(self.value_accuracy)}  ({self.correct_value}/{self.found})",
        ]
        for g, d in self.per_granularity.items():
            lines.append(f"  {g:<6} gold {d['gold']:>5}  found {d['found']:>5}  value ok {d['correct_value']:>5}")
        return "\n".join(lines)


def score_dates(gold_rows: Iterable[dict], documents: Iterable["Document"]) -> DateScores:
    """Score date mentions against gold TIMEX3 spans.

    Gold: timexes of type DATE whose value is ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``.  Found: a system mention of kind ``"date"`` overlaps the
    span by at least one character.  The value compared is that of the
    overlapping mention sharing the most characters (first on ties):
    correct when ``mention.value["value"]`` equals the gold value.
    """
    rows = _rows_by_id(gold_rows)
    docs = _docs_by_id(documents)
    s = DateScores(per_granularity={g: {"gold": 0, "found": 0, "correct_value": 0}
                                    for g in ("day", "month", "year")})
    for rid, row in rows.items():
        s.documents += 1
        doc = docs.get(rid)
        mentions = [m for m in (doc.mentions if doc else []) if m.kind == "date"]
        for tx in row.get("timexes") or []:
            value = str(tx.get("value") or "")
            if _norm(tx.get("type")) != "DATE" or not _DATE_VALUE.match(value):
                continue
            g = s.per_granularity[_granularity(value)]
            s.gold += 1
            g["gold"] += 1
            m = _best_overlap(mentions, int(tx["start"]), int(tx["end"]))
            if m is None:
                continue
            s.found += 1
            g["found"] += 1
            if str((m.value or {}).get("value") or "") == value:
                s.correct_value += 1
                g["correct_value"] += 1
    s.recall = _ratio(s.found, s.gold)
    s.value_accuracy = _ratio(s.correct_value, s.found)
    return s


@dataclass
class PlaceScores:
    """Recall of place mentions and accuracy within 161 km."""

    documents: int = 0
    gold: int = 0
    found: int = 0
    too_large: int = 0          # found, but resolved to a region over 1,000 km across: not in accuracy
    within_161km: int = 0
    recall: float | None = None
    accuracy_161km: float | None = None
    median_error_km: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_table(self) -> str:
        med = "n/a" if self.median_error_km is None else f"{self.median_error_km:.0f} km"
        placed = self.found - self.too_large
        return "\n".join([
            f"documents           {self.documents}",
            f"gold toponyms       {self.gold}",
            f"recall              {_pct(self.recall)}  ({self.found}/{self.gold})",
            f"too large to place  {self.too_large}  (continents, oceans, regions over 1,000 km across)",
            f"accuracy@161km      {_pct(self.accuracy_161km)}  ({self.within_161km}/{placed})",
            f"median error        {med}",
        ])


def score_places(gold_rows: Iterable[dict], documents: Iterable["Document"]) -> PlaceScores:
    """Score place mentions against gold toponyms.

    Found: a system mention of kind ``"place"`` overlaps the toponym span. A found toponym resolved
    to a continent or to a region over 1,000 km across (``value["extent_km"]``) is too large to
    place: it counts for recall and is left out of accuracy.
    The overlapping mention sharing the most characters (first on ties) is
    compared: within 161 km (haversine) of the gold coordinates when it has
    ``value["lat"]`` and ``value["lon"]``; a found mention without
    coordinates counts as found but not within 161 km.  ``median_error_km``
    is over found toponyms whose mention has coordinates.
    """
    rows = _rows_by_id(gold_rows)
    docs = _docs_by_id(documents)
    s = PlaceScores()
    errors: list[float] = []
    for rid, row in rows.items():
        s.documents += 1
        doc = docs.get(rid)
        mentions = [m for m in (doc.mentions if doc else []) if m.kind == "place"]
        for tp in row.get("toponyms") or []:
            s.gold += 1
            m = _best_overlap(mentions, int(tp["start"]), int(tp["end"]))
            if m is None:
                continue
            s.found += 1
            val = m.value or {}
            if val.get("kind") == "continent" or (val.get("extent_km") or 0) > 1000:
                s.too_large += 1
                continue
            lat, lon = val.get("lat"), val.get("lon")
            if lat is None or lon is None or tp.get("lat") is None or tp.get("lon") is None:
                continue
            km = haversine_km(float(tp["lat"]), float(tp["lon"]), float(lat), float(lon))
            errors.append(km)
            if km <= PLACE_KM:
                s.within_161km += 1
    s.recall = _ratio(s.found, s.gold)
    s.accuracy_161km = _ratio(s.within_161km, s.found - s.too_large)
    s.median_error_km = statistics.median(errors) if errors else None
    return s
