"""The tables of the knowledge store (SQLAlchemy Core, portable to SQLite and PostgreSQL).

Three tables hold what the extractor read, one row per thing:

- ``documents``: one per distinct text (unique by content hash), with its metadata, the
  text itself (so re-extraction needs no files) and the extractor version that produced
  its mentions and claims. ``n_mentions``/``n_claims`` are written in the same transaction
  as the rows they count, so a consistency check can prove no document is half stored.
- ``mentions``: actor mentions with character offsets into ``documents.text``.
- ``claims``: one relation as one article states it, with evidence offsets, modality,
  time, source and goods. ``when_start``/``when_end`` are the days the claim's time covers
  (or, when the sentence gives none, the days of the article's publication date or of its
  estimated date, flagged by ``time_inferred``): ISO strings, so ranges compare in SQL on
  both databases. ``time_basis`` says where the time comes from: ``stated`` in the
  sentence, the article's ``published`` date, ``estimated`` (an undated article: see
  ``documents.date_estimated``), or NULL (no time at all); ``time_inferred`` is true
  exactly when it is published or estimated.
- ``documents.date_estimated``: for an article with no publication date, the latest
  explicit date its text mentions (``date_basis`` = ``mentioned``) or else the day it was
  ingested (``ingested``); NULL when the article is dated.

``facts`` merges the claims per (subject, relation, object, polarity) and is kept up to
date with every document written (store/facts.py): what the graph and who-supports read
on large stores. ``fact_origins`` and ``fact_outlets`` remember which origins and outlets
a fact has counted (an origin with its strongest modality and the weight of its best
claim), so adding a document counts them distinct and updates the confidence.

Mentions and claims belong to their document (ON DELETE CASCADE). Indexes serve the
questions asked most: who does what to an actor (object, relation), what an actor does
(subject, relation), and everything of one relation.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        PrimaryKeyConstraint, String, Table, Text, UniqueConstraint)

SCHEMA_VERSION = 4    # 2: facts, fact_origins, fact_outlets (filled from claims on upgrade)
                      # 3: claims.time_basis, documents.date_estimated and date_basis,
                      #    claims.confidence (the scorer's calibrated probability)
                      # 4: fact_origins.weight; facts.confidence from the claims'
                      #    probabilities (facts recomputed on upgrade)

# Columns each version added to tables an older version created: connection.ensure_schema
# adds them to older stores (ALTER TABLE ... ADD COLUMN), oldest version first, then runs
# that version's data step, if any.
ADDED_COLUMNS: dict[int, list[tuple[str, str]]] = {
    3: [("claims", "time_basis"), ("documents", "date_estimated"), ("documents", "date_basis"),
        ("claims", "confidence")],
    4: [("fact_origins", "weight")],
}

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
    Column("date_estimated", String(10)),        # undated articles only (see module doc)
    Column("date_basis", String(10)),            # mentioned | ingested, or NULL
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
    Column("time_basis", String(10)),            # stated | published | estimated | NULL
    Column("source", Text),
    Column("goods", Text, nullable=False, default=""),   # comma-separated, sorted
    Column("evidence", Text, nullable=False, default=""),
    Column("char_start", Integer, nullable=False, default=0),
    Column("char_end", Integer, nullable=False, default=0),
    Column("cue", Text, nullable=False, default=""),
    Column("confidence", Float),                 # the scorer's probability; NULL from the rules
    Index("ix_claims_object_relation", "object", "relation"),
    Index("ix_claims_subject_relation", "subject", "relation"),
    Index("ix_claims_relation", "relation"),
    Index("ix_claims_subject_object", "subject", "object"),   # explain: between two actors
)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", String(32), nullable=False),      # sides sorted for symmetric ones
    Column("relation", String(32), nullable=False),
    Column("object", String(32), nullable=False),
    Column("polarity", String(3), nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("n_asserted", Integer, nullable=False),      # claims per modality
    Column("n_reported", Integer, nullable=False),
    Column("n_possible", Integer, nullable=False),
    Column("origins_asserted", Integer, nullable=False),   # origins by strongest modality
    Column("origins_reported", Integer, nullable=False),
    Column("origins_possible", Integer, nullable=False),
    Column("day_first", String(10)),     # earliest when_start of a dated claim
    Column("first_end", String(10)),     # its when_end (breaks ties)
    Column("first_label", String(10)),   # its time as the article puts it
    Column("first_claim_id", Integer),
    Column("day_last", String(10)),      # latest when_end
    Column("last_start", String(10)),
    Column("last_label", String(10)),
    Column("last_claim_id", Integer),
    Column("goods", Text, nullable=False, default=""),      # union, comma-separated
    Column("n_without_goods", Integer, nullable=False, default=0),
    Column("newest_claim_id", Integer),                 # the last one stored
    Column("confidence", Float, nullable=False),        # from the origin counts
    UniqueConstraint("subject", "relation", "object", "polarity", name="ux_facts_key"),
    Index("ix_facts_object_relation", "object", "relation"),
    # the graph's strongest edges first: ORDER BY confidence, n_documents, id (all DESC)
    # walks this index backwards without sorting
    Index("ix_facts_strength", "confidence", "n_documents"),
)

fact_origins = Table(
    "fact_origins", metadata,
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("modality", String(10), nullable=False),      # the strongest it has stated
    Column("weight", Float),             # its best claim's weight (store/facts.py)
    PrimaryKeyConstraint("fact_id", "origin"),
)

fact_outlets = Table(
    "fact_outlets", metadata,
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("outlet", Text, nullable=False),
    PrimaryKeyConstraint("fact_id", "outlet"),
)

# One row, counted up by every document written (store/ingest.py): readers that keep
# answers (the web's graph) know from it whether the store has changed since.
store_generation = Table(
    "store_generation", metadata,
    Column("id", Integer, primary_key=True),
    Column("generation", Integer, nullable=False),
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

