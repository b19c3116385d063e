"""Soak: 50 feeds on loopback, polled every second for about two minutes while new stories
appear; memory must not grow after warm-up and no alert may repeat.

Marked `soak` (pyproject registers it): CI runs it; deselect locally with `-m "not soak"`.
The duration is DYADS_SOAK_SECONDS (default 120)."""
from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

FIX = Path(__file__).resolve().parent / "fixtures" / "watch"
sys.path.insert(0, str(FIX))

from newsserver import NewsServer  # noqa: E402

from dyads.store.db import open_store  # noqa: E402
from dyads.store.schema import articles, watch_matches, watch_outbox  # noqa: E402
from dyads.watch import Feed, FetchPolicy, WatchConfig, Watcher, load_rules  # noqa: E402

pytestmark = [pytest.mark.soak,
              pytest.mark.usefixtures("all_events")]   # plumbing: every event the rules find

N_FEEDS = 50
ROUND_SECONDS = 5.0
PER_STORY = 3                    # publishers reporting each story of a round
GROWTH_LIMIT_MB = 25.0           # allowed RSS growth between warm-up and the end
STORIES = {
    "agree": "Turkey and Azerbaijan agreed in Baku on {day} to build a new railway line between the two "
             "countries.\n\nEngineers will begin surveying the route next spring, officials said.",
    "protest": "Thousands of teachers protested in Lima on {day}, demanding higher wages from the Peruvian "
               "government.\n\nThe march ended peacefully in the evening.",
    "consult": "The French transport minister met his German counterpart in Strasbourg on {day} to discuss "
               "faster rail connections.\n\nA working group will present proposals before the end of the year.",
}
RULES = """rules:
  - name: TUR–AZE agreements
    actors: [TUR, AZE]
    events: AGREE
  - name: Peru protests
    either: PER
    events: PROTEST
  - name: Rail talks, two sources
    events: CONSULT
    either: FRA
    min_sources: 2
"""



def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Publisher:
    """Every ROUND_SECONDS, three stories dated that round, each published by three feeds
    (each feed lists its five newest items, so its ETag changes only when it publishes)."""

    def __init__(self, site: NewsServer) -> None:
        self.site = site
        self.items: dict[int, list[tuple[str, str, str]]] = {i: [] for i in range(N_FEEDS)}
        self.published: list[str] = []
        self.round = 0
        for i in range(N_FEEDS):
            self._render(i)

    def _render(self, i: int) -> None:
        items = "".join(f"<item><title>{t}</title><link>{u}</link><pubDate>{d}</pubDate></item>"
                        for u, t, d in reversed(self.items[i][-5:]))
        self.site.serve(f"/soak/feed-{i}.rss", f'<?xml version="1.0"?><rss version="2.0"><channel>'
                        f"<title>Soak Feed {i}</title>{items}</channel></rss>", "application/rss+xml")

    def publish_round(self) -> None:
        r = self.round
        self.round += 1
        event_day = dt.date(2027, 1, 1) + dt.timedelta(days=3 * r)       # rounds never share a cluster
        pub = dt.datetime.combine(event_day + dt.timedelta(days=1), dt.time(9), dt.timezone.utc)
        day = f"{event_day.day} {event_day:%B}"
        changed = set()
        for k, (story, text) in enumerate(STORIES.items()):
            for j in range(PER_STORY):
                i = (r * len(STORIES) * PER_STORY + k * PER_STORY + j) % N_FEEDS
                path = f"/soak/a/{r}-{story}-{i}.html"
                body = (text.format(day=day) + f"\n\nThis is report number {j + 1} of the day.").split("\n\n")
                html = "<html><head><title>{}</title></head><body><article>{}</article></body></html>".format(
                    story, "".join(f"<p>{p}</p>" for p in body))
                self.site.serve(path, html)
                self.items[i].append((self.site.url(path), story, pub.strftime("%a, %d %b %Y %H:%M:%S +0000")))
                self.published.append(self.site.url(path))
                changed.add(i)
        for i in changed:
            self._render(i)


def test_soak_memory_and_no_duplicate_alerts(tmp_path):
    if not Path("/proc/self/statm").exists():
        pytest.skip("RSS is read from /proc")
    duration = float(os.environ.get("DYADS_SOAK_SECONDS", "120"))
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rules(tmp_path / "rules.yaml")
    assert not rules.errors
    from dyads.pipeline import default_pipeline

    default_pipeline(False)                  # the language model is loaded before measuring
    db = f"sqlite:///{tmp_path}/soak.db"
    with NewsServer() as site:
        pub = Publisher(site)
        policy = FetchPolicy(interval=1.0, timeout=5.0, retries=1, delay=0.0)
        cfg = WatchConfig(feeds=[Feed(f"Soak Feed {i}", site.url(f"/soak/feed-{i}.rss"), f"Soak Feed {i}", policy)
                                 for i in range(N_FEEDS)], webhook=site.url("/hook"))
        stop = threading.Event()
        samples: list[tuple[float, float]] = []
        t0 = time.monotonic()

        def background() -> None:
            next_round = 0.0
            while not stop.wait(0.5):
                now = time.monotonic() - t0
                samples.append((now, rss_mb()))
                if now >= next_round and now < 0.8 * duration:
                    pub.publish_round()
                    next_round = now + ROUND_SECONDS
                if now >= duration:
                    stop.set()

        bg = threading.Thread(target=background, daemon=True)
        bg.start()
        with Watcher(cfg, rules.rules, db, stop=stop, on_alert=None) as w:
            w.run(idle=1.0)
            bg.join()
            w.stop.clear()
            w.cycle(all_feeds=True)          # drain: everything published is in now
            report = w.report
        elapsed = time.monotonic() - t0

    warm = [m for t, m in samples if 0.3 * duration <= t < 0.4 * duration]
    end = [m for t, m in samples if t >= 0.9 * duration]
    growth = statistics.median(end) - statistics.median(warm)
    print(f"\nsoak: {elapsed:.0f} s, {report.polls} polls ({report.not_modified} not modified), "
          f"{report.stored} stored, {report.duplicates} duplicates, {report.alerts} alerts; "
          f"RSS after warm-up {statistics.median(warm):.1f} MB, at the end {statistics.median(end):.1f} MB "
          f"(growth {growth:+.1f} MB, limit {GROWTH_LIMIT_MB} MB; peak {max(m for _, m in samples):.1f} MB)")

    assert report.polls >= N_FEEDS * 20 and report.not_modified > report.polls // 2
    assert report.feed_errors == 0 and report.failed == 0
    # every published article stored exactly once
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            urls = [r[0] for r in conn.execute(select(articles.c.url))]
            n_matches = conn.execute(select(func.count()).select_from(watch_matches)).scalar_one()
            pending = conn.execute(select(func.count()).select_from(watch_outbox)
                                   .where(watch_outbox.c.delivered_at.is_(None))).scalar_one()
    finally:
        store.close()
    assert sorted(urls) == sorted(pub.published) and len(urls) == len(set(urls))
    # alerts: one "new" per rule and cluster; updates only when sources grew
    new = Counter((h["rule"]["id"], h["cluster"]["id"]) for h in site.hooks if h["kind"] == "new")
    assert new and max(new.values()) == 1 and len(new) == n_matches and pending == 0
    seen = Counter((h["rule"]["id"], h["cluster"]["id"], h["cluster"]["n_sources"]) for h in site.hooks)
    assert max(seen.values()) == 1
    assert {r for r, _ in new} == {"tur-aze-agreements", "peru-protests", "rail-talks-two-sources"}
    assert len([k for k in new if k[0] == "tur-aze-agreements"]) == pub.round
    assert growth < GROWTH_LIMIT_MB
