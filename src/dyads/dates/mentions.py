"""Stage: the document's date mentions, each normalized in the tense of its sentence.

Sources: the language layer's DATE/TIME entities (a range gives one mention per date) and
what the date rules of `dates.expressions` find elsewhere in the text (in the analysed
sentences only, when the pipeline recognizes entities only there).
"""
from __future__ import annotations

from dyads.dates.expressions import DateValue, find, normalize, split_range, tense_of
from dyads.model import Mention
from dyads.coverage import Coverage
from dyads.state import CodingState

DATE_LABELS = {"DATE", "TIME"}


def tense_at(state: CodingState, start: int) -> str | None:
    """The tense of the sentence around a character offset (see `tense_of`)."""
    s = state.index.sentence_at(start)
    if s is None:
        return None
    return tense_of(state.text[s.start:s.end], start - s.start)


def date_value(state: CodingState, text: str, start: int) -> DateValue | None:
    """Normalize a date expression found at `start` (a range reads as its first date)."""
    a, _, part = split_range(text)[0]
    return normalize(part, state.publication_date, tense_at(state, start + a))


def _mention(state: CodingState, text: str, start: int, label: str, value: DateValue) -> Mention:
    return Mention("date", text, start, start + len(text), state.index.index_at(start), label,
                   {"value": value.value, "precision": value.precision, "relative": value.relative})


def _rule_dates(state: CodingState) -> list[tuple[int, int]]:
    """Spans the date rules find: in the whole text when every mention is wanted, else (like
    the entity mentions) in the analysed sentences only; events take their dates from there."""
    if state.all_entities:
        return find(state.text)
    out = []
    for p in state.parsed:
        s = state.doc.sentences[p.index]
        out += [(s.start + a, s.start + b) for a, b in find(state.text[s.start:s.end])]
    return out


class DateMentions:
    name = "dates"

    def __call__(self, state: CodingState) -> None:
        text, pub = state.text, state.publication_date
        out: list[Mention] = []
        spans: list[tuple[int, int]] = []
        for ents, off in state.entity_sources():
            for ent in ents:
                if ent.label_ not in DATE_LABELS:
                    continue
                base = off + ent.start_char
                spans.append((base, off + ent.end_char))
                for a, b, part in split_range(ent.text):
                    dv = normalize(part, pub, tense_at(state, base + a))
                    if dv is not None:
                        out.append(_mention(state, ent.text[a:b], base + a, ent.label_, dv))
        taken = Coverage(len(text), spans)
        for a, b in _rule_dates(state):
            if taken.overlaps(a, b) or state.in_credit(a, b):
                continue
            dv = normalize(text[a:b], pub, tense_at(state, a))
            if dv is not None:
                out.append(_mention(state, text[a:b], a, "RULE", dv))
        state.doc.mentions += out
