"""Time to bring the stored facts up to date after ingesting bench/corpus.py's 2,000
articles, on SQLite and PostgreSQL, for this checkout and for an older one, on the same
store. Prints figures; not a test.

    python bench/facts_bench.py                      # 2,000 articles; before = main
    python bench/facts_bench.py --n 300 --before HEAD~5
    BLOCWATCH_BENCH_PG=postgresql+psycopg://... python bench/facts_bench.py

What it does: generates (or finds cached) the corpus, ingests it once per backend with
this checkout (`blocwatch ingest --jobs 2`, a fresh SQLite file and a PostgreSQL schema of
its own), then, for each code (--before REF, taken with `git archive`, and this checkout),
runs in a child process on that store:

- rebuild: every fact recomputed from the claims (`facts.rebuild`), one transaction;
- batch: the facts emptied, then `record_documents` of all documents in one transaction
  (`blocwatch load`'s batches, at their largest);
- groups of 64: the same in transactions of 64 documents (ingest --jobs, load);
- per document: one transaction per document, `record_document` (ingest --jobs 1);
- recompute per document (this checkout only): `facts.refresh` of each document, which
  deletes and recomputes its facts from all their claims -- the design not taken for new
  documents, for comparison.

Each figure is the time of the facts work alone (the claims are stored already), and
the facts each way ends with are compared with the rebuild's (they must be equal). Then
the two codes' facts are compared column by column: every column but the confidence must
be equal; the confidence differs where claims carry a probability. With every claim's
probability set to NULL (in a transaction rolled back), as a rules-only store, the
confidences must be equal too.

PostgreSQL: the server at $BLOCWATCH_BENCH_PG, else the one .ci/postgres.sh starts; without
one its figures are skipped with the reason.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import io
import tarfile
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
import ingest_bench  # noqa: E402
from machine import load_average  # noqa: E402

GROUP = 64


# ---------------------------------------------------------------- in the child process

def _digest(conn, with_confidence: bool) -> tuple[str, dict]:
    """A digest of every facts row (id aside; confidence when asked), its origins and
    outlets; and the confidences by key."""
    from sqlalchemy import text
    columns = [c for c in ("subject", "relation", "object", "polarity", "n_claims",
                           "n_documents", "n_outlets", "n_asserted", "n_reported",
                           "n_possible", "origins_asserted", "origins_reported",
                           "origins_possible", "day_first", "first_end", "first_label",
                           "first_claim_id", "day_last", "last_start", "last_label",
                           "last_claim_id", "goods", "n_without_goods", "newest_claim_id")]
    if with_confidence:
        columns.append("confidence")
    key = "f.subject, f.relation, f.object, f.polarity"
    rows = sorted(tuple(r) for r in conn.execute(text(f"SELECT {', '.join('f.' + c for c in columns)} FROM facts f")))
    origins = sorted(tuple(r) for r in conn.execute(text(
        f"SELECT {key}, o.origin, o.modality FROM facts f JOIN fact_origins o ON o.fact_id = f.id")))
    outlets = sorted(tuple(r) for r in conn.execute(text(
        f"SELECT {key}, o.outlet FROM facts f JOIN fact_outlets o ON o.fact_id = f.id")))
    confidence = {"|".join(r[:4]): r[4] for r in conn.execute(text(
        f"SELECT {key}, f.confidence FROM facts f"))}
    digest = hashlib.sha256(repr((rows, origins, outlets)).encode()).hexdigest()[:16]
    return digest, confidence


def _empty(conn) -> None:
    from sqlalchemy import text
    for table in ("fact_origins", "fact_outlets", "facts"):
        conn.execute(text(f"DELETE FROM {table}"))


def measure(url: str) -> dict:
    from sqlalchemy import text
    from blocwatch.store import create_store_engine
    from blocwatch.store import facts as facts_module
    engine = create_store_engine(url)
    with engine.connect() as conn:
        ids = list(conn.execute(text("SELECT id FROM documents ORDER BY id")).scalars())
        n_claims = conn.execute(text("SELECT COUNT(*) FROM claims")).scalar()
    out = {"documents": len(ids), "claims": n_claims, "code": facts_module.__file__}

    def timed(label, work):
        with engine.begin() as conn:
            _empty(conn)
        t0 = time.perf_counter()
        work()
        out[label] = time.perf_counter() - t0
        with engine.connect() as conn:
            out[label + "_digest"] = _digest(conn, True)[0]

    def rebuild():
        with engine.begin() as conn:
            facts_module.rebuild(conn)

    def batch():
        with engine.begin() as conn:
            facts_module.record_documents(conn, ids)

    def groups():
        for i in range(0, len(ids), GROUP):
            with engine.begin() as conn:
                facts_module.record_documents(conn, ids[i:i + GROUP])

    def each():
        for i in ids:
            with engine.begin() as conn:
                facts_module.record_document(conn, i)

    timed("per_document", each)
    timed("groups", groups)
    timed("batch", batch)
    timed("rebuild", rebuild)
    if hasattr(facts_module, "refresh"):
        # the alternative not taken for new documents: recompute every touched fact from
        # all its claims, one document at a time (the facts are complete already)
        t0 = time.perf_counter()
        for i in ids:
            with engine.begin() as conn:
                facts_module.refresh(conn, [i])
        out["recompute_per_document"] = time.perf_counter() - t0
    with engine.connect() as conn:
        out["n_facts"] = conn.execute(text("SELECT COUNT(*) FROM facts")).scalar()
        out["digest"], out["confidence"] = _digest(conn, False)
    with engine.connect() as conn:        # as a rules-only store: rolled back
        transaction = conn.begin()
        conn.execute(text("UPDATE claims SET confidence = NULL"))
        facts_module.rebuild(conn)
        out["digest_rules_only"] = _digest(conn, True)[0]
        transaction.rollback()
    engine.dispose()
    return out


# ---------------------------------------------------------------- in the parent

def _old_source(ref: str, into: Path) -> Path:
    """src/ of git `ref`, unpacked under `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _measure_with(src: Path, url: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(src), str(BENCH)])
    env.pop("BLOCWATCH_DB", None)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", url],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"measuring with {src} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout)


def _compare(before: dict, after: dict) -> dict:
    changed = [k for k, v in after["confidence"].items() if before["confidence"].get(k) != v]
    higher = sum(after["confidence"][k] > before["confidence"].get(k, 2) for k in changed)
    return {"facts": after["n_facts"],
            "equal_but_confidence": before["digest"] == after["digest"],
            "confidence_changed": len(changed), "confidence_higher": higher,
            "equal_rules_only": before["digest_rules_only"] == after["digest_rules_only"],
            "after_ways_agree": len({after[k + "_digest"] for k in
                                     ("per_document", "groups", "batch", "rebuild")}) == 1,
            "before_ways_agree": len({before[k + "_digest"] for k in
                                      ("per_document", "groups", "batch", "rebuild")}) == 1}


def _backend(name: str, url: str, directory: Path, old_src: Path) -> dict:
    ingested = ingest_bench.ingest_once(directory, url, 2)
    before = _measure_with(old_src, url)
    after = _measure_with(ROOT / "src", url)
    return {"ingest": {k: ingested[k] for k in ("stored", "claims", "seconds")},
            "before": {k: v for k, v in before.items() if k != "confidence"},
            "after": {k: v for k, v in after.items() if k != "confidence"},
            "compare": _compare(before, after)}


def _print(results: dict, before_ref: str) -> None:
    print(f"facts refresh after ingesting {results['articles']} articles "
          f"(before = {before_ref}, after = this checkout; seconds of facts work)")
    print(f"{'backend':<11} {'way':<22} {'before s':>9} {'after s':>9} {'after/before':>12}")
    for backend in ("sqlite", "postgresql"):
        got = results.get(backend)
        if got is None:
            continue
        if "skipped" in got:
            print(f"{backend:<11} skipped: {got['skipped']}")
            continue
        n = got["after"]["documents"]
        for way, label in (("rebuild", "rebuild (all)"), ("batch", f"batch ({n} docs)"),
                           ("groups", f"groups of {GROUP}"), ("per_document", "per document")):
            b, a = got["before"][way], got["after"][way]
            print(f"{backend:<11} {label:<22} {b:>9.2f} {a:>9.2f} {a / b:>11.2f}x")
        pb, pa = got["before"]["per_document"], got["after"]["per_document"]
        print(f"{backend:<11} {'  ms per document':<22} {1000 * pb / n:>9.2f} {1000 * pa / n:>9.2f}")
        if "recompute_per_document" in got["after"]:
            r = got["after"]["recompute_per_document"]
            print(f"{backend:<11} {'recompute per document':<22} {'':>9} {r:>9.2f} "
                  f"{r / pb:>11.2f}x   (the design not taken)")
        c = got["compare"]
        print(f"{backend:<11} {got['after']['claims']} claims, {c['facts']} facts; equal but "
              f"confidence: {c['equal_but_confidence']}; confidence changed on "
              f"{c['confidence_changed']} ({c['confidence_higher']} higher); rules-only "
              f"equal incl. confidence: {c['equal_rules_only']}; every way equals the "
              f"rebuild: before {c['before_ways_agree']}, after {c['after_ways_agree']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--before", default="main", help="git ref of the older code")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "facts.json")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    directory = ingest_bench.synthetic_corpus(args.n)
    results: dict = {"articles": args.n, "before": args.before, "cpus": os.cpu_count(),
                     "loadavg_start": load_average()}
    with tempfile.TemporaryDirectory(prefix="blocwatch-facts-bench-") as tmp:
        old_src = _old_source(args.before, Path(tmp))
        backends = args.backends.split(",")
        if "sqlite" in backends:
            url = "sqlite:///" + str(Path(tmp) / "store.sqlite")
            results["sqlite"] = _backend("sqlite", url, directory, old_src)
        if "postgresql" in backends:
            base, reason = ingest_bench.postgres_base()
            if base is None:
                results["postgresql"] = {"skipped": reason}
            else:
                from blocwatch.store import create_store_engine
                from kit.store import private_postgres
                with private_postgres(base) as url:
                    create_store_engine(url).dispose()
                    results["postgresql"] = _backend("postgresql", url, directory, old_src)
    results["loadavg_end"] = load_average()
    _print(results, args.before)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
