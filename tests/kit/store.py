"""Test kit for code that uses the store (tests and bench/ only; not part of blocwatch).

- `postgres_test_url()`: the PostgreSQL server to test against, or why there is none.
  Tries $BLOCWATCH_TEST_PG_URL, then the address .ci/postgres.sh starts by default.
- `private_postgres(url)`: a URL whose tables live in a fresh schema of their own, so
  test runs sharing one server do not disturb each other.
- `wait_for_other_sessions(engine)`: wait for a killed writer's server process to end.
- `reset(engine)`: drop and recreate the store's tables.
- `ScriptedExtractor`: a stand-in for blocwatch.pipeline.extract that returns the claims a
  test scripted for each sentence, with evidence offsets found in the text.
"""
from __future__ import annotations

import contextlib
import functools
import os
import time
import uuid
from collections.abc import Iterator
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from blocwatch.model import Claim, Document, Extraction, Mention
from blocwatch.store.schema import metadata

ENV_VAR = "BLOCWATCH_TEST_PG_URL"
DEFAULT_PG_URL = "postgresql+psycopg://blocwatch@127.0.0.1:55432/blocwatch_test"


def postgres_test_url() -> tuple[str | None, str]:
    """(url, "") for a reachable server, or (None, reason to print in the skip)."""
    configured = os.environ.get(ENV_VAR)
    url, failure = probe_postgres(configured or DEFAULT_PG_URL)
    if url is not None:
        return url, ""
    hint = "" if configured else f" ({ENV_VAR} not set)"
    return None, ("no PostgreSQL server reachable" + hint + ", PostgreSQL store tests "
                  "skipped; start one with `eval \"$(bash .ci/postgres.sh)\"`. Tried: "
                  + failure)


@functools.lru_cache(maxsize=8)
def probe_postgres(url: str) -> tuple[str | None, str]:
    """Connect once per URL and process: a dead address costs its timeout only once."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return url, ""
    except Exception as exc:  # noqa: BLE001 - any failure means: no server to test on
        return None, f"{url}: {type(exc).__name__}: {str(exc).splitlines()[0]}"


@contextlib.contextmanager
def private_postgres(base_url: str) -> Iterator[str]:
    """A URL on `base_url`'s server whose tables live in a schema of their own.

    Test runs that share one server (a developer's and CI's, or two sessions) then never
    drop each other's tables. The schema is dropped afterwards. Sessions opened through
    the URL carry the schema's name as application_name, so `wait_for_other_sessions` can
    tell them from everyone else's.
    """
    name = f"bw_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    url = make_url(base_url).update_query_dict(
        {"options": f"-csearch_path={name}", "application_name": name})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


def wait_for_other_sessions(engine: Engine, timeout: float = 30.0) -> None:
    """On PostgreSQL, wait until no other session of this URL is busy (bounded).

    A client killed with SIGKILL leaves its server process behind for a moment, and a
    COMMIT it had already sent may still land: a test that checks the store after killing
    a writer waits for that process to be gone. Sessions are told apart by
    application_name (see `private_postgres`). No-op on SQLite.
    """
    if engine.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + timeout
    # sessions at work or inside a transaction; idle pooled connections do not matter
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle' "
                 "AND application_name = current_setting('application_name')")
    while True:
        with engine.connect() as conn:
            others = conn.execute(query).scalar()
        if not others or time.monotonic() > deadline:
            return
        time.sleep(0.05)


def count_documents(url: str) -> int:
    """How many documents the store at `url` holds (opens and closes its own engine)."""
    from sqlalchemy import func, select  # noqa: PLC0415

    from blocwatch.store.connection import create_store_engine  # noqa: PLC0415
    from blocwatch.store.schema import documents  # noqa: PLC0415
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar()
    finally:
        engine.dispose()


def build_scripted_store(url: str, docs: list[Document], script: dict[str, list[Claim]]) -> Engine:
    """A fresh store at `url` holding `docs`, extracted by a ScriptedExtractor of `script`."""
    from blocwatch.store.connection import create_store_engine  # noqa: PLC0415
    from blocwatch.store.ingest import ingest  # noqa: PLC0415
    engine = create_store_engine(url)
    reset(engine)
    report = ingest([], engine, progress=False, extract=ScriptedExtractor(script),
                    extractor_version=ScriptedExtractor.version, read=lambda _paths: docs)
    assert report.stored == len(docs) and not report.failed, report
    return engine


def reset(engine: Engine) -> None:
    """Empty store: drop and recreate every table (and their first rows)."""
    from blocwatch.store.connection import ensure_schema  # noqa: PLC0415
    metadata.drop_all(engine)
    ensure_schema(engine)


class ScriptedExtractor:
    """Extracts from a Document exactly the claims scripted for its sentences.

    `script` maps a sentence's text to its claims; a sentence found in a document yields
    its claims with evidence and offsets set, and a mention for each actor. Documents
    whose text contains `fail_marker` raise, like a crashing extractor would.
    """

    version = "scripted-1"

    def __init__(self, script: dict[str, list[Claim]], fail_marker: str = "<<CRASH>>"):
        self.script = script
        self.fail_marker = fail_marker
        self.calls = 0

    def __call__(self, document: Document) -> Extraction:
        self.calls += 1
        if self.fail_marker and self.fail_marker in document.text:
            raise RuntimeError("scripted extractor failure")
        claims, mentions = [], []
        for sentence, scripted in self.script.items():
            start = document.text.find(sentence)
            if start < 0:
                continue
            end = start + len(sentence)
            for claim in scripted:
                claims.append(Claim(
                    subject=claim.subject, relation=claim.relation, object=claim.object,
                    polarity=claim.polarity, modality=claim.modality, time=claim.time,
                    source=claim.source, goods=list(claim.goods), evidence=sentence,
                    start=start, end=end, cue=claim.cue))
                for code in (claim.subject, claim.object):
                    mentions.append(Mention(start, end, sentence[:20], code))
        return Extraction(document=document, mentions=mentions, claims=claims)
