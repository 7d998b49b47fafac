"""`blocwatch load DIR`: bulk-load the Parquet that spark-extract wrote into the store.

Month by month (the partitions of store/parquet.py; months with few documents grouped
together), documents are taken in batches of BATCH_DOCS; each batch is one transaction
that writes its new documents, their mentions and claims and adds their claims to the
stored facts with facts.record_documents (the same incremental merge ingest uses, so the
facts equal a rebuild by construction, and are never behind the claims a reader can see).
Why not load everything and rebuild the facts at the end: a crash between the two would
leave a store whose facts lie, and a rebuild re-reads every claim ever stored for each
day's load.

PostgreSQL, set-based: the batch's documents, mentions and claims are COPYed (CSV that
pyarrow writes from the Parquet, no row goes through Python) into temporary staging
tables dropped at commit; then ``INSERT INTO documents ... SELECT ... ON CONFLICT (hash)
DO NOTHING RETURNING id, hash`` stores the new texts, and one ``INSERT ... SELECT`` per
table adds the mentions and claims of exactly the documents this transaction stored,
joined by content hash. SQLite: the same steps with executemany.

Idempotent by content hash, like ingest: a document already stored with the same
extractor version is skipped (on PostgreSQL also one another writer stores meanwhile:
ON CONFLICT DO NOTHING); stored with another version, its mentions and claims are
replaced (the row and its id stay). A crash (kill -9, power cut) loses at most the batch
being written, staging tables included; running the same load again skips what was
committed and writes the rest, and no mention or claim is stored twice (they are only
ever written beside the document row that the same transaction inserts).

Memory holds one batch's months of mentions and claims (without text) and one batch of
documents.
"""
from __future__ import annotations

import bisect
import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, delete, insert, select, update
from sqlalchemy.dialects import postgresql
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
_PG_DIALECT = postgresql.dialect()
WORK_MEM = "256MB"        # PostgreSQL, per batch transaction


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
        groups = _month_groups(_months(datasets["documents"]), batch_docs)
        for months in _progress(groups, progress):
            children = {name: _Children(datasets[name], name, months)
                        for name in ("mentions", "claims")}
            for batch in _document_batches(datasets["documents"], months, batch_docs):
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


def _months(dataset) -> list[tuple[str, int]]:
    """(month, documents in it), oldest first."""
    column = dataset.to_table(columns=[parquet.PARTITION]).column(parquet.PARTITION)
    counts = column.value_counts().to_pylist()
    return sorted((c["values"], c["counts"]) for c in counts)


def _month_groups(months: list[tuple[str, int]], size: int) -> list[list[str]]:
    """Consecutive months together while their documents fit one batch of `size`: news
    spread thin over many months is still written in full batches (a transaction and a
    facts refresh each), and memory still holds about a batch of mentions and claims
    (or one month's, when a month alone is larger)."""
    groups: list[list[str]] = []
    held = size
    for month, n in months:
        if held + n > size:
            groups.append([])
            held = 0
        groups[-1].append(month)
        held += n
    return groups


def _in_months(months: list[str]):
    import pyarrow.dataset as ds  # noqa: PLC0415
    return ds.field(parquet.PARTITION).isin(months)


def _columns(dataset, name: str) -> list[str]:
    """The store's columns that the Parquet has (older or newer output loads too)."""
    have = set(dataset.schema.names)
    return [c for c in parquet.column_names(name) if c in have]


def _document_batches(dataset, months: list[str], size: int) -> Iterator:
    """The documents of `months` as pyarrow Tables of at most `size` rows."""
    import pyarrow as pa  # noqa: PLC0415
    scanner = dataset.scanner(columns=_columns(dataset, "documents"),
                              filter=_in_months(months), batch_size=size)
    pending: list = []
    held = 0
    for batch in scanner.to_batches():
        if not batch.num_rows:
            continue
        pending.append(batch)
        held += batch.num_rows
        while held >= size:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, size)
            rest = table.slice(size)
            pending, held = rest.to_batches(), rest.num_rows
    if held:
        yield pa.Table.from_batches(pending)


class _Children:
    """The mentions or claims of a group of months, sorted by document hash, taken per
    batch."""

    def __init__(self, dataset, name: str, months: list[str]) -> None:
        key = parquet.KEY[name]
        table = dataset.to_table(columns=_columns(dataset, name), filter=_in_months(months))
        # stable sort: a document's rows keep the order they were written in
        self.table = table.sort_by([(key, "ascending")]) if table.num_rows else table
        self.hashes = self.table.column(key).to_pylist() if table.num_rows else []
        self.key = key

    def table_of(self, hashes: list[str]):
        """The rows of the documents `hashes` (a pyarrow Table, the key column first), a
        document's rows together and in the order they were written."""
        indices: list[int] = []
        for h in hashes:
            indices.extend(range(bisect.bisect_left(self.hashes, h),
                                 bisect.bisect_right(self.hashes, h)))
        import pyarrow as pa  # noqa: PLC0415
        return self.table.take(pa.array(indices, pa.int64()))

    def rows_of(self, hashes: list[str]) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {h: [] for h in hashes}
        for row in self.table_of(hashes).to_pylist():
            found[row.pop(self.key)].append(row)
        return found


# ------------------------------------------------------------------ writing one batch

def _load_batch(engine: Engine, batch, children: dict[str, _Children],
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
            names = zip(batch.column("path").to_pylist(), batch.column("doc_id").to_pylist(),
                        strict=True)
            report.failed.extend(ReadError(path or doc_id, reason) for path, doc_id in names)
            return
        break
    stored, replaced, skipped, n_mentions, n_claims, version = counts
    report.stored += stored
    report.reextracted += replaced
    report.skipped += skipped
    report.mentions += n_mentions
    report.claims += n_claims
    report.extractor_version = report.extractor_version or version


def _write_batch(conn: Connection, batch, children: dict[str, _Children]):
    """New and outdated documents of `batch` (a pyarrow Table) into the store, facts
    included (caller's transaction); returns (stored, replaced, skipped, mentions,
    claims, version)."""
    if not batch.num_rows:
        return 0, 0, 0, 0, 0, ""
    version = batch.column("extractor_version")[0].as_py()
    if conn.dialect.name == "postgresql":
        counts = _write_batch_copy(conn, batch, children)
    else:
        counts = _write_batch_rows(conn, batch.to_pylist(), children)
    return (*counts, version)


def _write_batch_rows(conn: Connection, batch: list[dict], children: dict[str, _Children]):
    """_write_batch with executemany (SQLite)."""
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
        _forget(conn, [document_id])
        values = {k: v for k, v in doc.items() if k not in ("hash", "ingested_at")}
        conn.execute(update(documents).where(documents.c.id == document_id).values(**values))
    if new:
        conn.execute(insert(documents), [{**doc, "ingested_at": now} for doc in new])
    ids = {**_known_ids(conn, [d["hash"] for d in new]),
           **{doc["hash"]: document_id for document_id, doc in stale}}
    written = [d["hash"] for d in new] + [doc["hash"] for _, doc in stale]
    sizes = {}
    for name, table in (("mentions", mentions), ("claims", claims)):
        rows = []
        for h, found in children[name].rows_of(written).items():
            rows.extend({**row, "document_id": ids[h]} for row in found)
        if rows:
            conn.execute(insert(table), rows)
        sizes[name] = len(rows)
    _refresh(conn, list(ids.values()))
    return len(new), len(stale), skipped, sizes["mentions"], sizes["claims"]


def _forget(conn: Connection, document_ids: list[int]) -> None:
    """Take stored documents' claims out of the facts and delete their mentions and
    claims, before they are written again (re-extraction; the rows and ids stay)."""
    for document_id in document_ids:
        forget_document(conn, document_id)
    conn.execute(delete(mentions).where(mentions.c.document_id.in_(document_ids)))
    conn.execute(delete(claims).where(claims.c.document_id.in_(document_ids)))


def _refresh(conn: Connection, document_ids: list[int]) -> None:
    """The facts of the documents just written, and the store's generation."""
    if document_ids:
        record_documents(conn, sorted(document_ids))
        bump_generation(conn)


# ------------------------------------------------------------------ PostgreSQL: COPY

STAGE = {"documents": "_load_documents", "mentions": "_load_mentions",
         "claims": "_load_claims", "written": "_load_written"}


def _write_batch_copy(conn: Connection, batch, children: dict[str, _Children]):
    """_write_batch on PostgreSQL: COPY into staging tables, then set-based SQL."""
    import pyarrow as pa  # noqa: PLC0415
    raw = conn.connection.driver_connection
    doc_columns = [n for n in batch.column_names if n != "ingested_at"]
    with raw.cursor() as cur:
        # the inserts sort a batch's mentions and claims by document: in memory, not on
        # disk (PostgreSQL's default work_mem is 4 MB); for this transaction only
        cur.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        # staging tables live in this transaction only: a crash or a rollback takes
        # them with it, and the retry of a batch starts clean
        _create_stage(cur, STAGE["documents"], documents, doc_columns)
        cur.execute(f'CREATE TEMP TABLE {STAGE["written"]} (id bigint PRIMARY KEY, '
                    "hash text NOT NULL) ON COMMIT DROP")
        _copy(cur, STAGE["documents"], batch.select(doc_columns).append_column(
            "seq", pa.array(range(batch.num_rows), pa.int64())))
        names = ", ".join(_quoted(doc_columns))
        chosen = (f'SELECT DISTINCT ON (hash) * FROM {STAGE["documents"]} '
                  "ORDER BY hash, seq")          # a text twice in the batch: its first copy
        # stored with another extractor version: replaced, the row and its id stay
        cur.execute(f"SELECT d.id FROM documents d JOIN ({chosen}) s ON s.hash = d.hash "
                    "WHERE d.extractor_version <> s.extractor_version "
                    "ORDER BY d.id FOR UPDATE OF d")
        stale = [r[0] for r in cur.fetchall()]
        if stale:
            _forget(conn, stale)
            sets = ", ".join(f"{c} = s.{c}" for c in _quoted(doc_columns) if c != '"hash"')
            cur.execute(f"UPDATE documents d SET {sets} FROM ({chosen}) s "
                        "WHERE s.hash = d.hash AND d.id = ANY(%s)", [stale])
            cur.execute(f'INSERT INTO {STAGE["written"]} (id, hash) '
                        "SELECT id, hash FROM documents WHERE id = ANY(%s)", [stale])
        # new texts; one another writer stored meanwhile is skipped, not an error
        cur.execute(
            f'WITH stored AS (INSERT INTO documents ({names}, ingested_at) '
            f"SELECT {names}, now() FROM ({chosen}) s ORDER BY seq "
            "ON CONFLICT (hash) DO NOTHING RETURNING id, hash) "
            f'INSERT INTO {STAGE["written"]} (id, hash) SELECT id, hash FROM stored')
        stored = cur.rowcount
        cur.execute(f'SELECT hash FROM {STAGE["written"]}')
        written = [r[0] for r in cur.fetchall()]
        sizes = {}
        for name, table in (("mentions", mentions), ("claims", claims)):
            rows = children[name].table_of(written)
            sizes[name] = rows.num_rows
            if not rows.num_rows:
                continue
            columns = [n for n in rows.column_names if n != parquet.KEY[name]]
            _create_stage(cur, STAGE[name], table, rows.column_names)
            _copy(cur, STAGE[name], rows.append_column(
                "seq", pa.array(range(rows.num_rows), pa.int64())))
            listed = ", ".join(_quoted(columns))
            picked = ", ".join(f"s.{c}" for c in _quoted(columns))
            # ids in the order ingest gives them: by document, then as extracted
            cur.execute(
                f"INSERT INTO {table.name} (document_id, {listed}) SELECT w.id, {picked} "
                f'FROM {STAGE[name]} s JOIN {STAGE["written"]} w '
                f"ON w.hash = s.{parquet.KEY[name]} ORDER BY w.id, s.seq")
        cur.execute(f'SELECT id FROM {STAGE["written"]}')
        ids = [r[0] for r in cur.fetchall()]
    _refresh(conn, ids)
    skipped = batch.num_rows - stored - len(stale)
    return stored, len(stale), skipped, sizes["mentions"], sizes["claims"]


def _quoted(names: list[str]) -> list[str]:
    return [f'"{n}"' for n in names]


def _create_stage(cur, stage: str, table: Table, columns: list[str]) -> None:
    """A temporary table for `columns` of `table` (a key column not in it is text),
    and seq, the row's place in the batch."""
    types = {c.name: c.type.compile(dialect=_PG_DIALECT) for c in table.c}
    listed = ", ".join(f'"{n}" {types.get(n, "text")}' for n in columns)
    cur.execute(f"CREATE TEMP TABLE {stage} ({listed}, seq bigint) ON COMMIT DROP")


def _copy(cur, stage: str, table) -> None:
    """`table` (pyarrow) into `stage` with COPY, as CSV that pyarrow writes: an unquoted
    empty field is NULL, a quoted one the empty string."""
    import io  # noqa: PLC0415

    import pyarrow.csv as pacsv  # noqa: PLC0415
    buffer = io.BytesIO()
    pacsv.write_csv(table, buffer, pacsv.WriteOptions(include_header=False,
                                                      quoting_style="needed"))
    names = ", ".join(_quoted(table.column_names))
    with cur.copy(f"COPY {stage} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
        copy.write(buffer.getbuffer())


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


def _progress(items: list, enabled: bool):
    if not enabled:
        return items
    import sys  # noqa: PLC0415

    from tqdm import tqdm  # noqa: PLC0415
    return tqdm(items, desc="load", unit="batch", file=sys.stderr, dynamic_ncols=True)
