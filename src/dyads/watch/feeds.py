"""RSS and Atom feeds (feedparser) to `FeedItem`s: link, title, publication date, summary."""
from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from dyads.dates.iso import to_date


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed."""

    url: str
    title: str | None = None
    date: str | None = None          # publication date (ISO YYYY-MM-DD), from published, else updated
    summary: str | None = None        # the entry's own text (content, else summary), tags stripped


@dataclass
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    error: str | None = None          # set when the body is no feed at all


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6])\b[^>]*>", re.I)


def normalize_url(url: str) -> str:
    """The URL without its fragment (the same article reached through #comments is the same)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _text(fragment: str) -> str:
    text = _BLOCK.sub("\n\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    paras = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _local_date(raw: str) -> str | None:
    """The calendar date as the publisher wrote it (RFC 822 or RFC 3339), before any time-zone shift."""
    raw = raw.strip()
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    day = to_date(raw)                  # RFC 3339 is ISO 8601: the rule of dyads.dates.iso
    return day.isoformat() if day else None


def _date(entry) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        local = _local_date(raw) if isinstance(raw, str) else None
        if local:
            return local            # a publisher's local date is the publication date
        value = entry.get(key + "_parsed")
        if value:                   # other formats feedparser understood, as UTC
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.timezone.utc).date().isoformat()
    return None


def _allowed(link: str, feed_url: str) -> bool:
    """http(s) links; and from a local feed, files in its folder or below (a remote feed never
    makes the watcher read a local file)."""
    if link.startswith(("http://", "https://")):
        return True
    if not (link.startswith("file:") and feed_url.startswith("file:")):
        return False
    folder = posixpath.dirname(urlsplit(feed_url).path) + "/"
    return posixpath.normpath(urlsplit(link).path).startswith(folder)


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """Parse an RSS or Atom document fetched from `url`. Relative links are resolved against it;
    entries without a usable link are skipped (file links only from a local feed, into its folder).
    A body that is no feed gets `error` set."""
    import feedparser

    # feedparser mangles file:/// bases (file://work/...): local feeds' links are joined below only
    headers = {"content-location": url} if not url.startswith("file:") else {}
    parsed = feedparser.parse(body, response_headers=headers)
    if parsed.bozo and not parsed.entries and not parsed.feed.get("title"):
        reason = getattr(parsed, "bozo_exception", None)
        first = str(reason).splitlines()[0] if reason else "unknown format"
        return ParsedFeed(None, [], f"not an RSS or Atom feed ({first})")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link") or next((link.get("href") for link in entry.get("links", [])
                                          if link.get("href")), None)
        if not link:
            continue
        link = normalize_url(urljoin(url, link))
        if not _allowed(link, url) or link in seen:
            continue
        seen.add(link)
        content = entry.get("content") or []
        raw = (content[0].get("value") if content else None) or entry.get("summary") or ""
        items.append(FeedItem(url=link, title=(entry.get("title") or "").strip() or None, date=_date(entry),
                              summary=_text(raw) or None))
    return ParsedFeed(parsed.feed.get("title"), items)
