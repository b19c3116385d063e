"""The watch loop: poll feeds, fetch and code new articles, store them, alert, deliver webhooks.

    from dyads.watch import watch
    report = watch("feeds.yaml", "dyads.db", once=True)

Restarts reprocess nothing: feed validators (ETag, Last-Modified) and every article URL seen are
in the store (`watch_feeds`, `watch_seen`); a feed's validators are saved only after all its new
items are stored, so an interrupted poll is resumed by the next. SIGTERM (and SIGINT) set a stop
flag that is checked between articles: the article being fetched or coded is stored first.
"""
from __future__ import annotations

import hashlib
import json
import logging
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import httpx
from sqlalchemy import insert, select, update

from dyads.model import Document
from dyads.store.db import Store, open_store
from dyads.store.ingest import store_documents
from dyads.store.rows import content_hash, now
from dyads.store.schema import articles, watch_feeds, watch_seen
from dyads.watch import alerts as alerts_mod
from dyads.watch.config import Feed, WatchConfig, load_feeds
from dyads.watch.feeds import FeedItem, parse_feed
from dyads.watch.fetch import Fetcher
from dyads.watch.rules import Rule, RuleSet, load_rules

log = logging.getLogger("dyads.watch")

MAX_ARTICLE_ATTEMPTS = 3        # polls that may retry an article whose fetch failed
MAX_ID = 200                    # articles.id length


@dataclass
class WatchReport:
    """What a watch run did (counts over all cycles)."""

    polls: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    new_items: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    alerts: int = 0
    delivered: int = 0
    delivery_failures: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.polls} poll(s) ({self.not_modified} not modified, {self.feed_errors} failed); "
                f"{self.new_items} new item(s): {self.stored} stored, {self.duplicates} duplicate(s), "
                f"{self.failed} failed; {self.alerts} alert(s); webhooks {self.delivered} delivered, "
                f"{self.delivery_failures} to retry")


def article_id(url: str) -> str:
    """The store id of an article from a feed: its URL, hashed when too long for the column."""
    return url if len(url) <= MAX_ID else "url:" + hashlib.sha256(url.encode()).hexdigest()


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def print_alert(alert: alerts_mod.Alert) -> None:
    print(alerts_mod.format_alert(alert), flush=True)


class Watcher:
    """Polls `config.feeds`, stores new articles in `db` and alerts on `rules`. Reusable: `cycle()`
    does one pass; `run()` loops until `stop` is set (or once)."""

    def __init__(self, config: WatchConfig, rules: Iterable[Rule], db: Store | str | None = None, *,
                 webhook: str | None = None, stop: threading.Event | None = None,
                 on_alert: Callable[[alerts_mod.Alert], None] | None = print_alert,
                 webhook_timeout: float = 10.0, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self.rules = list(rules)
        self.webhook = webhook or config.webhook
        self.stop = stop or threading.Event()
        self.on_alert = on_alert
        self.webhook_timeout = webhook_timeout
        self._own_store = not isinstance(db, Store)
        self.store = db if isinstance(db, Store) else open_store(db)
        self.fetcher = Fetcher(self.stop, transport=transport)
        self.http = httpx.Client(transport=transport)
        self.report = WatchReport()
        self._next_poll: dict[str, float] = {}
        alerts_mod.register_rules(self.store, self.rules)
        alerts_mod.start_watermark(self.store)

    def close(self) -> None:
        self.fetcher.close()
        self.http.close()
        if self._own_store:
            self.store.close()

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------------------ feeds
    def _feed_state(self, url: str):
        with self.store.engine.connect() as conn:
            return conn.execute(select(watch_feeds.c.etag, watch_feeds.c.last_modified)
                                .where(watch_feeds.c.url == url)).first()

    def _save_feed(self, feed: Feed, **values) -> None:
        values["checked_at"] = now()
        with self.store.engine.begin() as conn:
            if conn.execute(update(watch_feeds).where(watch_feeds.c.url == feed.url).values(**values)).rowcount == 0:
                conn.execute(insert(watch_feeds).values(url=feed.url, name=feed.name, publisher=feed.publisher,
                                                        n_items=values.pop("n_items", 0), **values))

    def poll(self, feed: Feed) -> int:
        """Poll one feed and process its new items; returns the number of articles stored."""
        state = self._feed_state(feed.url)
        etag, modified = (state[0], state[1]) if state else (None, None)
        self.report.polls += 1
        r = self.fetcher.get(feed.url, feed.policy, etag=etag, last_modified=modified)
        extra = {"feed": feed.name, "url": feed.url}
        if r.not_modified:
            self.report.not_modified += 1
            self._save_feed(feed, status="not modified", error=None)
            log.debug("feed not modified", extra=extra)
            return 0
        if not r.ok:
            return self._feed_failed(feed, r.error or f"HTTP {r.status}")
        parsed = parse_feed(r.body, r.url)
        if parsed.error:
            return self._feed_failed(feed, parsed.error)
        stored_before = self.report.stored
        new = 0
        for item in reversed(parsed.items):        # feeds list the newest first; store in order
            if self.stop.is_set():
                break
            new += self.process(feed, item)
        if self.stop.is_set():
            # validators unsaved: the next start polls this feed in full and resumes its items
            self._save_feed(feed, status="interrupted", error=None)
        else:
            self._save_feed(feed, etag=r.etag, last_modified=r.last_modified, status="ok", error=None,
                            n_items=len(parsed.items))
        log.info("feed polled: %d item(s), %d new", len(parsed.items), new, extra={**extra, "items": len(parsed.items),
                                                                                   "new": new})
        return self.report.stored - stored_before

    def _feed_failed(self, feed: Feed, reason: str) -> int:
        self.report.feed_errors += 1
        msg = f"{feed.name} ({feed.url}): {reason}"
        self.report.messages.append(msg)
        self._save_feed(feed, status="error", error=reason)
        log.warning("feed failed: %s", msg, extra={"feed": feed.name, "url": feed.url, "reason": reason})
        return 0

    # ---------------------------------------------------------------------------- articles
    def _seen(self, url: str):
        with self.store.engine.connect() as conn:
            return conn.execute(select(watch_seen.c.status, watch_seen.c.attempts)
                                .where(watch_seen.c.url_hash == _url_hash(url))).first()

    def _mark(self, feed: Feed, url: str, status: str, *, reason: str | None = None, digest: str | None = None,
              attempts: int = 1) -> None:
        vals = {"url": url, "feed_url": feed.url, "article_id": article_id(url), "content_hash": digest,
                "status": status, "reason": reason, "attempts": attempts, "seen_at": now()}
        with self.store.engine.begin() as conn:
            key = _url_hash(url)
            if conn.execute(update(watch_seen).where(watch_seen.c.url_hash == key).values(**vals)).rowcount == 0:
                conn.execute(insert(watch_seen).values(url_hash=key, **vals))

    def process(self, feed: Feed, item: FeedItem) -> int:
        """Fetch, code and store one item unless seen; returns 1 when it was new (whatever came of it)."""
        seen = self._seen(item.url)
        if seen is not None and (seen[0] != "failed" or seen[1] >= MAX_ARTICLE_ATTEMPTS):
            return 0
        attempts = (seen[1] if seen else 0) + 1
        self.report.new_items += 1
        extra = {"feed": feed.name, "url": item.url}
        try:
            doc = self._document(feed, item)
        except _Failed as exc:
            self.report.failed += 1
            self.report.messages.append(f"{item.url}: {exc.reason}")
            self._mark(feed, item.url, "failed", reason=exc.reason,
                       attempts=MAX_ARTICLE_ATTEMPTS if exc.permanent else attempts)
            log.warning("article skipped: %s", exc.reason, extra={**extra, "reason": exc.reason})
            return 1
        digest = content_hash(doc)
        with self.store.engine.connect() as conn:
            dup = conn.execute(select(articles.c.id).where(articles.c.content_hash == digest).limit(1)).first()
        if dup is not None:     # the same text under another URL: not coded again
            self.report.duplicates += 1
            self._mark(feed, item.url, "duplicate", reason=f"same text as {dup[0]}", digest=digest)
            log.info("duplicate article", extra={**extra, "same_as": dup[0]})
            return 1
        coded = _code(doc)
        bad = str(coded.error) if coded.error is not None else None
        if bad is not None:
            self.report.failed += 1
            self._mark(feed, item.url, "failed", reason=bad, attempts=MAX_ARTICLE_ATTEMPTS)
            log.warning("article not coded: %s", bad, extra=extra)
            return 1
        rep = store_documents([coded], self.store)
        self.report.stored += rep.stored + rep.replaced
        self.report.duplicates += rep.unchanged
        self._mark(feed, item.url, "stored" if rep.stored + rep.replaced else "unchanged", digest=digest)
        log.info("article stored: %d event(s)", len(coded.events),
                 extra={**extra, "events": len(coded.events), "date": coded.date, "publisher": coded.publisher})
        return 1

    def _document(self, feed: Feed, item: FeedItem) -> Document:
        from dyads.readers.documents import document_from_text
        from dyads.readers.errors import InputError
        from dyads.readers.html import extract_html

        title, text = item.title, item.summary
        if feed.policy.fetch:
            r = self.fetcher.get(item.url, feed.policy)
            if not r.ok:
                raise _Failed(r.error or f"HTTP {r.status}", r.permanent)
            try:
                page = extract_html(r.body, item.url)
            except InputError as exc:
                raise _Failed(exc.reason, True) from None
            text, title = page["text"], item.title or page["title"]
        if not text:
            raise _Failed("no text (the item has no summary and fetch is off)", True)
        try:
            # the feed item's date is the publication date; the publisher is the feed's
            return document_from_text(text, id=article_id(item.url), source=item.url, date=item.date, title=title,
                                      url=item.url, publisher=feed.publisher, max_chars=feed.policy.max_bytes)
        except InputError as exc:
            raise _Failed(exc.reason, True) from None

    # ------------------------------------------------------------------------------ alerts
    def alert(self) -> list[alerts_mod.Alert]:
        """Scan for new matches, tell `on_alert` about each, and deliver due webhooks."""
        fired = alerts_mod.scan(self.store, self.rules, self.webhook) if self.rules else []
        for a in fired:
            self.report.alerts += 1
            log.info("alert %s %s", a.kind, a.rule, extra={"rule": a.rule, "cluster": a.cluster_id, "kind": a.kind,
                                                           "alert_id": a.id})
            if self.on_alert is not None:
                self.on_alert(a)
        ok, bad = alerts_mod.deliver(self.store, self.http, timeout=self.webhook_timeout)
        self.report.delivered += ok
        self.report.delivery_failures += bad
        return fired

    # -------------------------------------------------------------------------------- loop
    def cycle(self, *, all_feeds: bool = False) -> None:
        """Poll the feeds that are due (or all), alerting after each feed that stored articles."""
        for feed in self.config.feeds:
            if self.stop.is_set():
                break
            if not all_feeds and self._next_poll.get(feed.url, 0.0) > time.monotonic():
                continue
            try:
                stored = self.poll(feed)
            finally:
                self._next_poll[feed.url] = time.monotonic() + feed.policy.interval
            if stored:
                self.alert()
        self.alert()            # also webhooks due for redelivery, and clusters other writers changed

    def run(self, *, once: bool = False, idle: float = 5.0) -> WatchReport:
        """Loop until stopped (or one pass with `once`). Between passes, sleep until the next feed is
        due, waking at least every `idle` seconds for webhook redeliveries."""
        with _signals(self.stop):
            self.cycle(all_feeds=True)
            while not once and not self.stop.is_set():
                wait = min(self._next_poll.values(), default=time.monotonic() + idle) - time.monotonic()
                self.stop.wait(max(0.05, min(wait, idle)))
                if not self.stop.is_set():
                    self.cycle()
        return self.report


class _Failed(Exception):
    def __init__(self, reason: str, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.permanent = reason, permanent


def _code(doc: Document) -> Document:
    from dyads.pipeline import default_pipeline

    return next(default_pipeline(False).process([doc]))


class _signals:
    """SIGTERM and SIGINT set `stop` while the loop runs (main thread only; elsewhere a no-op)."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop
        self.old: dict[int, object] = {}

    def __enter__(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGTERM, signal.SIGINT):
            self.old[sig] = signal.signal(sig, self._handle)

    def _handle(self, signum, _frame) -> None:
        log.info("%s: finishing the current article, then stopping", signal.Signals(signum).name)
        self.stop.set()

    def __exit__(self, *exc) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler)


def _rules(rules, cfg: WatchConfig) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        return load_rules(cfg.rule_files)
    if isinstance(rules, (str, Path)):
        return load_rules([*cfg.rule_files, rules])
    rules = list(rules)
    if all(isinstance(r, Rule) for r in rules):
        return RuleSet(rules=rules)
    return load_rules([*cfg.rule_files, *rules])


def watch(feeds: str | Path | WatchConfig, db: Store | str | None = None, *,
          rules: RuleSet | Iterable[Rule] | Iterable[str | Path] | str | Path | None = None,
          once: bool = False, webhook: str | None = None, stop: threading.Event | None = None,
          on_alert: Callable[[alerts_mod.Alert], None] | None = print_alert) -> WatchReport:
    """Watch the feeds of `feeds` (a feeds.yaml or a loaded config) into the store `db`, alerting on
    the rules of the config's rule files plus `rules`. Loops until SIGTERM/SIGINT or `stop`, or
    makes one pass with `once`. Skipped feeds and rules are in the report's messages."""
    cfg = load_feeds(feeds) if not isinstance(feeds, WatchConfig) else feeds
    ruleset = _rules(rules, cfg)
    with Watcher(cfg, ruleset.rules, db, webhook=webhook, stop=stop, on_alert=on_alert) as w:
        w.report.messages += cfg.errors + ruleset.errors
        for msg in cfg.errors + ruleset.errors:
            log.error("skipped: %s", msg)
        return w.run(once=once)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields."""

    _STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
               "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        out.update({k: v for k, v in vars(record).items() if k not in self._STANDARD})
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def setup_logging(fmt: str = "text", level: int | str = logging.INFO, stream=None) -> logging.Handler:
    """Log `dyads.watch` records to `stream` (stderr) as text or JSON lines; returns the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("dyads.watch")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
    return handler
