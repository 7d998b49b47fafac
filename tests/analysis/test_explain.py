"""explain: the timeline between two actors."""
from __future__ import annotations

from blocwatch.analysis import explain


def test_timeline_is_in_time_order_with_citations(session):
    result = explain(session, "RUS", "KAZ")
    relations = [(e.subject, e.relation, e.polarity) for e in result.timeline]
    assert relations[0] == ("RUS", "DEPLOY_FORCES", "pos")        # 2022-01
    assert ("KAZ", "DISTANCE", "pos") in relations and ("KAZ", "DISTANCE", "neg") in relations
    assert relations[-1][0] == "KAZ" and result.timeline[-1].time is None   # undated last
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
