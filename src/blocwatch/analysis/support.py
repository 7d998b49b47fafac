"""who_supports: who supplies or supports an actor, with what, and who refuses to.

Support is any of four relations aimed at the actor, each saying what was given:

    SUPPLY          the goods named in the claim (weapons, drones, dual_use, ...)
    DEPLOY_FORCES   troops
    SUPPORT         political support
    GUARANTEE       security guarantee

The answer is built from facts (claims merged per supporter, relation and polarity; see
store/facts.py): the stored facts when no time window is asked, which keeps the question
a read of a few rows however large the store; the window's claims merged otherwise.

Findings are kept apart by polarity: "China delivers dual-use goods" (pos) and "China
delivers no weapons" (neg) are two findings about China, not one that cancels the other.
Unwillingness ("will keine Waffen liefern": neg, possible) is a negative finding; help
that is only planned or considered (every claim of the fact possible) forms a third list.

One finding per supporter and list brings its facts (one per relation) together:
n_claims, share_reported and first/last are over all of them; n_documents, n_outlets and
confidence are those of its best-attested fact (documents and origins are counted per
fact, and two facts may share them); evidence cites the earliest, latest and newest claim
of the finding (`blocwatch facts` or /api/evidence give every claim).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.facts import FIGURE_COLUMNS, FactFigures
from ..store.schema import claims as claims_table
from ..store.schema import facts as facts_table
from .claims import load_claims
from .facts import summaries

SUPPORT_RELATIONS = ("SUPPLY", "DEPLOY_FORCES", "SUPPORT", "GUARANTEE")
KIND_OF_RELATION = {"DEPLOY_FORCES": "troops", "SUPPORT": "political support",
                    "GUARANTEE": "security guarantee"}
UNSPECIFIED_GOODS = "goods (unspecified)"


def what_is_given(fact: FactFigures) -> list[str]:
    """What a support fact says is (or is not) given."""
    relation = fact.key[1]
    if relation == "SUPPLY":
        return list(fact.goods) + ([UNSPECIFIED_GOODS] if fact.n_without_goods else [])
    return [KIND_OF_RELATION[relation]]


@dataclass
class SupportFinding:
    """What one supporter gives (or refuses) the actor, with evidence."""
    supporter: str
    polarity: str                # pos | neg
    what: list[str]              # goods, "troops", "political support", ...
    relations: list[str]
    n_documents: int             # of the best-attested fact (see module doc)
    n_outlets: int
    confidence: float
    share_reported: float
    first_time: str | None
    last_time: str | None
    n_claims: int = 0
    evidence: list[dict] = field(default_factory=list)


@dataclass
class SupportResult:
    actor: str
    since: str | None
    positive: list[SupportFinding]
    negative: list[SupportFinding]
    planned: list[SupportFinding]      # pos, every claim possible
    undated_left_out: int = 0          # claims without any date, left out because of since


def _cited(found: list[FactFigures]) -> list[int]:
    """The claims a finding cites: its earliest and latest dated and its newest stored."""
    firsts = [(f.day_first, f.first_claim_id) for f in found if f.day_first]
    lasts = [(f.day_last, f.last_claim_id) for f in found if f.day_last]
    ids = (min(firsts)[1] if firsts else None, max(lasts)[1] if lasts else None,
           max(f.newest_claim_id for f in found))
    return sorted({i for i in ids if i is not None})


def _finding(supporter: str, polarity: str, found: list[FactFigures],
             citations: dict[int, dict]) -> SupportFinding:
    what: list[str] = []
    for fact in found:
        what += [item for item in what_is_given(fact) if item not in what]
    best = max(found, key=lambda f: (f.confidence, f.n_documents, f.n_outlets))
    n_claims = sum(f.n_claims for f in found)
    firsts = [(f.day_first, f.first_label) for f in found if f.day_first]
    lasts = [(f.day_last, f.last_label) for f in found if f.day_last]
    return SupportFinding(
        supporter=supporter, polarity=polarity, what=what,
        relations=sorted({f.key[1] for f in found}),
        n_documents=best.n_documents, n_outlets=best.n_outlets, confidence=best.confidence,
        share_reported=round(sum(f.share_reported * f.n_claims for f in found) / n_claims, 3),
        first_time=min(firsts)[1] if firsts else None,
        last_time=max(lasts)[1] if lasts else None,
        n_claims=n_claims, evidence=[citations[i] for i in _cited(found) if i in citations])


def _groups(found: list[FactFigures]) -> dict[tuple[str, str], list[FactFigures]]:
    """Facts per (supporter, polarity)."""
    groups: dict[tuple[str, str], list[FactFigures]] = defaultdict(list)
    for fact in found:
        groups[(fact.key[0], fact.key[3])].append(fact)
    return groups


def _findings(groups: dict, citations: dict[int, dict]) -> list[SupportFinding]:
    findings = [_finding(s, p, fs, citations) for (s, p), fs in groups.items()]
    findings.sort(key=lambda f: (-f.confidence, -f.n_documents, f.supporter, f.polarity))
    return findings


def _stored(session: Session, actor: str) -> list[FactFigures]:
    rows = session.execute(select(*FIGURE_COLUMNS).where(
        facts_table.c.object == actor, facts_table.c.relation.in_(SUPPORT_RELATIONS),
        facts_table.c.subject != actor))
    return [FactFigures.of_row(r) for r in rows]


def _merged(session: Session, actor: str, since: str | None,
            until: str | None) -> list[FactFigures]:
    window = [c for c in load_claims(session, objects=actor, relations=SUPPORT_RELATIONS,
                                     since=since, until=until) if c.subject != actor]
    return [FactFigures.of_summary(s) for s, _members in summaries(window).values()]


def who_supports(session: Session, actor: str, since: str | None = None,
                 until: str | None = None) -> SupportResult:
    """Who supplies or supports `actor` (since a date), positive and negative apart."""
    undated = 0
    if since is None and until is None:
        found = _stored(session, actor)
    else:
        found = _merged(session, actor, since, until)
        undated = session.execute(
            select(func.count()).select_from(claims_table).where(
                claims_table.c.object == actor,
                claims_table.c.relation.in_(SUPPORT_RELATIONS),
                claims_table.c.when_start.is_(None))).scalar()
    planned = _groups([f for f in found if f.key[3] == "pos" and f.n_possible == f.n_claims])
    stated = _groups([f for f in found if f.key[3] == "pos" and f.n_possible < f.n_claims])
    refused = _groups([f for f in found if f.key[3] == "neg"])
    # one query for the few claims every finding cites
    wanted = {i for groups in (planned, stated, refused) for fs in groups.values()
              for i in _cited(fs)}
    citations = {c.id: c.citation() for c in load_claims(session, ids=wanted)} if wanted else {}
    return SupportResult(
        actor=actor, since=since, positive=_findings(stated, citations),
        negative=_findings(refused, citations), planned=_findings(planned, citations),
        undated_left_out=undated)
