"""Store tests run against SQLite always, and against PostgreSQL when a server is found.

The PostgreSQL cases skip, saying why, when none is reachable (see
blocwatch.store.testing.postgres_test_url; `.ci/postgres.sh` starts one).
"""
from __future__ import annotations

import pytest

from blocwatch.model import Document
from blocwatch.store import create_store_engine
from blocwatch.store.testing import (ScriptedExtractor, postgres_test_url, reset,
                                     wait_for_other_sessions)

from .helpers import SCRIPT, article

BACKENDS = ["sqlite", "postgresql"]


def store_url_for(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return "sqlite:///" + str(tmp_path / "store.sqlite")
    url, reason = postgres_test_url()
    if url is None:
        pytest.skip(reason)
    engine = create_store_engine(url)
    wait_for_other_sessions(engine)       # e.g. a writer an earlier test killed
    reset(engine)
    engine.dispose()
    return url


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    """An empty store on each backend."""
    return store_url_for(request.param, tmp_path)


@pytest.fixture
def extractor() -> ScriptedExtractor:
    return ScriptedExtractor(SCRIPT)


@pytest.fixture
def corpus() -> list[Document]:
    s = list(SCRIPT)
    return [
        article("a", s[0], "Das wurde am Montag bekannt."),
        article("b", "Zur Vorgeschichte:", s[1], date="2022-03"),
        article("c", s[2], s[3], date=None, outlet=None),
    ]
