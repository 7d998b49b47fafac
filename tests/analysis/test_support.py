"""who_supports: suppliers and supporters, positive and negative apart."""
from __future__ import annotations

from blocwatch.analysis import who_supports


def by_supporter(findings):
    return {f.supporter: f for f in findings}


def test_who_supports_russia(session):
    result = who_supports(session, "RUS")
    positive, negative = by_supporter(result.positive), by_supporter(result.negative)
    assert set(positive) == {"IRN", "PRK", "KAZ", "KGZ", "CHN", "BLR"}
    assert set(positive["IRN"].what) == {"drones", "ammunition"}
    assert set(positive["KAZ"].what) == {"spare_parts", "military_equipment"}
    assert positive["BLR"].what == ["political support"]
    # China: dual-use goods, but not weapons
    assert positive["CHN"].what == ["dual_use"]
    assert negative["CHN"].what == ["weapons"]
    assert negative["KAZ"].what == ["political support"]
    # reported claims are less sure than asserted ones
    assert positive["KGZ"].confidence < positive["PRK"].confidence
    assert positive["KGZ"].share_reported == 1.0


def test_every_finding_cites_its_sentence(session):
    for finding in who_supports(session, "RUS").positive:
        assert finding.evidence and all(e["evidence"] and e["doc"] for e in finding.evidence)


def test_since_leaves_out_older_claims(session):
    result = who_supports(session, "RUS", since="2023", until="2025")
    assert set(by_supporter(result.positive)) == {"IRN", "PRK", "CHN"}
    # KAZ and KGZ from the undated article are dated by estimate: the day it was stored
    assert {"KAZ", "KGZ"} <= set(by_supporter(who_supports(session, "RUS", since="2025").positive))


def test_troops_count_as_support(session):
    result = who_supports(session, "KAZ")
    positive = by_supporter(result.positive)
    assert positive["RUS"].what == ["troops"]
    assert set(positive["CSTO"].what) == {"troops", "political support"}


def test_unknown_actor_has_no_supporters(session):
    result = who_supports(session, "XYZ")
    assert result.positive == result.negative == result.planned == []
