"""What the analyst's page asks of the API beyond the graph: actors by any name, one
stored article with its claims, the registry on a day; and the page's own files (all
served locally, the world map among them)."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from blocwatch.registry import load_registry

from .fixture import HOSTILE_SENTENCE

STATIC = Path(__file__).parents[2] / "src" / "blocwatch" / "web" / "static"
TOOL = Path(__file__).parents[2] / "tools" / "make_world_paths.py"


@pytest.mark.parametrize("q, code", [
    ("Kasach", "KAZ"), ("kasachstan", "KAZ"), ("Kazakhstan", "KAZ"), ("Tokajew", "KAZ"),
    ("TOKAYEV", "KAZ"), ("OVKS", "CSTO"), ("Organisation des Vertrags", "CSTO"),
    ("Turkei", "TUR"), ("Weißrussland", "BLR"), ("Moskau", "RUS")])
def test_actors_by_any_name(client, q, code):
    found = client.get("/api/actors", params={"q": q}).json()
    assert found and found[0]["code"] == code, (q, found[:3])
    assert {"name", "kind", "matched", "n_claims"} <= set(found[0])


def test_actor_search_says_what_matched_and_what_the_store_holds(client):
    kaz = client.get("/api/actors", params={"q": "Tokajew"}).json()[0]
    assert kaz["matched"] == "Tokajew" and kaz["matched_as"] == "person"
    assert kaz["n_claims"] == 4
    arm = client.get("/api/actors", params={"q": "Armenien"}).json()[0]
    assert arm["code"] == "ARM" and arm["n_claims"] == 0       # known, not in the store
    assert client.get("/api/actors", params={"q": "Qwertzuiop"}).json() == []
    assert client.get("/api/actors", params={"q": "  "}).json() == []
    assert client.get("/api/actors", params={"q": "x" * 201}).status_code == 422
    plain = client.get("/api/actors").json()                     # without q: as before
    assert {a["code"] for a in plain} >= {"RUS", "KAZ"} and "matched" not in plain[0]


def test_document_with_text_claims_and_offsets(client):
    fact = client.get("/api/evidence", params={"subject": "BLR", "relation": "SUPPLY",
                                               "object": "RUS"}).json()
    cited = fact["evidence"][0]
    doc = client.get(f"/api/documents/{cited['document_id']}").json()
    assert doc["doc_id"] == "hostile" and doc["outlet"] == "evil.example"
    assert doc["text"] == HOSTILE_SENTENCE                          # as stored, as data
    assert doc["url"] == "javascript:window.__pwned='url'" and doc["title"] == "<b>hostile</b>"
    [claim] = doc["claims"]
    assert doc["text"][claim["start"]:claim["end"]] == claim["evidence"] == HOSTILE_SENTENCE
    request = client.get("/api/evidence", params={"subject": "KAZ", "relation": "REQUEST_AID",
                                                  "object": "CSTO"}).json()["evidence"][0]
    doc = client.get(f"/api/documents/{request['document_id']}").json()
    assert [c["relation"] for c in doc["claims"]] == ["REQUEST_AID", "DEPLOY_FORCES",
                                                      "MEMBER_OF"]
    for c in doc["claims"]:
        assert doc["text"][c["start"]:c["end"]] == c["evidence"]
    assert client.get("/api/documents/9999").status_code == 404
    assert client.get("/api/documents/abc").status_code == 422


def test_registry_on_a_day(client):
    csto_2021 = client.get("/api/registry", params={"at": "2021"}).json()["blocs"]["CSTO"]
    csto_2025 = client.get("/api/registry", params={"at": "2025-07-01"}).json()["blocs"]["CSTO"]
    assert csto_2021["statuses"]["ARM"]["status"] == "member"
    # the source is the registry's own wording (blocs.yaml), passed through unchanged
    frozen = load_registry()["CSTO"].spell("ARM", "2025-07-01")
    assert "Pashinyan" in frozen.source
    assert csto_2025["statuses"]["ARM"] == {
        "status": "frozen", "since": "2024-02-22", "source": frozen.source}
    assert csto_2025["statuses"]["KAZ"]["status"] == "member"
    assert csto_2025["statuses"]["UZB"]["status"] == "former"        # left in 2012
    bad = client.get("/api/registry", params={"at": "next tuesday"})
    assert bad.status_code == 400 and "next tuesday" in bad.json()["detail"]


def test_openapi_lists_the_page_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/documents/{document_id}" in paths and "/api/registry" in paths
    assert "q" in [p["name"] for p in paths["/api/actors"]["get"]["parameters"]]


def test_page_loads_nothing_from_outside(client):
    page = client.get("/").text
    for name in re.findall(r'(?:src|href)="([^"]+)"', page):
        if name == "data:,":                                  # the empty favicon
            continue
        assert name.startswith("/"), name
        assert client.get(name).status_code == 200, name
    for path in STATIC.glob("*.js"):
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", path.read_text()), path
    for path in STATIC.glob("*.js"):
        assert ".innerHTML" not in path.read_text(), path


def test_world_map_has_the_actors_countries(client):
    world = client.get("/static/vendor/world-110m.paths.json").json()
    codes = {c["code"] for c in world["countries"]}
    assert {"ARM", "KAZ", "RUS", "BLR", "UKR", "XKX", "TWN"} <= codes
    assert len(world["countries"]) == 176 and world["width"] == 960
    assert all(c["d"].startswith("M") for c in world["countries"])


def _tool():
    spec = importlib.util.spec_from_file_location("make_world_paths", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_world_tool_decodes_topojson_and_mends_the_antimeridian():
    tool = _tool()
    topology = {
        "type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
        # a square crossing 180°: 170 -> 190 (written as -170) and back
        "arcs": [[[170, 60], [-340, 0], [0, 5]], [[-170, 65], [340, 0], [0, -5]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "643", "properties": {"name": "R"}},
            {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"name": "Kosovo"}}]}}}
    arcs = tool.decode_arcs(topology)
    assert arcs[0] == [(170, 60), (-170, 60), (-170, 65)]
    ring = tool.ring([0, 1], arcs)
    assert ring == [(170, 60), (-170, 60), (-170, 65), (170, 65), (170, 60)]
    assert tool.unwrap(ring) == [(170, 60), (190, 60), (190, 65), (170, 65), (170, 60)]
    result = tool.build(topology)
    assert [c["code"] for c in result["countries"]] == ["XKX", "RUS"]
    assert json.dumps(result)
