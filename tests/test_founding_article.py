"""The article dyads started from: every `must` of expected.json that the core pipeline delivers."""
from __future__ import annotations

import json
import math

import pytest
from conftest import SHARED, codes, events_of

EXAMPLE = SHARED / "examples" / "istanbul-2023-02-25"
pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="shared/examples not present")


@pytest.fixture(scope="module")
def doc(code):
    meta = json.loads((EXAMPLE / "meta.json").read_text())
    text = (EXAMPLE / "article.txt").read_text()
    return code(text, date=meta["date"], id=meta["id"])


def _km(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def test_meeting_is_one_consult_between_tur_and_aze_governments(doc):
    meetings = [e for e in events_of(doc, "CONSULT")
                if {"TUR", "AZE"} <= set(codes(e.actor + e.recipient))]
    assert len(meetings) == 1, [(e.event, codes(e.actor), codes(e.recipient)) for e in doc.events]
    ev = meetings[0]
    assert ev.mode in (None, "visit")
    assert all(a.sector == "GOV" for a in ev.actor if a.code in ("TUR", "AZE"))
    names = {(a.name or a.text) for a in ev.actor + ev.recipient}
    assert any("Erdo" in n or "Aliyev" in n for n in names)
    # the city is where they met, not a party to the meeting
    assert all(p.kind != "place" and "Istanbul" not in p.text for p in ev.actor + ev.recipient)
    assert ev.date == "2023-02-25"
    # reported in several paragraphs: one event, several mentions
    assert len({m.paragraph_index for m in ev.mentions}) >= 2
    if ev.place:
        assert ev.place["country_code"] == "TUR"
        assert _km(ev.place["lat"], ev.place["lon"], 41.01, 28.95) < 50


def test_aid_from_azerbaijan_to_turkey_in_disaster_context(doc):
    aid = [e for e in events_of(doc, "AID") if "AZE" in codes(e.actor) and "TUR" in codes(e.recipient)]
    assert aid
    assert "disasters" in aid[0].context


def test_airport_welcome_or_visit_involves_aliyev(doc):
    consult = events_of(doc, "CONSULT")
    people = {(a.name or a.text) for e in consult for a in e.actor + e.recipient}
    assert any("Aliyev" in p or "avu" in p for p in people)
    assert all(e.date == "2023-02-25" for e in consult)


def test_anadolu_is_credited_never_an_actor(doc):
    assert any("Anadolu" in c for c in doc.credited)
    for ev in doc.events:
        for ent in ev.actor + ev.recipient:
            assert "Anadolu" not in ent.text and "Anatolia" not in ent.text


def test_no_agree_from_speculation(doc):
    assert events_of(doc, "AGREE") == []


def test_earthquake_date_never_dates_the_meeting(doc):
    for ev in doc.events:
        assert ev.date != "2023-02-06"


def test_regions_are_not_country_actors(doc):
    for ev in doc.events:
        for ent in ev.actor + ev.recipient:
            assert ent.text not in ("Black Sea", "South Caucasus", "Anatolia")


def test_meeting_and_visit_are_dated_and_placed_in_istanbul(doc):
    consult = events_of(doc, "CONSULT")
    assert consult
    for ev in consult:
        assert (ev.date, ev.date_precision) == ("2023-02-25", "day")
        assert ev.date_source in ("text", "context")
        assert ev.place is not None and ev.location_source in ("text", "sentence")
        assert ev.place["country_code"] == "TUR"
        assert _km(ev.place["lat"], ev.place["lon"], 41.01, 28.95) < 50


def test_earthquake_mention_is_february_6(doc):
    quake = [m for m in doc.mentions if m.kind == "date" and m.text.startswith("February 6")]
    assert quake and quake[0].value["value"] == "2023-02-06" and quake[0].value["precision"] == "day"


def test_mansion_is_a_landmark_with_istanbul_coordinates(doc):
    mansion = [m for m in doc.mentions if m.kind == "place" and "Vahdettin" in m.text]
    assert mansion
    v = mansion[0].value
    assert v["kind"] == "landmark" and v["via"] == "Istanbul"
    assert _km(v["lat"], v["lon"], 41.01, 28.95) < 50


def test_ankara_highlighting_the_aid_is_a_metonym(doc):
    ankara = [m for m in doc.mentions if m.kind == "place" and m.text == "Ankara"]
    assert ankara and ankara[0].value["use"] == "metonym"
    for ev in doc.events:
        assert not ev.place or ev.place["extracted_place"] not in ("Anatolia",)
