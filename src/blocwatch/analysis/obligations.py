"""obligations: what a bloc's members owe each other, and what they did when asked.

The registry gives the obligations (CSTO Article 4, NATO Article 5, ...). The corpus gives
the behaviour: every REQUEST_AID addressed to the bloc, or by one member to another, and
for the bloc itself and each member obliged at the time of the request whether it

    helped    SUPPORT, DEPLOY_FORCES, SUPPLY or GUARANTEE towards the requester (pos)
    refused   the same relations stated with polarity neg ("did not help", "was not
              willing to help")
    contested both are stated
    promised  only planned help (modality possible)
    unknown   nothing is known

A response belongs to a request when both are dated and the response falls between 30 days
before and 180 days after the request, or when the same article states both and at least
one of them is not dated by the article. Requests of one requester to one addressee whose
dates overlap are one request, told by several articles.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..registry import MEMBERSHIP_STATUSES, Bloc, Obligation, Registry, load_registry
from ..store.periods import shift, today
from .claims import StoredClaim, load_claims, spans_overlap
from .support import SUPPORT_RELATIONS, what_is_given

WINDOW_BEFORE_DAYS = 30     # help can start just before the formal request is reported
WINDOW_AFTER_DAYS = 180     # and come months later


@dataclass
class Response:
    actor: str
    verdict: str                 # helped | refused | contested | promised | unknown
    how: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)


@dataclass
class AidRequest:
    requester: str
    addressee: str
    time: str | None             # the most precise time the articles give
    dated: bool                  # False: only the publication date is known
    n_documents: int
    evidence: list[dict]
    responses: list[Response]

    @property
    def helped_by(self) -> list[str]:
        return [r.actor for r in self.responses if r.verdict in ("helped", "contested")]


@dataclass
class ObligationsResult:
    bloc: str
    name: str
    obligations: list[Obligation]
    requests: list[AidRequest]


def _is_member(bloc: Bloc, actor: str, claim: StoredClaim) -> bool:
    if claim.when_start is None:
        return actor in bloc.ever_members()
    return bool({bloc.status(actor, claim.when_start), bloc.status(actor, claim.when_end)}
                & MEMBERSHIP_STATUSES)


def _relevant_requests(bloc: Bloc, claims: list[StoredClaim]) -> list[StoredClaim]:
    """Requests to the bloc, or from one member to another at the time."""
    return [c for c in claims
            if c.polarity == "pos" and c.modality != "possible"
            and (c.object == bloc.code
                 or (_is_member(bloc, c.object, c) and _is_member(bloc, c.subject, c)))]


def _group(requests: list[StoredClaim]) -> list[list[StoredClaim]]:
    """One group per request: same requester and addressee, overlapping dates.

    Claims the articles do not date join a dated group from the same article, else one
    undated group per requester and addressee.
    """
    groups: list[list[StoredClaim]] = []
    for claim in sorted((c for c in requests if c.dated), key=lambda c: (c.when_start, c.id)):
        for group in groups:
            if (group[0].subject, group[0].object) == (claim.subject, claim.object) and any(
                    spans_overlap(member.span, claim.span) for member in group):
                group.append(claim)
                break
        else:
            groups.append([claim])
    undated: dict[tuple[str, str], list[StoredClaim]] = {}
    for claim in (c for c in requests if not c.dated):
        home = next((g for g in groups
                     if (g[0].subject, g[0].object) == (claim.subject, claim.object)
                     and any(m.document_id == claim.document_id for m in g)), None)
        if home is not None:
            home.append(claim)
        else:
            undated.setdefault((claim.subject, claim.object), []).append(claim)
    return groups + list(undated.values())


def _request_span(group: list[StoredClaim]) -> tuple[str, str] | None:
    dated = [c for c in group if c.dated]
    if not dated:
        return None
    return min(c.when_start for c in dated), max(c.when_end for c in dated)


def _answers(response: StoredClaim, group: list[StoredClaim],
             span: tuple[str, str] | None) -> bool:
    same_article = any(r.document_id == response.document_id for r in group)
    if span is not None and response.dated:
        window = (shift(span[0], -WINDOW_BEFORE_DAYS), shift(span[1], WINDOW_AFTER_DAYS))
        return spans_overlap(response.span, window)
    return same_article


def _verdict(claims: list[StoredClaim]) -> str:
    """helped / refused / contested / promised / unknown (see the module doc).

    Unwillingness counts as refusal: "wollte nicht helfen" comes out of the extractor as
    SUPPORT neg with modality possible, and it is the refusal the analyst asks about.
    Willingness alone (pos, possible) is only a promise.
    """
    helped = any(c.polarity == "pos" and c.modality != "possible" for c in claims)
    refused = any(c.polarity == "neg" for c in claims)
    if helped and refused:
        return "contested"
    if helped:
        return "helped"
    if refused:
        return "refused"
    if any(c.polarity == "pos" for c in claims):
        return "promised"
    return "unknown"


def obligations(session: Session, bloc: str,
                registry: Registry | None = None) -> ObligationsResult:
    """Every aid request to `bloc` or among its members, and how each member answered."""
    registry = registry or load_registry()
    entry = registry[bloc]
    everyone = entry.ever_members()
    requests = _relevant_requests(entry, load_claims(
        session, relations="REQUEST_AID", objects=[entry.code, *everyone]))
    # every possible answer in one query, matched to its request below
    answers_to: dict[str, list[StoredClaim]] = defaultdict(list)
    for claim in load_claims(session, relations=SUPPORT_RELATIONS,
                             subjects=[entry.code, *everyone],
                             objects=sorted({c.subject for c in requests})):
        answers_to[claim.object].append(claim)
    result = []
    for group in _group(requests):
        requester, addressee = group[0].subject, group[0].object
        span = _request_span(group)
        obliged_on = span[0] if span else (max((c.doc_date or "" for c in group), default="")
                                           or today())
        responders = [entry.code] + [m for m in entry.obligated_at(obliged_on)
                                     if m != requester]
        if addressee not in responders and addressee != requester:
            responders.append(addressee)
        answers = [c for c in answers_to[requester]
                   if c.subject in responders and _answers(c, group, span)]
        responses = []
        for actor in responders:
            own = [c for c in answers if c.subject == actor]
            how = []
            for claim in own:
                for item in what_is_given(claim):
                    label = item if claim.polarity == "pos" else f"no {item}"
                    if label not in how:
                        how.append(label)
            responses.append(Response(actor, _verdict(own), how, [c.citation() for c in own]))
        dated = [c for c in group if c.dated]
        time_ = max((c.time for c in dated), key=len) if dated else (
            max((c.doc_date for c in group if c.doc_date), default=None))
        result.append(AidRequest(
            requester=requester, addressee=addressee, time=time_, dated=bool(dated),
            n_documents=len({c.document_id for c in group}),
            evidence=[c.citation() for c in group], responses=responses))
    result.sort(key=lambda r: (r.time is None, r.time or "", r.requester, r.addressee))
    return ObligationsResult(bloc=entry.code, name=entry.name,
                             obligations=list(entry.obligations), requests=result)
