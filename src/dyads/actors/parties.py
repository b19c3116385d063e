"""Was a party in government on a day? The PLOVER manual codes parties PTY and tells those in
government from those in opposition by a second code, GOV or OPP (sector note 1).

Periods come from `party-terms.tsv` (party, country, start, end, role, source): when the party
led the government or sat in it. A party with no period of its own is in opposition on a day
when its country's government is known (some party of that country has a period covering the
day), and unknown otherwise."""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import Iterable, Mapping

from dyads.dates.iso import to_date
from dyads.text import key as fold_key


class PartyTerms:
    def __init__(self, rows: Iterable[Mapping[str, str]]) -> None:
        self._terms: dict[str, list[tuple[_dt.date, _dt.date]]] = defaultdict(list)
        self._known: dict[str, list[tuple[_dt.date, _dt.date]]] = defaultdict(list)   # country -> covered days
        for r in rows:
            name, country = (r.get("party") or "").strip(), (r.get("country") or "").strip()
            start = to_date(r.get("start") or "")
            if not name or not country or start is None:
                continue
            end = to_date(r.get("end") or "") or _dt.date.max
            self._terms[fold_key(name)].append((start, end))
            self._known[country].append((start, end))

    def sector(self, party_name: str, country: str | None, day: _dt.date) -> str | None:
        """"GOV" (in government on `day`), "OPP" (out of it while its country's government is
        known), or None (nothing known)."""
        terms = self._terms.get(fold_key(party_name), [])
        if any(s <= day < e for s, e in terms):
            return "GOV"
        if country and any(s <= day < e for s, e in self._known.get(country, [])):
            return "OPP"
        return None
