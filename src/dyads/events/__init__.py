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


# In a story the story model (events.confidence) finds unlikely to be about politics, an event
# needs this much: of the judged events output in such stories (story probability below
# NONPOLITICAL_STORY), 6 of 38 below 0.4 were right, 18 of 39 above (2026-12-07; docs/evaluation.md,
# "Stories about something else"). A government seizing a firm in a business story stays.
NONPOLITICAL_STORY = 0.5
NONPOLITICAL_STORY_MIN_CONFIDENCE = 0.4


def min_confidence_for(sentences: int, min_confidence: float | None, business_brief: bool = False,
                       story_political: float | None = None) -> float:
    """The confidence threshold for a text of `sentences` sentences, `business_brief` if it is a
    short text under a business headline, `story_political` the story model's probability that
    the story is about politics (None: not known) (min_confidence None: the default rule)."""
    if min_confidence is not None:
        return min_confidence
    if sentences >= STORY_SENTENCES:
        if story_political is not None and story_political < NONPOLITICAL_STORY:
            return NONPOLITICAL_STORY_MIN_CONFIDENCE
        return DEFAULT_MIN_CONFIDENCE
    return BRIEF_MIN_CONFIDENCE if business_brief else 0.0
