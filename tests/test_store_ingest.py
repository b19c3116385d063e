"""Ingesting into the store: idempotence, replacement, errors, crash safety and cross-article clusters.

Runs on SQLite and on PostgreSQL (the `store_url` fixture of conftest.py).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SHARED
from sqlalchemy import func, select

from dyads.store import ingest, open_store
from dyads.store.cluster import compatible
from dyads.store.schema import articles, cluster_links, clusters, errors, events

HERE = Path(__file__).resolve().parent
EXAMPLE = SHARED / "examples" / "istanbul-2023-02-25"
SECOND = HERE / "fixtures" / "store" / "second-source.jsonl"
SAMPLES = HERE.parent / "samples" / "articles.jsonl"


def counts(url: str) -> dict[str, int]:
    s = open_store(url)
    try:
        with s.engine.connect() as c:
            return {t.name: c.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, events, clusters, cluster_links, errors)}
    finally:
        s.close()


def founding_article(tmp_path: Path) -> Path:
    meta = json.loads((EXAMPLE / "meta.json").read_text())
    row = {"id": meta["id"], "date": meta["date"], "title": meta["title"],
           "text": (EXAMPLE / "article.txt").read_text()}
    p = tmp_path / "founding.jsonl"
    p.write_text(json.dumps(row) + "\n")
    return p


def test_second_run_changes_nothing(store_url):
    first = ingest([str(SAMPLES)], store_url)
    assert first.stored == 6 and first.failed == 0 and first.events > 0
    before = counts(store_url)
    again = ingest([str(SAMPLES)], store_url)
    assert (again.stored, again.replaced, again.unchanged, again.events) == (0, 0, 6, 0)
    assert counts(store_url) == before


def test_same_text_under_another_id_is_unchanged(store_url, tmp_path):
    row = json.loads(SAMPLES.read_text().splitlines()[0])
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps(row) + "\n" + json.dumps({**row, "id": "copy", "text": row["text"] + "\n\n"}) + "\n")
    r = ingest([str(p)], store_url)
    assert (r.stored, r.unchanged) == (1, 1)


def test_a_new_version_replaces_the_old_events(store_url, tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text(json.dumps({"id": "story", "date": "2024-05-02",
                             "text": "Turkish police detained 12 protesters in Istanbul on Tuesday."}) + "\n")
    ingest([str(p)], store_url)
    p.write_text(json.dumps({"id": "story", "date": "2024-05-02",
                             "text": "Greek police detained 40 protesters in Athens on Tuesday."}) + "\n")
    r = ingest([str(p)], store_url)
    assert r.replaced == 1
    s = open_store(store_url)
    with s.engine.connect() as c:
        codes = c.execute(select(events.c.actor_codes).where(events.c.article_id == "story")).scalars().all()
        orphans = c.execute(select(func.count()).select_from(clusters).where(clusters.c.n_events == 0)).scalar_one()
    s.close()
    assert codes and all(code == "GRC" for code in codes)
    assert orphans == 0


def test_bad_inputs_are_recorded_once(store_url, tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "x", "text": "Turkish police detained 12 protesters."}\n{not json\n')
    msgs: list[str] = []
    r = ingest([str(p)], store_url, on_error=msgs.append)
    assert r.failed == 1 and r.stored == 1 and "bad.jsonl:2" in msgs[0]
    ingest([str(p)], store_url)
    assert counts(store_url)["errors"] == 1


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared/examples not present")
def test_founding_article_twice_and_a_second_source_make_one_consult_cluster(store_url, tmp_path):
    art = founding_article(tmp_path)
    ingest([str(art)], store_url)
    ingest([str(art)], store_url)
    ingest([str(SECOND)], store_url)
    s = open_store(store_url)
    with s.engine.connect() as c:
        rows = c.execute(select(clusters).where(clusters.c.event == "CONSULT", clusters.c.day == "2023-02-25")
                         ).mappings().all()
        meeting = [r for r in rows if {"TUR", "AZE"} <= set((r["actor_codes"] or "").split("|")
                                                          + (r["recipient_codes"] or "").split("|"))]
        assert len(meeting) == 1, rows
        m = meeting[0]
        assert (m["n_articles"], m["n_sources"]) == (2, 2)
        assert m["date"] == "2023-02-25" and m["place_name"] == "Istanbul"
        # the merge is explained
        reasons = c.execute(select(cluster_links.c.reason).where(cluster_links.c.cluster_id == m["id"])
                            ).scalars().all()
        assert any(r.get("rule") == "same event" and r.get("window_days") == 1 for r in reasons)
        # a meeting of the same leaders a week later is another event
        later = c.execute(select(clusters).where(clusters.c.event == "CONSULT", clusters.c.day == "2023-03-04")
                          ).mappings().all()
        assert later and all(r["id"] != m["id"] for r in later)
    s.close()


def _row(**kw):
    base = {"id": "e1", "event": "CONSULT", "date": "2023-02-25", "date_precision": "day", "date_source": "text",
            "day": "2023-02-25", "actor_codes": "AZE|TUR", "recipient_codes": None, "actor_names": None,
            "recipient_names": None, "lat": 41.0, "lon": 28.9}
    return {**base, **kw}


def test_merge_rule_near_misses():
    a = _row()
    assert compatible(a, _row(id="e2", day="2023-02-26", date="2023-02-26"))["window_days"] == 1
    assert compatible(a, _row(id="e2", day="2023-03-04", date="2023-03-04")) is None      # a week later
    assert compatible(a, _row(id="e2", event="AGREE")) is None                             # another type
    assert compatible(a, _row(id="e2", actor_codes="ARM|TUR")) is None                     # other parties
    assert compatible(a, _row(id="e2", lat=39.9, lon=32.9)) is None                        # Ankara, 350 km
    assert compatible(a, _row(id="e2", date_precision="year", date="2023", day="2023-01-01")) is None
    pub = compatible(a, _row(id="e2", date_source="publication", day="2023-02-27", date="2023-02-27"))
    assert pub is not None and pub["window_days"] == 2
    directed = _row(event="ASSAULT", actor_codes="RUS", recipient_codes="UKR")
    assert compatible(directed, {**directed, "id": "e2", "recipient_codes": "GEO"}) is None
    assert compatible(directed, {**directed, "id": "e2"}) is not None


def test_kill_minus_nine_then_rerun_equals_a_clean_run(tmp_path, store_url):
    rows = [json.loads(x) for x in SAMPLES.read_text().splitlines() if x.strip()]
    many = tmp_path / "many.jsonl"
    with many.open("w") as f:
        for i in range(5):
            for r in rows:
                f.write(json.dumps({**r, "id": f"{r['id']}-{i}", "text": r["text"] + f"\n\n(Copy {i}.)"}) + "\n")
    total = 5 * len(rows)
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    cmd = [sys.executable, "-m", "dyads.cli", "ingest", str(many), "--db", store_url, "--batch-size", "2", "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline:
        time.sleep(0.2)
        try:
            stored = counts(store_url)["articles"]
        except Exception:       # the schema may not exist yet
            stored = 0
        if stored >= 4 or proc.poll() is not None:
            break
    killed_midway = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert killed_midway, "the ingest finished before it could be killed; make the input larger"
    assert counts(store_url)["articles"] < total
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    clean_url = f"sqlite:///{tmp_path}/clean.db"
    subprocess.run(cmd[:-5] + ["--db", clean_url, "--batch-size", "2", "--quiet"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got, want = counts(store_url), counts(clean_url)
    assert got["articles"] == want["articles"] == total
    assert got["events"] == want["events"]
    assert got["clusters"] == want["clusters"]
