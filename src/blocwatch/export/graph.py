"""GEXF and GraphML of the fact network (network.py), through networkx's writers.

Nodes are actors, edges facts; both carry the days the claims cover. In GEXF they are
the element's start/end (the graph is 'dynamic', so Gephi's timeline filters them); in
GraphML, which has no notion of time, they are plain attributes 'start' and 'end'.
Attributes without a value are left out (neither format has a null).
"""
from __future__ import annotations

import io

import networkx as nx
from sqlalchemy.orm import Session

from .. import network


def to_networkx(session: Session, since: str | None = None,
                until: str | None = None) -> nx.MultiDiGraph:
    net = network.build(session, since, until)
    graph = nx.MultiDiGraph(name="blocwatch facts")
    span: dict[str, list[str]] = {}
    for edge in net.edges:
        if edge.start:
            for code in (edge.source, edge.target):
                span.setdefault(code, []).extend([edge.start, edge.end])
    for node in net.nodes:
        info = network.actor_info(node.id)
        attrs = {"label": node.id, "name": info["name"], "kind": node.kind,
                 "wikidata": node.wikidata, "degree": node.degree}
        if node.id in span:
            attrs["start"], attrs["end"] = min(span[node.id]), max(span[node.id])
        graph.add_node(node.id, **_present(attrs))
    for edge in net.edges:
        attrs = {"id": edge.id, "label": f"{edge.relation}" + (" (neg)" if edge.polarity
                                                                == "neg" else ""),
                 "relation": edge.relation, "family": edge.family, "polarity": edge.polarity,
                 "directed": edge.directed, "start": edge.start, "end": edge.end,
                 "first_time": edge.first_time, "last_time": edge.last_time,
                 "n_documents": edge.n_documents, "n_outlets": edge.n_outlets,
                 "confidence": edge.confidence, "weight": edge.confidence}
        graph.add_edge(edge.source, edge.target, key=edge.id, **_present(attrs))
    return graph


def _present(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None}


def gexf_bytes(session: Session, since: str | None = None, until: str | None = None) -> bytes:
    graph = to_networkx(session, since, until)
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, version="1.2draft")
    return buffer.getvalue()


def graphml_bytes(session: Session, since: str | None = None,
                  until: str | None = None) -> bytes:
    graph = to_networkx(session, since, until)
    for _u, _v, data in graph.edges(data=True):
        data.pop("id", None)          # GraphML edges get their id from the key
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, edge_id_from_attribute=None)
    return buffer.getvalue()
