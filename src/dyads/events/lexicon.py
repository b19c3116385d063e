"""The trigger lexicon: words and phrases that state PLOVER events.

The table lives in `data/triggers.tsv` (one row per trigger, documented in its
header); this module only loads and indexes it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Trigger:
    phrase: str
    pos: str                      # V, N or A
    head: str                     # lemma of the head word
    event: str | None             # None for light verbs
    mode: str | None
    cameo: str | None
    objects: frozenset[str] = frozenset()    # required direct-object lemmas (any of)
    particles: tuple[str, ...] = ()          # required particle / preposition children
    modifiers: tuple[str, ...] = ()          # for nouns: required compound/amod lemmas ("air strike")
    flags: frozenset[str] = frozenset()
    recipient_preps: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + len(self.particles) + len(self.modifiers)

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    adjectives: dict[str, list[Trigger]] = field(default_factory=dict)

    def table(self, pos: str) -> dict[str, list[Trigger]]:
        return {"V": self.verbs, "N": self.nouns, "A": self.adjectives}[pos]

    @property
    def trigger_words(self) -> frozenset[str]:
        return frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.adjectives)


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def parse_row(cols: list[str]) -> Trigger:
    phrase, pos, event, mode, cameo, flags = (cols + [""] * 6)[:6]
    words = phrase.split()
    objects: set[str] = set()
    rest: list[str] = []
    for w in words[1:]:
        if w.startswith("+"):
            objects.update(w[1:].split("/"))
        else:
            rest.append(w)
    flagset = {f.strip() for f in flags.split(",") if f.strip()}
    preps: tuple[str, ...] = ()
    for f in list(flagset):
        if f.startswith("rp="):
            preps = tuple(f[3:].split("/"))
            flagset.discard(f)
    if pos == "N":
        # "air strike": the last word is the head, earlier words are modifiers
        head, modifiers, particles = words[-1], tuple(words[:-1]), ()
    else:
        head, modifiers, particles = words[0], (), tuple(rest)
    objects |= {plural(o) for o in objects}
    return Trigger(
        phrase=phrase,
        pos=pos,
        head=head,
        event=None if event in ("", "-") else event,
        mode=mode or None,
        cameo=cameo or None,
        objects=frozenset(objects),
        particles=particles,
        modifiers=modifiers,
        flags=frozenset(flagset),
        recipient_preps=preps,
    )


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    if path is None:
        text = resources.files("dyads").joinpath("data/triggers.tsv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    lex = Lexicon()
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0] == "phrase":
                continue
        if len(cols) < 3:
            raise ValueError(f"triggers.tsv:{lineno}: expected at least 3 tab-separated columns")
        trig = parse_row(cols)
        heads = [trig.head]
        if trig.pos == "N":
            # the lemmatizer keeps some plurals ("talks", "negotiations") as their own lemma
            heads += [plural(trig.head)]
        for h in heads:
            lex.table(trig.pos).setdefault(h, []).append(trig)
    # most specific first; among equals, table order
    for table in (lex.verbs, lex.nouns, lex.adjectives):
        for head, items in table.items():
            items.sort(key=lambda t: -t.specificity)
    return lex


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
