"""Places: the on-disk index, ambiguous names, metonyms, landmarks and event locations."""
from __future__ import annotations

import sqlite3

import pytest

from dyads.places import distance_km, lookup
from dyads.places.find import is_facility, scan
from dyads.places.index import connect, index_path
from dyads.places.resolve import PlaceMention, resolve_all


def near(place, lat, lon, km=50):
    return place is not None and place.lat is not None and distance_km((place.lat, place.lon), (lat, lon)) <= km


def test_index_is_cached_on_disk_and_opened_read_only():
    con = connect()
    path = index_path()
    assert path.exists() and path.stat().st_size > 1_000_000
    with pytest.raises(sqlite3.OperationalError):
        con.execute("CREATE TABLE x (a)")          # read-only: built once, then only opened
    assert con.execute("SELECT count(*) FROM place WHERE kind = 'city'").fetchone()[0] > 100_000


@pytest.mark.parametrize("name, country, kind", [
    ("Istanbul", "TUR", "city"),
    ("Türkiye", "TUR", "country"),
    ("Turkey", "TUR", "country"),
    ("Ivory Coast", "CIV", "country"),
    ("Africa", "", "continent"),
    ("Mexico", "MEX", "country"),          # the country, not its capital's alternate name
    ("Egypt", "EGY", "country"),           # not a small US town called Egypt
    ("Salisbury", "GBR", "city"),          # a main name beats Harare's former name
    ("Dehli", "IND", "city"),              # a spelling GeoNames lists for Delhi
])
def test_ambiguous_names_take_the_most_plausible_place(name, country, kind):
    p = lookup(name)
    assert (p.country, p.kind) == (country, kind), p


def test_istanbul_coordinates():
    assert near(lookup("Istanbul"), 41.01, 28.95, 25)


def test_document_countries_decide_between_namesakes():
    assert lookup("Birmingham").country == "GBR"
    assert lookup("Birmingham", countries=["USA"]).country == "USA"
    assert lookup("Georgia").kind == "country"
    assert (lookup("Georgia", countries=["USA"]).kind, lookup("Georgia", countries=["USA"]).country) == \
        ("admin1", "USA")


def test_a_place_written_beside_constrains_its_neighbour():
    text = "He grew up in Columbus, Ohio, and later moved to Columbus, Georgia."
    ms = [PlaceMention("Columbus", 14, 22), PlaceMention("Ohio", 24, 28),
          PlaceMention("Columbus", 49, 57), PlaceMention("Georgia", 59, 66)]
    resolve_all(text, ms, ["USA"])
    assert ms[0].place.admin1 == "OH" and ms[1].place.kind == "admin1"
    # one sense per name in a document: the second Columbus keeps the first one's
    assert ms[2].place == ms[0].place


def test_landmarks_take_their_containers_coordinates():
    text = "The meeting took place at the Vahdettin Mansion in Istanbul."
    ms = [PlaceMention("Vahdettin Mansion", 30, 47, "FAC", facility=True), PlaceMention("Istanbul", 51, 59)]
    resolve_all(text, ms, [])
    site = ms[0].place
    assert (site.kind, site.name, site.via) == ("landmark", "Vahdettin Mansion", "Istanbul")
    assert near(site, 41.01, 28.95, 25)


def test_facility_names():
    assert is_facility("Walter Reed Hospital", "ORG")
    assert is_facility("Cornell University", "ORG")
    assert not is_facility("Reuters", "ORG")
    assert is_facility("Vahdettin Mansion", "FAC")


def test_scan_finds_well_known_names_but_not_demonyms_or_people():
    text = "Turkish officials flew from Ankara to Baku. Jordan Peterson spoke. Aid reached Gaziantep."
    found = [m.text for m in scan(text, [])]
    assert "Ankara" in found and "Baku" in found
    assert "Turkish" not in found
    assert "Jordan" not in found                  # part of a longer capitalised name


def test_state_abbreviation_after_a_comma():
    text = "The fire started near Redding, Calif., on Monday."
    found = [m.text for m in scan(text, [])]
    assert "Calif." in found
    assert lookup("Calif.").name == "California"


def test_metonyms_are_kept_as_mentions_but_never_locate_events(code):
    doc = code("Washington said on Monday it would send aid to Kyiv. Protesters marched in Paris on Sunday.",
               date="2024-03-05")
    places = {m.text: m.value for m in doc.mentions if m.kind == "place"}
    assert places["Washington"]["use"] == "metonym"
    assert places["Paris"]["use"] == "literal"
    for ev in doc.events:
        if ev.place:
            assert ev.place["extracted_place"] != "Washington"


def test_event_location_sources(code):
    doc = code("Police clashed with protesters in Istanbul on Sunday.", date="2024-03-05")
    ev = next(e for e in doc.events if e.place)
    assert ev.location_source == "text" and ev.place["resolved_place"] == "Istanbul"
    assert ev.date == "2024-03-03" and ev.date_source == "text"

    doc = code("The blast hit a market in Kabul. Hours later, police arrested two men.", date="2024-03-05")
    arrest = [e for e in doc.events if e.event == "COERCE"]
    assert arrest and arrest[0].location_source == "paragraph"
    assert arrest[0].place["resolved_place"] == "Kabul"


def test_no_place_is_none_not_the_first_place(code):
    doc = code("Turkey and Greece are neighbours.\n\nThe minister said he would resign.", date="2024-03-05")
    for ev in doc.events:
        assert ev.place is None or ev.location_source in ("text", "sentence", "paragraph")
