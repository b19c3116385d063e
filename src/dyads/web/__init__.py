"""The web dashboard and REST API over the event store (`dyads serve`).

    from dyads.web import create_app
    app = create_app("dyads.db")          # any ASGI server can run it; `dyads serve` uses uvicorn

Modules: `app` (the factory), `deps` (what the parts share: settings, the store, the safe JSON
response), `api` (JSON endpoints under /api), `pages` (the server-rendered pages and their static
files), `feeds` (Atom feeds of watchlist alerts). The app imports the parts; the parts import
`deps`, never the app.
"""
from __future__ import annotations

from dyads.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
