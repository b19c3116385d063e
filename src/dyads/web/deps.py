"""What the web app's parts share: the settings, the store, and the safe JSON response.

The app factory (`web.app`) composes the routers (`api`, `pages`, `feeds`); the routers take what
they need from here, so none of them imports the app and the app imports each of them plainly.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from dyads.store.db import Store, normalize_url, open_store


@dataclass
class Settings:
    """What the app serves and how. `token` guards the write endpoints; None disables them."""

    db: str = field(default_factory=lambda: normalize_url(None))
    token: str | None = field(default_factory=lambda: os.environ.get("DYADS_API_TOKEN") or None)
    max_body: int = 2_000_000          # bytes accepted in one request body
    cors_origins: tuple[str, ...] = ()  # CORS stays off unless origins are given


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as \\u escapes: the same data for any JSON parser, but no
    article text can form markup (`</script>`, `<img onerror>`) if the bytes land in an HTML page."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                        ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
            text = text.replace(ch, esc)
        return text.encode("utf-8")


def init_state(state: Any, settings: Settings) -> None:
    """Set up an app's state: its settings, and the lock that guards opening (migrating) the store."""
    state.settings = settings
    state.store_lock = threading.Lock()


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def store_of(request: Request) -> Store:
    """The app's store, opened (and migrated) once on first use and shared by all requests."""
    state = request.app.state
    if getattr(state, "store", None) is None:
        with state.store_lock:          # two first requests at once must not both migrate
            if getattr(state, "store", None) is None:
                state.store = open_store(state.settings.db)
    return state.store
