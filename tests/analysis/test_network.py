"""The graph's edges: read from the stored facts without a time window, merged from the
window's claims with one; both give the figures a merge of the claims gives."""
from __future__ import annotations

from blocwatch import network
from blocwatch.analysis.claims import load_claims
from blocwatch.analysis.facts import summaries
from blocwatch.store.facts import FactFigures


def _figures(edge: network.Edge) -> tuple:
    return (edge.id, edge.start, edge.end, edge.first_time, edge.last_time, edge.n_documents,
            edge.n_outlets, edge.n_claims, edge.confidence, edge.share_reported)


def _expected(claims) -> set[tuple]:
    found = set()
    for summary, _members in summaries([c for c in claims if c.subject != c.object]).values():
        f = FactFigures.of_summary(summary)
        found.add((network.edge_id(f.key), f.day_first, f.day_last, f.first_label,
                   f.last_label, f.n_documents, f.n_outlets, f.n_claims, f.confidence,
                   f.share_reported))
    return found


def test_stored_edges_equal_a_merge_of_all_claims(session):
    graph = network.build(session)
    assert graph.edges and graph.total_edges == len(graph.edges)
    assert {_figures(e) for e in graph.edges} == _expected(load_claims(session))


def test_edges_of_a_window_merge_only_its_claims(session):
    graph = network.build(session, since="2022", until="2022")
    assert {_figures(e) for e in graph.edges} == _expected(
        load_claims(session, since="2022", until="2022"))
    assert {_figures(e) for e in graph.edges} != {_figures(e) for e in network.build(session).edges}


def test_limit_keeps_the_most_confident_edges(session):
    everything = network.build(session)
    strongest = network.build(session, limit=3)
    assert len(strongest.edges) == 3 and strongest.total_edges == len(everything.edges)
    cut = sorted(e.confidence for e in strongest.edges)[0]
    assert all(e.confidence <= cut for e in everything.edges
               if e.id not in {s.id for s in strongest.edges})
    assert {n.id for n in strongest.nodes} == {c for e in strongest.edges
                                                for c in (e.source, e.target)}
