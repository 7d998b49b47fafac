"""Facts: claims merged across articles per (subject, relation, object, polarity).

A claim is what one article says; a fact is what the corpus says, with how often, by
whom and how surely. Symmetric relations are merged regardless of order (MEET RUS PRK is
MEET PRK RUS).

Confidence
----------
The chance that not every independent origin of the fact is wrong. An origin is a named
source (such as "Bild", counted once however many outlets repeat it), otherwise the outlet,
otherwise the single document. Each claim weighs its calibrated probability (the scorer's
`confidence`) discounted by how the text states it, or, for claims without one (the rule
extractor, older stores), the fixed weight of its modality:

    w = p * d      d: asserted 1, reported 2/3, possible 1/4
    w = 0.6 | 0.4 | 0.15 (asserted | reported | possible) when p is unknown

and each origin counts once, at its best claim:

    confidence = 1 - prod over origins (1 - w_origin)

so one asserting article at p = 0.9 gives 0.9, at p = 0.3 gives 0.3; two independent
rule-extracted asserting articles give 0.84; fifty articles that all quote the same source
stay at that source's best claim. store/facts.py keeps the same figure in the store.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..model import SYMMETRIC, Fact
from ..store.facts import (FIGURE_COLUMNS, MODALITY_WEIGHT, FactFigures, FactSummary,
                           claim_weight, noisy_or)
from ..store.schema import facts as facts_table
from .claims import StoredClaim, chronological, load_claims

__all__ = ["MODALITY_WEIGHT", "confidence", "facts", "merge", "summaries"]


def confidence(claims: Iterable[StoredClaim]) -> float:
    """1 - prod(1 - w) over independent origins, each at its best claim (module doc)."""
    best: dict[str, float] = {}
    for claim in claims:
        weight = claim_weight(claim.modality, claim.confidence)
        if weight > best.get(claim.origin, -1.0):
            best[claim.origin] = weight
    return noisy_or(best.values())


def summaries(claims: Iterable[StoredClaim]) -> dict[tuple, tuple[FactSummary, list]]:
    """Claims merged per fact key: the summary and its claims in time order."""
    groups: dict[tuple, list[StoredClaim]] = defaultdict(list)
    for claim in claims:
        groups[claim.key].append(claim)
    found = {}
    for key, members in groups.items():
        members.sort(key=chronological)
        summary = FactSummary(key)
        for claim in members:
            summary.add(claim)
        found[key] = (summary, members)
    return found


def merge(claims: Iterable[StoredClaim]) -> list[Fact]:
    """Facts from claims, most confident first (the figures as store/facts.py keeps them)."""
    found = []
    for (subject, relation, object_, polarity), (summary, members) in summaries(claims).items():
        figures = FactFigures.of_summary(summary)
        found.append(Fact(
            subject=subject, relation=relation, object=object_, polarity=polarity,
            first_time=figures.first_label, last_time=figures.last_label,
            n_documents=figures.n_documents, n_outlets=figures.n_outlets,
            share_reported=figures.share_reported, confidence=figures.confidence,
            evidence=[c.citation() for c in members],
        ))
    found.sort(key=lambda f: (-f.confidence, -f.n_documents, f.subject, f.relation,
                              f.object, f.polarity))
    return found


def facts(session: Session, *, actor: str | None = None, subject: str | None = None,
          object: str | None = None, relation: str | None = None,  # noqa: A002
          polarity: str | None = None, since: str | None = None, until: str | None = None,
          min_documents: int = 1, evidence: int | None = None) -> list[Fact]:
    """Facts of the store, filtered; see the module doc for how they are merged.

    For symmetric relations `subject` and `object` match either side ("B MEET A" is
    also A's meeting with B). `evidence`: cite at most that many claims per fact (the
    earliest, latest and newest stored first); then, without a time window, the facts
    are read from the store (store/facts.py) instead of merged from every claim, which
    keeps actors with many claims quick. None cites every claim.
    """
    if evidence is not None and since is None and until is None:
        return _stored(session, actor, subject, object, relation, polarity, min_documents,
                       evidence)
    between = (subject, object) if subject and object else None
    if between is None and (subject or object):
        actor = actor or subject or object
    loaded = load_claims(session, relations=relation, actor=actor, between=between,
                         polarity=polarity, since=since, until=until)
    if subject or object:
        loaded = [c for c in loaded if _matches(c, subject, object)]
    found = [f for f in merge(loaded) if f.n_documents >= min_documents]
    if evidence is not None:
        for fact in found:
            fact.evidence = fact.evidence[:evidence]
    return found


def _stored(session: Session, actor: str | None, subject: str | None, object_: str | None,
            relation: str | None, polarity: str | None, min_documents: int,
            evidence: int) -> list[Fact]:
    symmetric = facts_table.c.relation.in_(sorted(SYMMETRIC))
    where = [facts_table.c.n_documents >= min_documents]
    if actor:
        where.append(or_(facts_table.c.subject == actor, facts_table.c.object == actor))
    if subject:   # symmetric facts are stored with their sides sorted: either side
        where.append(or_(facts_table.c.subject == subject,
                         and_(symmetric, facts_table.c.object == subject)))
    if object_:
        where.append(or_(facts_table.c.object == object_,
                         and_(symmetric, facts_table.c.subject == object_)))
    if relation:
        where.append(facts_table.c.relation == relation)
    if polarity:
        where.append(facts_table.c.polarity == polarity)
    found = [FactFigures.of_row(r) for r in session.execute(select(*FIGURE_COLUMNS).where(*where))]
    cited = {i for f in found for i in f.example_claim_ids[:evidence]}
    citations = {c.id: c.citation() for c in load_claims(session, ids=cited)} if cited else {}
    result = []
    for f in found:
        s, r, o, p = f.key
        result.append(Fact(
            subject=s, relation=r, object=o, polarity=p, first_time=f.first_label,
            last_time=f.last_label, n_documents=f.n_documents, n_outlets=f.n_outlets,
            share_reported=f.share_reported, confidence=f.confidence,
            evidence=[citations[i] for i in f.example_claim_ids[:evidence] if i in citations]))
    result.sort(key=lambda f: (-f.confidence, -f.n_documents, f.subject, f.relation,
                               f.object, f.polarity))
    return result


def _matches(claim: StoredClaim, subject: str | None, object_: str | None) -> bool:
    if claim.relation in SYMMETRIC:
        sides = {claim.subject, claim.object}
        return (subject is None or subject in sides) and (object_ is None or object_ in sides)
    return ((subject is None or claim.subject == subject)
            and (object_ is None or claim.object == object_))
