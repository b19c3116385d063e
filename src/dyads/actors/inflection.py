"""Singular and plural of English agent nouns, so that an agent row written in one number
also matches the other ("a Pakistani soldier", "Pakistani soldiers"; "a bandit", "bandits").

Only the head word changes: the last word, or the word before "of" ("heads of state").
Words that keep one form ("police", "staff", "clergy") are in the vocabulary list
`number_invariant_nouns`."""
from __future__ import annotations

from dyads import vocabulary

INVARIANT = vocabulary.words("number_invariant_nouns")
# the few irregular agent nouns the suffix rules below get wrong
_IRREGULAR = {"child": "children", "person": "people", "thief": "thieves", "wife": "wives"}
_IRREGULAR_SINGULAR = {v: k for k, v in _IRREGULAR.items()}
_VOWELS = frozenset("aeiou")


def plural(word: str) -> str | None:
    """"soldier" -> "soldiers", "militiaman" -> "militiamen", "ally" -> "allies"; None if invariant."""
    if word in INVARIANT or word in _IRREGULAR_SINGULAR:
        return None
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("men", "people", "children", "ed")):
        return None     # already plural ("armed men", "townspeople"), or an adjective ("displaced")
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("arch"):
        return word + "s"   # "monarchs", "patriarchs"
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def singular(word: str) -> str | None:
    """"soldiers" -> "soldier", "policemen" -> "policeman", "allies" -> "ally"; None if the word
    does not look plural or is invariant."""
    if word in INVARIANT or word in _IRREGULAR:
        return None
    if word in _IRREGULAR_SINGULAR:
        return _IRREGULAR_SINGULAR[word]
    if word.endswith("men") and (len(word) > 4 or word == "men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return None


def other_number(phrase: str) -> str | None:
    """The phrase with its head word in the other number, or None."""
    words = phrase.split(" ")
    i = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    if i < 0 or not words[i].isalpha():
        return None
    w = words[i]
    other = singular(w) or (plural(w) if not w.endswith("s") else None)
    if not other or other == w:
        return None
    return " ".join(words[:i] + [other] + words[i + 1:])
