"""Read queries the web needs beyond analysis/: actors in the store, claims page by page,
and text search. Pushed into SQL (both backends) and bounded by a limit, so a large store
never sends everything at once.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from ..analysis.claims import StoredClaim, load_claims
from ..network import actor_info
from ..store.schema import claims, documents, facts

MAX_LIMIT = 1000


def actors(session: Session) -> list[dict]:
    """Every actor code that takes part in a claim, with its number of claims."""
    # from the stored facts (a row per fact, not per claim): the same counts, sooner
    sides = union_all(select(facts.c.subject.label("code"), facts.c.n_claims.label("n")),
                      select(facts.c.object.label("code"), facts.c.n_claims.label("n"))).subquery()
    rows = session.execute(select(sides.c.code, func.sum(sides.c.n)).group_by(sides.c.code)).all()
    found = [{**actor_info(code), "n_claims": int(n)} for code, n in rows]
    found.sort(key=lambda a: (-a["n_claims"], a["code"]))
    return found


def claim_dict(claim: StoredClaim) -> dict:
    return {"id": claim.id, **claim.citation(), "when_start": claim.when_start,
            "when_end": claim.when_end, "dated": claim.dated}


def claim_page(session: Session, *, limit: int, offset: int = 0, **filters) -> dict:
    """Claims matching load_claims' filters, one page of them, in time order."""
    found = load_claims(session, **filters)
    limit = max(0, min(limit, MAX_LIMIT))
    return {"total": len(found), "offset": offset,
            "claims": [claim_dict(c) for c in found[offset: offset + limit]]}


def _like(term: str) -> str:
    """A LIKE pattern that matches `term` literally: its own % and _ are escaped."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def search(session: Session, q: str, limit: int = 50) -> dict:
    """Actors whose code or name contains q, and claims whose evidence, source or
    document title/outlet contains it (case-insensitive; q is a bound parameter)."""
    q = q.strip()
    if not q:
        return {"q": q, "actors": [], "claims": []}
    needle = q.casefold()
    found_actors = [a for a in actors(session)
                    if any(needle in n.casefold() for n in (a["code"], *a["names"]))]
    pattern = _like(q)
    ids = session.execute(
        select(claims.c.id).join(documents, documents.c.id == claims.c.document_id)
        .where(or_(func.lower(claims.c.evidence).like(pattern, escape="\\"),
                   func.lower(claims.c.source).like(pattern, escape="\\"),
                   func.lower(documents.c.title).like(pattern, escape="\\"),
                   func.lower(documents.c.outlet).like(pattern, escape="\\")))
        .order_by(claims.c.id).limit(max(0, min(limit, MAX_LIMIT)))).scalars().all()
    wanted = set(ids)
    found_claims = [claim_dict(c) for c in load_claims(session, ids=wanted)] if wanted else []
    return {"q": q, "actors": found_actors, "claims": found_claims}
