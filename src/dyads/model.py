"""The data objects that flow through dyads.

A reader makes a `Document`; pipeline stages (language, actors, events, dates,
places) enrich it; writers and stores consume it. Offsets are character
offsets into `Document.text`, end exclusive.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from dyads.ontology import QUAD_NAMES  # re-exported: dyads.model.QUAD_NAMES (plover.yaml)


@dataclass
class Entity:
    """One member of an event's actor or recipient list (a PLOVER entity)."""

    text: str
    start: int
    end: int
    code: str | None = None          # ISO 3166-1 alpha-3 or PLOVER pseudo-country (IGO, UNO, NGO, ...)
    sector: str | None = None        # primary PLOVER sector (GOV, MIL, ...)
    sectors: list[str] = field(default_factory=list)
    name: str | None = None          # canonical name when the knowledge base knows the entity
    kind: str = "unknown"            # country | person | organization | agent | media | unknown
    kb_id: str | None = None
    office: str | None = None
    country_inferred: bool = False   # code taken from sentence/document context, not the phrase itself
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """PLOVER entity field names plus our extras."""
        return {
            "code": self.code,
            "sector": self.sector,
            "sectors": list(self.sectors),
            "entity_text": self.text,
            "identifier_text": self.name,
            "identifier_id": self.kb_id,
            "office": self.office,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "country_inferred": self.country_inferred,
        }


@dataclass
class Resolution:
    """What an actor resolver says about a piece of text."""

    code: str | None = None
    sector: str | None = None
    sectors: list[str] = field(default_factory=list)
    name: str | None = None
    kind: str = "unknown"
    kb_id: str | None = None
    office: str | None = None
    country_inferred: bool = False
    confidence: float = 0.5


@dataclass
class EventMention:
    """One place in the text where an event is stated."""

    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence: str
    trigger: tuple[int, int]
    trigger_text: str
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    recipient_spans: list[tuple[int, int]] = field(default_factory=list)
    paragraph_index: int = 0
    attribution: str | None = None   # who is quoted as saying it ("X said Y attacked Z" -> X)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """A PLOVER event with CAMEO equivalents and provenance."""

    event: str
    actor: list[Entity]
    recipient: list[Entity] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    aux_mode: str | None = None      # historical | future | hypothetical | negation (kept, not a new event)
    nonpolitical: str | None = None  # why the event is not political (then output only when asked for)
    confidence: float = 0.5
    id: str = ""
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None   # text | context | publication | None
    place: dict[str, Any] | None = None
    location_source: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    event_scale: float | None = None   # the PLOVER conflict-cooperation score of event (and mode)
    quad_code: int | None = None
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def plover_score(self) -> float | None:
        """Deprecated name of `event_scale`."""
        return self.event_scale

    @property
    def quad_class(self) -> str | None:
        return QUAD_NAMES.get(self.quad_code) if self.quad_code else None

    def to_dict(self, document: "Document | None" = None) -> dict[str, Any]:
        first = self.mentions[0] if self.mentions else None
        out: dict[str, Any] = {
            "id": self.id,
            "date": self.date,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "aux_mode": self.aux_mode,
            "nonpolitical": self.nonpolitical,
            "event_text": first.sentence if first else None,
            "quad_code": self.quad_code,
            "quad_class": self.quad_class,
            "event_scale": self.event_scale,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "confidence": round(self.confidence, 3),
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "event_loc": self.place,
            "location_source": self.location_source,
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if document is not None:
            out["doc_id"] = document.id
            out["text_info"] = {
                "sequence": first.sentence_index if first else None,
                "start": first.trigger[0] if first else None,
                "end": first.trigger[1] if first else None,
            }
            out["cite_info"] = document.cite_info()
        return out


@dataclass
class Mention:
    """A span found in the text: an actor, a date or a place."""

    kind: str                        # actor | date | place
    text: str
    start: int
    end: int
    sentence_index: int | None = None
    label: str | None = None         # NER label or rule name
    value: dict[str, Any] = field(default_factory=dict)  # normalized value (codes, TIMEX, coordinates)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    paragraph_index: int = 0


@dataclass(frozen=True)
class DocumentError:
    """Why a document could not be coded. `kind` is "language" (the spaCy pipeline failed on
    it) or "stage" (a coding stage raised: a bug); `stage` names the stage, `message` is
    "ExceptionType: text"."""

    kind: str
    message: str
    stage: str | None = None

    def __str__(self) -> str:
        where = f" in {self.stage}" if self.stage else ""
        return f"coding failed{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "stage": self.stage, "message": self.message}


@dataclass
class Document:
    """An article and everything the pipeline found in it."""

    text: str
    id: str = ""
    date: str | None = None          # publication date, ISO 8601 (YYYY-MM-DD)
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    source_name: str | None = None   # input file name / line, for error messages
    language: str = "en"
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    credited: list[str] = field(default_factory=list)  # agencies the text credits ("Anadolu Agency reported")
    warnings: list[str] = field(default_factory=list)
    error: DocumentError | None = None                  # set when coding failed; `events` is then empty

    def cite_info(self) -> dict[str, Any]:
        return {
            "publication": self.publisher,
            "credited_sources": list(self.credited),
            "url": self.url,
            "title": self.title,
            "language": self.language,
            "coder": "dyads",
        }

    def to_dict(self, include_mentions: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
            "cite_info": self.cite_info(),
            "events": [e.to_dict(self) for e in self.events],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.error is not None:
            out["error"] = self.error.to_dict()
        if include_mentions:
            grouped: dict[str, list[dict[str, Any]]] = {"actors": [], "dates": [], "places": []}
            for m in self.mentions:
                grouped.setdefault(m.kind + "s", []).append(m.to_dict())
            out["mentions"] = grouped
        return out
