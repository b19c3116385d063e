"""feeds.yaml: which feeds to watch, how politely, and where alerts go.

    defaults:              # every key optional; each feed may override it
      interval: 900        # seconds between two polls of a feed
      timeout: 20          # seconds per HTTP request (connect, each read, and the whole body)
      retries: 2           # more attempts after a timeout, connection error, 429 or 5xx
      delay: 2             # seconds between two requests to the same host (politeness)
      max_bytes: 5000000   # size cap of a feed or article body; larger bodies are dropped
      fetch: true          # fetch each item's page; false: code the item's own summary/content
    rules: [rules.yaml]    # watchlist rule files, relative to this file
    webhook: https://hooks.example.org/dyads     # default webhook of the rules
    feeds:
      - name: Caspian Ledger                     # required, unique
        url: https://ledger.example.org/rss.xml  # required: http(s), or a local file (file:// or a path)
        publisher: The Caspian Ledger            # credited as the articles' publisher (default: name)

A local feed (`file:///abs/feed.xml`, `file:feed.xml`, or a plain path; relative ones are relative to
the feeds.yaml's folder) is read from disk: offline demos, and feeds that another tool writes.

Errors are `ConfigError`s with one line naming the file, line, feed and field. `load_feeds` keeps
going: it returns the valid feeds and the messages of the skipped ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml

USER_AGENT = "dyads-watch/0.1 (+https://github.com/dyads)"


class ConfigError(ValueError):
    """A feeds or rules file that cannot be used; the message is one line naming file, line and field."""


class _LineDict(dict):
    line: int = 0


class _Loader(yaml.SafeLoader):
    """Keeps each mapping's line number, so errors can point at it."""


def _mapping(loader: _Loader, node: yaml.MappingNode):
    d = _LineDict()
    d.line = node.start_mark.line + 1
    yield d                         # PyYAML's two-step construction (allows recursive structures)
    d.update(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


def read_yaml(path: str | Path) -> Any:
    """Parse a YAML file; unreadable or malformed files raise one-line `ConfigError`s."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}{where}: malformed YAML ({problem})") from None


def line_of(obj: Any) -> str:
    return f":{obj.line}" if isinstance(obj, _LineDict) and obj.line else ""


@dataclass(frozen=True)
class FetchPolicy:
    """How a source is fetched."""

    interval: float = 900.0
    timeout: float = 20.0
    retries: int = 2
    delay: float = 2.0
    max_bytes: int = 5_000_000
    fetch: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Feed:
    """One watched feed: a name, its URL, the publisher it credits, and its fetch policy."""

    name: str
    url: str
    publisher: str
    policy: FetchPolicy = field(default_factory=FetchPolicy)


@dataclass
class WatchConfig:
    """A loaded feeds.yaml: the valid feeds, rule files, default webhook, and what was skipped."""

    feeds: list[Feed] = field(default_factory=list)
    rule_files: list[Path] = field(default_factory=list)
    webhook: str | None = None
    errors: list[str] = field(default_factory=list)


_NUMBERS = {"interval": (float, 0.01), "timeout": (float, 0.01), "delay": (float, 0.0),
            "retries": (int, 0), "max_bytes": (int, 1)}
_POLICY_KEYS = set(_NUMBERS) | {"fetch", "user_agent"}
_FEED_KEYS = {"name", "url", "publisher"} | _POLICY_KEYS
_TOP_KEYS = {"defaults", "rules", "webhook", "feeds"}


def check_url(value: Any) -> str | None:
    """The reason `value` is no usable http(s) URL, or None."""
    if not isinstance(value, str) or not value.strip():
        return "must be an http(s) URL"
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"must be an http(s) URL (got {value!r})"
    return None


def feed_url(value: Any, base: Path) -> tuple[str | None, str | None]:
    """(the URL to poll, None) for a feed's `url`, or (None, the reason it is unusable).

    http(s) URLs are kept. Local files -- `file:///abs/feed.xml`, `file:rel/feed.xml` or a plain
    path -- become absolute `file://` URLs, relative ones resolved against `base` (the folder of
    the feeds.yaml), so a config means the same from any working directory."""
    if not isinstance(value, str) or not value.strip():
        return None, "must be an http(s) URL"         # (or a local file: docs/watch.md)
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        return (None, f"must be an http(s) URL (got {value!r})") if not parts.netloc else (value, None)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None, f"a file URL names no host: file:///path or file:relative/path (got {value!r})"
        path = Path(url2pathname(parts.path))
    elif len(parts.scheme) > 1:     # another scheme (a one-letter one is a Windows drive)
        return None, (f"must be an http(s) URL (got {value!r}); a local feed is a file:// URL or a path")
    else:
        path = Path(value).expanduser()
    if not str(path):
        return None, f"names no file (got {value!r})"
    return (path if path.is_absolute() else base / path).resolve().as_uri(), None


def _policy(base: FetchPolicy, raw: dict, where: str) -> FetchPolicy:
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _NUMBERS:
            kind, low = _NUMBERS[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                    (kind is int and not float(value).is_integer()) or value < low:
                what = "an integer" if kind is int else "a number"
                raise ConfigError(f"{where}: '{key}': must be {what} >= {low} (got {value!r})")
            changes[key] = kind(value)
        elif key == "fetch":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'fetch': must be true or false (got {value!r})")
            changes[key] = value
        elif key == "user_agent":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: 'user_agent': must be a non-empty string")
            changes[key] = value.strip()
    return replace(base, **changes)


def _unknown(raw: dict, allowed: set[str], where: str) -> None:
    extra = sorted(str(k) for k in raw if k not in allowed)
    if extra:
        raise ConfigError(f"{where}: unknown field '{extra[0]}' (known: {', '.join(sorted(allowed))})")


def load_feeds(path: str | Path) -> WatchConfig:
    """Read feeds.yaml. A malformed file raises `ConfigError`; a bad feed is skipped, its one-line
    message kept in `WatchConfig.errors`."""
    path = Path(path)
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping with a 'feeds' list")
    _unknown(raw, _TOP_KEYS, f"{path}{line_of(raw)}")
    cfg = WatchConfig()
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ConfigError(f"{path}{line_of(raw)}: 'defaults': must be a mapping")
    _unknown(defaults, _POLICY_KEYS, f"{path}{line_of(defaults)}: defaults")
    base = _policy(FetchPolicy(), defaults, f"{path}{line_of(defaults)}: defaults")
    webhook = raw.get("webhook")
    if webhook is not None:
        bad = check_url(webhook)
        if bad:
            raise ConfigError(f"{path}{line_of(raw)}: 'webhook': {bad}")
        cfg.webhook = webhook.strip()
    rules = raw.get("rules") or []
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f"{path}{line_of(raw)}: 'rules': must be a file name or a list of them")
    cfg.rule_files = [(path.parent / r) for r in rules]
    feeds = raw.get("feeds")
    if not isinstance(feeds, list) or not feeds:
        raise ConfigError(f"{path}{line_of(raw)}: 'feeds': must be a non-empty list")
    names: set[str] = set()
    urls: set[str] = set()
    for i, item in enumerate(feeds, 1):
        label = item.get("name") if isinstance(item, dict) and isinstance(item.get("name"), str) else None
        where = f"{path}{line_of(item)}: feed {i}" + (f" ({label})" if label else "")
        try:
            if not isinstance(item, dict):
                raise ConfigError(f"{where}: must be a mapping with 'name' and 'url'")
            _unknown(item, _FEED_KEYS, where)
            name = item.get("name")
            if not isinstance(name, str) or not name.strip():
                raise ConfigError(f"{where}: 'name': required, a non-empty string")
            url, bad = feed_url(item.get("url"), path.parent)
            if bad or url is None:
                raise ConfigError(f"{where}: 'url': {bad}")
            publisher = item.get("publisher", name)
            if not isinstance(publisher, str) or not publisher.strip():
                raise ConfigError(f"{where}: 'publisher': must be a non-empty string")
            if name.strip() in names:
                raise ConfigError(f"{where}: 'name': duplicate feed name {name.strip()!r}")
            if url in urls:
                raise ConfigError(f"{where}: 'url': duplicate feed URL {url!r}")
            policy = _policy(base, item, where)
        except ConfigError as exc:
            cfg.errors.append(str(exc))
            continue
        names.add(name.strip())
        urls.add(url)
        cfg.feeds.append(Feed(name=name.strip(), url=url, publisher=publisher.strip(), policy=policy))
    return cfg
