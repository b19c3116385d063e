"""The pipeline's one door to an actor resolver: the built-in knowledge base or a user's own.

Answers are cached (a phrase is asked about many times in a document and across documents);
`functools.lru_cache` is safe to share between threads.
"""
from __future__ import annotations

import functools
from typing import Sequence

from dyads.actors import ActorResolver
from dyads.model import Resolution


class ActorLookup:
    def __init__(self, resolver: ActorResolver, cache_size: int = 100_000) -> None:
        self.resolver = resolver
        self._cached = functools.lru_cache(maxsize=cache_size)(self._resolve)

    def _resolve(self, text: str, date: str | None, context: tuple[str, ...]) -> Resolution | None:
        return self.resolver.resolve(text, date=date, context_codes=context)

    def resolve(self, text: str, date: str | None = None, context: Sequence[str] = ()) -> Resolution | None:
        return self._cached(text, date, tuple(context))

    def find(self, text: str) -> list:
        """Every knowledge-base name in a text (see `ActorResolver.find`)."""
        return self.resolver.find(text)

    def terms(self, match) -> tuple[str | None, list]:
        """(person id, terms in office as (start, end) dates) of the one person a found name
        denotes; (None, []) for other names, or when the resolver keeps no terms."""
        terms_of = getattr(self.resolver, "terms", None)
        return terms_of(match) if terms_of is not None else (None, [])

    def kind(self, name: str) -> str | None:
        """"person", "organization", "media", "country", ... for a known name, else None."""
        res = self.resolve(name)
        return res.kind if res is not None else None

    def media_name(self, text: str) -> str | None:
        """The outlet's canonical name if the text names a news medium."""
        res = self.resolve(text)
        return res.name or text if res is not None and res.kind == "media" else None
