"""Ingest speed into SQLite and PostgreSQL, with 1 job and with every core, and the peak
memory of `blocwatch extract`. Prints figures; not a test.

    python bench/ingest_bench.py                 # bench/corpus.py's 2,000 articles
    python bench/ingest_bench.py --n 500         # a smaller synthetic corpus
    python bench/ingest_bench.py --jobs 4        # N for the parallel runs (default: every core)
    BLOCWATCH_BENCH_PG=postgresql+psycopg://... python bench/ingest_bench.py

From Python (bench/run.py): ``run(n=2000) -> dict`` (also written as JSON to
bench/results/ingest.json, output, untracked).

What it does: generates (or finds cached) the synthetic corpus of bench/corpus.py, then
runs the real command, ``blocwatch ingest DIR --jobs J --format json``, as a subprocess
into a fresh store, for J = 1 and J = N, on each backend: a new SQLite file in a temp dir,
and a schema of its own on a PostgreSQL server (dropped afterwards). Then
``blocwatch extract DIR --format jsonl`` (one job, output to /dev/null) for its peak RSS.

The figures and what bounds them:

- documents/s and claims/s: documents (claims) stored divided by the seconds the ingest
  reports for its batch: reading, hash look-ups, extraction, writing, and the workers'
  cold start (each loads the gazetteer and lexicons, ~1 s); not the interpreter's start
  and imports, which the wall time (also given) includes.
  - SQLite, 1 job: one core reads, extracts and writes, one transaction per document;
    extraction is most of it (see bench/throughput.py), then the commits (each rewrites
    the WAL pages of every index it touched) and reading (language identification).
  - SQLite, N jobs: N workers extract while the parent reads, looks up and writes in
    groups; all N+1 processes share the machine's cores, so the bound is the total CPU
    per document (read + extract + write) divided by the cores, and the parent alone once
    its share (reading + writing) exceeds a worker's. Anything else running on the
    machine takes its cores away: the load average is recorded with the figures.
  - PostgreSQL: the same, plus a round trip per statement to a server on this machine,
    whose own CPU competes for the same cores. A server started by .ci/postgres.sh runs
    with fsync and synchronous_commit off: commits cost no disk flush, so these are
    upper bounds for a durable server.
- CPU ms/doc and ceiling: user + system CPU of the ingest command and its workers
  (os.wait4), interpreter start and imports included (~1.5 s), divided by the documents;
  the ceiling is the docs/s that min(jobs + 1, cores) fully busy cores would give at that
  cost. Far steadier than the rates when other work shares the machine, and it shows
  what bounds --jobs: on 2 cores the ceiling is 2 / (CPU per document), whatever N is.
- peak RSS: ru_maxrss of the `blocwatch extract` process (os.wait4): the interpreter,
  imports (trafilatura, lxml, numpy via py3langid), the gazetteer and cue lexicons, and
  one document at a time (documents are streamed, output is written as it comes).

PostgreSQL: the server at $BLOCWATCH_BENCH_PG, else the one .ci/postgres.sh starts
($BLOCWATCH_TEST_PG_URL or its default address); without one the PostgreSQL figures are
skipped with the reason (start one with `eval "$(bash .ci/postgres.sh)"`).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
# tests/kit/store.py (`kit.store`): the store test kit, for the PostgreSQL probe and private
# schemas. Appended, so nothing in tests/ shadows an installed module (see bench/README.md).
if str(ROOT / "tests") not in sys.path:
    sys.path.append(str(ROOT / "tests"))
from machine import code_version, load_average, write_json  # noqa: E402
RESULTS = BENCH / "results" / "ingest.json"
PG_ENV = "BLOCWATCH_BENCH_PG"


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *[p for p in sys.path if p]])
    env.pop("BLOCWATCH_DB", None)
    return env


def synthetic_corpus(n: int, seed: int | None = None) -> Path:
    sys.path.insert(0, str(BENCH))
    try:
        import corpus  # noqa: PLC0415 - bench/corpus.py
    finally:
        sys.path.pop(0)
    kwargs = {} if seed is None else {"seed": seed}
    return corpus.generate(None, n=n, **kwargs)[0].parent


def postgres_base() -> tuple[str | None, str]:
    """(URL, "") of the server to use, or (None, why there is none)."""
    from kit.store import postgres_test_url, probe_postgres
    configured = os.environ.get(PG_ENV)
    if configured:
        url, failure = probe_postgres(configured)
        return (url, "") if url else (None, f"{PG_ENV} is set but unreachable: {failure}")
    url, reason = postgres_test_url()
    if url is None:
        return None, (f"no PostgreSQL server ({PG_ENV} not set; {reason})")
    return url, ""


def _run_measured(command: list[str], stdout=subprocess.PIPE) -> tuple[int, str, str, float, object]:
    """Run `command`; (exit status, stdout, stderr, wall seconds, rusage of it and its
    children, from os.wait4)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=_env(), stdout=out if stdout is subprocess.PIPE
                                   else stdout, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        return (process.returncode, out.read().decode(errors="replace"),
                err.read().decode(errors="replace"), wall, usage)


def _mb(maxrss: int) -> float:
    return round(maxrss * (1 if sys.platform == "darwin" else 1024) / 1e6, 1)


def ingest_once(directory: Path, url: str, jobs: int) -> dict:
    """`blocwatch ingest` as a subprocess into `url`; its JSON report, wall and CPU time."""
    command = [sys.executable, "-m", "blocwatch.cli", "ingest", str(directory), "--db", url,
               "--no-progress", "--format", "json", "--jobs", str(jobs)]
    code, out, err, wall, usage = _run_measured(command)
    if code not in (0, 1):
        raise RuntimeError(f"ingest --jobs {jobs} failed ({code}): {err[-2000:]}")
    report = json.loads(out)
    seconds = report["seconds"]
    cpu = usage.ru_utime + usage.ru_stime
    stored = report["stored"]
    cpus = os.cpu_count() or 1
    return {"jobs": jobs, "stored": stored, "failed": len(report["failed"]),
            "claims": report["claims"], "mentions": report["mentions"],
            "seconds": seconds, "wall_seconds": round(wall, 3),
            "documents_per_s": stored / seconds if seconds else 0.0,
            "claims_per_s": report["claims"] / seconds if seconds else 0.0,
            # CPU of the command and its workers, start-up and imports included: steadier
            # than the rates on a busy machine; the ceiling is what min(jobs + 1, cores)
            # fully used cores would give at that CPU per document
            "cpu_seconds": round(cpu, 2),
            "cpu_ms_per_document": 1000 * cpu / stored if stored else None,
            "ceiling_documents_per_s": (min(jobs + (jobs > 1), cpus) * stored / cpu
                                        if stored and cpu else None),
            "peak_rss_mb": _mb(usage.ru_maxrss)}


def bench_sqlite(directory: Path, job_counts: list[int]) -> dict:
    out = {}
    with tempfile.TemporaryDirectory(prefix="blocwatch-ingest-bench-") as tmp:
        for jobs in job_counts:
            url = "sqlite:///" + str(Path(tmp) / f"jobs{jobs}.sqlite")
            out[f"jobs_{jobs}"] = ingest_once(directory, url, jobs)
    return out


def bench_postgres(directory: Path, job_counts: list[int]) -> dict:
    base, reason = postgres_base()
    if base is None:
        return {"skipped": reason}
    from blocwatch.store import create_store_engine
    from kit.store import private_postgres
    out = {}
    for jobs in job_counts:
        with private_postgres(base) as url:
            create_store_engine(url).dispose()       # tables exist: not part of the timing
            out[f"jobs_{jobs}"] = ingest_once(directory, url, jobs)
    from sqlalchemy.engine import make_url
    out["server"] = make_url(base).render_as_string(hide_password=True)
    return out


def extract_peak_rss(directory: Path) -> dict:
    """Peak RSS (MB) of `blocwatch extract DIR --format jsonl`, output discarded."""
    command = [sys.executable, "-m", "blocwatch.cli", "extract", str(directory),
               "--format", "jsonl"]
    with open(os.devnull, "wb") as sink:
        code, _out, err, wall, usage = _run_measured(command, stdout=sink)
    if code not in (0, 1):
        raise RuntimeError(f"extract failed ({code}): {err[-2000:]}")
    return {"peak_rss_mb": _mb(usage.ru_maxrss), "wall_seconds": round(wall, 2),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2), "exit_status": code}


def run(n: int = 2000, *, seed: int | None = None, jobs: int | None = None,
        backends: tuple[str, ...] = ("sqlite", "postgresql"), rss: bool = True,
        json_path: Path | None = RESULTS, quiet: bool = False) -> dict:
    """Measure; return the figures (also written to `json_path`, printed unless `quiet`)."""
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    job_counts = sorted({1, max(1, jobs)})
    directory = synthetic_corpus(n, seed)
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_start": load_average()},
        "corpus": {"directory": str(directory), "articles": n,
                   "bytes": sum(p.stat().st_size for p in directory.glob("*.txt"))},
        "code": code_version(),
    }
    if "sqlite" in backends:
        results["sqlite"] = bench_sqlite(directory, job_counts)
    if "postgresql" in backends:
        results["postgresql"] = bench_postgres(directory, job_counts)
    if rss:
        results["extract"] = extract_peak_rss(directory)
    results["machine"]["loadavg_end"] = load_average()
    if not quiet:
        print_table(results)
    write_json(results, json_path, quiet)
    return results


def print_table(r: dict) -> None:
    m, c, v = r["machine"], r["corpus"], r["code"]
    print(f"code     commit {v['commit']}{' + uncommitted changes in src/' if v['src_modified'] else ''}; "
          f"Python {m['python']}, {m['cpus']} CPUs; load {m['loadavg_start'] and m['loadavg_start'][0]} "
          f"at start, {m['loadavg_end'] and m['loadavg_end'][0]} at end")
    print(f"corpus   {c['articles']} synthetic articles, {c['bytes'] / 1e6:.1f} MB ({c['directory']})")
    print()
    print(f"{'store':<12} {'jobs':>4} {'docs/s':>8} {'claims/s':>9} {'seconds':>8} {'wall s':>7} "
          f"{'stored':>7} {'failed':>6} {'CPU ms/doc':>10} {'ceiling':>8} {'RSS MB':>7}")
    print("-" * 96)
    for backend in ("sqlite", "postgresql"):
        figures = r.get(backend)
        if figures is None:
            continue
        if "skipped" in figures:
            print(f"{backend:<12} skipped: {figures['skipped']}")
            continue
        for key, f in figures.items():
            if not key.startswith("jobs_"):
                continue
            print(f"{backend:<12} {f['jobs']:>4} {f['documents_per_s']:>8.1f} {f['claims_per_s']:>9.0f} "
                  f"{f['seconds']:>8.2f} {f['wall_seconds']:>7.2f} {f['stored']:>7} {f['failed']:>6} "
                  f"{f['cpu_ms_per_document'] or 0:>10.1f} {f['ceiling_documents_per_s'] or 0:>8.0f} "
                  f"{f['peak_rss_mb']:>7.0f}")
    print("(docs/s, claims/s: per second of the batch as ingest reports it; wall s adds start-up;"
          "\n CPU ms/doc: CPU of the command and its workers, start-up included; ceiling: docs/s"
          "\n if that CPU were spread over min(jobs + 1, cores) fully used cores)")
    if "extract" in r:
        e = r["extract"]
        print(f"\nblocwatch extract (1 job, whole corpus): peak RSS {e['peak_rss_mb']:.0f} MB, "
              f"{e['wall_seconds']:.1f} s wall, {e['cpu_seconds']:.1f} s CPU")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="synthetic articles (default 2000)")
    ap.add_argument("--seed", type=int, help="seed of the synthetic corpus (default: bench/corpus.py's)")
    ap.add_argument("--jobs", type=int, help="N for the parallel runs (default: every core)")
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), action="append",
                    help="only this store (repeatable; default: both)")
    ap.add_argument("--no-rss", action="store_true", help="leave out the extract peak-RSS run")
    ap.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    a = ap.parse_args(argv)
    run(a.n, seed=a.seed, jobs=a.jobs, backends=tuple(a.backend or ("sqlite", "postgresql")),
        rss=not a.no_rss, json_path=a.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
