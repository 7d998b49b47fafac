"""Query latency on synthetic stores of 10k, 100k and 1M claims. Prints figures; not a test.

    python bench/queries.py                          # 10k, 100k, 1M; stores cached
    python bench/queries.py --sizes 10k,100k         # some sizes only
    python bench/queries.py --budget 30 --repeats 2  # shorter runs
    python bench/queries.py --pg postgresql+psycopg://user@host/db   # PostgreSQL instead
    python bench/queries.py --label after --out bench/results/queries-after.json

For each size the store is built by bench/synthetic_store.py (or taken from its cache,
bench/results/stores/), then:

(a) who_supports   blocwatch.analysis.who_supports through the Python API, for a sample of
                   actors drawn by how many claims name them (weighted, without
                   replacement; the hottest actor, RUS, always in it; --actors, default
                   20), each queried --repeats times (default 3) in interleaved rounds;
(b) explain        blocwatch.analysis.explain for a sample of actor pairs drawn by how many
                   claims link them (the hottest pair, RUS-UKR, always in it; --pairs,
                   default 10), the same way;
(c) alignment      blocwatch.analysis.alignment(actors=[hottest]) repeated; alignment over
                   all actors is timed once and shown on its own line, not in the p95s;
(d) HTTP           `blocwatch serve --db URL --port P` started as a subprocess of this
                   script; GET /api/graph and a few other endpoints (/api/who-supports/RUS,
                   /api/explain?a=..&b=.., /api/alignment?actors=RUS, /api/actors,
                   /api/summary) over real HTTP (http.client, one keep-alive connection,
                   whole body read), then the server's peak RSS (VmHWM in
                   /proc/PID/status) before it is stopped.

Every figure is one query timed alone with time.perf_counter, after one untimed warm-up
call of that query (its time is kept as "first call"). Each Python API query runs in a
fresh Session (sqlalchemy.orm.Session on one Engine per store whose pool keeps the
connection open: what an API request does), created and closed inside the timed block.
A query group stops repeating once it has run all its rounds or, after at least one full
round and three samples, spent --budget seconds (default 60): n says how many samples each
figure has (the single-query figures, such as who_supports RUS or GET /api/graph, get
max(--repeats, 5) rounds).
p50 is the median; p95 the nearest-rank 95th percentile, which with n < 20 is the max.
"growth" is the ratio of p95s between consecutive sizes (10x more claims each step).

What bounds the figures:
- machine: the CPU, its 2 cores shared with other people's jobs (load average printed);
  absolute times move with that load by tens of percent; the benchmark itself uses one
  core (the server and the client never work at the same time);
- warm cache: the store file was just built or read, so it sits in the OS page cache;
  SQLite's own cache starts empty per connection but the pooled connection keeps it;
  cold-disk figures would be higher, the first-call column hints at that;
- storage: SQLite file on local disk (WAL mode, as blocwatch opens it), no ANALYZE run
  (ingest does not run it either); with --pg, a PostgreSQL server over TCP on this host;
- data: synthetic claims (synthetic_store.py: Zipf-like actor weights, ~10 claims per
  document); real news has other skew, so the hottest actor's figures are the ones to
  read; the sample of actors and pairs is fixed by --seed;
- code: whatever blocwatch is imported (its path, the commit and whether src/ had
  uncommitted changes are in the header and the JSON).

The figures also go to bench/results/queries.json (output, untracked).
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_store  # noqa: E402
from machine import code_version, cpu_model  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results" / "queries.json"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
MIN_SAMPLES = 3


# --- small helpers -----------------------------------------------------------------------------

def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "").replace(",", "")
    factor = 1
    if text.endswith("k"):
        factor, text = 1_000, text[:-1]
    elif text.endswith("m"):
        factor, text = 1_000_000, text[:-1]
    return int(float(text) * factor)


def label_size(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summarise(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0}
    return {"n": len(samples), "p50_ms": statistics.median(samples) * 1000,
            "p95_ms": percentile(samples, 95) * 1000, "max_ms": max(samples) * 1000,
            "min_ms": min(samples) * 1000}


def proc_status(pid: int | str, field: str) -> int | None:
    """A kB figure from /proc/PID/status (VmHWM, VmRSS), in bytes; None if unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux: write 5 to clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def mb(value: int | None) -> float | None:
    return round(value / 2**20, 1) if value is not None else None


def machine() -> dict:
    return {"cpu": cpu_model(), "cpus_online": os.cpu_count(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}


# --- the samples -------------------------------------------------------------------------------

def frequencies(engine) -> tuple[list[tuple[str, int]], list[tuple[tuple[str, str], int]]]:
    """(actor, claims naming it) and ((a, b), claims between them), most first."""
    from sqlalchemy import case, func, select, union_all
    from blocwatch.store.schema import claims
    sides = union_all(select(claims.c.subject.label("code")),
                      select(claims.c.object.label("code"))).subquery()
    low = case((claims.c.subject < claims.c.object, claims.c.subject), else_=claims.c.object)
    high = case((claims.c.subject < claims.c.object, claims.c.object), else_=claims.c.subject)
    with engine.connect() as conn:
        actors = conn.execute(select(sides.c.code, func.count()).group_by(sides.c.code)).all()
        pairs = conn.execute(select(low.label("a"), high.label("b"), func.count())
                             .where(claims.c.subject != claims.c.object)
                             .group_by(low, high)).all()
    actors = sorted(((code, n) for code, n in actors), key=lambda x: (-x[1], x[0]))
    pairs = sorted((((a, b), n) for a, b, n in pairs), key=lambda x: (-x[1], x[0]))
    return actors, pairs


def weighted_sample(items: list[tuple[object, int]], k: int, rng: random.Random) -> list:
    """k items drawn by weight without replacement; the heaviest one always first."""
    if not items:
        return []
    chosen = [items[0][0]]
    rest = list(items[1:])
    while rest and len(chosen) < k:
        total = sum(w for _, w in rest)
        x = rng.random() * total
        for i, (item, w) in enumerate(rest):
            x -= w
            if x <= 0:
                break
        chosen.append(rest.pop(i)[0])
    return chosen


# --- timing ------------------------------------------------------------------------------------

def timed_group(name: str, calls: list[tuple[str, object]], repeats: int, budget: float,
                progress: bool) -> dict:
    """Time each call alone, `repeats` interleaved rounds, after one warm-up of the first.

    `calls`: (label, zero-argument function). Stops after a full round once `budget`
    seconds of timed work are spent and there are MIN_SAMPLES samples.
    """
    reset = reset_peak_rss()
    t0 = time.perf_counter()
    warm = calls[0][1]()
    first_call = time.perf_counter() - t0
    samples: list[float] = []
    by_label: dict[str, list[float]] = {}
    spent, rounds = 0.0, 0
    for _ in range(repeats):
        for label, call in calls:
            t0 = time.perf_counter()
            call()
            elapsed = time.perf_counter() - t0
            samples.append(elapsed)
            by_label.setdefault(label, []).append(elapsed)
            spent += elapsed
        rounds += 1
        if spent >= budget and len(samples) >= MIN_SAMPLES:
            break
    result = {"name": name, **summarise(samples), "first_call_ms": first_call * 1000,
              "rounds": rounds, "labels": len(calls),
              "by_label": {label: summarise(v) for label, v in by_label.items()},
              "result_size": warm if isinstance(warm, (int, dict)) else None,
              "client_peak_rss_mb": mb(proc_status("self", "VmHWM")) if reset else None}
    if progress:
        print(f"    {name:34} n={result['n']:<4} p50 {result['p50_ms']:9.1f} ms  "
              f"p95 {result['p95_ms']:9.1f} ms", file=sys.stderr)
    return result


def python_api(engine, hot_actors: list[str], hot_pairs: list[tuple[str, str]],
               repeats: int, budget: float, alignment_all: bool, progress: bool) -> dict:
    from sqlalchemy.orm import Session
    from blocwatch import analysis

    def fresh(fn):
        def call():
            with Session(engine) as session:
                return fn(session)
        return call

    def support_size(r) -> dict:
        findings = r.positive + r.negative + r.planned
        return {"findings": len(findings), "evidence": sum(len(f.evidence) for f in findings)}

    groups = {}
    groups["who_supports"] = timed_group(
        "who_supports", [(a, fresh(lambda s, a=a: support_size(analysis.who_supports(s, a))))
                         for a in hot_actors], repeats, budget, progress)
    hottest = hot_actors[0]
    groups[f"who_supports {hottest}"] = timed_group(
        f"who_supports {hottest}",
        [(hottest, fresh(lambda s: support_size(analysis.who_supports(s, hottest))))],
        max(repeats, 5), budget, progress)
    groups["explain"] = timed_group(
        "explain", [(f"{a}-{b}", fresh(lambda s, a=a, b=b: {
            "timeline": len(analysis.explain(s, a, b).timeline)})) for a, b in hot_pairs],
        repeats, budget, progress)
    a, b = hot_pairs[0]
    groups[f"explain {a}-{b}"] = timed_group(
        f"explain {a}-{b}", [(f"{a}-{b}", fresh(lambda s: {
            "timeline": len(analysis.explain(s, a, b).timeline)}))],
        max(repeats, 5), budget, progress)
    groups[f"alignment {hottest}"] = timed_group(
        f"alignment actors=[{hottest}]", [(hottest, fresh(lambda s: {
            "scores": len(analysis.alignment(s, actors=[hottest]).scores)}))],
        max(repeats, 5), budget, progress)
    once = None
    if alignment_all:
        reset = reset_peak_rss()
        t0 = time.perf_counter()
        with Session(engine) as session:
            result = analysis.alignment(session)
        seconds = time.perf_counter() - t0
        once = {"seconds": seconds, "scores": len(result.scores), "drift": len(result.drift),
                "client_peak_rss_mb": mb(proc_status("self", "VmHWM")) if reset else None}
        del result
        if progress:
            print(f"    {'alignment (all actors, once)':34} {seconds * 1000:27.1f} ms",
                  file=sys.stderr)
    return {"groups": groups, "alignment_all_once": once}


# --- HTTP --------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`blocwatch serve` as a subprocess of this script."""

    def __init__(self, url: str, log_path: Path):
        self.port = free_port()
        script = Path(sys.executable).with_name("blocwatch")
        command = ([str(script)] if script.exists()
                   else [sys.executable, "-c", "import sys; from blocwatch.cli import main; "
                         "sys.exit(main())"])
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [*command, "serve", "--db", url, "--port", str(self.port), "--host", "127.0.0.1"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.log_path = log_path

    def wait_ready(self, timeout: float = 180.0) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"blocwatch serve exited ({self.process.returncode}): "
                                   + self.log_path.read_text(errors="replace")[-2000:])
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/openapi.json")
                if conn.getresponse().status == 200:
                    conn.close()
                    return time.perf_counter() - started
                conn.close()
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"blocwatch serve not listening after {timeout} s")

    def peak_rss(self) -> int | None:
        return proc_status(self.process.pid, "VmHWM")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def http_endpoints(url: str, hottest: str, pair: tuple[str, str], repeats: int, budget: float,
                   log_dir: Path, progress: bool) -> dict:
    endpoints = [
        "/api/graph",
        f"/api/who-supports/{hottest}",
        f"/api/explain?a={pair[0]}&b={pair[1]}",
        f"/api/alignment?actors={hottest}",
        "/api/actors",
        "/api/summary",
    ]
    server = Server(url, log_dir / "queries-serve.log")
    try:
        startup = server.wait_ready()
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=1800)
        sizes: dict[str, int] = {}

        def get(path: str):
            def call():
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
                sizes[path] = len(body)
                return {"bytes": len(body)}
            return call

        results, peaks = {}, {}
        for path in endpoints:
            # the graph has a target (p95 <= 50 ms at 1M): enough samples for a p95
            results[path] = timed_group(f"GET {path}", [(path, get(path))],
                                        max(repeats, 20 if path == "/api/graph" else 5),
                                        budget, progress)
            results[path]["response_bytes"] = sizes.get(path)
            peaks[path] = mb(server.peak_rss())     # peak so far, after this endpoint
            results[path]["server_peak_rss_mb_so_far"] = peaks[path]
        # the server keeps the graph per store generation (web/cache.py), so the repeats
        # above are answered from memory after the first; here every call asks for a
        # graph not kept yet (another limit each time): the cost of computing it
        counter = iter(range(10**6))

        def uncached():
            return get(f"/api/graph?limit={3000 - next(counter) - 1}")()

        label = "/api/graph (not kept: computed each call)"
        results[label] = timed_group(f"GET {label}", [(label, uncached)],
                                     max(repeats, 20), budget, progress)
        conn.close()
        graph = {}
        try:                                          # what the graph holds, untimed
            c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=1800)
            c.request("GET", "/api/graph")
            data = json.loads(c.getresponse().read())
            graph = {"nodes": len(data.get("nodes", [])), "edges": len(data.get("edges", []))}
            c.close()
        except (OSError, ValueError):
            pass
        peak = server.peak_rss()
        current = proc_status(server.process.pid, "VmRSS")
    finally:
        server.stop()
    if progress:
        print(f"    server: ready after {startup:.1f} s, peak RSS {mb(peak)} MB", file=sys.stderr)
    return {"endpoints": results, "server_startup_s": startup, "server_peak_rss_mb": mb(peak),
            "server_rss_at_end_mb": mb(current), "graph": graph}


# --- one size, all sizes -------------------------------------------------------------------------

def pg_url(base: str, n: int, seed: int) -> str:
    """A URL on `base`'s server whose tables live in a schema of their own for this size."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    schema = f"bw_bench_n{n}_s{seed}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    admin.dispose()
    return make_url(base).update_query_dict(
        {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def run_size(n: int, *, seed: int, cache_dir, pg: str | None, actors: int, pairs: int,
             repeats: int, budget: float, http: bool, alignment_all: bool,
             progress: bool) -> dict:
    from blocwatch.store import create_store_engine, display_url
    if progress:
        print(f"[{label_size(n)}] store", file=sys.stderr)
    url = pg_url(pg, n, seed) if pg else None
    info = synthetic_store.build(url, n, seed, cache_dir=cache_dir, progress=progress)
    url = info.url
    engine = create_store_engine(url)
    try:
        actor_counts, pair_counts = frequencies(engine)
        rng = random.Random(seed)
        hot_actors = weighted_sample(actor_counts, actors, rng)
        hot_pairs = weighted_sample(pair_counts, pairs, rng)
        if progress:
            print(f"[{label_size(n)}] Python API (hottest {hot_actors[0]}, "
                  f"pair {'-'.join(hot_pairs[0])})", file=sys.stderr)
        api = python_api(engine, hot_actors, hot_pairs, repeats, budget, alignment_all,
                         progress)
    finally:
        engine.dispose()
    web = None
    if http:
        if progress:
            print(f"[{label_size(n)}] HTTP", file=sys.stderr)
        log_dir = Path(cache_dir) if cache_dir else synthetic_store.DEFAULT_CACHE
        web = http_endpoints(url, hot_actors[0], hot_pairs[0], repeats, budget, log_dir,
                             progress)
    counts = dict(actor_counts)
    return {
        "n_claims": n, "store": {**_public(info), "url": display_url(url)},
        "sample": {"actors": hot_actors, "pairs": ["-".join(p) for p in hot_pairs],
                   "hottest_actor": hot_actors[0],
                   "hottest_actor_claims": counts.get(hot_actors[0]),
                   "hottest_pair": "-".join(hot_pairs[0]),
                   "hottest_pair_claims": dict(pair_counts).get(hot_pairs[0])},
        "python_api": api, "http": web,
    }


def _public(info) -> dict:
    from dataclasses import asdict
    data = asdict(info)
    data.pop("url", None)
    return data


def growth(sizes: list[dict]) -> dict:
    """Per figure, the ratio of p95s between consecutive sizes."""
    found: dict[str, list] = {}
    for before, after in zip(sizes, sizes[1:]):
        step = f"{label_size(before['n_claims'])}->{label_size(after['n_claims'])}"
        for name, b_fig, a_fig in _paired(before, after):
            if b_fig.get("n") and a_fig.get("n") and b_fig["p95_ms"] > 0:
                found.setdefault(name, []).append(
                    {"step": step, "p95_ratio": a_fig["p95_ms"] / b_fig["p95_ms"],
                     "p50_ratio": a_fig["p50_ms"] / b_fig["p50_ms"]})
        b_once = (before["python_api"].get("alignment_all_once") or {}).get("seconds")
        a_once = (after["python_api"].get("alignment_all_once") or {}).get("seconds")
        if b_once and a_once:
            found.setdefault("alignment (all actors, once)", []).append(
                {"step": step, "ratio": a_once / b_once})
    return found


def _figures(size: dict) -> list[tuple[str, dict]]:
    rows = [(g["name"], g) for g in size["python_api"]["groups"].values()]
    if size.get("http"):
        rows += [(g["name"], g) for g in size["http"]["endpoints"].values()]
    return rows


def _paired(before: dict, after: dict):
    a = dict(_figures(after))
    for name, fig in _figures(before):
        if name in a:
            yield name, fig, a[name]


def run(sizes=DEFAULT_SIZES, *, seed: int = 1, cache_dir=None, pg: str | None = None,
        actors: int = 20, pairs: int = 10, repeats: int = 3, budget: float = 60.0,
        http: bool = True, alignment_all: bool = True, label: str | None = None,
        out: str | os.PathLike | None = RESULTS, progress: bool = True) -> dict:
    """Benchmark every size; returns (and writes to `out`, unless None) the figures."""
    started = time.perf_counter()
    report = {"label": label, "when": time.strftime("%Y-%m-%d %H:%M:%S"),
              "machine": machine(), "code": code_version(),
              "settings": {"seed": seed, "actors": actors, "pairs": pairs, "repeats": repeats,
                           "budget_s": budget, "backend": "postgresql" if pg else "sqlite",
                           "session": "fresh Session per query, one Engine per store",
                           "generator_version": synthetic_store.GENERATOR_VERSION},
              "sizes": []}
    for n in sizes:
        report["sizes"].append(run_size(n, seed=seed, cache_dir=cache_dir, pg=pg,
                                        actors=actors, pairs=pairs, repeats=repeats,
                                        budget=budget, http=http,
                                        alignment_all=alignment_all, progress=progress))
        report["growth"] = growth(report["sizes"])
        report["seconds"] = time.perf_counter() - started
        if out is not None:                     # after every size: a long run keeps its part
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text(json.dumps(report, indent=1, default=str))
    return report


# --- printing ----------------------------------------------------------------------------------

def print_report(report: dict, file=sys.stdout) -> None:
    m, code = report["machine"], report["code"]
    print(f"machine  {m['cpu']}, {m['cpus_online']} CPUs online, load {m['load_average']}; "
          f"CPython {m['python']}, SQLite {m['sqlite']}", file=file)
    modified = {True: " (src/ modified)", False: "", None: ""}[code["src_modified"]]
    print(f"code     blocwatch {code['blocwatch']} from {code['imported_from']}, "
          f"commit {code['commit']}{modified}" + (f"; label {report['label']}"
                                                   if report["label"] else ""), file=file)
    s = report["settings"]
    print(f"method   {s['backend']}, {s['session']}; {s['actors']} actors / {s['pairs']} "
          f"pairs sampled by claim frequency, {s['repeats']} rounds, budget {s['budget_s']} s "
          f"per figure", file=file)
    for size in report["sizes"]:
        st = size["store"]
        state = "built" if st["built"] else "cached"
        print(f"\n{size['n_claims']:,} claims, {st['n_documents']:,} documents ({state}; "
              f"insert {st['build_seconds']} s, facts.rebuild {st['rebuild_seconds']} s"
              + (f", {st['file_bytes'] / 2**20:.0f} MB" if st.get("file_bytes") else "")
              + f"); hottest {size['sample']['hottest_actor']} "
              f"({size['sample']['hottest_actor_claims']:,} claims), pair "
              f"{size['sample']['hottest_pair']} ({size['sample']['hottest_pair_claims']:,})",
              file=file)
        print(f"  {'query':40} {'n':>4} {'p50 ms':>10} {'p95 ms':>10} {'max ms':>10} "
              f"{'first ms':>10}", file=file)
        for name, fig in _figures(size):
            print(f"  {name:40} {fig['n']:>4} {fig['p50_ms']:10.1f} {fig['p95_ms']:10.1f} "
                  f"{fig['max_ms']:10.1f} {fig['first_call_ms']:10.1f}", file=file)
        once = size["python_api"].get("alignment_all_once")
        if once:
            print(f"  {'alignment, all actors (once)':40} {'1':>4} "
                  f"{once['seconds'] * 1000:10.1f}   ({once['scores']:,} dyad-periods; "
                  f"client peak RSS {once['client_peak_rss_mb']} MB)", file=file)
        if size.get("http"):
            h = size["http"]
            print(f"  server: ready {h['server_startup_s']:.1f} s after start, peak RSS "
                  f"(VmHWM) {h['server_peak_rss_mb']} MB; graph {h['graph'].get('nodes')} "
                  f"nodes, {h['graph'].get('edges')} edges, "
                  f"{(h['endpoints']['/api/graph'].get('response_bytes') or 0) / 1024:.0f} kB",
                  file=file)
    if report.get("growth"):
        steps = sorted({g["step"] for v in report["growth"].values() for g in v},
                       key=lambda s: parse_size(s.split("->")[0]))
        print("\ngrowth of p95 (10x claims per step)", file=file)
        print(f"  {'query':40} " + " ".join(f"{s:>12}" for s in steps), file=file)
        for name, entries in report["growth"].items():
            by_step = {e["step"]: e.get("p95_ratio", e.get("ratio")) for e in entries}
            print(f"  {name:40} " + " ".join(
                f"{by_step[s]:11.1f}x" if s in by_step else f"{'':>12}" for s in steps),
                file=file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(label_size(n) for n in DEFAULT_SIZES),
                        help="comma-separated claim counts, e.g. 10k,100k,1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-dir", default=None,
                        help="where built SQLite stores are kept (default bench/results/stores)")
    parser.add_argument("--pg", metavar="URL", default=None,
                        help="PostgreSQL server to build and query on (a schema per size)")
    parser.add_argument("--actors", type=int, default=20)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds of timed work per figure before it stops repeating")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-alignment-all", action="store_true")
    parser.add_argument("--label", default=None, help="e.g. before / after, kept in the JSON")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    report = run(sizes, seed=args.seed, cache_dir=args.cache_dir, pg=args.pg,
                 actors=args.actors, pairs=args.pairs, repeats=args.repeats,
                 budget=args.budget, http=not args.no_http,
                 alignment_all=not args.no_alignment_all, label=args.label, out=args.out)
    print_report(report)
    print(f"\nwrote {args.out} ({report['seconds']:.0f} s in all)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
