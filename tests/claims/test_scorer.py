"""The trained scorer over the candidates: what it adds to the rule engine, its confidence,
its options, and that training is deterministic and cross-validated. Texts are invented."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from blocwatch.claims import scorer, training
from blocwatch.claims.candidates import sentence_candidates
from blocwatch.claims.features import features, pair_features, view_of
from blocwatch.claims.keys import key_records
from blocwatch.cli import main
from blocwatch.model import Document
from blocwatch.pipeline import configured, extract, make_candidates, parse

TEXT_DE = ("Russland liefert Waffen an Belarus. Kasachstan bat die OVKS um Hilfe. "
           "Die Türkei kritisierte Griechenland scharf.")


def _doc(text: str, lang: str = "de") -> Document:
    return Document("t", text, date="2024-03-01", language=lang)


def test_a_model_ships_with_cross_validated_figures():
    model = scorer.shipped()
    assert model is not None
    assert set(model.relations) >= {"MEMBER_OF", "SUPPLY", "REQUEST_AID"}
    assert 0.0 < model.meta["cv"]["all"]["all"]["f1"] < 1.0
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())


def test_every_model_claim_carries_a_confidence_in_the_contract():
    ex = extract(_doc(TEXT_DE))
    assert ex.claims
    for c in ex.claims:
        assert 0.0 <= c.confidence <= 1.0
        assert c.to_contract()["confidence"] == c.confidence
    rules = extract(_doc(TEXT_DE), extractor="rules")
    assert all(c.confidence is None and "confidence" not in c.to_contract() for c in rules.claims)


def test_the_rule_engines_claims_stay_unless_the_scorer_holds_their_relation_to_its_threshold():
    model = scorer.shipped()
    ruled = extract(_doc(TEXT_DE), extractor="rules").claims
    by_key = {(c.subject, c.relation, c.object, c.polarity): c for c in extract(_doc(TEXT_DE)).claims}
    assert ruled
    for c in ruled:
        kept = by_key.get((c.subject, c.relation, c.object, c.polarity))
        if c.relation not in model.strict:
            assert kept is not None
        else:
            assert (kept is not None) == (kept is not None and kept.confidence >= model.thresholds[c.relation])


def test_a_strict_relation_drops_the_rule_claims_the_scorer_doubts(monkeypatch):
    import dataclasses

    model = scorer.shipped()
    text = "Russland liefert Waffen an Belarus."
    assert any(c.relation == "SUPPLY" for c in extract(_doc(text)).claims) or "SUPPLY" in model.strict
    doubting = dataclasses.replace(model, strict=frozenset({"SUPPLY"}), thresholds={**model.thresholds, "SUPPLY": 0.999})
    monkeypatch.setattr(scorer, "shipped", lambda: doubting)
    assert not [c for c in extract(_doc(text)).claims if c.relation == "SUPPLY"]
    lenient = dataclasses.replace(model, strict=frozenset(), thresholds={**model.thresholds, "SUPPLY": 0.999})
    monkeypatch.setattr(scorer, "shipped", lambda: lenient)
    assert [c for c in extract(_doc(text)).claims if c.relation == "SUPPLY"]


def test_min_confidence_drops_the_less_certain_claims():
    everything = extract(_doc(TEXT_DE)).claims
    cut = min(c.confidence for c in everything) + 1e-6
    kept = extract(_doc(TEXT_DE), min_confidence=cut).claims
    assert len(kept) < len(everything)
    assert all(c.confidence >= cut for c in kept)


def test_options_are_part_of_the_extractor_version():
    _, model_version = configured("model")
    _, rules_version = configured("rules")
    _, strict_version = configured("model", 0.8)
    assert len({model_version, rules_version, strict_version}) == 3
    with pytest.raises(ValueError):
        configured("magic")


def test_a_list_in_the_next_sentence_pairs_with_the_bloc_before():
    doc = parse(_doc("Die OVKS hat sechs Mitglieder. Dazu zählen Armenien und Belarus."))
    make_candidates(doc)
    pairs = {(c.a.code, c.b.code) for c in doc.candidates} | {(c.b.code, c.a.code) for c in doc.candidates}
    assert {("ARM", "CSTO"), ("BLR", "CSTO")} <= pairs


def test_national_media_are_the_source_of_a_report_not_a_party():
    doc = parse(_doc("Deutsche Medien berichten, dass Russland Truppen nach Kasachstan entsandte."))
    make_candidates(doc)
    pairs = {c.pair for c in doc.candidates}
    assert ("RUS", "KAZ") in pairs
    assert not [p for p in pairs if "DEU" in p]


def test_direction_is_visible_to_the_scorer():
    doc = parse(_doc("Russland liefert Waffen an Belarus."))
    by_pair = {c.pair: c for c in sentence_candidates(doc.seen[0])}
    view = view_of(doc.seen[0], doc.lang)
    forward = set(features(by_pair[("RUS", "BLR")], view, doc.gazetteer))
    backward = set(features(by_pair[("BLR", "RUS")], view, doc.gazetteer))
    assert "rule=SUPPLY:pos" in forward and "rule_rev=SUPPLY:pos" in backward
    assert "order=AB" in forward and "order=BA" in backward



def test_the_sentences_features_scored_once_give_the_same_probabilities():
    doc = parse(_doc("Russland liefert Waffen an Belarus, sagte der Minister. Auch Armenien "
                     "und Kasachstan sollen Hilfe erhalten, Iran nicht."))
    make_candidates(doc)
    model = scorer.shipped()
    views = {id(s): view_of(s, doc.lang) for s in doc.seen}
    own = [pair_features(c, views[id(c.seen)], doc.gazetteer) for c in doc.candidates]
    shared = [views[id(c.seen)].shared_for(c) for c in doc.candidates]
    assert any(c.earlier for c in doc.candidates) and len(doc.candidates) > 3
    assert all(not set(o) & set(s) for o, s in zip(own, shared))   # no feature counted twice
    whole = [o + s for o, s in zip(own, shared)]
    assert np.allclose(model.score_all(own, shared), model.score_all(whole), atol=1e-12)
    assert np.array_equal(scorer.within_lexicon(model.score_all(whole), shared, model.relations),
                          scorer.within_lexicon(model.score_all(whole), whole, model.relations))

@pytest.mark.parametrize("text, relation", [
    ("Ungarn bleibt ein hartnäckiger Gegner der Sanktionen gegen Russland.", "SANCTION"),
    ("Hungary opposes sanctions against Russia.", "SANCTION"),
])
def test_a_relation_the_lexicon_vetoes_is_not_added_by_the_scorer(text, relation):
    lang = "de" if "Ungarn" in text else "en"
    doc = parse(_doc(text, lang))
    assert relation in doc.seen[0].vetoed
    assert not [c for c in extract(_doc(text, lang)).claims if c.relation == relation]


@pytest.mark.parametrize("text, lang", [
    ("Kasachstan bat die OVKS um Hilfe.", "de"),
    ("Kazakhstan asked the CSTO for help in January 2022.", "en"),
])
def test_asking_a_bloc_for_help_states_no_membership(text, lang):
    found = {(c.subject, c.relation, c.object) for c in extract(_doc(text, lang)).claims}
    assert ("KAZ", "REQUEST_AID", "CSTO") in found
    assert not [k for k in found if k[1] == "MEMBER_OF"]


def test_within_lexicon_zeroes_the_vetoed_relation_and_meet_without_its_cue():
    probs = np.array([[0.9, 0.8, 0.1], [0.9, 0.8, 0.1], [0.9, 0.8, 0.1]])
    rows = [["vetoed=SANCTION", "cue=MEET"], ["cue=MEET"], ["cue=SANCTION"]]
    out = scorer.within_lexicon(probs, rows, ["SANCTION", "MEET"])
    assert out.tolist() == [[0.0, 0.8, 0.1], [0.9, 0.8, 0.1], [0.9, 0.0, 0.1]]


# ---------------------------------------------------------------- training

_STATES = [("Russland", "RUS"), ("Belarus", "BLR"), ("Armenien", "ARM"), ("Kasachstan", "KAZ"),
           ("Serbien", "SRB"), ("Ungarn", "HUN"), ("Georgien", "GEO"), ("Usbekistan", "UZB")]


def _tiny_corpus(tmp: Path) -> tuple[Path, Path]:
    """Eight invented articles: supplies, criticism and pairs that only meet in a list."""
    articles = tmp / "articles"
    articles.mkdir()
    lines = []
    for i in range(8):
        (a, ca), (b, cb) = _STATES[i], _STATES[(i + 3) % 8]
        (c, cc) = _STATES[(i + 5) % 8]
        text = (f"{a} liefert Waffen an {b}. {c} kritisierte {a} scharf. "
                f"Zu dem Treffen kamen {b} und {c} sowie andere Gäste.")
        (articles / f"doc{i}.txt").write_text(text, encoding="utf-8")
        lines.append(json.dumps({"doc": f"doc{i}", "date": None, "actors": sorted({ca, cb, cc}), "claims": [
            {"subject": ca, "relation": "SUPPLY", "object": cb, "polarity": "pos"},
            {"subject": cc, "relation": "CRITICIZE", "object": ca, "polarity": "pos"}]}))
    gold = tmp / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold, articles


def test_training_is_deterministic_and_reports_grouped_cross_validation(tmp_path, capsys):
    gold, articles = _tiny_corpus(tmp_path)
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    assert main(["train", "--gold", str(gold), "--articles", str(articles), "--out", str(a), "--folds", "4"]) == 0
    shown = capsys.readouterr().out
    assert "4-fold cross-validation grouped by document" in shown
    assert "candidate recall" in shown and "rule engine alone" in shown
    assert main(["train", "--gold", str(gold), "--articles", str(articles), "--out", str(b), "--folds", "4"]) == 0
    assert a.read_bytes() == b.read_bytes()
    model = scorer.load_file(a)
    assert model.meta["documents"] == 8 and model.meta["folds"] == 4


def test_quoted_evidence_places_a_gold_claim_in_its_sentence(tmp_path):
    """gold.txt's quotation marks the sentence that states a claim: the pair's candidates
    there are positives, those in other sentences are not."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "d1.txt").write_text("Russland und Belarus trafen sich in Minsk. "
                                     "Russland liefert seit Jahren Waffen an Belarus.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "d1", "date": None, "actors": ["BLR", "RUS"], "claims": [
        {"subject": "RUS", "relation": "SUPPLY", "object": "BLR", "polarity": "pos"}]}) + "\n", encoding="utf-8")
    (tmp_path / "gold.txt").write_text('# doc d1\ndate: null\nactors: BLR RUS\n'
                                       'RUS SUPPLY BLR  # „liefert seit Jahren Waffen“ ... (Waffen)\n', encoding="utf-8")
    assert training.load_quotes(tmp_path / "gold.txt") == {"d1": {("RUS", "SUPPLY", "BLR"): ["liefert seit jahren waffen"]}}
    [doc] = training.build_corpus([(gold, articles, "t")])
    assert doc.evidence == {("RUS", "SUPPLY", "BLR"): {1}}
    y, w, _, _ = training._labels([doc])
    j = training.RELATIONS.index("SUPPLY")
    for (pair, (first, last)), label, weight in zip(zip(doc.pairs, doc.spans), y[:, j], w[:, j]):
        if pair == ("RUS", "BLR") and first == last == 1:
            assert label == 1 and weight == 1.0
        elif pair == ("RUS", "BLR"):
            assert label == 0 and weight == training.OFF_EVIDENCE


def test_floor_check_fails_below_the_floor(tmp_path):
    meta = {"cv": {"corpus": {"train": {"f1": 0.5}}, "language": {"de": {"f1": 0.6}}}}
    floor = tmp_path / "floor"
    floor.write_text("train_cv_claims_f1 0.4\ntrain_cv_de_f1 0.5\n")
    assert training.check_floor(meta, floor) == 0
    floor.write_text("train_cv_claims_f1 0.55\n")
    assert training.check_floor(meta, floor) == 1


def test_train_user_errors_are_one_line(tmp_path, capsys):
    assert main(["train", "--gold", str(tmp_path / "none.jsonl"), "--articles", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not found" in err[0]
    assert main(["train", "--gold", "x"]) == 2
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path), "--min-confidence", "2"])


def _scored_docs(n: int) -> tuple[list, list]:
    """Documents whose rule engine states a true MEET and a false THREATEN, and whose scorer
    gives the MEET 0.9 and the THREATEN 0.05 (out-of-fold predictions, as training has them)."""
    docs, predicted = [], []
    for i in range(n):
        d = training.GoldDoc(f"d{i}", "train", "en")
        d.required[("ARM", "MEET", "RUS")] = "pos"
        d.claims.add(("ARM", "MEET", "RUS", "pos"))
        d.rule_keys = {("ARM", "MEET", "RUS", "pos"), ("RUS", "THREATEN", "ARM", "pos")}
        docs.append(d)
        predicted.append({("ARM", "MEET", "RUS"): (0.9, 0.0), ("RUS", "THREATEN", "ARM"): (0.05, 0.0)})
    return docs, predicted


def test_a_relation_whose_rule_claims_the_scorer_rejects_is_held_to_the_threshold():
    docs, predicted = _scored_docs(6)
    threshold, _, strict = training.choose_thresholds(docs, predicted)
    assert "THREATEN" in strict and "MEET" not in strict
    out = training.claims_of(predicted[0], {}, threshold, docs[0].rule_keys, strict)
    assert out == {("ARM", "MEET", "RUS", "pos")}


# ---------------------------------------------------------------- the document stage

def test_a_key_stated_both_ways_is_two_gold_claims_as_score_py_counts_them(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "d1.txt").write_text("Iran liefert Drohnen an Russland. Iran bestreitet, Drohnen an Russland zu liefern.",
                                     encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "d1", "date": None, "actors": ["IRN", "RUS"], "claims": [
        {"subject": "IRN", "relation": "SUPPLY", "object": "RUS", "polarity": "pos"},
        {"subject": "IRN", "relation": "SUPPLY", "object": "RUS", "polarity": "neg"}]}) + "\n", encoding="utf-8")
    [doc] = training.build_corpus([(gold, articles, "t")])
    assert doc.claims == {("IRN", "SUPPLY", "RUS", "pos"), ("IRN", "SUPPLY", "RUS", "neg")}
    table = training.evaluate([doc], [{("IRN", "SUPPLY", "RUS", "pos")}])
    assert (table["all"]["all"].tp, table["all"]["all"].fn) == (1, 1)


def _probs(rows: list[dict[int, float]], n_rel: int) -> np.ndarray:
    out = np.zeros((len(rows), n_rel + 1))
    for i, row in enumerate(rows):
        for j, p in row.items():
            out[i, j] = p
    return out


def test_a_key_record_says_how_central_the_pair_is_how_many_back_it_and_what_the_rules_said():
    relations = ["SUPPLY", "CRITICIZE"]
    # RUS is in every candidate (rank 0), BLR in two (rank 1), GEO in one
    pairs = [("RUS", "BLR"), ("RUS", "BLR"), ("RUS", "GEO")]
    probs = _probs([{0: 0.9}, {0: 0.5, 1: 0.3}, {1: 0.01}], 2)
    rec = key_records(pairs, [0, 2, 5], 6, probs, {("RUS", "CRITICIZE", "BLR", "pos"), ("ARM", "SUPPLY", "AZE", "pos")},
                      relations, "de")
    by_key = dict(zip(rec.keys, rec.features))
    supply = by_key[("RUS", "SUPPLY", "BLR")]
    assert supply["back=2"] == 1.0 and supply["sents=2"] == 1.0 and supply["first=0"] == 1.0
    assert supply["rank_s=0"] == 1.0 and supply["rank_o=1"] == 1.0
    assert supply["title=2"] == 1.0   # both named in the first sentence
    assert supply["doc_rules=1"] == 1.0   # the rules found one SUPPLY claim in the article (ARM -> AZE)
    assert supply["rule_other"] == 1.0 and "rule" not in supply   # the rules said CRITICIZE of the pair
    assert supply["crowd=2"] == 1.0 and supply["crowd|SUPPLY=2"] == 1.0   # its best sentence names two actors
    assert by_key[("RUS", "CRITICIZE", "BLR")]["rule"] == 1.0
    # below the floor and not stated by the rules: no record; stated by the rules: a record without candidates
    assert ("RUS", "CRITICIZE", "GEO") not in by_key
    assert by_key[("ARM", "SUPPLY", "AZE")]["rule"] == 1.0
    assert rec.best[rec.keys.index(("RUS", "SUPPLY", "BLR"))] == 0
    assert rec.best[rec.keys.index(("ARM", "SUPPLY", "AZE"))] == -1


def test_a_key_read_off_a_crowded_sentence_says_so():
    """"The leaders of A, B, C, D and E met": each pair's MEET comes from a sentence of five actors."""
    codes = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    pairs = [(a, b) for a in codes for b in codes if a != b] + [("RUS", "CHN")]
    probs = _probs([{0: 0.5}] * len(pairs), 1)
    rec = key_records(pairs, [3] * (len(pairs) - 1) + [4], 6, probs, set(), ["MEET"], "en")
    by_key = dict(zip(rec.keys, rec.features))
    assert by_key[("KAZ", "MEET", "KGZ")]["crowd|MEET=4-5"] == 1.0
    assert by_key[("CHN", "MEET", "RUS")]["crowd|MEET=2"] == 1.0


def test_the_document_stage_learns_to_trust_the_pair_an_article_is_about():
    """Same candidate probability; the key of the article's central pair is gold, the side
    remark about two peripheral actors is not: the fitted stage ranks them so."""
    docs, records = [], []
    supply = training.RELATIONS.index("SUPPLY")
    for i in range(12):
        pairs = [("RUS", "BLR")] * 4 + [("RUS", "KAZ")] * 3 + [("ARM", "GEO")]
        probs = _probs([{supply: 0.6}] * 4 + [{}] * 3 + [{supply: 0.6}], len(training.RELATIONS))
        d = training.GoldDoc(f"d{i}", "train", "de", sentences=8)
        d.pairs, d.spans = pairs, [(k, k) for k in range(8)]
        d.required[("RUS", "SUPPLY", "BLR")] = "pos"
        docs.append(d)
        records.append(training.records_of(d, probs))
    stage = training.fit_keys(docs, records)
    [conf] = training.confidences(records[:1], stage)
    assert conf[("RUS", "SUPPLY", "BLR")][0] > 0.5 > conf[("ARM", "SUPPLY", "GEO")][0]


def test_without_a_setting_that_reaches_the_target_precision_the_chooser_weighs_recall_too():
    """Raising SUPPLY's threshold buys a little precision with most of the recall: F0.5
    keeps the lower one where the most precise setting would not."""
    docs, predicted = [], []
    for i in range(20):
        d = training.GoldDoc(f"d{i}", "train", "en")
        key = ("RUS", "SUPPLY", f"X{i}")
        if i < 12:
            d.required[key] = "pos"
            d.claims.add((*key, "pos"))
        # 12 true keys: 7 very sure, 5 fairly; 8 false: 4 very sure, 4 fairly. The sure ones
        # alone: precision 0.64 for recall 0.58; all: precision 0.60 for recall 1.0
        sure = i < 7 or 12 <= i < 16
        predicted.append({key: (0.95 if sure else 0.6, 0.0)})
        docs.append(d)
    _, per, _ = training.choose_thresholds(docs, predicted)
    assert per["SUPPLY"] <= 0.6


@pytest.mark.parametrize("text, lang, expected", [
    ("Few Western leaders have visited Moscow since the beginning of the Ukraine war.", "en", {"UKR"}),
    ("India's imports of Russian crude have soared since the outbreak of the Ukraine conflict.", "en", {"UKR"}),
    ("Nach dem Einmarsch Russlands in die Ukraine stiegen in Europa die Gaspreise stark.", "de", {"UKR"}),
    ("Der Ukraine-Krieg dauert an.", "de", {"UKR"}),
    # an owner or an adjective names who wages the war, not where
    ("Russia's war goes on. The Russian invasion continues.", "en", set()),
    ("Russlands Krieg dauert an.", "de", set()),
])
def test_the_wars_an_article_names_by_their_victim(text, lang, expected):
    from blocwatch.claims.keys import war_targets

    parsed = parse(_doc(text, lang))
    assert war_targets(parsed.seen, parsed.lang) == expected


def test_a_conflict_key_says_whether_the_article_names_the_war_by_one_side():
    pairs = [("RUS", "UKR"), ("IND", "UKR")]
    probs = np.array([[0.3, 0.1], [0.2, 0.1]])
    rec = key_records(pairs, [0, 1], 2, probs, set(), ["CONFLICT"], "en", frozenset({"UKR"}))
    got = dict(zip(rec.keys, rec.features))
    assert got[("RUS", "CONFLICT", "UKR")]["war_named"] == 1.0
    assert "war_named" not in key_records(pairs, [0, 1], 2, probs, set(), ["CONFLICT"], "en").features[0]


def test_cue_counts_say_how_often_the_article_speaks_of_a_relation_around_each_actor():
    from blocwatch.claims.keys import cue_counts

    parsed = parse(_doc("Die EU verhängte Sanktionen gegen Russland. Russland leidet unter den Sanktionen. "
                        "Belarus liegt im Osten.", "de"))
    counts = cue_counts(parsed.seen)
    assert counts["RUS"]["SANCTION"] == 2
    assert counts["EU"]["SANCTION"] == 1
    assert "SANCTION" not in counts.get("BLR", {})
    pairs = [("EU", "RUS")]
    rec = key_records(pairs, [0], 3, np.array([[0.5, 0.1]]), set(), ["SANCTION"], "de", frozenset(), counts)
    assert rec.features[0]["cues|SANCTION=1-2-3"] == 1.0
