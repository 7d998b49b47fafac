"""Read queries the web needs beyond analysis/: actors in the store, claims page by page,
text search, actors by any of their names, one stored article with its claims, and the
bloc registry on one day (for the map). Pushed into SQL (both backends) and bounded by a limit, so a large store
never sends everything at once.
"""
from __future__ import annotations

import functools

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


def warm() -> None:
    """Load the gazetteer, the registry and the name index now (about a second on a busy
    machine) rather than in the first request of the page."""
    actor_info("RUS")
    _name_index()


# --- finding actors by any name the gazetteer knows (the page's search box) ---------------

# How good a match is, best first; then names before persons, adjectives and the like.
_MATCH_RANK = {"exact": 0, "prefix": 1, "word": 2, "inside": 3}
_FORM_RANK = {"name": 0, "group": 0, "person": 1, "capital": 2, "seat": 2, "adjective": 3,
              "demonym": 3}


def _fold(text: str) -> str:
    """Case- and accent-blind form: 'Tokajew' and 'TOKAJEW', 'Türkei' and 'Turkei' meet."""
    import unicodedata
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


@functools.lru_cache(maxsize=1)
def _name_index() -> tuple[tuple[str, str, str, str], ...]:
    """(folded form, form, code, kind) for every form in the gazetteer and every bloc
    name in the registry, each once."""
    from ..actors.gazetteer import load
    from ..registry import load_registry
    seen: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for entries in load().forms.values():
        for e in entries:
            seen.setdefault((_fold(e.form), e.code), (_fold(e.form), e.form, e.code, e.kind))
    for bloc in load_registry().blocs.values():
        for name in (bloc.code, bloc.name, *bloc.names):
            seen.setdefault((_fold(name), bloc.code), (_fold(name), name, bloc.code, "group"))
    return tuple(seen.values())


def _how(needle: str, folded: str) -> str | None:
    if folded == needle:
        return "exact"
    if folded.startswith(needle):
        return "prefix"
    if needle in folded:
        return "word" if (" " + needle) in folded or ("-" + needle) in folded else "inside"
    return None


def find_actors(session: Session, q: str, limit: int = 20) -> list[dict]:
    """Actors any of whose names (German, English, other scripts, adjectives, capitals,
    their leaders' names) contains `q`, best match first, each once with the name that
    matched and its number of claims in the store (0: known, but not in the store)."""
    needle = _fold(q.strip())
    if not needle:
        return []
    best: dict[str, tuple] = {}
    for folded, form, code, kind in _name_index():
        how = _how(needle, folded)
        if how is None:
            continue
        rank = (_MATCH_RANK[how], _FORM_RANK.get(kind, 4), len(form))
        if code not in best or rank < best[code][0]:
            best[code] = (rank, form, kind)
    if not best:
        return []
    counts = {a["code"]: a["n_claims"] for a in actors(session)}
    order = sorted(best, key=lambda c: (best[c][0][:2], -counts.get(c, 0), best[c][0][2], c))
    return [{**actor_info(code), "n_claims": counts.get(code, 0), "matched": best[code][1],
             "matched_as": best[code][2]} for code in order[:limit]]


# --- one stored article, for reading the evidence in its place ----------------------------

def document(session: Session, document_id: int) -> dict:
    """The stored article: its metadata, its text and every claim read from it (with the
    evidence offsets into the text). KeyError when there is none."""
    row = session.execute(select(
        documents.c.id, documents.c.doc_id, documents.c.url, documents.c.outlet,
        documents.c.title, documents.c.date, documents.c.language, documents.c.text)
        .where(documents.c.id == document_id)).mappings().first()
    if row is None:
        raise KeyError(f"no document with id {document_id}")
    ids = set(session.execute(select(claims.c.id).where(claims.c.document_id == document_id))
              .scalars())
    found = sorted(load_claims(session, ids=ids), key=lambda c: (c.char_start, c.id)) if ids \
        else []
    return {**dict(row), "claims": [claim_dict(c) for c in found]}


# --- the registry on one day, for the map ---------------------------------------------------

def registry_at(at: str | None) -> dict:
    """Every bloc with each actor's status on day `at` (default today), since when, and
    the registry's source for it."""
    from ..registry import load_registry
    from ..store.periods import period, today
    covered = period(at) if at else (today(), today())
    if covered is None:
        raise ValueError(f"unreadable date {at!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    day = covered[0]
    blocs = {}
    for bloc in load_registry().blocs.values():
        statuses = {}
        for actor in bloc.members:
            status = bloc.status(actor, day)
            if status is None:
                continue
            spell = bloc.spell(actor, day)
            statuses[actor] = {"status": status,
                               "since": str(spell.start) if spell and spell.start else None,
                               "source": spell.source if spell else ""}
        blocs[bloc.code] = {"name": bloc.name, "kind": bloc.kind,
                            "existed": bloc.existed(day), "statuses": statuses}
    return {"at": day, "blocs": blocs}
