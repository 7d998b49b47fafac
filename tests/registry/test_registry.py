"""The reference registry: the data file's facts and the loader's rules."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.registry import MEMBERSHIP_STATUSES, RegistryError, load_registry, parse


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_the_blocs_of_the_contract_are_there(registry):
    assert {"CSTO", "SCO", "NATO", "EU", "BRICS", "EAEU", "CIS", "WARSAW_PACT"} <= registry.codes()


def test_every_entry_names_its_source(registry):
    for bloc in registry.blocs.values():
        assert bloc.sources, bloc.code
        for actor, spells in bloc.members.items():
            assert spells and all(s.source for s in spells), (bloc.code, actor)
        assert all(o.source and o.clause for o in bloc.obligations), bloc.code


def test_csto_history(registry):
    csto = registry["CSTO"]
    founders = {"RUS", "ARM", "KAZ", "KGZ", "TJK", "UZB"}
    assert set(csto.members_at("1992-06")) == founders
    assert set(csto.members_at("1995")) == founders | {"AZE", "GEO", "BLR"}
    assert set(csto.members_at("2000")) == {"RUS", "ARM", "KAZ", "KGZ", "TJK", "BLR"}
    assert csto.status("UZB", "2008") == "member"          # back in 2006
    assert csto.status("UZB", "2013") == "former"          # suspended 2012
    assert csto.status("ARM", "2023") == "member"
    assert csto.status("ARM", "2024-06") == "frozen"
    assert "ARM" in csto.obligated_at("2024-06")           # frozen: still a party
    assert csto.status("CHN", "2024") is None


def test_sco_enlargement(registry):
    sco = registry["SOZ"]
    assert sco.status("IND", "2016") == "observer" and sco.status("IND", "2018") == "member"
    assert sco.status("PAK", "2017-06-09") == "member"
    assert sco.status("IRN", "2023-01") == "observer" and sco.status("IRN", "2023-08") == "member"
    assert sco.status("BLR", "2024-08") == "member"
    assert len(sco.members_at("2024-12")) == 10


def test_nato_accessions(registry):
    nato = registry["NATO"]
    assert len(nato.members_at("1949-05")) == 12
    assert nato.status("FIN", "2023-04-03") == "candidate"
    assert nato.status("FIN", "2023-04-04") == "member"
    assert nato.status("SWE", "2024-03-06") == "candidate"
    assert nato.status("SWE", "2024-03-07") == "member"
    assert len(nato.members_at("2024-04")) == 32


def test_brics_and_the_others(registry):
    brics = registry["BRICS"]
    assert set(brics.members_at("2023")) == {"BRA", "RUS", "IND", "CHN", "ZAF"}
    assert {"EGY", "ETH", "IRN", "ARE"} <= set(brics.members_at("2024-06"))
    assert brics.status("SAU", "2024-06") == "invited"
    assert set(registry["EAEU"].members_at("2016")) == {"RUS", "BLR", "KAZ", "ARM", "KGZ"}
    assert registry["CIS"].status("GEO", "2010") == "former"
    assert registry["CIS"].status("TKM", "2010") == "associate"
    warsaw = registry["Warschauer Pakt"]
    assert warsaw.status("ALB", "1970") == "former" and not warsaw.existed("1992")


def test_obligations_in_the_manner_of_atop(registry):
    def defence(code):
        return [o.clause for o in registry[code].obligations if o.type == "defence"]
    assert defence("CSTO") == ["Article 4"]
    assert defence("NATO") == ["Article 5"]
    assert defence("RUS-PRK-2024") == ["Article 4"]
    assert registry["SCO"].obligations == []              # no mutual defence
    types = {o.type for b in registry.blocs.values() for o in b.obligations}
    assert {"defence", "consultation", "non_aggression", "neutrality"} <= types


def test_blocs_of_an_actor(registry):
    assert registry.blocs_of("ARM", "2025-01") == {"CSTO": "frozen", "SCO": "partner",
                                                   "EAEU": "member", "CIS": "member",
                                                   "RUS-ARM-1997": "member"}


def test_the_loader_refuses_bad_entries():
    with pytest.raises(RegistryError, match="unknown status"):
        parse({"X": {"name": "X", "members": {"A": [{"status": "friend", "from": 2000,
                                                        "source": "s"}]}}})
    with pytest.raises(RegistryError, match="without source"):
        parse({"X": {"name": "X", "members": {"A": [{"status": "member", "from": 2000}]}}})
    with pytest.raises(RegistryError, match="not a date"):
        parse({"X": {"name": "X", "founded": "sometime"}})


@settings(max_examples=200)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_status_and_membership_lists_agree(day):
    registry = load_registry()
    at = day.isoformat()
    for bloc in registry.blocs.values():
        members = set(bloc.members_at(at))
        for actor in bloc.members:
            assert (actor in members) == (bloc.status(actor, at) in MEMBERSHIP_STATUSES)
