"""PLOVER event coding: trigger lexicon, sentence coder, modality, contexts, CAMEO mapping, merging."""
