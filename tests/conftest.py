"""Shared fixtures: one loaded pipeline for the whole session (loading spaCy takes seconds)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from dyads.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """code(text, date=None) -> Document"""
    from dyads.model import Document

    def run(text: str, date: str | None = None, id: str = "t"):
        return next(pipeline.process([Document(text=text, id=id, date=date)]))

    return run


def events_of(doc, event=None, include_aux=False):
    return [e for e in doc.events if (event is None or e.event == event) and (include_aux or not e.aux_mode)]


def codes(entities):
    return sorted(e.code for e in entities if e.code)
