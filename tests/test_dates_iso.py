"""One parser for calendar dates given by users (dyads.dates.iso) and the places that use it."""
from __future__ import annotations

import datetime as dt

import pytest

from dyads.dates import iso


def test_one_rule_everywhere():
    from dyads import dates, readers
    from dyads.readers import dates as reader_dates

    assert readers.normalize_date is iso.normalize_date
    assert reader_dates.normalize_date is iso.normalize_date
    assert dates.normalize_date is iso.normalize_date


@pytest.mark.parametrize("value,day", [
    ("2024-03-07", dt.date(2024, 3, 7)),
    ("2024-03-07T23:30:00-05:00", dt.date(2024, 3, 7)),     # the day as written
    ("20240307", dt.date(2024, 3, 7)),
    ("20240307101500", dt.date(2024, 3, 7)),
    (dt.datetime(2024, 3, 7, 9), dt.date(2024, 3, 7)),
    ("2024-03", None), ("07/03/2024", None), ("2024-02-30", None), ("", None), (None, None),
])
def test_to_date(value, day):
    assert iso.to_date(value) == day


def test_publication_date_of_the_date_finder_follows_the_rule():
    from dyads.dates import parse_iso

    assert parse_iso("2024-03-07") == dt.date(2024, 3, 7)
    assert parse_iso("20240307101500") == dt.date(2024, 3, 7)
    assert parse_iso("2024-03-07 and more") is None      # formerly read from its first ten characters


def test_as_of_date():
    assert iso.as_of_date("2021-07-01") == dt.date(2021, 7, 1)
    assert iso.as_of_date("20210315") == dt.date(2021, 3, 15)     # basic ISO format (was 1 July)
    assert iso.as_of_date("2021-7-3") == dt.date(2021, 7, 3)
    assert iso.as_of_date("2019-05") == dt.date(2019, 5, 1)
    assert iso.as_of_date("2019") == dt.date(2019, 7, 1)
    assert iso.as_of_date("2021-02-30") == dt.date(2021, 1, 1)
    assert iso.as_of_date("3 March 2020") == dt.date(2020, 3, 3)
    assert iso.as_of_date("March 3, 2020") == dt.date(2020, 3, 3)
    assert iso.as_of_date("Sept. 2018") == dt.date(2018, 9, 1)
    assert iso.as_of_date(None) == iso.as_of_date("today") == dt.date.today()


def test_actor_table_dates(tmp_path):
    from dyads.actors.overlay import load_overlay

    def start(value: str) -> str:
        path = tmp_path / "people.yaml"
        path.write_text("people:\n  - {name: Ana Example, country: CHL, office: Minister, sector: GOV, "
                        f"start: {value}}}\n", encoding="utf-8")
        return load_overlay(path)["people"][0]["start"]

    assert start("2022-03-11") == "2022-03-11"              # YAML reads it as a date
    assert start("'2022-03-11'") == "2022-03-11"
    assert start("'2022-03-11T09:00'") == "2022-03-11"
    assert start("20220311") == "2022-03-11"
    for bad in ("'2022-W10-5'", "'11/03/2022'", "'2022-03'"):
        with pytest.raises(ValueError, match="start '.*' is not an ISO date"):
            start(bad)


def test_feed_dates():
    from dyads.watch.feeds import _local_date

    assert _local_date("Thu, 07 Mar 2024 23:30:00 -0500") == "2024-03-07"
    assert _local_date("2024-03-07T23:30:00-05:00") == "2024-03-07"
    assert _local_date("2024-03-07T10:00:00Z") == "2024-03-07"
    assert _local_date("last Thursday") is None
