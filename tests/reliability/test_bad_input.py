"""A bad-input corpus, generated here, through `blocwatch extract` and `blocwatch ingest`.

Every input is invented by the team. Each bad file must give one clear error line (or the
documented result), never stop the batch; the good files around it must be extracted and
stored; the exit status must say that something failed; memory must stay bounded even
with a 100 MB file and a 100 MB JSONL line.

The commands run as subprocesses, so that their peak memory can be measured on its own
(os.wait4 gives the rusage of exactly that child).
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from blocwatch.store import claims, documents

MB = 1024 * 1024
PEAK_RSS_LIMIT_MB = 600          # generous: the interpreter with its libraries is ~200 MB

# Invented articles; each good one has text of its own (the store keeps one copy per text).
DE = ("Russland liefert Belarus neue Kampfflugzeuge. Kasachstan und China vertiefen ihre "
      "Zusammenarbeit im Handel.")
EN = "Iran supplied drones to Russia, officials said on Tuesday. China did not deliver weapons to Russia."

GOOD = {   # file name -> doc ids it must give
    "01_good.txt": ["01_good"],
    "04_latin1.txt": ["04_latin1"],
    "05_utf16.txt": ["05_utf16"],
    "06_malformed.html": ["06_malformed"],
    "08_broken.jsonl": ["j1", "j4"],
    "11_longline.txt": ["11_longline"],
    "12_good_en.txt": ["12_good_en"],
    "13_bad_bytes.txt": ["13_bad_bytes"],
    "17_big.jsonl": ["g1", "g2"],
}
# file name -> the reasons of its error lines (a prefix of each), in order
BAD = {
    "02_empty.txt": ["empty file"],
    "03_binary.txt": ["binary file"],
    "07_nested.html": ["HTML has no main text"],     # documented: lxml stops at depth 255
    "08_broken.jsonl": ["JSONL line 2: not JSON", "JSONL line 3: no 'text' or 'html' field",
                        "JSONL line 4: not a JSON object", "JSONL line 5: not JSON"],
    "09_french.txt": ["unsupported language: fr"],
    "10_russian.txt": ["unsupported language: ru"],
    "14_nul.html": ["binary file"],
    "15_bom_only.txt": ["empty file"],
    "16_big.txt": ["too large (101 MB, limit 50 MB)"],
    "17_big.jsonl": ["JSONL line 2: too large"],
}


def _write_big_text(path: Path) -> None:
    line = ("Russland liefert Belarus neue Kampfflugzeuge, meldet die Zeitung. " * 16 + "\n").encode()
    block = line * 1000
    with open(path, "wb") as fh:
        written = 0
        while written < 100 * MB:
            fh.write(block)
            written += len(block)


def _write_big_jsonl(path: Path) -> None:
    """A good line, a single 100 MB line, a good line."""
    with open(path, "wb") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Belarus supplied ammunition to Russia, "
                             "the ministry in Minsk said."}).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "')
        block = b"Kasachstan und China vertiefen ihre Zusammenarbeit. " * 20000
        written = 0
        while written < 100 * MB:
            fh.write(block)
            written += len(block)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "g2", "text": "Armenia asked Russia for help, officials "
                             "in Yerevan said on Monday."}).encode() + b"\n")


def make_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "01_good.txt").write_text(DE, encoding="utf-8")
    (root / "02_empty.txt").write_bytes(b"")
    (root / "03_binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "04_latin1.txt").write_bytes(("Grüße aus Köln. Rußland liefert Belarus neue "
                                          "Kampfflugzeuge, heißt es.").encode("latin-1"))
    (root / "05_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + (
        "Übersicht: Russland und Belarus vertiefen ihre Zusammenarbeit, heißt es in Minsk."
    ).encode("utf-16-le"))
    (root / "06_malformed.html").write_text(
        "<html><body><div><p>" + EN + "<p><b><i>unclosed <table><tr><td>x</div></span>"
        "</body>", encoding="utf-8")
    (root / "07_nested.html").write_text(
        "<html><body>" + "<div>" * 50_000 + "<p>" + DE + "</p>" + "</div>" * 50_000
        + "</body></html>", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": EN + " Officials in Kyiv confirmed it."}), "{not json",
             json.dumps({"id": "j2", "title": "no text"}), "[1, 2]",
             json.dumps({"id": "j3", "text": DE})[:-10],      # cut off
             json.dumps({"id": "j4", "text": DE + " Armenien bat Moskau um Hilfe."})]
    (root / "08_broken.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "09_french.txt").write_text(
        "La Russie a livré des avions de combat à la Biélorussie, a annoncé lundi le "
        "ministère. Le Kazakhstan et la Chine renforcent leur coopération commerciale.",
        encoding="utf-8")
    (root / "10_russian.txt").write_text(
        "Россия поставила Белоруссии новые истребители, сообщило в понедельник министерство. "
        "Казахстан и Китай укрепляют торговое сотрудничество.", encoding="utf-8")
    sentence = "Russland liefert Belarus Munition, berichtet die Zeitung in Minsk. "
    (root / "11_longline.txt").write_text(sentence * (50_000 // len(sentence) + 1),
                                          encoding="utf-8")
    (root / "12_good_en.txt").write_text("Turkey criticized Russia on Friday, the foreign "
                                         "ministry in Ankara said.", encoding="utf-8")
    (root / "13_bad_bytes.txt").write_bytes(
        "Iran liefert Russland Drohnen, meldet die Agentur. ".encode() + b"\xff\xfe\x80"
        + " Peking und Moskau bekräftigten ihre Partnerschaft.".encode())
    (root / "14_nul.html").write_bytes(b"<html>\x00\x01\x02\x00" * 500)
    (root / "15_bom_only.txt").write_bytes(codecs.BOM_UTF8)
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")    # skipped: not an article type
    _write_big_text(root / "16_big.txt")
    _write_big_jsonl(root / "17_big.jsonl")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("bad-input") / "corpus")


def run(*args: str, cwd: Path) -> tuple[int, str, str, int]:
    """(exit status, stdout, stderr, peak RSS in MB) of `blocwatch ARGS` in a subprocess."""
    out, err = cwd / "stdout", cwd / "stderr"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("BLOCWATCH_DB", None)
    with open(out, "wb") as o, open(err, "wb") as e:
        process = subprocess.Popen([sys.executable, "-m", "blocwatch.cli", *args],
                                   stdout=o, stderr=e, env=env, cwd=cwd)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return (process.returncode, out.read_text(encoding="utf-8"),
            err.read_text(encoding="utf-8"), usage.ru_maxrss // 1024)   # KB on Linux


def _errors_by_file(lines: list[str], corpus: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in lines:
        path, _, reason = line.partition(": ")
        found.setdefault(Path(path).name, []).append(reason)
    return found


def _check_errors(found: dict[str, list[str]]) -> None:
    assert set(found) == set(BAD), found
    for name, reasons in BAD.items():
        assert len(found[name]) == len(reasons), (name, found[name])
        for got, want in zip(found[name], reasons, strict=True):
            assert want in got, (name, got, want)   # ingest adds "extraction failed: ..."
            assert "Traceback" not in got and "\n" not in got


def test_extract_reports_each_bad_file_on_one_line_and_extracts_the_rest(corpus, tmp_path):
    status, out, err, peak_mb = run("extract", str(corpus), "--format", "jsonl", cwd=tmp_path)
    assert status == 1                                   # something failed
    assert "Traceback" not in err
    error_lines = err.splitlines()
    assert all(line.startswith("blocwatch: error: ") for line in error_lines), err
    _check_errors(_errors_by_file([line.removeprefix("blocwatch: error: ")
                                   for line in error_lines], corpus))

    results = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"] for r in results] == [d for ids in GOOD.values() for d in ids]
    by_doc = {r["doc"]: r for r in results}
    assert "RUS" in by_doc["04_latin1"]["actors"]         # 'Rußland' decoded from Latin-1
    assert {"BLR", "RUS"} <= set(by_doc["11_longline"]["actors"])
    assert by_doc["11_longline"]["claims"]
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {peak_mb} MB"


def test_ingest_stores_the_good_documents_and_says_what_failed(corpus, tmp_path):
    db = tmp_path / "store.sqlite"
    status, out, err, peak_mb = run("ingest", str(corpus), "--db", str(db), "--no-progress",
                                    "--format", "json", cwd=tmp_path)
    assert status == 1, err
    report = json.loads(out)
    good_ids = [d for ids in GOOD.values() for d in ids]
    assert report["stored"] == len(good_ids) and report["skipped"] == 0
    _check_errors(_errors_by_file([f"{f['path']}: {f['reason']}" for f in report["failed"]],
                                  corpus))
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            stored = set(conn.execute(select(documents.c.doc_id)).scalars())
            n_claims = conn.execute(select(func.count()).select_from(claims)).scalar()
            texts = dict(conn.execute(select(documents.c.doc_id, documents.c.text)).all())
    finally:
        engine.dispose()
    assert stored == set(good_ids)
    assert n_claims == report["claims"] > 0
    assert len(texts["11_longline"]) >= 50_000
    assert "Grüße" in texts["04_latin1"] and "heißt" in texts["05_utf16"]
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {peak_mb} MB"




def test_a_100_mb_jsonl_line_is_skipped_without_holding_it_in_memory(tmp_path):
    """The reader refuses a line over the limit without reading all of it: the peak memory
    of a run over a 100 MB line stays within the 50 MB limit of a run over small lines."""
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    (small / "a.jsonl").write_text(json.dumps({"id": "g1", "text": EN}) + "\n", encoding="utf-8")
    _write_big_jsonl(big / "a.jsonl")
    *_, base_mb = run("extract", str(small), cwd=tmp_path)
    status, _out, err, big_mb = run("extract", str(big), cwd=tmp_path)
    assert status == 1 and "JSONL line 2: too large" in err
    assert big_mb - base_mb < 130, (base_mb, big_mb)   # whole line held: ~190 MB more
