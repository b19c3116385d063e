"""Resolve many actor phrases at once (the library side of `dyads actors resolve`).

    from dyads.actors.batch import resolve_many
    for out in resolve_many([{"id": "a", "text": "Turkish Foreign Minister Mevlut Cavusoglu",
                              "date": "2023-02-25"}]):
        print(out["country"], out["sector"])      # TUR GOV

A row is a mapping with `text` (required), and optionally `id`, `date` (ISO) and
`context`: either a string of text whose country names (names, demonyms,
capitals) give the context codes, or a list of country codes. Context codes are
used only when the phrase itself names no country (`country_inferred` is then
true).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from dyads.model import Resolution

FIELDS = ("country", "sector", "sectors", "name", "kind", "office", "country_inferred", "confidence")

# gazetteer match kinds that name a country (organizations and people are not context)
_COUNTRY_KINDS = frozenset({"country", "adjective", "metonym"})
_CODE = re.compile(r"^[A-Z]{3}$")


def _default_resolver():
    from dyads.actors.resolver import default_resolver

    return default_resolver()


def context_codes(context: Any, resolver: Any = None) -> list[str]:
    """Context codes from a text ("talks in Ankara with Greek officials" -> ["TUR", "GRC"]),
    a bare code ("TUR"), or a list of codes/texts. Order kept, duplicates dropped."""
    if context is None or context == "":
        return []
    resolver = resolver if resolver is not None else _default_resolver()
    if isinstance(context, str):
        if _CODE.match(context.strip()):
            return [context.strip()]
        find = getattr(resolver, "find", None)
        if find is not None:
            codes = [m.code for m in find(context) if m.code and m.kind in _COUNTRY_KINDS]
        else:   # a resolver with only the ActorResolver protocol
            country_of = getattr(resolver, "country_of", None)
            code = country_of(context) if country_of is not None else None
            if code is None and country_of is None:
                res = resolver.resolve(context)
                code = res.code if res is not None else None
            codes = [code] if code else []
        return _uniq(codes)
    if isinstance(context, (list, tuple)):
        out: list[str] = []
        for c in context:
            if not isinstance(c, str):
                raise ValueError(f"context list items must be strings, got {type(c).__name__}")
            out.extend(context_codes(c, resolver) if not _CODE.match(c.strip()) else [c.strip()])
        return _uniq(out)
    raise ValueError(f"context must be a string or a list of codes, got {type(context).__name__}")


def resolution_dict(res: Resolution | None) -> dict[str, Any]:
    """The JSON fields of a resolution; `country` is None when unresolved."""
    if res is None:
        return {"country": None, "sector": None, "sectors": [], "name": None, "kind": None, "office": None,
                "country_inferred": False, "confidence": None}
    return {"country": res.code, "sector": res.sector, "sectors": list(res.sectors), "name": res.name,
            "kind": res.kind, "office": res.office, "country_inferred": bool(res.country_inferred),
            "confidence": res.confidence}


def resolve_one(text: str, date: str | None = None, context: Any = None, resolver: Any = None) -> dict[str, Any]:
    """`{"text", "country", "sector", "sectors", "name", "kind", "office", "country_inferred", "confidence"}`."""
    resolver = resolver if resolver is not None else _default_resolver()
    codes = context_codes(context, resolver)
    res = resolver.resolve(text, date=date or None, context_codes=codes)
    if res is None or (res.code is None and res.kind == "unknown"):
        # a bare place name is no actor to the resolver (in running text the pipeline's place
        # stage reads it); asked about it alone, it stands for the people there
        res = resolver.place(text) or res
    out = {"text": text, **resolution_dict(res)}
    if out["sector"] is None and (res is None or res.kind in ("unknown", "country")):
        out.update(_unknown_sector(text, res, resolver))
    return out


# words that leave a phrase as bare as the country it names ("the Syrian", "Turkey's")
_BARE = frozenset({"the", "a", "an", "of", "s", "on", "in", "at", "by"})
_WORDS = re.compile(r"[^\W\d_]+")


def _unknown_sector(text: str, res: Resolution | None, resolver: Any) -> dict[str, Any]:
    """The sector of a phrase that names no known actor type. Only a time ("yesterday", "on Monday")
    is no actor at all (JNK); a phrase with a word the knowledge base does not know is an actor of
    unknown sector (UNK): "savages", "a Syrian island". A bare country name or demonym keeps no
    sector, as PLOVER codes the state as a whole."""
    from dyads.dates.expressions import find as find_dates
    from dyads.sectors import NOT_AN_ACTOR

    dates = find_dates(text)
    known = [(m.start, m.end) for m in getattr(resolver, "find", lambda t: [])(text)]
    rest = text
    for a, b in sorted(dates + known, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    words = [w for w in _WORDS.findall(rest) if w.lower() not in _BARE]
    if dates and not words and not known:
        return {"sector": NOT_AN_ACTOR, "sectors": [NOT_AN_ACTOR], "kind": "time"}
    if not words:
        return {}
    return {"sector": "UNK", "sectors": ["UNK"], "kind": "unknown" if res is None else res.kind}


def resolve_row(row: Any, resolver: Any = None) -> dict[str, Any]:
    """One input row -> one output dict (with `id`). Raises ValueError for a bad row."""
    if not isinstance(row, Mapping):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    date = row.get("date")
    if date is not None and not isinstance(date, str):
        raise ValueError(f"'date' must be a string, got {type(date).__name__}")
    out = resolve_one(text, date, row.get("context"), resolver)
    return {"id": row.get("id"), **out}


def resolve_many(rows: Iterable[Any], resolver: Any = None,
                 on_error: Callable[[int, Exception], None] | None = None) -> Iterator[dict[str, Any]]:
    """Resolve rows `{"id", "text", "context", "date"}` lazily, one output dict per row:
    `{"id", "text", "country", "sector", "sectors", "name", "kind", "office", "country_inferred",
    "confidence"}`.

    A bad row raises ValueError, unless `on_error(index, exc)` is given: it is then
    called with the 0-based row index and the row is skipped."""
    resolver = resolver if resolver is not None else _default_resolver()
    for i, row in enumerate(rows):
        try:
            out = resolve_row(row, resolver)
        except ValueError as exc:
            if on_error is None:
                raise
            on_error(i, exc)
            continue
        yield out


def _uniq(xs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out
