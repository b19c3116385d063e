"""triggers.tsv and contexts.tsv checked like code (dyads.events.lexicon.check_lexicon /
check_contexts), and the check itself shown failing on broken copies."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from dyads import ontology
from dyads.events.lexicon import (FLAGS, build_lexicon, check_contexts, check_lexicon, default_lexicon,
                                  parse_row)


def _shipped(name: str) -> str:
    return resources.files("dyads").joinpath(f"data/{name}").read_text(encoding="utf-8")


TRIGGERS = _shipped("triggers.tsv")
CONTEXTS = _shipped("contexts.tsv")


def _with_rows(*rows: str) -> str:
    """The shipped table with rows appended (tab-separated columns written with |)."""
    return TRIGGERS.rstrip("\n") + "\n" + "\n".join(r.replace("|", "\t") for r in rows) + "\n"


def _last_line(text: str) -> int:
    return len(text.rstrip("\n").splitlines())


# --------------------------------------------------------------------------- shipped files

def test_shipped_triggers_have_no_problems():
    assert check_lexicon() == []


def test_shipped_contexts_have_no_problems():
    assert check_contexts() == []


def test_every_event_and_mode_of_the_table_is_plover():
    for entries in (default_lexicon().verbs | default_lexicon().nouns | default_lexicon().adjectives).values():
        for e in entries:
            if e.event is not None:
                assert e.event in ontology.EVENTS, e
                assert e.mode is None or e.mode in ontology.modes(e.event), e


def test_flags_are_documented_in_the_header():
    header = "\n".join(line for line in TRIGGERS.splitlines() if line.startswith("#"))
    for flag in FLAGS:
        assert re.search(rf"\b{flag}\b", header), flag


# --------------------------------------------------------------------------- the fixed rows

def test_noun_rows_may_require_a_preposition():
    t = parse_row(["strike on", "N", "ASSAULT", "", "190", "rp=on"])
    assert (t.head, t.modifiers, t.particles, t.specificity) == ("strike", (), ("on",), 1)
    t = parse_row(["air strike", "N", "ASSAULT", "aerial", "195", ""])
    assert (t.head, t.modifiers, t.particles) == ("strike", ("air",), ())


def test_fixed_rows_are_reachable():
    lex = default_lexicon()
    assert [(e.phrase, e.event) for e in lex.nouns["strike"]][:5] == [
        ("hunger strike", "PROTEST"), ("air strike", "ASSAULT"), ("drone strike", "ASSAULT"),
        ("missile strike", "ASSAULT"), ("strike on", "ASSAULT")]
    assert lex.nouns["strike"][-1].event == "PROTEST"            # a bare strike is a labour strike
    assert ("call for", "REQUEST") in [(e.phrase, e.event) for e in lex.nouns["call"]]
    assert ("air raid", "ASSAULT") in [(e.phrase, e.event) for e in lex.nouns["raid"]]
    verbs = [(e.phrase, e.event) for e in lex.verbs["strike"]]
    assert verbs.index(("strike for", "PROTEST")) < verbs.index(("strike", "ASSAULT"))
    assert [e.flags for e in lex.verbs["call"] if e.phrase == "call for"] == [frozenset({"ctrl", "content"})]


def test_aid_rows_have_no_mode():
    assert ontology.modes("AID") == ()
    lex = default_lexicon()
    aid = [e for entries in (lex.verbs | lex.nouns).values() for e in entries if e.event == "AID"]
    assert aid and all(e.mode is None for e in aid)


@pytest.fixture(scope="module")
def parse():
    import spacy

    from dyads.nlp import model_name

    nlp = spacy.load(model_name())
    return nlp


@pytest.mark.parametrize("text,word,phrase,event", [
    ("The Chadian strike on rebel camps was condemned by the opposition.", "strike", "strike on", "ASSAULT"),
    ("Teachers in Lagos began a strike against the state government.", "strike", "strike", "PROTEST"),
    ("Peru repeated its call for an inquiry into the shooting.", "call", "call for", "REQUEST"),
    ("The president ended the call with his counterpart after an hour.", "call", "call", "CONSULT"),
    ("An air raid on the port destroyed two warehouses.", "raid", "air raid", "ASSAULT"),
    ("Port workers in Durban struck for better pay.", "struck", "strike for", "PROTEST"),
])
def test_the_parse_picks_the_meant_row(parse, text, word, phrase, event):
    from dyads.events.triggers import find_triggers

    doc = parse(text)
    found = {t.text: e for t, e in find_triggers(doc, default_lexicon())}
    assert (found[word].phrase, found[word].event) == (phrase, event)


# --------------------------------------------------------------------------- broken copies fail

def test_a_shadowed_row_fails():
    # a second bare noun "raid" for ASSAULT: the COERCE row of the same noun always wins
    text = _with_rows("raid|N|ASSAULT||190|rp=on/against")
    problems = check_lexicon(text)
    n = _last_line(text)
    assert len(problems) == 1
    assert problems[0].startswith(f"triggers.tsv:{n}: 'raid' (N, ASSAULT) can never match: line ")
    first = int(re.search(r"line (\d+)", problems[0])[1])
    assert TRIGGERS.splitlines()[first - 1].startswith("raid\tN\tCOERCE")


def test_a_row_behind_a_general_row_fails_but_not_a_more_specific_one():
    text = _with_rows("summit|N|CONSULT|||", "summit|N|AGREE|||")     # same phrase twice
    assert any(p.startswith(f"triggers.tsv:{_last_line(text)}: 'summit'") for p in check_lexicon(text))
    # an entry with fewer requirements ranks after a more specific one: no problem
    assert check_lexicon(_with_rows("emergency summit|N|CONSULT|||")) == []
    # a later entry whose objects are not all covered by the earlier one is reachable
    assert check_lexicon(_with_rows("impose +quota|V|COERCE|restrict|163|")) == []
    # an entry whose objects are all covered by an earlier entry's is not
    problems = check_lexicon(_with_rows("impose +embargo|V|COERCE|restrict|163|"))
    assert len(problems) == 1 and "can never match" in problems[0]


def test_a_light_verb_hides_nothing():
    # "order" is a light verb without an event: when its object is no event the coder tries the
    # word's other rows, so a row after it is reachable (the shipped table relies on this)
    assert check_lexicon(_with_rows("order +withdrawal|V|RETREAT|withdraw|0872|")) == []


def test_an_unknown_mode_fails():
    text = _with_rows("airlift +food|V|AID|humanitarian|073|")
    [p] = check_lexicon(text)
    assert p == (f"triggers.tsv:{_last_line(text)}: 'humanitarian' is not a mode of AID "
                 "(plover.yaml allows: none)")


def test_an_unknown_event_fails():
    text = _with_rows("scold|V|SCOLD|||")
    [p] = check_lexicon(text)
    assert p.startswith(f"triggers.tsv:{_last_line(text)}: unknown event 'SCOLD'")


def test_an_unknown_flag_fails():
    text = _with_rows("scold|V|ACCUSE|disapprove|111|content,loud")
    [p] = check_lexicon(text)
    assert p.startswith(f"triggers.tsv:{_last_line(text)}: unknown flag 'loud'")


@pytest.mark.parametrize("row,message", [
    ("scold|V|ACCUSE|disapprove|111|rp=at/towardz", "recipient prepositions must be known"),
    ("scold|V|ACCUSE|disapprove|042|", "CAMEO hint 042 is CONSULT in cameo.tsv, not ACCUSE"),
    ("scold|V|ACCUSE|disapprove|999|", "CAMEO hint '999' is not a code of cameo.tsv"),
    ("scold|X|ACCUSE|||", "part of speech 'X'"),
    ("scolding +child|N|ACCUSE|||", "only verb rows take +object words"),
    ("scold|V|-|||weak", "must be a light or speech verb"),
    ("Scold|V|ACCUSE|||", "is not a lower-case word"),
    ("scold|V|ACCUSE||||weak", "expected 3 to 6 tab-separated columns"),
])
def test_other_broken_rows_fail(row, message):
    problems = check_lexicon(_with_rows(row))
    assert len(problems) == 1 and message in problems[0], problems


def test_a_cross_event_hint_needs_its_header_line():
    text = TRIGGERS.replace("# cross-event hint: COERCE 175", "# (removed)")
    problems = check_lexicon(text)
    assert problems and all("CAMEO hint 175 is ASSAULT in cameo.tsv, not COERCE" in p for p in problems)


def test_an_undocumented_flag_fails():
    text = "\n".join(line.replace("conflict2threat (", "c2t (") if line.startswith("#") else line
                     for line in TRIGGERS.splitlines())
    assert check_lexicon(text) == ["triggers.tsv: flag 'conflict2threat' is not documented in the header"]


def test_the_checked_table_is_the_one_loaded():
    text = _with_rows("scold|V|ACCUSE|disapprove|111|content")
    assert build_lexicon(text).verbs["scold"][0].line == _last_line(text)


# --------------------------------------------------------------------------- contexts.tsv

def test_broken_contexts_fail():
    text = CONTEXTS.rstrip("\n") + "\nsports\tfootball|match\n"
    [p] = check_contexts(text)
    assert p.startswith(f"contexts.tsv:{_last_line(text)}: unknown context 'sports'")

    text = CONTEXTS.rstrip("\n") + "\nreparations\treparations|troops\n"
    [p] = check_contexts(text)
    assert p == f"contexts.tsv:{_last_line(text)}: cue 'troops' is also a cue of military (line 4)"

    text = CONTEXTS.rstrip("\n") + "\nreparations\tWar Damages\n"
    [p] = check_contexts(text)
    assert "can never match" in p
