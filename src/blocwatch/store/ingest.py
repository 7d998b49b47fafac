"""Read -> extract -> store, one transaction per document.

Why one transaction per document: a run that is killed (kill -9, power cut) loses at most
the document it was writing, never leaves half of one, and the next run picks up where it
stopped because every committed document is found again by its content hash. Why not one
transaction per batch: a long batch would hold the SQLite write lock for minutes and one
bad document would undo the others.

A document whose text is already stored with the current extractor version is skipped;
stored with another version, its mentions and claims are replaced (the same work as
``reextract``). A file the reader cannot read, or a document the extractor fails on, is
reported and nothing of it is stored; the batch goes on.
"""
from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..model import GOODS, MODALITIES, POLARITIES, RELATIONS, Document, Extraction, ReadError
from .connection import create_store_engine, display_url
from .facts import forget_document, record_document
from .periods import normalise, period
from .schema import claims, documents, mentions

Extractor = Callable[[Document], Extraction]


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
            "interrupted": self.interrupted,
        }


def pipeline_extractor() -> tuple[Extractor, str]:
    """The lead's extractor and its version, imported only when needed."""
    from .. import pipeline  # noqa: PLC0415 - lazy: the store works without the NLP stack
    return pipeline.extract, pipeline.EXTRACTOR_VERSION


def _resolve_extractor(extract: Extractor | None, version: str | None) -> tuple[Extractor, str]:
    if extract is None:
        default_extract, default_version = pipeline_extractor()
        return default_extract, version or default_version
    return extract, version or getattr(extract, "version", None) or "custom"


class InvalidExtraction(ValueError):
    """The extractor returned something the claim contract does not allow."""


def validate(extraction: Extraction) -> None:
    """Refuse claims outside the contract, so the store holds only well-formed ones."""
    for claim in extraction.claims:
        problems = []
        if claim.relation not in RELATIONS:
            problems.append(f"relation {claim.relation!r}")
        if claim.polarity not in POLARITIES:
            problems.append(f"polarity {claim.polarity!r}")
        if claim.modality not in MODALITIES:
            problems.append(f"modality {claim.modality!r}")
        if not claim.subject or not claim.object:
            problems.append("empty actor")
        bad_goods = [g for g in claim.goods if g not in GOODS]
        if bad_goods:
            problems.append(f"goods {bad_goods!r}")
        if problems:
            raise InvalidExtraction(
                f"claim {claim.subject} {claim.relation} {claim.object}: "
                + ", ".join(problems))


def _claim_rows(document_id: int, extraction: Extraction) -> list[dict]:
    doc_period = period(extraction.document.date)
    rows = []
    for c in extraction.claims:
        time_ = normalise(c.time)
        covered = period(time_)
        inferred = covered is None and doc_period is not None
        if covered is None:
            covered = doc_period
        rows.append({
            "document_id": document_id,
            "subject": c.subject, "relation": c.relation, "object": c.object,
            "polarity": c.polarity, "modality": c.modality, "time": time_,
            "when_start": covered[0] if covered else None,
            "when_end": covered[1] if covered else None,
            "time_inferred": inferred,
            "source": c.source or None,
            "goods": ",".join(sorted(set(c.goods))),
            "evidence": c.evidence or "",
            "char_start": c.start or 0, "char_end": c.end or 0,
            "cue": c.cue or "",
        })
    return rows


def _mention_rows(document_id: int, extraction: Extraction) -> list[dict]:
    return [{"document_id": document_id, "char_start": m.start, "char_end": m.end,
             "text": m.text, "code": m.code, "kind": m.kind}
            for m in extraction.mentions]


def _document_values(doc: Document, version: str, n_mentions: int, n_claims: int) -> dict:
    now = dt.datetime.now(dt.UTC)
    return {
        "hash": doc.hash, "doc_id": doc.doc_id, "path": doc.path, "url": doc.url,
        "outlet": doc.outlet, "title": doc.title, "date": normalise(doc.date),
        "language": doc.language, "text": doc.text, "extractor_version": version,
        "ingested_at": now, "extracted_at": now,
        "n_mentions": n_mentions, "n_claims": n_claims,
    }


def write_extraction(conn: Connection, extraction: Extraction, version: str,
                     replace_id: int | None = None) -> int:
    """Store one extraction inside the caller's transaction; returns the document's id.

    With `replace_id` the stored document keeps its row (and its first ingest time) and
    gets the new mentions, claims and version.
    """
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
    claim_rows = _claim_rows(document_id, extraction)
    if claim_rows:
        conn.execute(insert(claims), claim_rows)
        record_document(conn, document_id)
    return document_id


def _extract_checked(extract: Extractor, doc: Document) -> Extraction:
    extraction = extract(doc)
    if extraction.document is not doc:
        # the store trusts the document it read, not a copy the extractor may have changed
        extraction = Extraction(document=doc, mentions=extraction.mentions,
                                claims=extraction.claims)
    validate(extraction)
    return extraction


def _progress(items: Iterable, enabled: bool, desc: str, total: int | None = None):
    if not enabled:
        return items
    from tqdm import tqdm  # noqa: PLC0415
    return tqdm(items, desc=desc, unit="doc", total=total, file=sys.stderr,
                dynamic_ncols=True)


def ingest(paths: Iterable[str], url: str | Engine | None = None, progress: bool = True, *,
           extract: Extractor | None = None, extractor_version: str | None = None,
           read: Callable[[list[str]], Iterable[Document | ReadError]] | None = None,
           ) -> IngestReport:
    """Read, extract and store every document under `paths`; returns what happened.

    `extract` defaults to ``blocwatch.pipeline.extract`` (version
    ``blocwatch.pipeline.EXTRACTOR_VERSION``); `read` to ``blocwatch.read.read_paths``.
    Both are parameters so that tests and other front ends can bring their own.
    Ctrl-C stops after the current document's transaction is rolled back; the report
    says ``interrupted``.
    """
    extract, version = _resolve_extractor(extract, extractor_version)
    if read is None:
        from ..read import read_paths as read  # noqa: PLC0415

    def step(engine: Engine, item, report: IngestReport, items) -> None:
        if isinstance(item, ReadError):
            report.failed.append(item)
            return
        _ingest_one(engine, item, extract, version, report)
        if progress and hasattr(items, "set_postfix"):
            items.set_postfix(stored=report.stored, skipped=report.skipped,
                              failed=len(report.failed), refresh=False)

    return _run_batch(url, version, lambda engine: _progress(read(list(paths)), progress, "ingest"), step)


def _run_batch(url: str | Engine | None, version: str, items_of, step) -> IngestReport:
    """The frame shared by ingest and reextract: open the store, run `step` on each item
    (one document, one transaction), stop cleanly on Ctrl-C, time it, close what we opened."""
    own_engine = not isinstance(url, Engine)
    engine = create_store_engine(url) if own_engine else url
    report = IngestReport(url=display_url(str(engine.url)), extractor_version=version)
    started = time.perf_counter()
    items = items_of(engine)
    try:
        for item in items:
            step(engine, item, report, items)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        if hasattr(items, "close"):
            items.close()
        report.seconds = time.perf_counter() - started
        if own_engine:
            engine.dispose()          # close pooled connections we opened
    return report


def _ingest_one(engine: Engine, doc: Document, extract: Extractor, version: str,
                report: IngestReport) -> None:
    with engine.connect() as conn:
        known = conn.execute(select(documents.c.id, documents.c.extractor_version)
                             .where(documents.c.hash == doc.hash)).first()
    if known is not None and known.extractor_version == version:
        report.skipped += 1
        return
    try:
        extraction = _extract_checked(extract, doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        report.failed.append(ReadError(doc.path or doc.doc_id,
                                       f"extraction failed: {type(exc).__name__}: {exc}"))
        return
    try:
        with engine.begin() as conn:
            write_extraction(conn, extraction, version,
                             replace_id=known.id if known is not None else None)
    except IntegrityError:
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

    def step(engine: Engine, document_id: int, report: IngestReport, _items) -> None:
        _reextract_one(engine, document_id, extract, version, report)

    return _run_batch(url, version, items_of, step)


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
        extraction = _extract_checked(extract, doc)
    except Exception as exc:  # noqa: BLE001 - keep the old claims, report, go on
        report.failed.append(ReadError(doc.path or doc.doc_id,
                                       f"extraction failed: {type(exc).__name__}: {exc}"))
        return
    with engine.begin() as conn:
        write_extraction(conn, extraction, version, replace_id=document_id)
    report.reextracted += 1
    report.mentions += len(extraction.mentions)
    report.claims += len(extraction.claims)
