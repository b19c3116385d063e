"""The time an undated text speaks from (dyads.dates.era), for resolving its actors. Every
sentence here was written for these tests."""
from __future__ import annotations

import datetime as dt

import dyads
from dyads.dates.era import actor_date, people_day, text_day, text_month, text_year

TODAY = dt.date(2026, 12, 6)


def test_the_latest_year_a_text_writes_as_a_date():
    assert text_year("Exports fell in 1986 and the 1972 treaty still holds.", TODAY) == 1986
    assert text_year("Output in January 1987 was lower than in 1986.", TODAY) == 1987


def test_amounts_and_unmarked_numbers_are_no_years():
    assert text_year("It sold 2000 tonnes, up from 1950 tonnes.", TODAY) is None
    assert text_year("Flight 1986 landed safely.", TODAY) is None
    assert text_year("Nothing here is dated.", TODAY) is None


def test_a_target_year_counts_only_when_nothing_else_is_written():
    assert text_year("Sales rose in 1986 and should double by 1990.", TODAY) == 1986
    assert text_year("The plan aims to cut debt by 1990.", TODAY) == 1990


def test_years_after_today_are_ignored():
    assert text_year("The treaty runs until 2031, the minister said in 2024.", TODAY) == 2024


def test_the_last_day_most_of_the_people_named_held_office():
    d = dt.date
    finance_minister = [(d(1985, 2, 14), d(1987, 4, 29))]
    president = [(d(1981, 1, 20), d(1989, 1, 20))]
    later_official = [(d(2005, 1, 1), None)]
    assert people_day([finance_minister, president], TODAY) == d(1987, 4, 28)
    assert people_day([president], TODAY) == d(1989, 1, 19)
    # no overlap: the latest stretch wins
    assert people_day([president, later_official], TODAY) == TODAY
    assert people_day([], TODAY) is None


def test_a_publication_date_always_wins():
    assert actor_date("2023-02-25", "Exports fell in 1986.") == "2023-02-25"
    assert actor_date(None, "Exports fell in 1986.") == "1986-12-31"
    assert actor_date(None, "No year at all.") is None


def test_an_undated_story_resolves_a_surname_in_its_own_time():
    # "Stoltenberg" is Norway's finance minister today, West Germany's in 1987; Brazil's
    # finance minister Funaro (1985-87) dates the story
    text = "Brazilian Finance Minister Dilson Funaro met Stoltenberg in Bonn to discuss the debt."
    [ev] = [e for e in dyads.extract(text, min_confidence=0).events if e.event == "CONSULT"]
    assert sorted(a.code for a in ev.actor + ev.recipient) == ["BRA", "DEU"]
    [ev] = [e for e in dyads.extract(text, date="2026-01-15", min_confidence=0).events if e.event == "CONSULT"]
    assert "NOR" in [a.code for a in ev.actor + ev.recipient]


def test_the_latest_month_an_undated_text_names_is_the_least_its_own_can_be():
    assert text_month("The pact was signed on February 22. Talks resume on March 30.") == 3
    # months of another year, "last" or "next" ones, and "may" or "march" as words are not its own
    assert text_month("Prices fell in December 1986. Talks ended last November.") is None
    assert text_month("Officials said they may march on Monday. It will resume next June.") is None
    assert text_month("Troops march in May 3 parades.") == 5


def test_the_latest_day_an_undated_text_names_counts_a_bare_month_from_its_first():
    assert text_day("The pact was signed on February 22. Talks resume on March 30.") == (3, 30)
    assert text_day("The pact was signed on February 22. Talks resume in April.") == (4, 1)
    assert text_day("It will resume next June. Prices fell last December.") is None
