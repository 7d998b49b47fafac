"""bench/throughput.py and bench/ingest_bench.py: their run() functions, which the suite
runner calls, work on a tiny synthetic corpus and return the figures they promise."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_throughput_run_on_a_synthetic_sample(tmp_path):
    throughput = _load("throughput")
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    out = tmp_path / "throughput.json"
    r = throughput.run(synthetic=24, sample=6, passes=1, jobs=2, json_path=out, quiet=True)
    assert r["corpus"]["documents"] == 6 and r["corpus"]["corpus_documents"] == 24
    for stage in ("extraction", "hanta", "floor"):
        assert r[stage]["articles_per_s"] > 0 and r[stage]["tokens_per_s"] > 0
    assert r["ratios"]["extraction_faster_than_hanta"] > 0
    assert r["jobs"]["documents"] == 24 and r["jobs"]["same_claims"]
    assert r["jobs"]["speedup"] > 0
    assert json.loads(out.read_text())["jobs"]["jobs"] == 2
    if affinity is not None:
        assert os.sched_getaffinity(0) == affinity          # the caller's cores given back


def test_ingest_bench_run_on_sqlite(tmp_path):
    bench = _load("ingest_bench")
    r = bench.run(24, jobs=2, backends=("sqlite",), json_path=tmp_path / "ingest.json",
                  quiet=True)
    for jobs in (1, 2):
        figures = r["sqlite"][f"jobs_{jobs}"]
        assert figures["stored"] == 24 and figures["failed"] == 0
        assert figures["documents_per_s"] > 0 and figures["claims_per_s"] > 0
    assert r["sqlite"]["jobs_1"]["claims"] == r["sqlite"]["jobs_2"]["claims"]
    assert 50 < r["extract"]["peak_rss_mb"] < 2000


def test_ingest_bench_says_why_postgresql_is_skipped(monkeypatch):
    bench = _load("ingest_bench")
    monkeypatch.setenv(bench.PG_ENV, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    figures = bench.bench_postgres(Path("."), [1])
    assert "unreachable" in figures["skipped"] and bench.PG_ENV in figures["skipped"]
