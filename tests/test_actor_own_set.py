"""The project's own actor test set (annotations/actors-own.jsonl): phrases written for dyads,
over all regions and sectors, none from the gold rows. `dyads evaluate actors` must keep
country and sector accuracy above the bars of docs/actors.md on it."""
from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from dyads.evaluate import evaluate_actors

OWN_SET = Path(__file__).resolve().parent.parent / "annotations" / "actors-own.jsonl"
REGIONS = {"africa", "americas", "asia", "europe", "middle-east", "oceania", "global"}


@pytest.fixture(scope="module")
def rows():
    return [json.loads(line) for line in OWN_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_set_is_large_and_spread(rows):
    assert len(rows) >= 300 and len({r["id"] for r in rows}) == len(rows)
    regions = collections.Counter(r["region"] for r in rows)
    assert set(regions) <= REGIONS and all(regions[g] >= 15 for g in REGIONS - {"global"})
    sectors = collections.Counter(r["expected"]["sector"] for r in rows)
    assert sum(1 for s, n in sectors.items() if s and n >= 5) >= 20


def test_resolution_keeps_above_the_bar():
    scores = evaluate_actors(OWN_SET)
    assert scores.country_accuracy >= 0.93, scores.format_table()
    assert scores.sector_accuracy >= 0.85, scores.format_table()
