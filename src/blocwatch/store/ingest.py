"""Read -> extract -> store; every document is stored whole or not at all.

With one job (the default) each document is extracted and written in a transaction of its
own. Why: a run that is killed (kill -9, power cut) loses at most the document it was
writing, never leaves half of one, and the next run picks up where it stopped because
every committed document is found again by its content hash. Why not one transaction per
batch: a long batch would hold the SQLite write lock for minutes and one bad document
would undo the others.

With ``jobs`` > 1 (``blocwatch ingest --jobs N``) N worker processes of the local runner
(blocwatch.runner, the same as ``extract --jobs N``) extract and this process alone reads,
looks up and writes.
Documents already stored with the current extractor version are skipped before they are
sent to a worker (their hashes are looked up 16 at a time). The writer commits the
extractions that are ready together: one transaction per group of at most COMMIT_DOCS
documents or COMMIT_SECONDS of waiting, written only once every document in it is fully
extracted, so the write lock is held for the writing alone (about 0.1 s) and a group
holds only whole documents. Why: on SQLite every commit writes each page it touched to
the WAL again (the claims and mentions indexes: about 200 KB per single-document commit),
which costs ~3 ms a document and caps the writer below what two workers extract; in
groups of 100 it is ~1 ms. A killed run loses the group it was about to commit (at most
COMMIT_SECONDS of work), never half a document, and resumes by content hash as with one
job. Should a group fail on the unique content hash (another process stored the same text
meanwhile), its documents are written again one transaction each and the duplicate is
counted as skipped. Results are written in input order, so document ids come out as with
one job. Ctrl-C drops the uncommitted group.

A document whose text is already stored with the current extractor version is skipped;
stored with another version, its mentions and claims are replaced (the same work as
``reextract``). A file the reader cannot read, or a document the extractor fails on (or
whose worker process dies), is reported and nothing of it is stored; the batch goes on.
``reextract`` always works one document per transaction.
"""
from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..model import TIME_BASES, Document, Extraction, ReadError
from ..runner import CHUNK, Extractor, Failure, Workers, default_extractor, extract_checked
from .connection import create_store_engine, display_url, writing
from .faults import StoreUnwritable, cannot_write, explain
from .facts import forget_document, record_document, record_documents
from .generation import bump_generation
from .periods import normalise, period
from .schema import claims, documents, mentions

# --jobs N: how documents flow between the reader, the workers (blocwatch.runner) and
# the writer
LOOKUP_BATCH = 16       # content hashes looked up in one query
COMMIT_DOCS = 200       # documents per write transaction at most
COMMIT_SECONDS = 0.5    # longest an extracted document waits for its commit


@dataclass
class IngestReport:
    """What one ingest (or reextract) run did."""
    url: str = ""
    stored: int = 0            # new documents
    reextracted: int = 0       # stored documents whose mentions and claims were replaced
    skipped: int = 0           # already stored with the current extractor version
    failed: list[ReadError] = field(default_factory=list)   # unreadable or unextractable
    mentions: int = 0
    claims: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    stopped: str = ""          # why the batch stopped before its end (a full disk)
    extractor_version: str = ""

    @property
    def docs_per_second(self) -> float:
        done = self.stored + self.reextracted
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {
            "url": self.url, "extractor_version": self.extractor_version,
            "stored": self.stored, "reextracted": self.reextracted, "skipped": self.skipped,
            "failed": [{"path": f.path, "reason": f.reason} for f in self.failed],
            "mentions": self.mentions, "claims": self.claims,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 1),
            "interrupted": self.interrupted, "stopped": self.stopped,
        }


def _resolve_extractor(extract: Extractor | None, version: str | None) -> tuple[Extractor, str]:
    if extract is None:
        default_extract, default_version = default_extractor()
        return default_extract, version or default_version
    return extract, version or getattr(extract, "version", None) or "custom"


def estimated_date(doc: Document, today: str | None = None) -> tuple[str | None, str | None]:
    """(date, basis) for an article with no publication date: the latest explicit date its
    text mentions, up to `today` (basis "mentioned"), else `today` itself ("ingested").
    (None, None) for a dated article."""
    if doc.date:
        return None, None
    today = today or dt.date.today().isoformat()
    from ..claims.timex import resolve_all  # noqa: PLC0415 - lazy, as the extractor is
    # without a publication date only absolute expressions resolve ("am 5. Januar 2022")
    mentioned = [v for _, v in resolve_all(doc.text, None)
                 if period(v) is not None and period(v)[0] <= today]
    if mentioned:
        return max(mentioned, key=lambda v: (period(v)[0], len(v))), "mentioned"
    return today, "ingested"


def _claim_rows(document_id: int, extraction: Extraction,
                estimate: str | None = None) -> list[dict]:
    """The claims' rows. A time the sentence does not give comes from the publication date
    (basis "published") or, for an undated article, from `estimate` ("estimated"); an
    extractor that names no basis for a time it gives is taken to have read it in the
    sentence ("stated")."""
    doc_period = period(extraction.document.date)
    rows = []
    for c in extraction.claims:
        time_ = normalise(c.time)
        covered = period(time_)
        basis = c.time_basis if c.time_basis in TIME_BASES else None
        if covered is None:
            if doc_period is not None:
                covered, basis = doc_period, "published"
            elif estimate is not None and period(estimate) is not None:
                covered, basis = period(estimate), "estimated"
            else:
                basis = None
        elif basis is None:
            basis = "stated"
        inferred = basis in ("published", "estimated")
        rows.append({
            "document_id": document_id,
            "subject": c.subject, "relation": c.relation, "object": c.object,
            "polarity": c.polarity, "modality": c.modality, "time": time_,
            "when_start": covered[0] if covered else None,
            "when_end": covered[1] if covered else None,
            "time_inferred": inferred,
            "time_basis": basis,
            "source": c.source or None,
            "goods": ",".join(sorted(set(c.goods))),
            "evidence": c.evidence or "",
            "char_start": c.start or 0, "char_end": c.end or 0,
            "cue": c.cue or "",
            "confidence": c.confidence,
        })
    return rows


def _mention_rows(document_id: int, extraction: Extraction) -> list[dict]:
    return [{"document_id": document_id, "char_start": m.start, "char_end": m.end,
             "text": m.text, "code": m.code, "kind": m.kind}
            for m in extraction.mentions]


def _document_values(doc: Document, version: str, n_mentions: int, n_claims: int) -> dict:
    now = dt.datetime.now(dt.UTC)
    estimate, basis = estimated_date(doc, now.date().isoformat())
    return {
        "hash": doc.hash, "doc_id": doc.doc_id, "path": doc.path, "url": doc.url,
        "outlet": doc.outlet, "title": doc.title, "date": normalise(doc.date),
        "date_estimated": estimate, "date_basis": basis,
        "language": doc.language, "text": doc.text, "extractor_version": version,
        "ingested_at": now, "extracted_at": now,
        "n_mentions": n_mentions, "n_claims": n_claims,
    }


def write_extraction(conn: Connection, extraction: Extraction, version: str,
                     replace_id: int | None = None, record_facts: bool = True) -> int:
    """Store one extraction inside the caller's transaction; returns the document's id.

    With `replace_id` the stored document keeps its row (and its first ingest time) and
    gets the new mentions, claims and version. With `record_facts` False (new documents
    only) the caller adds the document to the facts with facts.record_documents before
    the transaction ends, together with the others it writes.
    """
    if replace_id is not None and not record_facts:
        raise ValueError("a replaced document's facts are recomputed at once")
    doc = extraction.document
    values = _document_values(doc, version, len(extraction.mentions), len(extraction.claims))
    if replace_id is None:
        document_id = conn.execute(insert(documents).values(**values)).inserted_primary_key[0]
    else:
        document_id = replace_id
        values.pop("ingested_at")
        forget_document(conn, document_id)
        conn.execute(delete(mentions).where(mentions.c.document_id == document_id))
        conn.execute(delete(claims).where(claims.c.document_id == document_id))
        conn.execute(update(documents).where(documents.c.id == document_id).values(**values))
    # executemany: one round trip per table and document, no per-row commits
    mention_rows = _mention_rows(document_id, extraction)
    if mention_rows:
        conn.execute(insert(mentions), mention_rows)
    claim_rows = _claim_rows(document_id, extraction, values["date_estimated"])
    if claim_rows:
        conn.execute(insert(claims), claim_rows)
        if record_facts:
            record_document(conn, document_id)
    bump_generation(conn)
    return document_id


WRITE_ATTEMPTS = 5


def write_retrying(engine: Engine, extraction: Extraction, version: str,
                   replace_id: int | None = None) -> bool:
    """write_extraction in a transaction of its own; False when another process stored
    the same text first.

    Why retry: two processes writing into one store can collide on what documents share,
    the stored facts. On PostgreSQL both may insert the same new fact (the second fails
    on its unique key once the first commits) or lock the same facts (a deadlock the
    server breaks by failing one); SQLite's single writer may time out waiting. Trying
    the document's transaction again then succeeds; each try is whole or nothing. A full
    disk or a read-only store is not retried: StoreUnwritable stops the batch.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with writing(engine) as conn:
                write_extraction(conn, extraction, version, replace_id=replace_id)
            return True
        except (IntegrityError, OperationalError) as exc:
            if cannot_write(exc):
                raise explain(exc, display_url(str(engine.url))) from None
            if replace_id is None:
                with engine.connect() as conn:
                    if conn.execute(select(documents.c.id).where(
                            documents.c.hash == extraction.document.hash)).first():
                        return False
            if attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)
    return False


def _progress(items: Iterable, enabled: bool, desc: str, total: int | None = None):
    if not enabled:
        return items
    from tqdm import tqdm  # noqa: PLC0415
    return tqdm(items, desc=desc, unit="doc", total=total, file=sys.stderr,
                dynamic_ncols=True)


def ingest(paths: Iterable[str], url: str | Engine | None = None, progress: bool = True, *,
           extract: Extractor | None = None, extractor_version: str | None = None,
           read: Callable[[list[str]], Iterable[Document | ReadError]] | None = None,
           jobs: int = 1) -> IngestReport:
    """Read, extract and store every document under `paths`; returns what happened.

    `extract` defaults to ``blocwatch.pipeline.extract`` (version
    ``blocwatch.pipeline.EXTRACTOR_VERSION``); `read` to ``blocwatch.read.read_paths``.
    Both are parameters so that tests and other front ends can bring their own.
    With `jobs` > 1 extraction runs in that many worker processes and the writes are
    grouped (see the module doc); `extract` must then be picklable, or the platform must
    fork (Linux). Ctrl-C stops after the current transaction is rolled back; the report
    says ``interrupted``.
    """
    extract, version = _resolve_extractor(extract, extractor_version)
    if read is None:
        from ..read import read_paths as read  # noqa: PLC0415

    def items_of(_engine: Engine):
        return _progress(read(list(paths)), progress, "ingest")

    def show(report: IngestReport, items) -> None:
        if progress and hasattr(items, "set_postfix"):
            items.set_postfix(stored=report.stored, skipped=report.skipped,
                              failed=len(report.failed), refresh=False)

    if jobs <= 1:
        def run(engine: Engine, items, report: IngestReport) -> None:
            for item in items:
                if isinstance(item, ReadError):
                    report.failed.append(item)
                    continue
                _ingest_one(engine, item, extract, version, report)
                show(report, items)

        return _run_batch(url, version, items_of, run)

    # the workers are forked before the store is opened: no connection crosses a fork
    workers = Workers(extract, jobs)
    try:
        def run(engine: Engine, items, report: IngestReport) -> None:
            batch = _ParallelIngest(engine, workers, version, report)
            for item in items:
                batch.add(item)
                show(report, items)
            batch.finish()

        return _run_batch(url, version, items_of, run)
    finally:
        workers.close()


def _run_batch(url: str | Engine | None, version: str, items_of, run) -> IngestReport:
    """The frame shared by ingest and reextract: open the store, let `run` work through
    the items, stop cleanly on Ctrl-C, time it, close what we opened."""
    own_engine = not isinstance(url, Engine)
    engine = create_store_engine(url) if own_engine else url
    report = IngestReport(url=display_url(str(engine.url)), extractor_version=version)
    started = time.perf_counter()
    items = items_of(engine)
    try:
        run(engine, items, report)
    except KeyboardInterrupt:
        report.interrupted = True
    except StoreUnwritable as exc:        # every later document would fail the same way
        report.stopped = str(exc)
    finally:
        if hasattr(items, "close"):
            items.close()
        report.seconds = time.perf_counter() - started
        if own_engine:
            engine.dispose()          # close pooled connections we opened
    return report


def _failure(doc: Document, exc: BaseException | str) -> ReadError:
    reason = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return ReadError(doc.path or doc.doc_id, f"extraction failed: {reason}")


def _not_stored(doc: Document, exc: BaseException) -> ReadError:
    first_line = str(exc).splitlines()[0] if str(exc) else ""
    return ReadError(doc.path or doc.doc_id, f"not stored: {type(exc).__name__}: {first_line}")


# --- jobs > 1: worker processes extract, this process writes ------------------------------

class _ParallelIngest:
    """The parent's side of ``ingest(jobs > 1)``: look up, dispatch, collect in input
    order, write in groups. Every count in the report is of committed documents."""

    def __init__(self, engine: Engine, workers: Workers, version: str,
                 report: IngestReport) -> None:
        self.engine, self.workers, self.version, self.report = engine, workers, version, report
        self.unchecked: list[Document] = []           # waiting for the hash look-up
        self.ready: list[tuple[Extraction, int | None]] = []   # extracted, not committed
        self.ready_since = 0.0
        self.pending: set[str] = set()                 # hashes read and not yet settled

    def add(self, item: Document | ReadError) -> None:
        if isinstance(item, ReadError):
            self.report.failed.append(item)
            return
        if item.hash in self.pending:      # the same text twice in this run
            self.report.skipped += 1
            return
        self.pending.add(item.hash)
        self.unchecked.append(item)
        if len(self.unchecked) >= LOOKUP_BATCH:
            self._dispatch()
        self._collect(block=False)

    def finish(self) -> None:
        self._dispatch()
        while self.workers.queue:
            self._collect(block=True)
        self._commit()

    def _dispatch(self) -> None:
        """Look the waiting documents up; send those not stored with this version off."""
        docs, self.unchecked = self.unchecked, []
        if not docs:
            return
        with self.engine.connect() as conn:
            known = {row.hash: row for row in conn.execute(
                select(documents.c.hash, documents.c.id, documents.c.extractor_version)
                .where(documents.c.hash.in_(sorted({d.hash for d in docs}))))}
        todo = []
        for doc in docs:
            row = known.get(doc.hash)
            if row is not None and row.extractor_version == self.version:
                self.report.skipped += 1
                self.pending.discard(doc.hash)
            else:
                todo.append((doc, row.id if row is not None else None))
        for i in range(0, len(todo), CHUNK):
            while self.workers.full:
                self._collect(block=True)
            part = todo[i:i + CHUNK]
            self.workers.send([d for d, _ in part], [r for _, r in part])

    def _collect(self, block: bool) -> None:
        """Take the finished chunks at the head of the queue (with `block`, wait for the
        first); commit the ready group when it is full or has waited long enough."""
        while self.workers.queue:
            if not self.workers.head_done():
                if not block:
                    break
                timeout = None
                if self.ready:
                    timeout = max(0.0, self.ready_since + COMMIT_SECONDS - time.monotonic())
                if not self.workers.wait(timeout):
                    self._commit()            # the group waited long enough
                    continue
            self._take()
            block = False
        if self.ready and (len(self.ready) >= COMMIT_DOCS
                           or time.monotonic() - self.ready_since >= COMMIT_SECONDS):
            self._commit()

    def _take(self) -> None:
        chunk, results = self.workers.take()
        for doc, replace_id, result in zip(chunk.docs, chunk.tags, results, strict=True):
            if isinstance(result, Failure):
                self.report.failed.append(_failure(doc, str(result)))
                self.pending.discard(doc.hash)
                continue
            if not self.ready:
                self.ready_since = time.monotonic()
            self.ready.append((result, replace_id))

    def _commit(self) -> None:
        """Write the ready extractions in one transaction (only whole documents in it)."""
        group, self.ready = self.ready, []
        if not group:
            return
        try:
            with writing(self.engine) as conn:
                # new documents' facts are recorded together (one pass over the facts
                # they share); before a replaced document, whose facts are recomputed
                # from the stored claims, the facts are brought up to date
                unrecorded: list[int] = []
                for extraction, replace_id in group:
                    if replace_id is not None and unrecorded:
                        record_documents(conn, unrecorded)
                        unrecorded = []
                    document_id = write_extraction(conn, extraction, self.version,
                                                   replace_id=replace_id,
                                                   record_facts=replace_id is not None)
                    if replace_id is None:
                        unrecorded.append(document_id)
                record_documents(conn, unrecorded)
        except (IntegrityError, OperationalError):
            # another process stored one of these texts meanwhile, or collided with this
            # one on shared facts (see write_retrying): one at a time, so only the
            # duplicate is skipped
            for extraction, replace_id in group:
                try:
                    written = write_retrying(self.engine, extraction, self.version, replace_id)
                except SQLAlchemyError as exc:
                    self.report.failed.append(_not_stored(extraction.document, exc))
                else:
                    if written:
                        self._count(extraction, replace_id)
                    else:
                        self.report.skipped += 1
                self.pending.discard(extraction.document.hash)
            return
        for extraction, replace_id in group:
            self._count(extraction, replace_id)
            self.pending.discard(extraction.document.hash)

    def _count(self, extraction: Extraction, replace_id: int | None) -> None:
        if replace_id is None:
            self.report.stored += 1
        else:
            self.report.reextracted += 1
        self.report.mentions += len(extraction.mentions)
        self.report.claims += len(extraction.claims)


def _ingest_one(engine: Engine, doc: Document, extract: Extractor, version: str,
                report: IngestReport) -> None:
    with engine.connect() as conn:
        known = conn.execute(select(documents.c.id, documents.c.extractor_version)
                             .where(documents.c.hash == doc.hash)).first()
    if known is not None and known.extractor_version == version:
        report.skipped += 1
        return
    try:
        extraction = extract_checked(extract, doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        report.failed.append(_failure(doc, exc))
        return
    try:
        written = write_retrying(engine, extraction, version,
                                 replace_id=known.id if known is not None else None)
    except SQLAlchemyError as exc:
        report.failed.append(_not_stored(doc, exc))
        return
    if not written:
        # another process stored the same text between our look-up and our insert
        report.skipped += 1
        return
    if known is None:
        report.stored += 1
    else:
        report.reextracted += 1
    report.mentions += len(extraction.mentions)
    report.claims += len(extraction.claims)


def reextract(url: str | Engine | None = None, progress: bool = True, *,
              extract: Extractor | None = None, extractor_version: str | None = None,
              everything: bool = False) -> IngestReport:
    """Re-run extraction on stored documents whose extractor version differs.

    Uses the text kept in the store, so the original files are not needed. With
    `everything` every document is re-extracted whatever its version.
    """
    extract, version = _resolve_extractor(extract, extractor_version)
    query = select(documents.c.id).order_by(documents.c.id)
    if not everything:
        query = query.where(documents.c.extractor_version != version)

    def items_of(engine: Engine):
        with engine.connect() as conn:
            ids = list(conn.execute(query).scalars())
        return _progress(ids, progress, "reextract", total=len(ids))

    def run(engine: Engine, ids, report: IngestReport) -> None:
        for document_id in ids:
            _reextract_one(engine, document_id, extract, version, report)

    return _run_batch(url, version, items_of, run)


def stored_document(conn: Connection, document_id: int) -> Document | None:
    """The Document as it was read, rebuilt from the store."""
    row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    if row is None:
        return None
    return Document(doc_id=row.doc_id, text=row.text, title=row.title, url=row.url,
                    outlet=row.outlet, date=row.date, language=row.language, path=row.path,
                    hash=row.hash)


def _reextract_one(engine: Engine, document_id: int, extract: Extractor, version: str,
                   report: IngestReport) -> None:
    with engine.connect() as conn:
        doc = stored_document(conn, document_id)
    if doc is None:          # deleted meanwhile
        return
    try:
        extraction = extract_checked(extract, doc)
    except Exception as exc:  # noqa: BLE001 - keep the old claims, report, go on
        report.failed.append(_failure(doc, exc))
        return
    try:
        write_retrying(engine, extraction, version, replace_id=document_id)
    except SQLAlchemyError as exc:
        report.failed.append(_not_stored(doc, exc))
        return
    report.reextracted += 1
    report.mentions += len(extraction.mentions)
    report.claims += len(extraction.claims)
