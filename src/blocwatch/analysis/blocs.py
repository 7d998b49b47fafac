"""blocs: de-facto blocs found in the corpus, compared with the formal ones.

The signed graph has one node per actor (organisations left out: they are what we compare
with) and one edge per pair, weighing every fact between them by its relation's
Goldstein-like weight (weights.py) times its confidence (facts.py). Signed-modularity
Louvain (community.py) cuts it into communities: actors that cooperate with each other
and quarrel with the rest.

Each community is then matched to the formal bloc (registry, membership on `at`) whose
members it overlaps most (Jaccard over the actors present in the graph), and each formal
bloc is shown with how its members fall across the communities (cohesion: the share in
its largest community).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..registry import Registry, load_registry
from ..store.periods import at_day
from .claims import load_claims
from .community import louvain_signed, make_graph, signed_modularity
from .facts import merge
from .weights import relation_weight

# Organisations that are actors in the contract but not in the registry: left out of the graph.
OTHER_ORGANISATIONS = frozenset({"UN", "OSCE", "ASEAN", "AU", "G20"})
FORMAL_KINDS = ("alliance", "organisation", "economic_union", "forum", "treaty")


@dataclass
class Community:
    index: int
    members: list[str]
    best_bloc: str | None          # formal bloc with the largest Jaccard overlap
    jaccard: float
    outside_bloc: list[str] = field(default_factory=list)   # members not in best_bloc
    # members of best_bloc that fell into other communities
    bloc_elsewhere: list[str] = field(default_factory=list)


@dataclass
class FormalBloc:
    bloc: str
    members_in_graph: list[str]
    communities: dict[int, list[str]]
    cohesion: float


@dataclass
class BlocsResult:
    at: str
    modularity: float
    n_actors: int
    n_edges: int
    communities: list[Community]
    formal: list[FormalBloc]
    edges: list[tuple[str, str, float]]


def signed_edges(session: Session, since: str | None = None, until: str | None = None,
                 leave_out: frozenset[str] = frozenset()) -> dict[tuple[str, str], float]:
    """(a, b) with a < b -> sum over facts of weight x confidence."""
    edges: dict[tuple[str, str], float] = defaultdict(float)
    for fact in merge(load_claims(session, since=since, until=until)):
        if fact.subject in leave_out or fact.object in leave_out or fact.subject == fact.object:
            continue
        a, b = sorted((fact.subject, fact.object))
        edges[(a, b)] += relation_weight(fact.relation, fact.polarity) * fact.confidence
    return {k: round(v, 4) for k, v in edges.items() if abs(v) > 1e-9}


def blocs(session: Session, at: str | None = None, since: str | None = None,
          until: str | None = None, registry: Registry | None = None) -> BlocsResult:
    """De-facto blocs in the signed graph of facts, compared with the registry on `at`."""
    registry = registry or load_registry()
    at = at_day(at)                   # a month means its last day (periods.at_day)
    leave_out = registry.codes() | OTHER_ORGANISATIONS
    edges = signed_edges(session, since, until, leave_out)
    graph = make_graph(edges)
    assignment = louvain_signed(graph)
    q = signed_modularity(graph, assignment)
    groups: dict[int, list[str]] = defaultdict(list)
    for actor, index in assignment.items():
        groups[index].append(actor)
    present = set(graph)

    formal = []
    for bloc in registry.blocs.values():
        if bloc.kind not in FORMAL_KINDS or not bloc.existed(at):
            continue
        inside = sorted(set(bloc.members_at(at)) & present)
        if len(inside) < 2:
            continue
        split: dict[int, list[str]] = defaultdict(list)
        for actor in inside:
            split[assignment[actor]].append(actor)
        formal.append(FormalBloc(bloc.code, inside, dict(sorted(split.items())),
                                 round(max(len(v) for v in split.values()) / len(inside), 3)))
    formal.sort(key=lambda f: (-len(f.members_in_graph), f.bloc))

    communities = []
    for index in sorted(groups):
        members = sorted(groups[index])
        best, best_j = None, 0.0
        for f in formal:
            overlap = len(set(members) & set(f.members_in_graph))
            j = overlap / len(set(members) | set(f.members_in_graph))
            if j > best_j + 1e-12:
                best, best_j = f, j
        communities.append(Community(
            index=index, members=members, best_bloc=best.bloc if best else None,
            jaccard=round(best_j, 3),
            outside_bloc=sorted(set(members) - set(best.members_in_graph)) if best else [],
            bloc_elsewhere=sorted(set(best.members_in_graph) - set(members)) if best else []))
    edge_list = sorted(((a, b, w) for (a, b), w in edges.items()), key=lambda e: -abs(e[2]))
    return BlocsResult(at=at, modularity=round(q, 4), n_actors=len(graph), n_edges=len(edges),
                       communities=communities, formal=formal, edges=edge_list)
