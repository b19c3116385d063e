"""HTTP for the watcher: conditional GETs, per-host politeness, retries with backoff, a size cap.

    fetcher = Fetcher()
    r = fetcher.get(url, policy, etag=..., last_modified=...)
    if r.not_modified: ...            # 304: nothing to do
    elif r.ok: r.body, r.etag, r.last_modified

* A body is streamed and dropped as soon as it passes `policy.max_bytes` (a Content-Length
  above the cap is refused before reading), so one huge page costs no memory.
* `policy.timeout` bounds connecting, each read and the whole body (a server trickling bytes
  cannot hold the watcher).
* Timeouts, connection errors, 429 and 5xx are retried `policy.retries` times with exponential
  backoff (a Retry-After of up to a minute is honoured); other 4xx are final.
* Two requests to the same host are at least `policy.delay` seconds apart.
* Every wait is on the `stop` event, so SIGTERM interrupts it at once.
* `file://` URLs (local feeds and the articles they link to) are read from disk under the same
  size cap, with no politeness delay and no retries; the file's modification time and size are
  its validator, so an unchanged file is a 304.
"""
from __future__ import annotations

import email.utils
import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx

from dyads.watch.config import FetchPolicy

RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
BACKOFF = 0.5           # seconds before the first retry; doubles each time
MAX_RETRY_AFTER = 60.0


class TooLarge(Exception):
    pass


@dataclass
class FetchResult:
    """The outcome of one (possibly retried) GET."""

    url: str
    status: int | None = None        # HTTP status of the last attempt; None when none answered
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None          # why it failed, one line
    attempts: int = 0
    permanent: bool = False           # retrying later will not help (4xx, too large)
    retry_after: float | None = None  # seconds the server asked us to wait (429, 503)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Fetcher:
    """One HTTP client (connection reuse) and the per-host politeness clock."""

    def __init__(self, stop: threading.Event | None = None, transport: httpx.BaseTransport | None = None) -> None:
        self.stop = stop or threading.Event()
        self._client = httpx.Client(follow_redirects=True, transport=transport)
        self._last: dict[str, float] = {}       # host -> monotonic time of its last request
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _polite(self, host: str, delay: float) -> None:
        with self._lock:
            wait = self._last.get(host, -1e9) + delay - time.monotonic()
        if wait > 0:
            self.stop.wait(wait)
        with self._lock:
            self._last[host] = time.monotonic()
            if len(self._last) > 10_000:        # hosts seen once long ago need no clock
                cutoff = time.monotonic() - 3600
                self._last = {h: t for h, t in self._last.items() if t > cutoff}

    def get(self, url: str, policy: FetchPolicy, *, etag: str | None = None,
            last_modified: str | None = None) -> FetchResult:
        """GET `url` (conditionally, when validators are given) under `policy`."""
        if url.startswith("file:"):
            return read_file(url, policy, last_modified=last_modified)
        headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = FetchResult(url=url)
        for attempt in range(policy.retries + 1):
            if attempt and self.stop.is_set():
                break                       # shutting down: no more retries
            self._polite(host_of(url), policy.delay)
            result = self._once(url, headers, policy)
            result.attempts = attempt + 1
            if result.ok or result.not_modified or result.permanent:
                return result
            if attempt < policy.retries:
                self.stop.wait(self._backoff(attempt, result))
        return result

    @staticmethod
    def _backoff(attempt: int, result: FetchResult) -> float:
        wait = BACKOFF * 2 ** attempt
        if result.retry_after is None:
            return wait
        return max(wait, min(result.retry_after, MAX_RETRY_AFTER))

    def _once(self, url: str, headers: dict[str, str], policy: FetchPolicy) -> FetchResult:
        out = FetchResult(url=url)
        deadline = time.monotonic() + policy.timeout
        try:
            with self._client.stream("GET", url, headers=headers, timeout=policy.timeout) as resp:
                out.status = resp.status_code
                out.url = str(resp.url)
                out.etag = resp.headers.get("ETag")
                out.last_modified = resp.headers.get("Last-Modified")
                out.content_type = resp.headers.get("Content-Type")
                if resp.status_code == 304:
                    return out
                if resp.status_code >= 400:
                    out.error = f"HTTP {resp.status_code}"
                    out.permanent = resp.status_code not in RETRY_STATUS
                    out.retry_after = _retry_after(resp.headers.get("Retry-After"))
                    return out
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                    raise TooLarge(f"{int(declared):,} bytes")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > policy.max_bytes:
                        raise TooLarge(f"more than {policy.max_bytes:,} bytes")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout(f"body not complete after {policy.timeout:g} s")
                    chunks.append(chunk)
                out.body = b"".join(chunks)
        except TooLarge as exc:
            out.error, out.permanent, out.body = f"too large ({exc} > cap {policy.max_bytes:,})", True, b""
        except httpx.TimeoutException as exc:
            out.error = f"timed out ({type(exc).__name__}{': ' + str(exc) if str(exc) else ''})"
        except httpx.HTTPError as exc:
            out.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return out


def read_file(url: str, policy: FetchPolicy, *, last_modified: str | None = None) -> FetchResult:
    """A `file://` URL read like a GET: 200 with the body, 304 when its validator (modification
    time and size, kept as `last_modified`) is unchanged, a permanent error when it is missing or
    larger than the cap."""
    out = FetchResult(url=url, attempts=1)
    path = url2pathname(urlsplit(url).path)
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            validator = f"file {st.st_mtime_ns} {st.st_size}"
            out.last_modified = validator
            if last_modified == validator:
                out.status = 304
                return out
            if st.st_size > policy.max_bytes:
                raise TooLarge(f"{st.st_size:,} bytes")
            body = f.read(policy.max_bytes + 1)
            if len(body) > policy.max_bytes:
                raise TooLarge(f"more than {policy.max_bytes:,} bytes")
    except TooLarge as exc:
        out.error, out.permanent = f"too large ({exc} > cap {policy.max_bytes:,})", True
        return out
    except OSError as exc:
        out.error, out.permanent = f"cannot read {path}: {exc.strerror or exc}", True
        return out
    out.status, out.body = 200, body
    return out


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
