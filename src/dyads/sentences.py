"""Sentences and paragraphs of a document, and finding the sentence around a character.

Sentence boundaries come from the language layer (spaCy's `senter`, or its parser);
paragraph breaks from the text: a blank line, a line indented like a wire story's
paragraphs, or a line break after a sentence's closing punctuation.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from dyads.model import Sentence

PARA_SPLIT = re.compile(r"\n\s*\n|\n(?=[ \t]{2,}\S)|(?<=[.!?\"'”)])\s*\n")


def split_sentences(text: str, sdoc: Doc) -> list[Sentence]:
    """The document's sentences with their paragraph numbers."""
    breaks = [m.end() for m in PARA_SPLIT.finditer(text)]
    out = []
    para = 0
    bi = 0
    for i, s in enumerate(sdoc.sents):
        while bi < len(breaks) and breaks[bi] <= s.start_char:
            para += 1
            bi += 1
        out.append(Sentence(i, s.start_char, s.end_char, para))
    return out


class SentenceIndex:
    """Which sentence (and paragraph) a character offset falls in, by bisection."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def sentence_at(self, char: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, char) - 1
        return self.sentences[i] if i >= 0 else None

    def index_at(self, char: int) -> int | None:
        s = self.sentence_at(char)
        return s.index if s is not None else None

    def paragraph_at(self, char: int) -> int | None:
        s = self.sentence_at(char)
        return s.paragraph_index if s is not None else None
