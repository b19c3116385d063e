"""PLOVER event coding: trigger lexicon, sentence coder, modality, contexts, CAMEO mapping, merging."""

# By default, output keeps the events of a story (a text of at least STORY_SENTENCES sentences)
# that the event-confidence model (`events.confidence`) finds at least this likely to be right;
# a shorter text has no story to judge it by and keeps every event. An explicit
# `--min-confidence` applies to every text. Chosen on held-out judged samples
# (docs/evaluation.md, "Confidence"): 0.4 would be more precise, but drops events as clear as the
# founding article's Azerbaijani aid (0.32), because the model learned from 1987 business news.
DEFAULT_MIN_CONFIDENCE = 0.3
STORY_SENTENCES = 3


def min_confidence_for(sentences: int, min_confidence: float | None) -> float:
    """The confidence threshold for a text of `sentences` sentences (None: the default rule)."""
    if min_confidence is not None:
        return min_confidence
    return DEFAULT_MIN_CONFIDENCE if sentences >= STORY_SENTENCES else 0.0
