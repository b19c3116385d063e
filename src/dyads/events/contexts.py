"""PLOVER contexts from paragraph and document vocabulary.

A keyword classifier: each context has cue words (data/contexts.tsv). A
context applies to an event when its cues occur in the event's sentence, or at
least twice in its paragraph, or at least three times in the document.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from importlib import resources

_WORD = re.compile(r"[a-z][a-z\-]+")


@functools.lru_cache(maxsize=1)
def cue_table() -> dict[str, str]:
    """cue word (lower-case, single word) -> context."""
    text = resources.files("dyads").joinpath("data/contexts.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        context, _, cues = line.partition("\t")
        if context == "context":
            continue
        for cue in cues.split("|"):
            cue = cue.strip().lower()
            if cue:
                table[cue] = context.strip()
    return table


def count_contexts(text: str) -> Counter[str]:
    table = cue_table()
    counts: Counter[str] = Counter()
    for w in _WORD.findall(text.lower()):
        ctx = table.get(w)
        if ctx:
            counts[ctx] += 1
    return counts


def contexts_for(sentence: Counter[str], paragraph: Counter[str], document: Counter[str]) -> list[str]:
    out = set(sentence)
    out.update(c for c, n in paragraph.items() if n >= 2)
    out.update(c for c, n in document.items() if n >= 3)
    return sorted(out)
