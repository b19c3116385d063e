"""The FastAPI application: one factory composes the API, the pages and the alert feeds.

Each part is a router in its own module that reads the `Settings` from `request.app.state`
through `web.deps`, so the parts stay independent and replaceable, like the stages of the
pipeline: the routers import `web.deps`, never this module, and this module imports them.

The factory also adds what every response needs: a request-body limit that answers 413 before a
huge body is read, `X-Content-Type-Options: nosniff` (a browser never guesses that JSON or CSV is
HTML), CORS only when origins are configured, and, under /api, errors as JSON with a one-line
`detail` (bad input is a 4xx, never a 500).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyads.store.db import normalize_url
from dyads.web import api, feeds, pages
from dyads.web.deps import SafeJSONResponse, Settings, init_state, settings_of, store_of

__all__ = ["BodyTooLarge", "SafeJSONResponse", "Settings", "create_app", "settings_of", "store_of"]

# Swagger UI for /docs, served by the app itself when vendored there (swagger-ui-dist's
# swagger-ui-bundle.js and swagger-ui.css); else FastAPI's default page, which loads it from a CDN
SWAGGER_DIR = Path(__file__).resolve().parent / "static" / "vendor" / "swagger-ui"


class BodyTooLarge(HTTPException):
    """Raised while a body is being received, once it passes the limit. An HTTPException, so
    FastAPI's body parsing lets it through as a 413 instead of turning it into a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {limit:,} bytes)")


class _Guard:
    """ASGI middleware: the body limit and the nosniff header, without buffering anything."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            # refused on the header alone: not a byte of the body is read
            status, reason = (413, BodyTooLarge(self.max_body).detail) if length.isdigit() \
                else (400, "invalid Content-Length header")
            await SafeJSONResponse({"detail": reason}, status)(scope, receive, self._headers(send))
            return
        received = 0
        started = False

        async def limited() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:        # chunked bodies carry no length: count them
                    raise BodyTooLarge(self.max_body)
            return message

        async def sending(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, self._headers(sending))
        except BodyTooLarge as exc:
            if started:
                raise
            await SafeJSONResponse({"detail": exc.detail}, 413)(scope, receive, self._headers(send))

    @staticmethod
    def _headers(send: Any) -> Any:
        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"x-content-type-options"]
                message = {**message, "headers": headers + [(b"x-content-type-options", b"nosniff")]}
            await send(message)
        return with_headers


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _validation_reason(exc: RequestValidationError) -> tuple[int, str]:
    """One line naming the first bad parameter; malformed JSON is a 400, the rest 422."""
    errors = exc.errors()
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        ctx = first.get("ctx") or {}
        return 400, f"malformed JSON body: {ctx.get('error') or first.get('msg')}"
    loc = [str(x) for x in first.get("loc", ())]
    where = {"query": "query parameter", "path": "path parameter", "body": "body field",
             "header": "header"}.get(loc[0] if loc else "", "input")
    name = ".".join(loc[1:]) or "(whole)"
    return 422, f"{where} {name!r}: {first.get('msg', 'invalid')}"


async def _on_validation(request: Request, exc: RequestValidationError) -> Any:
    if not _is_api(request):
        return await request_validation_exception_handler(request, exc)
    status, reason = _validation_reason(exc)
    # the input itself is left out: it may be large, and it is the client's own
    errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in exc.errors()]
    return SafeJSONResponse({"detail": reason, "errors": errors}, status)


async def _on_http(request: Request, exc: StarletteHTTPException) -> Any:
    if not _is_api(request):
        return await http_exception_handler(request, exc)
    return SafeJSONResponse({"detail": exc.detail}, exc.status_code, headers=getattr(exc, "headers", None))


async def _on_store_down(request: Request, exc: OperationalError) -> Any:
    # an unreachable server or a locked file is the store's state, not the client's fault
    first = str(exc.orig).strip().splitlines()[0] if exc.orig else "unavailable"
    return SafeJSONResponse({"detail": f"the store is unavailable: {first}"}, 503)


def create_app(db: str | None = None, *, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The dyads web app over the store at `db` (a path or SQLAlchemy URL)."""
    settings = settings or Settings()
    if db is not None:
        settings.db = normalize_url(db)
    if token is not None:
        settings.token = token or None
    local_docs = (SWAGGER_DIR / "swagger-ui-bundle.js").is_file() and (SWAGGER_DIR / "swagger-ui.css").is_file()
    app = FastAPI(title="dyads", summary="PLOVER political event data: query, plot, code.",
                  docs_url=None if local_docs else "/docs")
    init_state(app.state, settings)
    if local_docs:
        _offline_docs(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(feeds.router)
    pages.mount_static(app)

    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(OperationalError, _on_store_down)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(_Guard, max_body=settings.max_body)      # outermost: before anything reads the body
    return app


def _offline_docs(app: FastAPI) -> None:
    from fastapi.openapi.docs import get_swagger_ui_html

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="dyads API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="data:,")
