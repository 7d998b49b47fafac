"""Facts kept up to date in the store (work in progress: see issue 5).

record_document / forget_document are called by ingest.write_extraction inside the
document's transaction; rebuild recomputes everything from the claims table.
"""
from __future__ import annotations

from sqlalchemy import Connection


def record_document(conn: Connection, document_id: int) -> None:
    """Add the claims of a just-stored document to the facts."""


def forget_document(conn: Connection, document_id: int) -> None:
    """Take the claims of a document out of the facts, before they are deleted."""


def rebuild(conn: Connection) -> None:
    """Recompute every fact from the claims table."""
