"""Date expressions: find them in a text and normalize them against the publication date.

Our own rules cover what news writes ("February 25", "Feb. 25, 2023", "on
Tuesday", "last week", "two days ago", "earlier in the day", "this month",
"Thanksgiving Day", "nineteen eighty-two", "a year earlier"); dateparser,
always with ``languages=['en']``, reads the remaining numeric forms
("25/02/2023"). Values are TIMEX-style: ``2023-02-25`` (day), ``2023-W08``
(week), ``2023-02`` (month), ``2023`` (year); without a publication date a
relative expression keeps an unresolved value (``XXXX-02-25``, ``PAST_REF``).

Direction: a bare weekday or month ("Tuesday", "in April") is read in the
tense of its sentence - "will meet Tuesday" is the coming Tuesday, "met
Tuesday" the last one - see `tense_of`.

False-positive guards: "may" and "march" are dates only when they look like
dates ("May 5", "in May", "March 2023"), never as verbs or nouns ("may
visit", "the march on the capital"); a bare year needs a temporal word before
it ("in 1994", "since 2001"), so "2000 troops" is not a date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from dyads.dates.iso import MONTHS, to_date
from dyads.vocabulary import words

# month name or abbreviation -> number (defined with the ISO date parser)
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": 3, "few": 3}
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULL_MONTH_RE = "january|february|march|april|may|june|july|august|september|october|november|december"
_WD_RE = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SPELLED_NUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|hundred)"
_SPELLED_YEAR = rf"(?:nineteen|eighteen)[- ]{_SPELLED_NUM}|two thousand(?:(?: and)? {_SPELLED_NUM})?"
_ORD_RE = "|".join(sorted(_ORDINALS, key=len, reverse=True))

RE_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
RE_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
RE_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(?:of\s+)?(\d{{4}})\b", re.I)
RE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
RE_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
RE_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few)\s+(day|week|month|year)s?\s+(?:ago|earlier|before)\b", re.I)
RE_REL = re.compile(r"\b(last|next|this|past|coming|previous|following)\s+(week|month|year|weekend|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.I)

# modifiers that do not change the day ("early Tuesday", "Thursday morning", "late yesterday")
_PREFIX = re.compile(r"^(?:(?:early|late|earlier|later|on|since|until|till|by|from|before|after|during|"
                     r"the\s+day\s+of|in\s+the\s+(?:early|late)\s+hours\s+of)\s+)+", re.I)
_SUFFIX = re.compile(r"\s+(?:morning|afternoon|evening|night|noon|midday)$", re.I)

# word lists: data/vocabulary.yaml
_TODAY = words("today_expressions")             # "this morning", "later today", ...
_YESTERDAY = words("yesterday_expressions")
_TOMORROW = words("tomorrow_expressions")
_AMBIGUOUS_MONTHS = words("ambiguous_month_words")   # "may", "march" in lower case are words

_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|shall|won't|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to|scheduled|expected\s+to|"
    r"plans?\s+to|planned\s+for|set\s+to|going\s+to|upcoming|to\s+be\s+held|is\s+set|are\s+set)\b", re.I)


@dataclass(frozen=True)
class DateValue:
    value: str          # TIMEX value
    precision: str      # day | week | month | year
    relative: bool      # resolved against the publication date (or unresolvable without one)
    day: dt.date | None = None


def parse_iso(value: str | None) -> dt.date | None:
    """The publication date as a day (`dyads.dates.iso` rules), None if absent or not a date."""
    return to_date(value)


def _day(d: dt.date, relative: bool = False) -> DateValue:
    return DateValue(d.isoformat(), "day", relative, d)


def _month(y: int, m: int, relative: bool = True) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "month", relative)


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


# --------------------------------------------------------------------------- tense

def tense_of(sentence: str, start: int | None = None) -> str | None:
    """"future" when the words around a date speak of what is to come ("will meet on Tuesday",
    "is due to arrive Jan. 14", "talks scheduled for March"), else None (news reports the past,
    and the normalizer prefers the past by itself). `start` is the date's offset in the
    sentence; only its own clause counts (a short window, not across ";" or a full stop)."""
    if start is None:
        return "future" if _FUTURE_CUE.search(sentence) else None
    left = re.split(r"[;:!?]|\.\s", sentence[max(0, start - 70):start])[-1]
    right = re.split(r"[;:!?]|\.\s", sentence[start:start + 50])[0]
    if _FUTURE_CUE.search(left) or _FUTURE_CUE.search(right):
        return "future"
    return None


# --------------------------------------------------------------------------- years and numbers

def spelled_number(text: str) -> int | None:
    """"eighty-two" -> 82, "nineteen" -> 19, "five" -> 5."""
    t = text.lower().replace("-", " ").split()
    if not t:
        return None
    if len(t) == 1:
        return _UNITS.get(t[0], _TENS.get(t[0]))
    if len(t) == 2 and t[0] in _TENS and t[1] in _UNITS and _UNITS[t[1]] < 10:
        return _TENS[t[0]] + _UNITS[t[1]]
    return None


def spelled_year(text: str) -> int | None:
    """"nineteen eighty-two" -> 1982, "two thousand" -> 2000, "two thousand and one" -> 2001."""
    t = " ".join(text.lower().replace("-", " ").split())
    m = re.fullmatch(r"(?:the year )?two thousand(?: and)?(?: (.+))?", t)
    if m:
        rest = spelled_number(m[1]) if m[1] else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    m = re.fullmatch(r"(?:the year )?(nineteen|eighteen) (hundred|.+)", t)
    if m:
        century = 1900 if m[1] == "nineteen" else 1800
        if m[2] == "hundred":
            return century
        rest = spelled_number(m[2])
        return century + rest if rest is not None and rest < 100 else None
    return None


# --------------------------------------------------------------------------- holidays

def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    L = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * L) // 451
    month, day = divmod(h + L - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """n-th (1-based; -1 = last) weekday of a month."""
    if n > 0:
        d = dt.date(year, month, 1)
        d += dt.timedelta(days=(weekday - d.weekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - weekday) % 7)


HOLIDAYS = {
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "easter": _easter,
    "easter sunday": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "may day": lambda y: dt.date(y, 5, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "fourth of july": lambda y: dt.date(y, 7, 4),
    "bastille day": lambda y: dt.date(y, 7, 14),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: dt.date(y, 10, 31),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "armistice day": lambda y: dt.date(y, 11, 11),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "international women's day": lambda y: dt.date(y, 3, 8),
}
_HOLIDAY_RE = "|".join(re.escape(h) for h in sorted(HOLIDAYS, key=len, reverse=True))


def _nearest(candidates: list[dt.date], pub: dt.date, tense: str | None) -> dt.date:
    """Of yearly recurrences, the one the text means: the coming one in the future tense, the
    last one in the past tense, else the nearest (the past preferred)."""
    if tense == "future":
        ahead = [d for d in candidates if d >= pub]
        if ahead:
            return min(ahead)
    if tense == "past":
        behind = [d for d in candidates if d <= pub]
        if behind:
            return max(behind)
    return min(candidates, key=lambda d: abs((d - pub).days) * (1 if d <= pub else 1.5))


def _closest_year(month: int, day: int, pub: dt.date | None, tense: str | None = None) -> int | None:
    """A partial date ("February 25") takes the year that fits the publication date and tense."""
    if pub is None:
        return None
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    if tense is None:
        # without a tense, a nearby future date is as plausible as a nearby past one only when
        # close; news mostly reports what happened
        return min(cands, key=lambda d: abs((d - pub).days) * (1 if d <= pub else 3)).year
    return _nearest(cands, pub, tense).year


def _month_of(mo: int, pub: dt.date, tense: str | None) -> tuple[int, int]:
    cands = [dt.date(pub.year + k, mo, 1) for k in (-1, 0, 1)]
    cur = dt.date(pub.year, pub.month, 1)
    if tense == "future":
        return min(d for d in cands if d >= cur).year, mo
    if tense == "past":
        return max(d for d in cands if d <= cur).year, mo
    best = min(cands, key=lambda d: abs((d.year - cur.year) * 12 + d.month - cur.month) * (1 if d <= cur else 1.5))
    return best.year, mo


# --------------------------------------------------------------------------- normalize

@functools.lru_cache(maxsize=50_000)
def normalize(text: str, publication: str | None = None, tense: str | None = None) -> DateValue | None:
    """Normalize one date expression relative to the publication date (ISO).

    `tense` ("future"/"past"/None, see `tense_of`) sets the direction of bare weekdays,
    months and partial dates."""
    pub = parse_iso(publication)
    t = " ".join(text.strip().split()).strip(",.;:()\"'")
    t = re.sub(r"^(?:the\s+)?(?:day\s+of\s+)?", "", t, flags=re.I) if t.lower().startswith("the day of") else t
    if t.lower() in ("earlier in the day", "later in the day", "earlier today", "later today"):
        return _day(pub, True) if pub else DateValue("PRESENT_REF", "day", True)
    t = _PREFIX.sub("", t)
    t = _SUFFIX.sub("", t) if not re.fullmatch(r"(?:this|last|tomorrow|yesterday)\s+\w+", t, re.I) else t
    low = t.lower()
    if not low:
        return None
    if low in _TODAY:
        if low == "now":
            return None
        return _day(pub, True) if pub else DateValue("PRESENT_REF", "day", True)
    if low in _YESTERDAY:
        return _day(pub - dt.timedelta(days=1), True) if pub else DateValue("PAST_REF", "day", True)
    if low in _TOMORROW:
        return _day(pub + dt.timedelta(days=1), True) if pub else DateValue("FUTURE_REF", "day", True)
    m = re.fullmatch(rf"(last|this|next|coming|this\s+coming|past|previous|following)?\s*({_WD_RE})", low)
    if m:
        # "the previous Friday" counts back like "last Friday", "the following Monday" on like "next"
        which = {"previous": "last", "following": "next"}.get(m[1] or "", (m[1] or "").replace(" ", ""))
        wd = WEEKDAYS[m[2]]
        if pub is None:
            return DateValue(f"XXXX-WXX-{wd + 1}", "day", True)
        if which in ("next", "coming", "thiscoming"):
            return _day(pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7), True)
        if which in ("", "this") and tense == "future":
            # "will meet Friday" in a Friday story is that day
            return _day(pub + dt.timedelta(days=(wd - pub.weekday()) % 7), True)
        back = (pub.weekday() - wd) % 7
        if which in ("last", "past"):
            back = back or 7
        return _day(pub - dt.timedelta(days=back), True)
    m = re.fullmatch(rf"(?:this\s+coming\s+)?(?:{_WD_RE}),?\s+(.+)", low)
    if m:           # "Friday, June third", "Tuesday, Feb. 3": the date decides
        return normalize(m[1], publication, tense)
    hol = re.fullmatch(rf"(last|this|next)?\s*({_HOLIDAY_RE})(?:,?\s+(\d{{4}}))?", low)
    if hol:
        fn = HOLIDAYS[hol[2]]
        if hol[3]:
            return _day(fn(int(hol[3])))
        if pub is None:
            return None
        which = hol[1]
        direction = "past" if which == "last" else "future" if which == "next" else tense
        return _day(_nearest([fn(pub.year + k) for k in (-1, 0, 1)], pub, direction), True)
    m = RE_ISO.search(t)
    if m:
        try:
            return _day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    # spelled-out forms (broadcast transcripts): "October nineteen eighty-three", "June third"
    sm = re.fullmatch(rf"(?:the\s+year\s+)?({_SPELLED_YEAR})", low)
    if sm:
        y = spelled_year(sm[1])
        return DateValue(f"{y:04d}", "year", False) if y else None
    sm = re.fullmatch(rf"({_FULL_MONTH_RE}),?\s+(?:of\s+)?({_SPELLED_YEAR})", low)
    if sm:
        y = spelled_year(sm[2])
        return _month(y, MONTHS[sm[1]], False) if y else None
    sm = re.fullmatch(rf"({_FULL_MONTH_RE})\s+(?:the\s+)?({_ORD_RE})", low) or \
        re.fullmatch(rf"(?:the\s+)?({_ORD_RE})\s+of\s+({_FULL_MONTH_RE})", low)
    if sm:
        mo_name, ord_name = (sm[1], sm[2]) if sm[1] in MONTHS else (sm[2], sm[1])
        t = f"{mo_name} {_ORDINALS[ord_name]}"
        low = t
    m = RE_MONTH_DAY_YEAR.search(t)
    if m and not (m[1].lower() == "may" and not m[3] and not m[1][:1].isupper() and not t.islower()):
        month, day, year = MONTHS[m[1].lower()], int(m[2]), m[3]
        y = int(year) if year else _closest_year(month, day, pub, tense)
        if y and 1 <= day <= 31:
            try:
                return _day(dt.date(y, month, day), not year)
            except ValueError:
                pass
        if not y and 1 <= day <= 31:
            return DateValue(f"XXXX-{month:02d}-{day:02d}", "day", True)
    m = RE_DAY_MONTH_YEAR.search(t)
    if m:
        day, month, year = int(m[1]), MONTHS[m[2].lower()], m[3]
        y = int(year) if year else _closest_year(month, day, pub, tense)
        if y:
            try:
                return _day(dt.date(y, month, day), not year)
            except ValueError:
                pass
    m = RE_MONTH_YEAR.search(t)
    if m:
        return _month(int(m[2]), MONTHS[m[1].lower()], False)
    # "January this year", "June last year", "April next year"
    m = re.fullmatch(rf"(?:early\s+|late\s+|mid-?\s*)?({_MONTH_RE})\.?,?\s+(this|last|next)\s+year", low)
    if m:
        if pub is None:
            return DateValue(f"XXXX-{MONTHS[m[1]]:02d}", "month", True)
        shift = {"this": 0, "last": -1, "next": 1}[m[2]]
        return _month(pub.year + shift, MONTHS[m[1]])
    m = RE_AGO.search(t)
    if m:
        n = NUMBER_WORDS.get(m[1].lower()) if not m[1].isdigit() else int(m[1])
        unit = m[2].lower()
        if n is None:
            return None
        if pub is None:
            return DateValue("PAST_REF", unit, True)
        if unit == "day":
            return _day(pub - dt.timedelta(days=n), True)
        if unit == "week":
            d = pub - dt.timedelta(weeks=n)
            return DateValue(_week(d), "week", True, d)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _month(y, mo + 1)
        return DateValue(f"{pub.year - n:04d}", "year", True)
    if re.fullmatch(r"(?:a\s+)?year[- ](?:earlier|ago)|a\s+year\s+before|the\s+(?:previous|prior)\s+year|"
                    r"last\s+year's", low):
        return DateValue(f"{pub.year - 1:04d}", "year", True) if pub else DateValue("PAST_REF", "year", True)
    if re.fullmatch(r"(?:the\s+)?(?:current|full|whole|entire|fiscal|current\s+fiscal|calendar)\s+year|"
                    r"(?:the\s+)?end\s+of\s+(?:the|this)\s+year|(?:the\s+)?year[- ]end|year's\s+end|"
                    r"(?:around|by|at)\s+year[- ]end|this\s+year's|(?:earlier|later)\s+(?:this|in\s+the)\s+year|"
                    r"the\s+year", low):
        return DateValue(f"{pub.year:04d}", "year", True) if pub else DateValue("PRESENT_REF", "year", True)
    m = re.fullmatch(r"(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+(\d{4})", low)
    if m:
        return DateValue(m[1], "year", False)
    m = re.fullmatch(rf"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+({_FULL_MONTH_RE})", low)
    if m:
        t = m[1]
        low = t
    if re.fullmatch(r"(?:earlier|later)\s+(?:this|in\s+the)\s+month|(?:the\s+)?end\s+of\s+(?:the|this)\s+month", low):
        return _month(pub.year, pub.month) if pub else DateValue("PRESENT_REF", "month", True)
    if re.fullmatch(r"(?:earlier|later)\s+(?:this|in\s+the)\s+week", low):
        return DateValue(_week(pub), "week", True, pub) if pub else DateValue("PRESENT_REF", "week", True)
    m = RE_REL.fullmatch(low) or RE_REL.search(t)
    if m:
        which, unit = m[1].lower(), m[2].lower()
        if unit in WEEKDAYS:
            return normalize(f"{which} {unit}", publication, tense)
        if pub is None:
            ref = "PAST_REF" if which in ("last", "past", "previous") else \
                "FUTURE_REF" if which in ("next", "coming", "following") else "PRESENT_REF"
            return DateValue(ref, unit, True)
        shift = -1 if which in ("last", "past", "previous") else 1 if which in ("next", "coming", "following") else 0
        if unit in ("week", "weekend"):
            d = pub + dt.timedelta(weeks=shift)
            return DateValue(_week(d), "week", True, d)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
            return _month(y, mo + 1)
        return DateValue(f"{pub.year + shift:04d}", "year", True)
    if low in ("this month",):
        return _month(pub.year, pub.month) if pub else None
    m = re.fullmatch(rf"(in\s+|last\s+|this\s+|next\s+|early\s+|late\s+|mid-?\s*)?({_MONTH_RE})\.?(?:\s+month)?", low)
    if m and len(m[2]) > 2:
        mo = MONTHS[m[2]]
        if m[2] in _AMBIGUOUS_MONTHS \
                and not t[:1].isupper() and not (m[1] or "").strip():
            return None     # "may", "march" as words, not months
        if pub is None:
            return DateValue(f"XXXX-{mo:02d}", "month", True)
        which = (m[1] or "").strip()
        if which == "this":
            return _month(pub.year, mo)
        if which == "last":
            y = pub.year if mo < pub.month else pub.year - 1
            return _month(y, mo)
        if which == "next":
            y = pub.year if mo > pub.month else pub.year + 1
            return _month(y, mo)
        y, _ = _month_of(mo, pub, tense)
        return _month(y, mo)
    m = re.fullmatch(r"(?:in\s+|fiscal\s+|the\s+year\s+|post-|pre-|mid-|early\s+|late\s+)?(1[89]\d\d|20\d\d)", low)
    if m:
        return DateValue(m[1], "year", False)
    return _dateparser(t, publication)


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


# --------------------------------------------------------------------------- finding

_DATE_WORD = re.compile(
    rf"\b(?:{_MONTH_RE})\b|\b(?:{_WD_RE})\b|\btoday\b|\byesterday\b|\btomorrow\b|\b\d{{4}}\b|\bweek|\bmonth|\byear|"
    rf"\bago\b|\b(?:{_HOLIDAY_RE})\b|\bnineteen\b|\btwo thousand\b", re.I)

# the rules that find dates NER may miss; each match is normalized afterwards (and dropped if it fails)
_FIND = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b(?!\s*(?:%|percent|per\s+cent))", re.I),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_FULL_MONTH_RE})(?:,?\s+\d{{4}})?\b", re.I),
    re.compile(rf"\b(?:{_FULL_MONTH_RE}|jan|feb|aug|sept|oct|nov|dec)\.?\s+(?:of\s+)?\d{{4}}\b", re.I),
    re.compile(rf"\b(?:{_FULL_MONTH_RE}|jan|feb|aug|sept|oct|nov|dec)\.?,\s+\d{{4}}\b(?!\s+[a-z])", re.I),
    re.compile(rf"\b(?:(?:early|late|mid-?)\s*)?(?:{_FULL_MONTH_RE})\.?,?\s+(?:this|last|next)\s+year\b", re.I),
    re.compile(rf"\b(?:(?:early|late|earlier|later)\s+)?(?:(?:last|this|next|this\s+coming)\s+)?(?:{_WD_RE})"
               r"(?:\s+(?:morning|afternoon|evening|night))?\b", re.I),
    re.compile(r"\b(?:(?:early|late|earlier|later)\s+)?(?:today|yesterday|tomorrow|tonight)\b", re.I),
    re.compile(r"\b(?:earlier|later)\s+in\s+the\s+(?:day|week|month|year)\b", re.I),
    re.compile(r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b", re.I),
    re.compile(r"\b(?:last|next|this|past|coming|previous|following)\s+(?:week|month|year|weekend)\b", re.I),
    re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few)\s+"
               r"(?:day|week|month|year)s?\s+ago\b", re.I),
    re.compile(r"\ba\s+year\s+(?:earlier|ago)\b|\byear[- ](?:earlier|ago)\b", re.I),
    re.compile(r"\b(?:the\s+)?(?:end|beginning|start)\s+of\s+(?:the\s+year|this\s+year|\d{4}|the\s+month)\b", re.I),
    re.compile(r"\byear[- ]end\b|\byear's\s+end\b", re.I),
    re.compile(r"\bthe\s+(?:current|full|fiscal|current\s+fiscal)\s+year\b", re.I),
    re.compile(rf"\b(?:(?:last|next|this)\s+)?(?:{_HOLIDAY_RE})\b", re.I),
    re.compile(rf"\b(?:(?:{_FULL_MONTH_RE})\s+)?(?:the\s+year\s+)?(?:{_SPELLED_YEAR})\b", re.I),
    re.compile(rf"\b(?:{_FULL_MONTH_RE})\s+(?:the\s+)?(?:{_ORD_RE})\b", re.I),
    re.compile(r"\b(?:in|since|during|until|till|by|before|after|from|between|and|to|through|of|"
               r"early|late|mid-|fiscal|post-|pre-)\s*(?:1[89]\d\d|20\d\d)\b(?!\s*(?:%|percent|people|troops|"
               r"soldiers|members|tons|tonnes|km|miles|dollars|euros|yuan|\$))", re.I),
    re.compile(rf"\b(?:in|since|until|by|last|this|next|early|late|mid-?)\s*(?:{_FULL_MONTH_RE})\b(?!\s+\d)", re.I),
]
# a capital is required for these words to be dates (they are also common words)
_CAPITAL_ONLY = re.compile(rf"^(?:{_FULL_MONTH_RE}|{_WD_RE}|{_HOLIDAY_RE})", re.I)
_LEAD_WORD = re.compile(r"^(?:in|since|during|until|till|by|before|after|from|between|and|to|through|of)\s+", re.I)


def _valid_form(s: str) -> bool:
    body = _LEAD_WORD.sub("", s)
    head = re.sub(r"^(?:early|late|earlier|later|last|this|next|mid-?|this\s+coming)\s*", "", body, flags=re.I)
    if _CAPITAL_ONLY.match(head) and not head[:1].isupper():
        return False            # "may", "march", "sunday best" in lower case are not dates
    if re.match(r"(?i)may\b", head) and not re.search(r"\d", head) and not re.match(r"(?i)(?:in|since|until|by|last|this|next|early|late|mid)", body):
        return head.startswith("May") and bool(re.search(r"(?i)\b(?:in|since|until|by|last|this|next|early|late|mid-?)\s*May$", s))
    if re.match(r"(?i)march\b", head) and not re.search(r"\d", head) and \
            not re.search(r"(?i)\b(?:in|since|until|by|last|this|next|early|late|mid-?)\s*March$", s):
        return False            # "the March on Washington" is not a month
    return True


def find(text: str) -> list[tuple[int, int]]:
    """Spans of date expressions our rules recognise (longest, non-overlapping, in text order).
    A leading preposition ("in 1994") is left out of the span."""
    if not _DATE_WORD.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for rx in _FIND:
        for m in rx.finditer(text):
            s = m.group()
            if not _valid_form(s):
                continue
            a = m.start() + (len(s) - len(_LEAD_WORD.sub("", s)))
            spans.append((a, m.end()))
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if all(b <= c or a >= d for c, d in out):
            out.append((a, b))
    return sorted(out)


_RANGE_SEP = re.compile(r"\s*(?:\bto\b|\bthrough\b|\bthru\b|\buntil\b|\band\b|\bor\b|–|—|-(?=\s*[A-Z0-9]))\s*", re.I)


def split_range(text: str) -> list[tuple[int, int, str]]:
    """The dates inside a range or list ("Feb. 3 to March 9", "between 1981 and 1985",
    "June 3 and 4"): (start, end, text to normalize) per part; a bare day after a month
    takes that month ("4" -> "June 4")."""
    parts: list[tuple[int, int, str]] = []
    pos = 0
    body = re.sub(r"(?i)^(?:between|from)\s+", lambda m: " " * len(m.group()), text)
    pieces = []
    for m in _RANGE_SEP.finditer(body):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(body)))
    if len(pieces) < 2:
        return [(0, len(text), text)]
    month = None
    for a, b in pieces:
        seg = body[a:b]
        lead = len(seg) - len(seg.lstrip())
        a += lead
        seg = seg.strip()
        if not seg:
            continue
        mm = re.match(rf"({_MONTH_RE})\.?\s", seg, re.I)
        if mm:
            month = mm[1]
        norm = f"{month} {seg}" if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", seg) and month else seg
        parts.append((a, a + len(seg), norm))
    # a range is only split when every part is a date on its own
    if len(parts) < 2 or any(normalize(p[2]) is None for p in parts):
        return [(0, len(text), text)]
    return parts
