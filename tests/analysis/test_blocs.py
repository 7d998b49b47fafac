"""blocs: signed-modularity communities, compared with the formal blocs."""
from __future__ import annotations

import itertools

from blocwatch.analysis import blocs
from blocwatch.analysis.community import louvain_signed, make_graph, signed_modularity


def two_camps():
    east, west = ["A1", "A2", "A3", "A4"], ["B1", "B2", "B3"]
    edges = {}
    for group in (east, west):
        for a, b in itertools.combinations(group, 2):
            edges[(a, b)] = 5.0
    for a in east:
        for b in west:
            edges[(a, b)] = -4.0
    edges[("A1", "B1")] = 1.0          # one friendly contact across the line
    return east, west, make_graph(edges)


def test_two_camps_are_found():
    east, west, graph = two_camps()
    found = louvain_signed(graph)
    assert len({found[n] for n in east}) == 1 and len({found[n] for n in west}) == 1
    assert found["A1"] != found["B1"]
    assert found["A1"] == 0                        # largest community first


def test_found_partition_beats_every_other_two_way_split():
    _east, _west, graph = two_camps()
    best = signed_modularity(graph, louvain_signed(graph))
    nodes = sorted(graph)
    for mask in range(1, 2 ** (len(nodes) - 1)):
        split = {n: (mask >> i) & 1 for i, n in enumerate(nodes)}
        assert signed_modularity(graph, split) <= best + 1e-9


def test_enemies_stay_apart():
    graph = make_graph({("X", "Y"): -3.0})
    found = louvain_signed(graph)
    assert found["X"] != found["Y"]


def test_same_input_same_answer():
    _east, _west, graph = two_camps()
    assert louvain_signed(graph) == louvain_signed(dict(reversed(list(graph.items()))))


def test_corpus_blocs(session):
    result = blocs(session, at="2024-01-01")
    community_of = {a: c.index for c in result.communities for a in c.members}
    assert community_of["RUS"] == community_of["CHN"] == community_of["IRN"] == community_of["PRK"]
    assert community_of["UKR"] != community_of["RUS"]
    assert community_of["USA"] == community_of["UKR"]
    assert "CSTO" not in community_of                # organisations are what we compare with
    formal = {f.bloc: f for f in result.formal}
    assert "CSTO" in formal and 0 < formal["CSTO"].cohesion <= 1
    russia = next(c for c in result.communities if "RUS" in c.members)
    assert russia.best_bloc is not None and russia.jaccard > 0
    assert result.modularity > 0
