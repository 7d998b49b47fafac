"""The Parquet layout that `spark-extract` writes and `load` reads.

    DIR/documents/month=YYYY-MM/part-*.parquet   one row per distinct text
    DIR/mentions/month=YYYY-MM/part-*.parquet    actor mentions
    DIR/claims/month=YYYY-MM/part-*.parquet      claims
    DIR/errors/part-*.parquet                    what could not be read or extracted, and why

The columns are the store's (schema.py), taken from the SQLAlchemy tables here and nowhere
else: a column added to a table (the lead's ``claims.confidence``) is written and loaded
without a change to this module, provided ingest's row builders fill it. The database ids
are left out: documents are keyed by content hash (``hash``), their mentions and claims by
``document_hash``. ``month`` is the publication month (``YYYY-MM``; ``YYYY`` when only the
year is known, ``undated`` without a date), so a month of news is one folder per table and
``load`` reads a month of each table together.

pyarrow is imported lazily: the store works without it (it comes with the ``spark`` extra).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Integer, Table

from .schema import claims, documents, mentions

TABLES: dict[str, Table] = {"documents": documents, "mentions": mentions, "claims": claims}
KEY = {"documents": "hash", "mentions": "document_hash", "claims": "document_hash"}
PARTITION = "month"
UNDATED = "undated"
ERROR_FIELDS = ("path", "doc_id", "stage", "reason")   # stage: read | extract


def stored_columns(name: str) -> list[Column]:
    """The columns of a table that Parquet carries: all but the database ids."""
    return [c for c in TABLES[name].c if not c.primary_key and c.name != "document_id"]


def column_names(name: str) -> list[str]:
    """The Parquet columns of table `name`, its key first (without the partition)."""
    names = [c.name for c in stored_columns(name)]
    return names if name == "documents" else [KEY[name], *names]


def month_of(date: str | None) -> str:
    """The partition of a document published on `date` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not date:
        return UNDATED
    return date[:7]


def _arrow_type(column: Column):
    import pyarrow as pa  # noqa: PLC0415
    kind = column.type
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, DateTime):
        return pa.timestamp("us", tz="UTC")
    return pa.string()


def arrow_fields(name: str) -> list:
    """pyarrow fields of table `name` as Parquet carries it (key first)."""
    import pyarrow as pa  # noqa: PLC0415
    fields = [pa.field(c.name, _arrow_type(c)) for c in stored_columns(name)]
    if name != "documents":
        fields.insert(0, pa.field(KEY[name], pa.string()))
    return fields


def error_fields() -> list:
    import pyarrow as pa  # noqa: PLC0415
    return [pa.field(name, pa.string()) for name in ERROR_FIELDS]
