"""The event-confidence stage: a logistic model over named features of each event and its story,
whose probability is the event's `confidence`, and the default threshold on output. Every
sentence was written for these tests."""
from __future__ import annotations

import json

import pytest

import dyads
from dyads.events import (BRIEF_MIN_CONFIDENCE, DEFAULT_MIN_CONFIDENCE, NONPOLITICAL_STORY, NONPOLITICAL_STORY_MIN_CONFIDENCE,
                          STORY_SENTENCES, min_confidence_for)
from dyads.events.confidence import MODEL_FILE, ConfidenceModel, business_brief, default_model, story_words

MEETING = ("Japanese Prime Minister Taro Sato met Chinese President Li Wen in Beijing on Tuesday to discuss "
           "the disputed islands, the Japanese foreign ministry said.")
MARKET = ("The central bank said it invited the discount houses to offer bills for sale this morning, "
          "and it accepted 120 mln stg of bids at rates of 9-7/8 pct, dealers said. "
          "Sterling rose 0.4 pct against the mark in thin trading. Dealers said shares and gilts ended "
          "little changed, with the market waiting for the money supply figures due on Tuesday.")
STORY = MEETING + (" The two sides agreed to meet again in Tokyo in May. Sato told reporters the talks had "
                   "been frank. Li said China wanted good relations with its neighbour.")


def test_the_shipped_model_loads_and_says_where_it_came_from():
    model = default_model()
    assert len(model.weights) > 100
    assert model.meta.get("script") == "scripts/train_confidence.py"
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"meta", "weights", "story_bias", "story_weights"}
    assert len(model.story_weights) > 1000


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text('{"coefficients": [1, 2]}', encoding="utf-8")
    with pytest.raises(ValueError, match="model.json: not a confidence model"):
        ConfidenceModel.load(bad)


def test_probability_is_the_logistic_of_the_weighted_sum():
    model = ConfidenceModel({"bias": 0.0, "type=AGREE": 2.0, "story:firms": -1.0})
    assert model.probability({"bias": 1.0}) == pytest.approx(0.5)
    assert model.probability({"bias": 1.0, "type=AGREE": 1.0}) == pytest.approx(0.8808, abs=1e-4)
    assert model.probability({"bias": 1.0, "story:firms": 0.5}) < 0.5
    assert model.probability({"unknown feature": 1.0}) == pytest.approx(0.5)   # unseen features weigh nothing


def test_a_clear_meeting_of_leaders_is_confident():
    [ev] = [e for e in dyads.extract(STORY, date="2024-06-10").events if e.event == "CONSULT"]
    assert ev.confidence >= DEFAULT_MIN_CONFIDENCE


def test_a_business_story_makes_its_events_less_likely():
    story = dyads.extract(STORY, date="2024-06-10", min_confidence=0).events
    business = dyads.extract(MEETING + " " + MARKET, date="2024-06-10", min_confidence=0).events
    meeting = [e for e in business if e.event == "CONSULT"]
    assert meeting and max(e.confidence for e in meeting) < max(e.confidence for e in story if e.event == "CONSULT")


def test_a_money_market_operation_is_not_output_by_default():
    assert dyads.extract(MARKET, date="2024-06-10").events == []
    every = dyads.extract(MARKET, date="2024-06-10", min_confidence=0).events
    assert every and all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in every)


def test_min_confidence_zero_keeps_what_the_default_drops():
    default = dyads.extract(MARKET, date="2024-06-10").events
    every = dyads.extract(MARKET, date="2024-06-10", min_confidence=0).events
    assert len(every) > len(default)
    assert all(e.confidence >= DEFAULT_MIN_CONFIDENCE for e in default)


def test_a_text_of_one_or_two_sentences_keeps_every_event_by_default():
    # no story to judge it by: its events are all output, with their confidence
    alone = "The central bank said it invited the discount houses to offer bills for sale this morning."
    every = dyads.extract(alone, date="2024-06-10", min_confidence=0).events
    assert dyads.extract(alone, date="2024-06-10").events == every
    strict = dyads.extract(alone, date="2024-06-10", min_confidence=0.99).events
    assert strict == [] or all(e.confidence >= 0.99 for e in strict)


def test_the_default_threshold_is_for_stories_and_an_explicit_one_for_every_text():
    assert min_confidence_for(1, None) == 0.0
    assert min_confidence_for(STORY_SENTENCES, None) == DEFAULT_MIN_CONFIDENCE
    assert min_confidence_for(1, 0.7) == 0.7 and min_confidence_for(20, 0.0) == 0.0


def test_a_story_about_something_else_than_politics_asks_more_of_its_events():
    assert min_confidence_for(STORY_SENTENCES, None, story_political=NONPOLITICAL_STORY - 0.1) \
        == NONPOLITICAL_STORY_MIN_CONFIDENCE > DEFAULT_MIN_CONFIDENCE
    assert min_confidence_for(STORY_SENTENCES, None, story_political=NONPOLITICAL_STORY + 0.1) == DEFAULT_MIN_CONFIDENCE
    assert min_confidence_for(STORY_SENTENCES, 0.3, story_political=0.0) == 0.3     # an explicit bar is kept
    assert min_confidence_for(1, None, story_political=0.0) == 0.0                  # no story to judge by
    # the pipeline reads the story model's probability: the meeting story is about politics,
    # the meeting told in a money-market story is not, and only what clears the higher bar stays
    from dyads.model import Document
    from dyads.pipeline import default_pipeline
    [story, market] = default_pipeline().process([Document(text=STORY, id="s", date="2024-06-10"),
                                                   Document(text=MEETING + " " + MARKET, id="m", date="2024-06-10")])
    assert story.events
    assert default_model().story_probability(story_words(None, MEETING + " " + MARKET)) < NONPOLITICAL_STORY
    every = dyads.extract(MEETING + " " + MARKET, date="2024-06-10", min_confidence=0).events
    assert sorted(e.id for e in market.events) == sorted(
        e.id for e in every if e.confidence >= NONPOLITICAL_STORY_MIN_CONFIDENCE)


def test_a_business_brief_has_its_own_threshold_and_other_short_texts_none():
    from dyads.model import Document
    from dyads.pipeline import default_pipeline
    assert min_confidence_for(1, None, business_brief=True) == BRIEF_MIN_CONFIDENCE
    assert min_confidence_for(2, None, business_brief=False) == 0.0
    assert min_confidence_for(STORY_SENTENCES, None, business_brief=True) == DEFAULT_MIN_CONFIDENCE
    assert min_confidence_for(1, 0.0, business_brief=True) == 0.0
    assert business_brief("CHILE REJECTS WHEAT OFFERS", "Chile rejected all offers at its wheat tender.")
    assert business_brief("Officer resigns", "Acme Mining Inc said its treasurer resigned.")
    assert not business_brief("Farmers protest in Lima", "Thousands of farmers protested in Lima.")
    assert not business_brief("CHILE, PERU PRESIDENTS SIGN ACCORD", "Chile and Peru signed a trade accord.")
    # a trade headline is business, but a clear accord between states stays above the threshold
    trade = next(default_pipeline().process([Document(text="Chile and Peru signed a trade accord.", id="t",
                                                      date="2024-06-10", title="CHILE, PERU SIGN TRADE ACCORD")]))
    assert [e.event for e in trade.events] == ["SUPPORT"]
    assert not business_brief(None, "Acme Mining Inc said its treasurer resigned.")
    text = "The central bank said it invited the discount houses to offer bills for sale this morning."
    every = dyads.extract(text, date="2024-06-10", min_confidence=0).events
    assert every and all(e.confidence < BRIEF_MIN_CONFIDENCE for e in every)
    brief = next(default_pipeline().process([Document(text=text, id="b", date="2024-06-10", title="Money market bills")]))
    assert brief.events == []
    # a short political item under its headline keeps its events whatever the model says
    text = "Thousands of farmers protested in Lima on Monday against new taxes on fertiliser."
    other = next(default_pipeline().process([Document(text=text, id="p", date="2024-06-10", title="Farmers protest in Lima")]))
    assert [e.event for e in other.events] == [e.event for e in dyads.extract(text, date="2024-06-10", min_confidence=0).events]


def test_events_asked_for_with_include_are_kept_whatever_their_confidence():
    text = "Acme Corp said it agreed to buy Widget Inc for 40 mln dlrs in cash."
    [ev] = dyads.extract(text, date="2024-06-10", include=("nonpolitical",)).events
    assert ev.nonpolitical and ev.confidence < DEFAULT_MIN_CONFIDENCE


def test_a_weak_event_noun_is_weak_unless_a_light_verb_carries_it(monkeypatch):
    from dyads.events import confidence

    seen: list[tuple[str, float]] = []
    features = confidence.event_features

    def spy(state, found, story=None):
        f = features(state, found, story)
        seen.append((found.raw.trigger.text, f["weak"]))
        return f

    monkeypatch.setattr(confidence, "event_features", spy)
    dyads.extract("Chile raised tariffs on Peruvian textiles on Tuesday.", min_confidence=0)
    assert seen == [("raised", 0.0)]
    seen.clear()
    # holding a thing is no act: "has tariffs" stays weak
    dyads.extract("Chile has tariffs on Peruvian textiles.", min_confidence=0, include=("nonpolitical",))
    assert seen == [("has", 1.0)]
