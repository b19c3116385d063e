"""A cheap "is this English?" check, no dependencies.

It looks at (1) which script the letters are written in and (2) how many tokens
are frequent English function words versus frequent function words of a few other
languages common in news. It only says "not English" when that is clear:

* texts with fewer than `MIN_WORDS` words are not judged (in Chinese, Japanese and
  Thai, which have no spaces, each character counts as a word);
* mostly non-Latin letters (Cyrillic, Arabic, CJK, ...) -> not English;
* English function words >= 15 % of tokens -> English (news prose is ~40 %);
* another language's function words >= 15 % and more than twice the English share
  -> not English, looks like that language;
* English function words < 4 % of tokens and either 8 % function words of another
  listed language or >= 3 % non-ASCII letters -> not English (a list of names
  stays English);
* anything else -> accepted as English.
"""
from __future__ import annotations

import re

from dyads import vocabulary

MIN_WORDS = 30
SAMPLE_CHARS = 5_000        # ~800 words are plenty to judge

_WORD = re.compile(r"[^\W\d_]+")

# word lists: data/vocabulary.yaml
ENGLISH = vocabulary.words("common_words_english")

OTHER = {
    "Spanish": vocabulary.words("common_words_spanish"),
    "French": vocabulary.words("common_words_french"),
    "German": vocabulary.words("common_words_german"),
    "Portuguese": vocabulary.words("common_words_portuguese"),
    "Italian": vocabulary.words("common_words_italian"),
    "Turkish": vocabulary.words("common_words_turkish"),
    "Dutch": vocabulary.words("common_words_dutch"),
    "Indonesian": vocabulary.words("common_words_indonesian"),
}
_OTHER_SETS = {lang: ws - ENGLISH for lang, ws in OTHER.items()}

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


def non_english_reason(text: str) -> str | None:
    """Return None if `text` is English or too short to judge, else a label such as
    ``"Spanish"`` or ``"Cyrillic script"`` for a text that is clearly not English."""
    sample = text[:SAMPLE_CHARS]
    tokens = _WORD.findall(sample.lower())
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
    n = len(tokens)
    en = sum(tok in ENGLISH for tok in tokens) / n
    if en >= 0.15:
        return None
    best, best_share = None, 0.0
    for lang, words in _OTHER_SETS.items():
        share = sum(tok in words for tok in tokens) / n
        if share > best_share:
            best, best_share = lang, share
    if best and best_share >= 0.15 and best_share > 2 * en:
        return best
    if en < 0.04:
        if best and best_share >= 0.08:
            return best
        if non_ascii / letters >= 0.03:      # diacritics: Polish, Czech, Vietnamese...
            return "an unidentified Latin-script language"
    return None
