"""spark-extract and load against the one-machine commands. Prints figures; not a test.

    python bench/spark_bench.py                  # bench/corpus.py's 2,000 articles
    python bench/spark_bench.py --n 300          # a smaller synthetic corpus
    BLOCWATCH_BENCH_PG=postgresql+psycopg://... python bench/spark_bench.py

Needs the spark extra (pyspark, pyarrow) and Java. Writes bench/results/spark.json.

What it runs, each as the real command in a subprocess on the synthetic corpus:

- spark-extract with ``local[1]`` and ``local[2]``, each in a subprocess of its own
  (``spark_bench.py --steady MASTER DIR OUT``) that times three things apart: the
  session's start (the JVM), a warm-up job on WARM_UP articles (Python workers start and
  load the gazetteer, lexicons and model; the JVM compiles its hot code), and then the
  job on the whole corpus, which is the steady state a long-running cluster sees and
  the rate that is reported: articles/s = articles / that job's seconds (reading,
  extraction in mapInArrow, writing the Parquet). Speed-up = local[2] / local[1] on it.
  Beside it the CPU seconds of the JVM and of the Python workers during that job, and
  the share of the machine's cores they got (a shared machine gives less than 100%).
  The wall time of the whole command (start and warm-up included) is printed too.
  ``local[1]`` runs one Python worker, but its JVM can use the second core; so it is
  run once more pinned to one CPU (sched_setaffinity, inherited by the JVM and the
  workers): the rate of one core, and the second speed-up, one core to two.
  ``--repeat N`` runs each N times, alternating, and keeps the fastest.
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

On paper: the per-core rate (the lower of local[1] on one CPU and local[2] over its two,
JVM included) gives the cores needed to extract 1 million articles a day, spread over the day or within an hour; load's PostgreSQL rate, the hours
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


WARM_UP = 40              # articles of the warm-up job (not timed into the rate)
# local[1] runs one Python worker, but its JVM (reading, Arrow, shuffle, Parquet) is free
# to use a second core; pinned to one CPU it is the rate of one core, JVM included
PINNED = "local[1] on 1 CPU"


def _tree_cpu() -> dict[str, float]:
    """CPU seconds of this process's descendants (the JVM, the Python workers) by name."""
    tick = os.sysconf("SC_CLK_TCK")
    procs = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        rest = text[text.rindex(")") + 2:].split()
        procs[int(text.split()[0])] = (int(rest[1]), text[text.index("(") + 1:text.rindex(")")],
                                       (int(rest[11]) + int(rest[12])) / tick)
    found: dict[str, float] = {}
    todo = [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, (ppid, name, cpu) in procs.items():
            if ppid == parent:
                key = "jvm" if name == "java" else "python" if name.startswith("python") else name
                found[key] = found.get(key, 0.0) + cpu
                todo.append(pid)
    return found


def steady(master: str, directory: Path, out: Path, pin: int = 0) -> dict:
    """In this process: session, warm-up job, then the timed job (see the module doc).
    `pin` > 0: this process, the JVM and the Python workers on that many CPUs only."""
    import shutil
    from blocwatch.spark import session, spark_extract
    if pin:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:pin])   # inherited
    t0 = time.perf_counter()
    spark = session(master, app="blocwatch spark bench")
    started = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="blocwatch-spark-warm-") as warm:
        for path in sorted(directory.glob("*.txt"))[:WARM_UP]:
            shutil.copy(path, warm)
        t0 = time.perf_counter()
        spark_extract([warm], str(Path(warm) / "out"), spark=spark)
        warm_up = time.perf_counter() - t0
    before, load_before = _tree_cpu(), load_average()
    report = spark_extract([str(directory)], str(out), spark=spark)
    after = _tree_cpu()
    spark.stop()
    cpu = {k: round(after.get(k, 0.0) - before.get(k, 0.0), 1) for k in ("jvm", "python")}
    n = report.documents + report.errors + report.duplicates
    cores = int(master[6:-1]) if master[6:-1].isdigit() else os.cpu_count()
    usable = len(os.sched_getaffinity(0))
    return {"master": master, "cpus": usable, **report.to_dict(), "articles": n,
            "session_seconds": round(started, 2), "warm_up_seconds": round(warm_up, 2),
            "articles_per_s": n / report.seconds, "cpu_seconds": cpu,
            # of the cores the job may use (local[N]: N, plus the JVM's share when N is
            # below the machine's), how much it got; under 1 on a shared machine
            "cpu_share": (sum(cpu.values()) / report.seconds
                          / min(cores + 1, usable)),
            "loadavg": [load_before, load_average()]}


def ceiling(f: dict) -> float:
    """articles/s the run would reach with its CPUs to itself, from its CPU seconds: the
    Python workers (local[N]: N of them) and the JVM together fill at most the usable
    CPUs, and N workers take at least python / N seconds. On a shared machine the
    measured rate is lower (cpu share); this figure is not, so it compares runs fairly."""
    workers = int(f["master"][6:-1]) if f["master"][6:-1].isdigit() else f["cpus"]
    cpu = f["cpu_seconds"]
    bound = max(cpu["python"] / workers, (cpu["python"] + cpu["jvm"]) / f["cpus"])
    return f["articles"] / bound if bound else 0.0


def with_ceilings(results: dict) -> dict:
    spark = results["spark"]
    for f in spark.values():
        f["ceiling_articles_per_s"] = ceiling(f)
    two = spark["local[2]"]["ceiling_articles_per_s"]
    results["ceiling_speedup_local2_over_local1"] = (
        two / spark["local[1]"]["ceiling_articles_per_s"])
    results["ceiling_speedup_local2_over_one_cpu"] = two / spark[PINNED]["ceiling_articles_per_s"]
    return results


def spark_once(directory: Path, out: Path, master: str, pin: int = 0) -> dict:
    code, stdout, err, wall, _usage = _run_measured(
        [sys.executable, str(Path(__file__).resolve()), "--steady", master, str(directory),
         str(out), "--pin", str(pin)])
    if code != 0:
        raise RuntimeError(f"spark-extract --master {master} failed ({code}): {err[-2000:]}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    return {**figures, "wall_seconds": round(wall, 2),
            "articles_per_s_wall": figures["articles"] / wall}


def spark_runs(directory: Path, tmp: Path, repeat: int) -> dict:
    """Each master `repeat` times, alternating; the fastest run of each, all rates kept."""
    runs: dict[str, list[dict]] = {"local[1]": [], PINNED: [], "local[2]": []}
    for i in range(repeat):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for name in order:
            master, pin = ("local[1]", 1) if name == PINNED else (name, 0)
            runs[name].append(spark_once(directory, tmp / f"out-{master[6]}", master, pin))
    best = {}
    for master, done in runs.items():
        best[master] = max(done, key=lambda f: f["articles_per_s"])
        best[master]["all_articles_per_s"] = [round(f["articles_per_s"], 1) for f in done]
    return best


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
        quiet: bool = False, repeat: int = 1) -> dict:
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
        results["spark"] = spark_runs(directory, tmp, repeat)
        results["extract_jobs_2"] = extract_jobs(directory, 2)
        results["ingest_jobs_2"] = ingest_once(directory, "sqlite:///" + str(tmp / "i2.sqlite"), 2)
        out = tmp / "out-2"
        load_figures = {"sqlite": {
            "load": load_once(out, "sqlite:///" + str(tmp / "load.sqlite")),
            "ingest": _ingest_rows(ingest_once(directory, "sqlite:///" + str(tmp / "i1.sqlite"),
                                               1)),
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
    results["speedup_local2_over_one_cpu"] = (two["articles_per_s"]
                                              / results["spark"][PINNED]["articles_per_s"])
    with_ceilings(results)
    # per core, the JVM's CPU included: local[1] unpinned has the JVM on the second core
    # for free, so its rate overstates one core
    results["paper"] = on_paper(min(results["spark"][PINNED]["articles_per_s"],
                                    two["articles_per_s"] / 2), results["load"])
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
    print(f"{'extraction':<32} {'articles/s':>10} {'seconds':>8} {'cpu s jvm+py':>13} "
          f"{'cpu share':>9} {'ceiling':>8} {'wall s':>7} {'art/s wall':>10}")
    print("-" * 105)
    for master, f in r["spark"].items():
        cpu = f["cpu_seconds"]
        print(f"{'spark-extract ' + master:<32} {f['articles_per_s']:>10.1f} "
              f"{f['seconds']:>8.1f} {cpu['jvm']:>6.1f}+{cpu['python']:<6.1f} "
              f"{100 * f['cpu_share']:>8.0f}% {f['ceiling_articles_per_s']:>8.1f} "
              f"{f['wall_seconds']:>7.1f} {f['articles_per_s_wall']:>10.1f}")
    e = r["extract_jobs_2"]
    print(f"{'extract --jobs 2':<32} {'':>10} {'':>8} {'':>13} {'':>9} {'':>8} "
          f"{e['wall_seconds']:>7.1f} {e['articles_per_s_wall']:>10.1f}")
    i = r["ingest_jobs_2"]
    print(f"{'ingest --jobs 2 (SQLite)':<32} {i['documents_per_s']:>10.1f} {i['seconds']:>8.1f} "
          f"{'':>13} {'':>9} {'':>8} {i['wall_seconds']:>7.1f} "
          f"{i['stored'] / i['wall_seconds']:>10.1f}")
    one, two = r["spark"]["local[1]"], r["spark"]["local[2]"]
    print(f"speed-up local[2] / local[1]: {r['speedup_local2_over_local1']:.2f}x in the steady "
          "state: articles/s over the seconds of the job on the whole corpus (reading, "
          "extraction, writing Parquet), measured after the session started and a warm-up "
          f"job of {WARM_UP} articles (Python workers and their model loaded, the JVM's code "
          "compiled); not counted: session start "
          f"{one['session_seconds']:.1f} s / {two['session_seconds']:.1f} s, warm-up "
          f"{one['warm_up_seconds']:.1f} s / {two['warm_up_seconds']:.1f} s (local[1] / "
          "local[2]); 'wall' is the whole command with them. cpu share: CPU the job got of "
          "the cores it may use (below 100% when other processes share the machine)")
    print(f"speed-up local[2] over local[1] pinned to 1 CPU (JVM included): "
          f"{r['speedup_local2_over_one_cpu']:.2f}x (the scaling from one core to two)")
    print(f"from CPU seconds ('ceiling': the rate with the CPUs to itself, which a shared "
          f"machine does not give): local[2] / local[1] "
          f"{r['ceiling_speedup_local2_over_local1']:.2f}x, local[2] / local[1] on 1 CPU "
          f"{r['ceiling_speedup_local2_over_one_cpu']:.2f}x")
    if len(one["all_articles_per_s"]) > 1:
        print("  runs (articles/s; the fastest of each is shown): " + "; ".join(
            f"{name} {f['all_articles_per_s']}" for name, f in r["spark"].items()))
    print()
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
          f"articles/s per core (local[1] on 1 CPU or local[2] / 2, the lower; JVM included):")
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
    ap.add_argument("--repeat", type=int, default=1,
                    help="spark-extract runs per master, alternating; the fastest counts")
    ap.add_argument("--steady", nargs=3, metavar=("MASTER", "DIR", "OUT"),
                    help=argparse.SUPPRESS)   # one measured spark-extract, in a subprocess
    ap.add_argument("--pin", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.steady:
        master, directory, out = args.steady
        print(json.dumps(steady(master, Path(directory), Path(out), args.pin)))
        return 0
    started = time.perf_counter()
    run(args.n, seed=args.seed, json_path=args.json, repeat=args.repeat)
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
