"""obligations: requests for aid to a bloc and what its members did."""
from __future__ import annotations

from sqlalchemy.orm import Session

from blocwatch.analysis import obligations
from blocwatch.model import Claim, Document
from blocwatch.store import create_store_engine, ingest
from kit.store import ScriptedExtractor


def request(result, requester):
    return next(r for r in result.requests if r.requester == requester)


def test_csto_obligations_from_the_registry(session):
    result = obligations(session, "CSTO")
    defence = next(o for o in result.obligations if o.type == "defence")
    assert defence.clause == "Article 4"


def test_armenia_asked_and_no_member_helped(session):
    result = obligations(session, "OVKS")           # the German name works too
    armenia = request(result, "ARM")
    assert (armenia.addressee, armenia.time, armenia.dated) == ("CSTO", "2021", True)
    assert armenia.helped_by == []
    verdicts = {r.actor: r.verdict for r in armenia.responses}
    assert {verdicts[m] for m in ("RUS", "BLR", "KAZ", "KGZ", "TJK")} == {"refused"}
    assert "ARM" not in verdicts                     # the requester owes itself nothing
    assert armenia.evidence[0]["doc"] == "arm_unanswered"


def test_kazakhstan_asked_and_russian_troops_came(session):
    kazakhstan = request(obligations(session, "CSTO"), "KAZ")
    assert kazakhstan.time == "2022-01"
    responses = {r.actor: r for r in kazakhstan.responses}
    assert responses["RUS"].verdict == "helped" and responses["RUS"].how == ["troops"]
    assert responses["CSTO"].verdict == "helped"
    assert responses["ARM"].verdict == "unknown"     # nothing known is not a refusal
    assert set(kazakhstan.helped_by) == {"CSTO", "RUS"}


def test_help_long_after_the_request_does_not_count_and_unwillingness_does(tmp_path):
    script = {
        "Tadschikistan bat 2010 die OVKS um Hilfe.":
            [Claim("TJK", "REQUEST_AID", "CSTO", time="2010-05")],
        "Russland schickte 2015 Soldaten nach Tadschikistan.":
            [Claim("RUS", "DEPLOY_FORCES", "TJK", time="2015")],
        "Kasachstan half Duschanbe im Juni 2010.": [Claim("KAZ", "SUPPORT", "TJK", time="2010-06")],
        "Belarus wollte im Juni 2010 nicht helfen.":
            [Claim("BLR", "SUPPORT", "TJK", "neg", modality="possible", time="2010-06")],
        "Usbekistan erwog im Mai 2010, Truppen zu schicken.":
            [Claim("UZB", "DEPLOY_FORCES", "TJK", modality="possible", time="2010-05")],
    }
    docs = [Document(doc_id=f"t{i}", text=text, date="2016-01-01", outlet=f"o{i}.de")
            for i, text in enumerate(script)]
    url = "sqlite:///" + str(tmp_path / "s.sqlite")
    ingest([], url, progress=False, extract=ScriptedExtractor(script), extractor_version="t",
           read=lambda _p: docs)
    with Session(create_store_engine(url)) as s:
        tajikistan = request(obligations(s, "CSTO"), "TJK")
    verdicts = {r.actor: r.verdict for r in tajikistan.responses}
    assert verdicts["KAZ"] == "helped"
    assert verdicts["RUS"] == "unknown"
    assert verdicts["BLR"] == "refused"              # unwilling is refusing
    assert verdicts["UZB"] == "promised"             # a member in 2010, only considering it


def test_nato_has_article_5_and_no_requests_here(session):
    result = obligations(session, "NATO")
    assert [o.clause for o in result.obligations if o.type == "defence"] == ["Article 5"]
    assert result.requests == []
