"""alignment: a cooperation-conflict score per pair of actors over time, and its drift.

For each dyad (unordered pair) and period (month or year), every distinct fact the corpus
states in that period counts once, with its relation's weight (weights.py, Goldstein-like,
-10..+10) and its strongest modality factor m (asserted 1, reported .7, possible .3):

    score = sum(w_k * m_k) / sum(m_k)

a weighted mean in -10..+10, so one war outweighs a handshake but fifty repeats of one
report do not outweigh two different events. Claims with no date at all are left out
(their count is reported). Drift is the change from a dyad's first scored period to its
last; the dyads that moved most come first.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..store.periods import bucket
from .claims import StoredClaim, load_claims
from .weights import MODALITY_FACTOR, relation_weight


@dataclass
class DyadScore:
    a: str
    b: str
    period: str
    score: float
    n_facts: int
    n_claims: int
    relations: dict[str, int] = field(default_factory=dict)   # relation[/neg] -> facts


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


def _wanted(claim: StoredClaim, actors: set[str] | None) -> bool:
    if not actors:
        return True
    if len(actors) == 1:
        return claim.subject in actors or claim.object in actors
    return claim.subject in actors and claim.object in actors


def score_dyads(claims: list[StoredClaim], by: str) -> list[DyadScore]:
    """Scores per dyad and period from claims (pure: used by alignment and blocs)."""
    cells: dict[tuple[str, str, str], dict[tuple, list[StoredClaim]]] = defaultdict(
        lambda: defaultdict(list))
    for claim in claims:
        if claim.when_start is None or claim.subject == claim.object:
            continue
        a, b = sorted((claim.subject, claim.object))
        cells[(a, b, bucket(claim.when_start, by))][claim.key].append(claim)
    scores = []
    for (a, b, when), facts in cells.items():
        total = weight_sum = 0.0
        relations: dict[str, int] = defaultdict(int)
        for (_s, relation, _o, polarity), members in facts.items():
            m = max(MODALITY_FACTOR[c.modality] for c in members)
            total += relation_weight(relation, polarity) * m
            weight_sum += m
            relations[relation if polarity == "pos" else relation + "/neg"] += 1
        scores.append(DyadScore(a, b, when, round(total / weight_sum, 2), len(facts),
                                sum(len(v) for v in facts.values()), dict(relations)))
    scores.sort(key=lambda s: (s.a, s.b, s.period))
    return scores


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
              since: str | None = None, until: str | None = None) -> AlignmentResult:
    """Dyadic scores over time, and drift.

    `actors`: with one actor, its dyads with anyone; with several, the dyads among them.
    """
    if by not in ("month", "year"):
        raise ValueError(f"by must be month or year, not {by!r}")
    wanted = set(actors) if actors else None
    loaded = load_claims(session, actor=actors[0] if actors and len(actors) == 1 else None,
                         since=since, until=until)
    loaded = [c for c in loaded if _wanted(c, wanted)]
    scores = score_dyads(loaded, by)
    return AlignmentResult(by=by, actors=sorted(wanted) if wanted else None, scores=scores,
                           drift=drift(scores),
                           undated_left_out=sum(c.when_start is None for c in loaded))
