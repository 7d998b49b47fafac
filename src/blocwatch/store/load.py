"""`blocwatch load DIR`: bulk-load the Parquet that spark-extract wrote into the store.

Month by month (the partitions of store/parquet.py), documents are taken in batches of
BATCH_DOCS; each batch is one transaction that writes its new documents, their mentions
and claims (PostgreSQL: COPY; SQLite: executemany) and adds their claims to the stored
facts with facts.record_documents, which touches each fact the batch shares once (the
same incremental merge ingest uses, so the facts equal a rebuild by construction, and
are never behind the claims a reader can see). Why not load everything and rebuild the
facts at the end: a crash between the two would leave a store whose facts lie, and a
rebuild re-reads every claim ever stored for each day's load.

Idempotent by content hash, like ingest: a document already stored with the same
extractor version is skipped; stored with another version, its mentions and claims are
replaced (the row and its id stay). A crash (kill -9, power cut) loses at most the batch
being written; running the same load again skips what was committed and writes the rest.
Should another writer store one of the batch's texts meanwhile, the batch is looked up
and written again.

Memory holds one month's mentions and claims (without text) and one batch of documents.
"""
from __future__ import annotations

import bisect
import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from ..model import ReadError
from . import parquet
from .connection import create_store_engine, display_url, writing
from .facts import forget_document, record_documents
from .generation import bump_generation
from .ingest import IngestReport
from .schema import claims, documents, mentions

BATCH_DOCS = 2_000        # documents per transaction
LOOKUP = 500              # hashes per look-up query (SQLite caps bound parameters)
ATTEMPTS = 3


class LoadError(ValueError):
    """DIR is not spark-extract output, or pyarrow is missing; one line for the user."""


def load(directory: str | os.PathLike, url: str | Engine | None = None, *,
         batch_docs: int = BATCH_DOCS, progress: bool = False) -> IngestReport:
    """Load spark-extract's Parquet at `directory` into the store at `url`; returns what
    was stored, replaced and skipped (failed: batches that could not be written)."""
    datasets = _datasets(Path(directory))
    own_engine = not isinstance(url, Engine)
    engine = create_store_engine(url) if own_engine else url
    report = IngestReport(url=display_url(str(engine.url)))
    started = time.perf_counter()
    try:
        months = _months(datasets["documents"])
        for month in _progress(months, progress):
            children = {name: _Children(datasets[name], name, month)
                        for name in ("mentions", "claims")}
            for batch in _document_batches(datasets["documents"], month, batch_docs):
                _load_batch(engine, batch, children, report)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        report.seconds = time.perf_counter() - started
        if own_engine:
            engine.dispose()
    return report


# ------------------------------------------------------------------ reading the Parquet

def _datasets(directory: Path) -> dict:
    try:
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.dataset as ds  # noqa: PLC0415
    except ImportError:
        raise LoadError("pyarrow is not installed: pip install 'blocwatch[spark]'") from None
    missing = [name for name in parquet.TABLES if not (directory / name).is_dir()]
    if missing:
        raise LoadError(f"{directory}: no {', '.join(missing)} folder (expected the output "
                        "of `blocwatch spark-extract ... --out DIR`)")
    partitioning = ds.partitioning(pa.schema([(parquet.PARTITION, pa.string())]),
                                   flavor="hive")
    return {name: ds.dataset(str(directory / name), format="parquet",
                             partitioning=partitioning) for name in parquet.TABLES}


def _months(dataset) -> list[str]:
    import pyarrow.compute as pc  # noqa: PLC0415
    column = dataset.to_table(columns=[parquet.PARTITION]).column(parquet.PARTITION)
    return sorted(pc.unique(column).to_pylist())


def _in_month(month: str):
    import pyarrow.dataset as ds  # noqa: PLC0415
    return ds.field(parquet.PARTITION) == month


def _columns(dataset, name: str) -> list[str]:
    """The store's columns that the Parquet has (older or newer output loads too)."""
    have = set(dataset.schema.names)
    return [c for c in parquet.column_names(name) if c in have]


def _document_batches(dataset, month: str, size: int) -> Iterator[list[dict]]:
    scanner = dataset.scanner(columns=_columns(dataset, "documents"),
                              filter=_in_month(month), batch_size=size)
    pending: list[dict] = []
    for batch in scanner.to_batches():
        pending.extend(batch.to_pylist())
        while len(pending) >= size:
            yield pending[:size]
            pending = pending[size:]
    if pending:
        yield pending


class _Children:
    """One month's mentions or claims, sorted by document hash, taken per batch."""

    def __init__(self, dataset, name: str, month: str) -> None:
        key = parquet.KEY[name]
        table = dataset.to_table(columns=_columns(dataset, name), filter=_in_month(month))
        # stable sort: a document's rows keep the order they were written in
        self.table = table.sort_by([(key, "ascending")]) if table.num_rows else table
        self.hashes = self.table.column(key).to_pylist() if table.num_rows else []
        self.key = key

    def rows_of(self, hashes: list[str]) -> dict[str, list[dict]]:
        indices: list[int] = []
        for h in hashes:
            indices.extend(range(bisect.bisect_left(self.hashes, h),
                                 bisect.bisect_right(self.hashes, h)))
        found: dict[str, list[dict]] = {h: [] for h in hashes}
        if indices:
            for row in self.table.take(indices).to_pylist():
                found[row.pop(self.key)].append(row)
        return found


# ------------------------------------------------------------------ writing one batch

def _load_batch(engine: Engine, batch: list[dict], children: dict[str, _Children],
                report: IngestReport) -> None:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with writing(engine) as conn:
                counts = _write_batch(conn, batch, children)
        except (IntegrityError, OperationalError) as exc:
            # another writer stored one of these texts (or locked a shared fact) meanwhile
            if attempt < ATTEMPTS:
                time.sleep(0.1 * attempt)
                continue
            reason = f"not stored: {type(exc).__name__}: {str(exc).splitlines()[0]}"
            report.failed.extend(ReadError(d.get("path") or d["doc_id"], reason) for d in batch)
            return
        break
    stored, replaced, skipped, n_mentions, n_claims, version = counts
    report.stored += stored
    report.reextracted += replaced
    report.skipped += skipped
    report.mentions += n_mentions
    report.claims += n_claims
    report.extractor_version = report.extractor_version or version


def _write_batch(conn: Connection, batch: list[dict], children: dict[str, _Children]):
    """New and outdated documents of `batch` into the store, facts included (caller's
    transaction); returns (stored, replaced, skipped, mentions, claims, version)."""
    known = _known(conn, [d["hash"] for d in batch])
    new, stale, skipped, seen = [], [], 0, set()
    for doc in batch:
        row = known.get(doc["hash"])
        if doc["hash"] in seen or (row is not None and row[1] == doc["extractor_version"]):
            skipped += 1
        elif row is None:
            new.append(doc)
        else:
            stale.append((row[0], doc))
        seen.add(doc["hash"])
    now = dt.datetime.now(dt.UTC)
    for document_id, doc in stale:         # as ingest replaces: row and id stay
        forget_document(conn, document_id)
        conn.execute(delete(mentions).where(mentions.c.document_id == document_id))
        conn.execute(delete(claims).where(claims.c.document_id == document_id))
        values = {k: v for k, v in doc.items() if k not in ("hash", "ingested_at")}
        conn.execute(update(documents).where(documents.c.id == document_id).values(**values))
    if new:
        _bulk_insert(conn, documents, [{**doc, "ingested_at": now} for doc in new])
    ids = {**_known_ids(conn, [d["hash"] for d in new]),
           **{doc["hash"]: document_id for document_id, doc in stale}}
    written = [d["hash"] for d in new] + [doc["hash"] for _, doc in stale]
    sizes = {}
    for name, table in (("mentions", mentions), ("claims", claims)):
        rows = []
        for h, found in children[name].rows_of(written).items():
            rows.extend({**row, "document_id": ids[h]} for row in found)
        _bulk_insert(conn, table, rows)
        sizes[name] = len(rows)
    if written:
        record_documents(conn, sorted(ids.values()))
        bump_generation(conn)
    version = batch[0]["extractor_version"] if batch else ""
    return len(new), len(stale), skipped, sizes["mentions"], sizes["claims"], version


def _known(conn: Connection, hashes: list[str]) -> dict[str, tuple[int, str]]:
    found = {}
    for i in range(0, len(hashes), LOOKUP):
        part = hashes[i:i + LOOKUP]
        found.update({r.hash: (r.id, r.extractor_version) for r in conn.execute(
            select(documents.c.hash, documents.c.id, documents.c.extractor_version)
            .where(documents.c.hash.in_(part)))})
    return found


def _known_ids(conn: Connection, hashes: list[str]) -> dict[str, int]:
    return {h: value[0] for h, value in _known(conn, hashes).items()}


def _bulk_insert(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Rows into `table` in the caller's transaction: COPY on PostgreSQL, else
    executemany. The columns are those of the first row (all rows have the same)."""
    if not rows:
        return
    names = [c.name for c in table.c if c.name in rows[0]]
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        quoted = ", ".join(f'"{n}"' for n in names)
        with raw.cursor() as cursor, cursor.copy(
                f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[n] for n in names])
        return
    conn.execute(insert(table), [{n: row[n] for n in names} for row in rows])


def _progress(items: list, enabled: bool):
    if not enabled:
        return items
    import sys  # noqa: PLC0415

    from tqdm import tqdm  # noqa: PLC0415
    return tqdm(items, desc="load", unit="month", file=sys.stderr, dynamic_ncols=True)
