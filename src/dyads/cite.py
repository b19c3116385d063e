"""Who the text credits as its source: "Anadolu Agency reported", "(Reuters)", "ISTANBUL (AA) -".

Credited agencies are cite information, never event actors: the spans found
here are excluded from actor matching.
"""
from __future__ import annotations

import re
from typing import Callable

# Credit forms that are not names of the agency itself ("(Anatolia)" is how
# Anadolu Agency signs its English wire; as a plain word Anatolia is a region).
CREDIT_ALIASES = {
    "anatolia": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "ap": "Associated Press",
    "afp": "Agence France-Presse",
    "upi": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
    "efe": "EFE",
    "ansa": "ANSA",
    "reuters": "Reuters",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "irna": "IRNA",
    "kuna": "KUNA",
    "wam": "WAM",
    "spa": "Saudi Press Agency",
    "mena": "MENA",
    "pti": "Press Trust of India",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "apa": "APA",
    "azertac": "AZERTAC",
    "trend": "Trend",
    "ians": "IANS",
    "bernama": "Bernama",
    "antara": "Antara",
}

PAREN = re.compile(r"\(([A-Z][A-Za-z.\- ]{0,40})\)")
DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'\-]{2,40}\s*\(([A-Za-z.\- ]{1,30})\)\s*[-–—_:]", re.M)


# "MANILA --", "MOGADISHU, Somalia -", "BELGRADE, Serbia (AP) -": a dateline opening a story or paragraph
DATELINE_PLACE = re.compile(r"(?:^|\n)\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:,\s*[A-Z][\w.]+(?: [A-Z][\w.]+){0,2})?)\s*(?:\([^)]{1,30}\)\s*)?(?:--|—|–|-|_)\s")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of datelines; they name where a story was filed, not who acted."""
    return [(m.start(1), m.end(1)) for m in DATELINE_PLACE.finditer(text[:20000])]


def find_credits(text: str, is_media: Callable[[str], str | None]) -> tuple[list[str], list[tuple[int, int]]]:
    """Return (credited source names, character spans to keep out of actor matching).

    `is_media(name)` returns the canonical media name for a known outlet, else None.
    """
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    for rx in (DATELINE, PAREN):
        for m in rx.finditer(text):
            raw = m.group(1).strip()
            key = raw.lower().replace(".", "")
            name = CREDIT_ALIASES.get(key) or is_media(raw)
            if name:
                spans.append((m.start(1) - 1, m.end(1) + 1))
                if name not in names:
                    names.append(name)
    spans.extend(dateline_spans(text))
    return names, spans
