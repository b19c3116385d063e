"""What the pipeline knows about one document while it codes it.

A `CodingState` is made for each document and handed from stage to stage; each stage reads
what earlier stages found and adds its own part. Stages keep nothing between documents, so
one pipeline can code many documents at once in several threads. The `Document` is the
lasting result; the rest of the state is dropped when the document is done.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from spacy.tokens import Doc, Span

from dyads.model import Document, Event, Mention
from dyads.nlp import ParsedSentence
from dyads.sentences import SentenceIndex


class Stage(Protocol):
    """A pipeline stage: `name` (for error reports) and one call per document."""

    name: str

    def __call__(self, state: "CodingState") -> None: ...


@dataclass
class FoundEvent:
    """An event as the coder found it in one sentence, with what later stages need to place it."""

    event: Event
    raw: Any                    # events.coder.RawEvent: trigger token, lexicon entry, participants
    sentence: ParsedSentence


@dataclass
class CodingState:
    doc: Document
    sdoc: Doc                                    # the whole document after stage A (sentences, maybe entities)
    all_entities: bool = False                   # stage A recognized entities in every sentence
    # language
    index: SentenceIndex | None = None
    candidates: list[int] = field(default_factory=list)        # sentences that may hold an event
    parsed: list[ParsedSentence] = field(default_factory=list)  # those sentences, analysed
    # credits: spans that name a source ("(Reuters)", datelines), never participants
    credit_spans: list[tuple[int, int]] = field(default_factory=list)
    # actors
    names: list[Any] = field(default_factory=list)             # knowledge-base matches over the whole text
    undated_actor_date: str | None = None     # an undated text's time, from its people and years (dates.era)
    event_actors: list[Mention] = field(default_factory=list)  # actor mentions of the analysed sentences
    countries: list[str] = field(default_factory=list)         # the document's countries, most mentioned first
    # places: the event-side place mentions (analysed sentences, datelines, well-known names)
    event_places: list[Any] = field(default_factory=list)      # places.resolve.PlaceMention
    story_country: str | None = None     # the one country the story's places are in, if they agree
    # events
    found: list[FoundEvent] = field(default_factory=list)
    story_political: float | None = None   # the confidence stage's story model: how likely the story is about politics
    # indexes derived once per document from the fields above (a scan per question makes long
    # documents quadratic)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def publication_date(self) -> str | None:
        return self.doc.date

    @property
    def actor_date(self) -> str | None:
        """The date actors are resolved at: the publication date, else the time an undated text
        speaks from (`dyads.dates.era`, set by the names stage), else None (today)."""
        return self.doc.date or self.undated_actor_date

    def in_credit(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.credit_spans)

    def entity_sources(self) -> list[tuple[Iterable[Span], int]]:
        """(entities, character offset) pairs for every entity the document's mentions use:
        the whole document's when stage A recognized them everywhere, else the analysed
        sentences'."""
        if self.all_entities:
            return [(self.sdoc.ents, 0)]
        return self.parsed_entities()

    def derived(self, key: Any, build: Callable[[], Any]) -> Any:
        """An index derived once per document (`build()` on first use, then kept under `key`)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def parsed_at(self, char: int) -> ParsedSentence | None:
        """The analysed sentence holding character `char`, or None."""
        by_index = self.derived(("parsed", len(self.parsed)), lambda: {p.index: p for p in self.parsed})
        return by_index.get(self.index.index_at(char) if self.index is not None else None)

    def parsed_before(self, char: int, last: int) -> list[int]:
        """Indexes of the `last` analysed sentences that start at or before `char`, in order."""
        offsets = self.derived(("parsed_offsets", len(self.parsed)),
                               lambda: sorted((p.offset, p.index) for p in self.parsed))
        end = bisect_right(offsets, (char, float("inf")))
        return [i for _, i in offsets[max(0, end - last):end]]

    def actors_before(self, char: int, last: int) -> list[Mention]:
        """The `last` actor mentions of the analysed sentences that end at or before `char`, in order."""
        ends, ordered = self.derived(("actor_ends", len(self.event_actors)), self._actors_by_end)
        end = bisect_right(ends, char)
        return ordered[max(0, end - last):end]

    def _actors_by_end(self) -> tuple[list[int], list[Mention]]:
        ordered = sorted(self.event_actors, key=lambda m: m.end)
        return [m.end for m in ordered], ordered

    def parsed_entities(self) -> list[tuple[Iterable[Span], int]]:
        return [(p.doc.ents, p.offset) for p in self.parsed]
