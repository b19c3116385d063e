"""Actor resolution: from a noun phrase to a PLOVER country code and sector.

The pipeline talks to actors only through the `ActorResolver` protocol, so a
different knowledge base (or a user's overlay) can be swapped in.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from dyads.model import Resolution


@runtime_checkable
class ActorResolver(Protocol):
    def resolve(
        self,
        text: str,
        date: str | None = None,
        context_codes: Sequence[str] = (),
    ) -> Resolution | None:
        """Resolve an actor phrase ("Turkish Foreign Minister Mevlut Cavusoglu",
        "Ankara", "riot police") on an event date (ISO, or None = today).

        `context_codes` are country codes of the sentence/document, most
        relevant first; used (and flagged with `country_inferred`) only when
        the phrase itself names no country. Returns None when the phrase is not
        an actor at all (e.g. "the earthquake").
        """
        ...


def resolve_many(rows, resolver=None, on_error=None):
    """Resolve JSON-like rows {"id","text","context","date"}; see dyads.actors.batch."""
    from dyads.actors.batch import resolve_many as _resolve_many

    return _resolve_many(rows, resolver=resolver, on_error=on_error)
