"""A cheap "is this English?" check, no dependencies and nothing downloaded.

It looks at (1) which script the letters are written in and (2) how many tokens are function
words of English versus of the other languages profiled in ``data/languages.yaml`` (Spanish,
French, German, Portuguese, Italian, Dutch, Turkish, Azerbaijani, Indonesian, Swahili). It only
says "not English" when that is clear, and works alike on a headline with two sentences and on
a long article:

* texts with fewer than `MIN_WORDS` words are not judged (in Chinese, Japanese and Thai, which
  have no spaces, each character counts as a word);
* mostly non-Latin letters (Cyrillic, Arabic, CJK, ...) -> not English;
* the language L with the most evidence (its function words, plus half a point per word that
  has one of L's typical letters, such as Azerbaijani "ə") is the answer when it has at least
  `MIN_HITS` function words, `MIN_EVIDENCE` points, and more than twice (plus 2) the English
  function words: an English story quoting a sentence or full of foreign names stays English;
* English function words < 4 % of 20+ tokens and >= 3 % non-ASCII letters -> not English, an
  unidentified Latin-script language (Polish, Czech, Vietnamese...);
* anything else -> accepted as English.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LANGUAGES_FILE = Path(__file__).resolve().parent.parent / "data" / "languages.yaml"

MIN_WORDS = 10              # fewer words say too little (a name list, a dateline)
MIN_HITS = 2                # function words of the other language, at least
MIN_EVIDENCE = 3.0          # its words plus half a point per word with its letters
SAMPLE_CHARS = 5_000        # ~800 words are plenty to judge

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Profile:
    """One language: its function words (minus English ones) and typical letters."""

    name: str
    words: frozenset[str]
    letters: frozenset[str]


def check_profiles(data: Any) -> list[str]:
    """Problems with the shape of a loaded languages file (empty when well formed)."""
    if not isinstance(data, dict) or set(data) != {"languages"} or not isinstance(data["languages"], dict):
        return ["expected a mapping with one key, `languages`, holding a mapping of languages"]
    langs = data["languages"]
    out: list[str] = [] if "English" in langs else ["English is missing"]
    for name, entry in langs.items():
        if not isinstance(entry, dict) or set(entry) != {"words", "letters"}:
            out.append(f"{name}: expected exactly `words` and `letters`")
            continue
        words, letters = entry["words"], entry["letters"]
        if not isinstance(words, list) or len(words) < 20:
            out.append(f"{name}: `words` must be a list of at least 20 words")
            continue
        bad = [w for w in words if not isinstance(w, str) or w != w.lower() or not _WORD.fullmatch(w)]
        if bad:
            out.append(f"{name}: words must be single lower-case words, not {bad[0]!r}")
        dup = sorted({w for w in words if words.count(w) > 1}, key=str)
        if dup:
            out.append(f"{name}: duplicate word {dup[0]!r}")
        if not isinstance(letters, str) or any(not c.isalpha() and c not in "¿¡" for c in letters):
            out.append(f"{name}: `letters` must be a string of letters")
    return out


def _older_lists() -> dict[str, frozenset[str]]:
    """The first version of this check kept its word lists in data/vocabulary.yaml; until they move
    to `LANGUAGES_FILE`, their words count too (merged into the profiles)."""
    from dyads import vocabulary

    return {"English": vocabulary.words("common_words_english"),
            "Spanish": vocabulary.words("common_words_spanish"),
            "French": vocabulary.words("common_words_french"),
            "German": vocabulary.words("common_words_german"),
            "Portuguese": vocabulary.words("common_words_portuguese"),
            "Italian": vocabulary.words("common_words_italian"),
            "Turkish": vocabulary.words("common_words_turkish"),
            "Dutch": vocabulary.words("common_words_dutch"),
            "Indonesian": vocabulary.words("common_words_indonesian")}


@functools.lru_cache(maxsize=1)
def profiles() -> tuple[frozenset[str], tuple[Profile, ...]]:
    """(English function words, the other languages' profiles) from `LANGUAGES_FILE`."""
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    problems = check_profiles(data)
    if problems:
        raise ValueError(f"{LANGUAGES_FILE}: {problems[0]}")
    langs = data["languages"]
    older = _older_lists()
    english = frozenset(langs["English"]["words"]) | older["English"]
    # a word English shares ("in", "a") must not count against English
    others = tuple(Profile(name, (frozenset(e["words"]) | older.get(name, frozenset())) - english,
                           frozenset(e["letters"]))
                   for name, e in langs.items() if name != "English")
    return english, others


# (first, last, name) code-point ranges of non-Latin scripts
_SCRIPTS = [
    (0x0370, 0x03FF, "Greek"), (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"), (0x3040, 0x30FF, "Japanese kana"), (0x3400, 0x9FFF, "Chinese/Japanese (Han)"),
    (0xAC00, 0xD7AF, "Korean (Hangul)"), (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
]

_UNSPACED = ("Japanese kana", "Chinese/Japanese (Han)", "Thai")


def _script(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "Latin"
    for lo, hi, name in _SCRIPTS:
        if lo <= cp <= hi:
            return name
    return "other"


def _tokens(text: str) -> list[str]:
    # NFC, and Turkish dotted capital I lowered without its combining dot ("İstanbul" -> "istanbul")
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS]).replace("İ", "i")
    return _WORD.findall(sample.lower())


def non_english_reason(text: str) -> str | None:
    """Return None if `text` is English or too short to judge, else a label such as
    ``"Spanish"`` or ``"Cyrillic script"`` for a text that is clearly not English."""
    tokens = _tokens(text)
    if not tokens:
        return None
    letters = sum(map(len, tokens))
    scripts: dict[str, int] = {}
    non_ascii = 0
    for tok in tokens:
        if tok.isascii():
            continue
        for ch in tok:
            if ch > "\x7f":
                non_ascii += 1
                name = _script(ch)
                if name != "Latin":
                    scripts[name] = scripts.get(name, 0) + 1
    # scripts written without spaces: count each character as a word
    words = len(tokens) + sum(scripts.get(name, 0) for name in _UNSPACED)
    if words < MIN_WORDS:
        return None
    if scripts and sum(scripts.values()) / letters > 0.5:
        top = max(scripts, key=scripts.__getitem__)
        return f"{top} script" if top != "other" else "a non-Latin script"
    english, others = profiles()
    en = sum(tok in english for tok in tokens)
    best, best_hits, best_evidence = None, 0, 0.0
    for lang in others:
        hits = sum(tok in lang.words for tok in tokens)
        marked = sum(1 for tok in tokens if not tok.isascii() and any(c in lang.letters for c in tok))
        evidence = hits + 0.5 * marked
        if evidence > best_evidence:
            best, best_hits, best_evidence = lang.name, hits, evidence
    if best and best_hits >= MIN_HITS and best_evidence >= MIN_EVIDENCE and best_evidence > 2 * en + 2:
        return best
    if len(tokens) >= 20 and en / len(tokens) < 0.04 and non_ascii / letters >= 0.03:
        return "an unidentified Latin-script language"     # diacritics: Polish, Czech, Vietnamese...
    return None
