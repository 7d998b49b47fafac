"""The per-document function and the one runner for a single machine.

Every front end extracts a document the same way: `extract_checked` calls the extractor
(``blocwatch.pipeline.extract`` unless a test or another front end brings its own) and
refuses claims outside the contract (`validate`), so nothing out of contract is printed,
stored or written to Parquet. Three runners apply it:

- in this process, one document after the other (``--jobs 1``);
- `Workers`: N worker processes on this machine (``extract --jobs N``, ``ingest --jobs N``);
- Spark, across machines (``spark-extract``, blocwatch/spark.py), over the same function.

`Workers` takes chunks of CHUNK documents and keeps at most CHUNKS_PER_JOB chunks per
worker in flight (memory stays flat on large batches; workers never wait for work). Results
come back in input order. The document is not sent back from a worker (the caller holds
it): only mentions, claims and actors. A document the extractor fails on gives a
`Failure`; a worker that dies (killed, out of memory) fails the chunks it and the others
held, and the pool is renewed with the chunks still queued sent again, so one bad document
never stops the batch. Workers run at a lower priority (nice +5): the parent, which reads
and writes, is the one that cannot be replaced. They ignore Ctrl-C (the parent handles
it) and exit when the parent dies. The extractor goes to the workers as they start: with
fork (Linux) it need not be picklable.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from .model import GOODS, MODALITIES, POLARITIES, RELATIONS, Document, Extraction, ReadError

Extractor = Callable[[Document], Extraction]

CHUNK = 4               # documents per worker task (fewer round trips between processes)
CHUNKS_PER_JOB = 16     # tasks in flight per worker: bounds memory, keeps workers busy
WORKER_NICENESS = 5     # workers yield to the parent, which alone reads and writes


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


def default_extractor() -> tuple[Extractor, str]:
    """The pipeline's extractor and its version, imported only when needed."""
    from . import pipeline  # noqa: PLC0415 - lazy: the store works without the NLP stack
    return pipeline.extract, pipeline.EXTRACTOR_VERSION


def extract_checked(extract: Extractor, doc: Document) -> Extraction:
    """The per-document function: `extract` on `doc`, checked against the contract."""
    extraction = extract(doc)
    if extraction.document is not doc:
        # callers trust the document they read, not a copy the extractor may have changed
        extraction = Extraction(document=doc, mentions=extraction.mentions,
                                claims=extraction.claims, actors=extraction.actors)
    validate(extraction)
    return extraction


@dataclass(frozen=True)
class Failure:
    """Why extracting one document failed: the exception's type name and message."""
    kind: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        return cls(type(exc).__name__, str(exc))

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def extract_or_failure(extract: Extractor, doc: Document) -> Extraction | Failure:
    """`extract_checked`, with any exception turned into a Failure (one bad document
    must not stop a batch)."""
    try:
        return extract_checked(extract, doc)
    except Exception as exc:  # noqa: BLE001 - reported per document by the caller
        return Failure.of(exc)


# --- worker processes ---------------------------------------------------------------------

_worker_extract: Extractor | None = None


def _init_worker(extract: Extractor, parent: int) -> None:
    """In each worker: leave Ctrl-C to the parent, and die with it (a killed parent would
    otherwise leave its workers waiting for work for ever)."""
    global _worker_extract  # noqa: PLW0603 - one extractor per worker process
    _worker_extract = extract
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # N workers and the parent share N cores; the parent is the one that cannot be
        # replaced, so the workers get less of a core when both want it
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):
        pass

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="blocwatch-parent-watch", daemon=True).start()


def _extract_chunk(docs: list[Document]) -> list[tuple | Failure]:
    """In a worker: (mentions, claims, actors) of each document, or its Failure."""
    found: list[tuple | Failure] = []
    for doc in docs:
        result = extract_or_failure(_worker_extract, doc)
        found.append(result if isinstance(result, Failure)
                     else (result.mentions, result.claims, result.actors))
    return found


@dataclass
class Chunk:
    """Documents sent to the workers together, with what the caller keeps beside them."""
    docs: list[Document]
    tags: list[Any]
    future: futures.Future


class Workers:
    """A pool of `jobs` worker processes and the chunks in flight, in input order."""

    def __init__(self, extract: Extractor, jobs: int) -> None:
        self.extract, self.jobs = extract, jobs
        self.queue: deque[Chunk] = deque()
        self.pool = self._start()

    @property
    def full(self) -> bool:
        return len(self.queue) >= CHUNKS_PER_JOB * self.jobs

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker,
                                   initargs=(self.extract, os.getpid()))
        pool.submit(int).result()     # start the workers now (with fork: all of them)
        return pool

    def _submit(self, docs: list[Document]) -> futures.Future:
        try:
            return self.pool.submit(_extract_chunk, docs)
        except BrokenProcessPool as exc:
            # the pool broke after the last chunk was taken: this chunk fails like those
            # in flight, and taking the chunk that broke it renews the pool and sends
            # the queued ones (this one among them) again
            failed: futures.Future = futures.Future()
            failed.set_exception(exc)
            return failed

    def send(self, docs: list[Document], tags: list[Any] | None = None) -> None:
        """Queue one chunk (the caller keeps the queue below `full`)."""
        self.queue.append(Chunk(docs, tags or [None] * len(docs), self._submit(docs)))

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the oldest chunk; True when it is done."""
        if not self.queue:
            return False
        futures.wait([self.queue[0].future], timeout=timeout)
        return self.queue[0].future.done()

    def head_done(self) -> bool:
        return bool(self.queue) and self.queue[0].future.done()

    def take(self) -> tuple[Chunk, list[Extraction | Failure]]:
        """The oldest chunk and its results (waits for it)."""
        chunk = self.queue.popleft()
        try:
            results = chunk.future.result()
        except BrokenProcessPool as exc:
            # a worker died (killed, out of memory): what it and the others held is lost
            failure = Failure(type(exc).__name__, "worker process died")
            self._renew()
            return chunk, [failure] * len(chunk.docs)
        return chunk, [r if isinstance(r, Failure)
                       else Extraction(document=doc, mentions=r[0], claims=r[1], actors=r[2])
                       for doc, r in zip(chunk.docs, results, strict=True)]

    def _renew(self) -> None:
        """Every chunk still queued died with the pool: send them to a new one."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        for chunk in self.queue:
            done = chunk.future.done() and not chunk.future.cancelled()
            if done and chunk.future.exception() is None:
                continue                      # finished before the pool broke
            chunk.future = self._submit(chunk.docs)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def run_in_order(items: Iterable[Document | ReadError], extract: Extractor, jobs: int = 1,
                 ) -> Iterator[tuple[Document, Extraction | Failure] | ReadError]:
    """Extract every document of `items` in input order: (document, Extraction or
    Failure) per document, read errors passed through where they were. With `jobs` > 1
    in that many worker processes; the results are the same."""
    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, ReadError) else (item, extract_or_failure(extract, item))
        return
    workers = Workers(extract, jobs)
    # read errors wait behind the chunk read before them, so the order is kept
    waiting: list[Document] = []
    held: deque[tuple[int, ReadError]] = deque()   # (chunks sent before it, error)
    sent = taken = 0

    def drain(until_free: bool) -> Iterator:
        nonlocal taken
        while workers.queue and (not until_free or workers.full or workers.head_done()):
            chunk, results = workers.take()
            taken += 1
            yield from zip(chunk.docs, results)
            while held and held[0][0] <= taken:
                yield held.popleft()[1]

    try:
        for item in items:
            if isinstance(item, ReadError):
                if waiting:
                    workers.send(waiting)
                    sent += 1
                    waiting = []
                if sent == taken:
                    yield item
                else:
                    held.append((sent, item))
                continue
            waiting.append(item)
            if len(waiting) >= CHUNK:
                yield from drain(until_free=True)
                workers.send(waiting)
                sent += 1
                waiting = []
        if waiting:
            workers.send(waiting)
            sent += 1
        yield from drain(until_free=False)
        while held:
            yield held.popleft()[1]
    finally:
        workers.close()
