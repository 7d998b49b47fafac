"""pipeline.extract and the contract object it produces (../shared/ONTOLOGY.md).

Fixture texts are invented by the team.
"""
from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch import pipeline
from blocwatch.claims.extract import merge
from blocwatch.model import GOODS, MODALITIES, POLARITIES, RELATIONS, Claim, Document
from blocwatch.pipeline import UnsupportedLanguage, extract, extractor_version

CLAIM_FIELDS = {"subject", "relation", "object", "polarity", "modality", "time", "source", "goods", "evidence"}

ARTICLE = (
    "Russland schickt Truppen nach Kasachstan\n\n"
    "Kasachstan bat am Mittwochabend die OVKS um Hilfe. Deutsche Medien berichteten ausführlich. "
    "Daraufhin entsandte Russland Fallschirmjäger nach Kasachstan. Laut Reuters schickte auch "
    "Belarus Soldaten nach Kasachstan. Armenien, Belarus und Kasachstan sind Mitglieder der OVKS. "
    "China liefert keine Waffen an Russland."
)


def doc(text: str = ARTICLE, lang: str = "de", date: str | None = "2022-01-06", doc_id: str = "art1") -> Document:
    return Document(doc_id, text, date=date, language=lang)


def test_contract_has_exactly_the_documented_keys_and_values():
    out = extract(doc()).to_contract()
    assert set(out) == {"doc", "date", "actors", "claims"}
    assert out["doc"] == "art1"
    assert out["date"] == "2022-01-06"
    assert out["claims"], "the article states claims"
    for c in out["claims"]:
        # confidence is the contract's one optional field: the trained scorer's probability
        assert set(c) - {"confidence"} == CLAIM_FIELDS
        assert 0.0 <= c["confidence"] <= 1.0
        assert c["relation"] in RELATIONS
        assert c["polarity"] in POLARITIES
        assert c["modality"] in MODALITIES
        assert c["subject"] in out["actors"] and c["object"] in out["actors"]
        assert c["subject"] != c["object"]
        assert isinstance(c["goods"], list) and set(c["goods"]) <= set(GOODS)
        if c["relation"] != "SUPPLY":
            assert c["goods"] == []
        assert c["time"] is None or isinstance(c["time"], str)
        assert isinstance(c["evidence"], str) and c["evidence"] in ARTICLE
    # the object is what the CLI prints: plain JSON
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out


def test_contract_content_of_the_sample_article():
    out = extract(doc()).to_contract()
    assert out["actors"] == ["ARM", "BLR", "CHN", "CSTO", "KAZ", "RUS"]   # no DEU: "Deutsche Medien"
    got = {(c["subject"], c["relation"], c["object"], c["polarity"]) for c in out["claims"]}
    assert {
        ("KAZ", "REQUEST_AID", "CSTO", "pos"),
        ("RUS", "DEPLOY_FORCES", "KAZ", "pos"),
        ("BLR", "DEPLOY_FORCES", "KAZ", "pos"),
        ("ARM", "MEMBER_OF", "CSTO", "pos"),
        ("BLR", "MEMBER_OF", "CSTO", "pos"),
        ("KAZ", "MEMBER_OF", "CSTO", "pos"),
        ("CHN", "SUPPLY", "RUS", "neg"),
    } <= got


def test_actors_are_sorted_and_unique():
    text = ("Putin traf Tokajew in Moskau. Russland und Kasachstan berieten. Der Kreml lobte Kasachstan. "
            "Die Nato und die NATO schwiegen.")
    actors = extract(doc(text)).actors
    assert actors == sorted(set(actors))
    assert actors == ["KAZ", "NATO", "RUS"]


def test_a_document_with_no_actor_gives_empty_lists():
    out = extract(doc("Das Wetter war am Montag schön.")).to_contract()
    assert out["actors"] == [] and out["claims"] == []


def test_extraction_is_a_pure_function_of_the_document():
    assert extract(doc()).to_contract() == extract(doc()).to_contract()


def test_repeated_claims_collapse_to_one_per_key():
    text = ("Russland entsandte Truppen nach Kasachstan. Später schickte Russland weitere Soldaten "
            "nach Kasachstan. Russland schickte auch Fallschirmjäger nach Kasachstan.")
    found = extract(doc(text)).claims
    assert [(c.subject, c.relation, c.object, c.polarity) for c in found] == [
        ("RUS", "DEPLOY_FORCES", "KAZ", "pos")]
    assert found[0].evidence == "Russland entsandte Truppen nach Kasachstan."


def test_opposite_polarities_do_not_collapse():
    text = "Russland liefert Waffen an Belarus. Russland liefert keine Waffen an Belarus."
    pols = sorted(c.polarity for c in extract(doc(text)).claims)
    assert pols == ["neg", "pos"]


def test_symmetric_relations_collapse_regardless_of_order():
    text = "Putin traf Xi Jinping in Peking. Im Herbst traf Xi Jinping Putin in Moskau."
    found = [c for c in extract(doc(text)).claims if c.relation == "MEET"]
    assert len(found) == 1
    assert {found[0].subject, found[0].object} == {"CHN", "RUS"}


def test_merge_collapses_and_fills_gaps_from_later_mentions():
    a = Claim("RUS", "SUPPLY", "BLR", goods=["weapons"], evidence="first")
    b = Claim("RUS", "SUPPLY", "BLR", time="2022", source="Reuters", goods=["weapons", "ammunition"],
              evidence="second")
    c = Claim("BLR", "MEET", "RUS", evidence="third")
    d = Claim("RUS", "MEET", "BLR", time="2021", evidence="fourth")
    e = Claim("RUS", "CRITICIZE", "BLR", evidence="fifth")
    f = Claim("BLR", "CRITICIZE", "RUS", evidence="sixth")   # directed: stays apart
    out = merge([a, b, c, d, e, f])
    assert [x.evidence for x in out] == ["first", "third", "fifth", "sixth"]
    supply, meet = out[0], out[1]
    assert (supply.time, supply.source, supply.goods) == ("2022", "Reuters", ["weapons", "ammunition"])
    assert {meet.subject, meet.object} == {"BLR", "RUS"} and meet.time == "2021"


def test_unsupported_language_is_refused():
    with pytest.raises(UnsupportedLanguage):
        extract(doc("La Russie a envoyé des troupes au Kazakhstan.", lang="fr"))


def test_english_documents_are_supported():
    out = extract(doc("Russia deployed troops to Kazakhstan.", lang="en")).to_contract()
    assert [(c["subject"], c["relation"], c["object"]) for c in out["claims"]] == [("RUS", "DEPLOY_FORCES", "KAZ")]


# --- extractor version ---------------------------------------------------------------

class _FakeResources:
    """Stands in for importlib.resources: each package's data folder lives under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self, package: str) -> Path:
        return self.root / package


def _copy_data(root: Path) -> None:
    for package in ("blocwatch.read", "blocwatch.actors", "blocwatch.claims"):
        src = Path(str(resources.files(package).joinpath("data")))
        shutil.copytree(src, root / package / "data")


def test_extractor_version_changes_when_a_data_file_changes(tmp_path, monkeypatch):
    _copy_data(tmp_path)
    monkeypatch.setattr(pipeline, "resources", _FakeResources(tmp_path))
    compute = extractor_version.__wrapped__          # bypass the per-process cache
    original = compute()
    assert original == extractor_version()           # the copy is the package's data
    assert compute() == original                     # stable

    cues = tmp_path / "blocwatch.claims" / "data" / "cues_de.yaml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n# a reviewer's note\n", encoding="utf-8")
    changed = compute()
    assert changed != original
    assert changed.split("+")[0] == original.split("+")[0]   # same package version, other data digest

    aliases = tmp_path / "blocwatch.actors" / "data" / "people.yaml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "\n# another note\n", encoding="utf-8")
    assert compute() not in (original, changed)


# --- invariants over composed articles -----------------------------------------------

_SENTENCES = {
    "de": [
        "Russland entsandte Truppen nach Kasachstan.",
        "Aserbaidschan wird von der Türkei unterstützt.",
        "China liefert keine Waffen an Russland.",
        "Laut Reuters lieferte Iran Drohnen an Russland.",
        "Armenien, Belarus und Kasachstan sind Mitglieder der OVKS.",
        "Entsendet Russland Truppen nach Kasachstan?",
        "Russland schickt Truppen nach Kasachstan",
        "Das Wetter in Almaty war mild.",
        "Brüssel kritisierte Peking.",
        "Im vergangenen Jahr trat Finnland der Nato bei.",
    ],
    "en": [
        "Russia deployed troops to Kazakhstan.",
        "Azerbaijan is backed by Turkey.",
        "China did not deliver weapons to Russia.",
        "Iran supplied drones to Russia, according to Reuters.",
        "Did Russia send troops to Kazakhstan?",
        "Finland joined NATO in April 2023.",
        "The weather in Almaty was mild.",
    ],
}


@settings(max_examples=40, deadline=None)
@given(data=st.data(), lang=st.sampled_from(["de", "en"]))
def test_invariants_hold_for_any_composed_article(data, lang):
    parts = data.draw(st.lists(st.sampled_from(_SENTENCES[lang]), max_size=6))
    seps = data.draw(st.lists(st.sampled_from([" ", "\n", "\n\n", "  "]), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps))
    ex = extract(doc(text, lang=lang))
    assert ex.actors == sorted(set(ex.actors))
    keys = [c.key() for c in ex.claims]
    assert len(keys) == len(set(keys))
    for c in ex.claims:
        assert text[c.start:c.end] == c.evidence
        assert c.subject in ex.actors and c.object in ex.actors and c.subject != c.object
        assert not c.evidence.rstrip().endswith("?")
