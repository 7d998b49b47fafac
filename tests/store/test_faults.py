"""Faults: a killed ingest, readers during an ingest.

The ingest runs in a subprocess (tests/store/worker.py) so it can be killed with SIGKILL
at any moment, as by `kill -9`. Every wait is bounded.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blocwatch.store import create_store_engine, ingest
from kit.store import count_documents, wait_for_other_sessions

from . import worker

WORKER = Path(__file__).with_name("worker.py")
TIMEOUT = 60


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)   # find blocwatch as we do
    return env


def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), *args], env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(url: str) -> int:
    return count_documents(url)


def _consistency(url: str) -> tuple[int, int, int]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return worker.consistency(conn)
    finally:
        engine.dispose()


@pytest.mark.parametrize("n, delay, kill_after_docs", [
    (60, 0.01, 3),        # killed while extracting or writing
    (1500, 0.0, 100),     # no extraction time: killed while writing, most likely
])
def test_killed_ingest_leaves_no_half_document_and_resumes(store_url, n, delay, kill_after_docs):
    create_store_engine(store_url).dispose()            # tables exist before the race
    process = _spawn("ingest", store_url, str(n), str(delay))
    deadline = time.monotonic() + TIMEOUT
    try:
        while _stored(store_url) < kill_after_docs:
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "ingest did not get going"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)            # kill -9: no cleanup runs
        process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=TIMEOUT)
    assert process.returncode == -signal.SIGKILL
    engine = create_store_engine(store_url)
    wait_for_other_sessions(engine)                     # PostgreSQL: the killed session's end
    engine.dispose()

    n_docs, _n_claims, broken = _consistency(store_url)
    assert kill_after_docs <= n_docs < n
    assert broken == 0                                  # every stored document is whole

    # the next run picks up where the killed one stopped
    report = ingest([], store_url, progress=False, extract=worker.make_extractor(0),
                    extractor_version="fault-1", read=lambda _p: worker.articles(n))
    assert report.skipped == n_docs and report.stored == n - n_docs
    assert _consistency(store_url) == (n, sum(worker.claims_in(i) for i in range(n)), 0)


def test_two_readers_while_one_process_ingests(store_url):
    create_store_engine(store_url).dispose()
    writer = _spawn("ingest", store_url, "40", "0.02")
    readers = [_spawn("read", store_url, "1.5") for _ in range(2)]
    try:
        outputs = [r.communicate(timeout=TIMEOUT) for r in readers]
        writer_out, writer_err = writer.communicate(timeout=TIMEOUT)
    finally:
        for p in (writer, *readers):
            if p.poll() is None:
                p.kill()
                p.wait(timeout=TIMEOUT)
    assert writer.returncode == 0, writer_err
    assert json.loads(writer_out)["stored"] == 40
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0, err               # no "database is locked"
        looks = [json.loads(line) for line in out.splitlines()]
        assert len(looks) >= 5
        assert all(look["broken"] == 0 for look in looks)   # never a half document
        seen = [look["documents"] for look in looks]
        assert seen == sorted(seen)                          # the store only grows
        assert seen[-1] > seen[0] or seen[-1] == 40          # they read while it wrote
