"""A store with the invented articles of fixture.py, and API clients over it."""
from __future__ import annotations

import warnings

import pytest

from .fixture import build, extractor


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("web") / "store.sqlite")
    build(url).dispose()
    return url


def _client(url, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # starlette's notice about httpx versions
        from fastapi.testclient import TestClient
    from blocwatch.web import create_app
    return TestClient(create_app(url, **kwargs))


@pytest.fixture(scope="module")
def client(store_url):
    with _client(store_url) as c:
        yield c


@pytest.fixture
def writable(tmp_path):
    """A client with a token, over a store of its own (uploads change it)."""
    url = "sqlite:///" + str(tmp_path / "store.sqlite")
    build(url).dispose()
    with _client(url, token="s3cret", max_body=4096, extract=extractor()) as c:
        yield c
