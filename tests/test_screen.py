"""The screen decides, before any tagging or parsing, which sentences can hold an event."""
from __future__ import annotations

import pytest

from dyads.language import Analysis


@pytest.fixture(scope="module")
def analysis(pipeline) -> Analysis:
    return next(s for s in pipeline.stages if isinstance(s, Analysis))


@pytest.fixture(scope="module")
def sentence(pipeline):
    def make(text: str):
        (doc,) = pipeline.layer.pipe([text], ner=False)
        return doc[:]
    return make


def passes(analysis, span) -> bool:
    return analysis.forms.found(span) or analysis.criticism.found(span)


@pytest.mark.parametrize("text", [
    "The finance minister imposed sanctions on the neighbouring state.",   # impose +sanction
    "Border guards exchanged prisoners with the rebels on Tuesday.",       # exchange +prisoner
    "The minister condemned the shelling of the town.",                    # condemn, alone
    "Thousands of farmers will march on the parliament in protest.",       # march, the protest
    "The opposition leader said the army must return to its barracks.",    # said ... must: a demand
    "The governor told the commercial banks last week to lower their rates.",  # told ... to: a demand
])
def test_sentences_with_an_event_word_pass(analysis, sentence, text):
    assert passes(analysis, sentence(text))


@pytest.mark.parametrize("text", [
    # object words of "host +president", "dissolve +group", "expel +national" with no such verb
    "The president of the industry group expects national sales figures to improve.",
    # "March" is the month here, not a protest march
    "Output of the plant rose in March from February levels.",
    # a speech verb without a modal of obligation or words of blame
    "The chairman said earnings would rise next year.",
    # "told" with no "to" soon after it: a statement, whatever comes later in the sentence
    "\"Sales will rise,\" the chairman told shareholders in Houston, adding that costs were likely to fall.",
])
def test_sentences_with_only_ordinary_words_do_not(analysis, sentence, text):
    assert not passes(analysis, sentence(text))


def test_an_object_word_counts_beside_its_verb(analysis, sentence):
    # "dissolve" and "group" together can be "dissolve +group" (COERCE)
    assert passes(analysis, sentence("The interior ministry dissolved the opposition group."))
    assert not passes(analysis, sentence("The opposition group has a new chairman."))


def test_light_verbs_are_known_in_all_their_forms_and_event_words_are_not_among_them(analysis):
    # read in lower case after "U.S." in wire copy ("the U.S. Kick off talks"; dyads.nlp)
    assert {"kick", "kicks", "held", "hold", "launched"} <= analysis.light_verbs
    assert "attack" not in analysis.light_verbs and "officials" not in analysis.light_verbs
