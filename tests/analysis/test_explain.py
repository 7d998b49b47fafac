"""explain: the timeline between two actors."""
from __future__ import annotations

from blocwatch.analysis import explain


def test_timeline_is_in_time_order_with_citations(session):
    result = explain(session, "RUS", "KAZ")
    relations = [(e.subject, e.relation, e.polarity) for e in result.timeline]
    assert relations[0] == ("RUS", "DEPLOY_FORCES", "pos")        # 2022-01
    assert ("KAZ", "DISTANCE", "pos") in relations and ("KAZ", "DISTANCE", "neg") in relations
    # the undated article comes last, dated by estimate (the day it was stored)
    assert relations[-1][0] == "KAZ" and result.timeline[-1].time_basis == "estimated"
    assert not result.timeline[-1].dated
    for entry in result.timeline:
        assert entry.citation["doc"] and entry.citation["evidence"]


def test_either_order_gives_the_same_timeline(session):
    ab = [e.citation["evidence"] for e in explain(session, "RUS", "KAZ").timeline]
    ba = [e.citation["evidence"] for e in explain(session, "KAZ", "RUS").timeline]
    assert ab == ba


def test_publication_date_stands_in_but_is_marked(session):
    entry = next(e for e in explain(session, "CHN", "RUS").timeline
                 if e.relation == "SUPPLY" and e.polarity == "pos")
    assert (entry.time, entry.dated) == ("2023-08-02", False)


def test_limit_keeps_the_oldest_and_says_how_many_there_are(session):
    whole = explain(session, "RUS", "KAZ")
    first_two = explain(session, "RUS", "KAZ", limit=2)
    assert first_two.total == whole.total == len(whole.timeline) > 2
    assert [e.citation for e in first_two.timeline] == [e.citation for e in whole.timeline[:2]]
    assert [(f.subject, f.relation, f.object, f.polarity, f.confidence) for f in first_two.facts] \
        == [(f.subject, f.relation, f.object, f.polarity, f.confidence) for f in whole.facts]


def test_facts_of_a_window_are_those_of_its_claims(session):
    result = explain(session, "RUS", "KAZ", since="2022-01", until="2022-01")
    assert result.timeline and result.total == len(result.timeline)
    assert {(f.subject, f.relation) for f in result.facts} == {
        (e.subject, e.relation) for e in result.timeline}
