"""Subprocess side of the fault tests (run as a script, not collected by pytest).

    python worker.py ingest URL N DELAY   ingest N invented articles, DELAY s of "extraction" each
    python worker.py read URL SECONDS     read the store in a loop, print one JSON line per look

Every article states `claims_in(i)` claims, so a reader can check that every stored
document is complete.
"""
from __future__ import annotations

import json
import sys
import time

from sqlalchemy import func, select

from blocwatch.model import Claim, Document, Extraction, Mention
from blocwatch.store import claims, create_store_engine, documents, ingest


def claims_in(i: int) -> int:
    return 20 + (i % 7) * 15      # 20..110 claims: documents of different sizes


def articles(n: int) -> list[Document]:
    return [Document(doc_id=f"art{i:04d}", date="2023-05-01", outlet="beispiel-nachrichten.de",
                     text=f"Meldung {i}: Russland und Belarus vereinbarten eine engere "
                          f"Zusammenarbeit. " * 3) for i in range(n)]


def make_extractor(delay: float):
    def extract(doc: Document) -> Extraction:
        time.sleep(delay)
        i = int(doc.doc_id[3:])
        found = [Claim("RUS", "COOPERATE_MILITARY", "BLR", evidence=doc.text[:40], end=40,
                       time=f"2023-0{1 + k % 9}") for k in range(claims_in(i))]
        return Extraction(doc, [Mention(0, 8, "Russland", "RUS")], found)
    return extract


def consistency(conn) -> tuple[int, int, int]:
    """(documents, claims, documents whose claims are not all there)."""
    n_docs = conn.execute(select(func.count()).select_from(documents)).scalar()
    n_claims = conn.execute(select(func.count()).select_from(claims)).scalar()
    per_doc = dict(conn.execute(select(claims.c.document_id, func.count())
                                .group_by(claims.c.document_id)).all())
    rows = conn.execute(select(documents.c.id, documents.c.doc_id, documents.c.n_claims)).all()
    broken = sum(1 for r in rows
                 if per_doc.get(r.id, 0) != r.n_claims
                 or r.n_claims != claims_in(int(r.doc_id[3:])))
    return n_docs, n_claims, broken


def main() -> int:
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "ingest":
        n, delay = int(sys.argv[3]), float(sys.argv[4])
        report = ingest([], url, progress=False, extract=make_extractor(delay),
                        extractor_version="fault-1", read=lambda _p: articles(n))
        print(json.dumps(report.to_dict()))
        return 0
    if mode == "read":
        engine = create_store_engine(url)
        deadline = time.monotonic() + float(sys.argv[3])
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                n_docs, n_claims, broken = consistency(conn)
            print(json.dumps({"documents": n_docs, "claims": n_claims, "broken": broken}),
                  flush=True)
            time.sleep(0.02)
        return 0
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
