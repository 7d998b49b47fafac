"""Faults in a loop: an ingest killed with SIGKILL at random points, again and again, then
one run that completes it; the store must equal a clean run's, and a reader that watches
the store across all the kills must never see half a document.

tests/store/test_faults.py kills one ingest once; this kills a chain of them, each
resuming the last, with the scripted worker of tests/store (fast, so the kill points
fall while extracting, while writing and between documents), and then the real
`blocwatch ingest` command with the real extractor on generated article files.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from blocwatch.store import claims, create_store_engine, documents, ingest, mentions
from kit.store import count_documents, wait_for_other_sessions
from store import worker

WORKER = Path(worker.__file__)
TIMEOUT = 60
KILLS = 5
SEED = int(os.environ.get("BLOCWATCH_FAULT_SEED", "20240506"))


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env.pop("BLOCWATCH_DB", None)
    return env


def _counts(url: str) -> tuple[int, int, int]:
    """(documents, claims, documents with not all their claims) of the store at `url`."""
    engine = create_store_engine(url)
    try:
        wait_for_other_sessions(engine)            # PostgreSQL: the killed session's end
        with engine.connect() as conn:
            return worker.consistency(conn)
    finally:
        engine.dispose()


def _stored(url: str) -> int:
    return count_documents(url)


def _kill_at_random(args: list[str], url: str, rng: random.Random, at_most: float,
                    more: int = 0) -> bool:
    """Start `args`; once it has stored `more` documents beyond what the store held, wait
    a random time under `at_most` s and SIGKILL it. False if it finished first."""
    start = _stored(url)
    process = subprocess.Popen(args, env=_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + TIMEOUT
        while more and _stored(url) < start + more and process.poll() is None:
            assert time.monotonic() < deadline, "ingest did not get going"
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, at_most))
        if process.poll() is not None:
            assert process.returncode in (0, 1), process.stderr.read().decode()
            return False
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=TIMEOUT)
        return True
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=TIMEOUT)
        process.stderr.close()


def test_ingest_killed_again_and_again_loses_nothing(store_url, tmp_path):
    n = 200
    rng = random.Random(SEED)
    create_store_engine(store_url).dispose()            # tables exist before the race
    reader = subprocess.Popen([sys.executable, str(WORKER), "read", store_url, "2.5"],
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    kills, history = 0, []
    try:
        for _ in range(KILLS):
            # each run stores 1..25 documents, then dies within 30 ms: while extracting,
            # while writing or between two documents
            killed = _kill_at_random([sys.executable, str(WORKER), "ingest", store_url, str(n),
                                      "0.002"], store_url, rng, at_most=0.03,
                                     more=rng.randint(1, 25))
            kills += killed
            n_docs, n_claims, broken = _counts(store_url)
            assert broken == 0, f"half a document after kill {kills}"
            history.append(n_docs)
        print(f"kills {kills}, documents after each: {history}")
        out, err = reader.communicate(timeout=TIMEOUT)
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait(timeout=TIMEOUT)
    assert kills >= 3, history                           # the faults did happen
    assert history == sorted(history)                    # a kill never undoes a commit
    assert reader.returncode == 0, err
    looks = [json.loads(line) for line in out.splitlines()]
    assert looks and all(look["broken"] == 0 for look in looks)

    report = ingest([], store_url, progress=False, extract=worker.make_extractor(0),
                    extractor_version="fault-1", read=lambda _p: worker.articles(n))
    assert report.skipped == history[-1] and report.stored == n - history[-1]

    clean = "sqlite:///" + str(tmp_path / "clean.sqlite")
    ingest([], clean, progress=False, extract=worker.make_extractor(0),
           extractor_version="fault-1", read=lambda _p: worker.articles(n))
    assert _counts(store_url) == _counts(clean) == (
        n, sum(worker.claims_in(i) for i in range(n)), 0)


def _articles(root: Path, n: int) -> Path:
    """`n` invented articles, each with text of its own."""
    root.mkdir()
    pairs = [("Russland", "Belarus"), ("Iran", "Russland"), ("China", "Kasachstan"),
             ("Armenien", "Frankreich"), ("Belarus", "Russland")]
    for i in range(n):
        a, b = pairs[i % len(pairs)]
        (root / f"art{i:03d}.txt").write_text(
            f"Meldung {i}\n\n{a} liefert {b} neue Waffen, meldet die Zeitung am {i % 28 + 1}. "
            f"März 2023. {a} und {b} vertiefen ihre Zusammenarbeit. Die Regierung in "
            f"Minsk äußerte sich nicht zu Bericht Nummer {i}.", encoding="utf-8")
    return root


def _store_figures(url: str) -> tuple[int, int, int, int]:
    """(documents, mentions, claims, documents whose claim rows differ from n_claims)."""
    engine = create_store_engine(url)
    try:
        wait_for_other_sessions(engine)
        with engine.connect() as conn:
            per_doc = dict(conn.execute(select(claims.c.document_id, func.count())
                                        .group_by(claims.c.document_id)).all())
            rows = conn.execute(select(documents.c.id, documents.c.n_claims)).all()
            broken = sum(1 for r in rows if per_doc.get(r.id, 0) != r.n_claims)
            return (len(rows), conn.execute(select(func.count()).select_from(mentions)).scalar(),
                    conn.execute(select(func.count()).select_from(claims)).scalar(), broken)
    finally:
        engine.dispose()


def test_the_real_ingest_command_killed_and_resumed_matches_a_clean_run(tmp_path):
    corpus = _articles(tmp_path / "corpus", 120)
    url = "sqlite:///" + str(tmp_path / "killed.sqlite")
    command = [sys.executable, "-m", "blocwatch.cli", "ingest", str(corpus), "--db", url,
               "--no-progress", "--format", "json"]
    rng = random.Random(SEED)
    # killed after 10..60 of its 120 documents, within 50 ms: mid-batch
    assert _kill_at_random(command, url, rng, at_most=0.05, more=rng.randint(10, 60))
    assert _store_figures(url)[3] == 0
    before = _store_figures(url)[0]
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["skipped"] == before and report["stored"] == 120 - before

    clean = "sqlite:///" + str(tmp_path / "clean.sqlite")
    done = subprocess.run([*command[:-4], clean, *command[-3:]], env=_env(),
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    figures = _store_figures(url)
    assert figures == _store_figures(clean)
    assert figures[0] == 120 and figures[2] > 0 and figures[3] == 0
