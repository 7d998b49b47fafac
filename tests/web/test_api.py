"""The HTTP API on an invented store: reads, analyses, graph, search, and the guards
(token for writes, body size limit, no path traversal, hostile strings as data)."""
from __future__ import annotations

import json

import pytest

from .fixture import HOSTILE_SENTENCE, SQL_SOURCE


def test_openapi_describes_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/actors", "/api/facts", "/api/claims", "/api/graph", "/api/search",
                 "/api/members/{bloc}", "/api/obligations/{bloc}", "/api/who-supports/{actor}",
                 "/api/explain", "/api/alignment", "/api/blocs", "/api/contradictions",
                 "/api/documents"):
        assert path in spec["paths"], path


def test_actors_with_names_and_wikidata(client):
    actors = {a["code"]: a for a in client.get("/api/actors").json()}
    assert actors["RUS"]["kind"] == "state" and actors["RUS"]["wikidata"] == "Q159"
    assert actors["CSTO"]["kind"] == "bloc"
    assert actors["RUS"]["n_claims"] >= 6


def test_actor_detail_has_facts_and_memberships(client):
    kaz = client.get("/api/actors/kaz").json()
    assert kaz["code"] == "KAZ"
    assert any(m["bloc"] == "CSTO" for m in kaz["memberships"])
    assert {(f["subject"], f["relation"]) for f in kaz["facts"]} >= {("KAZ", "REQUEST_AID")}


def test_facts_and_evidence(client):
    found = client.get("/api/facts", params={"object": "RUS", "relation": "SUPPLY"}).json()
    assert {(f["subject"], f["polarity"]) for f in found["facts"]} == {
        ("IRN", "pos"), ("CHN", "neg"), ("BLR", "pos")}
    fact = client.get("/api/evidence", params={"subject": "IRN", "relation": "SUPPLY",
                                               "object": "RUS", "polarity": "pos"}).json()
    assert fact["evidence"][0]["evidence"] == "Iran liefert Russland Kampfdrohnen."
    assert fact["evidence"][0]["outlet"] == "andere-zeitung.de"
    assert client.get("/api/evidence", params={"subject": "X", "relation": "SUPPLY",
                                               "object": "Y"}).status_code == 404


def test_claims_paged(client):
    page = client.get("/api/claims", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 10 and len(page["claims"]) == 2 and page["offset"] == 1
    assert client.get("/api/claims", params={"limit": 5000}).status_code == 422


def test_analyses(client):
    assert client.get("/api/members/OVKS").json()["bloc"] == "CSTO"
    requests = client.get("/api/obligations/CSTO").json()["requests"]
    assert requests[0]["requester"] == "KAZ"
    support = client.get("/api/who-supports/RUS").json()
    assert {f["supporter"] for f in support["positive"]} == {"IRN", "BLR"}
    assert [f["supporter"] for f in support["negative"]] == ["CHN"]
    timeline = client.get("/api/explain", params={"a": "kaz", "b": "rus"}).json()["timeline"]
    assert {t["relation"] for t in timeline} == {"DEPLOY_FORCES", "DISTANCE"}
    assert client.get("/api/alignment", params={"actors": "CHN,RUS"}).json()["scores"]
    assert "communities" in client.get("/api/blocs").json()
    assert client.get("/api/contradictions").json() == []


def test_bad_input_is_a_client_error(client):
    assert client.get("/api/members/NOPE").status_code == 404
    assert client.get("/api/facts", params={"since": "soon"}).status_code == 400
    assert client.get("/api/alignment", params={"by": "week"}).status_code == 422


def test_graph_nodes_and_typed_edges(client):
    graph = client.get("/api/graph").json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["CSTO"]["kind"] == "bloc" and nodes["RUS"]["kind"] == "state"
    edges = {e["id"]: e for e in graph["edges"]}
    supply = edges["IRN|SUPPLY|RUS|pos"]
    assert supply["family"] == "support" and supply["directed"]
    assert (supply["start"], supply["end"]) == ("2023-08-01", "2023-08-31")
    assert edges["CHN|ALIGN|RUS|pos"]["family"] == "cooperation"
    assert edges["RUS|CONFLICT|UKR|pos"]["family"] == "conflict"
    assert edges["KAZ|MEMBER_OF|CSTO|pos"]["family"] == "membership"


def test_graph_filters_by_time_and_family(client):
    graph = client.get("/api/graph", params={"since": "2023", "until": "2023",
                                             "families": "support"}).json()
    assert {e["id"] for e in graph["edges"]} == {"IRN|SUPPLY|RUS|pos", "CHN|SUPPLY|RUS|neg"}
    assert {n["id"] for n in graph["nodes"]} == {"IRN", "CHN", "RUS"}
    assert client.get("/api/graph", params={"families": "friendship"}).status_code == 400


def test_graph_limit_keeps_the_most_confident_and_says_how_many_there_are(client):
    whole = client.get("/api/graph").json()
    cut = client.get("/api/graph", params={"limit": 2}).json()
    assert len(cut["edges"]) == 2 and cut["total_edges"] == whole["total_edges"] > 2
    assert min(e["confidence"] for e in cut["edges"]) >= max(
        e["confidence"] for e in whole["edges"] if e["id"] not in {c["id"] for c in cut["edges"]})
    assert client.get("/api/graph", params={"limit": 0}).status_code == 422


def test_search_finds_actors_and_sentences(client):
    found = client.get("/api/search", params={"q": "drohnen"}).json()
    assert [c["evidence"] for c in found["claims"]] == ["Iran liefert Russland Kampfdrohnen."]
    assert [a["code"] for a in client.get("/api/search", params={"q": "iran"}).json()["actors"]] \
        == ["IRN"]


@pytest.mark.parametrize(("q", "docs"), [("' OR 1=1 --", []), ("%", []),
                                         ("_", ["hostile"]),     # only its '__pwned'
                                         ("\"; DROP TABLE claims; --", [])])
def test_sql_looking_search_is_only_a_string(client, q, docs):
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200               # wildcards and quotes match literally
    assert [c["doc"] for c in response.json()["claims"]] == docs
    assert client.get("/api/summary").json()["claims"] == 10


def test_hostile_strings_come_back_as_data(client):
    found = client.get("/api/search", params={"q": "<script>"}).json()["claims"]
    assert [c["evidence"] for c in found] == [HOSTILE_SENTENCE]
    assert found[0]["url"] == "javascript:window.__pwned='url'"
    sql = client.get("/api/search", params={"q": "DROP TABLE"}).json()["claims"]
    assert [c["source"] for c in sql] == [SQL_SOURCE]


def test_page_and_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers[
        "content-security-policy"]
    assert "http" not in page.text.replace("http-equiv", "")     # nothing from elsewhere
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/..%2f..%2fcli.py",
                                  "/static/%2e%2e/%2e%2e/model.py",
                                  "/static/vendor/../../app.py", "/static//etc/passwd"])
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_writes_refused_on_a_read_only_server(client):
    response = client.post("/api/documents", json={"text": "Iran liefert Russland Kampfdrohnen."})
    assert response.status_code == 403
    assert client.get("/api/summary").json()["documents"] == 4


@pytest.mark.parametrize("header", [None, "Bearer wrong", "s3cret", "Basic s3cret"])
def test_writes_need_the_token(writable, header):
    headers = {"Authorization": header} if header else {}
    response = writable.post("/api/documents", headers=headers,
                             json={"text": "Iran liefert Russland Kampfdrohnen. Neu."})
    assert response.status_code == 401
    assert writable.get("/api/summary").json()["documents"] == 4


def test_upload_with_the_token_is_ingested(writable):
    body = {"documents": [{"id": "../../etc/passwd", "text": "Iran liefert Russland "
                           "Kampfdrohnen. Das meldet heute die Zeitung.", "date": "2024-01-02",
                           "url": "https://example.org/x"}, {"title": "no text"}]}
    response = writable.post("/api/documents", json=body,
                             headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["stored"] == 1 and len(report["failed"]) == 1
    fact = writable.get("/api/evidence", params={"subject": "IRN", "relation": "SUPPLY",
                                                 "object": "RUS"}).json()
    assert fact["n_documents"] == 2
    docs = {e["doc"] for e in fact["evidence"]}
    assert "passwd" in docs and not any("/" in d or ".." in d for d in docs)


def test_body_size_limit(writable):
    big = json.dumps({"text": "x" * 10_000})
    response = writable.post("/api/documents", content=big,
                             headers={"Authorization": "Bearer s3cret",
                                      "Content-Type": "application/json"})
    assert response.status_code == 413

    def chunks():                     # no Content-Length: counted as it streams in
        for _ in range(10):
            yield b"x" * 1000
    response = writable.post("/api/documents", content=chunks(),
                             headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 413
    assert writable.get("/api/summary").json()["documents"] == 4


def test_malformed_upload_is_a_client_error(writable):
    response = writable.post("/api/documents", content=b"{not json",
                             headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 400


def test_graph_is_kept_until_the_store_changes(writable):
    first = writable.get("/api/graph")
    etag = first.headers["etag"]
    assert writable.get("/api/graph", headers={"If-None-Match": etag}).status_code == 304
    assert writable.get("/api/graph").json() == first.json()
    upload = writable.post("/api/documents", headers={"Authorization": "Bearer s3cret"},
                           json={"text": "Iran liefert Russland Kampfdrohnen. Neu.",
                                 "date": "2024-05-01"})
    assert upload.status_code == 201 and upload.json()["stored"] == 1
    after = writable.get("/api/graph", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    edge = {e["id"]: e for e in after.json()["edges"]}["IRN|SUPPLY|RUS|pos"]
    before = {e["id"]: e for e in first.json()["edges"]}["IRN|SUPPLY|RUS|pos"]
    assert edge["n_documents"] == before["n_documents"] + 1
