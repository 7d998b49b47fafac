"""The language of an article (ISO 639-1), by py3langid.

Cue lexicons, lemmatisers and actor names differ between German and English, so later
stages pick theirs by this code. py3langid ships its model inside the package (no
download) and classifies thousands of documents a second. Below a few words any
classifier guesses, so text with fewer than MIN_LETTERS letters in words gets None (the
reader refuses it: "no language detected").

A short text (a sentence or two) gives the full model of 97 languages too little to tell
neighbours apart: one German sentence about states and weapons comes out as
Luxembourgish (``lb``) nearly every time, an English one now and then as Scots or Latin.
Below SHORT_CHARS the text is therefore classified among the LIKELY languages only: those
a German or English news batch plausibly holds, so that a short French or Russian text is
still named (and refused as unsupported) rather than taken for German. Before that,
function words decide when they are one-sided: a short text with German ones ("der",
"und", "gegen") and no English ones is German, and the other way round; names of states
and blocs, which most of a one-line article is, carry no such evidence.
"""
from __future__ import annotations

import re
from functools import cache

MIN_LETTERS = 12        # letters in words (runs of two or more letters): "Iran droht
                        # China." has 14; "x0 x1 x2 ..." and binary debris have none
MAX_CHARS = 600         # the first 600 characters (~90 words) decide: plenty for news;
                        # 2,000 cost 1.1 ms a document, a fifth of what ingest reads
SHORT_CHARS = 400       # shorter samples are classified among LIKELY only
# Words frequent in news sentences of one of the two languages and rare in the other
# (and in the other LIKELY languages written in Latin script); lower case.
FUNCTION_WORDS = {
    "de": frozenset("der die das den dem und ist sind nicht mit von für gegen nach auf "
                    "bei hat haben wird werden wurde sich ein eine einen einem zu im vom zum "
                    "um über".split()),
    "en": frozenset("the and of to with from for has have was were will against its their "
                    "by on are that this".split()),
}
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
LIKELY = ("de", "en", "fr", "es", "it", "nl", "pl", "pt", "ru", "uk", "tr", "ar", "zh",
          "ja", "fa", "sv", "da", "cs")


def detect(text: str) -> str | None:
    """``"de"``, ``"en"``, ... or None when the text is too short to tell."""
    sample = text[:MAX_CHARS]
    letters = 0
    for word in _LETTERS.finditer(sample):
        letters += word.end() - word.start()
        if letters >= MIN_LETTERS:
            break
    if letters < MIN_LETTERS:
        return None
    if len(sample) < SHORT_CHARS:
        by_words = _function_word_language(sample)
        if by_words:
            return by_words
        code, _score = _short_text_identifier().classify(sample)
    else:
        import py3langid  # loads its model on first use

        code, _score = py3langid.classify(sample)
    return code or None


def _function_word_language(sample: str) -> str | None:
    """"de" or "en" when the sample has function words of that language only."""
    words = set(_WORD.findall(sample.lower()))
    found = [lang for lang, vocabulary in FUNCTION_WORDS.items() if words & vocabulary]
    return found[0] if len(found) == 1 else None


@cache
def _short_text_identifier():
    """A second identifier over the same packaged model, restricted to LIKELY (the
    module-level one stays unrestricted)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(LIKELY)
    return identifier
