"""Dates: find and normalize date expressions (`expressions`), list a document's date
mentions (`mentions`), and give each event its date (`attach`); calendar dates given by
users (publication dates, actor-table terms) are read by `iso`."""
from __future__ import annotations

from dyads.dates.expressions import (
    DateValue, find, normalize, parse_iso, spelled_number, spelled_year, split_range, tense_of,
)
from dyads.dates.iso import as_of_date, normalize_date, to_date

__all__ = ["DateValue", "find", "normalize", "parse_iso", "spelled_number", "spelled_year", "split_range",
           "tense_of", "normalize_date", "to_date", "as_of_date"]
