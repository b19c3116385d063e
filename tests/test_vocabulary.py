"""data/vocabulary.yaml: the shape of every list, and every name the source asks for exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dyads import vocabulary

SRC = Path(vocabulary.__file__).resolve().parent
# words("name") and vocabulary.words("name") in the source
_USE = re.compile(r"""\bwords\(\s*["']([^"']+)["']\s*\)""")


def _raw() -> dict:
    return yaml.safe_load(vocabulary.VOCABULARY_FILE.read_text(encoding="utf-8"))


def test_every_list_is_well_formed():
    assert vocabulary.check(_raw()) == []
    for name in vocabulary.names():
        entry = _raw()[name]
        assert entry["description"].strip(), name
        ws = entry["words"]
        assert ws and all(isinstance(w, str) and w == w.lower() == w.strip() for w in ws), name
        assert len(ws) == len(set(ws)), name


def test_every_name_used_in_the_source_exists():
    used = {}
    for path in SRC.rglob("*.py"):
        for name in _USE.findall(path.read_text(encoding="utf-8")):
            used.setdefault(name, path.relative_to(SRC))
    assert used, "no words(...) call found: the pattern is out of date"
    missing = {name: str(where) for name, where in used.items() if name not in vocabulary.names()}
    assert missing == {}


def test_every_list_is_used_somewhere():
    """In the source as words("name"), or in the senses table as @name."""
    used = {name for path in SRC.rglob("*.py") for name in _USE.findall(path.read_text(encoding="utf-8"))}
    used |= set(re.findall(r"@(\w+)", (SRC / "data" / "senses.tsv").read_text(encoding="utf-8")))
    assert set(vocabulary.names()) - used == set()


def test_words_is_a_cached_frozenset():
    ws = vocabulary.words("facility_heads")
    assert isinstance(ws, frozenset) and "hospital" in ws
    assert vocabulary.words("facility_heads") is ws


def test_unknown_name_names_the_file():
    with pytest.raises(KeyError, match="vocabulary.yaml"):
        vocabulary.words("no_such_list")


def test_the_check_catches_broken_lists():
    broken = {
        "ok": {"description": "fine", "words": ["a", "b"]},
        "Bad-Name": {"description": "x", "words": ["a"]},
        "empty": {"description": "x", "words": []},
        "twice": {"description": "x", "words": ["on", "on"]},
        "upper": {"description": "x", "words": ["Monday"]},
        "unquoted": {"description": "x", "words": [False]},      # YAML's reading of a bare no
        "nodesc": {"words": ["a"]},
    }
    problems = "\n".join(vocabulary.check(broken))
    for bit in ("'Bad-Name'", "empty: `words` must be a non-empty list", "twice: 'on' is listed twice",
                "upper: 'Monday' must be lower case", "unquoted: False is not a string",
                "nodesc: expected exactly `description` and `words`"):
        assert bit in problems
    assert "ok:" not in problems


def test_lists_keep_the_words_of_the_constants_they_replace():
    # spot checks of words that YAML would read as something else unless quoted
    assert {"no", "n't"} <= vocabulary.words("negators")
    assert "on" in vocabulary.words("prepositions")
    assert "y" in vocabulary.words("name_particles")
    assert "'ll" in vocabulary.words("future_auxiliaries")
    assert {"news agency", "group"} <= vocabulary.words("collective_heads")
