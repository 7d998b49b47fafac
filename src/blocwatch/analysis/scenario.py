"""scenario: if ACTOR is attacked, who is bound to help it, and who helped before?

Three sources are put side by side for a date `at` (default today; a month or year
means its last day, store/periods.at_day):

- the registry (registry/data/blocs.yaml): every defence clause in force that binds other
  parties to ACTOR, with ACTOR's status under it then (CSTO Art. 4 with Armenia
  "frozen" from 2024; the bilateral treaties);
- the corpus's record of each bound party (the organisation itself among them: a request
  addressed to the CSTO is answered by the CSTO as well as by its members) under those clauses: every earlier request for
  aid made under the same instrument (by ACTOR or anyone else, as obligations() finds them)
  and the party's answer (helped with what / refused / contested / promised / no answer),
  with evidence;
- the corpus's stance of each party toward ACTOR and toward ACTOR's adversaries:
  support, supply, troops, guarantees, alignment and military cooperation on one side;
  conflict, threats, sanctions, criticism and distancing on the other. Only what the
  articles say happened by `at` counts (claims they do not date count too: they were
  written before the reader asked).

Each party gets one verdict:

    bound_came_before     bound, and its latest answer to a request helped
    bound_refused_before  bound, and its latest answer was a refusal
    bound_never_tested    bound, and no answer of it to a request is known
    not_bound_supports    not bound, and the corpus says it supports ACTOR
    not_bound_hostile     not bound, and the corpus says it is hostile to ACTOR

A bound party's answers to ACTOR's own requests speak first; only when there are none do
its answers to others decide. ACTOR's adversaries are the actors in conflict with it or
threatening it by `at`; their backers are those the corpus says support them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..registry import Registry, load_registry
from ..store.periods import at_day, period
from .claims import StoredClaim, load_claims
from .facts import merge
from .obligations import obligations
from .weights import relation_weight

FRIENDLY = ("SUPPORT", "SUPPLY", "DEPLOY_FORCES", "GUARANTEE", "ALIGN", "COOPERATE_MILITARY")
HOSTILE = ("CONFLICT", "THREATEN", "SANCTION", "CRITICIZE", "DISTANCE")
ADVERSARY = ("CONFLICT", "THREATEN")
BACKING = ("SUPPORT", "SUPPLY", "DEPLOY_FORCES", "GUARANTEE")

# obligations() verdict -> the answer as the scenario names it
ANSWER = {"helped": "helped", "refused": "refused", "contested": "contested",
          "promised": "promised", "unknown": "no answer"}


@dataclass
class Commitment:
    instrument: str              # registry code: CSTO, RUS-ARM-1997, ...
    name: str
    clause: str
    status: str                  # ACTOR's status under it on `at` (member, frozen)
    summary: str
    since: str | None
    source: str


@dataclass
class Answer:
    """One request for aid and how one party answered it."""
    requester: str
    addressee: str
    time: str | None
    dated: bool                  # False: only the publication date is known
    answer: str                  # helped | refused | contested | promised | no answer
    goods: list[str]             # what was given (or refused: "no troops")
    instruments: list[str]
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Stance:
    relation: str
    subject: str
    object: str
    polarity: str
    toward: str                  # "actor" or "adversary"
    friendly: bool
    documents: int
    confidence: float
    first_time: str | None
    last_time: str | None
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Party:
    party: str
    verdict: str
    obligations: list[Commitment] = field(default_factory=list)
    record: list[Answer] = field(default_factory=list)
    stance: list[Stance] = field(default_factory=list)


@dataclass
class Adversary:
    actor: str
    backers: list[str]
    evidence: list[dict] = field(default_factory=list)


@dataclass
class ScenarioResult:
    actor: str
    at: str
    parties: list[Party]
    adversaries: list[Adversary]

    @property
    def bound(self) -> list[Party]:
        return [p for p in self.parties if p.obligations]


def _evidence(citations: list[dict]) -> list[dict]:
    """Citations as the scenario shows them, each sentence once."""
    seen, out = set(), []
    for c in citations:
        key = (c.get("document_id"), c.get("start"), c.get("evidence"))
        if key in seen:
            continue
        seen.add(key)
        out.append({"sentence": c.get("evidence"), "document_id": c.get("document_id"),
                    "doc": c.get("doc"), "outlet": c.get("outlet"), "date": c.get("date"),
                    "url": c.get("url"), "time": c.get("time"),
                    "relation": c.get("relation"), "subject": c.get("subject"),
                    "object": c.get("object"), "polarity": c.get("polarity"),
                    "modality": c.get("modality")})
    return out


def _by(claims: list[StoredClaim], at_end: str) -> list[StoredClaim]:
    """Claims about what happened by `at`: dated ones up to its end, and undated ones."""
    return [c for c in claims if c.when_start is None or c.when_start <= at_end]


def _records(session: Session, instruments: list[str], registry: Registry,
             at_end: str) -> dict[str, list[Answer]]:
    """party -> its answers to requests made under `instruments` by `at`."""
    merged: dict[tuple, Answer] = {}
    for code in instruments:
        result = obligations(session, code, registry=registry)
        for request in result.requests:
            span = period(request.time) if request.time else None
            if span is not None and span[0] > at_end:
                continue
            for response in request.responses:
                if request.addressee not in (code, response.actor) \
                        and response.verdict == "unknown":
                    continue          # asked someone else, and said nothing: no record
                key = (response.actor, request.requester, request.addressee, request.time)
                known = merged.get(key)
                if known is not None:
                    if code not in known.instruments:
                        known.instruments.append(code)
                    continue
                merged[key] = Answer(
                    requester=request.requester, addressee=request.addressee,
                    time=request.time, dated=request.dated, answer=ANSWER[response.verdict],
                    goods=list(response.how), instruments=[code],
                    evidence=_evidence(request.evidence + response.evidence))
    records: dict[str, list[Answer]] = defaultdict(list)
    for (party, *_), answer in merged.items():
        records[party].append(answer)
    for answers in records.values():
        answers.sort(key=lambda a: (a.time is None, a.time or "", a.requester))
    return records


def _bound_verdict(actor: str, record: list[Answer]) -> str:
    known = [a for a in record if a.answer in ("helped", "refused", "contested")]
    own = [a for a in known if a.requester == actor]
    deciding = own or known
    if not deciding:
        return "bound_never_tested"
    latest = deciding[-1]      # records are in time order, undated last
    dated = [a for a in deciding if a.time]
    if dated:
        latest = dated[-1]
    return "bound_came_before" if latest.answer in ("helped", "contested") \
        else "bound_refused_before"


def _stances(claims: list[StoredClaim], toward: dict[str, str]) -> dict[str, list[Stance]]:
    """subject -> its stance facts toward the actor or its adversaries."""
    found: dict[str, list[Stance]] = defaultdict(list)
    for fact in merge(claims):
        for subject, object_ in ((fact.subject, fact.object), (fact.object, fact.subject)):
            if object_ not in toward or subject == object_:
                continue
            if subject != fact.subject and fact.relation not in ("ALIGN", "COOPERATE_MILITARY",
                                                                  "CONFLICT"):
                continue   # directed relations speak for their subject only
            weight = relation_weight(fact.relation, fact.polarity)
            if weight == 0:
                continue
            found[subject].append(Stance(
                relation=fact.relation, subject=subject, object=object_,
                polarity=fact.polarity, toward=toward[object_], friendly=weight > 0,
                documents=fact.n_documents, confidence=round(fact.confidence, 3),
                first_time=fact.first_time, last_time=fact.last_time,
                evidence=_evidence(fact.evidence[:3])))
    for stances in found.values():
        stances.sort(key=lambda s: (s.toward != "actor", -s.confidence, s.relation, s.object))
    return found


def _adversaries(session: Session, actor: str, at_end: str) -> list[Adversary]:
    hostile = [c for c in _by(load_claims(session, actor=actor, relations=ADVERSARY,
                                          polarity="pos"), at_end)
               if c.modality != "possible" and c.subject != c.object]
    by_actor: dict[str, list[StoredClaim]] = defaultdict(list)
    for claim in hostile:
        other = claim.object if claim.subject == actor else claim.subject
        by_actor[other].append(claim)
    found = []
    for other, claims in sorted(by_actor.items()):
        backing = _by(load_claims(session, objects=other, relations=BACKING, polarity="pos"),
                      at_end)
        backers = sorted({c.subject for c in backing
                          if c.modality != "possible" and c.subject not in (actor, other)})
        found.append(Adversary(other, backers, _evidence([c.citation() for c in claims][:3])))
    return found


def scenario(session: Session, actor: str, at: str | None = None,
             registry: Registry | None = None) -> ScenarioResult:
    """Who is bound to defend `actor` on `at`, their record and stance (see module doc)."""
    registry = registry or load_registry()
    at = at_end = at_day(at)          # a month means its last day (periods.at_day)
    ties = registry.defence_ties(actor, at)
    commitments: dict[str, list[Commitment]] = defaultdict(list)
    for tie in ties:
        # an organisation answers requests addressed to it as a whole: it is a party too
        own = [tie.bloc.code] if tie.bloc.kind != "treaty" else []
        for party in own + tie.parties:
            o = tie.obligation
            commitments[party].append(Commitment(
                instrument=tie.bloc.code, name=tie.bloc.name, clause=o.clause,
                status=tie.status, summary=o.summary, since=o.since, source=o.source))
    records = _records(session, sorted({t.bloc.code for t in ties}), registry, at_end)
    adversaries = _adversaries(session, actor, at_end)
    toward = {actor: "actor", **{a.actor: "adversary" for a in adversaries}}
    claims = _by(load_claims(session, relations=FRIENDLY + HOSTILE, objects=sorted(toward)),
                 at_end)
    # symmetric relations are stored with sorted sides: the actor may be the subject
    claims += [c for c in _by(load_claims(session, relations=("ALIGN", "COOPERATE_MILITARY",
                                                               "CONFLICT"),
                                          subjects=sorted(toward)), at_end)
               if c.object not in toward]
    stances = _stances([c for c in claims if c.modality != "possible"], toward)

    parties = []
    for party in sorted(commitments, key=lambda p: (p not in registry.blocs, p)):
        record = records.get(party, [])
        parties.append(Party(party, _bound_verdict(actor, record), commitments[party],
                             record, stances.get(party, [])))
    for party in sorted(set(stances) - set(commitments) - {actor}):
        toward_actor = [s for s in stances[party] if s.toward == "actor"]
        if not toward_actor:
            continue
        balance = sum(relation_weight(s.relation, s.polarity) * s.confidence
                      for s in toward_actor)
        if balance == 0:
            continue
        parties.append(Party(party, "not_bound_supports" if balance > 0
                             else "not_bound_hostile", [], [], stances[party]))
    return ScenarioResult(actor=actor, at=at, parties=parties, adversaries=adversaries)
