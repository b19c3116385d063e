"""Scoring dyads on whole articles coded by hand (``dyads evaluate articles``).

The rules are those of ``shared/reference/coding-guide.md`` ("Scoring whole articles"):
every political event of an article is coded, so both precision and recall are measured.
Only asserted system events count (an event with an ``aux_mode`` is not a claim that
something happened); ``min_confidence`` drops less confident events first, as
``--min-confidence`` does on output.

Span level (participants as the text names them; spans match as in
:func:`dyads.evaluate.span_matches`, token F1 >= 0.5):

* a gold event is *found* when a system event of the same article has its type, an actor
  matching one of its actors and, when the gold event names recipients, a recipient
  matching one of them. For CONSULT, AGREE and COOPERATE the sides may be swapped, and
  when the gold event lists every party as an actor, two different system participants
  must match two of them (one, if the gold event has a single party);
* a system event is *correct* when some gold event of its article has its type and one of
  its participants matches one of that gold event's participants.

Code level (as analysts aggregate: type and country pair):

* a gold event is *found* when a system event has its type, shares an actor country, and
  shares a recipient country where the gold event names one (CONSULT, AGREE and COOPERATE
  either way round: the parties' countries are pooled, and when the gold event names two
  or more countries the system event must share two). A gold side with no country at all
  ("gunmen") sets no condition on that side;
* a system event is *correct* when it finds some gold event of its article.

Precision = correct / system events; recall = found / gold events; F1 their harmonic mean.
"""
from __future__ import annotations


import gzip
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from dyads.evaluate import country_matches, load_gold, span_matches, type_matches
from dyads.ontology import SYMMETRIC_EVENTS

__all__ = ["ArticleScores", "load_articles", "read_texts", "score_articles", "evaluate_articles"]


def _texts(entities: Iterable[Any]) -> list[str]:
    out = []
    for e in entities:
        if isinstance(e, dict):
            out += [t for t in (e.get("text"), e.get("entity_text"), e.get("identifier_text")) if t]
        else:
            out += [t for t in (getattr(e, "text", None), getattr(e, "name", None)) if t]
    return out


def _codes(entities: Iterable[Any]) -> set[str]:
    out = set()
    for e in entities:
        code = e.get("country", e.get("code")) if isinstance(e, dict) else getattr(e, "code", None)
        if code:
            out.add(str(code).upper())
    return out


def _shares(system: set[str], gold: set[str]) -> int:
    return sum(1 for g in gold if any(country_matches(s, g) for s in system))


def _any_match(system: list[str], gold: list[str]) -> bool:
    return any(span_matches(s, g) for s in system for g in gold)


def _parts(ev: Any) -> tuple[list[Any], list[Any]]:
    if isinstance(ev, dict):
        return list(ev.get("actor") or []), list(ev.get("recipient") or [])
    return list(ev.actor or []), list(ev.recipient or [])


def span_found(ev: Any, gold: dict) -> bool:
    if not type_matches(ev.event, gold.get("event")):
        return False
    sa, sr = _parts(ev)
    ga, gr = _parts(gold)
    gat, grt = _texts(ga), _texts(gr)
    if gold["event"] in SYMMETRIC_EVENTS:
        pool = [_texts([p]) for p in sa + sr]
        golds = [_texts([p]) for p in ga + gr]
        need = min(2, len(golds))
        hit_gold = {j for j, g in enumerate(golds) for s in pool if _any_match(s, g)}
        hit_sys = {i for i, s in enumerate(pool) for g in golds if _any_match(s, g)}
        return len(hit_gold) >= need and len(hit_sys) >= need
    if not _any_match(_texts(sa), gat):
        return False
    return not grt or _any_match(_texts(sr), grt)


def span_correct(ev: Any, gold: dict) -> bool:
    if not type_matches(ev.event, gold.get("event")):
        return False
    sa, sr = _parts(ev)
    ga, gr = _parts(gold)
    return _any_match(_texts(sa + sr), _texts(ga + gr))


def code_found(ev: Any, gold: dict) -> bool:
    if not type_matches(ev.event, gold.get("event")):
        return False
    sa, sr = _parts(ev)
    ga, gr = _parts(gold)
    if gold["event"] in SYMMETRIC_EVENTS:
        pool = _codes(ga + gr)
        if not pool:
            return True
        return _shares(_codes(sa + sr), pool) >= min(2, len(pool))
    gac, grc = _codes(ga), _codes(gr)
    return (not gac or _shares(_codes(sa), gac) > 0) and (not grc or _shares(_codes(sr), grc) > 0)


def _prf(correct: int, n_system: int, found: int, n_gold: int) -> dict[str, Any]:
    p = correct / n_system if n_system else None
    r = found / n_gold if n_gold else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and (p + r) else (0.0 if p is not None and r is not None else None)
    return {"precision": p, "recall": r, "f1": f, "correct": correct, "system": n_system, "found": found, "gold": n_gold}


@dataclass
class ArticleScores:
    stories: int = 0
    gold_events: int = 0
    system_events: int = 0
    span: dict[str, Any] = field(default_factory=dict)
    code: dict[str, Any] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)   # "selection:random", "topic:results", ...
    details: list[dict[str, Any]] = field(default_factory=list)       # per story: misses and false events

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        out = {"stories": self.stories, "gold_events": self.gold_events, "system_events": self.system_events,
               "events_per_story": round(self.system_events / self.stories, 3) if self.stories else None,
               "span": self.span, "code": self.code, "groups": self.groups}
        if details:
            out["details"] = self.details
        return out

    def format_table(self) -> str:
        def pct(x: Any) -> str:
            return "  -  " if x is None else f"{x:5.3f}"

        lines = [f"stories {self.stories}, gold events {self.gold_events}, system events {self.system_events}",
                 "", f"{'':<26}{'P':>7}{'R':>7}{'F1':>7}{'sys':>6}{'gold':>6}{'ev/story':>10}"]
        rows = [("all: span level", self.span, self.stories), ("all: code level", self.code, self.stories)]
        rows += [(f"{name}: code level", g["code"], g["stories"]) for name, g in sorted(self.groups.items())]
        for name, s, n in rows:
            lines.append(f"{name:<26}{pct(s['precision']):>7}{pct(s['recall']):>7}{pct(s['f1']):>7}"
                         f"{s['system']:>6}{s['gold']:>6}{(s['system'] / n if n else 0):>10.2f}")
        return "\n".join(lines)


def _event_brief(ev: Any) -> dict[str, Any]:
    sa, sr = _parts(ev)
    if isinstance(ev, dict):
        return {"event": ev.get("event"), "actor": [(p.get("text"), p.get("country")) for p in sa],
                "recipient": [(p.get("text"), p.get("country")) for p in sr], "sentence": ev.get("sentence")}
    m = ev.mentions[0] if getattr(ev, "mentions", None) else None
    return {"event": ev.event, "mode": getattr(ev, "mode", None), "actor": [(p.text, p.code) for p in sa],
            "recipient": [(p.text, p.code) for p in sr], "confidence": round(getattr(ev, "confidence", 0.0), 3),
            "trigger": m.trigger_text if m else None, "sentence": m.sentence if m else None}


def score_articles(gold_rows: Iterable[dict], documents: Iterable[Any], min_confidence: float = 0.0) -> ArticleScores:
    """Score coded documents against whole-article annotations (paired by id)."""
    rows = list(gold_rows)
    docs = {d.id: d for d in documents}
    tallies: dict[str, list[int]] = defaultdict(lambda: [0] * 8)   # span c,n,f,g then code c,n,f,g
    out = ArticleScores(stories=len(rows))
    group_stories: dict[str, int] = defaultdict(int)
    for row in rows:
        doc = docs.get(str(row["id"]))
        system = [e for e in (doc.events if doc is not None else [])
                  if not e.aux_mode and e.confidence >= min_confidence]
        gold = list(row.get("events") or [])
        groups = ["all"] + [f"{k}:{row[k]}" for k in ("selection", "split", "batch", "topic") if row.get(k)]
        sc = sum(1 for e in system if any(span_correct(e, g) for g in gold))
        sf = sum(1 for g in gold if any(span_found(e, g) for e in system))
        cc = sum(1 for e in system if any(code_found(e, g) for g in gold))
        cf = sum(1 for g in gold if any(code_found(e, g) for e in system))
        for name in groups:
            t = tallies[name]
            for i, v in enumerate((sc, len(system), sf, len(gold), cc, len(system), cf, len(gold))):
                t[i] += v
            group_stories[name] += 1
        misses = [_event_brief(g) for g in gold if not any(code_found(e, g) for e in system)]
        false = [_event_brief(e) for e in system if not any(code_found(e, g) for g in gold)]
        if misses or false:
            out.details.append({"id": row["id"], "missed": misses, "false": false})
    t = tallies["all"]
    out.gold_events, out.system_events = t[3], t[1]
    out.span = _prf(*t[0:4])
    out.code = _prf(*t[4:8])
    for name, t in tallies.items():
        if name != "all":
            out.groups[name] = {"stories": group_stories[name], "span": _prf(*t[0:4]), "code": _prf(*t[4:8])}
    return out


def load_articles(path: str | Path) -> list[dict]:
    """Annotation rows, one JSON object per line: {"id", "events", ...}; errors name the line."""
    rows = load_gold(path)
    for n, row in enumerate(rows, 1):
        if not isinstance(row.get("events", []), list):
            raise ValueError(f"{path}: row {n} ({row['id']}): \"events\" must be a list")
    return rows


def read_texts(corpus: str | Path, ids: set[str]) -> dict[str, dict]:
    """The rows of a JSON-lines corpus (`.gz` or not) whose ids are wanted."""
    opener = gzip.open if str(corpus).endswith(".gz") else open
    out = {}
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row.get("id")) in ids:
                out[str(row["id"])] = row
    return out


def evaluate_articles(path: str | Path, *, corpus: str | Path | None = None, split: str | None = None,
                      processes: int = 1, min_confidence: float | None = None) -> ArticleScores:
    """Code the annotated articles (text from the row, else from `corpus`) and score them."""
    import dyads
    from dyads.model import Document

    rows = [r for r in load_articles(path) if split in (None, "all") or r.get("split") == split]
    need = {str(r["id"]) for r in rows if not r.get("text")}
    texts = read_texts(corpus, need) if need and corpus is not None else {}
    missing = sorted(need - set(texts))
    if missing:
        where = f"in {corpus}" if corpus is not None else "(no text in the file: pass --corpus)"
        raise ValueError(f"no text for {len(missing)} article(s) {where}, e.g. {missing[0]}")
    docs = []
    for r in rows:
        src = r if r.get("text") else texts[str(r["id"])]
        docs.append(Document(text=src.get("text") or "", id=str(r["id"]), date=r.get("date") or src.get("date"),
                             title=src.get("title")))
    coded = list(dyads.extract_many(docs, processes=processes, mentions=False, min_confidence=min_confidence))
    return score_articles(rows, coded, min_confidence=min_confidence or 0.0)
