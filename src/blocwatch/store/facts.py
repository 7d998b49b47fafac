"""Facts kept in the store: claims merged per (subject, relation, object, polarity),
brought up to date in the same transaction as the documents whose claims they merge.

Why stored and not computed per question: the graph of a store with a million claims has
every fact in it, and merging a million claims in Python takes seconds; reading the few
thousand rows of ``facts`` takes milliseconds. Questions limited in time (since/until)
still merge the claims of their window (analysis/), because a stored fact covers all time.

Confidence
----------
A fact is as sure as the chance that not every independent origin vouching for it is
wrong. An origin is a named source (counted once however many outlets repeat it), else
the outlet, else the single document (`origin_of`). Each claim gets a weight

    w = p * d(modality)     p = claims.confidence, the scorer's calibrated probability
    w = MODALITY_WEIGHT[modality]             where p is NULL (--extractor rules, old stores)

with d = asserted 1, reported 2/3, possible 1/4 (MODALITY_WEIGHT relative to asserted),
so a claim without a probability counts as one of p = 0.6, today's asserted weight, and a
reported or merely possible statement still counts for less than an asserted one. Each
origin counts once, at its best claim, and

    confidence = 1 - prod over origins (1 - max w of the origin's claims)

(w capped at 1 - 1e-6; rounded half up to 4 places). One claim at p = 0.9 gives 0.9, one at
0.3 gives 0.3; two independent origins at 0.6 give 0.84; fifty articles quoting the same
source stay at that source's best claim. A store of rule-only claims gets exactly the
modality-weight confidence of before.

How the stored rows are kept: set-based, in SQL, the same statements on SQLite and
PostgreSQL (no per-fact Python):

- new documents (`record_documents`, a batch at a time): their claims are merged per key
  (INSERT ... SELECT into a scratch table), then added to the stored rows (UPDATE ... FROM
  for keys already stored: counts added, earlier first / later last claim, goods united;
  INSERT for new keys); their origins are upserted (INSERT ... ON CONFLICT) with the
  strongest modality and the best weight, and the outlets, origin counts and confidence
  of the touched facts are counted from fact_origins and fact_outlets. The work grows with
  the batch's claims and the origins of the facts it touches, not with all their claims.
- a document taken out (`forget_document`, re-extraction): the rows of its keys are
  deleted and computed anew from the remaining claims of those keys (`refresh`: DELETE
  ... WHERE key IN the scratch keys, then INSERT ... SELECT).
- `rebuild`: the same for every key at once.

The noisy-or is 1 - exp(sum(ln(1 - w))) in SQL (SQLite 3.35+ has ln and exp built in;
`noisy_or` computes it the same way in Python), rounded as floor(x * 10^4 + 0.5) / 10^4
because PostgreSQL has no round() for floating point. Recomputing every touched fact on
each batch was tried first: simpler, but a document about a fact with 50,000 claims then
re-reads them all, and ingesting one document at a time became quadratic
(bench/facts_bench.py prints both). The price of SQL over Python merging is a fixed cost
of some fifteen statements per call: a batch of documents is quicker than before, a single
document slower (on the 2,000 benchmark articles: groups of 64 0.6-0.7x the time,
one document per transaction 1.5x on SQLite, 1.9x on PostgreSQL).

One computation for the analyses: `FactSummary` merges claims one at a time, with the same
formulas; analysis/facts.py uses it over the claims of a question (time windows), and a
property test checks that the stored rows equal a merge of all claims after any order of
ingests and re-extractions.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, text

from ..model import SYMMETRIC, relation_key
from .generation import bump_generation
from .schema import facts

# How much one independent origin vouches for a fact by how it states it when its claim
# carries no probability; also the order of strength of the modalities.
MODALITY_WEIGHT = {"asserted": 0.6, "reported": 0.4, "possible": 0.15}
# the discount of a modality on a claim's probability: its weight relative to asserted
MODALITY_DISCOUNT = {m: w / MODALITY_WEIGHT["asserted"] for m, w in MODALITY_WEIGHT.items()}
MAX_WEIGHT = 1 - 1e-6          # keeps ln(1 - w) finite
_RANK = {"possible": 1, "reported": 2, "asserted": 3}


def fact_key(subject: str, relation: str, object_: str, polarity: str) -> tuple[str, str, str, str]:
    """(subject, relation, object, polarity), the two sides sorted for symmetric relations."""
    return (*relation_key(subject, relation, object_), polarity)


def origin_of(source: str | None, outlet: str | None, document_id: int) -> str:
    """Who vouches for a claim: a named source counts once however many outlets repeat
    it; otherwise the outlet; otherwise the document itself."""
    if source:
        return "source:" + source.strip().casefold()
    if outlet:
        return "outlet:" + outlet.strip().casefold()
    return f"document:{document_id}"


def claim_weight(modality: str, confidence: float | None) -> float:
    """How much one claim vouches for its fact (module doc)."""
    if confidence is None:
        return MODALITY_WEIGHT[modality]
    return min(max(confidence * MODALITY_DISCOUNT[modality], 0.0), MAX_WEIGHT)


def noisy_or(weights) -> float:
    """1 - prod(1 - w), as the SQL computes it: 1 - exp(sum(ln(1 - w))), rounded half up
    to 4 places."""
    doubt = math.exp(sum(math.log(1.0 - w) for w in weights))
    return math.floor((1.0 - doubt) * 10000 + 0.5) / 10000


@dataclass
class FactSummary:
    """The merge of claims of one fact, built claim by claim (in id order).

    A claim is anything with the attributes of analysis.claims.StoredClaim that are read
    in `add`: id, document_id, modality, confidence, origin, outlet, when_start, when_end,
    when_label, goods, relation.
    """
    key: tuple[str, str, str, str]
    n_claims: int = 0
    n_documents: int = 0
    modalities: Counter = field(default_factory=Counter)     # claims per modality
    origins: dict[str, str] = field(default_factory=dict)    # origin -> strongest modality
    weights: dict[str, float] = field(default_factory=dict)  # origin -> its best claim's w
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
        origin = claim.origin
        known = self.origins.get(origin)
        if known is None or _RANK[claim.modality] > _RANK[known]:
            self.origins[origin] = claim.modality
        weight = claim_weight(claim.modality, getattr(claim, "confidence", None))
        if weight > self.weights.get(origin, -1.0):
            self.weights[origin] = weight
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
    def confidence(self) -> float:
        return noisy_or(self.weights.values())

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


# ---------------------------------------------------------------- the SQL

# Scratch tables of this connection (TEMP: each connection has its own, so concurrent
# writers do not see each other's): the documents of a batch, the fact keys they touch,
# their claims with key, origin and weight worked out once, and those claims merged per key
# (a facts row each).
_DOCS, _KEYS, _CLAIMS, _MERGED = "bw_fact_docs", "bw_fact_keys", "bw_fact_claims", "bw_fact_merged"
_KEY = ("subject", "relation", "object", "polarity")
_SCRATCH = {
    _DOCS: "(id INTEGER PRIMARY KEY)",
    _KEYS: ("(subject VARCHAR(32) NOT NULL, relation VARCHAR(32) NOT NULL, "
            "object VARCHAR(32) NOT NULL, polarity VARCHAR(3) NOT NULL, "
            "PRIMARY KEY (subject, relation, object, polarity))"),
    _CLAIMS: ("(subject VARCHAR(32), relation VARCHAR(32), object VARCHAR(32), "
              "polarity VARCHAR(3), id INTEGER, document_id INTEGER, modality VARCHAR(10), "
              "when_start VARCHAR(10), when_end VARCHAR(10), label VARCHAR(10), goods TEXT, "
              "outlet VARCHAR(255), origin TEXT, w DOUBLE PRECISION)"),
    _MERGED: "AS SELECT * FROM facts WHERE 1 = 0",
}
_FACT_COLUMNS = tuple(c.name for c in facts.columns if c.name != "id")
# Python's str.isspace() characters: origin_of strips them (str.strip)
_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


class _Sql:
    """The few spellings that differ between the two databases."""

    def __init__(self, conn: Connection):
        self.pg = conn.dialect.name == "postgresql"
        if not self.pg:
            # origin_of's strip().casefold(), exactly, for SQLite
            conn.connection.dbapi_connection.create_function(
                "bw_fold", 1, _fold, deterministic=True)

    def c(self, expr: str) -> str:
        """Compare/sort by code point, as Python does (PostgreSQL: not the locale's order)."""
        return f'{expr} COLLATE "C"' if self.pg else expr

    def fold(self, expr: str) -> str:
        """origin_of's strip().casefold(). PostgreSQL's lower() maps case as casefold
        does but for a few letters (ß, taken care of; final sigma, ligatures)."""
        if self.pg:
            return f"replace(lower(btrim({expr}, :ws)), 'ß', 'ss')"
        return f"bw_fold({expr})"

    def position(self, needle: str, haystack: str) -> str:
        return f"strpos({haystack}, {needle})" if self.pg else f"instr({haystack}, {needle})"

    def params(self) -> dict:
        return {"ws": _WHITESPACE} if self.pg else {}

    @property
    def then(self) -> str:
        """A join that reads the (small) scratch table on its left first: SQLite has no
        statistics for it and would scan the big table instead; CROSS JOIN fixes its
        order. PostgreSQL's planner is left to choose (and refuses CROSS JOIN ... ON)."""
        return "JOIN" if self.pg else "CROSS JOIN"


def _fold(value: str | None) -> str | None:
    return None if value is None else value.strip().casefold()


_SYMMETRIC_SQL = "(" + ", ".join(f"'{r}'" for r in sorted(SYMMETRIC)) + ")"
_RANK_OF = " ".join(f"WHEN '{m}' THEN {r}" for m, r in _RANK.items())
_MODALITY_OF = " ".join(f"WHEN {r} THEN '{m}'" for m, r in _RANK.items())
# noisy-or over the weights `w` of a group, rounded half up to 4 places (noisy_or)
_NOISY_OR = "FLOOR((1 - EXP(SUM(LN(1 - {w})))) * 10000 + 0.5) / 10000.0"


def _same_key(a: str, b: str) -> str:
    return " AND ".join(f"{a}.{k} = {b}.{k}" for k in _KEY)


_SCRATCH_PAGES = 64     # PostgreSQL: pages a scratch table may grow to before it is made anew


def _scratch(conn: Connection, sql: _Sql) -> None:
    """The scratch tables, created once per connection, emptied.

    PostgreSQL: DELETE leaves dead rows, and no autovacuum clears temporary tables, so
    they grow with every batch and each scan reads more; TRUNCATE (or ON COMMIT DELETE
    ROWS) costs a new file or a truncation at every commit, which took longer than the
    facts work itself. So: DELETE, and when a table has grown past _SCRATCH_PAGES (the
    statistics taken after each fill say), drop them and create them anew. A rolled-back
    transaction takes tables it created away again: their presence is looked up."""
    if sql.pg:
        pages = dict(conn.execute(text(
            "SELECT relname, relpages FROM pg_class WHERE relnamespace = pg_my_temp_schema() "
            "AND relname IN :names").bindparams(bindparam("names", expanding=True)),
            {"names": list(_SCRATCH)}).all())
        if len(pages) == len(_SCRATCH) and max(pages.values()) <= _SCRATCH_PAGES:
            conn.execute(text("WITH " + ", ".join(
                f"d{i} AS (DELETE FROM {name})" for i, name in enumerate(_SCRATCH))
                + " SELECT 1"))
            return
        if pages:
            conn.execute(text("DROP TABLE IF EXISTS " + ", ".join(_SCRATCH)))
    for name, definition in _SCRATCH.items():
        conn.execute(text(f"CREATE TEMP TABLE IF NOT EXISTS {name} {definition}"))
        conn.execute(text(f"DELETE FROM {name}"))


def _analyze(conn: Connection, sql: _Sql, *names: str) -> None:
    """PostgreSQL: statistics for scratch tables just filled. Without, the planner takes
    them for thousands of rows and scans claims and facts whole instead of using their
    indexes (each document's work then grows with the store)."""
    if sql.pg:
        conn.execute(text("ANALYZE " + ", ".join(names)))


def _weight_sql() -> str:
    """claim_weight in SQL, over claims c."""
    fallback = " ".join(f"WHEN '{m}' THEN {w!r}" for m, w in MODALITY_WEIGHT.items())
    discount = " ".join(f"WHEN '{m}' THEN {d!r}" for m, d in MODALITY_DISCOUNT.items())
    scaled = f"c.confidence * (CASE c.modality {discount} END)"
    return (f"CASE WHEN c.confidence IS NULL THEN (CASE c.modality {fallback} END) "
            f"WHEN {scaled} > {MAX_WEIGHT!r} THEN {MAX_WEIGHT!r} "
            f"WHEN {scaled} < 0 THEN 0.0 ELSE {scaled} END")


def _key_sql(sql: _Sql) -> str:
    """fact_key (model.relation_key's order of a symmetric pair) in SQL, over claims c."""
    swap = f"c.relation IN {_SYMMETRIC_SQL} AND {sql.c('c.object')} < c.subject"
    return (f"CASE WHEN {swap} THEN c.object ELSE c.subject END, c.relation, "
            f"CASE WHEN {swap} THEN c.subject ELSE c.object END, c.polarity")


def _claim_columns(sql: _Sql) -> str:
    """Every column of _CLAIMS but the key, from claims c joined with documents d."""
    origin = (f"CASE WHEN c.source IS NOT NULL AND c.source <> '' "
              f"THEN 'source:' || {sql.fold('c.source')} "
              f"WHEN d.outlet IS NOT NULL AND d.outlet <> '' "
              f"THEN 'outlet:' || {sql.fold('d.outlet')} "
              "ELSE 'document:' || CAST(c.document_id AS TEXT) END")
    # as StoredClaim.when_label: time or doc date or estimated date ('' counts as none)
    label = "COALESCE(NULLIF(c.time, ''), NULLIF(d.date, ''), d.date_estimated)"
    return (f"c.id, c.document_id, c.modality, c.when_start, c.when_end, {label}, "
            f"c.goods, d.outlet, {origin}, CAST({_weight_sql()} AS DOUBLE PRECISION)")


_CLAIM_TARGET = (f"INSERT INTO {_CLAIMS} (subject, relation, object, polarity, id, document_id, "
                 "modality, when_start, when_end, label, goods, outlet, origin, w) ")


def _gather(conn: Connection, sql: _Sql, of_documents: bool) -> None:
    """Claims into _CLAIMS with their fact key: those of the documents in _DOCS, or all."""
    source = "claims c JOIN documents d ON d.id = c.document_id"
    if of_documents:
        source = (f"{_DOCS} x {sql.then} claims c ON c.document_id = x.id "
                  f"{sql.then} documents d ON d.id = c.document_id")
    conn.execute(text(_CLAIM_TARGET + f"SELECT {_key_sql(sql)}, {_claim_columns(sql)} "
                      f"FROM {source}"), sql.params())


def _gather_keys(conn: Connection, sql: _Sql, exclude_document: int | None) -> None:
    """Every stored claim of the keys in _KEYS into _CLAIMS (but those of
    `exclude_document`): each key's claims as written, and for symmetric relations
    those written the other way round. Joins that the claims' (subject, object) index
    serves."""
    params = sql.params()
    other = ""
    if exclude_document is not None:
        other = " AND c.document_id <> :exclude"
        params["exclude"] = exclude_document
    common = "c.relation = k.relation AND c.polarity = k.polarity"
    for sides, where in ((("subject", "object"), "1 = 1"),
                         (("object", "subject"),
                          f"k.relation IN {_SYMMETRIC_SQL} AND k.subject <> k.object")):
        conn.execute(text(
            _CLAIM_TARGET
            + f"SELECT k.subject, k.relation, k.object, k.polarity, {_claim_columns(sql)} "
            f"FROM {_KEYS} k {sql.then} claims c ON c.subject = k.{sides[0]} "
            f"AND c.object = k.{sides[1]} AND {common} "
            f"{sql.then} documents d ON d.id = c.document_id WHERE {where}{other}"), params)


def _merge_claims(conn: Connection, sql: _Sql, stored_goods: bool) -> None:
    """The claims in _CLAIMS merged per key into _MERGED: facts rows as if those claims
    were all there is (goods: with the stored facts' when `stored_goods`)."""
    key = ", ".join(_KEY)
    by_modality = ", ".join(
        f"SUM(CASE WHEN modality = '{m}' THEN 1 ELSE 0 END) AS n_{m}" for m in _RANK)
    origins_by = ", ".join(
        f"SUM(CASE WHEN r = {r} THEN 1 ELSE 0 END) AS origins_{m}" for m, r in _RANK.items())
    comma = sql.position("','", "rest")
    seeds = f"SELECT {key}, goods FROM {_CLAIMS} "
    if stored_goods:
        seeds += (f"UNION SELECT f.subject, f.relation, f.object, f.polarity, f.goods "
                  f"FROM {_KEYS} k {sql.then} facts f ON {_same_key('f', 'k')} ")
    # the union of comma-separated goods, split by a recursive query, sorted, joined
    if sql.pg:
        union = (f"SELECT {key}, string_agg(g, ',' ORDER BY {sql.c('g')}) AS goods "
                 f"FROM goods_each GROUP BY {key}")
    else:   # SQLite orders group_concat only as a window function
        union = (f"SELECT DISTINCT {key}, group_concat(g, ',') OVER (PARTITION BY {key} "
                 "ORDER BY g ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) "
                 "AS goods FROM goods_each")
    goods = (
        f"goods_seed ({key}, goods) AS ({seeds}), "
        f"goods_split ({key}, g, rest) AS ("
        f"SELECT DISTINCT {key}, CAST('' AS TEXT), goods || ',' FROM goods_seed "
        "WHERE goods IS NOT NULL AND goods <> '' "
        f"UNION ALL SELECT {key}, substr(rest, 1, {comma} - 1), substr(rest, {comma} + 1) "
        "FROM goods_split WHERE rest <> ''), "
        f"goods_each AS (SELECT DISTINCT {key}, g FROM goods_split WHERE g <> ''), "
        f"goods_union AS ({union})")
    # the earliest-starting and the latest-ending dated claim; ties: the lower id
    ordered = {"first_claim": f"{sql.c('when_start')}, {sql.c('when_end')}, id",
               "last_claim": f"when_end IS NULL, {sql.c('when_end')} DESC, "
                             f"{sql.c('when_start')} DESC, id"}
    ends = ", ".join(
        f"{name} AS (SELECT {key}, when_start, when_end, id, label FROM ("
        f"SELECT {key}, when_start, when_end, id, label, ROW_NUMBER() OVER "
        f"(PARTITION BY {key} ORDER BY {order}) AS n FROM {_CLAIMS} "
        f"WHERE when_start IS NOT NULL) ranked WHERE n = 1)"
        for name, order in ordered.items())
    conn.execute(text(
        f"WITH RECURSIVE {goods}, {ends}, "
        f"per_origin AS (SELECT {key}, origin, MAX(CASE modality {_RANK_OF} END) AS r, "
        f"MAX(w) AS w FROM {_CLAIMS} GROUP BY {key}, origin), "
        f"origins AS (SELECT {key}, {origins_by}, {_NOISY_OR.format(w='w')} AS confidence "
        f"FROM per_origin GROUP BY {key}), "
        f"counts AS (SELECT {key}, COUNT(*) AS n_claims, "
        "COUNT(DISTINCT document_id) AS n_documents, "
        "COUNT(DISTINCT NULLIF(outlet, '')) AS n_outlets, "
        f"{by_modality}, SUM(CASE WHEN relation = 'SUPPLY' AND (goods IS NULL OR goods = '') "
        "THEN 1 ELSE 0 END) AS n_without_goods, MAX(id) AS newest_claim_id "
        f"FROM {_CLAIMS} GROUP BY {key}) "
        f"INSERT INTO {_MERGED} (subject, relation, object, polarity, n_claims, n_documents, "
        "n_outlets, n_asserted, n_reported, n_possible, origins_asserted, origins_reported, "
        "origins_possible, day_first, first_end, first_claim_id, first_label, day_last, "
        "last_start, last_claim_id, last_label, goods, n_without_goods, newest_claim_id, "
        "confidence) "
        "SELECT a.subject, a.relation, a.object, a.polarity, a.n_claims, a.n_documents, "
        "a.n_outlets, a.n_asserted, a.n_reported, a.n_possible, o.origins_asserted, "
        "o.origins_reported, o.origins_possible, f.when_start, f.when_end, f.id, f.label, "
        "l.when_end, l.when_start, l.id, l.label, COALESCE(g.goods, ''), a.n_without_goods, "
        "a.newest_claim_id, o.confidence "
        f"FROM counts a JOIN origins o ON {_same_key('o', 'a')} "
        f"LEFT JOIN first_claim f ON {_same_key('f', 'a')} "
        f"LEFT JOIN last_claim l ON {_same_key('l', 'a')} "
        f"LEFT JOIN goods_union g ON {_same_key('g', 'a')}"))


def _earlier(a: str, b: str, ends: tuple[str, str, str], later: bool = False) -> str:
    """SQL: row a's (day, other end, claim id) comes before row b's (after, when `later`:
    days compared the other way, ids still lowest first), or b has none."""
    day, end, claim = ends
    cmp = ">" if later else "<"
    return (f"{a}.{day} IS NOT NULL AND ({b}.{day} IS NULL OR {a}.{day} {cmp} {b}.{day} "
            f"OR ({a}.{day} = {b}.{day} AND ({a}.{end} {cmp} {b}.{end} "
            f"OR ({a}.{end} = {b}.{end} AND {a}.{claim} < {b}.{claim}))))")


def _add_merged(conn: Connection, sql: _Sql, fresh_only: bool) -> None:
    """_MERGED (and the origins and outlets of _CLAIMS) into the stored facts: rows of
    new keys inserted; stored rows of other keys get the counts added, the earlier first
    and later last claim, and their origins, outlets and confidence counted anew from
    fact_origins and fact_outlets. `fresh_only`: no key of _MERGED is stored yet."""
    columns = ", ".join(_FACT_COLUMNS)
    if not fresh_only:
        first = _earlier("m", "facts", ("day_first", "first_end", "first_claim_id"))
        last = _earlier("m", "facts", ("day_last", "last_start", "last_claim_id"), later=True)
        added = ", ".join(f"{c} = facts.{c} + m.{c}" for c in (
            "n_claims", "n_documents", "n_asserted", "n_reported", "n_possible",
            "n_without_goods"))
        ends = ", ".join(
            [f"{c} = CASE WHEN {first} THEN m.{c} ELSE facts.{c} END"
             for c in ("day_first", "first_end", "first_claim_id", "first_label")]
            + [f"{c} = CASE WHEN {last} THEN m.{c} ELSE facts.{c} END"
               for c in ("day_last", "last_start", "last_claim_id", "last_label")])
        conn.execute(text(
            f"UPDATE facts SET {added}, {ends}, goods = m.goods, newest_claim_id = CASE "
            "WHEN m.newest_claim_id > facts.newest_claim_id THEN m.newest_claim_id "
            f"ELSE facts.newest_claim_id END FROM {_MERGED} m WHERE {_same_key('m', 'facts')}"))
    conn.execute(text(
        f"INSERT INTO facts ({columns}) SELECT {columns} FROM {_MERGED} m"
        + ("" if fresh_only else
           f" WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE {_same_key('f', 'm')})")
        # new keys in one order for every writer (PostgreSQL: fewer deadlocks)
        + " ORDER BY " + ", ".join(sql.c(f"m.{k}") for k in _KEY)))
    key = ", ".join(_KEY)
    stronger = (f"CASE WHEN (CASE excluded.modality {_RANK_OF} END) > "
                f"(CASE fact_origins.modality {_RANK_OF} END) THEN excluded.modality "
                "ELSE fact_origins.modality END")
    conn.execute(text(
        "INSERT INTO fact_origins (fact_id, origin, modality, weight) "
        f"SELECT f.id, p.origin, CASE p.r {_MODALITY_OF} END, p.w FROM ("
        f"SELECT {key}, origin, MAX(CASE modality {_RANK_OF} END) AS r, MAX(w) AS w "
        f"FROM {_CLAIMS} GROUP BY {key}, origin) p {sql.then} facts f ON {_same_key('f', 'p')} "
        # WHERE: SQLite reads ON CONFLICT after a join only behind one
        "WHERE 1 = 1"
        + ("" if fresh_only else
           f" ON CONFLICT (fact_id, origin) DO UPDATE SET modality = {stronger}, weight = "
           "CASE WHEN excluded.weight > fact_origins.weight THEN excluded.weight "
           "ELSE fact_origins.weight END")))
    conn.execute(text(
        "INSERT INTO fact_outlets (fact_id, outlet) SELECT DISTINCT f.id, c.outlet "
        f"FROM {_CLAIMS} c {sql.then} facts f ON {_same_key('f', 'c')} "
        "WHERE c.outlet IS NOT NULL AND c.outlet <> ''"
        + ("" if fresh_only else " ON CONFLICT (fact_id, outlet) DO NOTHING")))
    if fresh_only:
        return
    counted = ", ".join(
        f"origins_{m} = (SELECT COUNT(*) FROM fact_origins o WHERE o.fact_id = facts.id "
        f"AND o.modality = '{m}')" for m in _RANK)
    conn.execute(text(
        f"UPDATE facts SET {counted}, n_outlets = (SELECT COUNT(*) FROM fact_outlets o "
        "WHERE o.fact_id = facts.id), confidence = (SELECT "
        f"{_NOISY_OR.format(w='o.weight')} FROM fact_origins o WHERE o.fact_id = facts.id) "
        f"WHERE id IN (SELECT f.id FROM {_MERGED} m {sql.then} facts f "
        f"ON {_same_key('f', 'm')})"))


def _lock(conn: Connection, sql: _Sql) -> None:
    """PostgreSQL: the keys in _KEYS locked for this transaction, stored or not, in one
    order: writers sharing facts wait for each other instead of deadlocking. A key not yet
    stored has no row to lock, so each key takes a transaction advisory lock on its hash
    first; without it a writer whose UPDATE ran before another's INSERT of the same new key
    committed, and whose INSERT ... WHERE NOT EXISTS ran after, added its claims nowhere
    (tests/store/test_concurrent_writers.py). SQLite's writer holds the whole store."""
    if sql.pg:
        joined = " || '|' || ".join(_KEY)
        conn.execute(text(f"SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT "
                          f"hashtextextended({joined}, 0) AS h FROM {_KEYS} ORDER BY h) k")).all()
        order = ", ".join(sql.c(f"f.{k}") for k in _KEY)
        conn.execute(text(f"SELECT f.id FROM {_KEYS} k JOIN facts f ON {_same_key('f', 'k')} "
                          f"ORDER BY {order} FOR UPDATE OF f")).all()


def _delete_keys(conn: Connection, sql: _Sql) -> None:
    """The facts rows of the keys in _KEYS, with their origins and outlets."""
    chosen = f"SELECT f.id FROM {_KEYS} k {sql.then} facts f ON {_same_key('f', 'k')}"
    # explicit, not ON DELETE CASCADE: SQLite only cascades with foreign_keys on
    for table in ("fact_origins", "fact_outlets"):
        conn.execute(text(f"DELETE FROM {table} WHERE fact_id IN ({chosen})"))
    conn.execute(text(f"DELETE FROM facts WHERE id IN ({chosen})"))


def _documents(conn: Connection, document_ids: list[int]) -> None:
    conn.execute(text(f"INSERT INTO {_DOCS} (id) VALUES (:id)"),
                 [{"id": i} for i in sorted(set(document_ids))])


def record_documents(conn: Connection, document_ids: list[int]) -> None:
    """Add the claims of just-stored documents to the facts, all at once (caller's
    transaction): their claims merged per key in SQL, then added to the stored rows, so
    the work grows with the batch's claims and the origins and outlets of the facts they
    touch, not with all the claims of those facts. A group of documents written in one
    transaction touches each shared fact once (ingest --jobs and load commit in groups).
    The documents' claims must not be in the facts yet (new, or forgotten first)."""
    if not document_ids:
        return
    sql = _Sql(conn)
    _scratch(conn, sql)
    _documents(conn, document_ids)
    _analyze(conn, sql, _DOCS)
    _gather(conn, sql, of_documents=True)
    key = ", ".join(_KEY)
    if not conn.execute(text(f"INSERT INTO {_KEYS} ({key}) SELECT DISTINCT {key} "
                             f"FROM {_CLAIMS}")).rowcount:
        return
    _analyze(conn, sql, _CLAIMS, _KEYS)
    _lock(conn, sql)
    _merge_claims(conn, sql, stored_goods=True)
    _analyze(conn, sql, _MERGED)
    _add_merged(conn, sql, fresh_only=False)


def record_document(conn: Connection, document_id: int) -> None:
    """Add the claims of a just-stored document to the facts (caller's transaction)."""
    record_documents(conn, [document_id])


def refresh(conn: Connection, document_ids: list[int],
            exclude_document: int | None = None) -> None:
    """Compute anew the facts of every key the claims of `document_ids` have, from all
    stored claims of those keys (but those of `exclude_document`): DELETE the rows, then
    INSERT ... SELECT them from the claims (caller's transaction)."""
    if not document_ids:
        return
    sql = _Sql(conn)
    _scratch(conn, sql)
    _documents(conn, document_ids)
    _analyze(conn, sql, _DOCS)
    key = ", ".join(_KEY)
    if not conn.execute(text(
            f"INSERT INTO {_KEYS} ({key}) SELECT DISTINCT {_key_sql(sql)} "
            f"FROM {_DOCS} x {sql.then} claims c ON c.document_id = x.id"),
            sql.params()).rowcount:
        return
    _analyze(conn, sql, _KEYS)
    _lock(conn, sql)
    _delete_keys(conn, sql)
    _gather_keys(conn, sql, exclude_document)
    _analyze(conn, sql, _CLAIMS)
    _merge_claims(conn, sql, stored_goods=False)
    _analyze(conn, sql, _MERGED)
    _add_merged(conn, sql, fresh_only=True)


def forget_document(conn: Connection, document_id: int) -> None:
    """Take a document's claims out of the facts, before the caller deletes them: the
    facts it touched are recomputed from the claims of the other documents."""
    refresh(conn, [document_id], exclude_document=document_id)


def rebuild(conn: Connection) -> int:
    """Recompute every fact from the claims table (after bulk loads or an upgrade);
    returns the number of facts."""
    sql = _Sql(conn)
    _scratch(conn, sql)
    for table in ("fact_origins", "fact_outlets", "facts"):
        conn.execute(text(f"DELETE FROM {table}"))
    _gather(conn, sql, of_documents=False)
    _analyze(conn, sql, _CLAIMS)
    _merge_claims(conn, sql, stored_goods=False)
    _analyze(conn, sql, _MERGED)
    _add_merged(conn, sql, fresh_only=True)
    _scratch(conn, sql)                   # not kept for the connection's life
    bump_generation(conn)
    return conn.execute(text("SELECT COUNT(*) FROM facts")).scalar_one()
