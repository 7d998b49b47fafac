"""Facts kept in the store: claims merged per (subject, relation, object, polarity),
updated in the same transaction as the document whose claims they merge.

Why stored and not computed per question: the graph of a store with a million claims has
every fact in it, and merging a million claims in Python takes seconds; reading the few
thousand rows of ``facts`` takes milliseconds. Questions limited in time (since/until)
still merge the claims of their window (analysis/), because a stored fact covers all time.

One computation for both: `FactSummary` merges claims one at a time. analysis/facts.py
uses it over claims loaded for a question; this module uses it over one document's claims
and adds the result to the stored row. The numbers agree by construction, and a property
test checks that the stored rows equal a merge of all claims after any order of ingests
and re-extractions.

What needs care when adding one document to a stored fact:

- documents: a document is stored once (unique content hash), so it adds 1;
- outlets and origins are counted distinct, so ``fact_outlets`` and ``fact_origins`` hold
  which ones a fact has already seen (an origin with its strongest modality);
- first/last: the earliest-starting and latest-ending claim; on ties the older claim
  (lower id) stays, as in a merge that reads claims in id order.

Taking a document out (re-extraction) recomputes its facts from the claims that remain.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, tuple_, update

from ..model import SYMMETRIC
from .generation import bump_generation
from .schema import claims, documents, fact_origins, fact_outlets, facts

# How much one independent origin vouches for a fact, by how it states it (see
# analysis/facts.py for the formula); also the order of strength.
MODALITY_WEIGHT = {"asserted": 0.6, "reported": 0.4, "possible": 0.15}


def fact_key(subject: str, relation: str, object_: str, polarity: str) -> tuple[str, str, str, str]:
    """(subject, relation, object, polarity), the two sides sorted for symmetric relations."""
    if relation in SYMMETRIC and object_ < subject:
        subject, object_ = object_, subject
    return (subject, relation, object_, polarity)


def origin_of(source: str | None, outlet: str | None, document_id: int) -> str:
    """Who vouches for a claim: a named source counts once however many outlets repeat
    it; otherwise the outlet; otherwise the document itself."""
    if source:
        return "source:" + source.strip().casefold()
    if outlet:
        return "outlet:" + outlet.strip().casefold()
    return f"document:{document_id}"


@dataclass
class FactSummary:
    """The merge of claims of one fact, built claim by claim (in id order).

    A claim is anything with the attributes of analysis.claims.StoredClaim that are read
    in `add`: id, document_id, modality, origin, outlet, when_start, when_end, when_label,
    goods, relation.
    """
    key: tuple[str, str, str, str]
    n_claims: int = 0
    n_documents: int = 0
    modalities: Counter = field(default_factory=Counter)     # claims per modality
    origins: dict[str, str] = field(default_factory=dict)    # origin -> strongest modality
    outlets: set[str] = field(default_factory=set)
    # (when_start, when_end, claim id, label) of the earliest-starting dated claim, and
    # (when_end, when_start, claim id, label) of the latest-ending one
    first: tuple | None = None
    last: tuple | None = None
    goods: set[str] = field(default_factory=set)
    n_without_goods: int = 0                                   # SUPPLY claims naming none
    newest_claim_id: int | None = None                         # the last stored, dated or not
    _documents: set[int] = field(default_factory=set, repr=False)

    def add(self, claim) -> None:
        self.n_claims += 1
        if self.newest_claim_id is None or claim.id > self.newest_claim_id:
            self.newest_claim_id = claim.id
        if claim.document_id not in self._documents:
            self._documents.add(claim.document_id)
            self.n_documents += 1
        self.modalities[claim.modality] += 1
        known = self.origins.get(claim.origin)
        if known is None or MODALITY_WEIGHT[claim.modality] > MODALITY_WEIGHT[known]:
            self.origins[claim.origin] = claim.modality
        if claim.outlet:
            self.outlets.add(claim.outlet)
        if claim.when_start is not None:
            first = (claim.when_start, claim.when_end, claim.id, claim.when_label)
            if self.first is None or first[:2] < self.first[:2]:
                self.first = first
            last = (claim.when_end, claim.when_start, claim.id, claim.when_label)
            if self.last is None or last[:2] > self.last[:2]:
                self.last = last
        if claim.goods:
            self.goods.update(claim.goods)
        elif claim.relation == "SUPPLY":
            self.n_without_goods += 1

    @property
    def origins_by_modality(self) -> Counter:
        return Counter(self.origins.values())

    @property
    def confidence(self) -> float:
        return confidence_of(self.origins_by_modality)

    @property
    def share_reported(self) -> float:
        return round(self.modalities["reported"] / self.n_claims, 3) if self.n_claims else 0.0


class FactFigures(NamedTuple):
    """What the analyses show of a fact, from a FactSummary or from a stored facts row.

    A NamedTuple: the graph makes thousands per request, and a tuple is quick to build."""
    key: tuple[str, str, str, str]
    n_claims: int
    n_documents: int
    n_outlets: int
    confidence: float
    share_reported: float
    n_possible: int                  # claims stated as only possible
    day_first: str | None            # earliest day a dated claim covers
    day_last: str | None             # latest day
    first_label: str | None          # time of the earliest claim as the article puts it
    last_label: str | None
    first_claim_id: int | None
    last_claim_id: int | None
    goods: tuple[str, ...]           # union of the goods named
    n_without_goods: int             # SUPPLY claims naming none
    newest_claim_id: int | None

    @property
    def example_claim_ids(self) -> list[int]:
        """The claims to cite: earliest, latest and newest stored (distinct)."""
        ids = (self.first_claim_id, self.last_claim_id, self.newest_claim_id)
        return sorted({i for i in ids if i is not None})

    @classmethod
    def of_summary(cls, s: FactSummary) -> FactFigures:
        first = s.first or (None, None, None, None)
        last = s.last or (None, None, None, None)
        return cls(s.key, s.n_claims, s.n_documents, len(s.outlets), s.confidence,
                   s.share_reported, s.modalities["possible"], first[0], last[0], first[3],
                   last[3], first[2], last[2], tuple(sorted(s.goods)), s.n_without_goods,
                   s.newest_claim_id)

    @classmethod
    def of_row(cls, row) -> FactFigures:
        """From a row of `FIGURE_COLUMNS` (in that order)."""
        (subject, relation, object_, polarity, n_claims, n_documents, n_outlets, confidence,
         n_reported, n_possible, day_first, day_last, first_label, last_label, first_id,
         last_id, goods, n_without_goods, newest_id) = row
        return cls((subject, relation, object_, polarity), n_claims, n_documents, n_outlets,
                   confidence, round(n_reported / n_claims, 3), n_possible, day_first,
                   day_last, first_label, last_label, first_id, last_id,
                   tuple(g for g in (goods or "").split(",") if g), n_without_goods,
                   newest_id)


# what FactFigures.of_row reads: select(*FIGURE_COLUMNS)
FIGURE_COLUMNS = tuple(facts.c[name] for name in (
    "subject", "relation", "object", "polarity", "n_claims", "n_documents", "n_outlets",
    "confidence", "n_reported", "n_possible", "day_first", "day_last", "first_label",
    "last_label", "first_claim_id", "last_claim_id", "goods", "n_without_goods",
    "newest_claim_id"))


def confidence_of(origins_by_modality: dict[str, int]) -> float:
    """1 - prod(1 - w) over independent origins, each at its strongest modality."""
    doubt = 1.0
    for modality in ("asserted", "reported", "possible"):
        doubt *= (1.0 - MODALITY_WEIGHT[modality]) ** origins_by_modality.get(modality, 0)
    return round(1.0 - doubt, 4)


@dataclass
class _ClaimRow:
    """A stored claim with what FactSummary reads of it and of its document."""
    id: int
    document_id: int
    subject: str
    relation: str
    object: str
    polarity: str
    modality: str
    time: str | None
    when_start: str | None
    when_end: str | None
    source: str | None
    goods: tuple[str, ...]
    outlet: str | None
    doc_date: str | None
    doc_date_estimated: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return fact_key(self.subject, self.relation, self.object, self.polarity)

    @property
    def origin(self) -> str:
        return origin_of(self.source, self.outlet, self.document_id)

    @property
    def when_label(self) -> str | None:
        # as analysis.claims.StoredClaim.when_label
        return self.time or self.doc_date or self.doc_date_estimated


_CLAIM_COLUMNS = (claims.c.id, claims.c.document_id, claims.c.subject, claims.c.relation,
                  claims.c.object, claims.c.polarity, claims.c.modality, claims.c.time,
                  claims.c.when_start, claims.c.when_end, claims.c.source, claims.c.goods,
                  documents.c.outlet, documents.c.date, documents.c.date_estimated)


def _claim_rows(conn: Connection, where, limit: int | None = None) -> list[_ClaimRow]:
    query = (select(*_CLAIM_COLUMNS).join(documents, documents.c.id == claims.c.document_id)
             .where(where).order_by(claims.c.id).limit(limit))
    return [_ClaimRow(r.id, r.document_id, r.subject, r.relation, r.object, r.polarity,
                      r.modality, r.time, r.when_start, r.when_end, r.source,
                      tuple(g for g in (r.goods or "").split(",") if g), r.outlet, r.date,
                      r.date_estimated)
            for r in conn.execute(query)]


def summarise(rows: Iterable) -> dict[tuple, FactSummary]:
    """Claims (in id order) merged per fact key."""
    found: dict[tuple, FactSummary] = {}
    for row in rows:
        key = fact_key(row.subject, row.relation, row.object, row.polarity)
        summary = found.get(key)
        if summary is None:
            summary = found[key] = FactSummary(key)
        summary.add(row)
    return found


# ---------------------------------------------------------------- writing the tables

def _values(summary: FactSummary) -> dict:
    """The facts row of a summary (counts of origins included)."""
    by_origin = summary.origins_by_modality
    first = summary.first or (None, None, None, None)
    last = summary.last or (None, None, None, None)
    return {
        "n_claims": summary.n_claims, "n_documents": summary.n_documents,
        "n_outlets": len(summary.outlets),
        "n_asserted": summary.modalities["asserted"],
        "n_reported": summary.modalities["reported"],
        "n_possible": summary.modalities["possible"],
        "origins_asserted": by_origin["asserted"], "origins_reported": by_origin["reported"],
        "origins_possible": by_origin["possible"],
        "day_first": first[0], "first_end": first[1], "first_claim_id": first[2],
        "first_label": first[3],
        "day_last": last[0], "last_start": last[1], "last_claim_id": last[2],
        "last_label": last[3],
        "goods": ",".join(sorted(summary.goods)), "n_without_goods": summary.n_without_goods,
        "newest_claim_id": summary.newest_claim_id,
        "confidence": confidence_of(by_origin),
    }


_KEY_COLUMNS = (facts.c.subject, facts.c.relation, facts.c.object, facts.c.polarity)


def _insert_all(conn: Connection, summaries: list[FactSummary]) -> None:
    """New facts rows (executemany), then their origins and outlets."""
    if not summaries:
        return
    conn.execute(insert(facts), [
        dict(zip(("subject", "relation", "object", "polarity"), s.key), **_values(s))
        for s in summaries])
    ids = _ids(conn, [s.key for s in summaries])
    origins = [{"fact_id": ids[s.key], "origin": o, "modality": m}
               for s in summaries for o, m in s.origins.items()]
    outlets = [{"fact_id": ids[s.key], "outlet": o}
               for s in summaries for o in sorted(s.outlets)]
    if origins:
        conn.execute(insert(fact_origins), origins)
    if outlets:
        conn.execute(insert(fact_outlets), outlets)


def _ids(conn: Connection, keys: list[tuple]) -> dict[tuple, int]:
    found = {}
    for part in _chunks(keys, 200):     # bounded IN lists: SQLite caps bound parameters
        query = select(facts.c.id, *_KEY_COLUMNS).where(tuple_(*_KEY_COLUMNS).in_(part))
        found.update({tuple(r[1:]): r[0] for r in conn.execute(query)})
    return found


def _chunks(items: list, size: int):
    return (items[i:i + size] for i in range(0, len(items), size))


def _stored_rows(conn: Connection, keys: list[tuple]) -> dict[tuple, object]:
    """The facts rows of `keys` (sorted), locked for this transaction where the database
    locks rows (PostgreSQL: FOR UPDATE; SQLite's writer holds the whole store)."""
    found = {}
    for part in _chunks(keys, 200):
        query = select(facts).where(tuple_(*_KEY_COLUMNS).in_(part)).order_by(*_KEY_COLUMNS)
        for row in conn.execute(query.with_for_update()):
            found[(row.subject, row.relation, row.object, row.polarity)] = row
    return found


def _add_all(conn: Connection, pairs: list[tuple[object, FactSummary]]) -> None:
    """Add one document's summaries to their stored facts rows: one query for what the
    facts have seen of the document's origins and outlets, then executemany writes."""
    fact_ids = [row.id for row, _ in pairs]
    wanted_origins = sorted({o for _, new in pairs for o in new.origins})
    wanted_outlets = sorted({o for _, new in pairs for o in new.outlets})
    seen_origins = {(r.fact_id, r.origin): r.modality for r in conn.execute(
        select(fact_origins).where(fact_origins.c.fact_id.in_(fact_ids),
                                   fact_origins.c.origin.in_(wanted_origins)))}
    seen_outlets = set()
    if wanted_outlets:
        seen_outlets = {(r.fact_id, r.outlet) for r in conn.execute(
            select(fact_outlets).where(fact_outlets.c.fact_id.in_(fact_ids),
                                       fact_outlets.c.outlet.in_(wanted_outlets)))}
    new_origins, stronger_origins, new_outlets, updates = [], [], [], []
    for row, new in pairs:
        by_origin = Counter({"asserted": row.origins_asserted,
                             "reported": row.origins_reported,
                             "possible": row.origins_possible})
        for origin, modality in new.origins.items():
            old = seen_origins.get((row.id, origin))
            if old is None:
                new_origins.append({"fact_id": row.id, "origin": origin, "modality": modality})
                by_origin[modality] += 1
            elif MODALITY_WEIGHT[modality] > MODALITY_WEIGHT[old]:
                stronger_origins.append({"_fact": row.id, "_origin": origin,
                                         "modality": modality})
                by_origin[old] -= 1
                by_origin[modality] += 1
        fresh = [o for o in sorted(new.outlets) if (row.id, o) not in seen_outlets]
        new_outlets.extend({"fact_id": row.id, "outlet": o} for o in fresh)
        first = (row.day_first, row.first_end, row.first_claim_id, row.first_label)
        last = (row.day_last, row.last_start, row.last_claim_id, row.last_label)
        # the stored claims are older (lower ids): they keep first/last on ties
        if new.first is not None and (first[0] is None or new.first[:2] < first[:2]):
            first = new.first
        if new.last is not None and (last[0] is None or new.last[:2] > last[:2]):
            last = new.last
        stored_goods = set(filter(None, (row.goods or "").split(",")))
        updates.append({
            "_id": row.id,
            "n_claims": row.n_claims + new.n_claims,
            "n_documents": row.n_documents + new.n_documents,
            "n_outlets": row.n_outlets + len(fresh),
            "n_asserted": row.n_asserted + new.modalities["asserted"],
            "n_reported": row.n_reported + new.modalities["reported"],
            "n_possible": row.n_possible + new.modalities["possible"],
            "origins_asserted": by_origin["asserted"],
            "origins_reported": by_origin["reported"],
            "origins_possible": by_origin["possible"],
            "day_first": first[0], "first_end": first[1], "first_claim_id": first[2],
            "first_label": first[3],
            "day_last": last[0], "last_start": last[1], "last_claim_id": last[2],
            "last_label": last[3],
            "goods": ",".join(sorted(new.goods | stored_goods)),
            "n_without_goods": row.n_without_goods + new.n_without_goods,
            "newest_claim_id": max(row.newest_claim_id, new.newest_claim_id),
            "confidence": confidence_of(by_origin),
        })
    if new_origins:
        conn.execute(insert(fact_origins), new_origins)
    if stronger_origins:
        conn.execute(update(fact_origins).where(
            fact_origins.c.fact_id == bindparam("_fact"),
            fact_origins.c.origin == bindparam("_origin")), stronger_origins)
    if new_outlets:
        conn.execute(insert(fact_outlets), new_outlets)
    conn.execute(update(facts).where(facts.c.id == bindparam("_id")), updates)


def record_document(conn: Connection, document_id: int) -> None:
    """Add the claims of a just-stored document to the facts (caller's transaction)."""
    record_documents(conn, [document_id])


def record_documents(conn: Connection, document_ids: list[int]) -> None:
    """Add the claims of just-stored new documents to the facts, all at once: a group
    of documents written in one transaction touches each shared fact once, not once
    per document (ingest --jobs commits in groups)."""
    rows = []
    for part in _chunks(sorted(document_ids), 500):
        rows += _claim_rows(conn, claims.c.document_id.in_(part))
    rows.sort(key=lambda row: row.id)        # summaries read claims in id order
    new = summarise(rows)
    if not new:
        return
    # keys in one order for every writer: two transactions then lock shared facts in the
    # same order and cannot deadlock on them (PostgreSQL)
    keys = sorted(new)
    rows = _stored_rows(conn, keys)
    _insert_all(conn, [new[key] for key in keys if key not in rows])
    pairs = [(rows[key], new[key]) for key in keys if key in rows]
    if pairs:
        _add_all(conn, pairs)


def _key_condition(key: tuple):
    subject, relation, object_, polarity = key
    same = and_(claims.c.subject == subject, claims.c.object == object_)
    if relation in SYMMETRIC:
        same = or_(same, and_(claims.c.subject == object_, claims.c.object == subject))
    return and_(same, claims.c.relation == relation, claims.c.polarity == polarity)


def _delete_facts(conn: Connection, fact_ids: list[int]) -> None:
    # explicit, not ON DELETE CASCADE: SQLite only cascades with foreign_keys on
    for table in (fact_origins, fact_outlets):
        conn.execute(delete(table).where(table.c.fact_id.in_(fact_ids)))
    conn.execute(delete(facts).where(facts.c.id.in_(fact_ids)))


def forget_document(conn: Connection, document_id: int) -> None:
    """Take a document's claims out of the facts, before the caller deletes them: the
    facts it touched are recomputed from the claims of the other documents."""
    keys = sorted(summarise(_claim_rows(conn, claims.c.document_id == document_id)))
    if not keys:
        return
    rows = _stored_rows(conn, keys)
    if rows:
        _delete_facts(conn, [row.id for row in rows.values()])
    rest = []
    for key in keys:
        rest.extend(summarise(_claim_rows(conn, and_(
            _key_condition(key), claims.c.document_id != document_id))).values())
    _insert_all(conn, rest)


def rebuild(conn: Connection, batch: int = 200_000) -> int:
    """Recompute every fact from the claims table (after bulk loads or an upgrade);
    returns the number of facts. Reads the claims in slices of `batch`, so memory holds
    the summaries, not the claims."""
    for table in (fact_origins, fact_outlets, facts):
        conn.execute(delete(table))
    found: dict[tuple, FactSummary] = {}
    last_id = 0
    while rows := _claim_rows(conn, claims.c.id > last_id, limit=batch):
        for row in rows:
            summary = found.get(row.key)
            if summary is None:
                summary = found[row.key] = FactSummary(row.key)
            summary.add(row)
        last_id = rows[-1].id
    for part in _chunks(list(found.values()), 5_000):
        _insert_all(conn, part)
    bump_generation(conn)
    return len(found)
