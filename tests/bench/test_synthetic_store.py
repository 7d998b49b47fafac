"""bench/synthetic_store.py: the stores the query benchmark runs on are well-formed, skewed
as documented, deterministic and cached."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from blocwatch.model import GOODS, MODALITIES, POLARITIES, RELATIONS
from blocwatch.store import create_store_engine
from blocwatch.store.schema import claims, documents, mentions

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic_store",
                                                  BENCH / "synthetic_store.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic_store", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(synthetic, tmp_path_factory):
    cache = tmp_path_factory.mktemp("stores")
    info = synthetic.build(None, 3000, seed=7, cache_dir=cache)
    return cache, info


def rows(info, table):
    engine = create_store_engine("sqlite:///" + info.path)
    try:
        with engine.connect() as conn:
            return [r._asdict() for r in conn.execute(select(table).order_by(table.c.id))]
    finally:
        engine.dispose()


def test_counts_match_the_rows(built):
    _, info = built
    docs, cs, ms = rows(info, documents), rows(info, claims), rows(info, mentions)
    assert info.built and len(cs) == 3000 and len(docs) == info.n_documents
    assert sum(d["n_claims"] for d in docs) == len(cs)
    assert sum(d["n_mentions"] for d in docs) == len(ms) == info.n_mentions
    per_doc = {d["id"]: d["n_claims"] for d in docs}
    assert 5 <= len(cs) / len(docs) <= 15 and min(per_doc.values()) >= 1
    assert len({d["hash"] for d in docs}) == len(docs)
    assert {d["extractor_version"] for d in docs} == {"synthetic"}


def test_claims_follow_the_contract_and_point_into_their_text(built):
    _, info = built
    texts = {d["id"]: d["text"] for d in rows(info, documents)}
    for c in rows(info, claims):
        assert c["relation"] in RELATIONS and c["polarity"] in POLARITIES
        assert c["modality"] in MODALITIES and c["subject"] != c["object"]
        goods = [g for g in c["goods"].split(",") if g]
        assert set(goods) <= set(GOODS)
        assert not goods or c["relation"] == "SUPPLY"
        assert texts[c["document_id"]][c["char_start"]:c["char_end"]] == c["evidence"]
        if c["time"] is None and c["when_start"] is not None:
            assert c["time_inferred"]
    for m in rows(info, mentions):
        assert texts[m["document_id"]][m["char_start"]:m["char_end"]] == m["text"]


def test_skew_puts_the_hot_actors_in_most_claims(built):
    _, info = built
    cs = rows(info, claims)
    hot = {"RUS", "UKR", "USA", "CHN", "NATO", "EU"}
    share_hot = sum(c["subject"] in hot or c["object"] in hot for c in cs) / len(cs)
    share_rus = sum("RUS" in (c["subject"], c["object"]) for c in cs) / len(cs)
    assert share_hot > 0.6 and 0.2 < share_rus < 0.45
    undated = sum(c["when_start"] is None for c in cs) / len(cs)
    assert 0 < undated < 0.08
    assert sum(c["polarity"] == "pos" for c in cs) / len(cs) > 0.8


def test_same_seed_same_rows_and_the_cache_is_reused(synthetic, built, tmp_path):
    cache, info = built
    again = synthetic.build(None, 3000, seed=7, cache_dir=cache)
    assert not again.built and again.path == info.path and again.key == info.key
    elsewhere = synthetic.build(None, 3000, seed=7, cache_dir=tmp_path)
    assert elsewhere.built
    strip = ("ingested_at", "extracted_at")
    first = [{k: v for k, v in d.items() if k not in strip} for d in rows(info, documents)]
    second = [{k: v for k, v in d.items() if k not in strip} for d in rows(elsewhere, documents)]
    assert first == second and rows(info, claims) == rows(elsewhere, claims)


def test_a_store_with_other_content_is_not_overwritten(synthetic, tmp_path):
    path = tmp_path / "other.sqlite"
    engine = create_store_engine("sqlite:///" + str(path))
    engine.dispose()
    with pytest.raises(ValueError, match="replace"):
        synthetic.build(str(path), 100, seed=1)
    info = synthetic.build(str(path), 100, seed=1, replace=True)
    assert info.built
    engine = create_store_engine("sqlite:///" + str(path))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(claims)).scalar() == 100
    engine.dispose()
