"""PLOVER event coding: trigger lexicon, sentence coder, modality, contexts, CAMEO mapping, merging."""

# By default, output keeps the events of a story (a text of at least STORY_SENTENCES sentences)
# that the event-confidence model (`events.confidence`) finds at least this likely to be right.
# Chosen on held-out judged samples (docs/evaluation.md, "Confidence"): 0.4 would be more
# precise, but drops events as clear as the founding article's Azerbaijani aid (0.32), because
# the model learned from 1987 business news. An explicit `--min-confidence` applies to every text.
DEFAULT_MIN_CONFIDENCE = 0.3
STORY_SENTENCES = 3
# A business brief (one or two sentences under a headline of company, market or commodity
# news, or naming a firm) keeps events at least this likely: the model judges a brief's events
# without a story, so its figures there run low, but none of the 36 judged events below 0.3
# that 1987 briefs put out was right, and 26 of them were below 0.15 (docs/evaluation.md,
# "Briefs"). Other briefs ("Farmers protest in Nairobi": its protest gets 0.08) and a bare
# sentence or two keep every event.
BRIEF_MIN_CONFIDENCE = 0.15


def min_confidence_for(sentences: int, min_confidence: float | None, business_brief: bool = False) -> float:
    """The confidence threshold for a text of `sentences` sentences, `business_brief` if it is a
    short text under a business headline (None: the default rule)."""
    if min_confidence is not None:
        return min_confidence
    if sentences >= STORY_SENTENCES:
        return DEFAULT_MIN_CONFIDENCE
    return BRIEF_MIN_CONFIDENCE if business_brief else 0.0
