"""Community detection on a signed, weighted, undirected graph.

Signed modularity (Gómez, Jensen & Arenas 2009) rewards positive weight inside
communities and negative weight between them:

    Q = 1/(2w+ + 2w-) * sum_ij [ w_ij - ( s+_i s+_j / 2w+  -  s-_i s-_j / 2w- ) ] d(c_i, c_j)

where w_ij is the signed edge weight, s+_i / s-_i the node's total positive / negative
weight, and w+ / w- the graph's total positive / negative weight. It is optimised with the
Louvain method (Blondel et al. 2008): move single nodes to the neighbouring community
(or to a community of their own) that raises Q most until none does, merge each community
into one node, repeat. Nodes are visited in sorted order so results are reproducible.
Small and dependency-free: the graphs here have tens to a few hundred actors.
"""
from __future__ import annotations

import itertools
from collections import defaultdict

Graph = dict[str, dict[str, float]]   # node -> neighbour -> signed weight (symmetric)

_EPS = 1e-12


def make_graph(edges: dict[tuple[str, str], float]) -> Graph:
    """Symmetric adjacency from (a, b) -> weight; zero weights and self loops dropped."""
    graph: Graph = defaultdict(dict)
    for (a, b), weight in edges.items():
        if a == b or abs(weight) < _EPS:
            continue
        graph[a][b] = graph[a].get(b, 0.0) + weight
        graph[b][a] = graph[b].get(a, 0.0) + weight
    return dict(graph)


def _strengths(graph: Graph) -> tuple[dict[str, float], dict[str, float]]:
    pos = {n: sum(w for w in nb.values() if w > 0) for n, nb in graph.items()}
    neg = {n: sum(-w for w in nb.values() if w < 0) for n, nb in graph.items()}
    return pos, neg


def signed_modularity(graph: Graph, communities: dict[str, int]) -> float:
    """Q of a partition (see module doc); 0 for an empty graph."""
    pos, neg = _strengths(graph)
    two_pos, two_neg = sum(pos.values()), sum(neg.values())
    if two_pos + two_neg == 0:
        return 0.0
    inside: dict[int, float] = defaultdict(float)
    tot_pos: dict[int, float] = defaultdict(float)
    tot_neg: dict[int, float] = defaultdict(float)
    for node, neighbours in graph.items():
        c = communities[node]
        tot_pos[c] += pos[node]
        tot_neg[c] += neg[node]
        for other, weight in neighbours.items():
            if communities[other] == c:
                inside[c] += weight            # each edge twice: sum over ordered pairs
    q = 0.0
    for c in set(communities[n] for n in graph):
        expected = (tot_pos[c] ** 2 / two_pos if two_pos else 0.0) \
            - (tot_neg[c] ** 2 / two_neg if two_neg else 0.0)
        q += inside[c] - expected
    return q / (two_pos + two_neg)


def _one_level(adjacency: Graph, s_pos: dict[str, float], s_neg: dict[str, float],
               two_pos: float, two_neg: float) -> dict[str, str]:
    """Local moving: each node to the community that raises Q most. Returns node -> community."""
    community = {n: n for n in adjacency}
    tot_pos = dict(s_pos)
    tot_neg = dict(s_neg)
    members = {n: 1 for n in adjacency}
    fresh = itertools.count(1)
    for _ in range(100):                  # bounded: Q rises with every move, so this ends
        moved = False
        for node in sorted(adjacency):
            old = community[node]
            tot_pos[old] -= s_pos[node]
            tot_neg[old] -= s_neg[node]
            members[old] -= 1
            links: dict[str, float] = defaultdict(float)
            for other, weight in adjacency[node].items():
                if other != node:
                    links[community[other]] += weight

            def gain(c: str, node: str = node, links: dict = links) -> float:
                """Rise of Q (times a constant) when `node` joins community `c`."""
                expected = (s_pos[node] * tot_pos.get(c, 0.0) / two_pos if two_pos else 0.0) \
                    - (s_neg[node] * tot_neg.get(c, 0.0) / two_neg if two_neg else 0.0)
                return links.get(c, 0.0) - expected

            best, best_gain = old, gain(old)
            for c in sorted(links):
                g = gain(c)
                if g > best_gain + _EPS:
                    best, best_gain = c, g
            if best_gain < -_EPS:
                # worse off with anyone than alone (gain 0): open a community of its own
                best = node if members.get(node, 0) == 0 else f"{node}~{next(fresh)}"
            community[node] = best
            tot_pos[best] = tot_pos.get(best, 0.0) + s_pos[node]
            tot_neg[best] = tot_neg.get(best, 0.0) + s_neg[node]
            members[best] = members.get(best, 0) + 1
            moved |= best != old
        if not moved:
            break
    return community


def louvain_signed(graph: Graph) -> dict[str, int]:
    """Node -> community number (0 = largest community), by signed-modularity Louvain."""
    s_pos, s_neg = _strengths(graph)
    two_pos, two_neg = sum(s_pos.values()), sum(s_neg.values())
    assignment = {n: n for n in graph}            # original node -> current super node
    adjacency = {n: dict(nb) for n, nb in graph.items()}
    level_pos, level_neg = dict(s_pos), dict(s_neg)
    while adjacency:
        moved = _one_level(adjacency, level_pos, level_neg, two_pos, two_neg)
        if len(set(moved.values())) == len(adjacency):
            break                                  # nothing merged: done
        assignment = {n: moved[s] for n, s in assignment.items()}
        merged: Graph = defaultdict(lambda: defaultdict(float))
        for node, neighbours in adjacency.items():
            for other, weight in neighbours.items():
                a, b = moved[node], moved[other]
                if a != b:
                    merged[a][b] += weight
        next_pos: dict[str, float] = defaultdict(float)
        next_neg: dict[str, float] = defaultdict(float)
        for node in adjacency:
            next_pos[moved[node]] += level_pos[node]
            next_neg[moved[node]] += level_neg[node]
        adjacency = {c: dict(merged.get(c, {})) for c in set(moved.values())}
        level_pos, level_neg = dict(next_pos), dict(next_neg)
    groups: dict[str, list[str]] = defaultdict(list)
    for node, super_node in assignment.items():
        groups[super_node].append(node)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), sorted(g)))
    return {node: index for index, group in enumerate(ordered) for node in group}
