"""data/senses.tsv: well formed, about triggers the lexicon has, and failing on broken rows."""
from __future__ import annotations

from importlib import resources

import pytest

from dyads.events.lexicon import default_lexicon
from dyads.events.senses import parse_senses
from dyads.ontology import EVENTS

TEXT = resources.files("dyads").joinpath("data/senses.tsv").read_text(encoding="utf-8")


def test_every_rule_is_about_a_trigger_of_the_lexicon():
    lex = default_lexicon()
    for r in parse_senses(TEXT):
        entries = lex.table(r.pos).get(r.trigger, [])
        assert entries, f"senses.tsv:{r.line}: no {r.pos} trigger {r.trigger!r} in triggers.tsv"
        assert r.event == "*" or r.event in EVENTS and any(e.event == r.event for e in entries), \
            f"senses.tsv:{r.line}: {r.trigger} {r.pos} never reads as {r.event}"


@pytest.mark.parametrize("row, message", [
    ("hold\tV\tCOERCE\tmaybe\tobject\t@actor", "rule"),
    ("hold\tV\tCOERCE\trequires\telbow\t@actor", "slot"),
    ("hold\tX\tCOERCE\trequires\tobject\t@actor", "part of speech"),
    ("hold\tV\tCOERCE\trequires\tobject\t@no_such_list", "vocabulary.yaml"),
    ("hold\tV\tCOERCE\trequires\tobject", "6 tab-separated"),
])
def test_a_broken_row_fails_naming_its_line(row, message):
    with pytest.raises(ValueError, match=message):
        parse_senses("trigger\tpos\tevent\trule\tslot\twords\n" + row + "\n", name="copy.tsv")
