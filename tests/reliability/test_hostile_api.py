"""Hostile input through the HTTP API, beyond tests/web/test_api.py: uploaded script comes
back as a JSON string, SQL-looking strings in every query and path parameter give a 4xx
or an empty answer (never a 500, never a changed store), a body over the default limit is
a 413 before any token check, path traversal in every parameter that could name a file is
refused, and no method but POST with the token writes.

The store is the web tests' invented one (tests/web/fixture.py).
"""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from blocwatch.web.app import MAX_BODY_BYTES
from web.conftest import _client
from web.fixture import build, extractor

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SCRIPT = '<script>fetch("/api/documents",{method:"POST"})</script><img src=x onerror=alert(1)>'

SQL = ["' OR '1'='1", "RUS'; DROP TABLE claims; --", '" OR ""="', "%' OR 1=1 --",
       "RUS\x00", "ＲＵＳ' oR 1=1"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("hostile") / "store.sqlite")
    build(url).dispose()
    with _client(url) as c:
        yield c


@pytest.fixture
def writable(tmp_path):
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    with _client(url, token=TOKEN, extract=extractor()) as c:
        yield c


def _summary(client) -> dict:
    return client.get("/api/summary").json()


def test_uploaded_script_comes_back_as_a_json_string(writable):
    text = f"Iran liefert Russland Kampfdrohnen. {SCRIPT} Das meldet heute die Zeitung."
    response = writable.post("/api/documents", headers=AUTH,
                             json={"id": "<b>x</b>", "title": SCRIPT, "text": text,
                                   "url": "javascript:alert(1)", "outlet": SCRIPT})
    assert response.status_code == 201, response.text
    assert response.json()["stored"] == 1
    found = writable.get("/api/search", params={"q": "onerror=alert"})
    assert found.headers["content-type"].startswith("application/json")
    assert found.headers["x-content-type-options"] == "nosniff"
    claims = found.json()["claims"]
    assert claims and all(SCRIPT in c["evidence"] or SCRIPT in (c.get("outlet") or "")
                          for c in claims)
    # the bytes on the wire are one JSON document: the markup is inside string literals
    assert json.loads(found.text) == found.json()
    fact = writable.get("/api/evidence", params={"subject": "IRN", "relation": "SUPPLY",
                                                 "object": "RUS"}).json()
    evidence = [e["evidence"] for e in fact["evidence"]]
    assert "Iran liefert Russland Kampfdrohnen." in evidence


def _sql_requests(value: str) -> list[tuple[str, dict]]:
    """Every GET endpoint with `value` in each of its string parameters."""
    codes = ["actor", "subject", "object", "relation"]
    segment = quote(value, safe="")
    requests = [(f"/api/actors/{segment}", {}), (f"/api/who-supports/{segment}", {}),
                (f"/api/members/{segment}", {}), (f"/api/obligations/{segment}", {}),
                ("/api/search", {"q": value}), ("/api/explain", {"a": value, "b": "RUS"}),
                ("/api/explain", {"a": "KAZ", "b": value}),
                ("/api/alignment", {"actors": f"RUS,{value}"}),
                ("/api/evidence", {"subject": value, "relation": "SUPPLY", "object": "RUS"}),
                ("/api/evidence", {"subject": "IRN", "relation": value, "object": "RUS"}),
                ("/api/graph", {"families": value}), ("/api/members/CSTO", {"at": value}),
                ("/api/blocs", {"at": value}), ("/api/facts", {"polarity": value}),
                ("/api/claims", {"limit": value}), ("/api/claims", {"offset": value})]
    for name in codes:
        requests += [("/api/facts", {name: value}), ("/api/claims", {name: value})]
    for name in ("actor", "relation"):
        requests.append(("/api/contradictions", {name: value}))
    for path in ("/api/facts", "/api/claims", "/api/graph", "/api/alignment", "/api/blocs",
                 "/api/actors/RUS", "/api/who-supports/RUS"):
        for name in ("since", "until"):
            requests.append((path, {name: value}))
    requests.append(("/api/explain", {"a": "KAZ", "b": "RUS", "since": value}))
    return requests


def _is_empty(body) -> bool:
    if isinstance(body, list):
        return not body
    if isinstance(body, dict):
        for key in ("facts", "claims", "timeline", "positive", "negative", "requests", "edges"):
            if key in body and body[key]:
                return False
        return True
    return False


@pytest.mark.parametrize("value", SQL)
def test_sql_looking_strings_in_every_parameter(client, value):
    before = _summary(client)
    for path, params in _sql_requests(value):
        response = client.get(path, params=params)
        assert response.status_code < 500, (path, params, response.text)
        if response.status_code == 200:
            body = response.json()
            if path == "/api/search":        # the string is searched for literally
                assert all(value.lower() in json.dumps(c, ensure_ascii=False).lower()
                           for c in body["claims"]), (path, params, body)
            elif path == "/api/alignment" or "families" in params or "at" in params:
                pass                          # whole-store analyses; other names are just absent
            else:
                assert _is_empty(body) or path.startswith("/api/actors/"), (path, params, body)
    assert _summary(client) == before


@pytest.mark.parametrize("path", [
    "/api/actors/..%2f..%2f..%2fetc%2fpasswd", "/api/members/..%2F..%2Fpyproject.toml",
    "/api/obligations/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/who-supports/%2Fetc%2Fpasswd",
    "/static/%252e%252e/%252e%252e/cli.py", "/static/..%5c..%5ccli.py",
    "/static/%2Fetc%2Fpasswd", "/static/vendor/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/....//....//cli.py", "/static/%c0%ae%c0%ae/cli.py", "/static/app.js%00.py",
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"])
def test_path_traversal_in_path_parameters_is_refused(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert "root:" not in response.text and "import " not in response.text
    assert "[project]" not in response.text


@pytest.mark.parametrize("params", [{"q": "../../etc/passwd"}, {"q": "/etc/passwd"},
                                    {"q": "file:///etc/passwd"}])
def test_file_names_in_search_are_only_strings(client, params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200 and response.json()["claims"] == []
    assert "root:" not in response.text


def test_upload_fields_that_look_like_paths_read_no_file(writable):
    response = writable.post("/api/documents", headers=AUTH, json={"documents": [
        {"id": "/etc/passwd", "path": "/etc/passwd", "html": "<html><body></body></html>"},
        {"id": "..\\..\\boot.ini", "url": "file:///etc/passwd",
         "text": "China liefert keine Waffen an Russland. Das melden heute Quellen."}]})
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["stored"] == 1 and len(report["failed"]) == 1
    assert "root:" not in response.text
    stored = writable.get("/api/search", params={"q": "boot.ini"}).json()["claims"]
    assert all("/" not in c["doc"] and "\\" not in c["doc"] and ".." not in c["doc"]
               for c in stored)


def test_body_over_the_default_limit_is_refused_before_the_token_check(tmp_path):
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    big = b'{"text": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}'
    with _client(url, token=TOKEN, extract=extractor()) as c:
        for headers in ({}, AUTH):                 # without and with the token
            response = c.post("/api/documents", content=big,
                              headers={**headers, "Content-Type": "application/json"})
            assert response.status_code == 413
        response = c.post("/api/documents", content=b"x",
                          headers={"Content-Length": "99999999999999999999", **AUTH})
        assert response.status_code in (400, 413)
        assert _summary(c)["documents"] == 4
    with _client(url) as c:                        # read-only server: still 413, no 500
        response = c.post("/api/documents", content=big)
        assert response.status_code == 413


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/api/documents", "/api/claims", "/api/facts",
                                  "/api/actors/RUS"])
def test_no_other_method_writes(writable, method, path):
    for headers in ({}, AUTH):
        response = writable.request(method, path, headers=headers, json={"text": "x"})
        assert response.status_code in (401, 403, 404, 405), (method, path)
    assert _summary(writable)["documents"] == 4


@pytest.mark.parametrize("path", ["/api/claims", "/api/facts", "/api/actors", "/api/summary",
                                  "/api/search", "/"])
def test_post_elsewhere_writes_nothing(writable, path):
    response = writable.post(path, headers=AUTH,
                             json={"text": "Iran liefert Russland Kampfdrohnen. Neu."})
    assert response.status_code in (404, 405)
    assert _summary(writable)["documents"] == 4
