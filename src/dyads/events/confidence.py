"""Stage: how likely each event is to be right, as a careful coder would judge it.

The coder's rules say what an event is; this stage says how far to trust one. A logistic
model reads features of the event (its type, trigger and where the trigger sits in the
parse, who the participants are and whether their countries are known, the sentence's
money words) and of the story (business or political vocabulary, how many countries it
names), and sets `Event.confidence` to the probability that a careful coder would accept
the event with its type and participants. The model is trained by
`scripts/train_confidence.py` on our own judged output samples and annotated articles
(`annotations/`) and on `events-dev.jsonl`; its weights are data, in
`data/models/confidence.json`. `docs/evaluation.md` has the calibration table.
"""
from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from dyads.events import DEFAULT_MIN_CONFIDENCE, STORY_SENTENCES  # noqa: F401  (re-exported)
from dyads.events.relevance import is_political
from dyads.sectors import BUSINESS_NAME
from dyads.model import Entity, Event
from dyads.state import CodingState, FoundEvent
from dyads.vocabulary import words

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "models" / "confidence.json"

BUSINESS_WORDS = words("story_business_words")
POLITICAL_WORDS = words("story_political_words")
BRIEF_BUSINESS_WORDS = words("brief_business_words")   # only for telling a business brief
MARKET_WORDS = words("market_words")
CLAUSE_DEPS = ("relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp", "csubj", "conj", "prep", "pobj", "dobj", "nsubj")
_WORD = re.compile(r"[A-Za-z]+")
STORY_CHARS = 3000        # the story model reads the title and this much of the text
_NUMBER = re.compile(r"\d")


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e:g}"
    return f">{edges[-1]:g}"


def story_words(title: str | None, text: str) -> set[str]:
    """The distinct lower-case words of a story's title and opening (what the story model reads)."""
    return {w.lower() for w in _WORD.findall(f"{title or ''} {text[:STORY_CHARS]}") if len(w) > 1}


FIRM_NAME = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|PLC|Cos|Bancorp)\b\.?|<[A-Z.]{1,8}>")


def business_brief(title: str | None, text: str) -> bool:
    """Is a titled text company, market or commodity news: its headline has business words
    and no political ones ("BRAZIL REJECTS WHEAT OFFERS"), or it names a firm ("Acme Inc")?"""
    if not title:
        return False
    words_ = {w.lower() for w in _WORD.findall(title)}
    return bool(words_ & (BUSINESS_WORDS | BRIEF_BUSINESS_WORDS) and not words_ & POLITICAL_WORDS) \
        or bool(FIRM_NAME.search(text[:2000]))


def story_features(state: CodingState) -> dict[str, float]:
    """What kind of story this is: the same for every event of the document. A text of one or
    two sentences is no story to judge ("story:short"): its events are judged on their own."""
    if len(state.doc.sentences) < STORY_SENTENCES:
        return {"story:short": 1.0}
    title = state.doc.title or ""
    if not title and state.doc.sentences:
        first = state.doc.sentences[0]
        title = state.doc.text[first.start:first.end]
    title_words = [w.lower() for w in _WORD.findall(title)]
    text_words = [w.lower() for w in _WORD.findall(state.doc.text[:4000])]
    n = max(1, len(text_words))
    f: dict[str, float] = {
        "story:title_business": float(sum(w in BUSINESS_WORDS for w in title_words) > 0),
        "story:title_political": float(sum(w in POLITICAL_WORDS for w in title_words) > 0),
        "story:business_rate": 10 * sum(w in BUSINESS_WORDS for w in text_words) / n,
        "story:political_rate": 10 * sum(w in POLITICAL_WORDS for w in text_words) / n,
        "story:firms": min(5, len(BUSINESS_NAME.findall(state.doc.text[:4000]))) / 5,
        f"story:countries={_bucket(len(state.countries), (0, 1, 3))}": 1.0,
    }
    return f


def _path(tok: Token) -> list[str]:
    deps = []
    t = tok
    while t.head.i != t.i and len(deps) < 6:
        deps.append(t.dep_)
        t = t.head
    return deps


def _party(prefix: str, parts: list[Entity], event: str) -> dict[str, float]:
    f: dict[str, float] = {f"{prefix}:n={min(len(parts), 2)}": 1.0}
    if not parts:
        return f
    first = parts[0]
    f[f"{prefix}:kind={first.kind}"] = 1.0
    f[f"{prefix}:sector={first.sector or 'none'}"] = 1.0
    f[f"{prefix}:coded"] = float(all(p.code for p in parts))
    f[f"{prefix}:some_uncoded"] = float(any(not p.code for p in parts))
    f[f"{prefix}:inferred"] = float(any(p.country_inferred for p in parts))
    f[f"{prefix}:political"] = float(any(is_political(p, event) for p in parts))
    f[f"{prefix}:firm"] = float(any(BUSINESS_NAME.search(p.text) for p in parts))
    f[f"{prefix}:number"] = float(any(_NUMBER.search(p.text) for p in parts))
    f[f"{prefix}:known"] = float(any(p.kb_id for p in parts))
    f[f"{prefix}:long"] = float(any(len(p.text.split()) > 6 for p in parts))
    return f


def event_features(state: CodingState, found: FoundEvent, story: dict[str, float] | None = None) -> dict[str, float]:
    """The model's features of one event (name -> value; categorical features have value 1)."""
    ev, raw, ps = found.event, found.raw, found.sentence
    tok: Token = raw.trigger
    lemma = tok.lemma_.lower()
    f: dict[str, float] = dict(story if story is not None else story_features(state))
    f["bias"] = 1.0
    f[f"type={ev.event}"] = 1.0
    f[f"lemma={lemma}"] = 1.0
    f[f"type_lemma={ev.event}:{lemma}"] = 1.0
    f[f"mode={ev.mode or 'none'}"] = 1.0
    f[f"pos={tok.pos_}"] = 1.0
    f[f"tag={tok.tag_}"] = 1.0
    f["nominal"] = float(bool(raw.nominal))
    f["weak"] = float(raw.weak)
    path = _path(tok)
    f[f"dep={path[0] if path else 'ROOT'}"] = 1.0
    f[f"depth={_bucket(len(path), (0, 1, 2, 3))}"] = 1.0
    for d in set(path) & set(CLAUSE_DEPS):
        f[f"path_has={d}"] = 1.0
    f["rule_confidence"] = raw.confidence
    f["attributed"] = float(raw.attribution is not None)
    if raw.attribution is not None:
        f[f"attributed_to={raw.attribution.lemma_.lower()}"] = 1.0   # officials or analysts
    f["quoted"] = float(any(t.text in ('"', "``", "''") for t in ps.doc))
    f.update(_party("actor", ev.actor, ev.event))
    f.update(_party("recipient", ev.recipient, ev.event))
    codes_a = {p.code for p in ev.actor if p.code}
    codes_r = {p.code for p in ev.recipient if p.code}
    f["same_country"] = float(bool(codes_a and codes_r and codes_a & codes_r))
    f["two_countries"] = float(bool(codes_a and codes_r and codes_a != codes_r))
    sent_words = [t.lower_ for t in ps.doc if t.is_alpha]
    n = max(1, len(sent_words))
    f["sentence:market_rate"] = 10 * sum(w in MARKET_WORDS for w in sent_words) / n
    f["sentence:numbers"] = min(5, sum(1 for t in ps.doc if t.like_num)) / 5
    f[f"sentence:index={_bucket(ps.index, (0, 1, 3, 8))}"] = 1.0
    f[f"sentence:length={_bucket(len(ps.doc), (15, 30, 50))}"] = 1.0
    return f


class ConfidenceModel:
    """Two logistic models. The story model reads a story's words and says how likely it is to
    be about politics, diplomacy, conflict or government policy (`story_weights`, one weight per
    word, and `story_bias`); its probability is the event model's feature "story:political".
    The event model (`weights`) reads named features: p = 1 / (1 + exp(-(sum of weight * value)))."""

    def __init__(self, weights: dict[str, float], meta: dict[str, Any] | None = None,
                 story_weights: dict[str, float] | None = None, story_bias: float = 0.0) -> None:
        self.weights = weights
        self.meta = meta or {}
        self.story_weights = story_weights or {}
        self.story_bias = story_bias

    @classmethod
    def load(cls, path: str | Path = MODEL_FILE) -> "ConfidenceModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
            raise ValueError(f"{path}: not a confidence model (no `weights` mapping)")
        story = data.get("story_weights") or {}
        if not isinstance(story, dict):
            raise ValueError(f"{path}: `story_weights` must map words to weights")
        return cls({str(k): float(v) for k, v in data["weights"].items()}, data.get("meta"),
                   {str(k): float(v) for k, v in story.items()}, float(data.get("story_bias") or 0.0))

    @staticmethod
    def _logistic(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def story_probability(self, words: set[str]) -> float:
        return self._logistic(self.story_bias + sum(self.story_weights.get(w, 0.0) for w in words))

    def probability(self, features: dict[str, float]) -> float:
        return self._logistic(sum(self.weights.get(k, 0.0) * v for k, v in features.items()))


@functools.lru_cache(maxsize=1)
def default_model() -> ConfidenceModel:
    return ConfidenceModel.load()


class EventConfidence:
    """Stage: `Event.confidence` := the model's probability that the event is right."""

    name = "confidence"

    def __init__(self, model: ConfidenceModel | None = None) -> None:
        self.model = model or default_model()

    def __call__(self, state: CodingState) -> None:
        if not state.found:
            return
        story = story_features(state)
        if "story:short" not in story:
            story["story:political"] = self.model.story_probability(story_words(state.doc.title, state.doc.text))
            state.story_political = story["story:political"]
        for found in state.found:
            found.event.confidence = self.model.probability(event_features(state, found, story))
