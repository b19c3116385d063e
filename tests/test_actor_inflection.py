"""Singular and plural of agent nouns (dyads.actors.inflection)."""
from __future__ import annotations

import pytest

from dyads.actors.inflection import other_number, plural, singular


@pytest.mark.parametrize("one,many", [("soldier", "soldiers"), ("militiaman", "militiamen"), ("ally", "allies"),
                                      ("witness", "witnesses"), ("monarch", "monarchs"), ("child", "children"),
                                      ("thief", "thieves"), ("day", "days")])
def test_plural_and_singular_are_inverse(one, many):
    assert plural(one) == many
    assert singular(many) == one


@pytest.mark.parametrize("word", ["police", "staff", "clergy", "personnel", "forces", "authorities"])
def test_invariant_nouns_have_no_other_form(word):
    assert plural(word) is None and singular(word) is None


@pytest.mark.parametrize("word", ["press", "bus", "crisis", "displaced", "armed men"])
def test_words_that_only_look_plural_or_singular(word):
    assert other_number(word) is None or other_number(word) != word
    assert singular("press") is None and singular("crisis") is None and plural("displaced") is None


@pytest.mark.parametrize("phrase,other", [("chief of staff", "chiefs of staff"), ("heads of state", "head of state"),
                                          ("riot policeman", "riot policemen"), ("coca growers", "coca grower"),
                                          ("armed men", "armed man")])
def test_only_the_head_word_changes(phrase, other):
    assert other_number(phrase) == other
