"""Calendar dates given by a user: one parser for every place that takes one.

A publication date (``--date``, a JSON line's ``date``, the API and the playground, feeds),
the start and end of an office in an actor table, and the date an actor is resolved at all
go through here.

`normalize_date` is the rule; it accepts (anything else is rejected with a ValueError saying why):

* ``2023-02-25`` (ISO 8601 extended calendar date)
* ``2023-02-25T10:00:00Z``, ``2023-02-25 10:00``, ``2023-02-25T10:00:00.123+03:00`` ...
  (ISO date-time; the calendar date *as written* is kept, no time-zone conversion,
  because a publisher's local date is the publication date)
* ``20230225`` (ISO 8601 basic format) and ``20230225103000`` (GDELT-style
  YYYYMMDDhhmmss); JSON integers of those shapes too
* `datetime.date` / `datetime.datetime` objects

Partial dates (``2023-02``, ``2023``) and day-first/month-first forms
(``25/02/2023``) are rejected: they are either not a day or ambiguous.
The result is always ``YYYY-MM-DD``. ``None``, ``""`` and whitespace mean "no date".

`to_date` is the same rule giving a `datetime.date` (None instead of an error, for values
checked before), and `as_of_date` the forgiving reading used for "resolve this actor as of":
the same dates, plus partial ones and written ones ("1 July 2021"), with today when nothing
can be read.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
__all__ = ["MONTHS", "normalize_date", "to_date", "as_of_date"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?\d{6}(?:Z)?)?")
_PARTIAL = re.compile(r"\d{4}(?:-\d{2})?")
_LEADING_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def normalize_date(value: object) -> str | None:
    """Return ``YYYY-MM-DD`` for an accepted date, None for "no date", else raise ValueError."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"invalid date {value!r} (expected an ISO 8601 string such as 2023-02-25)")
    return _normalize_text(str(value))


@functools.lru_cache(maxsize=4096)
def _normalize_text(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    shown = text if len(text) <= 40 else text[:37] + "..."
    match = _ISO.fullmatch(text) or _BASIC.fullmatch(text)
    if not match:
        if _PARTIAL.fullmatch(text):
            raise ValueError(f"incomplete date '{shown}' (need year, month and day: YYYY-MM-DD)")
        raise ValueError(f"invalid date '{shown}' (expected ISO 8601, e.g. 2023-02-25)")
    year, month, day = (int(g) for g in match.groups())
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise ValueError(f"invalid date '{shown}' ({exc})") from None


def to_date(value: object) -> _dt.date | None:
    """The day of an accepted date (see `normalize_date`), None for no date or a rejected one."""
    try:
        iso = normalize_date(value)
    except ValueError:
        return None
    return _dt.date.fromisoformat(iso) if iso else None


def as_of_date(value: object) -> _dt.date:
    """The day an actor is resolved at, read forgivingly: what `normalize_date` accepts; else
    ``YYYY-MM`` (its 1st), ``YYYY`` (1 July) and other strings starting with a year; else a
    written date ("1 July 2021", "July 1, 2021"; a month and year alone give the 1st, a year
    alone 1 July); None, "today" and anything unreadable give today."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not value:
        return _dt.date.today()
    exact = to_date(value) if isinstance(value, (str, int)) else None
    if exact is not None:
        return exact
    s = str(value).strip().lower()
    m = _LEADING_ISO.match(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 1)
        try:
            return _dt.date(y, mo, d)
        except ValueError:
            return _dt.date(y, 1, 1)
    words = re.findall(r"[a-z]+|\d+", s)
    nums = [int(w) for w in words if w.isdigit()]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year = next((n for n in nums if n > 31), None)
    day = next((n for n in nums if 1 <= n <= 31), 1)
    if year and month:
        try:
            return _dt.date(year, month, day)
        except ValueError:
            return _dt.date(year, month, 1)
    if year:
        return _dt.date(year, 7, 1)
    return _dt.date.today()
