"""Scoring examples: each test is a small made-up news sentence and its gold annotation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.evaluate import (
    evaluate_events,
    haversine_km,
    load_gold,
    score_actors,
    score_dates,
    score_events,
    score_places,
    span_items,
    span_matches,
    span_tokens,
    token_f1,
)
from dyads.model import Document, Entity, Event, Mention

GOLD_DIR = Path(__file__).parents[2] / "shared" / "gold"


# ---------------------------------------------------------------- helpers

def ent(text: str, code: str | None = None, sector: str | None = None) -> Entity:
    return Entity(text=text, start=0, end=len(text), code=code, sector=sector)


def ev(kind: str, actors: list, recipients: list = ()) -> Event:
    def mk(x):
        return x if isinstance(x, Entity) else ent(x)
    return Event(event=kind, actor=[mk(a) for a in actors], recipient=[mk(r) for r in recipients])


def gold_row(doc_id: str, text: str, events: list[tuple], source_set: str = "test") -> dict:
    """events: (type, [actor texts or (text, country, sector)], [recipients])."""
    def part(p):
        if isinstance(p, tuple):
            return {"text": p[0], "country": p[1], "sector": p[2]}
        return {"text": p, "country": None, "sector": None}
    return {
        "id": doc_id, "text": text, "date": None, "source_set": source_set,
        "events": [{"event": t, "mode": None, "actor": [part(a) for a in acts],
                    "recipient": [part(r) for r in recs]} for t, acts, recs in events],
    }


def doc(doc_id: str, *events: Event, text: str = "") -> Document:
    return Document(text=text, id=doc_id, events=list(events))


# ---------------------------------------------------------------- spans

def test_span_tokens_drop_punctuation_articles_and_possessives():
    assert span_tokens("The U.S.'s Department of State") == ["us", "department", "state"]
    assert span_tokens("an Army unit, a convoy!") == ["army", "unit", "convoy"]
    assert span_tokens("Kenya’s coast guard") == ["kenya", "coast", "guard"]
    assert span_tokens("U.N.") == span_tokens("UN") == ["un"]
    assert span_tokens("the") == []


def test_token_f1_edge_cases():
    assert token_f1("the Kenyan navy", "Kenyan Navy") == 1.0
    assert token_f1("Kenyan navy", "Kenyan army") == 0.5
    assert token_f1("Ghana", "Togo") == 0.0
    assert token_f1("", "Togo") == 0.0
    assert token_f1("the", "a") == 0.0          # no tokens on either side: nothing to match
    # repeated tokens are counted as a bag, not a set
    assert token_f1("police police", "police") == pytest.approx(2 / 3)


def test_list_span_items():
    assert span_items("Chile, Peru and Bolivia") == ["Chile", "Peru", "Bolivia"]
    assert span_items("Chile & Peru; Ecuador or Bolivia") == ["Chile", "Peru", "Ecuador", "Bolivia"]
    assert span_items("Finance Minister Ana Ruiz") == ["Finance Minister Ana Ruiz"]
    # a comma inside a number does not make a list
    assert span_items("some 3,000 Malian troops") == ["some 3,000 Malian troops"]


def test_system_span_matches_one_item_of_a_gold_list():
    gold = "Chile, Peru and Bolivia"
    assert span_matches("Peru", gold)                # an item
    assert span_matches("Chile and Peru", gold)      # most of the whole span
    assert not span_matches("Argentina", gold)


def test_short_and_long_spans():
    assert span_matches("President Ana Ruiz", "Ana Ruiz")           # F1 0.8
    assert not span_matches("Ruiz", "Chilean Finance Minister Ana Ruiz")  # too short: F1 0.33


def test_whole_clause_returned_as_actor_does_not_match():
    gold = "Ghana"
    clause = "Ghana on Monday accused its neighbour of closing the border crossing at Aflao"
    assert token_f1(clause, gold) < 0.5
    assert not span_matches(clause, gold)
    # even when the clause contains every item of a list span
    clause = "Chile, Peru and Bolivia signed a treaty on sharing the waters of Lake Titicaca in La Paz on Friday"
    assert not span_matches(clause, "Chile, Peru and Bolivia")
    # up to about three times the gold length still matches (F1 >= 0.5)
    assert span_matches("Chile, Peru and Bolivia signed a water treaty", "Chile, Peru and Bolivia")


# ---------------------------------------------------------------- events: recall

def test_directed_dyad_found_and_typed():
    gold = [gold_row("d1", "Ghana accused Togo of closing the border.", [("ACCUSE", ["Ghana"], ["Togo"])])]
    s = score_events(gold, [doc("d1", ev("ACCUSE", ["Ghana"], ["Togo"]))])
    assert (s.gold_dyads, s.found, s.typed) == (1, 1, 1)
    assert s.dyad_recall == s.typed_recall == s.type_accuracy == 1.0
    assert s.precision is None and s.f1 is None  # not a complete set

    # reversed direction is not found for a directed type
    s = score_events(gold, [doc("d1", ev("ACCUSE", ["Togo"], ["Ghana"]))])
    assert s.found == 0 and s.dyad_recall == 0.0 and s.type_accuracy is None

    # found with the wrong type: counts for dyad recall, not for typed recall
    s = score_events(gold, [doc("d1", ev("PROTEST", ["Ghana"], ["Togo"]))])
    assert (s.found, s.typed, s.type_accuracy) == (1, 0, 0.0)
    assert s.per_type["ACCUSE"] == {"gold": 1, "found": 1, "typed": 0}


def test_dyad_needs_one_event_with_both_sides():
    gold = [gold_row("d1", "Ghana accused Togo.", [("ACCUSE", ["Ghana"], ["Togo"])])]
    split = doc("d1", ev("ACCUSE", ["Ghana"], ["Benin"]), ev("ACCUSE", ["Niger"], ["Togo"]))
    assert score_events(gold, [split]).found == 0


def test_consult_is_direction_free_and_both_may_be_actors():
    gold = [gold_row("d1", "Chile's foreign minister met her Peruvian counterpart in Lima.",
                     [("CONSULT", ["Chile's foreign minister"], ["her Peruvian counterpart"])])]
    reversed_ = doc("d1", ev("CONSULT", ["Peruvian counterpart"], ["Chile's foreign minister"]))
    both_actors = doc("d1", ev("CONSULT", ["Chilean foreign minister", "her Peruvian counterpart"]))
    one_entity = doc("d1", ev("CONSULT", ["Chile's foreign minister"]))
    assert score_events(gold, [reversed_]).typed == 1
    assert score_events(gold, [both_actors]).typed == 1
    assert score_events(gold, [one_entity]).found == 0   # A and R must be two different participants


def test_gold_event_without_recipient_is_one_dyad_per_actor():
    gold = [gold_row("d1", "Chile and Peru agreed to reopen talks; Bolivia resigned itself to wait.", [
        ("AGREE", ["Chile", "Peru"], []),
        ("YIELD", ["Bolivia"], []),
    ])]
    system = doc("d1", ev("AGREE", ["Chile"], ["Peru"]), ev("CONCEDE", ["Bolivia"], ["Chile"]))
    s = score_events(gold, [system])
    assert s.gold_dyads == 3
    # Chile found as actor, Peru as a (symmetric) participant, Bolivia as actor: recipients not required
    assert (s.found, s.typed) == (3, 3)
    # for a directed type, the actor must be an actor
    s = score_events(gold, [doc("d1", ev("CONCEDE", ["Chile"], ["Bolivia"]))])
    assert s.per_type["YIELD"] == {"gold": 1, "found": 0, "typed": 0}


@pytest.mark.parametrize("system_type,typed", [("YIELD", 1), ("CONCEDE", 1), ("RETREAT", 1), ("AGREE", 0)])
def test_gold_yield_accepts_concede_and_retreat(system_type, typed):
    gold = [gold_row("d1", "The rebels handed their weapons to the army.", [("YIELD", ["The rebels"], ["the army"])])]
    s = score_events(gold, [doc("d1", ev(system_type, ["rebels"], ["army"]))])
    assert s.found == 1 and s.typed == typed


def test_list_spans_make_separate_dyads_and_items_match():
    gold = [gold_row("d1", "Kenya sent food to Somalia and Ethiopia.",
                     [("AID", ["Kenya"], ["Somalia and Ethiopia"])])]
    s = score_events(gold, [doc("d1", ev("AID", ["Kenya"], ["Ethiopia"]))])
    assert (s.gold_dyads, s.typed) == (1, 1)


def test_events_per_document_and_missing_documents():
    gold = [gold_row("d1", "x", [("ASSAULT", ["Rebels"], ["a police post"])]),
            gold_row("d2", "y", [("ASSAULT", ["Gunmen"], ["a bus"])])]
    noisy = doc("d1", *[ev("ASSAULT", ["Rebels"], [f"target {i}"]) for i in range(5)])
    s = score_events(gold, [noisy, doc("unrelated", ev("AID", ["A"], ["B"]))])
    assert s.documents == 2          # gold rows; d2 has no system document, 'unrelated' is ignored
    assert s.system_events == 5
    assert s.events_per_doc == 2.5 and s.max_events_per_doc == 5
    assert s.found == 0


# ---------------------------------------------------------------- events: complete sets

def _complete_gold():
    return [gold_row("g1", "Police in Lagos arrested two Ghanaian traders, and Ghana protested to Nigeria.", [
        ("COERCE", [("Police in Lagos", "NGA", "COP")], [("two Ghanaian traders", "GHA", "BUS")]),
        ("PROTEST", [("Ghana", "GHA", None)], [("Nigeria", "NGA", None)]),
    ], source_set="PLOVER-GSR")]


def test_precision_on_complete_sets():
    system = doc("g1",
                 ev("COERCE", [ent("Police", "NGA", "COP")], [ent("two Ghanaian traders", "GHA", "CVL")]),
                 ev("PROTEST", [ent("Ghana", "GHA", "GOV")], [ent("Nigeria", "NGA", "GOV")]),
                 ev("ASSAULT", [ent("Police")], [ent("Ghanaian traders")]),   # wrong type: incorrect
                 ev("PROTEST", [ent("Lagos")], [ent("traders")]),             # right type, no participant match
                 ev("PROTEST", [], [ent("Nigeria")]))                          # no actor: not scored
    s = score_events(_complete_gold(), [system])
    assert s.complete and s.scored_events == 4 and s.correct_events == 2
    assert s.precision == 0.5
    # 'Police' vs 'Police in Lagos' has token F1 0.5: enough to match
    assert s.typed_recall == 1.0
    assert s.f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)

    # the same rows are not complete when the caller says so
    assert score_events(_complete_gold(), [system], complete=False).precision is None


def test_complete_flag_forces_precision_and_empty_output_scores_zero():
    gold = [gold_row("d1", "x", [("AID", ["Kenya"], ["Somalia"])])]
    s = score_events(gold, [doc("d1")], complete=True)
    assert s.precision == 0.0 and s.f1 == 0.0 and s.scored_events == 0


def test_country_and_sector_accuracy_over_matched_participants():
    system = doc("g1",
                 ev("COERCE", [ent("Police in Lagos", "NGA", "COP")], [ent("Ghanaian traders", "GHA", "CVL")]),
                 ev("PROTEST", [ent("Ghana", "GHA")], [ent("Nigeria", "NER")]))   # Niger, wrong
    s = score_events(_complete_gold(), [system])
    # countries: police NGA ok, traders GHA ok, Ghana ok, Nigeria wrong
    assert s.country_n == 4 and s.country_accuracy == 0.75
    # sectors given in gold: COP (ok) and BUS (system CVL: wrong); None is not checked
    assert s.sector_n == 2 and s.sector_accuracy == 0.5


def test_unmatched_participants_are_not_counted_for_codes():
    system = doc("g1", ev("PROTEST", [ent("Ghana", "GHA")], [ent("Abuja officials", "NGA")]))
    s = score_events(_complete_gold(), [system])
    assert s.country_n == 1 and s.country_accuracy == 1.0   # only Ghana is matched
    assert s.sector_n == 0 and s.sector_accuracy is None


def test_igo_gold_accepts_uno_and_eur_and_sector_suffixes():
    gold = [gold_row("g2", "The UN refugee agency asked the European Union to help displaced Kurds.", [
        ("REQUEST", [("The UN refugee agency", "IGO", "REFKUR")], [("the European Union", "IGO", "***")]),
    ], source_set="PLOVER-GSR")]
    system = doc("g2", ev("REQUEST", [ent("UN refugee agency", "UNO", "REF")],
                          [ent("European Union", "EUR", "GOV")]))
    s = score_events(gold, [system])
    assert s.country_n == 2 and s.country_accuracy == 1.0
    assert s.sector_n == 1 and s.sector_accuracy == 1.0      # REFKUR -> REF; *** not checked
    wrong = doc("g2", ev("REQUEST", [ent("UN refugee agency", "USA", "GOV")], [ent("European Union", "NGO")]))
    s = score_events(gold, [wrong])
    assert s.country_accuracy == 0.0 and s.sector_accuracy == 0.0


def test_to_dict_and_table():
    s = score_events(_complete_gold(), [doc("g1")])
    d = s.to_dict()
    assert json.loads(json.dumps(d))["gold_dyads"] == 2
    assert set(d["per_type"]) == {"COERCE", "PROTEST"}
    table = s.format_table()
    assert "dyad recall" in table and "precision" in table and "PROTEST" in table


# ---------------------------------------------------------------- loading and running

def test_load_gold_reports_path_and_line(tmp_path):
    good = tmp_path / "ok.jsonl"
    good.write_text('{"id": "a", "text": "x", "events": []}\n\n{"id": "b", "text": "y", "events": []}\n')
    assert [r["id"] for r in load_gold(good)] == ["a", "b"]

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": \n')
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: invalid JSON"):
        load_gold(bad)
    bad.write_text('[1, 2]\n')
    with pytest.raises(ValueError, match=r"bad\.jsonl:1: expected a JSON object"):
        load_gold(bad)
    bad.write_text('{"text": "no id"}\n')
    with pytest.raises(ValueError, match=r"bad\.jsonl:1: missing"):
        load_gold(bad)


def test_evaluate_events_runs_a_given_extractor(tmp_path):
    path = tmp_path / "ev.jsonl"
    rows = [gold_row("d1", "Ghana accused Togo of closing the border.", [("ACCUSE", ["Ghana"], ["Togo"])])]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    seen = {}

    def fake_extract_many(documents, processes=1):
        seen["processes"] = processes
        for d in documents:
            assert d.text.startswith("Ghana")
            d.events.append(ev("ACCUSE", ["Ghana"], ["Togo"]))
            yield d

    s = evaluate_events(path, extract_many=fake_extract_many, processes=3)
    assert seen["processes"] == 3 and s.typed_recall == 1.0


def _oracle(rows: list[dict]) -> list[Document]:
    """A system that returns the gold events themselves."""
    def ents(parts):
        return [ent(p["text"], p.get("country"), p.get("sector")) for p in parts]
    return [Document(text=r["text"], id=r["id"],
                     events=[Event(event=e["event"], actor=ents(e["actor"]), recipient=ents(e["recipient"]))
                             for e in r["events"]])
            for r in rows]


@pytest.mark.parametrize("name", ["events-dev.jsonl", "events-gsr-dev.jsonl"])
def test_oracle_scores_perfectly_on_shared_gold(name):
    path = GOLD_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    rows = load_gold(path)
    assert rows and all("events" in r for r in rows)
    s = score_events(rows, _oracle(rows))
    assert s.gold_dyads >= len(rows)
    assert s.dyad_recall == 1.0 and s.typed_recall == 1.0 and s.type_accuracy == 1.0
    if name.startswith("events-gsr"):
        assert s.complete and s.precision == 1.0
        assert s.country_accuracy == 1.0 and s.sector_accuracy == 1.0


# ---------------------------------------------------------------- actors

def test_score_actors():
    rows = [
        {"id": "1", "text": "Chilean Finance Minister Ana Ruiz", "context": None, "date": None,
         "expected": {"country": "CHL", "sector": "GOV"}},
        {"id": "2", "text": "a sergeant", "context": None, "date": None,
         "expected": {"country": "", "sector": "MIL"}},
        {"id": "3", "text": "UN peacekeepers", "context": None, "date": None,
         "expected": {"country": "IGO", "sector": None}},
        {"id": "4", "text": "Peruvian farmers", "context": None, "date": None,
         "expected": {"country": "PER", "sector": "AGR"}},
    ]
    answers = {"Chilean Finance Minister Ana Ruiz": ("CHL", "GOV"), "a sergeant": (None, "MIL"),
               "UN peacekeepers": ("UNO", "MIL"), "Peruvian farmers": ("PER", "CVL")}
    s = score_actors(rows, lambda text, context, date: answers[text])
    assert (s.country_n, s.country_correct) == (4, 4)       # "" expects no country; IGO accepts UNO
    assert (s.sector_n, s.sector_correct) == (3, 2)         # null sector of row 3 is not checked
    assert s.sector_accuracy == pytest.approx(2 / 3)
    assert s.errors == [{"id": "4", "text": "Peruvian farmers", "field": "sector", "expected": "AGR", "got": "CVL"}]
    # a country where none is expected is wrong
    s = score_actors(rows[1:2], lambda *a: ("USA", "MIL"))
    assert s.country_accuracy == 0.0
    assert "country accuracy" in s.format_table()


def test_cameo_health_code_is_plover_med():
    from dyads.evaluate import sector_matches

    assert sector_matches("MED", "HLH") and sector_matches("MED", "MED")
    assert not sector_matches("JRN", "HLH") and not sector_matches("MED", "JRN")


# ---------------------------------------------------------------- dates

DATE_TEXT = "Talks resumed on Monday. A vote is due in March 2031, a year after the 2030 census, officials said."


def _span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def _timex(text, part, value, type_="DATE"):
    s, e = _span(text, part)
    return {"start": s, "end": e, "text": part, "type": type_, "value": value}


def _mention(kind, text, part, value):
    s, e = _span(text, part)
    return Mention(kind=kind, text=part, start=s, end=e, value=value)


def test_score_dates_overlap_and_values():
    row = {"id": "t1", "text": DATE_TEXT, "dct": "2030-06-03", "timexes": [
        _timex(DATE_TEXT, "Monday", "2030-06-03"),
        _timex(DATE_TEXT, "March 2031", "2031-03"),
        _timex(DATE_TEXT, "2030", "2030"),
        _timex(DATE_TEXT, "a year", "P1Y", "DURATION"),    # not a date: not scored
        _timex(DATE_TEXT, "officials", "PRESENT_REF"),      # DATE without a calendar value: not scored
    ]}
    system = Document(text=DATE_TEXT, id="t1", mentions=[
        _mention("date", DATE_TEXT, "on Monday", {"value": "2030-06-03"}),   # overlaps, right value
        _mention("date", DATE_TEXT, "March", {"value": "2030-03"}),          # overlaps, wrong year
        _mention("place", DATE_TEXT, "2030 census", {"lat": 0, "lon": 0}),   # not a date mention
    ])
    s = score_dates([row], [system])
    assert (s.gold, s.found, s.correct_value) == (3, 2, 1)
    assert s.recall == pytest.approx(2 / 3) and s.value_accuracy == 0.5
    assert s.per_granularity["year"] == {"gold": 1, "found": 0, "correct_value": 0}
    assert "value accuracy" in s.format_table()


def test_adjacent_date_mention_does_not_overlap():
    row = {"id": "t1", "text": DATE_TEXT, "timexes": [_timex(DATE_TEXT, "Monday", "2030-06-03")]}
    s0, _ = _span(DATE_TEXT, "Monday")
    touching = Mention(kind="date", text="on ", start=s0 - 3, end=s0, value={"value": "2030-06-03"})
    assert score_dates([row], [Document(text=DATE_TEXT, id="t1", mentions=[touching])]).found == 0


# ---------------------------------------------------------------- places

def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)      # one degree on the equator
    assert haversine_km(-33.45, -70.67, -12.05, -77.04) == pytest.approx(2460, rel=0.02)  # Santiago-Lima


def test_score_places_recall_and_accuracy_161km():
    text = "Floods hit Valparaiso and Iquique, and reached as far as Lima."
    row = {"id": "p1", "text": text, "toponyms": [
        {**dict(zip(("start", "end"), _span(text, "Valparaiso"))), "text": "Valparaiso", "lat": -33.05, "lon": -71.62},
        {**dict(zip(("start", "end"), _span(text, "Iquique"))), "text": "Iquique", "lat": -20.21, "lon": -70.15},
        {**dict(zip(("start", "end"), _span(text, "Lima"))), "text": "Lima", "lat": -12.05, "lon": -77.04},
    ]}
    system = Document(text=text, id="p1", mentions=[
        _mention("place", text, "Valparaiso", {"lat": -33.45, "lon": -70.67}),  # Santiago: ~100 km away
        _mention("place", text, "Iquique", {"lat": -12.05, "lon": -77.04}),     # placed in Lima: far
        _mention("date", text, "Lima", {"value": "2030"}),                      # not a place mention
    ])
    s = score_places([row], [system])
    assert (s.gold, s.found, s.within_161km) == (3, 2, 1)
    assert s.recall == pytest.approx(2 / 3) and s.accuracy_161km == 0.5
    assert "accuracy@161km" in s.format_table()
    assert s.to_dict()["found"] == 2


def test_the_example_gold_file_runs_with_the_command():
    """examples/gold/events-example.jsonl is what docs/evaluation.md tells a new user to try."""
    from click.testing import CliRunner

    from dyads.cli import main

    path = Path(__file__).resolve().parent.parent / "examples" / "gold" / "events-example.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows and all(r.get("complete") is True for r in rows)
    result = CliRunner().invoke(main, ["evaluate", "events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["documents"] == len(rows)
    assert scores["precision"] is not None      # a complete set scores precision too
