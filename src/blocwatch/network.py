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

from sqlalchemy.orm import Session

from .analysis.claims import StoredClaim, load_claims
from .analysis.facts import merge
from .model import RELATIONS, SYMMETRIC

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
          families: str | list[str] | None = None) -> Network:
    """Nodes and edges of the facts whose claims reach into [since, until]."""
    wanted = parse_families(families)
    relations = [r for f in wanted for r in FAMILIES[f]]
    groups: dict[tuple, list[StoredClaim]] = defaultdict(list)
    for claim in load_claims(session, relations=relations, since=since, until=until):
        if claim.subject != claim.object:
            groups[claim.key].append(claim)
    edges, degree = [], defaultdict(int)
    for key, claims in groups.items():
        fact = merge(claims)[0]
        dated = [c for c in claims if c.when_start]
        subject, relation, object_, polarity = key
        edges.append(Edge(
            id=edge_id(key), source=subject, target=object_, relation=relation,
            family=FAMILY_OF[relation], polarity=polarity,
            directed=relation not in SYMMETRIC,
            start=min((c.when_start for c in dated), default=None),
            end=max((c.when_end for c in dated), default=None),
            first_time=fact.first_time, last_time=fact.last_time,
            n_documents=fact.n_documents, n_outlets=fact.n_outlets, n_claims=len(claims),
            confidence=fact.confidence, share_reported=fact.share_reported))
        degree[subject] += 1
        degree[object_] += 1
    edges.sort(key=lambda e: (e.start or "9999", e.id))
    nodes = []
    for code in sorted(degree):
        info = actor_info(code)
        nodes.append(Node(id=code, label=code, kind=info["kind"], wikidata=info["wikidata"],
                          degree=degree[code], memberships=memberships(code)))
    return Network(since=since, until=until, families=wanted, nodes=nodes, edges=edges)
