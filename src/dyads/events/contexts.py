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


# modes that are also contexts: an event coded with one of these modes has that context too
MODE_CONTEXTS = ("cyber", "misinformation")


class EventContexts:
    """Stage: each event's PLOVER contexts from its sentence, paragraph and document."""

    name = "contexts"

    def __call__(self, state) -> None:
        if not state.found:
            return
        text, sentences = state.text, state.doc.sentences
        doc_ctx = count_contexts(text)
        paragraphs = {sentences[f.sentence.index].paragraph_index for f in state.found}
        # counts of the sentences (and so paragraphs) that hold events, not of the whole document
        sent_ctx = {s.index: count_contexts(text[s.start:s.end]) for s in sentences if s.paragraph_index in paragraphs}
        para_ctx: dict[int, Counter[str]] = {}
        for s in sentences:
            if s.index in sent_ctx:
                para_ctx.setdefault(s.paragraph_index, Counter()).update(sent_ctx[s.index])
        for found in state.found:
            ev, sent = found.event, sentences[found.sentence.index]
            ev.context = contexts_for(sent_ctx[sent.index], para_ctx.get(sent.paragraph_index, Counter()), doc_ctx)
            if ev.mode in MODE_CONTEXTS and ev.mode not in ev.context:
                ev.context.append(ev.mode)
