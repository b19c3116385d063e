"""The trigger lexicon: words and phrases that state PLOVER events.

The table lives in `data/triggers.tsv` (one row per trigger, documented in its
header); this module loads and indexes it, and checks it (`check_lexicon`, and
`check_contexts` for `data/contexts.tsv`) the way a test checks code:

    python -m dyads.events.lexicon            # prints problems of the shipped files, exit 1 if any
"""
from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dyads import vocabulary

#: the flags a triggers.tsv row may carry (besides rp=...), with what they do
FLAGS: dict[str, str] = {
    "sym": "all participants are actors",
    "rev": "the subject hosts, the object visits",
    "light": "defer to a nominal trigger in the object",
    "ctrl": "wins over an embedded event, which supplies mode and context",
    "say": "speech verb: attribution only",
    "content": "the object is content: the recipient is its owner",
    "conflict2threat": "a controlled conflictual act becomes THREATEN",
    "weak": "lower confidence",
    "theme": "the object is the thing given, never the recipient",
    "block": "with event \"-\": these objects make the word no event",
}


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
    line: int = field(default=0, compare=False)   # line in the table (0: not from a file)

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


def _noun_parts(words: list[str]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(head, modifiers, prepositions) of a noun phrase: "air strike" -> strike, (air,), ();
    "strike on" -> strike, (), (on,). Words after the head are prepositions (vocabulary
    list `prepositions`) the noun must govern."""
    preps = vocabulary.words("prepositions")
    k = len(words)
    while k > 1 and words[k - 1] in preps:
        k -= 1
    return words[k - 1], tuple(words[:k - 1]), tuple(words[k:])


def parse_row(cols: list[str], line: int = 0) -> Trigger:
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
        # "air strike": the head comes last, earlier words are modifiers; "strike on": a
        # preposition after the head is required, like a verb's particle
        head, modifiers, particles = _noun_parts(words)
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
        line=line,
    )


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, columns) of the table rows: comments, blank lines and the header skipped."""
    out = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0] == "phrase":
                continue
        out.append((lineno, cols))
    return out


def _data_text(name: str) -> str:
    return resources.files("dyads").joinpath(f"data/{name}").read_text(encoding="utf-8")


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    text = _data_text("triggers.tsv") if path is None else Path(path).read_text(encoding="utf-8")
    return build_lexicon(text)


def build_lexicon(text: str) -> Lexicon:
    """The lexicon of a triggers.tsv text."""
    lex = Lexicon()
    for lineno, cols in _rows(text):
        if len(cols) < 3:
            raise ValueError(f"triggers.tsv:{lineno}: expected at least 3 tab-separated columns")
        trig = parse_row(cols, lineno)
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


# --------------------------------------------------------------------------- checks

_CROSS_EVENT_HINT = re.compile(r"^#\s*cross-event hint:\s*([A-Z]+)\s+(\d{2,4})\b")
_WORD = re.compile(r"^[^\W\d_][\w'\-]*$")   # a word: letters (any script), digits, ' and -


def _covers(a: Trigger, b: Trigger) -> bool:
    """Does entry `a` match every word that entry `b` matches (see `match_entry` in the coder)?"""
    if not set(a.particles) <= set(b.particles) or not set(a.modifiers) <= set(b.modifiers):
        return False
    return not a.objects or bool(b.objects) and b.objects <= a.objects


def _transparent(a: Trigger) -> bool:
    """A light verb without an event: when its object is no event the coder tries the word's
    other (non-light) entries, so it hides none of them."""
    return a.pos == "V" and a.event is None and not a.has("say") and not a.has("block")


def shadowed(lex: Lexicon) -> list[tuple[Trigger, Trigger]]:
    """(entry, earlier entry) pairs where the earlier-ranked entry of the same head and part of
    speech matches wherever the entry does, so the entry is never chosen."""
    out: dict[int, tuple[Trigger, Trigger]] = {}
    for table in (lex.verbs, lex.nouns, lex.adjectives):
        for entries in table.values():
            for j, b in enumerate(entries):
                for a in entries[:j]:
                    if _transparent(a) and b.event and not b.has("light"):
                        continue
                    if _covers(a, b):
                        out.setdefault(id(b), (b, a))
                        break
    return sorted(out.values(), key=lambda pair: pair[0].line)


def check_lexicon(text: str | None = None, source: str = "triggers.tsv") -> list[str]:
    """Problems of a triggers.tsv text (default: the shipped table), each naming its line:
    columns, part of speech, event types and modes against plover.yaml, CAMEO hints, flags,
    rp= prepositions, and rows that can never match because an earlier row wins."""
    from dyads import ontology
    from dyads.events import cameo

    if text is None:
        text = _data_text("triggers.tsv")
    problems: list[str] = []
    preps = vocabulary.words("prepositions")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for flag in sorted(FLAGS):
        if not re.search(rf"\b{re.escape(flag)}\b", header):
            problems.append(f"{source}: flag {flag!r} is not documented in the header")
    exceptions = {(m[1], m[2]) for line in text.splitlines() if (m := _CROSS_EVENT_HINT.match(line))}
    for ev, code in sorted(exceptions):
        if ev not in ontology.EVENTS:
            problems.append(f"{source}: cross-event hint for unknown event {ev!r}")

    rows = _rows(text)
    ok_rows: list[tuple[int, list[str]]] = []
    for lineno, cols in rows:
        where = f"{source}:{lineno}"
        before = len(problems)
        if not 3 <= len(cols) <= 6:
            problems.append(f"{where}: expected 3 to 6 tab-separated columns, found {len(cols)}")
            continue
        phrase, pos, event, mode, hint, flags = (cols + [""] * 6)[:6]
        words = phrase.split()
        if not words or phrase != " ".join(words):
            problems.append(f"{where}: phrase {phrase!r} must be words separated by single spaces")
            continue
        if pos not in ("V", "N", "A"):
            problems.append(f"{where}: part of speech {pos!r} is not V, N or A")
        for w in words:
            alts = w[1:].split("/") if w.startswith("+") else [w]
            if not all(_WORD.match(x) and x == x.lower() for x in alts):
                problems.append(f"{where}: {w!r} is not a lower-case word (or +word/word for objects)")
        if words[0].startswith("+"):
            problems.append(f"{where}: the phrase must start with the trigger word")
        if pos != "V" and any(w.startswith("+") for w in words):
            problems.append(f"{where}: only verb rows take +object words")
        light = event in ("", "-")
        if light:
            if pos != "V":
                problems.append(f"{where}: event \"-\" (light or speech verb) only on verb rows")
            if mode or hint:
                problems.append(f"{where}: a row without an event takes no mode or CAMEO hint")
        elif event not in ontology.EVENTS:
            problems.append(f"{where}: unknown event {event!r} (plover.yaml has {', '.join(ontology.EVENTS)})")
        elif mode and mode not in ontology.modes(event):
            allowed = ", ".join(ontology.modes(event)) or "none"
            problems.append(f"{where}: {mode!r} is not a mode of {event} (plover.yaml allows: {allowed})")
        if hint and not light and event in ontology.EVENTS:
            if not hint.isdigit() or hint not in cameo.cameo_table():
                problems.append(f"{where}: CAMEO hint {hint!r} is not a code of cameo.tsv")
            else:
                hint_event = cameo.plover_for_cameo(hint)[0]
                if hint_event != event and (event, hint) not in exceptions:
                    problems.append(f"{where}: CAMEO hint {hint} is {hint_event} in cameo.tsv, not {event} "
                                    f"(list it in the header as '# cross-event hint: {event} {hint}' if meant)")
        flagset = [f.strip() for f in flags.split(",") if f.strip()]
        for f in flagset:
            if f.startswith("rp="):
                bad = [p for p in f[3:].split("/") if p not in preps]
                if not f[3:] or bad:
                    problems.append(f"{where}: {f!r}: recipient prepositions must be known prepositions "
                                    f"separated by / (vocabulary list `prepositions`)")
            elif f not in FLAGS:
                problems.append(f"{where}: unknown flag {f!r} (known: {', '.join(FLAGS)}, rp=...)")
        if light and not ({"light", "say"} & set(flagset)):
            problems.append(f"{where}: a row without an event must be a light or speech verb (flag light or say)")
        if "block" in flagset and (not light or not any(w.startswith("+") for w in words)):
            problems.append(f"{where}: block needs event \"-\" and +object words")
        if len(problems) == before:
            ok_rows.append((lineno, cols))

    lex = Lexicon()
    for lineno, cols in ok_rows:
        trig = parse_row(cols, lineno)
        for h in [trig.head] + ([plural(trig.head)] if trig.pos == "N" else []):
            lex.table(trig.pos).setdefault(h, []).append(trig)
    for table in (lex.verbs, lex.nouns, lex.adjectives):
        for items in table.values():
            items.sort(key=lambda t: -t.specificity)
    for b, a in shadowed(lex):
        problems.append(f"{source}:{b.line}: {b.phrase!r} ({b.pos}, {b.event or '-'}) can never match: "
                        f"line {a.line} {a.phrase!r} ({a.event or '-'}) is tried first and matches "
                        f"wherever it does")
    return problems


_CUE = re.compile(r"^[a-z][a-z\-]+$")   # what dyads.events.contexts can find in a text


def check_contexts(text: str | None = None, source: str = "contexts.tsv") -> list[str]:
    """Problems of a contexts.tsv text (default: the shipped table), each naming its line:
    contexts known to plover.yaml, cues that the context counter can find, no cue twice."""
    from dyads import ontology

    if text is None:
        text = _data_text("contexts.tsv")
    known = ontology.plover_data()["contexts"]
    problems: list[str] = []
    cue_line: dict[str, tuple[int, str]] = {}
    ctx_line: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{source}:{lineno}"
        if cols[0] == "context":
            continue
        if len(cols) != 2:
            problems.append(f"{where}: expected context<TAB>cue|cue|...")
            continue
        ctx, cues = cols[0].strip(), cols[1]
        if ctx not in known:
            problems.append(f"{where}: unknown context {ctx!r} (not in plover.yaml's contexts)")
        if ctx in ctx_line:
            problems.append(f"{where}: context {ctx!r} is already listed on line {ctx_line[ctx]}")
        ctx_line.setdefault(ctx, lineno)
        for cue in cues.split("|"):
            if not _CUE.match(cue):
                problems.append(f"{where}: cue {cue!r} can never match (single lower-case word, letters and -)")
            elif cue in cue_line:
                first, other = cue_line[cue]
                problems.append(f"{where}: cue {cue!r} is also a cue of {other} (line {first})")
            else:
                cue_line[cue] = (lineno, ctx)
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python -m dyads.events.lexicon [triggers.tsv [contexts.tsv]]`: print the problems."""
    args = sys.argv[1:] if argv is None else argv
    trig = Path(args[0]).read_text(encoding="utf-8") if args else None
    ctx = Path(args[1]).read_text(encoding="utf-8") if len(args) > 1 else None
    problems = check_lexicon(trig, args[0] if args else "triggers.tsv") + \
        check_contexts(ctx, args[1] if len(args) > 1 else "contexts.tsv")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
