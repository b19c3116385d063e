"""Stage: each event's date, by evidence.

1. A date expression attached to the event's clause in the parse ("met on Tuesday",
   "the strike of 3 May") -> `date_source` "text". A date far before publication marks the
   event `historical` (in an undated story: far before the latest year it writes).
2. Else the last date stated for an event earlier in the same paragraph -> "context".
3. Else the publication date -> "publication"; without one the event has no date.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from dyads.dates.era import text_day, text_year
from dyads.dates.expressions import DateValue, parse_iso
from dyads.dates.mentions import DATE_LABELS, date_value
from dyads.events.modality import MONTH_NAMES, future_reading
from dyads.model import Event
from dyads.state import CodingState, FoundEvent

# statements are made when told, whatever date they speak of ("agreed to meet tomorrow",
# "asked Peru to withdraw by Friday"); only acts can still be ahead
STATEMENTS = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
_UNSET = object()
ONGOING_PREPS = frozenset({"since", "over", "throughout"})   # "since last year": up to now
HISTORY_DAYS = 14     # a day of the month this far before the story's latest date is background
# a time a year or more before whenever the story was written, whatever its date: background
# even in an undated story ("the EC last year imposed sanctions"); not "since last year" or
# "the past year", which run up to the story's present
YEARS_BACK = re.compile(r"(?:last year|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+) years? "
                        r"(?:ago|earlier|before)|the (?:previous|preceding) year|the year before)(?:'s)?", re.IGNORECASE)
# dependency labels a date phrase may climb through on its way to the event's clause
DATE_PATH_DEPS = {"pobj", "prep", "npadvmod", "tmod", "nummod", "compound", "appos", "advmod", "nmod", "amod", "det",
                  "quantmod", "case"}
CLAUSE_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj", "xcomp", "conj", "prep", "attr", "acl")


def _clause(trig) -> set[int]:
    """The trigger and the tokens up to the verb of its clause; an infinitive of purpose shares
    the clause of the act it is the purpose of ("meets tomorrow to discuss the plan"), and a
    participle beside a verb that verb's clause."""
    clause = {trig.i}
    t = trig
    if trig.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children):
        clause.add(trig.head.i)
    if trig.dep_ == "advcl" and trig.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark")
                                                                for c in trig.children):
        # "began its moratorium in August 1985, calling on the U.S. to ...": a participle
        # beside the verb tells an act of the same time
        clause.add(trig.head.i)
    if trig.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "while")
                                    for c in trig.children):
        # "spotted the danger last November when he visited Brussels": the visit is of that time
        clause.add(trig.head.i)
    for _ in range(4):
        if t.head == t:
            break
        if t.dep_ in CLAUSE_DEPS or t.pos_ not in ("VERB", "AUX"):
            t = t.head
            clause.add(t.i)
            if t.pos_ in ("VERB", "AUX"):
                break
        else:
            break
    return clause


def _attached(ent, clause: set[int]) -> bool:
    cur = ent.root
    for _ in range(8):
        if cur.i in clause:
            return True
        if cur.head == cur or cur.dep_ not in DATE_PATH_DEPS:
            return False
        nxt = cur.head
        if nxt.pos_ in ("NOUN", "PROPN") and nxt.i not in clause and nxt.dep_ not in ("pobj", "npadvmod") \
                and nxt.ent_type_ not in DATE_LABELS:
            return False   # the date belongs to another noun ("the 1990 treaty")
        cur = nxt
    return False


def _usable(dv: DateValue | None) -> bool:
    return dv is not None and (dv.day is not None or (
        dv.precision in ("month", "year", "week") and not dv.value.startswith(("PAST", "FUT", "PRES", "X"))))


@dataclass(frozen=True)
class StatedDate:
    """A date expression attached to an event's clause: its words, the word before them, and
    its value."""
    text: str
    before: str
    value: DateValue


def stated_dates(state: CodingState, found: FoundEvent) -> list[StatedDate]:
    """The dates the text attaches to the event's clause, usable or relative ("next week")."""
    sd, off = found.sentence.doc, found.sentence.offset
    clause = _clause(found.raw.trigger)
    out = []
    for ent in sd.ents:
        if ent.label_ in DATE_LABELS and _attached(ent, clause):
            dv = date_value(state, ent.text, off + ent.start_char)
            if dv is not None:
                out.append(StatedDate(ent.text.strip(), sd[ent.start - 1].lower_ if ent.start else "", dv))
    return out


def first_usable(dates: list[DateValue]) -> DateValue | None:
    """The first of the dates attached to an event that names a day, month, week or year."""
    return next((dv for dv in dates if _usable(dv)), None)


def _ahead(dates: list[DateValue], pub: str | None) -> bool:
    """Is a date attached to the event still to come when the story was written ("next week",
    "tomorrow", "on April 29" in a story of April 20)?"""
    pubd = parse_iso(pub)
    for dv in dates:
        if dv.value.startswith("FUT"):
            return True
        if pubd and dv.day and dv.precision == "day" and dv.day > pubd:
            return True
    return False


class EventDates:
    name = "event dates"

    def __call__(self, state: CodingState) -> None:
        pub = state.publication_date
        history_from: str | None | object = _UNSET     # read at the first dated event only
        last: dict[int, tuple[str, str]] = {}      # paragraph -> the last date stated in it
        for found in state.found:
            ev, para = found.event, state.doc.sentences[found.sentence.index].paragraph_index
            stated = stated_dates(state, found)
            dates = [d.value for d in stated]
            dv = first_usable(dates)
            if ev.aux_mode is None and ev.event not in STATEMENTS and _ahead(dates, pub):
                # "Chung meets Baker next week": still to come, whatever the tense says
                event, ev.aux_mode = future_reading(ev.event, found.raw.attribution is not None)
                if event != ev.event:
                    ev.event, ev.mode = event, None
            if dv is not None:
                ev.date, ev.date_precision, ev.date_source = dv.value, dv.precision, "text"
                last[para] = (dv.value, dv.precision)
                if history_from is _UNSET:
                    history_from = _history_reference(state)
                _mark_historical(ev, dv, history_from, published=bool(pub))
                if pub and ev.aux_mode is None and _day_named(stated) and _simple_past(found.raw.trigger) \
                        and dv.day and (parse_iso(pub) - dv.day).days >= HISTORY_DAYS:
                    # "agreed on February 22" in a story of March 20: as in an undated story, an
                    # act dated by its day of the month two weeks back is told as background
                    ev.aux_mode = "historical"
                if not pub and ev.aux_mode is None and para > 0 and (
                        (_year_written(stated) and _past_clause(found.raw.trigger))
                        or _of_unknown_distance(state, found, stated)):
                    # "In December 1985, Britain and the United States signed ...": news dates
                    # what happens now by weekday or "this month"; a year written on a past act
                    # after an undated story's lead marks another year, told as background (the
                    # lead, or a lone sentence, tells the news itself); so does "on February
                    # 22", or "in November", in a story that names no day of its own
                    ev.aux_mode = "historical"
            elif not pub and ev.aux_mode is None and (_years_back(stated) or _months_back(state, found, stated) >= 2
                                                      or _days_back(state, found, stated) >= HISTORY_DAYS
                                                      or (para > 0 and _of_unknown_distance(state, found, stated))):
                # "the EC last year imposed sanctions"; "agreed last December", "resigned in
                # November", "agreed on February 22" in a story that writes "March 30"
                ev.aux_mode = "historical"
            elif para in last:
                ev.date, ev.date_precision = last[para]
                ev.date_source = "context"
            elif pub:
                ev.date, ev.date_precision, ev.date_source = pub, "day", "publication"


def _months_back(state: CodingState, found: FoundEvent, stated: list[StatedDate]) -> int:
    """How many months before the undated story's own month (the latest it names, `text_day`)
    the event's clause is dated by a month without a year ("in January", "on February 22",
    "last December"); 0 when that cannot be told."""
    named = _month_named(stated)
    if named is None:
        return 0
    last = named.before == "last" or named.text.lower().startswith("last ")
    own = _own_day(state)
    if own is None:
        # "agreed last December" with no date of the story's own: wire copy names the month
        # only once it is no longer "last month", so it is at least two months back
        return 2 if last and _simple_past(found.raw.trigger) else 0
    if not (last or _simple_past(found.raw.trigger)):
        return 0        # "will meet from April 30", "has pressed since July": not told as past
    back = own[0] - int(named.value.value[5:7])
    if back <= 0 and (last or back < 0):
        back += 12      # "last December", or "resigned in November", in a March story
    return max(back, 0)


def _days_back(state: CodingState, found: FoundEvent, stated: list[StatedDate]) -> int:
    """How many days before the undated story's own date (the latest month and day it names,
    `text_day`) the event's clause is dated by a month and day without a year ("on February
    22"); 0 when that cannot be told. Wire copy dates an act by its day of the month once it is
    more than a week old; a recent one is "on Monday" or "yesterday"."""
    named = _month_named(stated, with_day=True)
    if named is None or not _simple_past(found.raw.trigger):
        return 0
    own = _own_day(state)
    if own is None:
        return 0
    try:    # a common year: only the distance matters
        then = _dt.date(2001, int(named.value.value[5:7]), int(named.value.value[8:10]))
        now = _dt.date(2001, *own)
    except ValueError:
        return 0
    return max((now - then).days, 0)


def _of_unknown_distance(state: CodingState, found: FoundEvent, stated: list[StatedDate]) -> bool:
    """A past act dated by a day of the month or a month alone in an undated story (below)."""
    return _day_of_unknown_distance(state, found, stated) or _month_of_unknown_distance(state, found, stated)


def _day_of_unknown_distance(state: CodingState, found: FoundEvent, stated: list[StatedDate]) -> bool:
    """A past act dated by its month and day ("agreed on February 22") in an undated story that
    names no later day: wire copy dates what happened this week by its weekday or
    "yesterday", and writes the day of the month once an act is more than a week old. After the
    lead that is background; the lead, or a lone sentence, tells the news itself."""
    named = _month_named(stated, with_day=True)
    if named is None or not _day_named(stated) or not (_simple_past(found.raw.trigger) or _told_in_past(found.raw.trigger)):
        return False
    own = _own_day(state)     # the latest day the story names: when it is this one, no later day is told
    return own is None or (int(named.value.value[5:7]), int(named.value.value[8:10])) >= own


def _month_of_unknown_distance(state: CodingState, found: FoundEvent, stated: list[StatedDate]) -> bool:
    """A past act dated by a month alone ("resigned from his post in November") in an undated
    story that names no later month: wire copy dates this month's news by its
    weekday, "this month" or "earlier this month", and names the month once it is past. After
    the lead that is background, as a day of the month is (`_day_of_unknown_distance`)."""
    named = _month_named(stated)
    if named is None or _day_named(stated) or not _simple_past(found.raw.trigger):
        return False
    own = _own_day(state)     # the latest month the story names: when it is this one, no later one is told
    return own is None or int(named.value.value[5:7]) >= own[0]


def _month_named(stated: list[StatedDate], with_day: bool = False) -> StatedDate | None:
    """The first date of the clause that names a month with no year ("in January", "on February
    22", "last December"; with `with_day`, only one that names the day too)."""
    return next((d for d in stated if d.value.value.startswith("XXXX-") and d.value.value[5:7].isdigit()
                 and (not with_day or d.value.value[8:10].isdigit())), None)


def _day_named(stated: list[StatedDate]) -> bool:
    """Does the clause's first date name a month and a day in words ("on February 22", "on 3
    May"), not a weekday or "yesterday"?"""
    if not stated:
        return False
    parts = re.findall(r"[A-Za-z]+|\d+", stated[0].text)
    return any(w.lower() in MONTH_NAMES for w in parts) and any(w.isdigit() and 1 <= int(w) <= 31 for w in parts)


def _own_day(state: CodingState) -> tuple[int, int] | None:
    """The undated story's own date at the least (month, day), read once per document."""
    return state.derived("text_day", lambda: text_day(state.text))


def _years_back(stated: list[StatedDate]) -> bool:
    """Is the event's clause dated a year or more back by the words alone ("last year", "two
    years ago"; not "since last year")?"""
    return any(YEARS_BACK.fullmatch(d.text) and d.before not in ONGOING_PREPS for d in stated)


def _year_written(stated: list[StatedDate]) -> bool:
    """Does the clause's first date write a year in figures ("in August 1985", "in 1985")?"""
    return bool(stated) and bool(re.search(r"\b(?:1[89]|20)\d\d\b", stated[0].text))


def _past_clause(t) -> bool:
    """A simple past, or a participle adjunct of one ("began the moratorium in 1985, calling on
    Washington to join")."""
    if _simple_past(t):
        return True
    return t.tag_ in ("VBG", "VBN") and t.dep_ in ("advcl", "xcomp", "conj") and _simple_past(t.head)


def _told_in_past(t) -> bool:
    """An event noun in a clause told in the past: "were heightened by the May 17 attack",
    "after the June 3 talks collapsed"; not "will attend the June 5 meeting"."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    v = t.head
    for _ in range(4):
        if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
            break
        v = v.head
    return v.tag_ == "VBD" or (v.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "was", "were")
                                                      for c in v.children))


def _simple_past(t) -> bool:
    """A verb in the simple past or the pluperfect ("agreed", "had agreed"), not the present
    perfect ("has agreed") or a future."""
    if t.tag_ == "VBD":
        return True
    return t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children)


def _history_reference(state: CodingState) -> str | None:
    """The date an event must be far before to be history: the publication date; in an undated
    story, the last day of the latest year it writes, the least it can be from ("the 1948 war"
    beside 1987 is history; its people may place it later still, but not surely, so they do not
    count here)."""
    if state.publication_date:
        return state.publication_date
    year = text_year(state.text)
    return f"{year}-12-31" if year else None


def _mark_historical(ev: Event, dv: DateValue, pub: str | None, published: bool = False) -> None:
    """An event dated well before publication is told as background: in a dated document, a
    day more than two months back, a month two or more months back, or an earlier year ("last
    year", "in 2014"). In an undated story `pub` is only the least its date can be (the end of
    the latest year it writes), so only what is more than about a year before that counts."""
    pubd = parse_iso(pub)
    if ev.aux_mode is not None or not pubd:
        return
    if published:
        if dv.day and dv.precision == "day" and (pubd - dv.day).days > 60:
            ev.aux_mode = "historical"
        elif dv.precision == "month" and dv.value[:4].isdigit() and dv.value[5:7].isdigit() and \
                (pubd.year * 12 + pubd.month) - (int(dv.value[:4]) * 12 + int(dv.value[5:7])) >= 2:
            ev.aux_mode = "historical"
        elif dv.precision == "year" and dv.value[:4].isdigit() and int(dv.value[:4]) < pubd.year:
            ev.aux_mode = "historical"
        return
    if dv.day and (pubd - dv.day).days > 400:
        ev.aux_mode = "historical"
    elif dv.value[:4].isdigit() and int(dv.value[:4]) < pubd.year - 1:
        ev.aux_mode = "historical"
