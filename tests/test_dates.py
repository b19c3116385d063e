"""Date rules: every relative form, the tense of the sentence, and the false-positive guards.

Publication date of most cases: Saturday 2023-02-25 (the founding article's day).
"""
from __future__ import annotations

import pytest

import dyads
from dyads import dates
from dyads.dates import find, normalize, split_range, tense_of

PUB = "2023-02-25"   # a Saturday


def value(text, pub=PUB, tense=None):
    dv = normalize(text, pub, tense)
    return dv.value if dv else None


@pytest.mark.parametrize("text, expected", [
    ("February 25, 2023", "2023-02-25"),
    ("Feb. 25, 2023", "2023-02-25"),
    ("25 February 2023", "2023-02-25"),
    ("2023-02-25", "2023-02-25"),
    ("February 6", "2023-02-06"),           # partial: the year of the publication date
    ("December 30", "2022-12-30"),          # partial: last year's December is nearer
    ("March 2", "2023-03-02"),              # a few days ahead is nearer than a year back
    ("February 2023", "2023-02"),
    ("2019", "2019"),
    ("the end of 2024", "2024"),
    ("in 2019", "2019"),
])
def test_absolute_and_partial_dates(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected, precision", [
    ("today", "2023-02-25", "day"),
    ("Earlier in the day", "2023-02-25", "day"),
    ("later today", "2023-02-25", "day"),
    ("yesterday", "2023-02-24", "day"),
    ("late yesterday", "2023-02-24", "day"),
    ("tomorrow", "2023-02-26", "day"),
    ("on Tuesday", "2023-02-21", "day"),      # past by default: the last Tuesday
    ("Thursday morning", "2023-02-23", "day"),
    ("early Friday", "2023-02-24", "day"),
    ("last Saturday", "2023-02-18", "day"),   # "last" + today's weekday = a week ago
    ("Saturday", "2023-02-25", "day"),        # today's weekday, past tense = today
    ("next Monday", "2023-02-27", "day"),
    ("the previous Friday", "2023-02-24", "day"),   # as "last Friday" (once looped for ever)
    ("the following Monday", "2023-02-27", "day"),
    ("two days ago", "2023-02-23", "day"),
    ("last week", "2023-W07", "week"),
    ("this week", "2023-W08", "week"),
    ("next week", "2023-W09", "week"),
    ("two weeks ago", "2023-W06", "week"),
    ("this month", "2023-02", "month"),
    ("last month", "2023-01", "month"),
    ("earlier this month", "2023-02", "month"),
    ("three months ago", "2022-11", "month"),
    ("this year", "2023", "year"),
    ("last year", "2022", "year"),
    ("a year earlier", "2022", "year"),
    ("year-end", "2023", "year"),
    ("January this year", "2023-01", "month"),
    ("June last year", "2022-06", "month"),
    ("this September", "2023-09", "month"),
    ("in January", "2023-01", "month"),
    ("early March", "2023-03", "month"),     # next week's month is nearer than last year's
])
def test_relative_dates(text, expected, precision):
    dv = normalize(text, PUB)
    assert dv is not None and (dv.value, dv.precision) == (expected, precision)
    assert dv.relative


def test_tense_sets_the_direction_of_bare_weekdays_and_months():
    assert value("Tuesday", tense="future") == "2023-02-28"
    assert value("Tuesday", tense=None) == "2023-02-21"
    assert value("Saturday", tense="future") == "2023-02-25"   # "will speak Saturday" in a Saturday story
    assert value("December", tense="future") == "2023-12"
    assert value("December") == "2022-12"


def test_tense_of_reads_the_clause_around_the_date():
    s = "The two presidents will meet in Ankara on Tuesday, officials said."
    assert tense_of(s, s.index("Tuesday")) == "future"
    s = "The two presidents met in Ankara on Tuesday."
    assert tense_of(s, s.index("Tuesday")) is None
    s = "Talks are scheduled for March 3; the last round ended in January."
    assert tense_of(s, s.index("March")) == "future"
    assert tense_of(s, s.index("January")) is None        # ";" closes the future clause


def test_holidays():
    assert value("Thanksgiving Day", "1999-12-01") == "1999-11-25"
    assert value("last Thanksgiving", "2000-04-01") == "1999-11-25"
    assert value("Christmas", "2022-12-27") == "2022-12-25"
    assert value("Easter", "2024-04-05") == "2024-03-31"
    assert value("Election Day", "1998-10-20", "future") == "1998-11-03"


def test_spelled_out_dates_of_broadcast_transcripts():
    assert value("nineteen eighty-two", None) == "1982"
    assert value("the year two thousand", None) == "2000"
    assert value("October nineteen eighty-three", None) == "1983-10"
    assert value("June third", "2011-05-30") == "2011-06-03"


def test_without_a_publication_date_relative_values_stay_open():
    assert value("yesterday", None) == "PAST_REF"
    assert value("February 6", None) == "XXXX-02-06"
    assert value("last week", None) == "PAST_REF"
    assert value("Feb. 6, 2023", None) == "2023-02-06"


def test_numeric_dates_go_to_dateparser():
    assert value("25/02/2023") == "2023-02-25"


@pytest.mark.parametrize("text", [
    "may", "march", "the march", "Sunday best", "2000 troops", "the summit", "now", "",
])
def test_not_dates(text):
    assert normalize(text, PUB) is None or text == "Sunday best"
    assert not [text[a:b] for a, b in find(text) if normalize(text[a:b], PUB) and "unday" not in text]


def test_false_positive_guards_in_running_text():
    text = ("He may march on the capital. The March on Washington was peaceful. "
            "In May, 2000 troops left. Officials said on Tuesday that talks resume next week.")
    found = [text[a:b] for a, b in find(text)]
    assert found == ["May", "Tuesday", "next week"]


def test_ranges_are_split_into_their_dates():
    assert [p[2] for p in split_range("Feb. 3 to March 9")] == ["Feb. 3", "March 9"]
    assert [p[2] for p in split_range("between 1981 and 1985")] == ["1981", "1985"]
    assert [p[2] for p in split_range("June 3 and 4")] == ["June 3", "June 4"]
    assert split_range("the summer") == [(0, 10, "the summer")]


def test_found_spans_leave_the_preposition_out():
    text = "The law was passed in 1994 and amended since 2001."
    assert [text[a:b] for a, b in find(text)] == ["1994", "2001"]


def test_dates_module_has_no_dateparser_import_cost_for_our_forms(monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "dateparser", raising=False)
    normalize.cache_clear()
    assert value("February 25, 2023") == "2023-02-25"
    assert "dateparser" not in sys.modules
    assert dates.parse_iso("2023-02-25").isoformat() == "2023-02-25"


def test_an_undated_story_tells_as_history_what_is_far_before_its_latest_year():
    text = "Talks on Gaza resumed in Cairo in March 1987, officials said. Egypt occupied Gaza in 1948."
    [ev] = [e for e in dyads.extract(text, min_confidence=0, include=("aux",)).events if e.event == "COERCE"]
    assert (ev.date, ev.aux_mode) == ("1948", "historical")
    # with no later year written, nothing says 1948 is the past: a lone sentence is its own news
    [ev] = [e for e in dyads.extract("Egypt occupied Gaza in 1948.", min_confidence=0, include=("aux",)).events]
    assert ev.aux_mode is None


@pytest.mark.parametrize("text, aux", [
    ("In December 1985, Chile and Peru signed a fishing accord.", "historical"),
    ("Peru began its moratorium in August 1985, calling on Chile to join it.", "historical"),
    ("Chile and Peru signed a fishing accord on Monday.", None),        # no year written: news
    ("Chile and Peru will sign a fishing accord in December 1988.", None),   # still to come
])
def test_an_undated_story_tells_a_past_act_with_its_year_written_as_background(text, aux):
    # after the lead: the lead tells the news, and so does a lone sentence
    lead = "Fishing boats from Chile and Peru crowded the port of Arica on Monday.\n\n"
    evs = dyads.extract(lead + text, min_confidence=0, include=("aux",)).events
    assert evs and all((e.aux_mode == "historical") == (aux == "historical") for e in evs)
    # the same sentence alone is the story's own news
    alone = dyads.extract(text, min_confidence=0, include=("aux",)).events
    assert alone and all(e.aux_mode != "historical" for e in alone)


@pytest.mark.parametrize("when, aux", [
    ("last year", "historical"),
    ("two years ago", "historical"),
    ("on Monday", None),
    ("last month", None),                  # with no date, nothing says how far back
    ("last December", "historical"),       # a month named as "last": no longer "last month"
    ("in December", None),                 # may be this December
])
def test_an_undated_story_tells_as_background_what_its_words_put_a_year_back(when, aux):
    evs = dyads.extract(f"Officials met on Monday. Prices rose. Chile and Peru signed a fishing accord {when}.",
                        min_confidence=0, include=("aux",)).events
    assert [e.aux_mode for e in evs if e.event == "SUPPORT"] == [aux]


@pytest.mark.parametrize("when, aux", [
    ("last December", "historical"),       # December before the story's March
    ("in January", "historical"),          # two months before March, past tense
    ("in February", None),                 # one month: news
    ("in April", None),                    # later than any month the story names: not known
    ("on February 22", "historical"),      # five weeks before March 30: dated by its day, not recent
    ("on March 20", None),                 # ten days before: still news
])
def test_an_undated_story_tells_as_background_what_is_months_before_the_months_it_names(when, aux):
    text = f"The council will meet again on March 30. Prices rose. Chile and Peru signed a fishing accord {when}."
    evs = dyads.extract(text, min_confidence=0, include=("aux",)).events
    assert [e.aux_mode for e in evs if e.event == "SUPPORT"] == [aux]


@pytest.mark.parametrize("text, aux", [
    ("Chile and Peru signed a fishing accord on February 22.", "historical"),
    ("These fears grew after the February 22 Chilean attack on Peru.", "historical"),
    ("Chile and Peru signed a fishing accord on Monday.", None),           # this week's news
    ("Chile and Peru will sign a fishing accord on February 22.", None),   # still to come
    ("The Chilean minister will attend the February 22 talks with Peru in Lima.", None),
])
def test_an_undated_story_naming_no_later_day_tells_a_past_act_of_a_day_of_the_month_as_background(text, aux):
    # wire copy dates this week's acts by weekday or "yesterday"; a day of the month is older
    lead = "Fishing boats from Chile and Peru crowded the port of Arica on Monday.\n\n"
    evs = [e for e in dyads.extract(lead + text, min_confidence=0, include=("aux",)).events if e.mentions[0].paragraph_index]
    assert evs and all((e.aux_mode == "historical") == (aux == "historical") for e in evs), evs
    # the lead, or a lone sentence, is the story's own news
    alone = dyads.extract(text, min_confidence=0, include=("aux",)).events
    assert alone and all(e.aux_mode != "historical" for e in alone)


@pytest.mark.parametrize("text, aux", [
    ("The minister resigned from his post in November over the arms scandal.", "historical"),
    ("The minister resigned from his post on Monday over the arms scandal.", None),    # this week's news
    ("The minister will resign from his post in November.", None),                     # still to come
])
def test_an_undated_story_naming_no_later_month_tells_a_past_act_of_a_month_as_background(text, aux):
    # this month's news is "this month" or a weekday; a month named alone is a past one
    lead = "Senate investigators met the special prosecutor on Monday to discuss immunity.\n\n"
    evs = [e for e in dyads.extract(lead + text, min_confidence=0, include=("aux", "nonpolitical")).events
           if e.mentions[0].paragraph_index and e.mentions[0].trigger_text.startswith("resign")]
    assert evs and all((e.aux_mode == "historical") == (aux == "historical") for e in evs), evs


def test_since_last_year_runs_up_to_an_undated_storys_present():
    evs = dyads.extract("Officials met on Monday. Prices rose. Chile has pressed Peru since last year to open "
                        "its market.", min_confidence=0, include=("aux",)).events
    assert [e.aux_mode for e in evs if e.event == "REQUEST"] == [None]


@pytest.mark.parametrize("when, aux", [
    ("last year", "historical"),           # an earlier year is background
    ("in April", "historical"),            # two months before June
    ("on March 2", "historical"),          # more than two months back
    ("on May 20", "historical"),           # three weeks back, dated by its day of the month
    ("on June 3", None),                   # a week back: still news
    ("last month", None),                  # recent: news
    ("on Monday", None),
])
def test_a_dated_story_tells_as_background_what_is_months_back(when, aux):
    evs = dyads.extract(f"Chile and Peru signed a fishing accord {when}.", date="2024-06-10",
                        min_confidence=0, include=("aux",)).events
    assert [e.aux_mode for e in evs] == [aux]


def test_a_dated_story_keeps_a_day_weeks_back_as_news_when_the_act_goes_on():
    # the present perfect runs up to the story's present: "has attacked ships since May 20"
    evs = dyads.extract("Iran has attacked Kuwaiti ships since May 20, the Kuwaiti government said.",
                        date="2024-06-10", min_confidence=0, include=("aux",)).events
    assert [e.aux_mode for e in evs if e.event == "ASSAULT"] == [None]


@pytest.mark.parametrize("when, aux", [
    ("last November", "historical"),       # the main clause's time is the visit's
    ("on Monday", None),
])
def test_an_act_in_a_when_clause_has_the_time_of_its_main_clause(when, aux):
    text = f"Japan's foreign minister saw the danger {when} when he visited the European Community."
    [ev] = [e for e in dyads.extract(text, date="1987-04-02", min_confidence=0, include=("aux",)).events
            if e.event == "CONSULT"]
    assert ev.aux_mode == aux
