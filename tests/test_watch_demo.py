"""Local feeds (file:// or a path) and the offline demo of `dyads watch` (examples/watch/demo.yaml)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from dyads.watch import FetchPolicy, load_feeds
from dyads.watch.feeds import parse_feed
from dyads.watch.fetch import Fetcher

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "watch"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>{link}</link><pubDate>Tue, 11 Mar 2025 12:30:00 +0400</pubDate></item>
</channel></rss>"""


def test_the_demo_stores_events_and_alerts_on_a_fresh_machine(tmp_path, monkeypatch):
    from dyads.cli import main
    from dyads.store.db import open_store
    from dyads.store.schema import articles, events, watch_alerts

    monkeypatch.chdir(tmp_path)                 # paths in demo.yaml are relative to the file, not here
    db = str(tmp_path / "demo.db")
    try:
        res = CliRunner().invoke(main, ["watch", "--feeds", str(EXAMPLES / "demo.yaml"), "--db", db, "--once"])
        again = CliRunner().invoke(main, ["watch", "--feeds", str(EXAMPLES / "demo.yaml"), "--db", db, "--once"])
    finally:
        logging.getLogger("dyads.watch").handlers.clear()
    assert res.exit_code == 0, res.output
    alerts = res.stdout.splitlines()
    assert any(a.startswith("[tur-aze-agreements] NEW AGREE AZE+TUR 2025-03-11 (1 source)") for a in alerts), alerts
    assert "4 new item(s): 4 stored" in res.stderr and "0 failed" in res.stderr
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            n_articles = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            n_events = conn.execute(select(func.count()).select_from(events)).scalar_one()
            n_alerts = conn.execute(select(func.count()).select_from(watch_alerts)).scalar_one()
            publishers = set(conn.execute(select(articles.c.publisher)).scalars())
    finally:
        store.close()
    assert n_articles == 4 and n_events >= 2 and n_alerts == len(alerts) >= 1
    assert publishers == {"The Caspian Courier"}
    assert again.exit_code == 0 and again.stdout == ""            # nothing new: the file is a 304
    assert "1 not modified" in again.stderr


def test_local_feed_urls_resolve_against_the_yaml_folder(tmp_path, monkeypatch):
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "feed.xml").write_text(RSS.format(link="a.html"))
    (conf / "feeds.yaml").write_text(
        "feeds:\n"
        "  - {name: plain path, url: feed.xml}\n"
        "  - {name: file scheme, url: 'file:sub/../feed2.xml'}\n"
        f"  - {{name: absolute, url: '{(conf / 'feed3.xml').as_uri()}'}}\n"
        "  - {name: a host, url: 'file://server/feed.xml'}\n"
        "  - {name: ftp, url: 'ftp://example.org/feed'}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cfg = load_feeds("conf/feeds.yaml")
    assert [f.url for f in cfg.feeds] == [(conf / "feed.xml").as_uri(), (conf / "feed2.xml").as_uri(),
                                         (conf / "feed3.xml").as_uri()]
    assert len(cfg.errors) == 2
    assert "feed 4 (a host): 'url': a file URL names no host" in cfg.errors[0]
    assert "feed 5 (ftp): 'url': must be an http(s) URL (got 'ftp://example.org/feed')" in cfg.errors[1]


def test_a_local_file_is_fetched_with_a_validator_and_a_cap(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS.format(link="a.html"))
    with Fetcher() as f:
        r = f.get(path.as_uri(), FetchPolicy(delay=5.0))           # no politeness wait for files
        assert r.ok and r.body == path.read_bytes() and r.last_modified
        assert f.get(path.as_uri(), FetchPolicy(), last_modified=r.last_modified).not_modified
        small = f.get(path.as_uri(), FetchPolicy(max_bytes=10))
        assert not small.ok and small.permanent and small.error.startswith("too large")
        gone = f.get((tmp_path / "nope.xml").as_uri(), FetchPolicy())
        assert not gone.ok and gone.permanent and "cannot read" in gone.error


def test_only_a_local_feed_may_link_to_local_files_in_its_folder(tmp_path):
    local = (tmp_path / "feed.xml").as_uri()
    items = parse_feed(RSS.format(link="articles/a.html").encode(), local).items
    assert [i.url for i in items] == [(tmp_path / "articles" / "a.html").as_uri()]
    assert parse_feed(RSS.format(link="../../etc/passwd").encode(), local).items == []
    assert parse_feed(RSS.format(link="file:///etc/passwd").encode(), local).items == []
    remote = parse_feed(RSS.format(link="file:///etc/passwd").encode(), "https://news.example.org/rss")
    assert remote.items == []


@pytest.mark.parametrize("name", ["demo.yaml", "feeds.yaml"])
def test_examples_load(name):
    cfg = load_feeds(EXAMPLES / name)
    assert cfg.errors == [] and cfg.feeds
