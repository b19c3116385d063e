"""Scoring whole articles (coding-guide.md): span level and code level, with made-up events."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from dyads.evaluate_articles import load_articles, score_articles
from dyads.ontology import EVENTS

REPO = Path(__file__).resolve().parents[1]


def ent(text, code=None):
    return NS(text=text, name=None, code=code)


def ev(event, actor, recipient=(), aux=None, conf=0.8):
    return NS(event=event, actor=list(actor), recipient=list(recipient), aux_mode=aux, confidence=conf, mentions=[])


def gold(event, actor, recipient=()):
    return {"event": event, "actor": [{"text": t, "country": c} for t, c in actor],
            "recipient": [{"text": t, "country": c} for t, c in recipient]}


ROW = {"id": "a1", "events": [
    gold("ACCUSE", [("Chilean President Gabriel Boric", "CHL")], [("Argentina", "ARG")]),
    gold("CONSULT", [("Chile", "CHL"), ("Peru", "PER")]),
]}


def test_a_system_event_of_the_right_type_and_pair_is_found_and_correct():
    doc = NS(id="a1", events=[ev("ACCUSE", [ent("President Gabriel Boric", "CHL")], [ent("Argentina", "ARG")])])
    s = score_articles([ROW], [doc])
    assert (s.code["precision"], s.code["recall"]) == (1.0, 0.5)
    assert s.span["precision"] == 1.0 and s.span["recall"] == 0.5


def test_symmetric_events_need_both_parties_either_way():
    one = NS(id="a1", events=[ev("CONSULT", [ent("Peru", "PER")], [ent("Chile", "CHL")])])
    half = NS(id="a1", events=[ev("CONSULT", [ent("Peru", "PER")])])
    assert score_articles([ROW], [one]).code["found"] == 1
    assert score_articles([ROW], [half]).code["found"] == 0


def test_wrong_type_country_or_auxiliary_events_do_not_count():
    doc = NS(id="a1", events=[ev("REQUEST", [ent("Boric", "CHL")], [ent("Argentina", "ARG")]),
                              ev("ACCUSE", [ent("Boric", "BOL")], [ent("Argentina", "ARG")]),
                              ev("ACCUSE", [ent("Boric", "CHL")], [ent("Argentina", "ARG")], aux="negation")])
    s = score_articles([ROW], [doc])
    assert s.system_events == 2 and s.code["correct"] == 0 and s.code["found"] == 0


def test_min_confidence_drops_unsure_events_first():
    doc = NS(id="a1", events=[ev("ACCUSE", [ent("Boric", "CHL")], [ent("Argentina", "ARG")], conf=0.4)])
    assert score_articles([ROW], [doc], min_confidence=0.5).system_events == 0


def test_scores_are_also_given_per_batch_of_annotation():
    doc = NS(id="a1", events=[ev("ACCUSE", [ent("President Gabriel Boric", "CHL")], [ent("Argentina", "ARG")])])
    s = score_articles([dict(ROW, split="test", batch=2)], [doc])
    assert s.groups["batch:2"]["code"]["recall"] == 0.5 and s.groups["split:test"]["stories"] == 1


def test_the_committed_annotations_are_well_formed():
    rows = load_articles(REPO / "annotations" / "articles.jsonl")
    assert len(rows) >= 150 and len({r["id"] for r in rows}) == len(rows)
    assert {r["selection"] for r in rows} == {"random", "political"} and {r["split"] for r in rows} == {"dev", "test"}
    assert sum(r["selection"] == "political" for r in rows) >= 50
    # each later batch was drawn to check what the earlier ones taught; the newest is held out whole
    # (batch 2 was studied once batch 3 was drawn, batch 3 once batch 4 was, batch 4 once batch 5 was)
    for batch in (2, 3, 4):
        assert sum(r.get("batch") == batch for r in rows) == 45 and all(r["split"] == "dev" for r in rows if r.get("batch") == batch)
    assert sum(r.get("batch") == 5 for r in rows) == 45 and all(r["split"] == "test" for r in rows if r.get("batch") == 5)
    for r in rows:
        for e in r["events"]:
            assert e["event"] in EVENTS, (r["id"], e)
            assert e["actor"] and all(p.get("text") for p in e["actor"] + e.get("recipient", [])), (r["id"], e)


@pytest.mark.skipif(not (REPO.parent / "shared" / "bench" / "reuters21578.jsonl.gz").exists(),
                    reason="../shared/bench is not here: the annotated stories' texts are read from it")
def test_every_annotated_span_is_in_its_story():
    from dyads.evaluate_articles import read_texts

    rows = load_articles(REPO / "annotations" / "articles.jsonl")
    texts = read_texts(REPO.parent / "shared" / "bench" / "reuters21578.jsonl.gz", {r["id"] for r in rows})
    norm = lambda s: " ".join(s.split())
    for r in rows:
        story = norm(texts[r["id"]]["text"])
        for e in r["events"]:
            for p in e["actor"] + e.get("recipient", []):
                assert norm(p["text"]) in story, (r["id"], p["text"])
