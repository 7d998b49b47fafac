"""The knowledge store: documents, mentions and claims in SQLite (default) or PostgreSQL.

    from blocwatch.store import ingest, reextract, open_session
    report = ingest(["articles/"], "sqlite:///news.sqlite")
    with open_session("sqlite:///news.sqlite") as session:
        ...  # blocwatch.analysis functions take this session

See connection.py for where the default store lives, schema.py for the tables and
ingest.py for the transaction rules.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .connection import (StoreError, create_store_engine, default_url, display_url,
                         open_session, open_store, resolve_url)
from .ingest import IngestReport, ingest, reextract, stored_document, write_extraction
from .schema import claims, documents, mentions, metadata

__all__ = [
    "IngestReport", "StoreError", "claims", "create_store_engine", "default_url", "display_url",
    "documents", "ingest", "mentions", "metadata", "open_session", "open_store", "reextract",
    "resolve_url", "stored_document", "summary", "write_extraction",
]


def summary(session: Session) -> dict:
    """Counts of what the store holds, per extractor version too."""
    versions = dict(session.execute(
        select(documents.c.extractor_version, func.count())
        .group_by(documents.c.extractor_version)).all())
    return {
        "documents": session.execute(select(func.count()).select_from(documents)).scalar(),
        "mentions": session.execute(select(func.count()).select_from(mentions)).scalar(),
        "claims": session.execute(select(func.count()).select_from(claims)).scalar(),
        "extractor_versions": versions,
    }
