"""Shared helpers of the rule engine's tests: run the pipeline with ``extractor="rules"`` on
one invented text. The rule engine is the trained scorer's feature source and the baseline;
what the scorer adds is tested in tests/claims/test_scorer.py."""
from __future__ import annotations

from blocwatch.model import SYMMETRIC, Claim, Document
from blocwatch.pipeline import extract


def claims(text: str, lang: str, date: str | None) -> list[Claim]:
    return extract(Document("t", text, date=date, language=lang), extractor="rules").claims


def keys(text: str, lang: str, date: str | None) -> set[tuple[str, str, str, str]]:
    """(subject, relation, object, polarity); symmetric pairs in sorted order."""
    out = set()
    for c in claims(text, lang, date):
        s, o = c.subject, c.object
        if c.relation in SYMMETRIC:
            s, o = sorted((s, o))
        out.add((s, c.relation, o, c.polarity))
    return out


def one(text: str, lang: str, date: str | None) -> Claim:
    found = claims(text, lang, date)
    assert len(found) == 1, [(c.subject, c.relation, c.object, c.polarity) for c in found]
    return found[0]
