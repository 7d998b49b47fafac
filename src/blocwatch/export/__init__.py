"""Exports of the store for the tools analysts already use.

    gexf      the fact network with time intervals (Gephi's timeline)    graph.py
    graphml   the same network, times as start/end attributes            graph.py
    csv       facts.csv and claims.csv                                   tables.py
    jsonld    actors, facts and claims as JSON-LD with stable IRIs       jsonld.py
    events    one row per claim in the spirit of PLOVER                  tables.py

`write(session, format, out)` writes one (csv: two) files, or to stdout when out is None.
"""
from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy.orm import Session

FORMATS = {
    "gexf": "GEXF 1.2 network, dynamic: edges and nodes carry start/end dates",
    "graphml": "GraphML network, start/end dates as attributes",
    "csv": "facts and claims as CSV",
    "jsonld": "JSON-LD: actors (Wikidata where known), facts, claims",
    "events": "PLOVER-style event table as CSV",
}


def write(session: Session, fmt: str, out: str | None, since: str | None = None,
          until: str | None = None) -> list[str]:
    """Export in `fmt` to `out` (a file; for csv a directory); returns what was written."""
    from . import graph, jsonld, tables
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "csv":
        directory = Path(out or ".")
        directory.mkdir(parents=True, exist_ok=True)
        return tables.write_csv(session, directory, since=since, until=until)
    writer = {"gexf": graph.gexf_bytes, "graphml": graph.graphml_bytes,
              "jsonld": jsonld.jsonld_bytes, "events": tables.events_bytes}[fmt]
    data = writer(session, since=since, until=until)
    if out is None or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return ["<stdout>"]
    Path(out).write_bytes(data)
    return [out]
