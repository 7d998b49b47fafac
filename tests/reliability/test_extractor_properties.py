"""Property-based tests of the extractor (hypothesis): whatever the text, extract() does not
raise and everything it returns points into the text and stays inside the contract.

Two kinds of text: arbitrary Unicode (any character, including controls, surrogates'
neighbours, combining marks and odd whitespace), and text composed from the gazetteer's
own actor names, the cue lexicons' own anchor words, German and English function words,
dates and punctuation, which drives the extractor through its claim rules far more often
than random text does.
"""
from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.actors.gazetteer import load as load_gazetteer
from blocwatch.claims.lexicon import language
from blocwatch.model import GOODS, MODALITIES, POLARITIES, RELATIONS, Document, Extraction
from blocwatch.pipeline import extract

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

FUNCTION_WORDS = {
    "de": ["nicht", "kein", "keine", "laut", "soll", "sollen", "habe", "hat", "wird", "wurde",
           "von", "an", "nach", "mit", "gegen", "für", "der", "die", "das", "den", "dem", "des",
           "und", "oder", "aber", "auch", "sie", "er", "es", "beide", "Länder", "Regierung",
           "im", "März", "2023", "am", "Montag", "vergangenen", "Jahr", "Waffen", "Drohnen",
           "Truppen", "Munition", "berichtete", "heißt", "es", "dementierte", "ob"],
    "en": ["not", "no", "never", "did", "does", "will", "would", "may", "reportedly",
           "according", "to", "by", "from", "with", "against", "for", "the", "a", "and", "or",
           "but", "also", "it", "they", "both", "countries", "government", "in", "March",
           "2023", "on", "Monday", "last", "year", "weapons", "drones", "troops",
           "ammunition", "said", "denied", "whether", "which", "who"],
}
PUNCTUATION = [".", ",", ";", ":", "?", "!", "(", ")", "\"", "„", "“", "«", "»", "'", "-",
               "–", "/", "\n", "\n\n", " ", "  ", "\t", "...", "…"]


@lru_cache(maxsize=1)
def _gazetteer():
    return load_gazetteer()


@lru_cache(maxsize=1)
def _actor_names() -> list[str]:
    names = sorted(" ".join(form) for form in _gazetteer().forms)
    return names[::max(1, len(names) // 400)]            # a spread of a few hundred


@lru_cache(maxsize=2)
def _cue_words(lang: str) -> list[str]:
    words = sorted({a for cue in language(lang).cues for a in (cue.anchors or ())})
    return words or ["liefert"]


def check(document: Document) -> Extraction:
    """Run the extractor and check every invariant of what it returns."""
    text = document.text
    ex = extract(document)
    codes = _gazetteer().codes
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text, m
        assert m.code in codes, m
    for c in ex.claims:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.evidence, c
        assert c.evidence.strip(), c
        assert c.subject in codes and c.object in codes, c
        assert c.subject != c.object, c
        assert c.relation in RELATIONS and c.polarity in POLARITIES, c
        assert c.modality in MODALITIES, c
        assert all(g in GOODS for g in c.goods), c
    assert ex.actors == sorted(set(ex.actors))
    assert all(code in codes for code in ex.actors)
    return ex


@SETTINGS
@given(text=st.text(max_size=400), lang=st.sampled_from(["de", "en"]))
def test_arbitrary_text_never_breaks_the_extractor(text, lang):
    check(Document("prop", text, language=lang, date="2023-05-04"))


def _name(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


@st.composite
def composed(draw, lang: str) -> str:
    """Sentences shaped like news (actor, words with a cue, actor, words, end mark), with
    random words, punctuation and case thrown in."""
    names = st.sampled_from(_actor_names()).map(_name)
    verbs = st.sampled_from(_cue_words(lang)).map(
        lambda w: w + draw(st.sampled_from(["", "t", "te", "en", "s", "ed"])))
    filler = st.one_of(verbs, st.sampled_from(FUNCTION_WORDS[lang]),
                       st.sampled_from(PUNCTUATION), names)
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        parts = [draw(names), draw(verbs), *draw(st.lists(filler, max_size=3)), draw(names),
                 *draw(st.lists(filler, max_size=4))]
        sentences.append(" ".join(parts) + draw(st.sampled_from([".", "?", "!", "", ".\n"])))
    return draw(st.sampled_from([" ", "\n", "\n\n"])).join(sentences)


@SETTINGS
@given(data=st.data(), lang=st.sampled_from(["de", "en"]),
       date=st.sampled_from([None, "2022", "2023-02", "2024-11-30"]))
def test_composed_news_like_text_keeps_every_invariant(data, lang, date):
    text = data.draw(composed(lang))
    check(Document("prop", text, language=lang, date=date))


def test_the_composed_strategy_does_reach_the_claim_rules():
    """Guard against a vacuous property: a fixed composed text gives claims."""
    ex = check(Document("prop", "Russland liefert Belarus Waffen. Iran supplies drones to "
                        "Russia.", language="de"))
    assert ex.claims
