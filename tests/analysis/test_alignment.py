"""alignment: dyadic cooperation-conflict scores and drift."""
from __future__ import annotations

import pytest

from blocwatch.analysis import alignment
from blocwatch.analysis.alignment import score_dyads
from blocwatch.analysis.weights import RELATION_WEIGHT, relation_weight

from .corpus import stored


def test_weights_have_the_goldstein_signs():
    assert RELATION_WEIGHT["CONFLICT"] == -10
    assert all(RELATION_WEIGHT[r] > 0 for r in ("ALIGN", "SUPPORT", "SUPPLY", "GUARANTEE"))
    assert all(RELATION_WEIGHT[r] < 0 for r in ("CRITICIZE", "THREATEN", "SANCTION"))
    assert relation_weight("SUPPORT", "neg") < 0           # a refusal is a rebuff
    assert relation_weight("CONFLICT", "neg") == 0         # "no war" says little


def test_repeated_reports_do_not_outweigh_different_events():
    claims = [stored("A", "ALIGN", "B", time="2022", document_id=i) for i in range(20)]
    claims.append(stored("A", "CRITICIZE", "B", time="2022", document_id=99))
    (score,) = score_dyads(claims, "year")
    assert score.score == pytest.approx((6 - 2) / 2)
    assert (score.n_facts, score.n_claims) == (2, 21)


def test_india_russia_drifted_apart(session):
    result = alignment(session, actors=["IND", "RUS"])
    assert [(s.period, s.score) for s in result.scores] == [("2019", 6.0), ("2023", -3.0)]
    (drift,) = result.drift
    assert (drift.a, drift.b, drift.change) == ("IND", "RUS", -9.0)


def test_monthly_buckets_and_one_actor(session):
    result = alignment(session, actors=["UKR"], by="month")
    assert {(s.a, s.b) for s in result.scores} == {("RUS", "UKR"), ("UKR", "USA"), ("UKR", "WEST")}
    war = next(s for s in result.scores if (s.a, s.b) == ("RUS", "UKR"))
    assert (war.period, war.score) == ("2022-02", -10.0)


def test_drift_is_sorted_by_size(session):
    changes = [abs(d.change) for d in alignment(session).drift]
    assert changes == sorted(changes, reverse=True)



def test_states_are_no_events_and_estimated_dates_are_marked(session):
    scores = alignment(session).scores
    assert not any(r in s.relations for s in scores for r in ("MEMBER_OF", "OBSERVER_OF"))
    # the undated article "neighbours" is dated by estimate, counted, and marked
    kgz = [s for s in scores if (s.a, s.b) == ("KGZ", "RUS")]
    assert kgz and all(s.estimated for s in kgz)
    assert alignment(session).undated_left_out == 0
    stated = alignment(session, bases=["stated"]).scores
    assert not any((s.a, s.b) == ("KGZ", "RUS") for s in stated)
    assert not any(s.estimated for s in stated)


def test_bad_bucket_is_refused(session):
    with pytest.raises(ValueError):
        alignment(session, by="week")


def test_grouping_in_the_database_scores_as_the_claims_do(session):
    from blocwatch.analysis.claims import load_claims
    for actors in (None, ["RUS"], ["KAZ", "RUS", "CHN"]):
        for by in ("year", "month"):
            claims = [c for c in load_claims(session)
                      if not actors or (c.subject in actors or c.object in actors
                                        if len(actors) == 1 else
                                        c.subject in actors and c.object in actors)]
            expected = score_dyads(claims, by)
            assert expected and alignment(session, actors=actors, by=by).scores == expected
