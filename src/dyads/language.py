"""The language stages: split the document into sentences, then tag and parse the ones that
can hold an event (see `dyads.screen`) with the language layer (`dyads.nlp`)."""
from __future__ import annotations

from dyads.events.lexicon import Lexicon
from dyads.nlp import LanguageLayer
from dyads.screen import CriticismCues, candidate_sentences, light_verb_forms, screening_forms
from dyads.sentences import SentenceIndex, split_sentences
from dyads.state import CodingState


class Sentences:
    """`Document.sentences` (with paragraph numbers) and the index over them."""

    name = "sentences"

    def __call__(self, state: CodingState) -> None:
        state.doc.sentences = split_sentences(state.text, state.sdoc)
        state.index = SentenceIndex(state.doc.sentences)


class Analysis:
    """Tag, parse and recognize entities in the sentences that pass the screen."""

    name = "analysis"

    def __init__(self, layer: LanguageLayer, lexicon: Lexicon) -> None:
        self.layer = layer
        self.forms = screening_forms(lexicon, layer.lemmatize)
        self.light_verbs = light_verb_forms(lexicon, layer.lemmatize)
        self.criticism = CriticismCues.build(layer.lemmatize)

    def __call__(self, state: CodingState) -> None:
        self.many([state])

    def many(self, states: list[CodingState]) -> None:
        """Analyse the candidate sentences of several documents in one pass: the tagger, parser
        and recognizer work in batches, and a story has only a few candidate sentences."""
        sents: list = []
        for state in states:
            doc_sents = list(state.sdoc.sents)
            state.candidates = candidate_sentences(doc_sents, self.forms, state.names, self.criticism)
            sents += [doc_sents[i] for i in state.candidates]
        # entities of the analysed sentences are recognized sentence by sentence whether or not
        # stage A found them everywhere, so the events do not depend on that choice
        parsed = self.layer.analyse(sents, [i for s in states for i in s.candidates], ner=True)
        for state in states:
            state.parsed, parsed = parsed[:len(state.candidates)], parsed[len(state.candidates):]
