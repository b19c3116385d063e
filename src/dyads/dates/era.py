"""The time an undated text speaks from, for resolving its actors.

A news text without a publication date is not timeless: "1986 net profit", "in January 1987"
and "the 1987 budget" place it. People's offices change, so "Stoltenberg" in a text about the
1987 budget is West Germany's finance minister, not Norway's later prime minister. Resolving
such a text's actors at today's date gives the wrong person.

`people_day` reads it from the people the text names: the knowledge base knows their terms in
office, and a text speaks from a time when most of them held office. "Funaro" (Brazil's finance
minister 1985-87) with "Stoltenberg" is 1987, so Stoltenberg is Gerhard, West Germany's finance
minister. It takes the last day on which the most of them were in office together (the latest
such stretch when several tie). Only names that denote one person count.

`text_year`, used when the text names no known person, reads the years a text writes in a dated phrase: after a month name or a time word
(`year_lead_words`: "in 1986", "since 1979", "fiscal 1987") and not before a unit of count
(`count_units`: "from 2000 tonnes" is an amount), and returns the latest of them, never one after
today's. The latest, because a text names earlier years for its background ("the 1972 ABM
treaty", "the 1979 revolution") far more often than later ones; a year after a deadline word
(`deadline_words`: "by 1990", "until 1992") is a target and counts only when the text names no
other. Actors are then resolved at the end of that year: a text that names only "1986" is most
often from early 1987. Event dates do not use it: a date the text does not give is not
invented, only the actor knowledge base is read as of that year.
"""
from __future__ import annotations

import datetime as _dt
import re

from dyads.dates.iso import MONTHS
from dyads.vocabulary import words

__all__ = ["people_day", "text_year", "text_month", "text_day", "actor_date"]

Term = tuple[_dt.date | None, _dt.date | None]     # start, end (None: unknown start, still in office)

_YEAR = re.compile(r"(?<![\d.,$])\b(1[89]\d\d|20\d\d)\b(?![.,]?\d)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s\-,]*$")
_WORD_AFTER = re.compile(r"^[\s\-]*([A-Za-z]+)")


def text_year(text: str, today: _dt.date | None = None) -> int | None:
    """The year `text` speaks from (see the module's rule), or None when it writes none."""
    last = (today or _dt.date.today()).year
    lead, units, deadline = words("year_lead_words"), words("count_units"), words("deadline_words")
    years: set[int] = set()
    targets: set[int] = set()
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if year > last:
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        after = _WORD_AFTER.match(text[m.end():m.end() + 20])
        word = before.group(1).lower() if before else ""
        if word not in lead and word not in MONTHS:
            continue
        if after and after.group(1).lower() in units:
            continue
        (targets if word in deadline else years).add(year)
    return max(years or targets, default=None)


# a capitalized month name with no year after it ("on March 3", "in April"); "May" and "March"
# count only before a day number, where they cannot be the verb or the modal
_MONTH_NAMED = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                          r"December)\b(?:\s+(\d{1,2})\b)?(?![,\s]*(?:1[89]|20)\d\d)")


def text_month(text: str) -> int | None:
    """The latest month of the year an undated text names (1-12), the least its own month can be:
    a story that writes "on March 30" was written in March or later. Months after "last" or
    "next" are not its own ("last December", "next June")."""
    day = text_day(text)
    return day[0] if day else None


def text_day(text: str) -> tuple[int, int] | None:
    """The latest (month, day) of the year an undated text names, the least its own date can be:
    a story that writes "on March 30" was written on March 30 or later; a month named without a
    day counts from its first day. Dates after "last" or "next" are not its own."""
    found = []
    for m in _MONTH_NAMED.finditer(text):
        if m.group(1) in ("May", "March") and not m.group(2):
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if before and before.group(1).lower() in ("last", "next"):
            continue
        day = int(m.group(2)) if m.group(2) else 1
        found.append((MONTHS[m.group(1).lower()], day if 1 <= day <= 31 else 1))
    return max(found, default=None)


def people_day(people: list[list[Term]], today: _dt.date | None = None) -> _dt.date | None:
    """The last day on which the most of these people (each a list of terms) held office, or
    None when none has a term."""
    today = today or _dt.date.today()
    spans = [[(a or _dt.date.min, min(b - _dt.timedelta(days=1), today) if b else today) for a, b in terms]
             for terms in people]
    spans = [[(a, b) for a, b in terms if a <= b] for terms in spans]
    days = {b for terms in spans for _, b in terms}
    best: tuple[int, _dt.date] | None = None
    for day in days:
        n = sum(any(a <= day <= b for a, b in terms) for terms in spans)
        if best is None or (n, day) > best:
            best = (n, day)
    return best[1] if best else None


def actor_date(publication_date: str | None, text: str, people: list[list[Term]] = ()) -> str | None:
    """The date a document's actors are resolved at: its publication date; else the time of the
    people it names (`people_day`); else the last day of the latest year it writes
    (`text_year`); else None (today)."""
    if publication_date:
        return publication_date
    day = people_day(list(people))
    if day is not None:
        return day.isoformat()
    year = text_year(text)
    return f"{year}-12-31" if year else None
