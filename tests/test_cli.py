"""`blocwatch extract`: jsonl and table output, one error line per bad file, exit status.

Fixture texts are invented by the team.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.cli import main

GOOD_DE = ("Russland entsandte im Januar 2022 Truppen nach Kasachstan. Zuvor hatte die Regierung in "
           "Astana die Verbündeten um Beistand gebeten. Die Lage in Almaty blieb über Tage angespannt.\n")
GOOD_EN = ("Iran supplied drones to Russia in 2022, officials in Washington said. The deliveries "
           "continued for months, and the drones were used against Ukrainian cities.\n")

BLOCWATCH = Path(sys.executable).with_name("blocwatch")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "a_de.txt").write_text(GOOD_DE, encoding="utf-8")
    (tmp_path / "b_en.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_binary.txt").write_bytes(bytes(range(256)) * 4 + b"\x00\x00\xff\xfe" * 64)
    return tmp_path


def _check_errors(stderr: str, corpus: Path) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 2, stderr
    assert any("c_empty.txt" in line for line in lines)
    assert any("d_binary.txt" in line for line in lines)
    for line in lines:
        assert "Traceback" not in line
        assert "a_de" not in line and "b_en" not in line


def _check_jsonl(stdout: str) -> None:
    lines = stdout.splitlines()
    assert len(lines) == 2, stdout
    objs = [json.loads(line) for line in lines]
    assert [o["doc"] for o in objs] == ["a_de", "b_en"]
    for o in objs:
        assert set(o) == {"doc", "date", "actors", "claims"}
    de, en = objs
    assert {"KAZ", "RUS"} <= set(de["actors"])
    assert ("RUS", "DEPLOY_FORCES", "KAZ") in {(c["subject"], c["relation"], c["object"]) for c in de["claims"]}
    supply = [c for c in en["claims"] if (c["subject"], c["relation"], c["object"]) == ("IRN", "SUPPLY", "RUS")]
    assert supply and supply[0]["goods"] == ["drones"]


def test_jsonl_via_main(corpus, capsys):
    status = main(["extract", str(corpus), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert status == 1
    _check_jsonl(out)
    _check_errors(err, corpus)


def test_table_via_main_prints_the_doc_ids(corpus, capsys):
    status = main(["extract", str(corpus)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "a_de" in out and "b_en" in out
    assert "DEPLOY_FORCES" in out and "SUPPLY" in out
    assert "c_empty" not in out and "d_binary" not in out
    _check_errors(err, corpus)


def test_good_files_only_exit_zero(corpus, capsys):
    status = main(["extract", str(corpus / "a_de.txt"), str(corpus / "b_en.txt"), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert status == 0
    assert len(out.splitlines()) == 2
    assert err == ""


def test_missing_file_is_an_error_line(tmp_path, capsys):
    status = main(["extract", str(tmp_path / "nope.txt"), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and "nope.txt" in err


@pytest.mark.skipif(not BLOCWATCH.exists(), reason="console script not installed beside the interpreter")
def test_installed_command_jsonl(corpus):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([str(BLOCWATCH), "extract", str(corpus), "--format", "jsonl"],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    _check_jsonl(proc.stdout)
    _check_errors(proc.stderr, corpus)


def test_parallel_extraction_gives_the_same_output_in_the_same_order(corpus, capsys):
    assert main(["extract", str(corpus), "--format", "jsonl"]) == 1   # the corpus holds bad files
    serial = capsys.readouterr()
    assert main(["extract", str(corpus), "--format", "jsonl", "--jobs", "2"]) == 1
    parallel = capsys.readouterr()
    assert parallel.out == serial.out and parallel.out.strip()
    assert sorted(parallel.err.splitlines()) == sorted(serial.err.splitlines())


def test_long_evidence_shows_the_window_around_the_cue():
    from blocwatch.cli import evidence_window
    sentence = "Vorweg " + "viele Worte " * 30 + "Russland lieferte Kasachstan Waffen" + " danach" * 20
    shown = evidence_window(sentence, "lieferte", width=80)
    assert "Russland lieferte Kasachstan" in shown and len(shown) <= 82
    assert shown.startswith("…") and shown.endswith("…")
    assert evidence_window("kurz", "lieferte") == "kurz"
