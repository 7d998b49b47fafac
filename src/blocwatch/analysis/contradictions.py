"""contradictions: facts the corpus states with both polarities for overlapping times.

"Kazakhstan turns away from Russia" (Bild, reported) against "Kazakhstan does not turn
away from Russia" (FAZ) is one. Plans and fears (pos with modality possible) are left
out: a plan to deliver and a refusal to deliver do not contradict each other.
Unwillingness (neg with modality possible) is kept: "will not deliver" against
"delivered" is a clash. Deliveries of different goods (SUPPLY whose goods do not
overlap) are no clash either. Two statements overlap when their spans share a day; a
statement the article does not date spans everything up to its publication date, one
with no date at all spans everything. `dated` is True only when every statement of the
contradiction is dated by its article, i.e. when the clash is certain and not just
possible.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .claims import StoredClaim, load_claims, spans_overlap


@dataclass
class Contradiction:
    subject: str
    relation: str
    object: str
    dated: bool
    positive: list[dict] = field(default_factory=list)     # citations saying it holds
    negative: list[dict] = field(default_factory=list)     # citations saying it does not
    positive_sources: list[str] = field(default_factory=list)
    negative_sources: list[str] = field(default_factory=list)


def _sources(claims: list[StoredClaim]) -> list[str]:
    names = []
    for claim in claims:
        name = claim.source or claim.outlet or claim.doc_id
        if name not in names:
            names.append(name)
    return names


def _same_goods(a: StoredClaim, b: StoredClaim) -> bool:
    """Delivering dual-use goods and not delivering weapons is no contradiction."""
    if a.relation != "SUPPLY" or not a.goods or not b.goods:
        return True
    return bool(set(a.goods) & set(b.goods))


def contradictions(session: Session, actor: str | None = None,
                   relation: str | None = None) -> list[Contradiction]:
    """Every (subject, relation, object) stated both ways in overlapping periods."""
    claims = [c for c in load_claims(session, actor=actor, relations=relation)
              if not (c.polarity == "pos" and c.modality == "possible")]
    groups: dict[tuple[str, str, str], dict[str, list[StoredClaim]]] = defaultdict(
        lambda: {"pos": [], "neg": []})
    for claim in claims:
        s, r, o, polarity = claim.key
        groups[(s, r, o)][polarity].append(claim)
    found = []
    for (s, r, o), sides in groups.items():
        pos_hits: dict[int, StoredClaim] = {}
        neg_hits: dict[int, StoredClaim] = {}
        for p in sides["pos"]:
            for n in sides["neg"]:
                if spans_overlap(p.span, n.span) and _same_goods(p, n):
                    pos_hits[p.id] = p
                    neg_hits[n.id] = n
        if not pos_hits:
            continue
        dated = all(c.dated for c in (*pos_hits.values(), *neg_hits.values()))
        positive, negative = list(pos_hits.values()), list(neg_hits.values())
        found.append(Contradiction(
            subject=s, relation=r, object=o, dated=dated,
            positive=[c.citation() for c in positive], negative=[c.citation() for c in negative],
            positive_sources=_sources(positive), negative_sources=_sources(negative)))
    found.sort(key=lambda c: (not c.dated, c.subject, c.relation, c.object))
    return found
