"""alignment: a cooperation-conflict score per pair of actors over time, and its drift.

For each dyad (unordered pair) and period (month or year), every distinct fact the corpus
states in that period counts once, with its relation's weight (weights.py, Goldstein-like,
-10..+10) and its strongest modality factor m (asserted 1, reported .7, possible .3):

    score = sum(w_k * m_k) / sum(m_k)

a weighted mean in -10..+10, so one war outweighs a handshake but fifty repeats of one
report do not outweigh two different events. Only events count: states (MEMBER_OF,
OBSERVER_OF, DEPEND_ON) are not something that happened in a period, and an article
mentioning a standing membership again is no move closer. Claims with no date at all are
left out (their count is reported); `bases` keeps only claims whose time is of those
bases (stated, published, estimated: store/schema.py). A score that rests partly on an
undated article's estimated date says so (`estimated`); the table marks it with "~". Drift is the change from a dyad's first scored period to its
last; the dyads that moved most come first.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from ..store.facts import fact_key
from ..store.periods import bucket
from ..store.schema import claims
from .claims import StoredClaim, window_bound
from .weights import MODALITY_FACTOR, STATE_RELATIONS, relation_weight


@dataclass
class DyadScore:
    a: str
    b: str
    period: str
    score: float
    n_facts: int
    n_claims: int
    relations: dict[str, int] = field(default_factory=dict)   # relation[/neg] -> facts
    estimated: bool = False      # some claim rests on an undated article's estimated date


@dataclass
class Drift:
    a: str
    b: str
    first_period: str
    first_score: float
    last_period: str
    last_score: float
    change: float


@dataclass
class AlignmentResult:
    by: str
    actors: list[str] | None
    scores: list[DyadScore]
    drift: list[Drift]
    undated_left_out: int


def score_dyads(claims: list[StoredClaim], by: str) -> list[DyadScore]:
    """Scores per dyad and period from loaded claims: what alignment() computes with the
    grouping done by the database (the tests hold one against the other)."""
    groups: dict[tuple, list] = {}
    for claim in claims:
        if claim.when_start is None or claim.subject == claim.object \
                or claim.relation in STATE_RELATIONS:
            continue
        cell = (claim.key, bucket(claim.when_start, by))
        strongest, count, estimated = groups.get(cell, (0.0, 0, False))
        groups[cell] = (max(strongest, MODALITY_FACTOR[claim.modality]), count + 1,
                        estimated or claim.estimated)
    return _scores(groups)


def _scores(groups: dict[tuple, tuple[float, int, bool]]) -> list[DyadScore]:
    """Scores from (fact key, period) -> (strongest modality factor, number of claims,
    whether an estimated date is among them)."""
    cells: dict[tuple[str, str, str], list] = defaultdict(list)
    for ((subject, relation, object_, polarity), when), (m, count, est) in groups.items():
        a, b = sorted((subject, object_))
        cells[(a, b, when)].append((relation, polarity, m, count, est))
    scores = []
    for (a, b, when), facts in cells.items():
        total = weight_sum = 0.0
        relations: dict[str, int] = defaultdict(int)
        for relation, polarity, m, _count, _est in facts:
            total += relation_weight(relation, polarity) * m
            weight_sum += m
            relations[relation if polarity == "pos" else relation + "/neg"] += 1
        scores.append(DyadScore(a, b, when, round(total / weight_sum, 2), len(facts),
                                sum(f[3] for f in facts), dict(relations),
                                any(f[4] for f in facts)))
    scores.sort(key=lambda s: (s.a, s.b, s.period))
    return scores


def _grouped_in_sql(session: Session, actors: list[str] | None, by: str,
                    since: str | None, until: str | None,
                    bases: list[str] | None = None) -> tuple[dict, int]:
    """(fact key, period) -> (strongest modality factor, claims, estimated), grouped by the database:
    a large store sends a row per fact and period, not a row per claim. Also the number
    of undated claims left out."""
    period = func.substr(claims.c.when_start, 1, 7 if by == "month" else 4)
    strength = case(*((claims.c.modality == m, f) for m, f in MODALITY_FACTOR.items()),
                    else_=0.0)
    where = [claims.c.subject != claims.c.object,
             claims.c.relation.not_in(sorted(STATE_RELATIONS))]
    if bases is not None:
        where.append(claims.c.time_basis.in_(list(bases)))
    if actors and len(actors) == 1:
        where.append(or_(claims.c.subject == actors[0], claims.c.object == actors[0]))
    elif actors:
        where += [claims.c.subject.in_(actors), claims.c.object.in_(actors)]
    if since is not None:
        where.append(claims.c.when_end >= window_bound(since, 0))
    if until is not None:
        where.append(claims.c.when_start <= window_bound(until, 1))
    columns = (claims.c.subject, claims.c.relation, claims.c.object, claims.c.polarity)
    estimated = func.max(case((claims.c.time_basis == "estimated", 1), else_=0))
    rows = session.execute(
        select(*columns, period, func.max(strength), func.count(), estimated)
        .where(*where, claims.c.when_start.is_not(None)).group_by(*columns, period))
    groups: dict[tuple, tuple[float, int, bool]] = {}
    for subject, relation, object_, polarity, when, m, count, est in rows:
        cell = (fact_key(subject, relation, object_, polarity), when)
        strongest, seen, known = groups.get(cell, (0.0, 0, False))
        groups[cell] = (max(strongest, float(m)), seen + count, known or bool(est))
    undated = session.execute(select(func.count()).select_from(claims).where(
        *where, claims.c.when_start.is_(None))).scalar() if since is None and until is None else 0
    return groups, undated


def drift(scores: list[DyadScore]) -> list[Drift]:
    """First-to-last change per dyad scored in at least two periods, largest first."""
    series: dict[tuple[str, str], list[DyadScore]] = defaultdict(list)
    for score in scores:
        series[(score.a, score.b)].append(score)
    found = []
    for (a, b), points in series.items():
        if len(points) < 2:
            continue
        points.sort(key=lambda s: s.period)
        first, last = points[0], points[-1]
        found.append(Drift(a, b, first.period, first.score, last.period, last.score,
                           round(last.score - first.score, 2)))
    found.sort(key=lambda d: (-abs(d.change), d.a, d.b))
    return found


def alignment(session: Session, actors: list[str] | None = None, by: str = "year",
              since: str | None = None, until: str | None = None,
              bases: list[str] | None = None) -> AlignmentResult:
    """Dyadic scores over time, and drift.

    `actors`: with one actor, its dyads with anyone; with several, the dyads among them.
    """
    if by not in ("month", "year"):
        raise ValueError(f"by must be month or year, not {by!r}")
    wanted = sorted(set(actors)) if actors else None
    groups, undated = _grouped_in_sql(session, wanted, by, since, until, bases)
    scores = _scores(groups)
    return AlignmentResult(by=by, actors=wanted, scores=scores, drift=drift(scores),
                           undated_left_out=undated)
