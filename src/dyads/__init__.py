"""dyads: news in, PLOVER political event data out.

    >>> import dyads
    >>> doc = dyads.extract("Turkish police detained 12 protesters in Istanbul on Tuesday.", date="2024-05-01")
    >>> [e.event for e in doc.events]
    ['COERCE']
"""
from __future__ import annotations

from dyads.model import Document, Entity, Event, EventMention, Mention

__version__ = "0.1.0"


def extract(text: str, date: str | None = None, id: str | None = None, include=(),
            min_confidence: float | None = None) -> Document:
    """Code one article; `date` is its publication date (ISO 8601). Only asserted political
    events by default; `include` may add "aux" and/or "nonpolitical" events, flagged.
    `min_confidence` drops events less likely to be right (default: in a story of three or
    more sentences, those below `dyads.events.DEFAULT_MIN_CONFIDENCE`; 0 keeps all)."""
    from dyads.pipeline import extract as _extract

    return _extract(text, date=date, id=id, include=include, min_confidence=min_confidence)


def extract_many(items, processes: int = 1, batch_size: int = 16, mentions: bool = True, include=(),
                 min_confidence: float | None = None):
    """Code many articles (Documents, dicts or strings) in order; `processes` > 1 uses worker
    processes; `mentions=False` skips entity mentions outside event sentences (faster);
    `include` and `min_confidence` as for `extract`.

    Lazy: it returns an iterator, and each document is coded as you read it (in batches of
    `batch_size`), so nothing is coded until you iterate, and a long input never sits in
    memory. Iterate once; use `list(...)` to keep them all."""
    from dyads.pipeline import extract_many as _extract_many

    return _extract_many(items, processes=processes, batch_size=batch_size, mentions=mentions, include=include,
                         min_confidence=min_confidence)


__all__ = ["Document", "Entity", "Event", "EventMention", "Mention", "extract", "extract_many", "__version__"]
