"""The stored facts (store/facts.py) equal a merge of every stored claim, whatever order
documents were written, replaced (re-extraction) or loaded in bulk.

The claims are random: a few actors so keys repeat, symmetric relations written both
ways round, outlets that repeat or are missing, named sources, every modality, dated and
undated claims and documents, goods or none.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from blocwatch.analysis.claims import load_claims
from blocwatch.analysis.facts import summaries
from blocwatch.model import Claim, Document, Extraction
from blocwatch.store import create_store_engine, write_extraction
from blocwatch.store.facts import FIGURE_COLUMNS, FactFigures, rebuild, record_documents
from blocwatch.store.schema import SCHEMA_VERSION, fact_origins, fact_outlets, facts, store_meta
from kit.store import reset
from sqlalchemy.orm import Session

ACTORS = ["RUS", "CHN", "PRK", "ARM"]
RELATIONS = ["SUPPLY", "MEET", "CRITICIZE", "ALIGN"]     # MEET and ALIGN are symmetric
OUTLETS = [None, "a.example", "b.example", "c.example"]
SOURCES = [None, None, "Reuters", "ISW"]
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
                           evidence="x", start=0, end=1))
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
