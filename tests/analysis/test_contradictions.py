"""contradictions: both polarities for overlapping times."""
from __future__ import annotations

from blocwatch.analysis import contradictions


def test_reported_turn_away_against_its_denial(session):
    found = {(c.subject, c.relation, c.object): c for c in contradictions(session)}
    clash = found[("KAZ", "DISTANCE", "RUS")]
    assert clash.dated
    assert clash.positive_sources == ["Bild"]
    assert clash.negative_sources == ["qualitaetszeitung.de"]
    assert clash.positive[0]["doc"] == "distance_claimed"
    assert clash.negative[0]["doc"] == "distance_denied"


def test_different_goods_and_plans_are_no_contradiction(session):
    keys = {(c.subject, c.relation, c.object) for c in contradictions(session)}
    assert ("CHN", "SUPPLY", "RUS") not in keys      # dual-use yes, weapons no
    assert ("KAZ", "SUPPORT", "RUS") not in keys     # only stated one way


def test_filter_by_actor(session):
    assert contradictions(session, actor="PRK") == []
    assert len(contradictions(session, actor="KAZ")) == 1


def test_a_change_over_time_is_no_contradiction(tmp_path):
    from sqlalchemy.orm import Session

    from blocwatch.model import Claim, Document
    from blocwatch.store import create_store_engine, ingest
    from kit.store import ScriptedExtractor

    script = {
        "2019 unterstützte Ungarn die Sanktionen.":
            [Claim("HUN", "SUPPORT", "EU", time="2019")],
        "2023 unterstützte Ungarn die EU nicht mehr.":
            [Claim("HUN", "SUPPORT", "EU", "neg", time="2023")],
        "Ungarn unterstützt die EU, heißt es.":
            [Claim("HUN", "SUPPORT", "EU", modality="reported")],
    }
    docs = [Document(doc_id=f"h{i}", text=t, date="2023-05-01") for i, t in enumerate(script)]
    url = "sqlite:///" + str(tmp_path / "s.sqlite")
    ingest([], url, progress=False, extract=ScriptedExtractor(script), extractor_version="t",
           read=lambda _p: docs[:2])
    with Session(create_store_engine(url)) as s:
        assert contradictions(s) == []
    # an article that does not date its claim may clash with either: flagged, not dated
    ingest([], url, progress=False, extract=ScriptedExtractor(script), extractor_version="t",
           read=lambda _p: docs)
    with Session(create_store_engine(url)) as s:
        (clash,) = contradictions(s)
    assert not clash.dated and len(clash.positive) == 1 and len(clash.negative) == 1
