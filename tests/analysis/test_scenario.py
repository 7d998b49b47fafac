"""scenario: who is bound to defend an actor, what they did when asked, where they stand."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from blocwatch.analysis import scenario
from blocwatch.model import Claim, Document
from kit.store import build_scripted_store


def party(result, code):
    return next(p for p in result.parties if p.party == code)


def test_armenia_names_the_csto_article_4_and_the_refusal_of_2021(session):
    result = scenario(session, "ARM", at="2025-07-01")
    russia = party(result, "RUS")
    csto = next(o for o in russia.obligations if o.instrument == "CSTO")
    assert (csto.clause, csto.status) == ("Article 4", "frozen")   # frozen since Feb 2024
    assert any(o.instrument == "RUS-ARM-1997" for o in russia.obligations)
    asked = next(a for a in russia.record if a.requester == "ARM")
    assert (asked.addressee, asked.time, asked.answer) == ("CSTO", "2021", "refused")
    assert asked.evidence and asked.evidence[0]["document_id"] is not None
    assert any("vergeblich" in e["sentence"] for e in asked.evidence)
    assert russia.verdict == "bound_refused_before"      # Armenia's own request decides
    for member in ("BLR", "KAZ", "KGZ", "TJK"):
        assert party(result, member).verdict == "bound_refused_before"
    assert [a.actor for a in result.adversaries] == ["AZE"]
    azerbaijan = party(result, "AZE")
    assert azerbaijan.verdict == "not_bound_hostile" and not azerbaijan.obligations


def test_kazakhstan_names_russias_help_of_january_2022(session):
    result = scenario(session, "KAZ", at="2022-06")
    russia = party(result, "RUS")
    helped = next(a for a in russia.record if a.requester == "KAZ")
    assert (helped.time, helped.answer, helped.goods) == ("2022-01", "helped", ["troops"])
    assert russia.verdict == "bound_came_before"
    assert party(result, "CSTO").verdict == "bound_came_before"
    # Armenia said nothing when Kazakhstan asked, and never asked anyone itself
    assert party(result, "ARM").verdict == "bound_never_tested"


def test_the_date_decides_who_is_bound_and_what_is_on_record(session):
    before = scenario(session, "ARM", at="2020-06")
    assert party(before, "RUS").obligations[0].status == "member"
    assert all(a.time is None or a.time < "2020-07" for a in party(before, "RUS").record)
    assert party(before, "RUS").verdict == "bound_never_tested"
    # Uzbekistan left the CSTO in 2012: nobody owed it anything under Article 4 in 2020
    assert not [p for p in scenario(session, "UZB", at="2020").parties if p.obligations]


def test_bad_date_is_a_value_error(session):
    with pytest.raises(ValueError, match="not a date"):
        scenario(session, "ARM", at="soon")


def test_adversaries_come_with_their_backers_and_bilateral_treaties_bind(tmp_path):
    text = ("Aserbaidschan griff 2023 Armenien an. Die Türkei lieferte Aserbaidschan Drohnen. "
            "Frankreich unterstützt Armenien.")
    script = {
        "Aserbaidschan griff 2023 Armenien an.": [Claim("AZE", "CONFLICT", "ARM", time="2023")],
        "Die Türkei lieferte Aserbaidschan Drohnen.":
            [Claim("TUR", "SUPPLY", "AZE", time="2023", goods=["drones"])],
        "Frankreich unterstützt Armenien.": [Claim("FRA", "SUPPORT", "ARM")],
    }
    doc = Document(doc_id="caucasus", text=text, date="2023-10-01", outlet="test.de",
                   language="de")
    engine = build_scripted_store("sqlite:///" + str(tmp_path / "s.sqlite"), [doc], script)
    with Session(engine) as session:
        armenia = scenario(session, "ARM", at="2024-01")
        azerbaijan = scenario(session, "AZE", at="2024-01")
    assert [(a.actor, a.backers) for a in armenia.adversaries] == [("AZE", ["TUR"])]
    assert party(armenia, "FRA").verdict == "not_bound_supports"
    turkey = party(azerbaijan, "TUR")
    assert [(o.instrument, o.status) for o in turkey.obligations] == [("TUR-AZE-2021", "member")]
    assert turkey.verdict == "bound_never_tested"
    assert any(s.toward == "actor" and s.relation == "SUPPLY" for s in turkey.stance)
    engine.dispose()
