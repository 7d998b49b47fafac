"""The API routes: thin wrappers around analysis/ and queries.py; JSON out.

Actor and bloc codes are upper-cased; dates are YYYY[-MM[-DD]] (a malformed one is a 400,
an unknown bloc a 404, through the handlers in app.py).
"""
from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy.orm import Session

from .. import analysis, network
from ..store import ingest, summary
from ..store.generation import generation
from . import queries
from .app import require_token
from .plain import plain
from .upload import documents_from_body

router = APIRouter()


def session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as s:
        yield s


DB = Depends(session)
Since = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
Until = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD")


# A browser draws a few thousand edges fluidly, not a hundred thousand: a large store's
# graph is cut to its most confident facts unless the caller asks for more.
GRAPH_EDGES = 3000


def _json(value) -> Response:
    """An analysis result as a JSON response. Serialised here, not by FastAPI's encoder,
    which would walk the (already plain) result once more: a third of the time of a
    who-supports answer in a large store."""
    body = json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body.encode(), media_type="application/json")


def _code(value: str | None) -> str | None:
    return value.strip().upper() if value else None


def _actor(value: str) -> str:
    """A code or a German/English name (Russland, Tokajew); unknown ones are a 404 that
    names the nearest known (a KeyError, through app.py)."""
    from ..actors.names import resolve_actor
    return resolve_actor(value)


@router.get("/summary", summary="What the store holds")
def get_summary(db: Session = DB):
    return summary(db)


@router.get("/actors", summary="Actors that take part in claims, with names and kinds; "
            "with q: actors by any name the gazetteer knows (German or English)")
def get_actors(db: Session = DB, q: str | None = Query(
        None, max_length=200, description="a name or part of one: Kasachstan, Kazakh, "
        "Tokajew, OVKS; best match first, with the name that matched")):
    if q is not None:
        return queries.find_actors(db, q)
    return queries.actors(db)


@router.get("/actors/{code}", summary="One actor: its facts and its registry memberships")
def get_actor(code: str, db: Session = DB, since: str | None = Since,
              until: str | None = Until):
    code = _code(code)
    found = analysis.facts(db, actor=code, since=since, until=until, evidence=3)
    return _json({**network.actor_info(code), "memberships": network.memberships(code),
                  "facts": found})


@router.get("/facts", summary="Claims merged across documents, with evidence")
def get_facts(db: Session = DB, actor: str | None = None, subject: str | None = None,
              object: str | None = None, relation: str | None = None,  # noqa: A002
              polarity: str | None = Query(None, pattern="^(pos|neg)$"),
              since: str | None = Since, until: str | None = Until,
              min_documents: int = 1, limit: int = Query(200, ge=0, le=queries.MAX_LIMIT),
              evidence: int = Query(3, ge=0, le=3, description="claims cited per fact; "
                                    "/api/evidence gives all of one fact")):
    found = analysis.facts(db, actor=_code(actor), subject=_code(subject), object=_code(object),
                           relation=_code(relation), polarity=polarity, since=since,
                           until=until, min_documents=min_documents, evidence=evidence)
    return _json({"total": len(found), "facts": found[:limit]})


@router.get("/evidence", summary="The evidence of one fact (an edge of the graph)")
def get_evidence(subject: str, relation: str, object: str,  # noqa: A002
                 polarity: str = Query("pos", pattern="^(pos|neg)$"), db: Session = DB):
    found = analysis.facts(db, subject=_code(subject), object=_code(object),
                           relation=_code(relation), polarity=polarity)
    if not found:
        raise KeyError(f"no fact {subject} {relation} {object} {polarity}")
    return _json(found[0])


@router.get("/claims", summary="Claims as articles state them, with evidence, paged")
def get_claims(db: Session = DB, actor: str | None = None, subject: str | None = None,
               object: str | None = None, relation: str | None = None,  # noqa: A002
               since: str | None = Since, until: str | None = Until,
               limit: int = Query(100, ge=0, le=queries.MAX_LIMIT), offset: int = Query(0, ge=0)):
    return queries.claim_page(db, limit=limit, offset=offset, actor=_code(actor),
                              subjects=_code(subject), objects=_code(object),
                              relations=_code(relation), since=since, until=until)


@router.get("/search", summary="Actors by code or name; claims by evidence, source, outlet")
def get_search(q: str = Query(..., max_length=200), limit: int = Query(50, ge=0, le=500),
               db: Session = DB):
    return queries.search(db, q, limit)


@router.get("/graph", summary="Nodes (actors) and edges (facts) typed by relation family")
def get_graph(request: Request, db: Session = DB, since: str | None = Since,
              until: str | None = Until,
              families: str | None = Query(
                  None, description="comma-separated: " + ",".join(network.FAMILIES)),
              limit: int = Query(GRAPH_EDGES, ge=1, le=100_000, description=(
                  "at most this many edges, the most confident first; total_edges says "
                  "how many there are"))):
    # Kept per store generation (web/cache.py); the ETag lets a browser revalidate
    # without a body. The generation is read in the same snapshot as the graph.
    key = (generation(db), since, until, families, limit)
    etag = '"' + hashlib.sha256(repr(key).encode()).hexdigest()[:20] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    cache = request.app.state.graphs
    body = cache.get(key)
    if body is None:
        graph = {**plain(network.build(db, since, until, families, limit=limit)),
                 "family_relations": network.FAMILIES}
        body = json.dumps(graph, ensure_ascii=False, separators=(",", ":")).encode()
        cache.put(key, body)
    return Response(body, media_type="application/json", headers=headers)


@router.get("/members/{bloc}", summary="Bloc membership: registry vs corpus")
def get_members(bloc: str, at: str | None = None, db: Session = DB):
    result = analysis.members(db, bloc, at=at)
    return _json({**plain(result), "disagreements": len(result.disagreements)})


@router.get("/obligations/{bloc}", summary="Aid requests to a bloc and each member's answer")
def get_obligations(bloc: str, db: Session = DB):
    return _json(analysis.obligations(db, bloc))


@router.get("/scenario/{actor}", summary="If an actor is attacked: who is bound to help, "
            "who helped before, who backs its adversaries")
def get_scenario(actor: str, at: str | None = Query(None, description="YYYY, YYYY-MM or "
                                                    "YYYY-MM-DD (default today)"),
                 db: Session = DB):
    return _json(analysis.scenario(db, _actor(actor), at=at))


@router.get("/who-supports/{actor}", summary="Who supplies or supports an actor, with what")
def get_who_supports(actor: str, since: str | None = Since, until: str | None = Until,
                     db: Session = DB):
    return _json(analysis.who_supports(db, _code(actor), since=since, until=until))


@router.get("/explain", summary="Timeline of everything between two actors")
def get_explain(a: str, b: str, since: str | None = Since, until: str | None = Until,
                limit: int = Query(500, ge=1, le=100_000,
                                   description="the oldest this many claims; total says all"),
                db: Session = DB):
    return _json(analysis.explain(db, _code(a), _code(b), since=since, until=until,
                                  limit=limit))


@router.get("/alignment", summary="Cooperation-conflict score per dyad over time, and drift")
def get_alignment(db: Session = DB, actors: str | None = Query(None, description="A,B,..."),
                  by: str = Query("year", pattern="^(month|year)$"),
                  since: str | None = Since, until: str | None = Until):
    codes = [_code(a) for a in actors.split(",") if a.strip()] if actors else None
    return _json(analysis.alignment(db, actors=codes, by=by, since=since, until=until))


@router.get("/blocs", summary="De-facto blocs (signed communities) vs formal ones")
def get_blocs(db: Session = DB, at: str | None = None, since: str | None = Since,
              until: str | None = Until):
    return _json(analysis.blocs(db, at=at, since=since, until=until))


@router.get("/contradictions", summary="Facts stated both ways at overlapping times")
def get_contradictions(db: Session = DB, actor: str | None = None,
                       relation: str | None = None):
    return _json(analysis.contradictions(db, actor=_code(actor), relation=_code(relation)))


@router.get("/documents/{document_id}", summary="One stored article: text, metadata and "
            "the claims read from it (with evidence offsets into the text)")
def get_document(document_id: int, db: Session = DB):
    return _json(queries.document(db, document_id))


@router.get("/registry", summary="Every bloc's members on one day (status, since, source)")
def get_registry(at: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD; "
                                        "default today")):
    return queries.registry_at(at)


@router.post("/documents", status_code=201, dependencies=[Depends(require_token)],
             summary="Upload articles for ingestion (needs the bearer token)")
async def post_documents(request: Request):
    raw = await request.body()
    state = request.app.state
    # Reading and extracting run in a worker thread, never on the event loop, so other
    # requests are answered meanwhile; one upload at a time is worked on (the body limit
    # and linear reading bound how long), the next waits up to UPLOAD_WAIT_SECONDS.
    try:
        await asyncio.wait_for(state.uploads.acquire(), UPLOAD_WAIT_SECONDS)
    except asyncio.TimeoutError:
        raise HTTPException(503, "busy with another upload: try again shortly",
                            headers={"Retry-After": "10"}) from None
    try:
        report = await run_in_threadpool(_ingest_body, raw, state)
    finally:
        state.uploads.release()
    answer = report.to_dict()
    answer.pop("url", None)         # where the store lives is the server's business
    return answer


UPLOAD_WAIT_SECONDS = 60


def _ingest_body(raw: bytes, state):
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"body is not JSON: {exc}") from exc
    except RecursionError:
        raise ValueError("body is not JSON that can be read: nested too deeply") from None
    docs = documents_from_body(body)
    return ingest([], state.engine, False, extract=state.extract,
                  extractor_version=getattr(state.extract, "version", None),
                  read=lambda _paths: docs)
