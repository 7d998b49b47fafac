"""Every export of the invented store (tests/web/fixture.py), read back by a real reader:
networkx and lxml for GEXF and GraphML, csv for the tables, json for JSON-LD."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from lxml import etree
from sqlalchemy.orm import Session

from blocwatch.export import write
from blocwatch.store import create_store_engine

# tests/ is on sys.path (its folders are packages, it is not): the shared web fixture
from web.fixture import HOSTILE_SENTENCE, build


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("export") / "store.sqlite")
    build(url).dispose()
    engine = create_store_engine(url)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_gexf_opens_with_time_intervals(session, tmp_path):
    path = tmp_path / "facts.gexf"
    write(session, "gexf", str(path))
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 10
    supply = [d for _u, _v, d in graph.edges(data=True) if d["id"] == "IRN|SUPPLY|RUS|pos"][0]
    assert (supply["start"], supply["end"]) == ("2023-08-01", "2023-08-31")
    assert supply["family"] == "support" and supply["relation"] == "SUPPLY"
    assert graph.nodes["RUS"]["wikidata"] == "Q159"
    root = etree.parse(str(path)).getroot()
    gexf_graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert gexf_graph.get("mode") == "dynamic" and gexf_graph.get("timeformat") == "date"


def test_graphml_opens_with_time_attributes(session, tmp_path):
    path = tmp_path / "facts.graphml"
    write(session, "graphml", str(path))
    graph = nx.read_graphml(path)
    edges = {(u, v, d["relation"], d["polarity"]): d for u, v, d in graph.edges(data=True)}
    chn = edges[("CHN", "RUS", "SUPPLY", "neg")]
    assert (chn["start"], chn["end"]) == ("2023-01-01", "2023-12-31")
    keys = {k.get("attr.name") for k in etree.parse(str(path)).getroot().iter(
        "{http://graphml.graphdrawing.org/xmlns}key")}
    assert {"start", "end", "family", "confidence"} <= keys


def test_csv_of_facts_and_claims(session, tmp_path):
    written = write(session, "csv", str(tmp_path / "out"))
    assert [p.rsplit("/", 1)[-1] for p in written] == ["facts.csv", "claims.csv"]
    with open(written[0], encoding="utf-8") as f:
        facts = list(csv.DictReader(f))
    with open(written[1], encoding="utf-8") as f:
        claims = list(csv.DictReader(f))
    assert len(facts) == 10 and len(claims) == 10
    assert {r["evidence"] for r in claims} >= {HOSTILE_SENTENCE}   # quoted, intact
    assert {r["family"] for r in facts} == {"cooperation", "support", "conflict", "membership"}


def test_jsonld_has_stable_iris_and_wikidata(session, tmp_path):
    first, second = tmp_path / "a.jsonld", tmp_path / "b.jsonld"
    write(session, "jsonld", str(first))
    write(session, "jsonld", str(second))
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    by_id = {n["@id"]: n for n in doc["@graph"]}
    assert by_id["urn:blocwatch:actor:RUS"]["sameAs"] == "http://www.wikidata.org/entity/Q159"
    fact = by_id["urn:blocwatch:fact:IRN/SUPPLY/RUS/pos"]
    assert fact["subject"] == "urn:blocwatch:actor:IRN"
    claims = [n for n in doc["@graph"] if n["@type"] == "bw:Claim"]
    assert all(c["fact"] in by_id for c in claims)
    hostile = [c for c in claims if c["bw:document"] == "hostile"][0]
    assert "url" not in hostile                       # a javascript: URL is no IRI


def test_events_table(session, tmp_path):
    path = tmp_path / "events.csv"
    write(session, "events", str(path))
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["source", "target", "event_type", "mode", "relation", "polarity",
                             "modality", "date", "goods", "outlet", "attributed_to", "doc",
                             "url", "sentence"]
    by = {(r["source"], r["relation"], r["target"], r["polarity"]): r for r in rows}
    assert by[("CHN", "SUPPLY", "RUS", "neg")]["mode"] == "negated"
    assert by[("CHN", "SUPPLY", "RUS", "neg")]["event_type"] == "AID"
    assert by[("KAZ", "DISTANCE", "RUS", "pos")]["mode"] == "reported"
    assert by[("RUS", "CONFLICT", "UKR", "pos")]["event_type"] == "ASSAULT"
    assert by[("IRN", "SUPPLY", "RUS", "pos")]["url"] == "https://andere-zeitung.de/b"
    assert by[("IRN", "SUPPLY", "RUS", "pos")]["date"] == "2023-08"


def test_unknown_format(session):
    with pytest.raises(ValueError):
        write(session, "xls", None)


def test_events_leave_states_out_and_type_every_row(session):
    import csv
    import io

    from blocwatch.export.tables import events_bytes
    rows = list(csv.DictReader(io.StringIO(events_bytes(session).decode())))
    assert rows and all(r["event_type"] for r in rows)
    assert not {r["relation"] for r in rows} & {"MEMBER_OF", "OBSERVER_OF", "DEPEND_ON"}
