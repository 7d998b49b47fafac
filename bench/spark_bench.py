"""spark-extract and load against the one-machine commands. Prints figures; not a test.

    python bench/spark_bench.py                  # bench/corpus.py's 2,000 articles
    python bench/spark_bench.py --n 300          # a smaller synthetic corpus
    BLOCWATCH_BENCH_PG=postgresql+psycopg://... python bench/spark_bench.py

Needs the spark extra (pyspark, pyarrow) and Java. Writes bench/results/spark.json.

What it runs, each as the real command in a subprocess on the synthetic corpus:

- ``blocwatch spark-extract DIR --out OUT --master local[1]`` and ``local[2]``:
  articles/s over the job's own seconds (reading, extraction in mapInArrow, writing the
  Parquet; the report's ``seconds``), and over the wall time of the command (which adds
  the JVM's start, ~5-10 s). Speed-up = local[2] / local[1] on the job's seconds.
- ``blocwatch extract DIR --format jsonl --jobs 2`` (output discarded) and
  ``blocwatch ingest DIR --jobs 2`` into SQLite: articles/s over the wall time (extract)
  and over the batch seconds that ingest reports.
- ``blocwatch load OUT`` into a fresh SQLite store and a fresh PostgreSQL schema (COPY):
  rows/s = (documents + mentions + claims) / the seconds load reports (facts included).
  Beside it, per-document ingest of the same corpus with one job (one transaction per
  document, the way ingest writes), rows/s over its batch seconds, which include
  extraction, so also "ingest writing only": the same ingest with the extractor replaced
  by a look-up of extractions made beforehand, i.e. the hash look-up, the writes and the
  facts of each document's transaction.

On paper: the per-core rate (local[1]) gives the cores needed to extract 1 million
articles a day, spread over the day or within an hour; load's PostgreSQL rate, the hours
one database needs to take them in, which is what bounds the system then.

The machine has 2 cores, shared: the load average is recorded, and every figure is of
one run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
# tests/kit/store.py (`kit.store`): private PostgreSQL schemas (see bench/README.md)
if str(BENCH.parent / "tests") not in sys.path:
    sys.path.append(str(BENCH.parent / "tests"))
from ingest_bench import (_run_measured, ingest_once, postgres_base,  # noqa: E402
                          synthetic_corpus)
from machine import code_version, load_average, write_json  # noqa: E402

RESULTS = BENCH / "results" / "spark.json"
DAY = 1_000_000           # articles a day, the target


def _blocwatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "blocwatch.cli", *args]


def spark_once(directory: Path, out: Path, master: str) -> dict:
    code, stdout, err, wall, _usage = _run_measured(
        _blocwatch("spark-extract", str(directory), "--out", str(out), "--master", master))
    if code != 0:
        raise RuntimeError(f"spark-extract --master {master} failed ({code}): {err[-2000:]}")
    report = json.loads(stdout.strip().splitlines()[-1])
    n = report["documents"] + report["errors"] + report["duplicates"]
    return {"master": master, **report, "wall_seconds": round(wall, 2),
            "articles_per_s": n / report["seconds"], "articles_per_s_wall": n / wall}


def extract_jobs(directory: Path, jobs: int) -> dict:
    with open(os.devnull, "wb") as sink:
        code, _out, err, wall, _usage = _run_measured(
            _blocwatch("extract", str(directory), "--format", "jsonl", "--jobs", str(jobs)),
            stdout=sink)
    if code not in (0, 1):
        raise RuntimeError(f"extract --jobs {jobs} failed ({code}): {err[-2000:]}")
    n = len(list(directory.glob("*.txt")))
    return {"jobs": jobs, "wall_seconds": round(wall, 2), "articles_per_s_wall": n / wall}


def load_once(out: Path, url: str) -> dict:
    code, stdout, err, wall, _usage = _run_measured(
        _blocwatch("load", str(out), "--db", url, "--format", "json", "--no-progress"))
    if code != 0:
        raise RuntimeError(f"load failed ({code}): {err[-2000:]}")
    r = json.loads(stdout)
    rows = r["stored"] + r["mentions"] + r["claims"]
    return {"documents": r["stored"], "mentions": r["mentions"], "claims": r["claims"],
            "rows": rows, "seconds": r["seconds"], "wall_seconds": round(wall, 2),
            "rows_per_s": rows / r["seconds"] if r["seconds"] else None}


def _ingest_rows(figures: dict) -> dict:
    rows = figures["stored"] + figures["mentions"] + figures["claims"]
    return {**figures, "rows": rows,
            "rows_per_s": rows / figures["seconds"] if figures["seconds"] else None}


def ingest_writing_only(directory: Path, url: str) -> dict:
    """ingest with one job, the extractor replaced by a look-up of ready extractions."""
    from blocwatch.pipeline import EXTRACTOR_VERSION, extract
    from blocwatch.read import read_paths
    from blocwatch.store import create_store_engine, ingest
    docs = [d for d in read_paths([str(directory)]) if not hasattr(d, "reason")]
    ready = {}
    for doc in docs:
        try:
            ready[doc.hash] = extract(doc)
        except ValueError:
            continue

    def look_up(doc):
        return ready[doc.hash]

    create_store_engine(url).dispose()
    report = ingest([], url, progress=False, extract=look_up,
                    extractor_version=EXTRACTOR_VERSION, read=lambda _paths: docs)
    rows = report.stored + report.mentions + report.claims
    return {"stored": report.stored, "rows": rows, "seconds": round(report.seconds, 2),
            "rows_per_s": rows / report.seconds if report.seconds else None}


def run(n: int = 2000, *, seed: int | None = None, json_path: Path | None = RESULTS,
        quiet: bool = False) -> dict:
    directory = synthetic_corpus(n, seed)
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_start": load_average()},
        "corpus": {"directory": str(directory), "articles": n},
        "code": code_version(),
    }
    base, reason = postgres_base()
    from kit.store import private_postgres
    with tempfile.TemporaryDirectory(prefix="blocwatch-spark-bench-") as tmp:
        tmp = Path(tmp)
        results["spark"] = {m: spark_once(directory, tmp / f"out-{m[6]}", m)
                            for m in ("local[1]", "local[2]")}
        results["extract_jobs_2"] = extract_jobs(directory, 2)
        results["ingest_jobs_2"] = ingest_once(directory, "sqlite:///" + str(tmp / "i2.sqlite"), 2)
        out = tmp / "out-2"
        load_figures = {"sqlite": {
            "load": load_once(out, "sqlite:///" + str(tmp / "load.sqlite")),
            "ingest": _ingest_rows(ingest_once(directory, "sqlite:///" + str(tmp / "i1.sqlite"), 1)),
            "ingest_writing_only": ingest_writing_only(directory,
                                                       "sqlite:///" + str(tmp / "w1.sqlite")),
        }}
        if base is None:
            load_figures["postgresql"] = {"skipped": reason}
        else:
            pg = {}
            with private_postgres(base) as url:
                from blocwatch.store import create_store_engine
                create_store_engine(url).dispose()
                pg["load"] = load_once(out, url)
            with private_postgres(base) as url:
                create_store_engine(url).dispose()
                pg["ingest"] = _ingest_rows(ingest_once(directory, url, 1))
            with private_postgres(base) as url:
                pg["ingest_writing_only"] = ingest_writing_only(directory, url)
            load_figures["postgresql"] = pg
        results["load"] = load_figures
    one, two = results["spark"]["local[1]"], results["spark"]["local[2]"]
    results["speedup_local2_over_local1"] = two["articles_per_s"] / one["articles_per_s"]
    results["paper"] = on_paper(one["articles_per_s"], results["load"])
    results["machine"]["loadavg_end"] = load_average()
    if not quiet:
        print_table(results)
    write_json(results, json_path, quiet)
    return results


def on_paper(per_core: float, load: dict) -> dict:
    """Cores to extract DAY articles, and how long one database takes to load them."""
    paper = {"articles_a_day": DAY, "per_core_articles_per_s": per_core,
             "cores_over_24h": DAY / (per_core * 86_400),
             "cores_within_1h": DAY / (per_core * 3_600)}
    pg = load.get("postgresql", {}).get("load") or load["sqlite"]["load"]
    rows_per_article = pg["rows"] / pg["documents"] if pg["documents"] else 0
    paper["database"] = "postgresql" if "load" in load.get("postgresql", {}) else "sqlite"
    paper["rows_per_article"] = rows_per_article
    paper["load_articles_per_s"] = pg["rows_per_s"] / rows_per_article if rows_per_article else None
    if paper["load_articles_per_s"]:
        paper["load_hours_for_a_day"] = DAY / paper["load_articles_per_s"] / 3600
        # beyond this many cores the database, not extraction, bounds the day's work
        paper["cores_the_database_keeps_up_with"] = paper["load_articles_per_s"] / per_core
    return paper


def print_table(r: dict) -> None:
    m, v = r["machine"], r["code"]
    print(f"code     commit {v['commit']}{' + uncommitted changes in src/' if v['src_modified'] else ''}; "
          f"Python {m['python']}, {m['cpus']} CPUs; load {m['loadavg_start'] and m['loadavg_start'][0]} "
          f"at start, {m['loadavg_end'] and m['loadavg_end'][0]} at end")
    print(f"corpus   {r['corpus']['articles']} synthetic articles ({r['corpus']['directory']})\n")
    print(f"{'extraction':<34} {'articles/s':>10} {'seconds':>8} {'wall s':>7} {'art/s wall':>10}")
    print("-" * 74)
    for master, f in r["spark"].items():
        print(f"{'spark-extract --master ' + master:<34} {f['articles_per_s']:>10.1f} "
              f"{f['seconds']:>8.1f} {f['wall_seconds']:>7.1f} {f['articles_per_s_wall']:>10.1f}")
    e = r["extract_jobs_2"]
    print(f"{'extract --jobs 2':<34} {'':>10} {'':>8} {e['wall_seconds']:>7.1f} "
          f"{e['articles_per_s_wall']:>10.1f}")
    i = r["ingest_jobs_2"]
    print(f"{'ingest --jobs 2 (SQLite)':<34} {i['documents_per_s']:>10.1f} {i['seconds']:>8.1f} "
          f"{i['wall_seconds']:>7.1f} {i['stored'] / i['wall_seconds']:>10.1f}")
    print(f"speed-up local[2] / local[1]: {r['speedup_local2_over_local1']:.2f}x "
          "(articles/s over the job's seconds: reading, extraction, writing Parquet; wall adds "
          "the JVM's start)\n")
    print(f"{'writing into the store':<40} {'rows':>7} {'seconds':>8} {'rows/s':>9} {'x ingest':>9}")
    print("-" * 78)
    for backend, figures in r["load"].items():
        if "skipped" in figures:
            print(f"{backend:<40} skipped: {figures['skipped']}")
            continue
        base = figures["ingest_writing_only"]["rows_per_s"]
        for what, label in (("load", "load (COPY)" if backend == "postgresql" else "load"),
                            ("ingest", "ingest, 1 job"),
                            ("ingest_writing_only", "ingest, 1 job, writing only")):
            f = figures[what]
            print(f"{backend + ': ' + label:<40} {f['rows']:>7} {f['seconds']:>8.2f} "
                  f"{f['rows_per_s']:>9.0f} {f['rows_per_s'] / base:>9.1f}")
    p = r["paper"]
    print(f"\non paper, {p['articles_a_day']:,} articles a day at {p['per_core_articles_per_s']:.0f} "
          f"articles/s per core (local[1]):")
    print(f"  extraction: {p['cores_over_24h']:.1f} cores spread over the day, "
          f"{p['cores_within_1h']:.0f} cores to do a day's articles within an hour")
    if p.get("load_articles_per_s"):
        print(f"  {p['database']} load: {p['rows_per_article']:.1f} rows/article, "
              f"{p['load_articles_per_s']:.0f} articles/s -> {p['load_hours_for_a_day']:.1f} h "
              f"for a day's articles; it keeps up with about "
              f"{p['cores_the_database_keeps_up_with']:.0f} extracting cores, beyond which one "
              "database bounds the system")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="synthetic articles (default 2000)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    run(args.n, seed=args.seed, json_path=args.json)
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
