"""The library API: extract, extract_many, documents as dictionaries, worker processes."""
from __future__ import annotations

import json
import threading

import pytest
from conftest import LAYER_KINDS, REPO, language_layer

import dyads
from dyads.model import Document

_PIPELINES: dict = {}


@pytest.fixture(autouse=True, params=LAYER_KINDS)
def layer_kind(request, monkeypatch):
    """Every test here runs with each language layer behind the module API (worker processes
    started by fork inherit the choice)."""
    import dyads.pipeline as pl

    kind = request.param
    if kind not in _PIPELINES:
        layer = language_layer(kind)
        _PIPELINES[kind] = {True: pl.Pipeline(layer=layer), False: pl.Pipeline(layer=layer, all_mentions=False)}
    monkeypatch.setattr(pl, "_PIPELINES", dict(_PIPELINES[kind]))
    return kind

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


def _stories() -> list[Document]:
    """Sixteen different documents: the bundled samples, the stories above, and short ones."""
    rows = [json.loads(x) for x in (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [Document(text=r["text"], id=r["id"], date=r.get("date"), title=r.get("title")) for r in rows]
    docs += [Document(text=s["text"], id=s["id"], date=s["date"]) for s in STORIES]
    extra = [
        "Chilean police arrested 40 students in Santiago after they occupied a ministry on Monday.",
        "The Philippines accused China of ramming a supply boat near a disputed shoal on Saturday.",
        "Norway's foreign minister met his Iranian counterpart in Oslo to discuss the detained aid workers.",
        "Rebels attacked an army post in northern Mali, killing six soldiers, the army said on Friday.",
        "Germany pledged 300 million euros in humanitarian aid to Sudan, the development ministry said.",
        "Protesters marched through Nairobi on Tuesday to demand that parliament scrap the finance bill.",
        "Ecuador expelled Mexico's ambassador on Thursday after a row over asylum for a former vice president.",
    ]
    docs += [Document(text=t, id=f"extra-{i}", date="2024-06-10") for i, t in enumerate(extra)]
    return docs


def _copies(docs: list[Document]) -> list[Document]:
    return [Document(text=d.text, id=d.id, date=d.date, title=d.title) for d in docs]


def test_eight_threads_sharing_one_pipeline_code_as_one_by_one():
    """One pipeline object serves many threads: no document sees another's state."""
    from dyads.pipeline import default_pipeline

    pipeline = default_pipeline()
    docs = _stories()
    alone = [next(pipeline.process([d])).to_dict(include_mentions=True) for d in _copies(docs)]
    assert sum(len(d["events"]) for d in alone) >= 10
    results: dict[int, dict] = {}
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            start.wait()
            for _ in range(3):            # several rounds, so documents overlap in many ways
                for i in range(k, len(docs), 8):
                    [d] = _copies([docs[i]])
                    results[i] = next(pipeline.process([d])).to_dict(include_mentions=True)
        except BaseException as exc:      # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [results[i] for i in range(len(docs))] == alone


def test_a_failing_stage_marks_the_document_and_the_others_are_coded(monkeypatch):
    from dyads.dates.attach import EventDates
    from dyads.pipeline import Pipeline

    monkeypatch.delenv("DYADS_STRICT")
    real = EventDates.__call__

    def flaky(self, state):
        if "landslide" in state.text:
            raise KeyError("no such paragraph")
        return real(self, state)

    monkeypatch.setattr(EventDates, "__call__", flaky)
    docs = list(dyads.extract_many(STORIES))
    assert docs[1].error is not None and docs[1].events == []
    assert (docs[1].error.kind, docs[1].error.stage) == ("stage", "event dates")
    assert docs[1].error.message == "KeyError: 'no such paragraph'"
    assert docs[1].to_dict()["error"] == {"kind": "stage", "stage": "event dates",
                                          "message": "KeyError: 'no such paragraph'"}
    assert docs[0].error is None and docs[0].events and docs[2].events


def test_a_document_spoiling_the_batched_analysis_is_marked_and_the_others_are_coded(monkeypatch):
    """The analysis stage parses the candidate sentences of a whole batch at once; when that
    fails, each document is analysed alone, so only the one at fault is marked."""
    from dyads.nlp import LanguageLayer

    monkeypatch.delenv("DYADS_STRICT")
    real = LanguageLayer.analyse

    def flaky(self, sents, indices, ner=False):
        if any("landslide" in s.text for s in sents):
            raise ValueError("cannot parse")
        return real(self, sents, indices, ner)

    monkeypatch.setattr(LanguageLayer, "analyse", flaky)
    docs = list(dyads.extract_many(STORIES))
    assert (docs[1].error.kind, docs[1].error.stage) == ("stage", "analysis")
    assert docs[0].error is None and docs[0].events and docs[2].events


def test_strict_mode_raises_the_stage_error(monkeypatch):
    from dyads.dates.attach import EventDates

    def broken(self, state):
        raise KeyError("no such paragraph")

    monkeypatch.setattr(EventDates, "__call__", broken)
    with pytest.raises(KeyError):
        list(dyads.extract_many(STORIES[:1]))


def test_a_custom_actor_resolver_is_used_for_everything_the_pipeline_asks():
    """Resolving phrases and scanning the text both go through the resolver passed in."""
    from dyads.actors.gazetteer import GazetteerMatch
    from dyads.actors.resolver import default_resolver
    from dyads.model import Resolution
    from dyads.pipeline import Pipeline

    class Ruritania:
        """The built-in knowledge base plus one made-up country."""

        def __init__(self) -> None:
            self.base = default_resolver()
            self.scanned = 0

        def resolve(self, text, date=None, context_codes=()):
            if "ruritania" in text.lower():
                police = "police" in text.lower()
                return Resolution(code="RUR", sector="COP" if police else None, name=None if police else "Ruritania",
                                  kind="agent" if police else "country", confidence=0.9)
            return self.base.resolve(text, date=date, context_codes=context_codes)

        def find(self, text):
            self.scanned += 1
            found = list(self.base.find(text))
            i = text.find("Ruritanian")
            if i >= 0:
                found.append(GazetteerMatch(i, i + 10, "Ruritanian", "adjective", "RUR", None, "Ruritania", "rur"))
            return found

    resolver = Ruritania()
    pipeline = Pipeline(resolver=resolver, layer=language_layer("selective"))
    [doc] = pipeline.process([Document(text="Ruritanian police arrested twelve miners in the capital on Monday.",
                                       id="r1", date="2024-06-10")])
    assert resolver.scanned == 1
    [ev] = [e for e in doc.events if e.event == "COERCE"]
    assert [(a.code, a.sector) for a in ev.actor] == [("RUR", "COP")]


def test_the_resolver_protocol_declares_what_the_pipeline_calls():
    from dyads.actors import ActorResolver
    from dyads.actors.resolver import default_resolver

    assert {"resolve", "find"} <= {n for n in dir(ActorResolver) if not n.startswith("_")}
    assert isinstance(default_resolver(), ActorResolver)
