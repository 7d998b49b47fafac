"""explain: everything the corpus says between two actors, in time order, with citations."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

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


@dataclass
class Explanation:
    a: str
    b: str
    timeline: list[TimelineEntry]
    facts: list[Fact] = field(default_factory=list)


def explain(session: Session, a: str, b: str, since: str | None = None,
            until: str | None = None) -> Explanation:
    """The timeline of claims between `a` and `b` (either direction) and their facts."""
    claims = load_claims(session, between=(a, b), since=since, until=until)
    timeline = [TimelineEntry(
        time=c.when_label, dated=c.dated, subject=c.subject, relation=c.relation,
        object=c.object, polarity=c.polarity, modality=c.modality, source=c.source,
        goods=list(c.goods), citation=c.citation()) for c in claims]
    return Explanation(a=a, b=b, timeline=timeline, facts=merge(claims))
