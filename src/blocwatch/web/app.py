"""The FastAPI app: store engine, read-only unless a token is set, body size limit,
the API routes (api.py) and the static page.

Why a token and not accounts: the server is meant for one analyst or a small team on a
trusted network; the token keeps a read-only deployment from being written to by
accident or by anyone who can reach it. Without a token every write is refused.
"""
from __future__ import annotations

import contextlib
import hmac
from importlib import resources

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse

from .cache import AnswerCache
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sqlalchemy import Engine

from .. import __version__
from ..store import create_store_engine

MAX_BODY_BYTES = 2 * 1024 * 1024   # a few hundred articles of text; more: use `ingest`
STATIC = resources.files("blocwatch.web") / "static"


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, whether or not the client
    announces the length (a chunked upload is counted as it streams in)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit, send)
            return
        # Read the body up to the limit before the app sees it, then replay it: the
        # app never starts on a body that turns out too large half-way through.
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                await _too_large(self.limit, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(limit: int, send: Send) -> None:
    response = JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)
    await response({"type": "http"}, None, send)   # type: ignore[arg-type]


def require_token(request: Request) -> None:
    """Write access: 403 on a read-only server, 401 without the right bearer token."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "read-only server: start it with --token to allow uploads")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(),
                                                             token.encode()):
        raise HTTPException(401, "missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})


def create_app(url: str | Engine | None = None, token: str | None = None,
               max_body: int = MAX_BODY_BYTES, extract=None) -> FastAPI:
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

    app.add_middleware(BodyLimit, limit=max_body)
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
