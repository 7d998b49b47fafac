"""Faults of the store that an adversarial probe turned into tracebacks (issue 14).

- a store file that is not a database (truncated, overwritten): ~125 lines on every
  command, and `serve` died;
- a store on a read-only mount could not even be read (the WAL pragma failed);
- a full disk was retried 5 times per document (a 1,860-document run stuck), and opening
  a store on a full disk printed a traceback;
- two processes opening a new store at once: one crashed on "database is locked" about
  one time in ten.

A full disk is made two ways: deterministically with SQLite's page limit
(PRAGMA max_page_count, the same SQLITE_FULL error), and for the command line with a tiny
tmpfs in a private mount namespace (`unshare -m`, skipped where that is not allowed), which
is also how the read-only mount is made.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from blocwatch.model import Claim, Document
from blocwatch.store import create_store_engine, documents, ingest
from kit.store import ScriptedExtractor

DE = "Russland liefert Belarus neue Kampfflugzeuge. Kasachstan und China vertiefen ihre Zusammenarbeit im Handel."
TIMEOUT = 300
ingest_module = sys.modules["blocwatch.store.ingest"]


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "blocwatch.cli", *args], capture_output=True,
                          text=True, timeout=TIMEOUT, env=env)


def _one_line_error(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    lines = [ln for ln in done.stderr.splitlines()
             if ln.strip() and not ln.startswith("blocwatch: store ") and "doc/s" not in ln]
    lines += [ln for ln in done.stderr.splitlines() if ln.startswith("blocwatch: store ") and words in ln]
    assert len([ln for ln in lines if words in ln]) == 1, done.stderr
    assert len(done.stderr.splitlines()) <= 3, done.stderr


# ---------------------------------------------------------------- not a database

@pytest.mark.parametrize("command", [["facts"], ["who-supports", "RUS"], ["export", "--format", "csv"],
                                     ["serve", "--port", "0"], ["ingest"]])
def test_a_file_that_is_not_a_store_gives_one_line(tmp_path, command):
    store = tmp_path / "store.sqlite"
    store.write_bytes(b"SQLite format 3\x00" + b"\x07" * 3000)     # a header, then garbage
    extra = [str(tmp_path / "none")] if command == ["ingest"] else []
    if command[0] == "export":
        extra = ["--out", str(tmp_path / "out")]
    done = _cli(*command, "--db", str(store), *extra)
    _one_line_error(done, "not a usable blocwatch store")


def test_a_truncated_store_gives_one_line(tmp_path):
    store = tmp_path / "store.sqlite"
    create_store_engine(str(store)).dispose()
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 3])
    done = _cli("facts", "--db", str(store))
    _one_line_error(done, "blocwatch store")


# ---------------------------------------------------------------- full disk

def _docs(n: int) -> list[Document]:
    return [Document(doc_id=f"d{i}", text=f"{DE} Nummer {i}. " + "Füllung " * 400, language="de")
            for i in range(n)]


def _script() -> dict:
    return {DE.split(". ")[0] + ".": [Claim("RUS", "SUPPLY", "BLR", goods=["weapons"])]}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_disk_stops_the_batch_at_once_with_what_was_stored_intact(tmp_path, monkeypatch, jobs):
    engine = create_store_engine(str(tmp_path / "store.sqlite"))
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _small_disk(dbapi_connection, _record):      # room for a few documents only
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 40}")

    failed_writes = []
    real_write = ingest_module.write_extraction

    def counting_write(*args, **kwargs):
        try:
            return real_write(*args, **kwargs)
        except Exception:
            failed_writes.append(1)
            raise

    monkeypatch.setattr(ingest_module, "write_extraction", counting_write)
    report = ingest([], engine, progress=False, extract=ScriptedExtractor(_script()),
                    extractor_version="scripted-1", read=lambda _paths: _docs(300), jobs=jobs)
    assert "disk is full" in report.stopped and "\n" not in report.stopped
    # one failed write (jobs 2: the group's, then its first document alone), no retries,
    # no attempt at the documents after it
    assert len(failed_writes) <= 2
    assert 0 < report.stored < 300
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == report.stored
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()


# ---------------------------------------------------------------- real mounts (unshare)

def _unshare(script: str) -> subprocess.CompletedProcess:
    if shutil.which("unshare") is None:
        pytest.skip("unshare(1) not installed")
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here (needs root or user namespaces)")
    return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script],
                          capture_output=True, text=True, timeout=TIMEOUT)


def _blocwatch() -> str:
    return f"{sys.executable} -m blocwatch.cli"


def test_a_store_on_a_read_only_mount_is_read_and_not_written(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "store.sqlite"
    build = create_store_engine(str(store))
    report = ingest([], build, progress=False, extract=ScriptedExtractor(_script()),
                    extractor_version="scripted-1", read=lambda _paths: _docs(3))
    assert report.stored == 3
    build.dispose()
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("Iran supplied drones to Russia, officials said on Tuesday.")
    done = _unshare(textwrap.dedent(f"""
        mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} || exit 99
        {_blocwatch()} facts --db {store} --format json > {tmp_path}/facts.json
        echo "facts=$?"
        {_blocwatch()} ingest --db {store} {articles}
        echo "ingest=$?"
    """))
    if done.returncode == 99 or "exit 99" in done.stderr:
        pytest.skip("cannot make a read-only bind mount here")
    assert "facts=0" in done.stdout, done.stderr
    assert "RUS" in (tmp_path / "facts.json").read_text()
    assert "ingest=1" in done.stdout
    assert "Traceback" not in done.stderr
    assert "is read-only" in done.stderr and done.stderr.count("read-only") == 1, done.stderr


def test_a_full_disk_gives_one_line_when_opening_and_ingesting(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    articles = tmp_path / "in"
    articles.mkdir()
    for i in range(60):
        (articles / f"a{i}.txt").write_text(f"{DE} Nummer {i}. " + "Füllung " * 300, encoding="utf-8")
    done = _unshare(textwrap.dedent(f"""
        mount -t tmpfs -o size=256k tmpfs {disk} || exit 99
        {_blocwatch()} ingest --db {disk}/store.sqlite {articles} > {tmp_path}/out.txt
        echo "ingest=$?"
        head -c 1G /dev/zero > {disk}/filler 2>/dev/null
        {_blocwatch()} ingest --db {disk}/new.sqlite {articles}/a0.txt
        echo "open=$?"
    """))
    if "exit 99" in done.stderr or done.returncode == 99:
        pytest.skip("cannot mount a tmpfs here")
    assert "Traceback" not in done.stderr, done.stderr
    assert "ingest=1" in done.stdout and "open=2" in done.stdout   # a store that cannot be opened: 2
    assert done.stderr.count("the disk is full") == 2, done.stderr
    stored = int((tmp_path / "out.txt").read_text().split()[1].rstrip(","))
    assert 0 < stored < 60


# ---------------------------------------------------------------- concurrent creation

def _open_at_once(url: str, processes: int = 3) -> list[str]:
    code = ("import sys; from blocwatch.store import create_store_engine; "
            "create_store_engine(sys.argv[1]).dispose()")
    children = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE,
                                 text=True) for _ in range(processes)]
    failures = []
    for child in children:
        _, err = child.communicate(timeout=TIMEOUT)
        if child.returncode:
            failures.append(err.strip().splitlines()[-1])
    return failures


def test_processes_opening_a_new_sqlite_store_at_once_all_succeed(tmp_path):
    failures = []
    for round_ in range(10):      # before: one process in three failed, most rounds
        failures += _open_at_once(f"sqlite:///{tmp_path}/new{round_}.sqlite")
    assert failures == []


def test_processes_opening_a_new_postgresql_store_at_once_all_succeed():
    from kit.store import postgres_test_url, private_postgres
    base, reason = postgres_test_url()
    if base is None:
        pytest.skip(reason)
    failures = []
    for _round in range(4):       # before: "relation documents already exists"
        with private_postgres(base) as url:
            failures += _open_at_once(url)
    assert failures == []


def test_store_error_is_one_line():
    from blocwatch.store.faults import StoreError, explain
    assert "\n" not in str(explain(RuntimeError("a\nb"), "x"))
    assert isinstance(explain(StoreError("s"), "x"), StoreError)
