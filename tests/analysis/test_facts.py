"""facts: merging claims across articles, and how sure the merge is."""
from __future__ import annotations

import pytest

from blocwatch.analysis import facts, merge

from .corpus import stored


def test_symmetric_relations_merge_whatever_the_order():
    merged = merge([stored("RUS", "MEET", "PRK", document_id=1),
                    stored("PRK", "MEET", "RUS", document_id=2, outlet="andere-zeitung.de")])
    assert len(merged) == 1
    fact = merged[0]
    assert (fact.subject, fact.relation, fact.object) == ("PRK", "MEET", "RUS")
    assert (fact.n_documents, fact.n_outlets) == (2, 2)


def test_polarities_stay_apart():
    merged = merge([stored("CHN", "SUPPLY", "RUS"), stored("CHN", "SUPPLY", "RUS", "neg")])
    assert sorted(f.polarity for f in merged) == ["neg", "pos"]


def test_confidence_rises_with_independent_outlets_only():
    one = merge([stored("IRN", "SUPPLY", "RUS", document_id=1)])[0].confidence
    two_outlets = merge([stored("IRN", "SUPPLY", "RUS", document_id=1),
                         stored("IRN", "SUPPLY", "RUS", document_id=2,
                                outlet="andere-zeitung.de")])[0].confidence
    same_outlet = merge([stored("IRN", "SUPPLY", "RUS", document_id=1),
                         stored("IRN", "SUPPLY", "RUS", document_id=2)])[0].confidence
    assert one == 0.6
    assert two_outlets == 0.84
    assert same_outlet == one


def test_many_outlets_quoting_one_source_count_once():
    quoted = [stored("KAZ", "DISTANCE", "RUS", modality="reported", source="Bild",
                     document_id=i, outlet=f"outlet{i}.de") for i in range(10)]
    fact = merge(quoted)[0]
    assert fact.confidence == 0.4
    assert fact.n_outlets == 10 and fact.share_reported == 1.0


def test_reported_and_possible_weigh_less_than_asserted():
    asserted = merge([stored("A", "SUPPORT", "B")])[0].confidence
    reported = merge([stored("A", "SUPPORT", "B", modality="reported")])[0].confidence
    possible = merge([stored("A", "SUPPORT", "B", modality="possible")])[0].confidence
    assert asserted > reported > possible > 0


def test_first_and_last_time_and_evidence():
    fact = merge([stored("RUS", "ALIGN", "CHN", time="2023", document_id=1),
                  stored("RUS", "ALIGN", "CHN", time="2019-05", document_id=2),
                  stored("RUS", "ALIGN", "CHN", doc_date="2024-02-01", document_id=3)])[0]
    assert (fact.first_time, fact.last_time) == ("2019-05", "2024-02-01")
    assert [e["doc"] for e in fact.evidence] == ["doc2", "doc1", "doc3"]


def test_facts_from_the_store(session):
    found = facts(session, subject="RUS", relation="MEET")
    assert [(f.subject, f.object) for f in found] == [("PRK", "RUS")]
    kaz = facts(session, actor="KAZ")
    assert {(f.subject, f.relation, f.object, f.polarity) for f in kaz} >= {
        ("KAZ", "REQUEST_AID", "CSTO", "pos"), ("KAZ", "DISTANCE", "RUS", "neg"),
        ("KAZ", "SUPPLY", "RUS", "pos")}
    assert all(f.evidence for f in kaz)
    assert facts(session, actor="KAZ", since="2023", until="2025") == []


@pytest.mark.parametrize("filters", [{}, {"actor": "RUS"}, {"subject": "CHN"},
                                     {"object": "RUS", "relation": "SUPPLY"},
                                     {"subject": "RUS", "object": "PRK"},
                                     {"actor": "KAZ", "polarity": "neg"},
                                     {"relation": "MEET", "subject": "PRK"}])
def test_facts_read_from_the_store_equal_the_merged_ones(session, filters):
    def figures(found):
        return [(f.subject, f.relation, f.object, f.polarity, f.first_time, f.last_time,
                 f.n_documents, f.n_outlets, f.share_reported, f.confidence) for f in found]
    merged = facts(session, **filters)
    read = facts(session, evidence=2, **filters)
    assert merged and figures(read) == figures(merged)
    for fact_read, fact_merged in zip(read, merged):
        assert 1 <= len(fact_read.evidence) <= 2
        assert all(e in fact_merged.evidence for e in fact_read.evidence)
