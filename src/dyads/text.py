"""Text folding for matching names: accents off, lower case, one kind of quote,
hyphen and space, with a map back to the original character offsets.

    >>> fold("Erdoğan and Çavuşoğlu at the Élysée")
    'erdogan and cavusoglu at the elysee'

`fold_with_map` also returns `index_map`, one original offset per folded
character plus a final entry equal to `len(text)`, so a match
`folded[s:e]` is `text[index_map[s]:index_map[e - 1] + 1]`.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from dyads.vocabulary import words
from typing import Sequence

# Characters that NFKD does not decompose into a base letter plus marks, and
# punctuation we normalise. Values may be empty (dropped) or longer than one char.
_SPECIAL: dict[str, str] = {
    "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "ẞ": "ss",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "þ": "th", "Þ": "th", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ĸ": "k", "ŋ": "n", "Ŋ": "n",
    "ſ": "s", "ə": "a", "Ə": "a",  # Azerbaijani schwa: Əliyev = Aliyev
    "ɛ": "e", "Ɛ": "e", "ɔ": "o", "Ɔ": "o", "ƒ": "f",
    # apostrophes and single quotes
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'", "ʹ": "'",
    "ʻ": "'", "ʼ": "'", "ʾ": "'", "ʿ": "'", "＇": "'",
    # double quotes
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"', "＂": '"',
    # hyphens and dashes
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹣": "-", "－": "-",
    # invisible characters
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
}

# ASCII input needs the slow path only for these: backtick, non-space
# whitespace, or a run of spaces.
_ASCII_SLOW = re.compile(r"[`\t\n\r\f\v]| {2}")
_ASCII_TABLE = str.maketrans({"`": "'", "\t": " ", "\n": " ", "\r": " ", "\f": " ", "\v": " "})
_SPACE_RUN = re.compile(r" {2,}")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    if ch.isspace():
        return " "
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for c in base.lower():
        if unicodedata.combining(c):
            continue
        out.append(_SPECIAL.get(c, c))
    return "".join(out)


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Fold `text` and return `(folded, index_map)`.

    Runs of whitespace become one space (kept at the ends, so offsets stay
    simple); each folded character maps to the original character it came
    from; `index_map[len(folded)] == len(text)`.
    """
    if text.isascii():
        low = text.lower()
        if not _ASCII_SLOW.search(low):
            return low, range(len(text) + 1)
        # ASCII with whitespace runs or backticks: work per run, not per character
        low = low.translate(_ASCII_TABLE)
        pieces: list[str] = []
        idx: list[int] = []
        pos = 0
        for m in _SPACE_RUN.finditer(low):
            pieces.append(low[pos:m.start() + 1])
            idx.extend(range(pos, m.start() + 1))
            pos = m.end()
        pieces.append(low[pos:])
        idx.extend(range(pos, len(low)))
        idx.append(len(text))
        return "".join(pieces), idx
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        if not f:
            continue
        if f == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(f)
        index.extend([i] * len(f))
    index.append(len(text))
    return "".join(out), index


def fold(text: str) -> str:
    """Accent-folded, lower-cased text with normalised quotes, hyphens and spaces."""
    return fold_with_map(text)[0]


def key(text: str) -> str:
    """Matching key: `fold` with hyphens as spaces and outer spaces removed
    ("Nagorno-Karabakh" and "Nagorno Karabakh" share a key)."""
    return " ".join(fold(text).replace("-", " ").split())


# A stock ticker in angle brackets after a firm's name, as wire copy prints it ("Union Carbide
# Corp <UK>", "Skanska AB <SKBS.ST>"): never a country, never part of the name.
TICKER = r"<[A-Z0-9][A-Z0-9.]{0,7}>"

_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


def names_currency(text: str, end: int) -> bool:
    """Is the name ending at `end` followed by a currency ("the U.S. dollar", "West German
    marks", "a 37 mln U.S. dlr loan")? Money says nothing about where a story is or who acts."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() in words("currency_words")

