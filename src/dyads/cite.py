"""Who the text credits as its source: "Anadolu Agency reported", "(Reuters)", "ISTANBUL (AA) -".

Credited agencies are cite information, never event actors: the spans found
here are excluded from actor matching.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Callable, Iterable


def credit_key(form: str) -> str:
    """How a credit is looked up: lower case, without dots ("A.P." and "AP" are one form)."""
    return form.strip().lower().replace(".", "")


@functools.cache
def credit_forms() -> dict[str, str]:
    """Credit form (see `credit_key`) -> canonical name of the medium, for every row of kind
    media in data/organizations.tsv: its name, its aliases and its `credits`, the forms that
    only sign a story and are no names in running text ("(Anatolia)" is how Anadolu Agency
    signs its English wire; as a plain word Anatolia is a region, so the gazetteer never
    reads that column)."""
    text = resources.files("dyads").joinpath("data/organizations.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = [h.strip() for h in lines[0].split("\t")]
    out: dict[str, str] = {}
    for line in lines[1:]:
        row = dict(zip(header, (c.strip() for c in line.split("\t"))))
        if row.get("kind") != "media" or not row.get("name"):
            continue
        name = row["name"]
        for form in [name, *row.get("aliases", "").split("|"), *row.get("credits", "").split("|")]:
            if form.strip():
                out.setdefault(credit_key(form), name)
    return out


PAREN = re.compile(r"\(([A-Z][A-Za-z.\- ]{0,40})\)")
DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'\-]{2,40}\s*\(([A-Za-z.\- ]{1,30})\)\s*[-–—_:]", re.M)
# a wire's sign-off closing the story: "... the ministry said.  REUTER"
SIGNOFF = re.compile(r"(?<=\s)([A-Z][A-Za-z]{1,15})\s*$")


# "MANILA --", "MOGADISHU, Somalia -", "BELGRADE, Serbia (AP) -": a dateline opening a story or paragraph
DATELINE_PLACE = re.compile(r"(?:^|\n)\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:,\s*[A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?)\s*(?:\([^)]{1,30}\)\s*)?(?:--|—|–|-|_)\s")


# "Manila - The Asian Development Bank said ...": a city in ordinary case opening a paragraph of
# news highlights, kept only when the place index knows it as a city of some size (a hamlet
# called Acme is no dateline)
DATELINE_CITY_POPULATION = 50_000
DATELINE_CITY = re.compile(r"(?:^|\n)\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:--|—|–|-)\s+(?=[A-Z])")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of datelines; they name where a story was filed, not who acted."""
    from dyads.places import lookup as place_lookup    # here: dyads.places imports this module

    spans = [(m.start(1), m.end(1)) for m in DATELINE_PLACE.finditer(text[:20000])]
    for m in DATELINE_CITY.finditer(text[:20000]):
        place = place_lookup(m.group(1), [])
        if place is not None and place.kind == "city" and (place.population or 0) >= DATELINE_CITY_POPULATION:
            spans.append((m.start(1), m.end(1)))
    return spans


def find_credits(text: str, is_media: Callable[[str], str | None]) -> tuple[list[str], list[tuple[int, int]]]:
    """Return (credited source names, character spans to keep out of actor matching).

    `is_media(name)` returns the canonical media name for a known outlet, else None.
    """
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    for rx in (DATELINE, PAREN, SIGNOFF):
        for m in rx.finditer(text):
            raw = m.group(1).strip()
            name = credit_forms().get(credit_key(raw)) or is_media(raw)
            if name:
                spans.append((m.start(1) - 1, m.end(1) + 1))
                if name not in names:
                    names.append(name)
    spans.extend(dateline_spans(text))
    return names, spans


# "Anadolu Agency reported", "AP said", "according to AFP", "told Reuters": a medium reporting
REPORTS_AFTER = re.compile(r"^\W{0,3}(?:\w+\W+){0,3}?(?:reported|reports|said|says|quoted|cited|wrote|writes|news agency reported|added)\b", re.I)
REPORTS_BEFORE = re.compile(r"(?:according to|told|quoted by|cited by|reported by|reports by|told the|told state-run|told state)\s+(?:the\s+)?[\w\s-]{0,20}$", re.I)


def reporting_media(text: str, names: Iterable) -> list[str]:
    """Known media (`names`: knowledge-base matches of kind "media") that the text shows reporting."""
    out: list[str] = []
    for m in names:
        if m.kind != "media":
            continue
        after = text[m.end:m.end + 40]
        before = text[max(0, m.start - 30):m.start]
        if (REPORTS_AFTER.match(after) or REPORTS_BEFORE.search(before)) and m.name not in out:
            out.append(m.name)
    return out


class Credits:
    """Stage: who the story credits (`Document.credited`) and the spans that name them
    (`state.credit_spans`), which are never event participants."""

    name = "credits"

    def __init__(self, media_name: Callable[[str], str | None]) -> None:
        self.media_name = media_name

    def __call__(self, state) -> None:
        credited, spans = find_credits(state.text, self.media_name)
        state.credit_spans = spans
        state.doc.credited = list(credited)
        for name in reporting_media(state.text, state.names):
            if name not in state.doc.credited:
                state.doc.credited.append(name)
