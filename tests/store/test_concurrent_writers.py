"""Two processes' worth of writers into one store at once: documents that share facts
are all stored, and the stored facts still equal a merge of every claim (store/facts.py
is updated by both; on PostgreSQL they can collide on a new fact or lock shared ones)."""
from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from blocwatch.analysis.claims import load_claims
from blocwatch.analysis.facts import summaries
from blocwatch.model import Claim, Document, Extraction
from blocwatch.store import create_store_engine
from blocwatch.store.facts import FIGURE_COLUMNS, FactFigures
from blocwatch.store.ingest import write_retrying
from sqlalchemy import select

SHARED = [("RUS", "SUPPLY", "BLR"), ("CHN", "MEET", "RUS"), ("RUS", "MEET", "CHN"),
          ("IRN", "SUPPLY", "RUS"), ("KAZ", "DISTANCE", "RUS"), ("BLR", "SUPPORT", "RUS")]


def extraction(writer: int, i: int) -> Extraction:
    doc = Document(doc_id=f"w{writer}-{i}", text=f"writer {writer} document {i}",
                   date="2024-03-01", outlet=f"outlet{(writer + i) % 3}.example")
    # each writer walks the shared facts in another order
    order = SHARED if writer % 2 else list(reversed(SHARED))
    claims = [Claim(s, r, o, modality=("asserted", "reported")[i % 2], evidence="x",
                    start=0, end=1) for s, r, o in order]
    return Extraction(doc, [], claims)


def test_writers_sharing_facts_store_everything(store_url):
    engine = create_store_engine(store_url)
    failures = []

    def write(writer: int) -> None:
        try:
            for i in range(25):
                assert write_retrying(engine, extraction(writer, i), "v1")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    with Session(engine) as session:
        claims = load_claims(session)
        expected = {k: FactFigures.of_summary(s) for k, (s, _) in summaries(claims).items()}
        stored = {f.key: f for f in map(FactFigures.of_row,
                                        session.execute(select(*FIGURE_COLUMNS)))}
    assert len({c.document_id for c in claims}) == 100
    # first/last claim ids depend on who committed first; the figures do not
    strip = lambda f: f._replace(first_claim_id=None, last_claim_id=None, newest_claim_id=None)  # noqa: E731
    assert {k: strip(f) for k, f in stored.items()} == {k: strip(f) for k, f in expected.items()}
    engine.dispose()
