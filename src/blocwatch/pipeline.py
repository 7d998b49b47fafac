"""From a Document to its Extraction, as named components over one document object.

    sentences -> mentions -> rule analysis -> candidates -> scoring -> document stage
    -> attributes -> claims

Each component is a function that reads what the ones before it left on the ``Parsed``
document and adds its own part; the rule analysis is computed once and reused by the
candidates, the features and the attributes. Two extractors share the first stages:

- ``model`` (default): every actor pair of a sentence (and across two sentences) is a
  candidate; the trained scorer (claims/scorer.py, data/model.npz) decides relation,
  direction and polarity, with the rule engine's verdicts among its features; the document
  stage (claims/keys.py) gives each claim key its ``confidence`` from all its candidates.
- ``rules``: the rule engine's claims alone, the baseline that shows what the model adds.

A pure function of the document's text, language and date: the same article always gives
the same claims, so results can be cached by content hash and computed in parallel.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources


from . import __version__
from .actors.gazetteer import Gazetteer, load as load_gazetteer
from .actors.link import find_mentions, names_actor
from .claims import scorer as scoring
from .claims.attributes import claim_from
from .claims.candidates import Candidate, sentence_candidates
from .claims.extract import SentenceAnalysis, analyse_sentence, merge
from .claims.features import pair_features, view_of
from .claims.keys import cue_counts, key_records, rule_keys_of, war_targets
from .claims.lexicon import SUPPORTED_LANGUAGES, Language, language
from .claims.modality import source_of
from .claims.roles import Discourse
from .model import Claim, Document, Extraction, Mention, Sentence, relation_key
from .nlp.sentences import split_sentences

EXTRACTORS = ("model", "rules")


class UnsupportedLanguage(ValueError):
    """The document is in a language the cue lexicons do not cover."""


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Package version plus a digest of every data file the extractor reads, the model included.

    A changed alias, cue, lexicon entry or model changes the version, so stores know which
    documents to re-extract.
    """
    digest = hashlib.sha256()
    for package in ("blocwatch.read", "blocwatch.actors", "blocwatch.claims"):
        data = resources.files(package).joinpath("data")
        for entry in sorted(data.iterdir(), key=lambda p: p.name):
            if entry.name.endswith((".yaml", ".yml", ".tsv", ".npz")):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def __getattr__(name: str):
    if name == "EXTRACTOR_VERSION":
        return extractor_version()
    raise AttributeError(name)


@dataclass
class Parsed:
    """The one document object the components fill in, stage by stage."""
    document: Document
    lang: Language
    gazetteer: Gazetteer
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    seen: list[SentenceAnalysis] = field(default_factory=list)     # the rule analysis, per sentence
    rule_claims: list[Claim] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def parse(document: Document, keep_pairs: bool = True) -> Parsed:
    """Sentences, mentions and the rule analysis of every sentence (the shared first stages).
    ``keep_pairs`` analyses every sentence with two actors, as candidates need."""
    lang_code = document.language or "de"
    if lang_code not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(f"unsupported language: {lang_code}")
    doc = Parsed(document, language(lang_code), load_gazetteer())
    doc.sentences = split_sentences(document.text)
    doc.mentions = find_mentions(document.text, doc.sentences, doc.gazetteer)
    _analyse_rules(doc, keep_pairs)
    return doc


def _analyse_rules(doc: Parsed, keep_pairs: bool) -> None:
    discourse = Discourse()
    previous: list[Claim] = []
    i = 0
    for sentence in doc.sentences:
        in_sentence = []
        while i < len(doc.mentions) and doc.mentions[i].start < sentence.end:
            if doc.mentions[i].start >= sentence.start:
                in_sentence.append(doc.mentions[i])
            i += 1
        if previous and doc.lang.attributes_previous.match(sentence.text):
            # "Das meldete die Nachrichtenagentur Reuters.": the claims before are reported
            for claim in previous:
                claim.modality = "reported"
                claim.source = claim.source or source_of(sentence.text)
        seen = analyse_sentence(sentence, in_sentence, doc.lang, doc.gazetteer, doc.document.date,
                                discourse, keep_pairs=keep_pairs)
        doc.seen.append(seen)
        previous = seen.claims
        doc.rule_claims.extend(seen.claims)


def make_candidates(doc: Parsed) -> None:
    for k, seen in enumerate(doc.seen):
        for c in sentence_candidates(seen, doc.seen[k - 1] if k else None):
            c.at = k
            doc.candidates.append(c)


def score(doc: Parsed, model: scoring.Model) -> list[Claim]:
    """The rule engine's claims, each with the document stage's confidence in its key (for
    the model's ``strict`` relations only those that reach the relation's threshold), and one
    claim per (subject, relation, object) the rules did not state whose confidence reaches
    the relation's threshold, built from its best candidate. (Cross-validation chose this
    union: the scorer alone finds more, the rules alone are more precise; see ``blocwatch
    train``.)"""
    views: dict[int, object] = {}
    rows, shared = [], []
    for c in doc.candidates:
        view = views.get(id(c.seen))
        if view is None:
            view = views[id(c.seen)] = view_of(c.seen, doc.lang)
        rows.append(pair_features(c, view, doc.gazetteer))
        shared.append(view.shared_for(c))
    probs = scoring.within_lexicon(model.score_all(rows, shared), shared, model.relations) if rows else None
    records = key_records([c.pair for c in doc.candidates], [c.at for c in doc.candidates], len(doc.seen),
                          probs, rule_keys_of(doc.rule_claims), model.relations, doc.lang.code,
                          war_targets(doc.seen, doc.lang), cue_counts(doc.seen))
    confidence = dict(zip(records.keys, (float(p) for p in model.confidence(records.features))))

    claims = []
    ruled = set()
    for c in doc.rule_claims:
        key = relation_key(c.subject, c.relation, c.object)
        ruled.add(key)
        c.confidence = round(confidence.get(key, 0.0), 3)
        if c.relation in model.strict and c.confidence < model.thresholds.get(c.relation, 0.5):
            continue   # a relation the analyses lean on: the rule must convince the scorer too
        claims.append(c)
    for key, p_neg, i in zip(records.keys, records.p_neg, records.best):
        s, r, o = key
        if key in ruled or i < 0 or confidence[key] < model.thresholds.get(r, 0.5):
            continue
        polarity = "neg" if p_neg >= 0.5 else "pos"
        claims.append(claim_from(doc.candidates[i], s, r, o, polarity, round(confidence[key], 3), doc))
    return claims


def extract(document: Document, extractor: str = "model", min_confidence: float | None = None) -> Extraction:
    """Claims of one document. Raises UnsupportedLanguage for languages other than de/en.

    ``extractor``: "model" (the trained scorer; falls back to the rules when no model ships)
    or "rules". ``min_confidence`` drops claims the scorer is less sure of.
    """
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}: choose one of {', '.join(EXTRACTORS)}")
    model = scoring.shipped() if extractor == "model" else None
    doc = parse(document, keep_pairs=model is not None)
    if model is None:
        claims = doc.rule_claims
    else:
        make_candidates(doc)
        claims = score(doc, model)
        if min_confidence is not None:
            claims = [c for c in claims if c.confidence is not None and c.confidence >= min_confidence]
    claims = merge(claims)
    actors = {m.code for m in doc.mentions if names_actor(document.text, m)}
    actors.update(code for c in claims for code in (c.subject, c.object))
    return Extraction(document, doc.mentions, claims, sorted(actors))


def configured(extractor: str = "model", min_confidence: float | None = None):
    """The extract function with these options, and the version a store records for it
    (the options are part of it: a store filled by the rules re-extracts under the model)."""
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}: choose one of {', '.join(EXTRACTORS)}")
    if extractor == "model" and min_confidence is None:
        return extract, extractor_version()
    version = extractor_version() + ("+rules" if extractor == "rules" else "")
    if min_confidence is not None:
        version += f"+min{min_confidence:g}"
    return partial(extract, extractor=extractor, min_confidence=min_confidence), version
