"""Watch the news: poll RSS/Atom feeds, code and store new articles, alert on watchlist rules.

    from dyads.watch import watch, test_rules, load_rules
    watch("feeds.yaml", "dyads.db", once=True)            # one pass; without once: until SIGTERM
    hits = test_rules("rules.yaml", "dyads.db")            # {rule id: [matching stored events]}

Modules: `config` (feeds.yaml), `fetch` (HTTP: conditional GET, politeness, retries, size cap),
`feeds` (feedparser -> items), `rules` (watchlist rules and matching), `alerts` (alert state,
webhook outbox, Atom), `service` (the loop, SIGTERM, logging). See docs/watch.md.
"""
from __future__ import annotations

from dyads.watch.config import ConfigError, Feed, FetchPolicy, WatchConfig, load_feeds
from dyads.watch.rules import Rule, RuleSet, load_rules, test_rules
from dyads.watch.service import Watcher, WatchReport, setup_logging, watch

__all__ = ["ConfigError", "Feed", "FetchPolicy", "Rule", "RuleSet", "WatchConfig", "WatchReport", "Watcher",
           "load_feeds", "load_rules", "setup_logging", "test_rules", "watch"]
