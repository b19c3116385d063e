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


def test_disasters_and_trends_are_no_attackers_and_no_aid():
    """The rows for "kill" by an earthquake and "contribute" to a decline read as no event; a
    parse-level check, since whole sentences of this kind rarely reach the coder's output."""
    from dyads.events.senses import failed_rule
    from dyads.nlp import default_layer, fill_pos_lemma

    layer = default_layer()

    def rule(text: str, word: str, pos: str, event: str):
        doc = layer.nlp(text)
        fill_pos_lemma(doc, layer.lemmatize)
        tok = next(t for t in doc if t.text == word)
        return failed_rule(tok, tok.lemma_, pos, event, lambda t: t.ent_type_ in ("GPE", "NORP", "PERSON"))

    assert rule("The earthquake killed three people in Peru.", "killed", "V", "ASSAULT") is not None
    assert rule("The rebels killed three people in Peru.", "killed", "V", "ASSAULT") is None
    assert rule("The scandal contributed to a decline in support.", "contributed", "V", "AID") is not None
    assert rule("Chile contributed troops to the force.", "contributed", "V", "AID") is None


def test_time_spent_somewhere_is_no_aid():
    from dyads.events.senses import failed_rule
    from dyads.nlp import default_layer, fill_pos_lemma

    layer = default_layer()

    def rule(text: str):
        doc = layer.nlp(text)
        fill_pos_lemma(doc, layer.lemmatize)
        tok = next(t for t in doc if t.lower_ == "spent")
        return failed_rule(tok, tok.lemma_, "V", "AID", lambda t: t.ent_type_ in ("GPE", "NORP", "ORG"))

    assert rule("A World Bank mission spent three weeks in Nairobi last spring.") is not None
    assert rule("Norway spent 40 mln crowns on food aid to Ethiopia.") is None


def test_a_loan_held_as_an_asset_is_no_aid():
    from dyads.events.senses import failed_rule
    from dyads.nlp import default_layer, fill_pos_lemma

    layer = default_layer()

    def rule(text: str):
        doc = layer.nlp(text)
        fill_pos_lemma(doc, layer.lemmatize)
        tok = next(t for t in doc if t.lower_ in ("loan", "loans"))
        return failed_rule(tok, "loan", "N", "AID", lambda t: t.ent_type_ in ("GPE", "NORP", "ORG"))

    assert rule("Several banks are preparing to downgrade their Peruvian loans.") is not None
    assert rule("Japan announced a new loan to Peru for the railway.") is None


def test_a_protest_word_modifying_a_force_holds_no_protest():
    """"riot police", "strike aircraft": the `modified` slot is the noun the trigger word modifies."""
    from dyads.events.senses import failed_rule
    from dyads.nlp import default_layer, fill_pos_lemma

    layer = default_layer()

    def rule(text: str, word: str):
        doc = layer.nlp(text)
        fill_pos_lemma(doc, layer.lemmatize)
        tok = next(t for t in doc if t.text == word)
        return failed_rule(tok, word.lower(), "N", "PROTEST", lambda t: t.ent_type_ in ("GPE", "NORP", "PERSON"))

    assert rule("Riot police dispersed the crowd.", "Riot") is not None
    assert rule("The strike aircraft returned to base.", "strike") is not None
    assert rule("The riot lasted two hours.", "riot") is None
    assert rule("The strike by dockers entered its third day.", "strike") is None
