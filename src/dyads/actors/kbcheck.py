"""`dyads kb check`: is the people table current and consistent?

For every UN member state and every office class of `office_classes.yaml` (head of state or
government, foreign, defence, interior and finance ministers, chief of the armed forces,
central-bank governor, opposition leader, speaker), is there a holder on the day checked? A
gap listed in a `kb-gaps-*.tsv` file is reported with its reason; others as unexplained.
It also lists terms of one office that overlap (two holders at once), terms that end after
the day checked (an end in the future is a guess), and rows without a source.
"""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dyads.actors.gazetteer import DATA_DIR, people_files, read_tsv
from dyads.dates.iso import as_of_date, to_date

CLASSES_FILE = DATA_DIR / "office_classes.yaml"


@dataclass
class Gap:
    country: str
    office_class: str
    reason: str | None          # None: not explained in any kb-gaps file


@dataclass
class KbReport:
    day: _dt.date
    states: int = 0
    classes: int = 0
    rows: int = 0
    held: int = 0                                   # state x class pairs with a holder
    gaps: list[Gap] = field(default_factory=list)
    overlaps: list[dict[str, Any]] = field(default_factory=list)
    future_ends: list[dict[str, Any]] = field(default_factory=list)
    no_source: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unexplained(self) -> list[Gap]:
        return [g for g in self.gaps if g.reason is None]

    def as_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "states": self.states, "classes": self.classes, "rows": self.rows,
                "held": self.held, "gaps": [g.__dict__ for g in self.gaps], "overlaps": self.overlaps,
                "future_ends": self.future_ends, "no_source": self.no_source}


def load_classes(path: str | Path = CLASSES_FILE) -> tuple[dict[str, frozenset[str]], list[str]]:
    """Office classes (name -> office strings) and the UN member states."""
    data = _load(path)
    classes = {name: frozenset(c["offices"]) for name, c in data["classes"].items()}
    return classes, list(data["un_members"])


def _load(path: str | Path) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _people(data_dir: Path) -> list[dict[str, str]]:
    rows = []
    for p in people_files(data_dir):
        for r in read_tsv(p):
            if r.get("name", "").strip() and r.get("country", "").strip():
                rows.append({**r, "_file": p.name})
    return rows


def _explained(data_dir: Path, classes: dict[str, frozenset[str]]) -> dict[tuple[str, str], str]:
    """(country, class) -> reason, from kb-gaps-*.tsv (the office column may name the class or an office)."""
    by_office = {o.lower(): c for c, offices in classes.items() for o in offices}
    out = {}
    for p in sorted(data_dir.glob("kb-gaps-*.tsv")):
        for r in read_tsv(p):
            office = r.get("office", "").strip()
            cls = office if office in classes else by_office.get(office.lower())
            if cls and r.get("country", "").strip():
                out[(r["country"].strip(), cls)] = r.get("reason", "").strip() or "(no reason given)"
    return out


def check(date: str | _dt.date | None = None, data_dir: str | Path = DATA_DIR,
          classes_file: str | Path | None = None) -> KbReport:
    """Check the people tables of `data_dir` on `date` (default today)."""
    d = Path(data_dir)
    day = as_of_date(date)
    classes_path = classes_file or d / "office_classes.yaml"
    classes, members = load_classes(classes_path)
    shared = frozenset(_load(classes_path).get("shared_offices") or ())
    rows = _people(d)
    rep = KbReport(day=day, states=len(members), classes=len(classes), rows=len(rows))
    office_class = {o: c for c, offices in classes.items() for o in offices}
    held: set[tuple[str, str]] = set()
    terms: dict[tuple[str, str], list[tuple[_dt.date, _dt.date, dict[str, str]]]] = defaultdict(list)
    for r in rows:
        start = to_date(r.get("start") or "") or _dt.date.min
        end = to_date(r.get("end") or "") or _dt.date.max
        office = r.get("office", "").strip()
        if not r.get("source", "").strip():
            rep.no_source.append({"file": r["_file"], "name": r["name"], "office": office})
        if end != _dt.date.max and end > day:
            rep.future_ends.append({"file": r["_file"], "name": r["name"], "country": r["country"],
                                    "office": office, "end": r.get("end")})
        cls = office_class.get(office)
        if cls is None:
            continue
        if start <= day < end:
            held.add((r["country"], cls))
        terms[(r["country"], office)].append((start, end, r))
    for (country, office), ts in sorted(terms.items()):
        if office in shared:
            continue    # offices held by several people at once
        ts.sort(key=lambda t: t[0])
        for i, (s1, e1, r1) in enumerate(ts):
            for s2, e2, r2 in ts[i + 1:]:
                if s2 >= e1:
                    break
                if r1["name"] != r2["name"]:
                    rep.overlaps.append({"country": country, "office": office, "first": r1["name"],
                                         "first_file": r1["_file"], "second": r2["name"],
                                         "second_file": r2["_file"], "from": r2.get("start"),
                                         "until": r1.get("end") or None})
    explained = _explained(d, classes)
    for country in members:
        for cls in classes:
            if (country, cls) in held:
                rep.held += 1
            else:
                rep.gaps.append(Gap(country, cls, explained.get((country, cls))))
    return rep


def format_report(rep: KbReport, limit: int = 0) -> str:
    """A readable report; `limit` caps each list (0 = all)."""
    def cap(xs: list) -> list:
        return xs if not limit else xs[:limit]

    total = rep.states * rep.classes
    lines = [f"knowledge base on {rep.day.isoformat()}: {rep.rows} term rows; "
             f"{rep.held} of {total} state x office pairs held ({rep.held / total:.1%}), "
             f"{len(rep.gaps) - len(rep.unexplained)} gaps explained, {len(rep.unexplained)} unexplained; "
             f"{len(rep.overlaps)} overlapping terms; {len(rep.future_ends)} terms ending after the day; "
             f"{len(rep.no_source)} rows without a source"]
    by_class: dict[str, list[str]] = defaultdict(list)
    for g in rep.unexplained:
        by_class[g.office_class].append(g.country)
    if by_class:
        lines.append("no current holder (unexplained):")
        for cls, cs in by_class.items():
            lines.append(f"  {cls} ({len(cs)}): {' '.join(cap(cs))}")
    expl = [g for g in rep.gaps if g.reason is not None]
    if expl:
        lines.append("no current holder (explained):")
        lines += [f"  {g.country} {g.office_class}: {g.reason}" for g in cap(expl)]
    if rep.overlaps:
        lines.append("overlapping terms:")
        lines += [f"  {o['country']} {o['office']}: {o['first']} ({o['first_file']}) until {o['until']}, "
                  f"{o['second']} ({o['second_file']}) from {o['from']}" for o in cap(rep.overlaps)]
    if rep.future_ends:
        lines.append("terms ending after the day checked:")
        lines += [f"  {f['country']} {f['office']}: {f['name']} ends {f['end']} ({f['file']})"
                  for f in cap(rep.future_ends)]
    if rep.no_source:
        lines.append("rows without a source:")
        lines += [f"  {x['file']}: {x['name']} ({x['office']})" for x in cap(rep.no_source)]
    return "\n".join(lines)
