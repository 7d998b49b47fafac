"""Fixtures of the analysis tests: the invented corpus of corpus.py in a store, per backend.

PostgreSQL cases skip, saying why, when no server is reachable.
"""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from blocwatch.store.testing import postgres_test_url

from .corpus import build


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("analysis") / "store.sqlite")
    else:
        url, reason = postgres_test_url()
        if url is None:
            pytest.skip(reason)
    built = build(url)
    yield built
    built.dispose()


@pytest.fixture
def session(engine):
    with Session(engine) as s:
        yield s
