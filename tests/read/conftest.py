"""Shared helpers for the read/ tests. Fixture texts are invented by the team."""
from __future__ import annotations

from pathlib import Path

import pytest

from blocwatch.model import Document, ReadError
from blocwatch.read import read_paths

FIXTURES = Path(__file__).parent / "fixtures"


def read_one(path) -> Document | ReadError:
    items = list(read_paths([path]))
    assert len(items) == 1, items
    return items[0]


def read_doc(path) -> Document:
    item = read_one(path)
    assert isinstance(item, Document), item
    return item


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
