"""The pipeline, composed in one place: text in, coded `Document` out.

    language (stage A, whole documents, in batches)
    -> sentences -> names -> credits -> analysis -> actors -> dates -> places
    -> events -> relevance -> event dates -> event places -> contexts -> codes -> confidence -> merge

Each stage is a small object in its own module with one signature, `stage(state)`: it
reads what earlier stages put in the document's `CodingState` and adds its own part. Stages
hold only loaded resources (the language model, the lexicon, the actor resolver), never
anything about a document, so one `Pipeline` can serve any number of threads.
"""
from __future__ import annotations


import logging
import os
import threading
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from dyads import chunks
from dyads.actors import ActorResolver
from dyads.actors.lookup import ActorLookup
from dyads.actors.mentions import ActorMentions, KnownNames
from dyads.actors.participants import Participants
from dyads.actors.spans import ActorSpans
from dyads.cite import Credits
from dyads.dates.attach import EventDates
from dyads.dates.mentions import DateMentions
from dyads.events.codes import EventCodes
from dyads.events.coder import SentenceCoder
from dyads.events.confidence import EventConfidence
from dyads.events.contexts import EventContexts
from dyads.events.dedup import MergeEvents
from dyads.events.finder import EventFinder
from dyads.events.lexicon import Lexicon, default_lexicon
from dyads.events.relevance import Relevance
from dyads.language import Analysis, Sentences
from dyads.model import Document, DocumentError
from dyads.nlp import LanguageLayer, default_layer
from dyads.places.attach import EventPlaces
from dyads.places.mentions import PlaceMentions
from dyads.state import CodingState, Stage

log = logging.getLogger(__name__)

STRICT_ENV = "DYADS_STRICT"     # "1": a failing stage raises instead of marking the document (tests)


def _default_resolver() -> ActorResolver:
    from dyads.actors.resolver import default_resolver

    return default_resolver()


class Pipeline:
    """The loaded language layer, lexicon and actor resolver, and the stages over them.

    `all_mentions=False` recognizes entities only in sentences that can hold an event (what
    event coding needs, and faster); `Document.mentions` then covers only those sentences.
    `min_confidence` drops events the confidence model finds less likely to be right (None: the
    default rule, `dyads.events.min_confidence_for`; 0 keeps all). `include` keeps, besides asserted political events, events with an auxiliary mode ("aux":
    negated, future, hypothetical, historical) and non-political ones ("nonpolitical"), flagged.
    `strict=True` (or DYADS_STRICT=1) lets a stage's exception propagate; otherwise the
    document gets `Document.error` and the others go on."""

    def __init__(self, layer: LanguageLayer | None = None, resolver: ActorResolver | None = None,
                 lexicon: Lexicon | None = None, all_mentions: bool = True, strict: bool | None = None,
                 include: Iterable[str] = (), min_confidence: float | None = None) -> None:
        self.all_mentions = all_mentions
        self.chunk_chars = chunks.CHUNK_CHARS
        self.include = frozenset(include)
        self.min_confidence = min_confidence
        self._strict = strict
        self.layer = layer or default_layer()
        self.resolver = resolver or _default_resolver()
        self.lexicon = lexicon or default_lexicon()
        lookup = ActorLookup(self.resolver)
        spans = ActorSpans(lookup, frozenset(self.lexicon.nouns))
        events = EventFinder(SentenceCoder(self.lexicon), spans, Participants(lookup))
        self.analysis = analysis = Analysis(self.layer, self.lexicon)
        # trigger and light verb words capitalized after "U.S." in wire copy are read in lower
        # case (dyads.nlp): "the U.S. Kick off talks"
        self.trigger_words = analysis.forms.single | frozenset(analysis.forms.paired) | analysis.light_verbs
        self.stages: list[Stage] = [
            Sentences(), KnownNames(lookup), Credits(lookup.media_name), analysis,
            ActorMentions(lookup), DateMentions(), PlaceMentions(lookup.kind),
            events, Relevance(spans), EventDates(), EventPlaces(), EventContexts(), EventCodes(), EventConfidence(),
            MergeEvents(self.include, min_confidence),
        ]

    @property
    def strict(self) -> bool:
        return os.environ.get(STRICT_ENV) == "1" if self._strict is None else self._strict

    def process(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        """Code documents in order; each comes back with events, or with `error` set. A document
        over `chunk_chars` characters is coded in paragraph-aligned parts (`dyads.chunks`)."""
        for batch in batches(documents, batch_size):
            short: list[Document] = []
            for doc in batch:
                if len(doc.text) <= self.chunk_chars:
                    short.append(doc)
                    continue
                yield from self._process_batch(short) if short else ()
                short = []
                yield self._process_long(doc)
            if short:
                yield from self._process_batch(short)

    def _process_long(self, doc: Document) -> Document:
        spans = chunks.split(doc.text, self.chunk_chars)

        def coded() -> Iterator[tuple[int, Document]]:
            for i, (a, b) in enumerate(spans, 1):
                (part,) = self._process_batch([chunks.part_document(doc, a, b)])
                chunks.log.info("%s: part %d of %d coded (characters %d-%d of %d)", doc.source_name or doc.id,
                                i, len(spans), a, b, len(doc.text))
                yield a, part
        return chunks.merge(doc, coded())

    def _process_batch(self, docs: list[Document]) -> Iterator[Document]:
        try:
            sdocs = self.layer.pipe([d.text for d in docs], batch_size=len(docs), ner=self.all_mentions,
                                    known=self.trigger_words)
        except Exception as exc:
            if self.strict:
                raise
            if len(docs) == 1:
                yield self._fail(docs[0], "language", "language", exc)
                return
            for d in docs:            # one document spoiled the batch: find it, code the others
                yield from self._process_batch([d])
            return
        yield from self.code_many(list(zip(docs, sdocs)))

    def code(self, doc: Document, sdoc: Doc) -> Document:
        """Run every stage over one document whose stage-A spaCy `Doc` is `sdoc`."""
        return self.code_many([(doc, sdoc)])[0]

    def code_many(self, pairs: list[tuple[Document, Doc]]) -> list[Document]:
        """Run every stage over several documents, stage by stage. The analysis stage takes the
        candidate sentences of all of them at once, so spaCy's models see batches of a useful
        size; a document that fails a stage is marked and the others go on."""
        states = [CodingState(doc, sdoc, all_entities=self.all_mentions or self.layer.parses_everything)
                  for doc, sdoc in pairs]
        failed: set[int] = set()
        for state in states:
            state.doc.error = None
        for stage in self.stages:
            live = [s for s in states if id(s) not in failed]
            if stage is self.analysis and len(live) > 1:
                try:
                    self.analysis.many(live)
                    continue
                except Exception:
                    if self.strict:
                        raise
                    # one document spoiled the batch: analyse them one by one to find it
            for state in live:
                try:
                    stage(state)
                except Exception as exc:
                    if self.strict:
                        raise
                    self._fail(state.doc, "stage", stage.name, exc)
                    failed.add(id(state))
        return [s.doc for s in states]

    @staticmethod
    def _fail(doc: Document, kind: str, stage: str, exc: Exception) -> Document:
        doc.error = DocumentError(kind=kind, stage=stage, message=f"{type(exc).__name__}: {exc}")
        doc.events = []
        log.error("%s: %s", doc.source_name or doc.id, doc.error, exc_info=exc)
        return doc


# ---------------------------------------------------------------------- module API
_PIPELINES: dict[Any, Pipeline] = {}
_PIPELINES_LOCK = threading.Lock()


def default_pipeline(all_mentions: bool = True, include: Iterable[str] = (),
                     min_confidence: float | None = None) -> Pipeline:
    """The shared pipeline (language layer, lexicon and resolver are loaded once per process)."""
    include = frozenset(include)
    key = all_mentions if not include and min_confidence is None else (all_mentions, include, min_confidence)
    with _PIPELINES_LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = Pipeline(all_mentions=all_mentions, include=include, min_confidence=min_confidence)
        return _PIPELINES[key]


def _as_document(item: Any, n: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(text=item, id=f"doc-{n}")
    if isinstance(item, dict):
        return Document(text=item.get("text") or "", id=str(item.get("id") or f"doc-{n}"), date=item.get("date"),
                        title=item.get("title"), url=item.get("url"), publisher=item.get("publisher"))
    raise TypeError(f"cannot make a Document from {type(item).__name__}")


def extract(text: str, date: str | None = None, id: str | None = None, include: Iterable[str] = (),
            min_confidence: float | None = None) -> Document:
    """Code one article. `date` is its publication date (ISO); without it, dates stay relative.
    `include` may add "aux" and "nonpolitical" events, and `min_confidence` drops less likely
    events (see `Pipeline`)."""
    doc = Document(text=text, id=id or "doc-1", date=date)
    return next(default_pipeline(include=include, min_confidence=min_confidence).process([doc]))


def _worker_init(all_mentions: bool, include: frozenset[str], min_confidence: float | None) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = (all_mentions, include, min_confidence)
    default_pipeline(all_mentions, include, min_confidence)


_WORKER_OPTIONS: tuple[bool, frozenset[str], float | None] = (True, frozenset(), None)


def _worker_run(docs: list[Document]) -> list[Document]:
    return list(default_pipeline(*_WORKER_OPTIONS).process(docs))


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most `size` documents, in order."""
    buf: list[Document] = []
    for d in docs:
        buf.append(d)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def extract_many(items: Iterable[Any], processes: int = 1, batch_size: int = 16,
                 mentions: bool = True, include: Iterable[str] = (),
                 min_confidence: float | None = None) -> Iterator[Document]:
    """Code many articles (Documents, dicts or strings), in order, optionally in several processes.

    Returns a lazy iterator: documents are read and coded as you consume it.
    `mentions=False` finds entities only where events can be (sentences with a trigger
    word): the events are the same, it is faster, and `Document.mentions` is partial.
    `include` may add "aux" and "nonpolitical" events, and `min_confidence` drops less likely
    events (see `Pipeline`)."""
    include = frozenset(include)
    docs = (_as_document(x, i) for i, x in enumerate(items, 1))
    if processes <= 1:
        yield from default_pipeline(mentions, include, min_confidence).process(docs, batch_size=batch_size)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    with ctx.Pool(processes, initializer=_worker_init, initargs=(mentions, include, min_confidence)) as pool:
        for batch in pool.imap(_worker_run, batches(docs, batch_size)):
            yield from batch
