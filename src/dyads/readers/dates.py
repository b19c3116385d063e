"""Publication-date normalisation.

Accepted (anything else is rejected with a ValueError saying why):

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
"""
from __future__ import annotations

import datetime as _dt
import re

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?\d{6}(?:Z)?)?")
_PARTIAL = re.compile(r"\d{4}(?:-\d{2})?")


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
    text = str(value).strip()
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
