"""The store's generation: a number counted up by every change of its contents.

Readers that keep answers (the web keeps the graph it last sent) compare it with the one
they computed at: equal numbers, equal contents, so the kept answer is still right. Every
writer counts it up inside its own transaction (ingest.write_extraction, facts.rebuild),
so a reader never sees new contents with an old number.
"""
from __future__ import annotations

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from .schema import store_generation


def bump_generation(conn: Connection) -> None:
    """Count one change of the store (inside the writer's transaction)."""
    conn.execute(update(store_generation).where(store_generation.c.id == 1)
                 .values(generation=store_generation.c.generation + 1))


def generation(conn: Connection | Session) -> int:
    """How many changes the store has seen."""
    return conn.execute(select(store_generation.c.generation)
                        .where(store_generation.c.id == 1)).scalar() or 0
