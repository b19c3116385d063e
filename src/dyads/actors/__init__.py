"""Actor resolution: from a noun phrase to a PLOVER country code and sector.

The pipeline talks to actors only through the `ActorResolver` protocol, so a
different knowledge base (or a user's overlay) can be swapped in.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from dyads.model import Resolution


class NameMatch(Protocol):
    """One known name found in a text (e.g. `dyads.actors.gazetteer.GazetteerMatch`)."""

    start: int
    end: int
    kind: str
    code: str | None
    sector: str | None
    name: str | None


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

    def find(self, text: str) -> Sequence[NameMatch]:
        """Every name the resolver knows in a whole text, as matches with `start`, `end`,
        `kind` ("country", "adjective", "metonym", "organization", "person", "agent",
        "media", ...), `code`, `sector` and `name`. The pipeline uses them to choose the
        sentences worth parsing, to count the document's countries and to find the news
        media a story credits. A resolver that cannot scan text may return []."""
        ...


def resolve_many(rows, resolver=None, on_error=None):
    """Resolve JSON-like rows {"id","text","context","date"}; see dyads.actors.batch."""
    from dyads.actors.batch import resolve_many as _resolve_many

    return _resolve_many(rows, resolver=resolver, on_error=on_error)
