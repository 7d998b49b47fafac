"""What an adversarial probe of the server and the exports broke (issue 14), kept fixed.

- unauthenticated bodies were read (up to 2 MB each) before the token was checked, and a
  body shorter than its Content-Length held the connection for ever;
- a deeply nested JSON upload was a 500 (RecursionError);
- reading an upload ran on the event loop: every other request waited for it;
- /api/search carried the server's file paths, the upload answer its database URL;
- a store truncated under the running server turned every endpoint into a 500;
- CSV exports carried formulas (=1+2, =HYPERLINK(...)) into spreadsheets.

The body guard is driven as a bare ASGI app with a `receive` that records whether the
body was read at all, so the checks are exact and need no sockets or clocks.
"""
from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import json
import threading

import pytest
from sqlalchemy import create_engine, update

from blocwatch.export import tables
from blocwatch.store import documents
from web.conftest import _client
from web.fixture import build, extractor

from .test_hostile_api import AUTH, TOKEN, writable  # noqa: F401 - writable is a fixture



# ---------------------------------------------------------------- 3. the body guard

class _Recorder:
    """An ASGI exchange: what the app answered and how much of the body it pulled."""

    def __init__(self, body: bytes = b"", hang: bool = False):
        self.body, self.hang, self.reads, self.sent = body, hang, 0, []

    async def receive(self):
        self.reads += 1
        if self.hang:
            await asyncio.sleep(3600)          # a client that never sends its body
        return {"type": "http.request", "body": self.body, "more_body": False}

    async def send(self, message):
        self.sent.append(message)

    @property
    def status(self) -> int:
        return next(m["status"] for m in self.sent if m["type"] == "http.response.start")


async def _inner_app(scope, receive, send):
    """Stands in for FastAPI: reads the body it is given and answers with its size."""
    message = await receive()
    body = json.dumps({"got": len(message.get("body", b""))}).encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def _scope(headers: dict[str, str]) -> dict:
    return {"type": "http", "method": "POST", "path": "/api/documents",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}


def _guard(token, headers, recorder, seconds=30.0):
    from blocwatch.web.app import BodyGuard
    guard = BodyGuard(_inner_app, limit=2 * 1024 * 1024, token=token, seconds=seconds)
    asyncio.run(guard(_scope(headers), recorder.receive, recorder.send))
    return recorder


@pytest.mark.parametrize("token,auth", [
    (None, {}),                                           # read-only server
    (None, AUTH),                                         # read-only, token offered anyway
    (TOKEN, {}),                                          # missing token
    (TOKEN, {"Authorization": "Bearer wrong"}),           # wrong token
    (TOKEN, {"Authorization": f"Basic {TOKEN}"}),         # wrong scheme
])
def test_a_body_that_may_not_write_is_never_read(token, auth):
    body = b"x" * (1024 * 1024)
    seen = _guard(token, {"Content-Length": str(len(body)), **auth}, _Recorder(body))
    assert seen.reads == 0                                # not one byte pulled from the client
    got = json.loads(b"".join(m.get("body", b"") for m in seen.sent))
    assert got == {"got": 0}                              # the app saw an empty body


def test_an_authorised_body_is_read_whole():
    body = b'{"text": "x"}'
    seen = _guard(TOKEN, {"Content-Length": str(len(body)), **AUTH}, _Recorder(body))
    assert seen.reads == 1 and json.loads(seen.sent[-1]["body"]) == {"got": len(body)}


def test_a_body_that_never_arrives_times_out_with_408():
    seen = _guard(TOKEN, {"Content-Length": "100", **AUTH}, _Recorder(hang=True), seconds=0.2)
    assert seen.status == 408


def test_uploads_to_a_read_only_server_are_refused_through_the_app(tmp_path):
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    with _client(url) as c:
        assert c.post("/api/documents", json={"text": "x" * 1000}).status_code == 403
    with _client(url, token=TOKEN) as c:
        assert c.post("/api/documents", json={"text": "x"}).status_code == 401
        assert c.post("/api/documents", json={"text": "x"},
                      headers={"Authorization": "Bearer nope"}).status_code == 401


# ---------------------------------------------------------------- 7, 9, 1: uploads

def test_deeply_nested_json_is_a_400(writable):
    for body in (b"[" * 100_000, b'{"a":' * 100_000):
        response = writable.post("/api/documents", content=body,
                                 headers={**AUTH, "Content-Type": "application/json"})
        assert response.status_code == 400, response.text
        assert "nested too deeply" in response.json()["detail"]


def test_upload_answer_and_search_leak_no_paths_or_database_url(writable):
    response = writable.post("/api/documents", headers=AUTH,
                             json={"id": "new", "text": "Iran liefert Russland Kampfdrohnen. Neu hier."})
    assert response.status_code == 201, response.text
    answer = response.json()
    assert "url" not in answer and "sqlite" not in response.text
    found = writable.get("/api/search", params={"q": "Kampfdrohnen"}).json()["claims"]
    assert found
    assert all("path" not in c for c in found)
    assert "/fixtures/" not in writable.get("/api/search", params={"q": "liefert"}).text
    assert "/fixtures/" not in writable.get("/api/facts").text


def test_an_upload_is_read_off_the_event_loop(tmp_path, monkeypatch):
    """While an upload is being read, the server answers other requests: the reader is
    held on an event until a GET has been answered (it would deadlock on the loop)."""
    from blocwatch.web import api

    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    reading, answered = threading.Event(), threading.Event()
    real = api.documents_from_body

    def slow_reader(body):
        reading.set()
        assert answered.wait(30), "no other request was answered while reading"
        return real(body)

    monkeypatch.setattr(api, "documents_from_body", slow_reader)
    with _client(url, token=TOKEN, extract=extractor()) as c:
        results = {}
        upload = threading.Thread(target=lambda: results.setdefault("post", c.post(
            "/api/documents", headers=AUTH, json={"text": " " * 100_000 + "Iran liefert Russland Drohnen."})))
        upload.start()
        assert reading.wait(30)
        assert c.get("/api/summary").status_code == 200
        answered.set()
        upload.join(60)
        assert results["post"].status_code == 201, results["post"].text


# ---------------------------------------------------------------- 6: a store broken under the server

def test_a_store_truncated_under_the_server_gives_503_with_a_reason(tmp_path):
    path = tmp_path / "store.sqlite"
    build("sqlite:///" + str(path)).dispose()
    with _client("sqlite:///" + str(path)) as c:
        assert c.get("/api/summary").status_code == 200
        for suffix in ("-wal", "-shm"):
            (tmp_path / f"store.sqlite{suffix}").unlink(missing_ok=True)
        path.write_bytes(b"this is not a database any more" * 200)
        for endpoint in ("/api/summary", "/api/facts", "/api/graph", "/api/claims"):
            response = c.get(endpoint)
            assert response.status_code == 503, (endpoint, response.text)
            detail = response.json()["detail"]
            assert "not a usable blocwatch store" in detail and "\n" not in detail
            assert str(tmp_path) not in detail
        assert c.get("/").status_code == 200             # the page itself still loads


# ---------------------------------------------------------------- 5: CSV formulas

def test_csv_cells_that_spreadsheets_would_evaluate_are_quoted(tmp_path):
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.doc_id == "supply")
                     .values(outlet="=1+2", doc_id="@SUM(A1)"))
    engine.dispose()
    from sqlalchemy.orm import Session

    from blocwatch.store import create_store_engine
    from blocwatch.analysis.claims import load_claims
    engine = create_store_engine(url)
    with Session(engine) as session:
        found = load_claims(session)
    engine.dispose()
    found = [dataclasses.replace(c, evidence='=HYPERLINK("http://evil.example","click")',
                                 source="-2+3") if c.doc_id == "@SUM(A1)" else c
             for c in found]
    for text in (tables.events_csv(found), tables.claims_csv(found)):
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert "'=1+2" in cells and "'@SUM(A1)" in cells
        assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells
    assert tables.neutralise(-5) == -5 and tables.neutralise("RUS") == "RUS"
