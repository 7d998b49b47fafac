"""members: registry membership against what the corpus says."""
from __future__ import annotations

import pytest

from blocwatch.analysis import members


def rows(result):
    return {r.actor: r for r in result.rows}


def test_csto_today(session):
    result = members(session, "CSTO", at="2025-06-01")
    found = rows(result)
    assert found["RUS"].registry_status == "member" and found["RUS"].verdict == "registry only"
    assert found["ARM"].registry_status == "frozen"
    assert found["ARM"].verdict == "agree"           # frozen is still a member
    assert found["GEO"].registry_status == "former"
    assert (found["GEO"].corpus_status, found["GEO"].verdict) == ("left", "agree")
    # "Uzbekistan is still a member" (2024) contradicts the registry
    assert found["UZB"].corpus_status == "member"
    assert found["UZB"].verdict == "disagree"
    assert [r.actor for r in result.disagreements] == ["UZB"]
    assert found["UZB"].evidence


def test_csto_in_2000(session):
    found = rows(members(session, "CSTO", at="2000-06-01"))
    assert "ARM" in found and found["ARM"].registry_status == "member"
    assert found["UZB"].registry_status == "former"
    # only what was said by 2000 counts: the 1999 departure, which the registry confirms
    assert (found["UZB"].corpus_status, found["UZB"].verdict) == ("left", "agree")


def test_plans_are_not_compared(session):
    found = rows(members(session, "SCO", at="2025-01-01"))
    assert found["TUR"].corpus_status == "possible member"
    assert found["TUR"].verdict == "possible"
    assert found["IRN"].registry_status == "member"


def test_unknown_bloc_is_an_error(session):
    with pytest.raises(KeyError):
        members(session, "NOPE")


def test_a_plan_does_not_undo_a_stated_membership(tmp_path):
    from sqlalchemy.orm import Session

    from blocwatch.model import Claim, Document
    from blocwatch.store import create_store_engine, ingest
    from kit.store import ScriptedExtractor

    script = {"Belarus gehört zur OVKS.": [Claim("BLR", "MEMBER_OF", "CSTO")],
              "Belarus wolle enger mit der OVKS zusammenarbeiten.":
                  [Claim("BLR", "MEMBER_OF", "CSTO", modality="possible", time="2022-01")]}
    docs = [Document(doc_id=f"b{i}", text=t) for i, t in enumerate(script)]
    url = "sqlite:///" + str(tmp_path / "s.sqlite")
    ingest([], url, progress=False, extract=ScriptedExtractor(script), extractor_version="t",
           read=lambda _p: docs)
    with Session(create_store_engine(url)) as s:
        row = rows(members(s, "CSTO", at="2023"))["BLR"]
    assert (row.corpus_status, row.verdict, row.corpus_documents) == ("member", "agree", 2)
