"""Long documents in parts: a text over `CHUNK_CHARS` characters is coded in paragraph-aligned
parts, one after the other, and the parts' findings are put back together with the document's
own offsets. Memory then depends on the part, not on the document, and spaCy's length limit
(E088) is never reached.

    >>> text = "First paragraph.\\n\\nSecond one.\\n\\nThird."
    >>> [text[a:b] for a, b in split(text, 20)]
    ['First paragraph.\\n\\n', 'Second one.\\n\\nThird.']

An event told twice in two different parts stays two events (each part merges its own).
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Iterable

from dyads.model import Document, DocumentError, Event, EventMention, Mention, Sentence

CHUNK_CHARS = 100_000
log = logging.getLogger(__name__)     # one INFO line per part coded: the progress of a long document

# where a part may end, best first: after a paragraph break, a line break, a sentence, a space
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def split(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive parts of at most `limit` characters that cover `text`, each
    ending at the last paragraph break before the limit (else line break, sentence end, space)."""
    parts: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        cut = None
        for rx in _CUTS:
            # the last boundary in the second half of the window: parts are never tiny
            found = [m.end() for m in rx.finditer(text, start + limit // 2, end) if m.end() < end]
            if found:
                cut = found[-1]
                break
        cut = cut or end
        parts.append((start, cut))
        start = cut
    parts.append((start, n))
    return parts


def part_document(doc: Document, start: int, end: int) -> Document:
    """The part of `doc` from `start` to `end`, as a document of its own (same id and metadata)."""
    return replace(doc, text=doc.text[start:end], sentences=[], events=[], mentions=[], credited=[],
                   warnings=[], error=None)


def merge(doc: Document, parts: Iterable[tuple[int, Document]]) -> Document:
    """Put coded parts ((character offset, coded part), in order) back into `doc`."""
    from dyads.events.dedup import event_id

    doc.sentences, doc.events, doc.mentions = [], [], []
    failed = []
    n_parts = 0
    for offset, part in parts:
        n_parts += 1
        s_off = len(doc.sentences)
        p_off = doc.sentences[-1].paragraph_index + 1 if doc.sentences else 0
        doc.sentences += [Sentence(s.index + s_off, s.start + offset, s.end + offset, s.paragraph_index + p_off)
                          for s in part.sentences]
        doc.mentions += [_shift_mention(m, offset, s_off) for m in part.mentions]
        for ev in part.events:
            _shift_event(ev, offset, s_off, p_off)
            ev.id = event_id(doc.id, ev)
            doc.events.append(ev)
        doc.credited += [c for c in part.credited if c not in doc.credited]
        doc.warnings += [w for w in part.warnings if w not in doc.warnings]
        if part.error is not None:
            failed.append(f"characters {offset}-{offset + len(part.text)}: {part.error}")
    if failed and len(failed) == n_parts:
        doc.error = DocumentError(kind="stage", message=f"every part failed; first: {failed[0]}")
    for f in failed:
        doc.warnings.append(f"part not coded, {f}")
    return doc


def _shift_mention(m: Mention, offset: int, s_off: int) -> Mention:
    return replace(m, start=m.start + offset, end=m.end + offset,
                   sentence_index=None if m.sentence_index is None else m.sentence_index + s_off)


def _shift_event(ev: Event, offset: int, s_off: int, p_off: int) -> None:
    for e in ev.actor + ev.recipient:
        if e.start is not None:
            e.start += offset
            e.end += offset
    if ev.place and ev.place.get("start") is not None:
        ev.place = dict(ev.place, start=ev.place["start"] + offset, end=ev.place["end"] + offset)
    ev.mentions = [_shift_event_mention(m, offset, s_off, p_off) for m in ev.mentions]


def _shift_event_mention(m: EventMention, offset: int, s_off: int, p_off: int) -> EventMention:
    def spans(xs):
        return [(a + offset, b + offset) for a, b in xs]

    return replace(m, sentence_index=m.sentence_index + s_off, sentence_start=m.sentence_start + offset,
                   sentence_end=m.sentence_end + offset, trigger=(m.trigger[0] + offset, m.trigger[1] + offset),
                   actor_spans=spans(m.actor_spans), recipient_spans=spans(m.recipient_spans),
                   paragraph_index=m.paragraph_index + p_off)
