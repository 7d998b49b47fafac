"""The fact network shared by the web page, the exports and the report.

Nodes are actors (states, blocs, other collective actors); edges are facts (claims merged
across articles, analysis/facts.py), each typed by its relation's family so a viewer can
colour and filter them. Each edge carries the days its claims cover (first and last, ISO),
so time-aware readers (Gephi, the page's time slider) can place it. Presentation only: the
merging and the confidence come from analysis/.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .analysis.claims import load_claims
from .analysis.facts import summaries
from .model import RELATIONS, SYMMETRIC
from .store.facts import FIGURE_COLUMNS, FactFigures
from .store.schema import facts

# Relation families, as the issue names them; every relation of the contract is in one.
FAMILIES: dict[str, tuple[str, ...]] = {
    "cooperation": ("ALIGN", "MEET", "COOPERATE_MILITARY", "COOPERATE_ECONOMIC",
                    "RECOGNIZE", "DEPEND_ON"),
    "support": ("SUPPORT", "SUPPLY", "DEPLOY_FORCES", "GUARANTEE", "REQUEST_AID"),
    "conflict": ("CRITICIZE", "THREATEN", "CONFLICT", "SANCTION", "DISTANCE"),
    "membership": ("MEMBER_OF", "LEFT", "OBSERVER_OF"),
}
FAMILY_OF = {relation: family for family, members in FAMILIES.items() for relation in members}
assert set(FAMILY_OF) == set(RELATIONS), "every relation needs a family"


@dataclass
class Node:
    id: str
    label: str
    kind: str                    # state | bloc | group | ...
    wikidata: str | None
    degree: int = 0
    memberships: list[dict] = field(default_factory=list)   # registry spells


@dataclass
class Edge:
    id: str                      # subject|relation|object|polarity: the fact's key
    source: str
    target: str
    relation: str
    family: str
    polarity: str
    directed: bool
    start: str | None            # first day the claims cover (ISO), None if undated
    end: str | None              # last day
    first_time: str | None       # as the articles put it
    last_time: str | None
    n_documents: int
    n_outlets: int
    n_claims: int
    confidence: float
    share_reported: float


@dataclass
class Network:
    since: str | None
    until: str | None
    families: list[str]
    nodes: list[Node]
    edges: list[Edge]
    total_edges: int = 0         # before `limit`: edges kept are the most confident


@functools.lru_cache(maxsize=1)
def _gazetteer_codes() -> dict[str, dict]:
    try:
        from .actors.gazetteer import load
        return load().codes
    except Exception:  # noqa: BLE001 - names are decoration; the network works without
        return {}


@functools.lru_cache(maxsize=1)
def _registry():
    from .registry import load_registry
    return load_registry()


def actor_info(code: str) -> dict:
    """Name, kind and Wikidata id of an actor code, as far as the gazetteer knows it."""
    data = _gazetteer_codes().get(code) or {}
    names = data.get("en") or []
    registry = _registry()
    kind = data.get("kind") or ("bloc" if code in registry.blocs else "actor")
    if code in registry.blocs:
        kind = "bloc"
    # the data lists the formal name first or second ("Russian Federation", "Russia"):
    # the shorter of the two is the one people use
    name = min(names[:2], key=len) if names else code
    if code in registry.blocs:
        name = registry.blocs[code].name
    return {"code": code, "name": name, "kind": kind, "wikidata": data.get("wikidata"),
            "names": sorted({*names, *(data.get("de") or [])})}


def memberships(code: str) -> list[dict]:
    """The actor's spells in the registry's blocs (status, from, to, source)."""
    found = []
    for bloc in _registry().blocs.values():
        for spell in bloc.members.get(code, []):
            found.append({"bloc": bloc.code, "status": spell.status,
                          "start": str(spell.start) if spell.start else None,
                          "end": str(spell.end) if spell.end else None,
                          "source": spell.source})
    return found


def parse_families(value: str | list[str] | None) -> list[str]:
    """Family names from 'a,b' or a list; all when none; ValueError for unknown ones."""
    if not value:
        return list(FAMILIES)
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown relation families {unknown}; known: {', '.join(FAMILIES)}")
    return names or list(FAMILIES)


def edge_id(key: tuple[str, str, str, str]) -> str:
    return "|".join(key)


def build(session: Session, since: str | None = None, until: str | None = None,
          families: str | list[str] | None = None, limit: int | None = None) -> Network:
    """Nodes and edges of the facts whose claims reach into [since, until].

    Without a time window the edges are the facts stored in the store (store/facts.py):
    a read of one table however many claims there are. With one, the claims of the window
    are merged here. `limit` keeps the most confident edges (then the best documented).
    """
    wanted = parse_families(families)
    relations = [r for f in wanted for r in FAMILIES[f]]
    if since is None and until is None:
        figures, total = _stored_figures(session, relations, limit)
    else:
        claims = [c for c in load_claims(session, relations=relations, since=since, until=until)
                  if c.subject != c.object]
        figures = [FactFigures.of_summary(s) for s, _members in summaries(claims).values()]
        total = len(figures)
        if limit is not None:
            figures = sorted(figures, key=_strongest_first)[:limit]
    edges, degree = [], defaultdict(int)
    for f in figures:
        subject, relation, object_, polarity = f.key
        edges.append(Edge(
            id=edge_id(f.key), source=subject, target=object_, relation=relation,
            family=FAMILY_OF[relation], polarity=polarity,
            directed=relation not in SYMMETRIC, start=f.day_first, end=f.day_last,
            first_time=f.first_label, last_time=f.last_label,
            n_documents=f.n_documents, n_outlets=f.n_outlets, n_claims=f.n_claims,
            confidence=f.confidence, share_reported=f.share_reported))
        degree[subject] += 1
        degree[object_] += 1
    edges.sort(key=lambda e: (e.start or "9999", e.id))
    nodes = []
    for code in sorted(degree):
        info = actor_info(code)
        nodes.append(Node(id=code, label=code, kind=info["kind"], wikidata=info["wikidata"],
                          degree=degree[code], memberships=memberships(code)))
    return Network(since=since, until=until, families=wanted, nodes=nodes, edges=edges,
                   total_edges=total)


def _strongest_first(f: FactFigures) -> tuple:
    # as the stored path orders; ties (which have no stored id here) by key
    return (-f.confidence, -f.n_documents, f.key)


def _stored_figures(session: Session, relations: list[str],
                    limit: int | None) -> tuple[list[FactFigures], int]:
    where = [facts.c.subject != facts.c.object]
    if set(relations) != set(RELATIONS):      # every family: no filter for the database
        where.append(facts.c.relation.in_(relations))
    total = session.execute(select(func.count()).select_from(facts).where(*where)).scalar()
    query = select(*FIGURE_COLUMNS).where(*where).order_by(
        facts.c.confidence.desc(), facts.c.n_documents.desc(), facts.c.id.desc()).limit(limit)
    return [FactFigures.of_row(r) for r in session.execute(query)], total
