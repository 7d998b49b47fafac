"""The benchmark suite of blocwatch in one run: extraction, ingest, queries, memory.

    .venv/bin/python bench/run.py             # everything (about 20-30 min on 2 cores)
    .venv/bin/python bench/run.py --quick     # small sizes, a smoke run (a few minutes)
    make bench                                # the same as the first line

It runs the three benchmarks of this folder one after the other and prints one table of
the figures that have targets, next to the target, then writes every figure (the three
benchmarks' own JSON, nested) to bench/results/bench.json:

1. throughput.py   extraction over the synthetic corpus (bench/corpus.py: 2,000 articles
                   recombined from our own sentences) on one pinned core: articles/s and
                   tokens/s, HanTa tagging every sentence and the bare gazetteer scan on the
                   same documents in the same rounds, their ratios; `extract --jobs N`
                   wall time against one job;
2. ingest_bench.py `blocwatch ingest` of that corpus into a fresh SQLite file and into
                   PostgreSQL (when a server is found: $BLOCWATCH_BENCH_PG or the one
                   .ci/postgres.sh starts), 1 job and every core; peak RSS of `extract`;
3. queries.py      stores of 10k, 100k and 1M synthetic claims (bench/synthetic_store.py,
                   cached under bench/results/stores/): p50/p95 of who-supports, explain,
                   alignment in Python and over HTTP against `blocwatch serve`, the graph
                   both as kept by the server and computed anew; serve's peak RSS.

What bounds the figures is said in each script's docstring; in short: one shared 2-core
machine (the load average is recorded), warm caches, SQLite on local disk, synthetic
text and claims whose mix decides the rates.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ingest_bench  # noqa: E402
import queries  # noqa: E402
import throughput  # noqa: E402

RESULTS = HERE / "results" / "bench.json"

# the targets (issue 5)
HANTA_RATIO = 3.0            # extraction at least 3x faster than tagging every sentence
INGEST_SQLITE = 200.0        # documents/s
QUERY_P95_MS = 50.0          # who-supports and /api/graph at 1M claims
EXTRACT_RSS_MB = 500.0


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "MISSED")


def summary_rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, met?) for the table."""
    rows = []
    t = results.get("throughput") or {}
    if t:
        ratio = t["ratios"]["extraction_faster_than_hanta"]
        rows += [
            ("extraction, 1 core", f"{t['extraction']['articles_per_s']:.0f} articles/s, "
             f"{t['extraction']['tokens_per_s'] / 1000:.1f}k tokens/s", "", ""),
            ("HanTa tagging every sentence", f"{t['hanta']['articles_per_s']:.1f} articles/s", "", ""),
            ("gazetteer scan (floor)", f"{t['floor']['articles_per_s']:.0f} articles/s", "", ""),
            ("extraction vs HanTa", f"{ratio:.1f}x faster", f">= {HANTA_RATIO:.0f}x",
             _mark(ratio >= HANTA_RATIO)),
            ("extraction vs floor", f"{t['ratios']['extraction_slower_than_floor']:.0f}x slower",
             "", ""),
        ]
        jobs = t.get("jobs")
        if jobs:
            rows.append((f"extract --jobs {jobs['jobs']} vs 1", f"{jobs['speedup']:.2f}x "
                         f"({jobs['seconds_1']:.1f} s -> {jobs['seconds_n']:.1f} s, "
                         f"same claims: {jobs['same_claims']})", "", ""))
    i = results.get("ingest") or {}
    for backend in ("sqlite", "postgresql"):
        figures = i.get(backend)
        if not figures:
            continue
        if "skipped" in figures:
            rows.append((f"ingest into {backend}", "skipped: " + figures["skipped"], "", ""))
            continue
        for key, f in sorted(figures.items()):
            if not key.startswith("jobs_"):
                continue
            rate = f["documents_per_s"]
            target = f">= {INGEST_SQLITE:.0f} docs/s" if backend == "sqlite" else ""
            met = _mark(rate >= INGEST_SQLITE) if backend == "sqlite" else ""
            rows.append((f"ingest into {backend}, --jobs {f['jobs']}",
                         f"{rate:.0f} docs/s ({f['claims_per_s']:.0f} claims/s)", target, met))
    if i.get("extract"):
        rss = i["extract"]["peak_rss_mb"]
        rows.append(("extract peak RSS (whole corpus)", f"{rss:.0f} MB",
                     f"<= {EXTRACT_RSS_MB:.0f} MB", _mark(rss <= EXTRACT_RSS_MB)))
    q = results.get("queries") or {}
    for size in q.get("sizes", []):
        n = size["n_claims"]
        label = queries.label_size(n)
        largest = n == max(s["n_claims"] for s in q["sizes"])
        targeted = n >= 1_000_000
        groups = size["python_api"]["groups"]
        for name, group in groups.items():
            if name.startswith(("who_supports", "explain", "alignment")):
                ok = (group["p95_ms"] <= QUERY_P95_MS) if targeted and name.startswith(
                    "who_supports") else None
                rows.append((f"[{label}] {name}", _p(group),
                             f"p95 <= {QUERY_P95_MS:.0f} ms" if ok is not None else "", _mark(ok)))
        http = size.get("http") or {}
        for path, group in (http.get("endpoints") or {}).items():
            graph = path.startswith("/api/graph")
            ok = group["p95_ms"] <= QUERY_P95_MS if targeted and graph else None
            rows.append((f"[{label}] GET {path}", _p(group),
                         f"p95 <= {QUERY_P95_MS:.0f} ms" if ok is not None else "", _mark(ok)))
        if http and largest:
            rows.append((f"[{label}] serve peak RSS", f"{http['server_peak_rss_mb']:.0f} MB",
                         "", ""))
    return rows


def _p(group: dict) -> str:
    return f"p50 {group['p50_ms']:.1f} ms, p95 {group['p95_ms']:.1f} ms (n={group['n']})"


def print_summary(results: dict) -> None:
    rows = summary_rows(results)
    widths = [max(len(r[k]) for r in rows) for k in range(3)] if rows else [0, 0, 0]
    print("\n" + "=" * 30 + " blocwatch benchmarks " + "=" * 30)
    for figure, value, target, met in rows:
        print(f"{figure:<{widths[0]}}  {value:<{widths[1]}}  {target:<{widths[2]}}  {met}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: 300 articles, stores of 10k and 100k claims")
    ap.add_argument("--articles", type=int, help="synthetic articles (default 2000)")
    ap.add_argument("--sizes", help="claim counts of the query stores (default 10k,100k,1M)")
    ap.add_argument("--skip", action="append", default=[],
                    choices=("throughput", "ingest", "queries"), help="leave a part out")
    ap.add_argument("--json", type=Path, default=RESULTS)
    a = ap.parse_args(argv)
    articles = a.articles or (300 if a.quick else 2000)
    sizes = ([queries.parse_size(x) for x in a.sizes.split(",") if x.strip()] if a.sizes
             else (10_000, 100_000) if a.quick else queries.DEFAULT_SIZES)
    started = time.perf_counter()
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "articles": articles,
                     "sizes": list(sizes)}
    if "throughput" not in a.skip:
        print(f"== extraction: {articles} synthetic articles (bench/throughput.py)", flush=True)
        # every article in the timed stages, not a sample: the issue asks for >= 2,000;
        # three interleaved rounds (medians), minutes of work already
        results["throughput"] = throughput.run(synthetic=articles, sample=articles, passes=3)
    if "ingest" not in a.skip:
        print(f"\n== ingest: {articles} synthetic articles (bench/ingest_bench.py)", flush=True)
        results["ingest"] = ingest_bench.run(articles)
    if "queries" not in a.skip:
        print(f"\n== queries: stores of {', '.join(map(queries.label_size, sizes))} claims "
              "(bench/queries.py)", flush=True)
        results["queries"] = queries.run(sizes, label="bench/run.py")
    results["seconds"] = round(time.perf_counter() - started, 1)
    print_summary(results)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print(f"\nwrote {a.json} ({results['seconds']:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
