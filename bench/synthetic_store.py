"""Synthetic stores for the query benchmarks (bench/queries.py): n claims, built fast, cached.

    from synthetic_store import build
    info = build(None, 100_000, seed=1)          # cached SQLite file under bench/results/stores
    info = build("postgresql+psycopg://u@h/db", 100_000, seed=1)   # into that database
    python bench/synthetic_store.py 1000000 [--seed 1] [--db URL] [--cache-dir DIR]

What the claims look like (same seed -> the same rows, whatever the machine):

- actors: the registry's blocs (not its bilateral treaties) and every actor that holds a
  spell in one of them, ~85 codes. Their weights are Zipf-like (1/rank): RUS, UKR, USA,
  CHN, NATO, EU first, so one of those six is on at least one side of ~3/4 of the claims
  and RUS alone of about a third. Each document has a few focus actors (drawn by those
  weights) that most of its claims are about, as an article would.
- relations: the contract's 19 with news-like frequencies (MEET, CRITICIZE, SUPPORT,
  CONFLICT, SUPPLY most often; LEFT, OBSERVER_OF, RECOGNIZE rarely). MEMBER_OF, LEFT and
  OBSERVER_OF go from a state (mostly one the registry lists in that bloc) to a bloc.
  Polarity 88% pos; modality 70% asserted, 22% reported, 8% possible; goods (one or two)
  on SUPPLY only; a named source on most reported claims and a few others.
- time: documents are dated 2015-2026, weighted towards 2022 on, 3% undated. About a
  third of the claims carry their own time (day, month or year, up to two years before the
  publication date); the rest take the publication date (time_inferred), so the few
  undated ones are the claims without a time in undated documents.
- documents: ~10 claims each (1..25), one of ~40 outlets, short English text made of the
  claims' evidence sentences ("Reportedly, Russia supplied drones to Iran."), unique by a
  numbered first line; mentions are the two actor names of each sentence, with offsets;
  extractor_version "synthetic"; n_mentions/n_claims equal the rows inserted.

Rows are made by the store's own row builders (store/ingest.py: _document_values,
_claim_rows, _mention_rows), so they are what `ingest` would write, and inserted with one
executemany per table and chunk of documents (SQLAlchemy Core). After the inserts,
``blocwatch.store.facts.rebuild(conn)`` runs in one transaction if the module has it, so
tables derived from claims are filled.

Caching: a store is identified by its key: n, seed, GENERATOR_VERSION and a hash of the
store's schema.py, facts.py and ingest.py (the row shapes and the derived tables). With no
URL, the store is a SQLite file named by that key in the cache directory (default
bench/results/stores/, output, untracked), built under a temporary name and renamed when
complete, so an interrupted build is never reused. With a URL, the key is kept in the
store's store_meta table; a store that already holds it is not built again; a store holding
anything else is refused unless replace=True (which drops and recreates the tables).
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import importlib
import itertools
import json
import os
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

GENERATOR_VERSION = "1"
EXTRACTOR_VERSION = "synthetic"
DEFAULT_CACHE = Path(__file__).resolve().parent / "results" / "stores"
META_KEY = "synthetic_build"
CHUNK_CLAIMS = 20_000          # claims per insert transaction

# Most-mentioned first; everything else of the registry follows in code order.
HOT = ("RUS", "UKR", "USA", "CHN", "NATO", "EU", "DEU", "IRN", "PRK", "BLR", "FRA", "GBR",
       "TUR", "POL", "KAZ", "IND", "CSTO", "ARM", "AZE", "GEO", "SCO", "BRICS", "HUN",
       "SRB", "ISR", "JPN", "G7", "PAK", "UZB", "KGZ", "TJK", "EAEU", "CIS")

RELATION_WEIGHTS = {
    "MEET": 14, "CRITICIZE": 12, "SUPPORT": 12, "CONFLICT": 10, "SUPPLY": 10,
    "SANCTION": 6, "COOPERATE_ECONOMIC": 6, "COOPERATE_MILITARY": 5, "ALIGN": 5,
    "THREATEN": 4, "MEMBER_OF": 4, "DEPLOY_FORCES": 3, "REQUEST_AID": 2, "DISTANCE": 2,
    "GUARANTEE": 1.5, "DEPEND_ON": 1.5, "RECOGNIZE": 1, "LEFT": 0.5, "OBSERVER_OF": 0.5,
}
MEMBERSHIP = frozenset({"MEMBER_OF", "LEFT", "OBSERVER_OF"})
GOODS_WEIGHTS = {"weapons": 25, "drones": 15, "energy": 14, "ammunition": 12,
                 "military_equipment": 12, "dual_use": 8, "raw_materials": 6,
                 "spare_parts": 4, "other": 4}
MODALITY_WEIGHTS = {"asserted": 70, "reported": 22, "possible": 8}
YEAR_WEIGHTS = {2015: 3, 2016: 3, 2017: 3, 2018: 3, 2019: 4, 2020: 4, 2021: 5, 2022: 12,
                2023: 14, 2024: 14, 2025: 15, 2026: 8}
OUTLETS = (
    "reuters.com", "apnews.com", "bbc.com", "theguardian.com", "nytimes.com",
    "washingtonpost.com", "ft.com", "economist.com", "politico.eu", "aljazeera.com",
    "dw.com", "tagesschau.de", "spiegel.de", "zeit.de", "faz.net", "sueddeutsche.de",
    "welt.de", "bild.de", "n-tv.de", "handelsblatt.com", "nzz.ch", "derstandard.at",
    "lemonde.fr", "france24.com", "euronews.com", "kyivindependent.com", "meduza.io",
    "themoscowtimes.com", "rferl.org", "eurasianet.org", "scmp.com", "japantimes.co.jp",
    "thehindu.com", "dawn.com", "haaretz.com", "tass.com", "bloomberg.com", "cnn.com",
    "foreignpolicy.com", "novayagazeta.eu")
SOURCES = ("Reuters", "ISW", "Bild", "Prawda", "TASS", "Sky News", "AP", "Bloomberg",
           "the Pentagon", "Ukrainian intelligence", "Kremlin spokesman", "Interfax")

# Evidence templates: subject and object names are spliced around the middle part.
PHRASES = {
    "MEMBER_OF": ("is a member of", "is not a member of"),
    "LEFT": ("left", "did not leave"),
    "OBSERVER_OF": ("holds observer status in", "holds no observer status in"),
    "ALIGN": ("moved closer to", "did not move closer to"),
    "DISTANCE": ("distanced itself from", "did not distance itself from"),
    "MEET": ("met", "did not meet"),
    "COOPERATE_MILITARY": ("held joint drills with", "held no joint drills with"),
    "COOPERATE_ECONOMIC": ("signed a trade deal with", "signed no trade deal with"),
    "SUPPORT": ("supports", "does not support"),
    "REQUEST_AID": ("asked for help from", "did not ask for help from"),
    "DEPLOY_FORCES": ("sent troops to", "sent no troops to"),
    "SUPPLY": ("supplied {goods} to", "supplied no {goods} to"),
    "GUARANTEE": ("pledged to defend", "refused to defend"),
    "DEPEND_ON": ("depends on", "does not depend on"),
    "CRITICIZE": ("condemned", "did not condemn"),
    "THREATEN": ("threatened", "did not threaten"),
    "CONFLICT": ("is at war with", "is not at war with"),
    "SANCTION": ("imposed sanctions on", "lifted no sanctions on"),
    "RECOGNIZE": ("recognised", "refused to recognise"),
}


@dataclass
class BuildInfo:
    url: str
    path: str | None            # the SQLite file, None on PostgreSQL
    n_claims: int
    seed: int
    key: str                    # sha256 of what the store depends on (see module doc)
    key_parts: dict
    built: bool                 # False: taken from the cache
    build_seconds: float | None          # inserts (generation included)
    rebuild_seconds: float | None        # blocwatch.store.facts.rebuild, None if absent
    n_documents: int = 0
    n_mentions: int = 0
    file_bytes: int | None = None
    extra: dict = field(default_factory=dict)


# --- what the store depends on ---------------------------------------------------------------

def key_parts(n_claims: int, seed: int) -> dict:
    """Everything a cached store depends on; its hash is the cache key."""
    parts = {"generator_version": GENERATOR_VERSION, "n_claims": n_claims, "seed": seed}
    for name in ("blocwatch.store.schema", "blocwatch.store.facts", "blocwatch.store.ingest"):
        data = Path(importlib.import_module(name).__file__).read_bytes()
        parts[name] = hashlib.sha256(data).hexdigest()[:16]
    parts["generator"] = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return parts


def cache_key(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cached_path(n_claims: int, seed: int, cache_dir: str | os.PathLike | None = None) -> Path:
    parts = key_parts(n_claims, seed)
    directory = Path(cache_dir) if cache_dir else DEFAULT_CACHE
    return directory / f"synthetic_n{n_claims}_seed{seed}_{cache_key(parts)[:12]}.sqlite"


# --- the actors ------------------------------------------------------------------------------

class _Weighted:
    """Draws from a fixed list by weights (bisect on cumulative weights)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


def actor_universe() -> tuple[list[str], list[str], dict[str, list[str]], dict[str, str]]:
    """(actors by rank, blocs, bloc -> members, code -> name) from the registry."""
    from blocwatch.registry import load_registry
    registry = load_registry()
    blocs = sorted(code for code, bloc in registry.blocs.items() if bloc.kind != "treaty")
    members = {code: sorted(registry.blocs[code].members) for code in blocs}
    everyone = set(blocs)
    for bloc in registry.blocs.values():
        everyone |= set(bloc.members)
    ranked = [c for c in HOT if c in everyone]
    ranked += sorted(everyone - set(ranked))
    return ranked, blocs, members, _names(ranked)


def _names(codes: list[str]) -> dict[str, str]:
    """Short English names where the gazetteer or registry knows them, else the code."""
    names = {}
    try:
        from blocwatch.actors.gazetteer import load
        known = load().codes
    except Exception:  # noqa: BLE001 - names are decoration
        known = {}
    for code in codes:
        english = (known.get(code) or {}).get("en") or []
        names[code] = min(english[:2], key=len) if english else code
    return names


# --- the generator ---------------------------------------------------------------------------

class Generator:
    """Documents with their claims and mentions; deterministic for a seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        ranked, blocs, members, self.names = actor_universe()
        self.ranked = ranked
        rank = {code: i for i, code in enumerate(ranked)}
        self.actors = _Weighted(ranked, [1.0 / (i + 1) for i in range(len(ranked))])
        states = [c for c in ranked if c not in blocs]
        self.states = _Weighted(states, [1.0 / (rank[c] + 1) for c in states])
        self.blocs = _Weighted(blocs, [1.0 / (rank[c] + 1) for c in blocs])
        self.members = {b: _Weighted(ms, [1.0 / (rank[c] + 1) for c in ms])
                        for b, ms in members.items() if ms}
        self.relations = _Weighted(RELATION_WEIGHTS, RELATION_WEIGHTS.values())
        self.goods = _Weighted(GOODS_WEIGHTS, GOODS_WEIGHTS.values())
        self.modalities = _Weighted(MODALITY_WEIGHTS, MODALITY_WEIGHTS.values())
        self.years = _Weighted(YEAR_WEIGHTS, YEAR_WEIGHTS.values())
        self.outlets = _Weighted(OUTLETS, [1.0 / (i + 1) ** 0.7 for i in range(len(OUTLETS))])

    # times
    def _day(self, year: int) -> tuple[int, int, int]:
        month = self.rng.randint(1, 12)
        return year, month, self.rng.randint(1, 28)

    def doc_date(self) -> str | None:
        r = self.rng.random()
        if r < 0.03:
            return None
        y, m, d = self._day(self.years.draw(self.rng))
        return f"{y:04d}-{m:02d}" if r < 0.06 else f"{y:04d}-{m:02d}-{d:02d}"

    def claim_time(self, doc_date: str | None) -> str | None:
        r = self.rng.random()
        if r >= 0.35:
            return None                      # the publication date stands in
        year = int(doc_date[:4]) if doc_date else self.years.draw(self.rng)
        year = max(2013, year - self.rng.choice((0, 0, 0, 1, 1, 2)))
        y, m, d = self._day(year)
        if r < 0.10:
            return f"{y:04d}-{m:02d}-{d:02d}"
        if r < 0.24:
            return f"{y:04d}-{m:02d}"
        return f"{y:04d}"

    # actors
    def pair(self, relation: str, focus: list[str]) -> tuple[str, str]:
        rng = self.rng
        if relation in MEMBERSHIP:
            bloc = self.blocs.draw(rng)
            if bloc in self.members and rng.random() < 0.8:
                subject = self.members[bloc].draw(rng)
            else:
                subject = self.states.draw(rng)
            return subject, bloc
        while True:
            if rng.random() < 0.75:
                subject, object_ = rng.sample(focus, 2)
            else:
                subject, object_ = self.actors.draw(rng), self.actors.draw(rng)
            if subject != object_:
                return subject, object_

    def document(self, index: int, n_claims: int):
        """One Extraction (blocwatch.model) of `n_claims` claims."""
        from blocwatch.model import Claim, Document, Extraction, Mention
        rng = self.rng
        date = self.doc_date()
        outlet = self.outlet()
        focus: list[str] = []
        while len(focus) < 4:
            code = self.actors.draw(rng)
            if code not in focus:
                focus.append(code)
        header = f"Synthetic report {self.seed}-{index}."
        parts, offset = [header], len(header)
        claims, mentions = [], []
        for _ in range(n_claims):
            relation = self.relations.draw(rng)
            subject, object_ = self.pair(relation, focus)
            polarity = "neg" if rng.random() < 0.12 else "pos"
            modality = self.modalities.draw(rng)
            source = None
            if (modality == "reported" and rng.random() < 0.6) or rng.random() < 0.03:
                source = SOURCES[int(rng.random() ** 2 * len(SOURCES))]
            goods: list[str] = []
            if relation == "SUPPLY" and rng.random() < 0.9:
                goods = [self.goods.draw(rng)]
                if rng.random() < 0.25:
                    extra = self.goods.draw(rng)
                    if extra not in goods:
                        goods.append(extra)
            middle = PHRASES[relation][polarity == "neg"]
            if "{goods}" in middle:
                middle = middle.format(goods=" and ".join(g.replace("_", " ") for g in goods)
                                       or "goods")
            prefix = {"asserted": "", "possible": "Possibly, ",
                      "reported": f"{source} says " if source else "Reportedly, "}[modality]
            s_name, o_name = self.names[subject], self.names[object_]
            sentence = f"{prefix}{s_name} {middle} {o_name}."
            start = offset + 1                      # one space between sentences
            s_at = start + len(prefix)
            o_at = s_at + len(s_name) + 1 + len(middle) + 1
            mentions.append(Mention(s_at, s_at + len(s_name), s_name, subject))
            mentions.append(Mention(o_at, o_at + len(o_name), o_name, object_))
            claims.append(Claim(subject=subject, relation=relation, object=object_,
                                polarity=polarity, modality=modality,
                                time=self.claim_time(date), source=source, goods=goods,
                                evidence=sentence, start=start, end=start + len(sentence),
                                cue=middle.split(" ")[0]))
            parts.append(sentence)
            offset = start + len(sentence)
        text = " ".join(parts)
        doc = Document(doc_id=f"synthetic-{self.seed}-{index:07d}", text=text,
                       title=f"{self.names[focus[0]]} and {self.names[focus[1]]}",
                       url=f"https://{outlet}/synthetic/{self.seed}/{index}" if outlet else None,
                       outlet=outlet, date=date, language="en", path=None)
        actors = sorted({m.code for m in mentions})
        return Extraction(document=doc, mentions=mentions, claims=claims, actors=actors)

    def outlet(self) -> str | None:
        return None if self.rng.random() < 0.02 else self.outlets.draw(self.rng)

    def claims_per_document(self) -> int:
        return min(25, max(1, round(self.rng.gauss(10, 4))))

    def documents(self, n_claims: int):
        """Extractions holding exactly n_claims claims in all."""
        left, index = n_claims, 0
        while left > 0:
            k = min(left, self.claims_per_document())
            index += 1
            yield self.document(index, k)
            left -= k


# --- writing ---------------------------------------------------------------------------------

def _insert_all(engine, n_claims: int, seed: int, progress: bool) -> tuple[int, int]:
    """Generate and insert; returns (documents, mentions)."""
    from sqlalchemy import insert
    from blocwatch.store.ingest import _claim_rows, _document_values, _mention_rows
    from blocwatch.store.schema import claims, documents, mentions

    generator = Generator(seed)
    n_docs = n_mentions = done = 0
    doc_rows, mention_rows, claim_rows = [], [], []
    started = time.perf_counter()

    def flush():
        if not doc_rows:
            return
        with engine.begin() as conn:
            conn.execute(insert(documents), doc_rows)
            conn.execute(insert(mentions), mention_rows)
            conn.execute(insert(claims), claim_rows)
        doc_rows.clear()
        mention_rows.clear()
        claim_rows.clear()

    for extraction in generator.documents(n_claims):
        n_docs += 1
        values = _document_values(extraction.document, EXTRACTOR_VERSION,
                                  len(extraction.mentions), len(extraction.claims))
        values["id"] = n_docs
        doc_rows.append(values)
        mention_rows.extend(_mention_rows(n_docs, extraction))
        claim_rows.extend(_claim_rows(n_docs, extraction))
        n_mentions += len(extraction.mentions)
        if len(claim_rows) >= CHUNK_CLAIMS:
            step = (done + len(claim_rows)) * 10 // n_claims > done * 10 // n_claims
            done += len(claim_rows)
            flush()
            if progress and step:
                rate = done / (time.perf_counter() - started)
                print(f"\r  {done:,}/{n_claims:,} claims ({rate:,.0f}/s)", end="",
                      file=sys.stderr, flush=True)
    flush()
    if progress:
        print(file=sys.stderr)
    return n_docs, n_mentions


def _rebuild_facts(engine) -> float | None:
    from blocwatch.store import facts
    rebuild = getattr(facts, "rebuild", None)
    if rebuild is None:
        return None
    started = time.perf_counter()
    with engine.begin() as conn:
        rebuild(conn)
    return time.perf_counter() - started


def _write_marker(engine, info: BuildInfo) -> None:
    from sqlalchemy import delete, insert
    from blocwatch.store.schema import store_meta
    with engine.begin() as conn:
        conn.execute(delete(store_meta).where(store_meta.c.key == META_KEY))
        conn.execute(insert(store_meta).values(key=META_KEY, value=json.dumps(asdict(info))))


def _read_marker(engine) -> dict | None:
    from sqlalchemy import select
    from blocwatch.store.schema import store_meta
    with engine.connect() as conn:
        value = conn.execute(select(store_meta.c.value)
                             .where(store_meta.c.key == META_KEY)).scalar()
    return json.loads(value) if value else None


def _is_empty(engine) -> bool:
    from sqlalchemy import func, select
    from blocwatch.store.schema import documents
    with engine.connect() as conn:
        return not conn.execute(select(func.count()).select_from(documents)).scalar()


def _fill(engine, url: str, path: Path | None, n_claims: int, seed: int, parts: dict,
          key: str, progress: bool) -> BuildInfo:
    from sqlalchemy import text
    started = time.perf_counter()
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:            # per connection; the pool keeps one
            conn.exec_driver_sql("PRAGMA cache_size=-262144")   # 256 MiB for the indexes
            conn.commit()
    n_docs, n_mentions = _insert_all(engine, n_claims, seed, progress)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:              # ids were given explicitly
            conn.execute(text("SELECT setval(pg_get_serial_sequence('documents', 'id'), "
                              "(SELECT max(id) FROM documents))"))
    build_seconds = time.perf_counter() - started
    if progress:
        print(f"  inserted in {build_seconds:.1f} s; facts.rebuild ...", file=sys.stderr)
    rebuild_seconds = _rebuild_facts(engine)
    info = BuildInfo(url=url, path=str(path) if path else None, n_claims=n_claims, seed=seed,
                     key=key, key_parts=parts, built=True,
                     build_seconds=round(build_seconds, 2),
                     rebuild_seconds=round(rebuild_seconds, 2)
                     if rebuild_seconds is not None else None,
                     n_documents=n_docs, n_mentions=n_mentions)
    _write_marker(engine, info)
    return info


def build(url: str | None, n_claims: int, seed: int = 1, *,
          cache_dir: str | os.PathLike | None = None, replace: bool = False,
          progress: bool = False) -> BuildInfo:
    """A store of `n_claims` synthetic claims; built only if not already there.

    `url` None: a cached SQLite file in `cache_dir` (default bench/results/stores/).
    A URL or file path: build there; a store already holding this build is reused, one
    holding anything else is refused unless `replace`.
    """
    from blocwatch.store import create_store_engine, resolve_url
    from blocwatch.store.schema import metadata
    from sqlalchemy.engine import make_url

    parts = key_parts(n_claims, seed)
    key = cache_key(parts)
    if url is None:
        path = cached_path(n_claims, seed, cache_dir)
        url = "sqlite:///" + str(path)
    url = resolve_url(url)
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    path = Path(parsed.database) if sqlite and parsed.database else None

    if sqlite and path is not None:
        if path.exists():
            engine = create_store_engine(url)
            try:
                marker = _read_marker(engine)
                if marker and marker.get("key") == key:
                    return _cached(marker, path)
                if not replace:
                    raise ValueError(f"{path} holds another store; pass replace=True "
                                     f"(--replace) to overwrite it")
            finally:
                engine.dispose()
            path.unlink()
        building = path.with_name(path.name + ".building")
        for leftover in (building, Path(str(building) + "-wal"), Path(str(building) + "-shm")):
            leftover.unlink(missing_ok=True)
        engine = create_store_engine("sqlite:///" + str(building))
        try:
            info = _fill(engine, url, path, n_claims, seed, parts, key, progress)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.commit()
        finally:
            engine.dispose()
        os.replace(building, path)
        for suffix in ("-wal", "-shm"):
            Path(str(building) + suffix).unlink(missing_ok=True)
        info.file_bytes = path.stat().st_size
        Path(str(path) + ".json").write_text(json.dumps(asdict(info), indent=1))
        return info

    engine = create_store_engine(url)
    try:
        marker = _read_marker(engine)
        if marker and marker.get("key") == key:
            return _cached(marker, None)
        if not _is_empty(engine) or marker:
            if not replace:
                raise ValueError("the store at the URL is not empty; pass replace=True "
                                 "(--replace) to drop and recreate its tables")
            metadata.drop_all(engine)
            engine.dispose()
            engine = create_store_engine(url)
        return _fill(engine, url, None, n_claims, seed, parts, key, progress)
    finally:
        engine.dispose()


def _cached(marker: dict, path: Path | None) -> BuildInfo:
    known = {k: v for k, v in marker.items() if k in BuildInfo.__dataclass_fields__}
    info = BuildInfo(**known)
    info.built = False
    if path is not None:
        info.file_bytes = path.stat().st_size
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_claims", type=int, nargs="+")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", metavar="URL", default=None,
                        help="build into this store (default: a cached SQLite file)")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("--replace", action="store_true")
    args = parser.parse_args(argv)
    for n in args.n_claims:
        info = build(args.db, n, args.seed, cache_dir=args.cache_dir, replace=args.replace,
                     progress=True)
        state = "built" if info.built else "cached"
        print(f"{n:>9,} claims  {state:6}  {info.n_documents:,} documents  "
              f"{info.n_mentions:,} mentions  insert {info.build_seconds} s  "
              f"facts.rebuild {info.rebuild_seconds} s  {info.path or info.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
