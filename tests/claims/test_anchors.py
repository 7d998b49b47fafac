"""The literal prefilters before the cue and goods regexes (lexicon.py): a prefilter may let a
sentence through that the regex then rejects, never the other way round."""
from __future__ import annotations

import pytest

from blocwatch.claims.goods import goods_in
from blocwatch.claims.lexicon import _required, folded, language, shared


def test_required_looks_into_groups_a_match_cannot_skip():
    assert _required(r"(?:truppen|soldaten)\w* (?:[\w-]+ ){0,3}(?:im|in)\b") == ("soldaten", "truppen")
    assert _required(r"(?:um|zu) (?:[\w-]+ ){0,3}(?:hilfe|beistand)\w*") == ("beistand", "hilfe")
    assert _required(r"(?<=-)(?:made|built)\b") == ("built", "made")   # not the lookbehind
    assert _required(r"(?:bündnis)?(?:mitglied\w*|staat)\b") == ("mitglied", "staat")
    assert _required(r"liefert|(?:sendet|schickt)") == ("liefert", "schickt", "sendet")
    assert _required(r"(?:im|in) (?:[\w-]+ )?land") == ("land",)
    assert _required(r"(?:ab|zu)? (?:x|y)") is None      # no branch of three letters
    assert _required(r"[(|]liefert") == ("liefert",)       # a class is no group, no bar


def test_folded_keeps_what_ignorecase_matches():
    assert folded("MİSSİLE") == "missile"
    assert folded("Raketenabwehrſyſtem") == "raketenabwehrsystem"
    assert folded("ıran") == "iran"
    plain = "keine besonderen zeichen"
    assert folded(plain) == plain


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_cue_that_matches_passes_the_prefilter(lang):
    words = {a for cue in language(lang).cues for a in (cue.anchors or cue.group_anchors or ())}
    for word in sorted(words):
        for text in (f"Sie {word} es.", f"SIE {word.upper()} ES.", f"x-{word}",
                     f"SIE {word.upper().replace('I', 'İ')} ES."):   # İ lowers to i and a dot
            lowered = text.lower()
            passing = {id(c) for c in language(lang).cues_for(lowered)}
            assert passing == {id(c) for c in language(lang).cues if c.may_match(lowered)}
            for cue in language(lang).cues:
                if cue.pattern.search(text):
                    assert id(cue) in passing, (cue.relation, text)


def test_goods_prefilter_misses_no_category():
    for text in ("Munition und MİSSİLES", "Kampfjets vom Typ Su-35", "S-400 systems", "Erdöl, ſeltene Erden",
                 "drones and UAVs", "Ölexporte"):
        assert goods_in(text) == [g.name for g in shared().goods if g.pattern.search(text)]
        assert goods_in(text)
