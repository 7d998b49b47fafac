"""members: who belongs to a bloc on a date, by the registry and by the corpus.

The registry (registry/data/blocs.yaml) says who is a member by treaty; the corpus says
who the articles call a member, and who they say left. Each actor gets one row with both
views and a verdict:

    agree          the corpus's latest statement fits the registry at that time
    disagree       it does not (e.g. the corpus calls a former member a member)
    registry only  the corpus says nothing about the actor's membership
    possible       the corpus only speaks of plans (applying, invited): not compared

A corpus statement is compared with the registry at the statement's own time when the
article dates it, else at the article's publication date, else at `at` (an undated
article's estimated date is only a lower bound of when it was written). `at` is read by
one rule (store/periods.at_day): a month or year means its last day.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..registry import MEMBERSHIP_STATUSES, Bloc, Registry, load_registry
from ..store.periods import at_day, period
from .claims import StoredClaim, load_claims

MEMBERSHIP_RELATIONS = ("MEMBER_OF", "LEFT", "OBSERVER_OF")

# What a claim says about the subject's standing in the bloc.
_STATE = {
    ("MEMBER_OF", "pos"): "member", ("MEMBER_OF", "neg"): "not member",
    ("LEFT", "pos"): "left", ("LEFT", "neg"): "member",
    ("OBSERVER_OF", "pos"): "observer", ("OBSERVER_OF", "neg"): "not observer",
}
_STRENGTH = {"asserted": 2, "reported": 1, "possible": 0}


@dataclass
class MemberRow:
    actor: str
    registry_status: str | None      # on `at`: member, frozen, observer, former, ... or None
    registry_source: str
    corpus_status: str | None        # member, left, observer, not member, possible member, ...
    corpus_time: str | None          # time of the statement used
    corpus_documents: int
    verdict: str                     # agree | disagree | registry only | possible
    note: str = ""
    evidence: list[dict] = field(default_factory=list)


@dataclass
class MembersResult:
    bloc: str
    name: str
    at: str
    rows: list[MemberRow]

    @property
    def disagreements(self) -> list[MemberRow]:
        return [r for r in self.rows if r.verdict == "disagree"]


def _latest(claims: list[StoredClaim]) -> StoredClaim:
    """The statement that speaks for the corpus: the one about the latest time.

    Plans (modality possible) speak only when nothing is stated outright: "X wants to
    join" does not undo "X is a member". An article that dates the statement gives its
    period; one that does not still speaks of the time it appeared ("X is still a
    member", published 2024). Statements with no time at all come last; ties go to the
    stronger modality.
    """
    stated = [c for c in claims if c.modality != "possible"] or claims
    return max(stated, key=lambda c: (c.when_end is not None, c.when_end or "",
                                      _STRENGTH[c.modality], c.id))


def _when(claim: StoredClaim) -> str | None:
    """The statement's time as shown: an undated article's estimated date marked '~'."""
    label = claim.when_label
    return f"~{label}" if label and claim.estimated else label


def _registry_fits(bloc: Bloc, actor: str, state: str, claim: StoredClaim,
                   at_end: str) -> tuple[bool, str]:
    """Does the registry agree with `state` at the claim's time (or at `at`)?"""
    if claim.dated:
        start, end, when = claim.when_start, claim.when_end, claim.time
    elif claim.estimated:
        # an undated article, dated by its latest mention: it was written then or later,
        # so what it says is compared with the registry on the day asked about
        start = end = at_end
        when = f"{at_end} (article undated, estimated ~{claim.when_label} or later)"
    elif claim.when_end is not None:          # the publication date
        start = end = min(claim.when_end, at_end)
        when = start
    else:
        start = end = at_end
        when = at_end
    statuses = {bloc.status(actor, start), bloc.status(actor, end)}
    note = f"registry at {when}: " + "/".join(sorted(s or "none" for s in statuses))
    if state == "member":
        return bool(statuses & MEMBERSHIP_STATUSES), note
    if state == "not member":
        return not (statuses <= MEMBERSHIP_STATUSES), note
    if state == "observer":
        return "observer" in statuses, note
    if state == "not observer":
        return "observer" not in statuses, note
    # left: a membership spell ends within the claim's period, or it is over by its end
    ends_inside = any(s.end and s.status in MEMBERSHIP_STATUSES
                      and start <= period(s.end)[0] <= end
                      for s in bloc.members.get(actor, []))
    final = bloc.status(actor, end)
    return ends_inside or final == "former", note


def members(session: Session, bloc: str, at: str | None = None,
            registry: Registry | None = None) -> MembersResult:
    """Membership of `bloc` on `at` (default today): registry and corpus side by side."""
    registry = registry or load_registry()
    entry = registry[bloc]
    at = at_end = at_day(at)          # a month means its last day (periods.at_day)
    # an estimated date only bounds when an undated article was written from below: its
    # statements count whatever `at` is, as those of articles with no date at all
    claims = [c for c in load_claims(session, objects=entry.code,
                                     relations=MEMBERSHIP_RELATIONS)
              if c.when_start is None or c.estimated or c.when_start <= at_end]
    by_actor: dict[str, list[StoredClaim]] = defaultdict(list)
    for claim in claims:
        by_actor[claim.subject].append(claim)

    rows = []
    for actor in sorted(set(entry.members) | set(by_actor)):
        status = entry.status(actor, at)
        spell = entry.spell(actor, at)
        source = spell.source if spell else (entry.members.get(actor, [None])[-1].source
                                             if entry.members.get(actor) else "")
        stated = by_actor.get(actor, [])
        if not stated:
            if status is None:
                continue           # an old observer or partner never mentioned: no row
            rows.append(MemberRow(actor, status, source, None, None, 0, "registry only"))
            continue
        latest = _latest(stated)
        state = _STATE[(latest.relation, latest.polarity)]
        n_docs = len({c.document_id for c in stated})
        evidence = [c.citation() for c in stated]
        if latest.modality == "possible":
            rows.append(MemberRow(actor, status, source, "possible " + state,
                                  _when(latest), n_docs, "possible", "", evidence))
            continue
        fits, note = _registry_fits(entry, actor, state, latest, at_end)
        verdict = "agree" if fits else "disagree"
        rows.append(MemberRow(actor, status, source, state, _when(latest), n_docs,
                              verdict, note, evidence))
    order = {"member": 0, "frozen": 1, "associate": 2, "participant": 3, "observer": 4,
             "partner": 5, "candidate": 6, "invited": 7, "former": 8, None: 9}
    rows.sort(key=lambda r: (order.get(r.registry_status, 9), r.actor))
    return MembersResult(bloc=entry.code, name=entry.name, at=at, rows=rows)
