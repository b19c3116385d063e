"""Long documents are coded in paragraph-aligned parts and put back together with their own offsets."""
from __future__ import annotations

import logging

from dyads.chunks import split
from dyads.model import Document

STORY = ("Police clashed with protesters in Istanbul on Sunday, the governor said.\n\n"
         "Turkish President Recep Tayyip Erdogan met Azerbaijani President Ilham Aliyev in Ankara on Monday.\n\n"
         "Rebels attacked an army post near Goma, the army said.\n\n")


def test_parts_end_at_paragraph_breaks_and_cover_the_text():
    text = STORY * 3
    spans = split(text, 200)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))          # no gap, no overlap
    assert all(b - a <= 200 for a, b in spans)
    assert all(text[b - 2:b] == "\n\n" for _, b in spans[:-1])             # each part ends a paragraph


def test_a_text_without_breaks_is_cut_at_a_sentence_or_a_space():
    text = "The army fired. " * 40
    spans = split(text, 100)
    assert all(text[b - 2:b] == ". " for _, b in spans[:-1])
    assert split("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]    # nothing better: a hard cut


def test_a_long_document_coded_in_parts_keeps_its_own_offsets(pipeline, caplog):
    text = STORY * 4
    pipeline.chunk_chars = 300
    try:
        with caplog.at_level(logging.INFO, logger="dyads.chunks"):
            doc = next(iter(pipeline.process([Document(text=text, id="long", date="2024-03-05")])))
    finally:
        from dyads.chunks import CHUNK_CHARS
        pipeline.chunk_chars = CHUNK_CHARS
    assert len([r for r in caplog.records if r.name == "dyads.chunks"]) == len(split(text, 300)) > 2
    assert doc.error is None and doc.text == text
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    assert all(text[s.start:s.end].strip() for s in doc.sentences)
    paragraphs = [s.paragraph_index for s in doc.sentences]
    assert paragraphs == sorted(paragraphs) and paragraphs[-1] == 11        # 12 paragraphs, numbered across parts
    assert len({e.id for e in doc.events}) == len(doc.events) >= 8
    for ev in doc.events:
        m = ev.mentions[0]
        assert text[m.trigger[0]:m.trigger[1]] == m.trigger_text
        assert text[m.sentence_start:m.sentence_end].strip() == m.sentence.strip()
        for e in ev.actor + ev.recipient:
            assert text[e.start:e.end] == e.text
        if ev.place:
            assert text[ev.place["start"]:ev.place["end"]] == ev.place["extracted_place"]
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    assert [e for e in doc.events if e.event == "CONSULT" and e.mentions[0].sentence_start > 600]


def test_a_part_that_fails_is_reported_and_the_others_are_kept(pipeline, monkeypatch):
    from dyads import pipeline as pipeline_module

    calls = {"n": 0}
    real = pipeline_module.Pipeline.code_many

    def code_many(self, pairs):
        calls["n"] += 1
        if calls["n"] == 2:          # each part is a batch of its own
            return [self._fail(doc, "stage", "events", RuntimeError("boom")) for doc, _ in pairs]
        return real(self, pairs)

    monkeypatch.setattr(pipeline_module.Pipeline, "code_many", code_many)
    pipeline.chunk_chars = 300
    try:
        doc = next(iter(pipeline.process([Document(text=STORY * 3, id="long", date="2024-03-05")])))
    finally:
        from dyads.chunks import CHUNK_CHARS
        pipeline.chunk_chars = CHUNK_CHARS
    assert doc.error is None and doc.events
    assert any(w.startswith("part not coded, characters ") and "boom" in w for w in doc.warnings)


def test_each_part_coded_is_a_progress_line(pipeline, caplog):
    pipeline.chunk_chars = 300
    try:
        with caplog.at_level(logging.INFO, logger="dyads.chunks"):
            next(iter(pipeline.process([Document(text=STORY * 2, id="long", date="2024-03-05")])))
    finally:
        from dyads.chunks import CHUNK_CHARS
        pipeline.chunk_chars = CHUNK_CHARS
    lines = [r.getMessage() for r in caplog.records if r.name == "dyads.chunks"]
    assert lines and lines[0].startswith("long: part 1 of ") and lines[-1].split(" of ")[0].endswith(str(len(lines)))
