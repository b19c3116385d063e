"""Domain word lists, kept as data in ``dyads/data/vocabulary.yaml``.

Each list has a name, a one-line description and its words (lower case, no duplicates).
Code asks for a list by name and gets a frozenset; membership tests stay as they were
with the Python constants the lists replace::

    >>> "hospital" in words("facility_heads")
    True

The file is read once per process. An unknown name raises KeyError naming the file, so a
typo fails at import time of the module that uses it, not silently at match time.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

__all__ = ["VOCABULARY_FILE", "words", "names", "description", "check"]

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.yaml"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check(data: Any) -> list[str]:
    """Problems with the shape of a loaded vocabulary file (empty when it is well formed)."""
    if not isinstance(data, dict) or not data:
        return ["expected a mapping of named lists"]
    out: list[str] = []
    for name, entry in data.items():
        if not isinstance(name, str) or not name.isidentifier() or name != name.lower():
            out.append(f"{name!r}: list names are lower-case identifiers")
        if not isinstance(entry, dict) or set(entry) != {"description", "words"}:
            out.append(f"{name}: expected exactly `description` and `words`")
            continue
        desc = entry["description"]
        if not isinstance(desc, str) or not desc.strip() or "\n" in desc.strip():
            out.append(f"{name}: the description must be one non-empty line")
        ws = entry["words"]
        if not isinstance(ws, list) or not ws:
            out.append(f"{name}: `words` must be a non-empty list")
            continue
        seen: set[str] = set()
        for w in ws:
            if not isinstance(w, str):
                out.append(f"{name}: {w!r} is not a string (quote words such as \"no\" or \"on\")")
            elif not w or w != w.strip() or w != w.lower():
                out.append(f"{name}: {w!r} must be lower case without surrounding spaces")
            elif w in seen:
                out.append(f"{name}: {w!r} is listed twice")
            else:
                seen.add(w)
    return out


@functools.cache
def _data() -> dict[str, Any]:
    data = yaml.load(VOCABULARY_FILE.read_text(encoding="utf-8"), Loader=_Loader)
    problems = check(data)
    if problems:
        raise ValueError(f"{VOCABULARY_FILE.name}: " + "; ".join(problems))
    return data


@functools.cache
def words(name: str) -> frozenset[str]:
    """The words of the list `name`. KeyError (naming the file) if there is no such list."""
    try:
        entry = _data()[name]
    except KeyError:
        raise KeyError(f"no word list {name!r} in {VOCABULARY_FILE}") from None
    return frozenset(entry["words"])


def names() -> tuple[str, ...]:
    """The names of all lists, in file order."""
    return tuple(_data())


def description(name: str) -> str:
    try:
        return str(_data()[name]["description"])
    except KeyError:
        raise KeyError(f"no word list {name!r} in {VOCABULARY_FILE}") from None
