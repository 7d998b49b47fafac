"""Claims as the analysis reads them: one stored claim with its document, and the query
that loads them.

Every question in analysis/ starts from `load_claims` with filters pushed into SQL (the
claims table has indexes on subject/object/relation), then works in Python on the few
rows that match.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..model import SYMMETRIC
from ..store.facts import origin_of
from ..store.periods import period
from ..store.schema import claims, documents


@dataclass(frozen=True)
class StoredClaim:
    """One claim as stored, with what the analysis needs of its document."""
    id: int
    subject: str
    relation: str
    object: str
    polarity: str
    modality: str
    time: str | None             # as the article states it
    when_start: str | None       # days covered by time, or by the publication date
    when_end: str | None
    time_inferred: bool          # True: when_* come from the publication date
    source: str | None
    goods: tuple[str, ...]
    evidence: str
    char_start: int
    char_end: int
    document_id: int
    doc_id: str
    url: str | None
    outlet: str | None
    doc_date: str | None
    path: str | None
    time_basis: str | None = None    # stated | published | estimated | None (store/schema.py)
    doc_date_estimated: str | None = None   # an undated article's estimated date
    doc_date_basis: str | None = None       # mentioned | ingested
    confidence: float | None = None         # the scorer's probability; None from the rules

    @property
    def key(self) -> tuple[str, str, str, str]:
        """(subject, relation, object, polarity), subject/object sorted for symmetric ones."""
        s, o = self.subject, self.object
        if self.relation in SYMMETRIC and o < s:
            s, o = o, s
        return (s, self.relation, o, self.polarity)

    @property
    def when_label(self) -> str | None:
        """The time to show: the claim's own, else the publication date, else the
        article's estimated date (`estimated` says which)."""
        return self.time or self.doc_date or self.doc_date_estimated

    @property
    def estimated(self) -> bool:
        """True when the claim's days come from an undated article's estimated date."""
        return self.time_basis == "estimated"

    @property
    def dated(self) -> bool:
        """True when the article itself says when (not just when it was published)."""
        return self.when_start is not None and not self.time_inferred

    @property
    def span(self) -> tuple[str | None, str | None]:
        """The days the claim can refer to; None is open-ended.

        A claim the article dates covers its period. One it does not date happened at
        the latest when the article appeared: (open, publication). One with neither is
        (open, open).
        """
        if self.when_start is None:
            return (None, None)
        if self.time_inferred:
            return (None, self.when_end)
        return (self.when_start, self.when_end)

    @property
    def origin(self) -> str:
        """Who vouches for the claim, for counting independent sources (store/facts.py)."""
        return origin_of(self.source, self.outlet, self.document_id)

    def citation(self) -> dict:
        """Where the claim was read, for evidence lists. Not the file path: where the
        ingesting machine kept a file is no evidence, and a server would show its disk."""
        return {
            "doc": self.doc_id, "document_id": self.document_id, "outlet": self.outlet,
            "url": self.url, "date": self.doc_date,
            "date_estimated": self.doc_date_estimated, "date_basis": self.doc_date_basis,
            "time_basis": self.time_basis,
            "time": self.time, "modality": self.modality,
            "polarity": self.polarity, "source": self.source, "goods": list(self.goods),
            "relation": self.relation, "subject": self.subject, "object": self.object,
            "evidence": self.evidence, "start": self.char_start, "end": self.char_end,
        }


def spans_overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Overlap of two spans whose None ends are open."""
    return ((a[0] is None or b[1] is None or a[0] <= b[1])
            and (b[0] is None or a[1] is None or b[0] <= a[1]))


_COLUMNS = (
    claims.c.id, claims.c.subject, claims.c.relation, claims.c.object, claims.c.polarity,
    claims.c.modality, claims.c.time, claims.c.when_start, claims.c.when_end,
    claims.c.time_inferred, claims.c.source, claims.c.goods, claims.c.evidence,
    claims.c.char_start, claims.c.char_end, claims.c.document_id, documents.c.doc_id,
    documents.c.url, documents.c.outlet, documents.c.date, documents.c.path,
    claims.c.time_basis, documents.c.date_estimated, documents.c.date_basis,
    claims.c.confidence,
)


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def load_claims(session: Session, *,
                relations: str | Iterable[str] | None = None,
                subjects: str | Iterable[str] | None = None,
                objects: str | Iterable[str] | None = None,
                actor: str | None = None,
                between: tuple[str, str] | None = None,
                polarity: str | None = None,
                ids: Iterable[int] | None = None,
                modalities: Iterable[str] | None = None,
                since: str | None = None,
                until: str | None = None,
                limit: int | None = None) -> list[StoredClaim]:
    """Stored claims matching every filter given, oldest first (undated last); the first
    `limit` of them if given (the database sorts and cuts).

    `actor`: the actor on either side. `between`: both actors, either way round.
    `since`/`until` (YYYY[-MM[-DD]]): claims whose days reach into the range; claims with
    no date at all are left out when either is given.
    """
    query = select(*_COLUMNS).join(documents, documents.c.id == claims.c.document_id)
    conditions = []
    for column, value in ((claims.c.relation, relations), (claims.c.subject, subjects),
                          (claims.c.object, objects)):
        values = _as_list(value)
        if values is not None:
            conditions.append(column.in_(values))
    if actor is not None:
        conditions.append(or_(claims.c.subject == actor, claims.c.object == actor))
    if between is not None:
        a, b = between
        conditions.append(or_(and_(claims.c.subject == a, claims.c.object == b),
                              and_(claims.c.subject == b, claims.c.object == a)))
    if polarity is not None:
        conditions.append(claims.c.polarity == polarity)
    if ids is not None:
        conditions.append(claims.c.id.in_(list(ids)))
    if modalities is not None:
        conditions.append(claims.c.modality.in_(list(modalities)))
    if since is not None:
        conditions.append(claims.c.when_end >= window_bound(since, 0))
    if until is not None:
        conditions.append(claims.c.when_start <= window_bound(until, 1))
    if conditions:
        query = query.where(and_(*conditions))
    # chronological() in SQL, so that LIMIT keeps the oldest
    query = query.order_by(claims.c.when_start.is_(None), claims.c.when_start,
                           claims.c.when_end, claims.c.id).limit(limit)
    # positional unpacking: named access on rows costs more than the rest of the loop
    found = []
    for (id_, subject, relation, object_, polarity, modality, time, when_start, when_end,
         inferred, source, goods, evidence, char_start, char_end, document_id, doc_id, url,
         outlet, date, path, basis, estimated, date_basis, confidence) in session.execute(query):
        found.append(StoredClaim(
            id_, subject, relation, object_, polarity, modality, time, when_start, when_end,
            bool(inferred), source, tuple(g for g in (goods or "").split(",") if g),
            evidence or "", char_start, char_end, document_id, doc_id, url, outlet, date,
            path, basis, estimated, date_basis, confidence))
    found.sort(key=chronological)
    return found


def chronological(claim: StoredClaim) -> tuple:
    """Sort key: dated claims by their days, undated ones last, then by id."""
    return (claim.when_start is None, claim.when_start or "", claim.when_end or "", claim.id)


def window_bound(value: str, index: int) -> str:
    """First (index 0) or last (1) day of a since/until value; ValueError if malformed."""
    covered = period(value)
    if covered is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return covered[index]
