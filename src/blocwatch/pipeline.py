"""From a Document to its Extraction: sentences -> mentions -> claims.

A pure function of the document's text, language and date: the same article always gives
the same claims, so results can be cached by content hash and computed in parallel.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from . import __version__
from .actors.gazetteer import load as load_gazetteer
from .actors.link import find_mentions, names_actor
from .claims.extract import claims_in_sentence, merge
from .claims.roles import Discourse
from .claims.lexicon import SUPPORTED_LANGUAGES, language
from .claims.modality import source_of
from .model import Document, Extraction
from .nlp.sentences import split_sentences


class UnsupportedLanguage(ValueError):
    """The document is in a language the cue lexicons do not cover."""


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Package version plus a digest of every data file the extractor reads.

    A changed alias, cue or lexicon entry changes the version, so stores know which
    documents to re-extract.
    """
    digest = hashlib.sha256()
    for package in ("blocwatch.read", "blocwatch.actors", "blocwatch.claims"):
        data = resources.files(package).joinpath("data")
        for entry in sorted(data.iterdir(), key=lambda p: p.name):
            if entry.name.endswith((".yaml", ".yml", ".tsv")):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def __getattr__(name: str):
    if name == "EXTRACTOR_VERSION":
        return extractor_version()
    raise AttributeError(name)


def extract(document: Document) -> Extraction:
    """Claims of one document. Raises UnsupportedLanguage for languages other than de/en."""
    lang_code = document.language or "de"
    if lang_code not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(f"unsupported language: {lang_code}")
    lang = language(lang_code)
    gaz = load_gazetteer()
    sentences = split_sentences(document.text)
    mentions = find_mentions(document.text, sentences, gaz)
    claims = []
    discourse = Discourse()
    previous: list = []
    i = 0
    for sentence in sentences:
        in_sentence = []
        while i < len(mentions) and mentions[i].start < sentence.end:
            if mentions[i].start >= sentence.start:
                in_sentence.append(mentions[i])
            i += 1
        if previous and lang.attributes_previous.match(sentence.text):
            # "Das berichtete der britische Sender Sky News.": the claims before are reported
            for claim in previous:
                claim.modality = "reported"
                claim.source = claim.source or source_of(sentence.text)
        previous = claims_in_sentence(sentence, in_sentence, lang, gaz, document.date, discourse)
        claims.extend(previous)
    claims = merge(claims)
    actors = {m.code for m in mentions if names_actor(document.text, m)}
    actors.update(code for c in claims for code in (c.subject, c.object))
    return Extraction(document, mentions, claims, sorted(actors))
