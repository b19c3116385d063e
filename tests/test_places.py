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


def test_a_rebuilt_index_removes_the_files_of_earlier_sources(tmp_path):
    from dyads.places.index import _remove_stale

    old, other, current = (tmp_path / "places-cities1000-aaaa.sqlite", tmp_path / "places-cities500-bbbb.sqlite",
                           tmp_path / "places-cities1000-cccc.sqlite")
    for f in (old, other, current):
        f.write_bytes(b"x")
    _remove_stale(current, "cities1000")
    assert not old.exists() and other.exists() and current.exists()


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
    assert ms[0].place.admin1 == "Ohio" and ms[1].place.kind == "admin1"
    # a name written with its container never resolves outside it, even against the name's
    # earlier sense in the document
    assert ms[2].place.admin1 == "Georgia" and ms[3].place.kind == "admin1"
    text = "Columbus, Ohio, then Columbus again."
    ms = [PlaceMention("Columbus", 0, 8), PlaceMention("Ohio", 10, 14), PlaceMention("Columbus", 21, 29)]
    resolve_all(text, ms, ["USA"])
    assert ms[2].place == ms[0].place      # one sense per name otherwise


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


# --------------------------------------------------------------------------- containment

def _resolve(text, names, countries=("USA",)):
    ms, at = [], 0
    for n in names:
        i = text.index(n, at)
        ms.append(PlaceMention(n, i, i + len(n)))
        at = i + len(n)
    return resolve_all(text, ms, list(countries))


@pytest.mark.parametrize("text,names,admin1", [
    ("Protesters gathered in Springfield, Illinois, on Monday.", ["Springfield", "Illinois"], "Illinois"),
    ("SPRINGFIELD, Ill. (AP) - Lawmakers met late.", ["SPRINGFIELD", "Ill."], "Illinois"),
    ("A rally in Portland, Maine, drew hundreds.", ["Portland", "Maine"], "Maine"),
    ("She lives in Tacoma, Washington and commutes.", ["Tacoma", "Washington"], "Washington"),
    ("Voters in Kansas City, Kansas, were turned away.", ["Kansas City", "Kansas"], "Kansas"),
])
def test_a_city_written_with_its_state_is_in_that_state(text, names, admin1):
    city, state = _resolve(text, names)
    assert city.place.admin1 == admin1 and city.place.kind == "city"
    assert state.place.kind == "admin1"        # the container is read as one: Washington the state


def test_a_city_in_a_province_or_country_never_resolves_outside_it():
    city, _ = _resolve("Troops entered Valencia, Venezuela, at dawn.", ["Valencia", "Venezuela"], ["ESP"])
    assert city.place.country == "VEN"
    city, _ = _resolve("Flooding hit Cordoba in Argentina overnight.", ["Cordoba", "Argentina"], ["ESP"])
    assert city.place.country == "ARG"


def test_a_postal_code_in_capitals_is_a_container_after_a_comma():
    county, state = _resolve("CLAY COUNTY, MO (KCTV) - Deputies said", ["CLAY COUNTY", "MO"])
    assert state.place.name == "Missouri" and county.place.kind == "admin2" and county.place.admin1 == "Missouri"


def test_counties_have_points_and_the_story_picks_the_namesake():
    (county,) = _resolve("The sheriff of Cook County said", ["Cook County"])
    assert county.place.kind == "admin2" and near(county.place, 41.85, -87.85, 80)   # Chicago's county
    county, town = _resolve("Deputies in Hamilton County said Chattanooga police helped.",
                            ["Hamilton County", "Chattanooga"])
    assert county.place.admin1 == "Tennessee"           # the county that holds the story's town
    assert lookup("St. Croix County").admin1 == "Wisconsin"    # "St." and "Saint" are one name


def test_the_story_s_other_places_pick_a_town_among_namesakes():
    # no country names the story as British; its unambiguous town does (Gloucester, Ontario is larger)
    ms = _resolve("Traffic from Cirencester was diverted towards Gloucester.", ["Cirencester", "Gloucester"], [])
    assert ms[1].place.country == "GBR"
    # a national capital is what a dateline names, whatever towns follow
    ms = _resolve("WASHINGTON (AP) - Officials from Vienna, Fairfax and Herndon met.",
                  ["WASHINGTON", "Vienna", "Fairfax", "Herndon"])
    assert ms[0].place.feature == "capital"


def test_a_short_form_of_a_city_never_beats_a_country_or_a_sea():
    assert lookup("Mexico", countries=["MEX"]).kind == "country"
    assert lookup("Atlantic", countries=["USA"]).kind == "region"
    assert lookup("New York").name == "New York City"     # no country or sea of that name


# --------------------------------------------------------------------------- finding more names

@pytest.mark.parametrize("text,name", [
    ("The two escaped inmates were captured in Chattanooga late on Friday.", "Chattanooga"),
    ("Shelling resumed on Manbij and nearby villages.", "Manbij"),
    ("He served three years in Colchester before the war.", "Colchester"),
])
def test_names_ner_misses_or_mislabels_after_a_locative_word(code, text, name):
    places = [m.text for m in code(text, date="2024-03-05").mentions if m.kind == "place"]
    assert name in places


@pytest.mark.parametrize("text,name,refers", [
    ("Shells fell along the Syrian-Turkish border on Tuesday.", "Syrian", "Syria"),
    ("Migrants are stuck on the Greek islands.", "Greek", "Greece"),
    ("The southern English city of Bath flooded.", "English", "England"),
    ("Cheap European flights are back.", "European", "Europe"),
])
def test_a_demonym_that_modifies_a_thing_in_a_place_names_the_place(code, text, name, refers):
    doc = code(text, date="2024-03-05")
    mod = next(m for m in doc.mentions if m.kind == "place" and m.text == name)
    assert mod.value["use"] == "modifier" and mod.value["name"] == refers


def test_a_demonym_for_people_is_not_a_place(code):
    doc = code("Turkish forces crossed the border, and Canadian officials protested.", date="2024-03-05")
    assert not [m for m in doc.mentions if m.kind == "place" and m.text in ("Turkish", "Canadian")]


def test_places_inside_other_names_are_embedded_and_locate_no_event(code):
    doc = code("The Winnipeg Fire Paramedic Service said crews fought a blaze at the University of Manitoba.",
               date="2024-03-05")
    uses = {m.text: m.value["use"] for m in doc.mentions if m.kind == "place"}
    assert uses.get("Winnipeg") == "embedded" and uses.get("Manitoba") == "embedded"
    assert all(not e.place or e.place["extracted_place"] not in ("Winnipeg", "Manitoba") for e in doc.events)


def test_datelines_in_capitals_anywhere_and_at_the_start_of_a_line(code):
    doc = code("Lawmakers met.\nHOUSTON (AP) - Flooding closed roads.\nOKLAHOMA CITY The Latest on the strike.",
               date="2024-03-05")
    lines = {m.text: m.value["name"] for m in doc.mentions if m.kind == "place" and m.label == "DATELINE"}
    assert lines.get("Houston") == "Houston" and lines.get("Oklahoma City") == "Oklahoma City"


def test_a_site_takes_its_container_from_its_name_unless_it_is_named_for_a_place(code):
    doc = code("Students rallied at Colorado State University on Monday. Later they marched down "
               "Michigan Avenue in Denver.", date="2024-03-05")
    via = {m.text: m.value.get("via") for m in doc.mentions if m.kind == "place" and m.value.get("kind") == "landmark"}
    assert via.get("Colorado State University") == "Colorado"
    assert via.get("Michigan Avenue") == "Denver"         # a street named for a state is not in it


# --------------------------------------------------------------------------- event location by evidence

def test_the_dateline_locates_the_main_event_and_topics_do_not(code):
    doc = code("CAIRO (Reuters) - Egypt's president held talks with Chad's president about Sudan on Monday.",
               date="2024-03-05")
    ev = next(e for e in doc.events if e.event == "CONSULT")
    assert ev.location_source == "dateline" and ev.place["resolved_place"] == "Cairo"
    doc = code("Egypt's president held talks with Chad's president about Sudan on Monday.", date="2024-03-05")
    ev = next(e for e in doc.events if e.event == "CONSULT")
    assert ev.place is None                              # none, rather than Sudan, the topic


def test_aid_is_located_where_it_went(code):
    doc = code("ANKARA (AP) - Azerbaijan sent rescue teams and aid to Turkey after the earthquake.",
               date="2024-03-05")
    ev = next(e for e in doc.events if e.event == "AID")
    assert ev.location_source == "recipient" and ev.place["country_code"] == "TUR"


# --------------------------------------------------------------------------- regions

def test_regions_and_seas_have_a_fixed_point_and_the_large_ones_say_so():
    sea = lookup("South China Sea")
    assert sea.kind == "region" and sea.too_large and near(sea, 12, 113, 600)
    gulf = lookup("Gulf of Aqaba")
    assert not gulf.too_large
    assert lookup("Europe").too_large                    # every continent


def test_toponyms_too_large_to_place_are_left_out_of_accuracy():
    from dyads.evaluate import score_places
    from dyads.model import Document, Mention

    gold = [{"id": "a", "text": "x" * 40, "toponyms": [
        {"start": 0, "end": 5, "text": "xxxxx", "lat": 10.0, "lon": 115.0},      # the sea, found far off
        {"start": 10, "end": 15, "text": "xxxxx", "lat": 41.0, "lon": 29.0}]}]  # a city, found right
    doc = Document(text="x" * 40, id="a")
    doc.mentions = [Mention("place", "xxxxx", 0, 5, 0, "LOC", {"kind": "region", "extent_km": 2500,
                                                                 "lat": 12.0, "lon": 113.0}),
                    Mention("place", "xxxxx", 10, 15, 0, "GPE", {"kind": "city", "lat": 41.01, "lon": 28.95})]
    s = score_places(gold, [doc])
    assert (s.found, s.too_large, s.within_161km, s.accuracy_161km) == (2, 1, 1, 1.0)


# --------------------------------------------------------------------------- the place tables

def test_place_tables_have_their_columns_and_sane_values():
    from dyads.places.index import DATA_DIR, read_tsv

    regions = read_tsv(DATA_DIR / "places_regions.tsv")
    assert regions and set(regions[0]) == {"name", "aliases", "feature", "country", "lat", "lon", "extent_km"}
    for r in regions:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["name"]
        assert r["extent_km"] == "" or int(r["extent_km"]) > 1000, r["name"]   # only the large ones say so
    for r in read_tsv(DATA_DIR / "places_admin1.tsv"):
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["name"]


def test_every_region_adjective_names_an_indexed_place():
    from dyads.places.find import region_adjectives
    from dyads.places.resolve import candidates

    pairs = region_adjectives()
    assert len(pairs) > 20
    for rx, place in pairs:
        assert any(c.place.kind in ("continent", "region") for c in candidates(place)), place


def test_a_sea_is_nobody_s_place_as_a_participant(code):
    doc = code("Turkish jets bombed the Mediterranean Sea near Cyprus on Monday.", date="2024-03-05")
    for ev in doc.events:
        assert all(not (e.kind == "place" and not e.code) for e in ev.recipient)   # a sea is no place actor
        assert all(e.code != "USA" for e in ev.recipient)


def test_a_dateline_is_not_also_an_embedded_place(code):
    doc = code("BEIRUT - Syria intervened to halt months of fighting over the camps.", date="2024-03-05")
    places = [(m.text, m.label) for m in doc.mentions if m.kind == "place"]
    assert ("Beirut", "DATELINE") in places and not [p for p in places if p[1] == "EMBEDDED"]


def test_a_body_the_knowledge_base_names_is_an_actor_not_a_site(code):
    doc = code("Days later the International Criminal Court issued a warrant for the minister.", date="2024-03-05")
    assert not [m for m in doc.mentions if m.kind == "place" and "Criminal Court" in m.text]
    assert all(not e.place for e in doc.events)


def test_an_owner_is_not_where_the_event_happened(code):
    doc = code("Under the deal, announced by Qatar's foreign ministry, Hamas will release ten hostages.",
               date="2024-03-05")
    assert all(not e.place or e.place["extracted_place"] != "Qatar" for e in doc.events)


def test_a_wrapped_line_that_opens_with_capitals_is_no_dateline(code):
    # wire copy wraps mid-sentence: "U.S. Pressure" opening the next line is no filing place
    doc = code("The bank could not fix the rate at 35 to one U.S. dollar due to\nU.S. Pressure for an "
               "appreciation of the currency, officials in Taipei said.", date="1987-03-02")
    assert not [m for m in doc.mentions if m.kind == "place" and m.label == "DATELINE"]
