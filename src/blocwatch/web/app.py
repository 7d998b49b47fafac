"""The FastAPI app: store engine, read-only unless a token is set, body guard (size,
token before reading, time), the API routes (api.py) and the static page.

Why a token and not accounts: the server is meant for one analyst or a small team on a
trusted network; the token keeps a read-only deployment from being written to by
accident or by anyone who can reach it. Without a token every write is refused.
"""
from __future__ import annotations

import asyncio
import contextlib
import hmac
from importlib import resources

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse

from .cache import AnswerCache
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sqlalchemy import Engine

from .. import __version__
from ..store import create_store_engine
from ..store.faults import StoreError, explain

MAX_BODY_BYTES = 2 * 1024 * 1024   # a few hundred articles of text; more: use `ingest`
BODY_SECONDS = 30.0                # to receive a body of up to MAX_BODY_BYTES
STATIC = resources.files("blocwatch.web") / "static"


class BodyGuard:
    """What a request body may cost before anyone reads it.

    - A body announced over `limit` bytes is refused with 413, and one that turns out
      larger while it streams in (chunked) too: the app never starts on a body that is
      too large half-way through.
    - A body of a request that may not write (read-only server, missing or wrong token)
      is never read: the app sees an empty body and refuses the request (403 or 401), so
      a hundred unauthenticated uploads hold nothing but their sockets.
    - A body that does not arrive within `seconds` (a slow client, or one that announces
      more bytes than it sends) is a 408, not a connection held for ever.
    """

    def __init__(self, app: ASGIApp, limit: int, token: str | None = None,
                 seconds: float = BODY_SECONDS):
        self.app, self.limit, self.token, self.seconds = app, limit, token, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _refuse(413, f"request body over {self.limit} bytes", send)
            return
        has_body = (declared not in (None, b"0")) or b"transfer-encoding" in headers
        if not has_body:
            await self.app(scope, receive, send)
            return
        if not authorized(self.token, headers.get(b"authorization", b"").decode("latin-1")):
            await self.app(scope, _unread_body(), send)
            return
        try:
            body = await asyncio.wait_for(self._read(receive), self.seconds)
        except asyncio.TimeoutError:
            await _refuse(408, f"request body not received within {self.seconds:g} s", send)
            return
        if body is None:
            await _refuse(413, f"request body over {self.limit} bytes", send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None when it grows over the limit."""
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)


def _unread_body() -> Receive:
    """A receive that gives the app an empty body and then nothing (the app's wait for
    a disconnect ends with the response): the client's body is never read."""
    calls = 0

    async def receive() -> Message:
        nonlocal calls
        calls += 1
        if calls == 1:
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()      # cancelled when the response is sent
        return {"type": "http.disconnect"}

    return receive


async def _refuse(status: int, detail: str, send: Send) -> None:
    response = JSONResponse({"detail": detail}, status_code=status,
                            headers={"Connection": "close"})
    await response({"type": "http"}, None, send)   # type: ignore[arg-type]


def authorized(token: str | None, header: str) -> bool:
    """Does an Authorization header carry the bearer token (never, without one)?"""
    if not token:
        return False
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(),
                                                              token.encode())


def require_token(request: Request) -> None:
    """Write access: 403 on a read-only server, 401 without the right bearer token."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "read-only server: start it with --token to allow uploads")
    if not authorized(token, request.headers.get("authorization", "")):
        raise HTTPException(401, "missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})


def create_app(url: str | Engine | None = None, token: str | None = None,
               max_body: int = MAX_BODY_BYTES, extract=None,
               body_seconds: float = BODY_SECONDS) -> FastAPI:
    """The app over the store at `url`. `extract` replaces the extractor for uploads
    (tests bring a scripted one)."""
    from .api import router

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.engine.dispose()         # close the pooled connections we opened

    # docs_url off: Swagger UI would load its scripts from a CDN; /openapi.json stays.
    app = FastAPI(title="blocwatch", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Sourced, time-aware map of who stands with whom: actors, "
                  "facts, claims with evidence, and the analyses of the blocwatch CLI.")
    app.state.engine = url if isinstance(url, Engine) else create_store_engine(url)
    app.state.token = token or None
    app.state.extract = extract
    app.state.uploads = asyncio.Semaphore(1)     # uploads worked on at once (api.py)
    app.state.graphs = AnswerCache()
    app.include_router(router, prefix="/api")

    @app.get("/api", include_in_schema=False)
    @app.get("/api/", include_in_schema=False)
    def endpoints():
        """What the API offers: every route with its methods and summary (from the
        OpenAPI description, which /openapi.json gives in full)."""
        return {"endpoints": [
            {"path": path, "methods": sorted(m.upper() for m in operations),
             "summary": next((o.get("summary", "") for o in operations.values()), "")}
            for path, operations in app.openapi()["paths"].items()],
            "openapi": "/openapi.json"}

    @app.exception_handler(KeyError)
    async def _unknown(_request, exc: KeyError):
        return JSONResponse({"detail": exc.args[0] if exc.args else str(exc)}, 404)

    @app.exception_handler(StoreError)
    @app.exception_handler(DBAPIError)
    async def _store_fault(_request, exc: Exception):
        # the store broke under the running server (truncated, disk full, ...): say so
        # and keep serving; the page and the next request after a repair work again
        return JSONResponse({"detail": str(explain(exc, "of this server"))}, 503,
                            headers={"Retry-After": "60"})

    @app.exception_handler(ValueError)
    async def _bad(_request, exc: ValueError):
        return JSONResponse({"detail": str(exc)}, 400)

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(str(STATIC / "index.html"), media_type="text/html",
                            headers=_PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in _PAGE_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    app.add_middleware(BodyGuard, limit=max_body, token=app.state.token, seconds=body_seconds)
    return app


# The page loads only its own files; no inline script can run even if text slipped in
# as HTML somewhere.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
