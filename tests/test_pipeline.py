"""The library API: extract, extract_many, documents as dictionaries, worker processes."""
from __future__ import annotations

import json

import dyads
from dyads.model import Document

STORIES = [
    {"id": "s1", "date": "2024-06-03", "text": "Kenyan police fired tear gas at protesters in Nairobi on Tuesday."},
    {"id": "s2", "date": "2024-06-03", "text": "Japan pledged $10 million in emergency aid to Papua New Guinea after the landslide."},
    {"id": "s3", "date": "2024-06-03", "text": "The foreign ministers of Brazil and Argentina held talks in Brasilia on Monday."},
]


def test_extract_returns_a_document_with_provenance():
    doc = dyads.extract(STORIES[0]["text"], date=STORIES[0]["date"], id="s1")
    assert isinstance(doc, Document) and doc.id == "s1"
    [ev] = [e for e in doc.events if not e.aux_mode]
    m = ev.mentions[0]
    assert doc.text[m.trigger[0]:m.trigger[1]] == m.trigger_text
    for start, end in m.actor_spans + m.recipient_spans:
        assert 0 <= start < end <= len(doc.text)
    assert m.sentence in doc.text
    d = doc.to_dict(include_mentions=True)
    json.dumps(d)
    assert d["events"][0]["id"] == ev.id and set(d["mentions"]) == {"actors", "dates", "places"}


def test_event_ids_are_stable():
    a = dyads.extract(STORIES[1]["text"], date=STORIES[1]["date"], id="s2")
    b = dyads.extract(STORIES[1]["text"], date=STORIES[1]["date"], id="s2")
    assert [e.id for e in a.events] == [e.id for e in b.events] and a.events


def test_extract_many_keeps_order_and_accepts_dicts_and_strings():
    docs = list(dyads.extract_many(STORIES + ["Egypt condemned the attack on the convoy."]))
    assert [d.id for d in docs][:3] == ["s1", "s2", "s3"]
    assert docs[3].events


def test_two_processes_give_the_same_events_as_one():
    one = [d.to_dict() for d in dyads.extract_many(STORIES, processes=1)]
    two = [d.to_dict() for d in dyads.extract_many(STORIES, processes=2, batch_size=1)]
    assert one == two


def test_mentions_only_in_event_sentences_gives_the_same_events():
    full = [[e.to_dict() for e in d.events] for d in dyads.extract_many(STORIES, mentions=True)]
    fast = [[e.to_dict() for e in d.events] for d in dyads.extract_many(STORIES, mentions=False)]
    assert full == fast
