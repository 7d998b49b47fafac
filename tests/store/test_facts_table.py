"""The stored facts (store/facts.py) equal a merge of every stored claim, whatever order
documents were written, replaced (re-extraction) or loaded in bulk.

The claims are random: a few actors so keys repeat, symmetric relations written both
ways round, outlets that repeat or are missing, named sources, every modality, dated and
undated claims and documents, goods or none, claims with a probability (the scorer's) and
without (the rules).
"""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from blocwatch.analysis.claims import load_claims
from blocwatch.analysis.facts import facts as facts_of
from blocwatch.analysis.facts import summaries
from blocwatch.model import Claim, Document, Extraction
from blocwatch.pipeline import configured
from blocwatch.store import create_store_engine, ingest, write_extraction
from blocwatch.store.facts import FIGURE_COLUMNS, FactFigures, rebuild, record_documents
from blocwatch.store.schema import (SCHEMA_VERSION, claims, documents, fact_origins,
                                    fact_outlets, facts, store_meta)
from kit.store import reset

from .helpers import SCRIPT, article

ACTORS = ["RUS", "CHN", "PRK", "ARM"]
RELATIONS = ["SUPPLY", "MEET", "CRITICIZE", "ALIGN"]     # MEET and ALIGN are symmetric
OUTLETS = [None, "a.example", "b.example", "c.example"]
# the same source written differently counts once (origin_of: strip, casefold)
SOURCES = [None, None, "Reuters", "ISW", " reuters", "Straße", "STRASSE"]
CONFIDENCES = [None, None, 0.3, 0.9, 1.0]
TIMES = [None, "2021", "2022-03", "2022-03-01", "2023"]
DATES = [None, "2022-01-10", "2023-05"]


def random_extraction(rnd: random.Random, name: str) -> Extraction:
    doc = Document(doc_id=name, text=f"{name} {rnd.random()}", date=rnd.choice(DATES),
                   outlet=rnd.choice(OUTLETS), language="de")
    found = []
    for _ in range(rnd.randint(0, 6)):
        subject, object_ = rnd.sample(ACTORS, 2)
        relation = rnd.choice(RELATIONS)
        found.append(Claim(subject, relation, object_,
                           polarity=rnd.choice(["pos", "pos", "neg"]),
                           modality=rnd.choice(["asserted", "reported", "possible"]),
                           time=rnd.choice(TIMES), source=rnd.choice(SOURCES),
                           goods=rnd.sample(["weapons", "drones"], rnd.randint(0, 1))
                           if relation == "SUPPLY" else [],
                           evidence="x", start=0, end=1,
                           confidence=rnd.choice([*CONFIDENCES, round(rnd.random(), 6)])))
    return Extraction(document=doc, mentions=[], claims=found)


def stored(engine) -> dict[tuple, FactFigures]:
    with engine.connect() as conn:
        rows = conn.execute(select(facts)).all()
        n_origins = conn.execute(select(fact_origins)).all()
        n_outlets = conn.execute(select(fact_outlets)).all()
        found = {f.key: f for f in map(FactFigures.of_row,
                                       conn.execute(select(*FIGURE_COLUMNS)))}
    # the side tables hold exactly what the counts say
    assert len(n_origins) == sum(r.origins_asserted + r.origins_reported + r.origins_possible
                                 for r in rows)
    assert len(n_outlets) == sum(r.n_outlets for r in rows)
    return found


def merged(engine) -> dict[tuple, FactFigures]:
    with Session(engine) as session:
        return {key: FactFigures.of_summary(summary)
                for key, (summary, _claims) in summaries(load_claims(session)).items()}


@pytest.fixture
def engine(store_url):
    """An empty store on each backend (conftest.py: PostgreSQL when a server is found)."""
    engine = create_store_engine(store_url)
    yield engine
    engine.dispose()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n_docs=st.integers(1, 12), n_replace=st.integers(0, 4))
def test_stored_facts_equal_a_merge_of_all_claims(engine, seed, n_docs, n_replace):
    reset(engine)
    rnd = random.Random(seed)
    ids = []
    grouped = rnd.randint(0, n_docs)      # the first ones in one transaction, facts at once
    with engine.begin() as conn:
        for i in range(grouped):
            ids.append(write_extraction(conn, random_extraction(rnd, f"d{i}"), "v1",
                                        record_facts=False))
        record_documents(conn, ids)
    for i in range(grouped, n_docs):
        with engine.begin() as conn:
            ids.append(write_extraction(conn, random_extraction(rnd, f"d{i}"), "v1"))
    for j in range(n_replace):            # re-extraction: other claims for a stored document
        target = rnd.choice(ids)
        replacement = random_extraction(rnd, f"r{j}")
        with engine.begin() as conn:
            write_extraction(conn, replacement, "v2", replace_id=target)
    incremental = stored(engine)
    assert incremental == merged(engine)
    with engine.begin() as conn:          # and the bulk path agrees with both
        rebuild(conn)
    assert stored(engine) == incremental


def test_confidence_counts_one_origin_once_at_its_strongest(engine):
    reset(engine)
    def doc(name, outlet, modality, source=None):
        return Extraction(Document(doc_id=name, text=name, date="2024-01-01", outlet=outlet),
                          [], [Claim("CHN", "SUPPLY", "RUS", modality=modality, source=source,
                                     goods=["dual_use"], evidence="x", start=0, end=1)])
    for extraction in (doc("a", "x.example", "possible"), doc("b", "x.example", "asserted"),
                       doc("c", "y.example", "reported", source="Reuters"),
                       doc("d", "z.example", "asserted", source="Reuters")):
        with engine.begin() as conn:
            write_extraction(conn, extraction, "v1")
    (figures,) = stored(engine).values()
    # two origins (outlet x.example, source Reuters), both asserted at their strongest
    assert figures.confidence == round(1 - 0.4 * 0.4, 4)
    assert (figures.n_claims, figures.n_documents, figures.n_outlets) == (4, 4, 3)
    assert figures.share_reported == 0.25
    assert figures.goods == ("dual_use",)


def test_a_version_1_store_gets_its_facts_when_opened(tmp_path):
    url = "sqlite:///" + str(tmp_path / "old.sqlite")
    engine = create_store_engine(url)
    rnd = random.Random(7)
    for i in range(5):
        with engine.begin() as conn:
            write_extraction(conn, random_extraction(rnd, f"d{i}"), "v1")
    expected = stored(engine)
    assert expected
    with engine.begin() as conn:          # as a store written before the facts tables
        for table in (fact_origins, fact_outlets, facts):
            table.drop(conn)
        conn.execute(update(store_meta).values(value="1"))
    engine.dispose()
    reopened = create_store_engine(url)
    assert stored(reopened) == expected
    with reopened.connect() as conn:
        assert conn.execute(select(store_meta.c.value)).scalar() == str(SCHEMA_VERSION)
    reopened.dispose()


def one_claim_document(name, subject, object_, *, confidence, modality="asserted",
                       outlet=None, source=None, relation="SUPPLY"):
    return Extraction(Document(doc_id=name, text=name, date="2024-01-01", outlet=outlet),
                      [], [Claim(subject, relation, object_, modality=modality, source=source,
                                 evidence="x", start=0, end=1, confidence=confidence)])


def write_all(engine, extractions):
    for extraction in extractions:
        with engine.begin() as conn:
            write_extraction(conn, extraction, "v1")


def test_a_fact_backed_by_a_confident_claim_outranks_one_backed_by_a_doubtful_one(engine):
    reset(engine)
    write_all(engine, [one_claim_document("weak", "IRN", "RUS", confidence=0.3),
                       one_claim_document("strong", "PRK", "RUS", confidence=0.9)])
    found = stored(engine)
    assert found[("PRK", "SUPPLY", "RUS", "pos")].confidence == 0.9
    assert found[("IRN", "SUPPLY", "RUS", "pos")].confidence == 0.3
    with Session(engine) as session:      # stored (evidence limited) and merged alike
        for listed in (facts_of(session, object="RUS", evidence=1),
                       facts_of(session, object="RUS")):
            assert [(f.subject, f.confidence) for f in listed] == [("PRK", 0.9), ("IRN", 0.3)]


def test_claims_without_a_probability_weigh_as_their_modality(engine):
    reset(engine)
    # rules-only claims: 0.6 asserted, 0.4 reported, 0.15 possible, noisy-or over origins
    write_all(engine, [
        one_claim_document("a", "CHN", "RUS", confidence=None, outlet="a.example"),
        one_claim_document("b", "CHN", "RUS", confidence=None, outlet="b.example",
                           modality="reported"),
        one_claim_document("c", "CHN", "RUS", confidence=None, outlet="c.example",
                           modality="possible"),
        one_claim_document("d", "BLR", "RUS", confidence=None, outlet="a.example",
                           modality="reported")])
    found = stored(engine)
    assert found[("CHN", "SUPPLY", "RUS", "pos")].confidence == round(1 - 0.4 * 0.6 * 0.85, 4)
    assert found[("BLR", "SUPPLY", "RUS", "pos")].confidence == 0.4
    assert found == merged(engine)


def test_an_origin_counts_once_at_its_best_claim_discounted_by_its_modality(engine):
    reset(engine)
    write_all(engine, [
        # one source in two outlets: its best claim (0.8) counts, once
        one_claim_document("a", "CHN", "RUS", confidence=0.5, outlet="a.example",
                           source="TASS"),
        one_claim_document("b", "CHN", "RUS", confidence=0.8, outlet="b.example",
                           source="tass"),
        # reported at 0.9 counts 0.9 * 2/3 = 0.6; a rules claim of the same outlet 0.6
        one_claim_document("c", "IRN", "RUS", confidence=0.9, outlet="c.example",
                           modality="reported"),
        one_claim_document("d", "IRN", "RUS", confidence=None, outlet="d.example"),
        one_claim_document("e", "PRK", "RUS", confidence=0.9, outlet="e.example",
                           modality="possible")])
    found = stored(engine)
    assert found[("CHN", "SUPPLY", "RUS", "pos")].confidence == 0.8
    assert found[("IRN", "SUPPLY", "RUS", "pos")].confidence == round(1 - 0.4 * 0.4, 4)
    assert found[("PRK", "SUPPLY", "RUS", "pos")].confidence == round(0.9 * 0.25, 4)
    assert found == merged(engine)


def test_a_replaced_document_takes_its_confidence_out_of_the_fact(engine):
    reset(engine)
    write_all(engine, [one_claim_document("a", "CHN", "RUS", confidence=0.9, outlet="a.x"),
                       one_claim_document("b", "CHN", "RUS", confidence=0.3, outlet="b.x")])
    assert stored(engine)[("CHN", "SUPPLY", "RUS", "pos")].confidence == round(1 - 0.1 * 0.7, 4)
    with engine.connect() as conn:
        first = conn.execute(select(documents.c.id).order_by(documents.c.id)).scalar()
    with engine.begin() as conn:          # re-extracted: the 0.9 claim is gone
        write_extraction(conn, one_claim_document("a", "PRK", "RUS", confidence=0.5),
                         "v2", replace_id=first)
    found = stored(engine)
    assert found[("CHN", "SUPPLY", "RUS", "pos")].confidence == 0.3
    assert found[("CHN", "SUPPLY", "RUS", "pos")].n_documents == 1
    assert found == merged(engine)


def test_facts_a_real_ingest_stores_equal_a_full_recompute(store_url):
    """The trained extractor (claims with probabilities) through `ingest`, one document
    per transaction and grouped (--jobs 2), then replaced by another extractor version:
    the facts equal a rebuild from the claims and a merge in Python."""
    sentences = list(SCRIPT) + [
        "Nach Angaben aus Washington hat Nordkorea Russland Artilleriegranaten geliefert.",
        "Russland und China haben eine Partnerschaft ohne Grenzen vereinbart.",
        "China kritisierte die Sanktionen der Europäischen Union gegen Russland scharf.",
        "Belarus unterstützt Russland.", "Iran liefert Russland Drohnen.",
    ]
    rnd = random.Random(3)
    docs = [article(f"d{i}", *rnd.sample(sentences, 3), outlet=rnd.choice(OUTLETS),
                    date=rnd.choice(DATES)) for i in range(16)]
    ingest([], store_url, progress=False, read=lambda _paths: docs[:8])
    ingest([], store_url, progress=False, read=lambda _paths: docs[8:], jobs=2)
    probabilities = _facts_equal_a_recompute(store_url)
    assert probabilities and all(p is not None for p in probabilities)
    # re-extracted by the rules (other version): every fact falls back to modality weights
    ingest([], store_url, progress=False, read=lambda _paths: docs,
           extract=configured("rules")[0], extractor_version="rules-test")
    assert set(_facts_equal_a_recompute(store_url)) <= {None}


def _facts_equal_a_recompute(store_url: str) -> list:
    """Assert the stored facts equal a merge in Python and a rebuild from the claims;
    return the claims' probabilities."""
    engine = create_store_engine(store_url)
    try:
        with engine.connect() as conn:
            probabilities = conn.execute(select(claims.c.confidence)).scalars().all()
        by_ingest = stored(engine)
        assert len(by_ingest) >= 5
        assert by_ingest == merged(engine)
        with engine.begin() as conn:
            rebuild(conn)
        assert stored(engine) == by_ingest
        return probabilities
    finally:
        engine.dispose()
