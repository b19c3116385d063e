"""Date expressions: find them, normalize them against the publication date.

Our own rules cover what news uses most (weekdays, "yesterday", "last week",
"February 25", "Feb. 25, 2023", years, months); dateparser, always with
`languages=['en']`, handles the remaining absolute forms. Values are
TIMEX-style: `2023-02-25` (day), `2023-W08` (week), `2023-02` (month),
`2023` (year).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
RE_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
RE_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
RE_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
RE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
RE_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
RE_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few)\s+(day|week|month|year)s?\s+ago\b", re.I)
RE_REL = re.compile(r"\b(last|next|this|past|coming)\s+(week|month|year|weekend|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.I)


@dataclass(frozen=True)
class DateValue:
    value: str          # TIMEX value
    precision: str      # day | week | month | year
    relative: bool      # resolved against the publication date (or unresolvable without one)
    day: dt.date | None = None


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _day(d: dt.date) -> DateValue:
    return DateValue(d.isoformat(), "day", False, d)


def _closest_year(month: int, day: int, pub: dt.date | None) -> int | None:
    """A partial date ("February 25") takes the year that puts it nearest the publication date,
    preferring the past (news mostly reports what happened)."""
    if pub is None:
        return None
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        delta = (cand - pub).days
        score = abs(delta) if delta <= 0 else abs(delta) * 3   # future dates are less likely
        if best is None or score < best[0]:
            best = (score, y)
    return best[1] if best else None


@functools.lru_cache(maxsize=50_000)
def normalize(text: str, publication: str | None = None) -> DateValue | None:
    """Normalize one date expression (as NER found it) relative to the publication date."""
    pub = parse_iso(publication)
    t = " ".join(text.strip().split())
    low = t.lower()
    if not low:
        return None
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today", "earlier in the day", "later in the day", "on the day"):
        return _day(pub) if pub else DateValue("PRESENT_REF", "day", True)
    if low in ("yesterday", "last night"):
        return _day(pub - dt.timedelta(days=1)) if pub else DateValue("PAST_REF", "day", True)
    if low == "tomorrow":
        return _day(pub + dt.timedelta(days=1)) if pub else DateValue("FUTURE_REF", "day", True)
    for name, wd in WEEKDAYS.items():
        if re.fullmatch(rf"(?:on\s+|last\s+|this\s+|next\s+)?{name}(?:\s+(?:morning|afternoon|evening|night))?", low):
            if pub is None:
                return DateValue("XXXX-WXX-" + str(wd + 1), "day", True)
            back = (pub.weekday() - wd) % 7
            if low.startswith("next"):
                fwd = (wd - pub.weekday()) % 7 or 7
                return DateValue((pub + dt.timedelta(days=fwd)).isoformat(), "day", True, pub + dt.timedelta(days=fwd))
            d = pub - dt.timedelta(days=back)
            return DateValue(d.isoformat(), "day", True, d)
    m = RE_ISO.search(t)
    if m:
        try:
            return _day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    m = RE_MONTH_DAY_YEAR.search(t) or None
    if m and not (m[1].lower() == "may" and not m[3] and not t[:1].isupper()):
        month, day, year = MONTHS[m[1].lower()], int(m[2]), m[3]
        y = int(year) if year else _closest_year(month, day, pub)
        if y and 1 <= day <= 31:
            try:
                d = dt.date(y, month, day)
                return DateValue(d.isoformat(), "day", not year, d)
            except ValueError:
                pass
        if not y:
            return DateValue(f"XXXX-{month:02d}-{day:02d}", "day", True)
    m = RE_DAY_MONTH_YEAR.search(t)
    if m:
        day, month, year = int(m[1]), MONTHS[m[2].lower()], m[3]
        y = int(year) if year else _closest_year(month, day, pub)
        if y:
            try:
                d = dt.date(y, month, day)
                return DateValue(d.isoformat(), "day", not year, d)
            except ValueError:
                pass
    m = RE_MONTH_YEAR.search(t)
    if m:
        return DateValue(f"{int(m[2]):04d}-{MONTHS[m[1].lower()]:02d}", "month", False)
    m = RE_AGO.search(t)
    if m:
        n = NUMBER_WORDS.get(m[1].lower()) or int(m[1]) if not m[1].isdigit() else int(m[1])
        unit = m[2].lower()
        if pub is None:
            return DateValue("PAST_REF", unit, True)
        if unit == "day":
            d = pub - dt.timedelta(days=n)
            return DateValue(d.isoformat(), "day", True, d)
        if unit == "week":
            d = pub - dt.timedelta(weeks=n)
            return DateValue(_week(d), "week", True, d)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return DateValue(f"{y:04d}-{mo + 1:02d}", "month", True)
        return DateValue(f"{pub.year - n:04d}", "year", True)
    m = RE_REL.search(t)
    if m:
        which, unit = m[1].lower(), m[2].lower()
        if unit in WEEKDAYS:
            return normalize(f"{which} {unit}", publication)
        if pub is None:
            return DateValue("PAST_REF" if which in ("last", "past") else "FUTURE_REF" if which in ("next", "coming") else "PRESENT_REF", unit, True)
        shift = -1 if which in ("last", "past") else 1 if which in ("next", "coming") else 0
        if unit in ("week", "weekend"):
            d = pub + dt.timedelta(weeks=shift)
            return DateValue(_week(d), "week", True, d)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
            return DateValue(f"{y:04d}-{mo + 1:02d}", "month", True)
        return DateValue(f"{pub.year + shift:04d}", "year", True)
    if low in ("this month",):
        return DateValue(f"{pub.year:04d}-{pub.month:02d}", "month", True) if pub else None
    for name, mo in MONTHS.items():
        if len(name) > 3 and re.fullmatch(rf"(?:in\s+|last\s+|this\s+|early\s+|late\s+|mid-?)?{name}", low):
            if name == "may" and not t[:1].isupper():
                return None
            if pub is None:
                return DateValue(f"XXXX-{mo:02d}", "month", True)
            y = pub.year if mo <= pub.month else pub.year - 1
            return DateValue(f"{y:04d}-{mo:02d}", "month", True)
    m = RE_YEAR.fullmatch(low.replace("in ", "").strip()) or RE_YEAR.search(low) if len(low) <= 12 else None
    if m:
        return DateValue(m[1], "year", False)
    return _dateparser(t, publication)


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _dateparser(text: str, publication: str | None) -> DateValue | None:
    # only absolute numeric forms reach dateparser ("25/02/2023", "2023.02.25"); the rest are ours
    if not re.search(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}", text):
        return None
    import dateparser  # slow import, only when needed

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    pub = parse_iso(publication)
    if pub:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:
        return None
    if parsed is None:
        return None
    return _day(parsed.date())
