"""A small event store and a live dashboard server for the web page tests.

The store holds the founding article (Istanbul, 2023-02-25) and a few articles written for these
tests: more TUR–AZE events in other months (so the dyad has a timeline), conflict elsewhere (so
the network has both colours) and an article whose text tries to inject HTML and script.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

from conftest import SHARED

EXAMPLE = SHARED / "examples" / "istanbul-2023-02-25"
XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = "</script><img src=x onerror=\"window.__xss = 2\">"

ARTICLES = [
    {"id": "web-ankara-2023-03", "date": "2023-03-15", "title": "Turkish and Azerbaijani ministers meet in Ankara",
     "url": "https://example.org/ankara-talks", "publisher": "Example Wire",
     "text": "Turkish Foreign Minister Mevlut Cavusoglu met Azerbaijani Foreign Minister Jeyhun Bayramov "
             "in Ankara on Tuesday to discuss earthquake reconstruction.\n\n"
             "Azerbaijan sent 200 more rescue workers and tents to Turkey, the ministry said."},
    {"id": "web-baku-2023-05", "date": "2023-05-20", "title": "Erdogan visits Baku",
     "url": "https://example.org/baku-visit", "publisher": "Example Wire",
     "text": "Turkish President Recep Tayyip Erdogan met Azerbaijani President Ilham Aliyev in Baku on Friday. "
             "The two leaders signed an agreement on energy cooperation."},
    {"id": "web-kharkiv-2023-04", "date": "2023-04-10", "title": "Shelling in Kharkiv",
     "url": "javascript:alert(document.domain)", "publisher": "Example Wire",
     "text": f"Russian forces shelled the Ukrainian city of Kharkiv on Sunday, killing three civilians {XSS_SCRIPT}.\n\n"
             f"Ukraine accused Russia of war crimes {XSS_IMG} after the attack {XSS_SCRIPT}."},
]


def founding_article() -> dict:
    meta = json.loads((EXAMPLE / "meta.json").read_text())
    return {"id": meta["id"], "date": meta["date"], "title": meta["title"], "publisher": "Anadolu Agency (test)",
            "url": "https://example.org/istanbul-2023-02-25", "text": (EXAMPLE / "article.txt").read_text()}


def build_store(folder: Path) -> str:
    """An SQLite store in `folder` with the test articles, ingested as `dyads ingest` would."""
    from dyads.store import ingest

    src = folder / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in [founding_article(), *ARTICLES]) + "\n")
    db = str(folder / "web.db")
    report = ingest([str(src)], db)
    assert report.failed == 0 and report.stored == 1 + len(ARTICLES), report.summary()
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The dashboard served by uvicorn in a thread on a free loopback port."""

    def __init__(self, db: str) -> None:
        import uvicorn

        from dyads.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
