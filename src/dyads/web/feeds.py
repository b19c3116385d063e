"""Atom feeds of watchlist alerts: `/feeds/{rule}.atom`, one entry per alerted event cluster.

The alerts are written by `dyads watch` (dyads.watch.alerts); a rule the store has never seen
is a 404, a known rule without alerts an empty feed.
"""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from dyads.web.deps import store_of

router = APIRouter()

ATOM = "application/atom+xml; charset=utf-8"


@router.get("/feeds/{rule}.atom", response_class=Response, responses={200: {"content": {ATOM: {}}}})
def rule_feed(rule: str, request: Request, limit: int = 50) -> Response:
    """The newest alerts (at most `limit`, up to 500) of a watchlist rule as an Atom feed."""
    from dyads.watch.alerts import atom_feed

    body = atom_feed(store_of(request), rule, self_url=str(request.url), limit=max(1, min(limit, 500)))
    if body is None:
        raise HTTPException(status_code=404, detail=f"no watchlist rule {rule!r} in this store")
    return Response(content=body, media_type=ATOM)
