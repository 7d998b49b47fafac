"""who_supports: who supplies or supports an actor, with what, and who refuses to.

Support is any of four relations aimed at the actor, each saying what was given:

    SUPPLY          the goods named in the claim (weapons, drones, dual_use, ...)
    DEPLOY_FORCES   troops
    SUPPORT         political support
    GUARANTEE       security guarantee

Findings are kept apart by polarity: "China delivers dual-use goods" (pos) and "China
delivers no weapons" (neg) are two findings about China, not one that cancels the other.
Unwillingness ("will keine Waffen liefern": neg, possible) is a negative finding; help
that is only planned or considered (pos, possible) forms a third list.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.schema import claims as claims_table

from .claims import StoredClaim, load_claims
from .facts import confidence, first_and_last

SUPPORT_RELATIONS = ("SUPPLY", "DEPLOY_FORCES", "SUPPORT", "GUARANTEE")
KIND_OF_RELATION = {"DEPLOY_FORCES": "troops", "SUPPORT": "political support",
                    "GUARANTEE": "security guarantee"}


def what_is_given(claim: StoredClaim) -> list[str]:
    """What a support claim says is (or is not) given."""
    if claim.relation == "SUPPLY":
        return list(claim.goods) or ["goods (unspecified)"]
    return [KIND_OF_RELATION[claim.relation]]


@dataclass
class SupportFinding:
    """What one supporter gives (or refuses) the actor, with evidence."""
    supporter: str
    polarity: str                # pos | neg
    what: list[str]              # goods, "troops", "political support", ...
    relations: list[str]
    n_documents: int
    n_outlets: int
    confidence: float
    share_reported: float
    first_time: str | None
    last_time: str | None
    evidence: list[dict] = field(default_factory=list)


@dataclass
class SupportResult:
    actor: str
    since: str | None
    positive: list[SupportFinding]
    negative: list[SupportFinding]
    planned: list[SupportFinding]      # pos with modality possible
    undated_left_out: int = 0          # claims without any date, left out because of since


def _finding(supporter: str, polarity: str, claims: list[StoredClaim]) -> SupportFinding:
    what: list[str] = []
    for claim in claims:
        for item in what_is_given(claim):
            if item not in what:
                what.append(item)
    first, last = first_and_last(claims)
    return SupportFinding(
        supporter=supporter, polarity=polarity, what=what,
        relations=sorted({c.relation for c in claims}),
        n_documents=len({c.document_id for c in claims}),
        n_outlets=len({c.outlet for c in claims if c.outlet}),
        confidence=confidence(claims),
        share_reported=round(sum(c.modality == "reported" for c in claims) / len(claims), 3),
        first_time=first, last_time=last,
        evidence=[c.citation() for c in claims])


def _grouped(claims: list[StoredClaim]) -> list[SupportFinding]:
    groups: dict[tuple[str, str], list[StoredClaim]] = defaultdict(list)
    for claim in claims:
        groups[(claim.subject, claim.polarity)].append(claim)
    findings = [_finding(s, p, cs) for (s, p), cs in groups.items()]
    findings.sort(key=lambda f: (-f.confidence, -f.n_documents, f.supporter, f.polarity))
    return findings


def who_supports(session: Session, actor: str, since: str | None = None,
                 until: str | None = None) -> SupportResult:
    """Who supplies or supports `actor` (since a date), positive and negative apart."""
    claims = load_claims(session, objects=actor, relations=SUPPORT_RELATIONS,
                         since=since, until=until)
    undated = 0
    if since is not None or until is not None:
        undated = session.execute(
            select(func.count()).select_from(claims_table).where(
                claims_table.c.object == actor,
                claims_table.c.relation.in_(SUPPORT_RELATIONS),
                claims_table.c.when_start.is_(None))).scalar()
    claims = [c for c in claims if c.subject != actor]
    return SupportResult(
        actor=actor, since=since,
        positive=_grouped([c for c in claims if c.polarity == "pos" and c.modality != "possible"]),
        negative=_grouped([c for c in claims if c.polarity == "neg"]),
        planned=_grouped([c for c in claims if c.polarity == "pos" and c.modality == "possible"]),
        undated_left_out=undated)
