"""`dyads watch`: feeds in (conditional GET, politeness, retries, caps, dedup), alerts out
(once per rule and cluster, across restarts; webhook outbox; Atom), against a loopback news site
(tests/fixtures/watch/newsserver.py) serving the fixture feeds and articles."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import func, select

FIX = Path(__file__).resolve().parent / "fixtures" / "watch"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "watch"
sys.path.insert(0, str(FIX))

from newsserver import NewsServer  # noqa: E402

from dyads.store.db import open_store  # noqa: E402
from dyads.store.schema import articles, watch_alerts, watch_outbox, watch_seen  # noqa: E402
from dyads.watch import (ConfigError, Feed, FetchPolicy, WatchConfig, Watcher, load_feeds, load_rules,  # noqa: E402
                         test_rules, watch)
from dyads.watch.fetch import Fetcher  # noqa: E402

FAST = FetchPolicy(delay=0.0, timeout=2.0, retries=1)
ATOM = "{http://www.w3.org/2005/Atom}"
TUR_AZE = """rules:
  - name: TUR–AZE agreements
    actors: [TUR, AZE]
    events: [AGREE, COOPERATE]
"""



pytestmark = pytest.mark.usefixtures("all_events")   # plumbing: every event the rules find

@pytest.fixture
def site():
    with NewsServer() as s:
        s.serve_site()
        yield s


@pytest.fixture
def rules(tmp_path):
    p = tmp_path / "rules.yaml"
    p.write_text(TUR_AZE, encoding="utf-8")
    return load_rules(p)


def feed(site, name: str, path: str, policy: FetchPolicy = FAST, publisher: str | None = None) -> Feed:
    return Feed(name=name, url=site.url(path), publisher=publisher or name, policy=policy)


def ledger(site, **kw) -> Feed:
    return feed(site, "Caspian Ledger", "/feeds/caspian-ledger.rss", publisher="The Caspian Ledger", **kw)


def review(site) -> Feed:
    return feed(site, "Rail Review", "/feeds/rail-review.atom")


def count(store, table, *where) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def atom_entries(db_url: str, rule: str) -> list[ET.Element]:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(db_url)) as client:
        resp = client.get(f"/feeds/{rule}.atom")
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(resp.content)
        assert client.get("/feeds/no-such-rule.atom").status_code == 404
    return root.findall(f"{ATOM}entry")


# --------------------------------------------------------------------------------- config

def test_feeds_yaml_errors_name_file_line_feed_and_field(tmp_path):
    p = tmp_path / "feeds.yaml"
    p.write_text("defaults:\n  delay: 1\nfeeds:\n"
                 "  - name: Good\n    url: https://a.example/rss\n"
                 "  - name: No URL\n"
                 "  - name: Bad interval\n    url: https://b.example/rss\n    interval: soon\n"
                 "  - name: Good\n    url: https://c.example/rss\n"
                 "  - name: Typo\n    url: https://d.example/rss\n    intervall: 5\n", encoding="utf-8")
    cfg = load_feeds(p)
    assert [f.name for f in cfg.feeds] == ["Good"]
    assert cfg.feeds[0].policy.delay == 1.0 and cfg.feeds[0].publisher == "Good"
    assert len(cfg.errors) == 4
    assert cfg.errors[0] == f"{p}:6: feed 2 (No URL): 'url': must be an http(s) URL"
    assert cfg.errors[1].startswith(f"{p}:7: feed 3 (Bad interval): 'interval': must be a number")
    assert "'name': duplicate feed name 'Good'" in cfg.errors[2]
    assert cfg.errors[3].startswith(f"{p}:12: feed 5 (Typo): unknown field 'intervall'")
    assert all("\n" not in e for e in cfg.errors)
    p.write_text("feeds: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"feeds.yaml:\d+: malformed YAML"):
        load_feeds(p)


def test_rule_errors_name_file_rule_and_field(tmp_path):
    p = tmp_path / "rules.yaml"
    p.write_text("rules:\n"
                 "  - name: Fine\n    either: TUR\n    quad: 1\n"
                 "  - name: Bad event\n    events: [AGREE, HUG]\n"
                 "  - name: Bad quad\n    events: PROTEST\n    quad: [5]\n"
                 "  - name: Everything\n"
                 "  - name: Sources\n    events: PROTEST\n    min_sources: 0\n"
                 "  - events: PROTEST\n"
                 "  - name: fine\n    events: PROTEST\n", encoding="utf-8")
    rs = load_rules(p)
    assert [r.id for r in rs.rules] == ["fine"]
    assert rs.rules[0].either == ("TUR",) and rs.rules[0].quad == (1,)
    errs = rs.errors
    assert errs[0] == f"{p}:5: rule 2 (Bad event): 'events': unknown PLOVER event 'HUG' " \
                      "(known: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, " \
                      "REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT)"
    assert errs[1].startswith(f"{p}:7: rule 3 (Bad quad): 'quad':")
    assert errs[2].startswith(f"{p}:10: rule 4 (Everything): matches every event")
    assert errs[3].startswith(f"{p}:11: rule 5 (Sources): 'min_sources'")
    assert errs[4] == f"{p}:14: rule 6: 'name': required, a non-empty string"
    assert "'id': 'fine' already used by" in errs[5]
    assert len(errs) == 6


def test_examples_validate():
    cfg = load_feeds(EXAMPLES / "feeds.yaml")
    assert cfg.errors == [] and len(cfg.feeds) >= 2
    assert cfg.rule_files and all(f.exists() for f in cfg.rule_files)
    rs = load_rules(cfg.rule_files)
    assert rs.errors == [] and any(r.id == "tur-aze-agreements" for r in rs.rules)


# ---------------------------------------------------------------------------------- fetch

def test_conditional_get_cap_timeout_and_retries(site):
    with Fetcher() as f:
        first = f.get(site.url("/feeds/caspian-ledger.rss"), FAST)
        assert first.ok and first.etag and first.last_modified and b"<rss" in first.body
        again = f.get(site.url("/feeds/caspian-ledger.rss"), FAST, etag=first.etag,
                      last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        by_date = f.get(site.url("/feeds/caspian-ledger.rss"), FAST, last_modified=first.last_modified)
        assert by_date.not_modified

        site.serve("/big-declared", b"x" * 50_000)
        site.serve("/big-streamed", b"", stream_bytes=5_000_000)
        capped = FetchPolicy(delay=0.0, timeout=5.0, retries=2, max_bytes=20_000)
        for path in ("/big-declared", "/big-streamed"):
            r = f.get(site.url(path), capped)
            assert not r.ok and r.permanent and r.error.startswith("too large") and r.body == b""
            assert r.attempts == 1                     # never retried
        site.serve("/slow", b"late", delay=3.0)
        t0 = time.monotonic()
        r = f.get(site.url("/slow"), FetchPolicy(delay=0.0, timeout=0.5, retries=0))
        assert r.error.startswith("timed out") and time.monotonic() - t0 < 2.5

        flaky = site.serve("/flaky", "<p>ok</p>", fail_first=2)
        r = f.get(site.url("/flaky"), FetchPolicy(delay=0.0, timeout=2.0, retries=2))
        assert r.ok and r.attempts == 3 and flaky.hits == 3
        site.serve("/gone", b"", status=404)
        r = f.get(site.url("/gone"), FetchPolicy(delay=0.0, timeout=2.0, retries=3))
        assert r.error == "HTTP 404" and r.permanent and r.attempts == 1


def test_politeness_delay_per_host(site):
    polite = FetchPolicy(delay=0.4, timeout=2.0, retries=0)
    with Fetcher() as f:
        t0 = time.monotonic()
        for _ in range(3):
            assert f.get(site.url("/feeds/caspian-ledger.rss"), polite).ok
        assert time.monotonic() - t0 >= 0.8           # two waits between three requests to one host


# ----------------------------------------------------------------------------- ingestion

def test_new_items_are_ingested_once_and_304_costs_nothing(site, tmp_path):
    db = f"sqlite:///{tmp_path}/w.db"
    cfg = WatchConfig(feeds=[ledger(site), review(site)])
    r1 = watch(cfg, db, rules=[], once=True, on_alert=None)
    assert (r1.stored, r1.failed, r1.feed_errors) == (4, 0, 0)
    fetched = len(site.requests("/articles/"))
    assert fetched == 4
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            row = conn.execute(select(articles.c.publisher, articles.c.source, articles.c.date, articles.c.title)
                               .where(articles.c.url == site.url("/articles/tur-aze-railway.html"))).one()
        # credited to the feed's publisher; the item's (local) publication date, not the crawl date
        assert tuple(row) == ("The Caspian Ledger", "The Caspian Ledger", "2026-11-17",
                              "Turkey and Azerbaijan plan railway")
        # the #comments fragment is the same article
        assert count(store, watch_seen, watch_seen.c.url == site.url("/articles/protest-lima.html")) == 1

        r2 = watch(cfg, db, rules=[], once=True, on_alert=None)      # a restart: new objects, same store
        assert (r2.polls, r2.not_modified, r2.new_items, r2.stored) == (2, 2, 0, 0)
        assert len(site.requests("/articles/")) == fetched            # nothing fetched again
        assert site.requests("/feeds/", status=304)

        # a changed feed (new ETag) re-lists old items: they are known by URL and not fetched again
        body = (FIX / "feeds/caspian-ledger.rss").read_text().replace("News from", "All the news from")
        site.serve("/feeds/caspian-ledger.rss", body, "application/rss+xml")
        r3 = watch(cfg, db, rules=[], once=True, on_alert=None)
        assert (r3.not_modified, r3.new_items, r3.stored) == (1, 0, 0)
        assert len(site.requests("/articles/")) == fetched
        assert count(store, articles) == 4
    finally:
        store.close()


def test_same_text_under_another_url_is_not_coded_again(site, tmp_path):
    db = f"sqlite:///{tmp_path}/w.db"
    html = (FIX / "articles/fra-ger-talks.html").read_text()
    site.serve("/mirror/talks.html", html)
    site.serve("/feeds/mirror.rss", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Mirror</title>
      <item><title>Talks</title><link>{site.url('/mirror/talks.html')}</link>
      <pubDate>Wed, 18 Nov 2026 09:00:00 +0000</pubDate></item></channel></rss>""", "application/rss+xml")
    cfg = WatchConfig(feeds=[review(site), feed(site, "Mirror", "/feeds/mirror.rss")])
    r = watch(cfg, db, rules=[], once=True, on_alert=None)
    assert (r.stored, r.duplicates) == (2, 1)
    store = open_store(db)
    try:
        assert count(store, watch_seen, watch_seen.c.status == "duplicate") == 1
        assert count(store, articles) == 2
    finally:
        store.close()


def test_feed_without_fetching_codes_the_items_text(site, tmp_path):
    db = f"sqlite:///{tmp_path}/w.db"
    wire = feed(site, "Wire", "/feeds/summaries.rss", FetchPolicy(delay=0.0, timeout=2.0, fetch=False))
    r = watch(WatchConfig(feeds=[wire]), db, rules=[], once=True, on_alert=None)
    assert r.stored == 1 and not site.requests("/wire/")
    hits = test_rules(load_rules_text("rules:\n  - name: Kenya protests\n    events: PROTEST\n    either: KEN\n"), db)
    assert [h["date"] for h in hits["kenya-protests"]] == ["2026-11-18"]


def load_rules_text(text: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as fh:
        fh.write(text)
    try:
        return load_rules(fh.name)
    finally:
        os.unlink(fh.name)


def test_slow_failing_or_oversized_sources_do_not_stop_the_others(site, tmp_path):
    db = f"sqlite:///{tmp_path}/w.db"
    quick = FetchPolicy(delay=0.0, timeout=0.5, retries=1, max_bytes=200_000)
    site.serve("/feeds/slow.rss", (FIX / "feeds/caspian-ledger.rss").read_bytes(), "application/rss+xml", delay=2.0)
    site.serve("/feeds/down.rss", b"", status=503)
    site.serve("/feeds/huge.rss", b"", "application/rss+xml", stream_bytes=3_000_000)
    site.serve("/feeds/not-a-feed.rss", "<html><body>Oops</body></html>")
    site.serve("/articles/huge.html", b"", stream_bytes=3_000_000)
    site.serve("/feeds/mixed.rss", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>
      <item><title>Huge</title><link>{site.url('/articles/huge.html')}</link></item>
      <item><title>Missing</title><link>{site.url('/articles/missing.html')}</link></item>
      <item><title>Talks</title><link>{site.url('/articles/fra-ger-talks.html')}</link>
      <pubDate>Wed, 18 Nov 2026 09:00:00 +0000</pubDate></item></channel></rss>""", "application/rss+xml")
    cfg = WatchConfig(feeds=[feed(site, "Slow", "/feeds/slow.rss", quick), feed(site, "Down", "/feeds/down.rss", quick),
                             feed(site, "Huge", "/feeds/huge.rss", quick),
                             feed(site, "Not a feed", "/feeds/not-a-feed.rss", quick),
                             feed(site, "Mixed", "/feeds/mixed.rss", quick), ledger(site, policy=quick)])
    t0 = time.monotonic()
    r = watch(cfg, db, rules=[], once=True, on_alert=None)
    assert time.monotonic() - t0 < 30
    assert r.feed_errors == 4 and r.stored == 3 and r.failed == 2
    text = "\n".join(r.messages)
    assert "Slow" in text and "timed out" in text
    assert "Down" in text and "HTTP 503" in text
    assert "Huge" in text and "too large" in text
    assert "not an RSS or Atom feed" in text
    assert f"{site.url('/articles/missing.html')}: HTTP 404" in text
    store = open_store(db)
    try:
        failed = dict(store.engine.connect().execute(
            select(watch_seen.c.url, watch_seen.c.reason).where(watch_seen.c.status == "failed")).all())
        assert failed[site.url("/articles/huge.html")].startswith("too large")
    finally:
        store.close()


# --------------------------------------------------------------------------------- alerts

def test_a_matching_event_alerts_once_by_webhook_and_atom_even_after_restarts(site, store_url, rules):
    db = store_url
    cfg = WatchConfig(feeds=[ledger(site)], webhook=site.url("/hook"))
    printed = []
    r1 = watch(cfg, db, rules=rules, once=True, on_alert=printed.append)
    assert r1.alerts == 1 and r1.delivered == 1
    assert len(site.hooks) == 1
    hook = site.hooks[0]
    assert hook["kind"] == "new" and hook["rule"] == {"id": "tur-aze-agreements", "name": "TUR–AZE agreements"}
    assert hook["cluster"]["event"] == "AGREE" and hook["cluster"]["actors"] == ["AZE", "TUR"]
    assert hook["cluster"]["date"] == "2026-11-17" and hook["cluster"]["n_sources"] == 1
    assert hook["articles"][0]["url"] == site.url("/articles/tur-aze-railway.html")
    assert hook["articles"][0]["publisher"] == "The Caspian Ledger"
    assert [a.kind for a in printed] == ["new"]

    # restarts: a changed feed (the same items), then a Watcher built by hand over the same store
    body = (FIX / "feeds/caspian-ledger.rss").read_text().replace("News from", "The news from")
    site.serve("/feeds/caspian-ledger.rss", body, "application/rss+xml")
    r2 = watch(cfg, db, rules=rules, once=True, on_alert=printed.append)
    with Watcher(cfg, rules.rules, db, on_alert=printed.append) as w:
        w.run(once=True)
        # even re-checking every cluster of the store (the watermark forgotten) alerts nothing again
        from dyads.watch import alerts
        with w.store.engine.begin() as conn:
            alerts.set_state(conn, alerts.WATERMARK, "2000-01-01T00:00:00+00:00")
        assert w.alert() == []
    assert r2.alerts == 0 and len(printed) == 1
    assert len(site.hooks) == 1
    entries = atom_entries(db, "tur-aze-agreements")
    assert len(entries) == 1
    title = entries[0].find(f"{ATOM}title").text
    assert title.startswith("AGREE: ") and "(1 source)" in title
    assert entries[0].find(f"{ATOM}link[@rel='alternate']").get("href") == site.url("/articles/tur-aze-railway.html")


def test_more_sources_are_an_update_not_a_new_alert(site, store_url, rules):
    db = store_url
    watch(WatchConfig(feeds=[ledger(site)], webhook=site.url("/hook")), db, rules=rules, once=True, on_alert=None)
    cfg = WatchConfig(feeds=[ledger(site), review(site)], webhook=site.url("/hook"))
    r = watch(cfg, db, rules=rules, once=True, on_alert=None)
    assert r.alerts == 1
    assert [h["kind"] for h in site.hooks] == ["new", "update"]
    upd = site.hooks[1]
    assert upd["cluster"]["id"] == site.hooks[0]["cluster"]["id"]
    assert (upd["previous_n_sources"], upd["cluster"]["n_sources"]) == (1, 2)
    assert {a["publisher"] for a in upd["articles"]} == {"The Caspian Ledger", "Rail Review"}
    entries = atom_entries(db, "tur-aze-agreements")
    assert len(entries) == 1                           # the same entry, updated
    assert entries[0].find(f"{ATOM}title").text.startswith("Update: AGREE") and \
        "(2 sources)" in entries[0].find(f"{ATOM}title").text
    assert watch(cfg, db, rules=rules, once=True, on_alert=None).alerts == 0


def test_failed_webhook_deliveries_are_retried_not_lost(site, tmp_path, rules, monkeypatch):
    from dyads.watch import alerts

    monkeypatch.setattr(alerts, "WEBHOOK_BACKOFF", 0.0)     # retry at once (the real backoff is seconds)
    site.hook_fail_first = 2
    db = f"sqlite:///{tmp_path}/w.db"
    cfg = WatchConfig(feeds=[ledger(site)], webhook=site.url("/hook"))
    r = watch(cfg, db, rules=rules, once=True, on_alert=None)
    assert r.alerts == 1 and r.delivered == 0 and r.delivery_failures >= 1 and site.hooks == []
    store = open_store(db)
    try:
        row = store.engine.connect().execute(select(watch_outbox.c.attempts, watch_outbox.c.last_error,
                                                    watch_outbox.c.delivered_at)).one()
        assert row.last_error == "HTTP 500" and row.delivered_at is None
        # the next start (a new process) delivers what the last one could not
        r2 = watch(cfg, db, rules=rules, once=True, on_alert=None)
        assert r2.alerts == 0 and r2.delivered == 1
        assert len(site.hooks) == 1 and site.hook_calls == 3
        assert count(store, watch_outbox, watch_outbox.c.delivered_at.is_(None)) == 0
        assert count(store, watch_alerts) == 1
    finally:
        store.close()


def test_webhook_down_backs_off(site, tmp_path, rules, monkeypatch):
    import datetime as dt

    from dyads.watch import alerts

    monkeypatch.setattr(alerts, "WEBHOOK_BACKOFF", 600.0)
    db = f"sqlite:///{tmp_path}/w.db"
    cfg = WatchConfig(feeds=[ledger(site)], webhook=site.url("/nowhere"))   # 404: retried with backoff
    watch(cfg, db, rules=rules, once=True, on_alert=None)
    store = open_store(db)
    try:
        row = store.engine.connect().execute(select(watch_outbox.c.attempts, watch_outbox.c.next_at)).one()
        soon = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=300)).isoformat(timespec="seconds")
        assert row.attempts == 1 and row.next_at > soon
        with Watcher(cfg, [], store, on_alert=None) as w:
            w.alert()
        assert store.engine.connect().execute(select(watch_outbox.c.attempts)).scalar_one() == 1   # not yet due
    finally:
        store.close()


def test_watchlist_test_shows_matching_stored_events(site, tmp_path, rules):
    db = f"sqlite:///{tmp_path}/w.db"
    watch(WatchConfig(feeds=[ledger(site), review(site)]), db, rules=[], once=True, on_alert=None)
    hits = test_rules(rules, db)
    rows = hits["tur-aze-agreements"]
    assert {r["event"] for r in rows} == {"AGREE"} and len(rows) == 2
    assert len({r["cluster_id"] for r in rows}) == 1 and rows[0]["n_sources"] == 2
    other = load_rules_text("rules:\n  - name: Peru\n    recipients: PER\n    events: PROTEST\n"
                            "  - name: French talks\n    actors: [FRA, DEU]\n    events: CONSULT\n"
                            "  - name: Lima\n    places: lima\n    quad: [3, 4]\n"
                            "  - name: Two sources\n    events: CONSULT\n    min_sources: 2\n")
    got = test_rules(other, db)
    assert [r["event"] for r in got["peru"]] == ["PROTEST"]
    assert [r["actor_codes"] for r in got["french-talks"]] == ["DEU|FRA"]
    from dyads.store.query import EventFilter, events

    same = [r["id"] for r in events(db, EventFilter(place="lima", quad_code=[3, 4]))]
    assert [r["id"] for r in got["lima"]] == same and "PROTEST" in {r["event"] for r in got["lima"]}
    assert all("Lima" in r["place_name"] and r["quad_code"] in (3, 4) for r in got["lima"])
    assert got["two-sources"] == []

    from click.testing import CliRunner

    from dyads.cli import main

    rfile = tmp_path / "r.yaml"
    rfile.write_text(TUR_AZE + "  - name: Broken\n    events: NOPE\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["watchlist", "test", str(rfile), "--db", db])
    assert res.exit_code == 1
    assert "tur-aze-agreements (TUR–AZE agreements): 2 event(s) in 1 cluster(s)" in res.stdout
    assert res.stdout.count("AGREE") == 2
    assert f"skipped {rfile}:5: rule 2 (Broken): 'events': unknown PLOVER event 'NOPE'" in res.stderr


def test_store_tables_and_migration(store):
    from sqlalchemy import inspect

    from dyads.watch import alerts

    names = set(inspect(store.engine).get_table_names())
    assert {"watch_feeds", "watch_seen", "watch_state", "watch_rules", "watch_matches", "watch_alerts",
            "watch_outbox"} <= names
    alerts.start_watermark(store)
    with store.engine.begin() as conn:
        assert alerts.get_state(conn, alerts.WATERMARK)
        alerts.set_state(conn, "x", "1")
        alerts.set_state(conn, "x", "2")
        assert alerts.get_state(conn, "x") == "2"


def test_json_logs(site, tmp_path):
    import io
    import logging

    from dyads.watch import setup_logging

    buf = io.StringIO()
    setup_logging("json", logging.INFO, stream=buf)
    try:
        site.serve("/feeds/down.rss", b"", status=500)
        watch(WatchConfig(feeds=[review(site), feed(site, "Down", "/feeds/down.rss",
                                                    FetchPolicy(delay=0, timeout=1, retries=0))]),
              f"sqlite:///{tmp_path}/w.db", rules=[], once=True, on_alert=None)
    finally:
        logging.getLogger("dyads.watch").handlers.clear()
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    stored = [x for x in lines if x["message"].startswith("article stored")]
    assert len(stored) == 2 and all(x["feed"] == "Rail Review" and x["level"] == "info" for x in stored)
    failed = [x for x in lines if x["message"].startswith("feed failed")]
    assert failed[0]["level"] == "warning" and failed[0]["reason"] == "HTTP 500" and failed[0]["feed"] == "Down"
    assert all(x["ts"].endswith("Z") for x in lines)


def test_sigterm_finishes_the_current_article_then_exits(site, tmp_path):
    """The article is being served (slowly) when SIGTERM arrives: it is still stored, the next is not."""
    db = tmp_path / "w.db"
    site.serve_file("/articles/tur-aze-railway.html", "articles/tur-aze-railway.html", delay=3.0)
    (tmp_path / "feeds.yaml").write_text(
        f"defaults: {{delay: 0, timeout: 10, interval: 60}}\n"
        f"feeds:\n  - name: Caspian Ledger\n    url: {site.url('/feeds/caspian-ledger.rss')}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "dyads.cli", "watch", "--feeds", str(tmp_path / "feeds.yaml"),
                             "--db", str(db), "--log-format", "json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        slow = site.routes["/articles/tur-aze-railway.html"]
        deadline = time.monotonic() + 120      # loading the language model takes a while
        # items are stored oldest first: protest-lima, then tur-aze-railway (the slow one)
        while not slow.hits and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert slow.hits == 1                  # the article is being served right now
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    logs = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert any("SIGTERM" in x["message"] for x in logs)
    store = open_store(f"sqlite:///{db}")
    try:
        ids = {r[0] for r in store.engine.connect().execute(select(articles.c.url))}
        assert site.url("/articles/tur-aze-railway.html") in ids and len(ids) == 2
    finally:
        store.close()


def test_migration_0003_upgrades_a_0002_store_and_downgrades(store_url):
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect, text

    from dyads.store.db import MIGRATIONS, make_engine

    engine = make_engine(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO articles (id, content_hash, n_events, ingested_at) "
                              "VALUES ('a1', 'h', 0, '2024-01-01')"))
        store = open_store(store_url)          # upgrades through 0003 to the head in place
        head = ScriptDirectory.from_config(cfg).get_current_head()
        try:
            with store.engine.connect() as conn:
                assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
                assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
            assert "watch_outbox" in inspect(store.engine).get_table_names()
        finally:
            store.close()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        tables = inspect(engine).get_table_names()
        assert not any(t.startswith("watch_") or t == "dyad_events" for t in tables)
    finally:
        engine.dispose()


def test_watch_command_once(site, tmp_path):
    import logging

    from click.testing import CliRunner

    from dyads.cli import main

    (tmp_path / "rules.yaml").write_text(TUR_AZE, encoding="utf-8")
    (tmp_path / "feeds.yaml").write_text(
        "defaults: {delay: 0, timeout: 5}\nrules: [rules.yaml]\n"
        f"webhook: {site.url('/hook')}\n"
        f"feeds:\n  - name: Caspian Ledger\n    url: {site.url('/feeds/caspian-ledger.rss')}\n"
        "    publisher: The Caspian Ledger\n"
        "  - name: Broken\n    url: ftp://example.org/feed\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    try:
        res = CliRunner().invoke(main, ["watch", "--feeds", str(tmp_path / "feeds.yaml"), "--db", db, "--once"])
        again = CliRunner().invoke(main, ["watch", "--feeds", str(tmp_path / "feeds.yaml"), "--db", db, "--once",
                                          "--log-format", "json"])
    finally:
        logging.getLogger("dyads.watch").handlers.clear()
    assert res.exit_code == 1, res.output             # the broken feed entry is reported
    assert "feeds.yaml:8: feed 2 (Broken): 'url': must be an http(s) URL (got 'ftp://example.org/feed')" in res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("[tur-aze-agreements] NEW AGREE AZE+TUR 2026-11-17 (1 source)")
    assert "2 new item(s): 2 stored" in res.stderr
    assert again.stdout == "" and len(site.hooks) == 1
    logged = [json.loads(x) for x in again.stderr.splitlines() if x.strip()]    # JSON lines only
    assert logged and not any(x["message"].startswith("article stored") for x in logged)
    bad = CliRunner().invoke(main, ["watch", "--feeds", str(tmp_path / "missing.yaml"), "--db", db, "--once"])
    assert bad.exit_code == 1 and "missing.yaml: cannot read" in bad.stderr
