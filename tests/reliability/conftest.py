"""The reliability tests reuse the store tests' backends fixture (SQLite always,
PostgreSQL when a server is reachable) and the web tests' app clients."""
from __future__ import annotations

from store.conftest import store_url  # noqa: F401 - a fixture, re-exported for pytest
