"""`dyads serve`: the web app under uvicorn.

    from dyads.web.serve import serve
    serve("dyads.db", host="127.0.0.1", port=8000)     # blocks until Ctrl-C

Listens on the loopback interface unless told otherwise: the write endpoint is guarded by a
token, but the event data and the coding endpoint are open to whoever can connect.
"""
from __future__ import annotations

import sys
from typing import TextIO

from dyads.store.db import open_store
from dyads.web.app import Settings, create_app


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(db: str | None = None, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          settings: Settings | None = None, log_level: str = "info", out: TextIO | None = None) -> None:
    """Serve the dashboard and the REST API over the store at `db` until interrupted.

    The store is opened (and migrated) before listening, so a bad URL, a missing file or a
    database without the dyads tables fails at once (nothing is created). `token`
    (default: DYADS_API_TOKEN) enables POST /api/articles."""
    import uvicorn

    app = create_app(db, token=token, settings=settings)
    app.state.store = open_store(app.state.settings.db, create=False)    # serving reads: never an empty new store
    out = out or sys.stderr
    print(f"dyads: serving {url_of(host, port)} (API docs: {url_of(host, port)}docs; "
          f"writes {'enabled' if app.state.settings.token else 'disabled: set DYADS_API_TOKEN'})",
          file=out, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"dyads: listening on {host}: anyone who can reach this machine can read the store",
              file=out, flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        app.state.store.close()
