"""The tables of the knowledge store (SQLAlchemy Core, portable to SQLite and PostgreSQL).

Three tables hold what the extractor read, one row per thing:

- ``documents``: one per distinct text (unique by content hash), with its metadata, the
  text itself (so re-extraction needs no files) and the extractor version that produced
  its mentions and claims. ``n_mentions``/``n_claims`` are written in the same transaction
  as the rows they count, so a consistency check can prove no document is half stored.
- ``mentions``: actor mentions with character offsets into ``documents.text``.
- ``claims``: one relation as one article states it, with evidence offsets, modality,
  time, source and goods. ``when_start``/``when_end`` are the days the claim's time covers
  (or, when the article gives none, the days of its publication date, flagged by
  ``time_inferred``): ISO strings, so ranges compare in SQL on both databases.

Mentions and claims belong to their document (ON DELETE CASCADE). Indexes serve the
questions asked most: who does what to an actor (object, relation), what an actor does
(subject, relation), and everything of one relation.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text)

SCHEMA_VERSION = 1

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", String(64), nullable=False, unique=True),   # sha256 of text
    Column("doc_id", String(255), nullable=False, index=True),
    Column("path", Text),
    Column("url", Text),
    Column("outlet", String(255), index=True),
    Column("title", Text),
    Column("date", String(10)),                  # YYYY, YYYY-MM or YYYY-MM-DD
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("extractor_version", String(64), nullable=False, index=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("code", String(32), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("subject", String(32), nullable=False),
    Column("relation", String(32), nullable=False),
    Column("object", String(32), nullable=False),
    Column("polarity", String(3), nullable=False),
    Column("modality", String(10), nullable=False),
    Column("time", String(10)),                  # as the claim states it, or NULL
    Column("when_start", String(10)),            # first day covered by time (or doc date)
    Column("when_end", String(10)),              # last day covered
    Column("time_inferred", Boolean, nullable=False, default=False),
    Column("source", Text),
    Column("goods", Text, nullable=False, default=""),   # comma-separated, sorted
    Column("evidence", Text, nullable=False, default=""),
    Column("char_start", Integer, nullable=False, default=0),
    Column("char_end", Integer, nullable=False, default=0),
    Column("cue", Text, nullable=False, default=""),
    Index("ix_claims_object_relation", "object", "relation"),
    Index("ix_claims_subject_relation", "subject", "relation"),
    Index("ix_claims_relation", "relation"),
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
