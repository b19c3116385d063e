"""dyads.ontology: PLOVER facts defined once, in data/plover.yaml."""
import copy

import pytest

from dyads import ontology as O

MANUAL_ORDER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def test_events_in_manual_order():
    assert O.EVENTS == MANUAL_ORDER
    assert len(set(O.EVENTS)) == 16


def test_quads():
    assert O.QUAD_NAMES == {1: "verbal cooperation", 2: "material cooperation",
                            3: "verbal conflict", 4: "material conflict"}
    by_quad = {q: {e for e in O.EVENTS if O.quad_code(e) == q} for q in (1, 2, 3, 4)}
    assert by_quad[1] == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert by_quad[2] == {"COOPERATE", "AID", "RETREAT"}
    assert by_quad[3] == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    assert by_quad[4] == {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert O.quad_code(" assault ") == 4
    with pytest.raises(ValueError, match="unknown PLOVER event"):
        O.quad_code("YIELD")


def test_every_event_has_every_property_and_no_other():
    for name, ev in O.plover_data()["events"].items():
        assert set(ev["coding"]) == set(O.PROPERTIES), name
        for p in O.BOOLEAN_PROPERTIES:
            assert isinstance(ev["coding"][p], bool), (name, p)
        assert all(isinstance(x, str) and x.isalpha() for x in ev["coding"]["recipient_prepositions"]), name


def test_known_facts():
    # the values the coder used as Python constants before they moved here
    assert O.SYMMETRIC_EVENTS == {"CONSULT", "AGREE", "COOPERATE"}
    assert O.events_with("symmetric") == O.SYMMETRIC_EVENTS
    assert O.events_with("cooperative") == {"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"}
    assert O.events_with("material_conflict") == {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
    assert O.events_with("place_is_target") == {"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT",
                                                "PROTEST", "CONCEDE", "SANCTION"}
    assert O.events_with("of_is_recipient") == {"COERCE", "ASSAULT", "RETREAT", "SANCTION", "ACCUSE",
                                                "SUPPORT", "REJECT"}
    preps = {
        "CONSULT": ("with", "to"), "AGREE": ("with", "to"), "SUPPORT": ("for", "to", "with", "behind"),
        "CONCEDE": ("to",), "COOPERATE": ("with",), "AID": ("to", "for"), "RETREAT": ("from", "to"),
        "REQUEST": ("from", "to", "on"), "ACCUSE": ("against", "of"), "REJECT": (),
        "THREATEN": ("against", "to"), "PROTEST": ("against", "outside"), "SANCTION": ("on", "against", "to"),
        "MOBILIZE": ("against", "toward", "towards", "near"), "COERCE": ("on", "against"),
        "ASSAULT": ("on", "against", "at"),
    }
    assert {e: O.recipient_prepositions(e) for e in O.EVENTS} == preps
    requested = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                 "CONCEDE": "yield", "SUPPORT": "assist"}
    assert {e: O.requested_mode(e) for e in O.EVENTS} == {e: requested.get(e) for e in O.EVENTS}


def test_requested_modes_are_modes_of_request_and_reject():
    for e in O.EVENTS:
        m = O.requested_mode(e)
        if m is not None:
            assert m in O.modes("REQUEST") and m in O.modes("REJECT")


def test_modes():
    assert O.modes("AID") == ()
    assert "visit" in O.modes("CONSULT")
    assert "aerial" in O.modes("ASSAULT")


def test_unknown_property_is_an_error():
    with pytest.raises(KeyError, match="plover.yaml"):
        O.events_with("symetric")


def test_check_names_broken_data():
    good = O.plover_data()
    assert O.check(good) == []
    bad = copy.deepcopy(good)
    bad["events"]["AID"]["coding"]["sym"] = True                # unknown key
    del bad["events"]["ASSAULT"]["coding"]["of_is_recipient"]    # missing key
    bad["events"]["COERCE"]["coding"]["recipient_prepositions"] = [True, "against"]   # unquoted `on`
    bad["events"]["CONSULT"]["coding"]["requested_mode"] = "visit"                    # not a REQUEST mode
    problems = "\n".join(O.check(bad))
    assert "AID: unknown coding properties ['sym']" in problems
    assert "ASSAULT: missing coding properties ['of_is_recipient']" in problems
    assert "COERCE: recipient_prepositions" in problems
    assert "CONSULT: requested_mode 'visit' is not a mode of REQUEST" in problems


def test_users_share_the_definition():
    from dyads import evaluate, model
    from dyads.events import cameo

    assert cameo.PLOVER_EVENTS == O.EVENTS
    assert cameo.quad_code is O.quad_code
    assert model.QUAD_NAMES is O.QUAD_NAMES
    assert evaluate.SYMMETRIC_TYPES is O.SYMMETRIC_EVENTS
