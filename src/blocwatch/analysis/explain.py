"""explain: everything the corpus says between two actors, in time order, with citations."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..store.facts import FIGURE_COLUMNS, FactFigures
from ..store.schema import claims as claims_table
from ..store.schema import facts as facts_table

from ..model import Fact
from .claims import load_claims
from .facts import merge


@dataclass
class TimelineEntry:
    time: str | None             # the claim's time, else the publication date
    dated: bool                  # False when the time is only the publication date
    subject: str
    relation: str
    object: str
    polarity: str
    modality: str
    source: str | None
    goods: list[str]
    citation: dict
    time_basis: str | None = None   # stated | published | estimated | None


@dataclass
class Explanation:
    a: str
    b: str
    timeline: list[TimelineEntry]
    facts: list[Fact] = field(default_factory=list)   # evidence: in the timeline
    total: int = 0               # claims between a and b; the timeline may hold fewer


def explain(session: Session, a: str, b: str, since: str | None = None,
            until: str | None = None, limit: int | None = None) -> Explanation:
    """The timeline of claims between `a` and `b` (either direction), the oldest `limit`
    of them if given, and the facts they make up (from the store without a window)."""
    if since is None and until is None:
        claims = load_claims(session, between=(a, b), limit=limit)
        found = _stored_facts(session, a, b)
        total = _count(session, a, b)
    else:
        every = load_claims(session, between=(a, b), since=since, until=until)
        found = [_without_evidence(f) for f in merge(every)]
        claims, total = every[:limit] if limit is not None else every, len(every)
    timeline = [TimelineEntry(
        time=c.when_label, dated=c.dated, subject=c.subject, relation=c.relation,
        object=c.object, polarity=c.polarity, modality=c.modality, source=c.source,
        goods=list(c.goods), citation=c.citation(), time_basis=c.time_basis) for c in claims]
    return Explanation(a=a, b=b, timeline=timeline, facts=found, total=total)


def _without_evidence(fact: Fact) -> Fact:
    return dataclasses.replace(fact, evidence=[])


def _count(session: Session, a: str, b: str) -> int:
    return session.execute(select(func.count()).select_from(claims_table).where(or_(
        and_(claims_table.c.subject == a, claims_table.c.object == b),
        and_(claims_table.c.subject == b, claims_table.c.object == a)))).scalar()


def _stored_facts(session: Session, a: str, b: str) -> list[Fact]:
    rows = session.execute(select(*FIGURE_COLUMNS).where(or_(
        and_(facts_table.c.subject == a, facts_table.c.object == b),
        and_(facts_table.c.subject == b, facts_table.c.object == a))))
    found = []
    for figures in map(FactFigures.of_row, rows):
        subject, relation, object_, polarity = figures.key
        found.append(Fact(subject, relation, object_, polarity, figures.first_label,
                          figures.last_label, figures.n_documents, figures.n_outlets,
                          figures.share_reported, figures.confidence))
    found.sort(key=lambda f: (-f.confidence, -f.n_documents, f.subject, f.relation,
                              f.object, f.polarity))
    return found
