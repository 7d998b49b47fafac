"""Store tests run against SQLite always, and against PostgreSQL when a server is found.

The PostgreSQL cases skip, saying why, when none is reachable (see
kit.store.postgres_test_url (tests/kit/store.py); `.ci/postgres.sh` starts one).
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from blocwatch.model import Document
from kit.store import ScriptedExtractor, postgres_test_url, private_postgres

from .helpers import SCRIPT, article

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> Iterator[str]:
    """An empty store on each backend (on PostgreSQL: a schema of its own)."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "store.sqlite")
        return
    base, reason = postgres_test_url()
    if base is None:
        pytest.skip(reason)
    with private_postgres(base) as url:
        yield url


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
