"""Dates: find and normalize date expressions (`expressions`), list a document's date
mentions (`mentions`), and give each event its date (`attach`)."""
from __future__ import annotations

from dyads.dates.expressions import (
    DateValue, find, normalize, parse_iso, spelled_number, spelled_year, split_range, tense_of,
)

__all__ = ["DateValue", "find", "normalize", "parse_iso", "spelled_number", "spelled_year", "split_range",
           "tense_of"]
