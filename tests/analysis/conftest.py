"""Fixtures of the analysis tests: the invented corpus of corpus.py in a store, per backend.

PostgreSQL cases skip, saying why, when no server is reachable.
"""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from kit.store import postgres_test_url, private_postgres

from .corpus import build


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    if request.param == "sqlite":
        built = build("sqlite:///" + str(tmp_path_factory.mktemp("analysis") / "store.sqlite"))
        yield built
        built.dispose()
        return
    base, reason = postgres_test_url()
    if base is None:
        pytest.skip(reason)
    with private_postgres(base) as url:       # a schema of its own: runs may share a server
        built = build(url)
        yield built
        built.dispose()


@pytest.fixture
def session(engine):
    with Session(engine) as s:
        yield s
