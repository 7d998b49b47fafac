"""ingest and reextract: what is stored, idempotence, broken input, extractor versions."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from blocwatch.model import Claim, ReadError
from blocwatch.store import (claims, create_store_engine, documents, ingest, mentions,
                             reextract, summary)
from kit.store import ScriptedExtractor

from .helpers import SCRIPT, article


def run(url, docs, extractor, version="v1"):
    return ingest([], url, progress=False, extract=extractor, extractor_version=version,
                  read=lambda _paths: list(docs))


def counts(url) -> tuple[int, int, int]:
    engine = create_store_engine(url)
    with Session(engine) as s:
        found = tuple(s.execute(select(func.count()).select_from(t)).scalar()
                      for t in (documents, mentions, claims))
    engine.dispose()
    return found


def test_stores_documents_mentions_and_claims_with_offsets(store_url, corpus, extractor):
    report = run(store_url, corpus, extractor)
    assert (report.stored, report.skipped, report.failed) == (3, 0, [])
    assert report.claims == 5
    with Session(create_store_engine(store_url)) as s:
        docs = {r.doc_id: r for r in s.execute(select(documents))}
        assert set(docs) == {"a", "b", "c"}
        assert docs["a"].outlet == "beispiel-nachrichten.de"
        assert docs["a"].extractor_version == "v1"
        rows = s.execute(select(claims, documents.c.text)
                         .join(documents, documents.c.id == claims.c.document_id)).all()
        for row in rows:
            # evidence offsets index the stored text
            assert row.text[row.char_start:row.char_end] == row.evidence
        supply = next(r for r in rows if r.relation == "SUPPLY" and r.subject == "RUS")
        assert supply.goods == "weapons"
        assert s.execute(select(func.count()).select_from(mentions)).scalar() == 10


def test_claim_time_becomes_a_range_and_falls_back_to_the_publication_date(
        store_url, corpus, extractor):
    run(store_url, corpus, extractor)
    with Session(create_store_engine(store_url)) as s:
        rows = {(r.subject, r.relation): r for r in s.execute(select(claims))}
    request = rows[("ARM", "REQUEST_AID")]
    assert (request.time, request.when_start, request.when_end) == (
        "2021", "2021-01-01", "2021-12-31")
    assert (request.time_inferred, request.time_basis) == (False, "stated")
    supply = rows[("RUS", "SUPPLY")]              # no time in the text: the article's date
    assert (supply.time, supply.when_start, supply.when_end) == (None, "2022-01-10", "2022-01-10")
    assert (supply.time_inferred, supply.time_basis) == (True, "published")
    # neither: an undated article with no date in its text is dated by the day it was
    # stored, and says so
    trade = rows[("KAZ", "COOPERATE_ECONOMIC")]
    assert (trade.time, trade.time_inferred, trade.time_basis) == (None, True, "estimated")
    with Session(create_store_engine(store_url)) as s:
        doc = s.execute(select(documents).where(documents.c.doc_id == "c")).one()
    assert doc.date is None and doc.date_basis == "ingested"
    assert trade.when_start == trade.when_end == doc.date_estimated


def test_reingest_is_idempotent(store_url, corpus, extractor):
    run(store_url, corpus, extractor)
    before = counts(store_url)
    calls = extractor.calls
    again = run(store_url, corpus, extractor)
    assert (again.stored, again.reextracted, again.skipped) == (0, 0, 3)
    assert counts(store_url) == before
    assert extractor.calls == calls               # skipped documents are not even extracted


def test_same_text_under_another_name_is_stored_once(store_url, extractor):
    text = list(SCRIPT)[0]
    copy = article("copy", text, path="/elsewhere/copy.txt")
    report = run(store_url, [article("one", text), copy], extractor)
    assert (report.stored, report.skipped) == (1, 1)
    assert counts(store_url)[0] == 1


def test_broken_file_is_reported_and_the_batch_goes_on(store_url, corpus, extractor):
    items = [corpus[0], ReadError("/fixtures/broken.html", "not UTF-8 and no charset found"),
             corpus[1]]
    report = run(store_url, items, extractor)
    assert report.stored == 2
    assert [(f.path, f.reason) for f in report.failed] == [
        ("/fixtures/broken.html", "not UTF-8 and no charset found")]


def test_document_the_extractor_fails_on_stores_nothing(store_url, corpus, extractor):
    crashing = article("crash", list(SCRIPT)[0], "<<CRASH>>")
    report = run(store_url, [corpus[0], crashing, corpus[2]], extractor)
    assert report.stored == 2
    assert len(report.failed) == 1 and "extraction failed" in report.failed[0].reason
    with Session(create_store_engine(store_url)) as s:
        assert "crash" not in set(s.execute(select(documents.c.doc_id)).scalars())
    assert counts(store_url) == (2, 6, 3)


def test_claim_outside_the_contract_rejects_the_whole_document(store_url, corpus):
    bad = ScriptedExtractor({list(SCRIPT)[0]: [Claim("RUS", "INVADE", "BLR")]})
    report = run(store_url, [corpus[0]], bad)
    assert report.stored == 0
    assert "relation 'INVADE'" in report.failed[0].reason
    assert counts(store_url) == (0, 0, 0)


def test_new_extractor_version_replaces_claims_on_ingest(store_url, corpus, extractor):
    run(store_url, corpus, extractor, version="v1")
    before = counts(store_url)
    report = run(store_url, corpus, extractor, version="v2")
    assert (report.stored, report.reextracted, report.skipped) == (0, 3, 0)
    assert counts(store_url) == before            # replaced, not added
    with Session(create_store_engine(store_url)) as s:
        assert summary(s)["extractor_versions"] == {"v2": 3}


def test_reextract_needs_no_files_and_keeps_the_first_ingest_time(store_url, corpus):
    first = ScriptedExtractor(SCRIPT)
    run(store_url, corpus, first, version="v1")
    with Session(create_store_engine(store_url)) as s:
        ingested = dict(s.execute(select(documents.c.doc_id, documents.c.ingested_at)).all())
    # the new extractor finds one more claim in document a
    richer = dict(SCRIPT)
    richer["Das wurde am Montag bekannt."] = [Claim("RUS", "MEET", "BLR")]
    report = reextract(store_url, progress=False, extract=ScriptedExtractor(richer),
                       extractor_version="v2")
    assert (report.reextracted, report.failed) == (3, [])
    assert counts(store_url)[2] == 6
    again = reextract(store_url, progress=False, extract=ScriptedExtractor(richer),
                      extractor_version="v2")
    assert again.reextracted == 0                 # nothing left with another version
    with Session(create_store_engine(store_url)) as s:
        rows = dict(s.execute(select(documents.c.doc_id, documents.c.ingested_at)).all())
        assert rows == ingested
        assert summary(s)["extractor_versions"] == {"v2": 3}


def test_reextract_failure_keeps_the_old_claims(store_url, corpus, extractor):
    run(store_url, corpus, extractor, version="v1")
    before = counts(store_url)

    def broken(_doc):
        raise RuntimeError("model missing")

    report = reextract(store_url, progress=False, extract=broken, extractor_version="v2")
    assert len(report.failed) == 3 and report.reextracted == 0
    assert counts(store_url) == before


def test_deleting_a_document_takes_its_mentions_and_claims(store_url, corpus, extractor):
    run(store_url, corpus, extractor)
    engine = create_store_engine(store_url)
    with engine.begin() as conn:
        conn.execute(documents.delete().where(documents.c.doc_id == "a"))
    assert counts(store_url) == (2, 8, 4)


def test_an_undated_article_is_dated_by_its_latest_mention_up_to_today():
    from blocwatch.store.ingest import estimated_date
    doc = article("u", "Am 5. Januar 2022 bat Kasachstan um Hilfe; 2019 war es ruhig; "
                  "bis 2030 soll alles anders sein.", date=None)
    assert estimated_date(doc, "2024-06-01") == ("2022-01-05", "mentioned")
    assert estimated_date(article("n", "Ohne Datum.", date=None), "2024-06-01") == (
        "2024-06-01", "ingested")
    assert estimated_date(article("d", "Egal.", date="2023-01"), "2024-06-01") == (None, None)


def test_a_version_2_store_gets_the_time_basis_columns(tmp_path):
    import sqlite3
    path = tmp_path / "old.sqlite"
    engine = create_store_engine(f"sqlite:///{path}")
    engine.dispose()
    con = sqlite3.connect(path)          # as version 2 wrote it: no basis columns
    con.execute("INSERT INTO documents (hash, doc_id, text, extractor_version, ingested_at, "
                "extracted_at, n_mentions, n_claims, date) VALUES ('h', 'd', 't', 'v', "
                "'2024-01-01', '2024-01-01', 0, 2, '2024-01-05')")
    for time_, inferred in (("2021", 0), (None, 1)):
        con.execute("INSERT INTO claims (document_id, subject, relation, object, polarity, "
                    "modality, time, when_start, when_end, time_inferred, goods, evidence, "
                    "char_start, char_end, cue) VALUES (1, 'A', 'SUPPORT', 'B', 'pos', "
                    "'asserted', ?, '2021-01-01', '2021-12-31', ?, '', '', 0, 0, '')",
                    (time_, inferred))
    con.execute("ALTER TABLE claims DROP COLUMN time_basis")
    con.execute("ALTER TABLE documents DROP COLUMN date_estimated")
    con.execute("UPDATE store_meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    reopened = create_store_engine(f"sqlite:///{path}")
    with reopened.connect() as conn:
        bases = [r.time_basis for r in conn.execute(select(claims).order_by(claims.c.id))]
        assert "date_estimated" in {c.name for c in documents.c}
        assert conn.execute(select(documents.c.date_estimated)).scalar() is None
    assert bases == ["stated", "published"]
    reopened.dispose()
