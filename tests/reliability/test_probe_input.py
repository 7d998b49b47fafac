"""What an adversarial probe of the readers broke (issue 14), kept broken no more.

- whitespace runs made a boilerplate regex quadratic (40k spaces: 32 s);
- a file name that is not UTF-8 aborted ingest (and made extract's JSONL invalid UTF-8);
- escape codes in a file name were printed raw;
- hidden HTML text (hidden, display:none, font-size:0, <noscript>) became claims;
- a large HTML page of tiny elements took 2 GB in trafilatura;
- one-line German articles were refused as Luxembourgish, and lines with no words were
  stored with no language; a binary .txt gave "(no claims)".

Linearity is checked without timing: the work runs in a child process with a generous
limit (a linear reader needs well under a second for inputs that the quadratic one
needed many minutes for), so the test is bounded and fails only on a real regression.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from blocwatch.model import Document, ReadError
from blocwatch.read import boilerplate, document_from_html, language, read_paths
from blocwatch.store import documents

DE = "Russland liefert Belarus neue Kampfflugzeuge. Kasachstan und China vertiefen ihre Zusammenarbeit im Handel."
EN = "Iran supplied drones to Russia, officials said on Tuesday. China did not deliver weapons to Russia."
LIMIT_SECONDS = 60       # what the quadratic code needed for these inputs: 200 s and more


def _bounded(code: str, seconds: float = LIMIT_SECONDS) -> str:
    """Run `code` in a child process; fail (not hang) when it does not end in time."""
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                              text=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish in {seconds} s: not linear in the input")
    assert done.returncode == 0, done.stderr
    return done.stdout


# ---------------------------------------------------------------- 1. linear reading

HOSTILE_RUNS = [" ", "\t", " \n", ".", ". ", "-", "/", "|", " > ", "aA", "\u00a0", "(", ":"]


def test_reading_long_runs_of_whitespace_and_punctuation_is_linear():
    # 100,000 spaces (or dashes) on one line: ~200 s with the quadratic patterns, ~1 s now
    out = _bounded(f"""
        from blocwatch.read import build_document, NoText
        from blocwatch.pipeline import extract, UnsupportedLanguage
        for run in {HOSTILE_RUNS!r}:
            text = {DE!r} + " " + run * (100_000 // len(run)) + " Ende."
            try:
                extract(build_document(text, "x"))
            except (NoText, UnsupportedLanguage):
                pass
        print("ok")
    """)
    assert out.strip() == "ok"


def test_every_boilerplate_pattern_is_linear_on_hostile_lines():
    """Each pattern of data/boilerplate.yaml on 100,000-character lines: a pattern added
    later that backtracks over long runs fails here, not in production."""
    out = _bounded(f"""
        from blocwatch.read.boilerplate import CONFIG, clean
        patterns = [r.regex for r in CONFIG.rules] + [p for p in (
            CONFIG.strip_spans, CONFIG.source_headings, CONFIG.source_items,
            CONFIG.header_start) if p is not None]
        for run in {HOSTILE_RUNS!r} + ["Lesedauer ", "bild: ", "© ", "www.", "a/b "]:
            line = "x " + run * (100_000 // len(run)) + " x"
            for pattern in patterns:
                pattern.search(line)
                pattern.sub("", line)
            clean(line + "\\n" + line)
        print(len(patterns))
    """)
    assert int(out) >= 10


def test_strip_spans_still_removes_inline_reading_time():
    cleaned = boilerplate.clean("Die Nato tagt in Brüssel.   Lesedauer: 6 Min.\nZweite Zeile hier.")
    assert "Lesedauer" not in cleaned.text
    assert cleaned.text.startswith("Die Nato tagt in Brüssel.")


# ---------------------------------------------------------------- 2, 9. odd file names

def _odd_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / os.fsdecode(b"b\xe9richt.txt")).write_text(DE, encoding="utf-8")
    (folder / "good.txt").write_text(EN, encoding="utf-8")
    (folder / "c\x1b[31mred\x07.txt").write_bytes(b"\x00\x01\x02 binary")
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "a\ud800b", "title": "t\udc00", "text": "Russland liefert Serbien Panzer \ud800 und Munition."})
        + "\n", encoding="utf-8", errors="surrogatepass")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "blocwatch.cli", *args], capture_output=True,
                          timeout=300)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_name_that_is_not_utf8_costs_nothing(tmp_path, jobs):
    _odd_batch(tmp_path / "in")
    db = tmp_path / "store.sqlite"
    done = _run("ingest", "--db", str(db), "--jobs", jobs, str(tmp_path / "in"))
    stderr = done.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert done.returncode == 1                    # the binary file failed, as it should
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.doc_id, documents.c.path, documents.c.title)).all()
    engine.dispose()
    assert len(rows) == 3                          # the odd name, the good file, the JSONL line
    assert "b\ufffdricht" in {r.doc_id for r in rows}
    assert "a\ufffdb" in {r.doc_id for r in rows}
    again = _run("ingest", "--db", str(db), "--jobs", jobs, str(tmp_path / "in"))
    assert b"Traceback" not in again.stderr and b"skipped 3" in again.stdout


def test_extract_jsonl_is_valid_utf8_and_errors_escape_control_characters(tmp_path):
    _odd_batch(tmp_path / "in")
    done = _run("extract", "--format", "jsonl", str(tmp_path / "in"))
    lines = done.stdout.decode("utf-8").splitlines()      # strict: raises on invalid UTF-8
    assert {json.loads(line)["doc"] for line in lines} >= {"b\ufffdricht", "good"}
    errors = done.stderr.decode("utf-8")
    assert "\x1b" not in errors and "\x07" not in errors
    assert "c\\x1b[31mred\\x07.txt: binary file" in errors
    assert len([ln for ln in errors.splitlines() if "error:" in ln]) == 1


def test_read_errors_print_on_one_line():
    assert str(ReadError("a\nb\x1b]0;title\x07.txt", "x")) == "a\\nb\\x1b]0;title\\x07.txt: x"


# ---------------------------------------------------------------- 4. hidden HTML

HIDDEN_PAGE = """<html><head><title>Test</title></head><body><article>
<p>Russland liefert Belarus neue Kampfflugzeuge, teilte das Ministerium am Montag mit.
Die Lieferung umfasst mehrere Maschinen und Ersatzteile.</p>
<p hidden>China liefert Nordkorea Raketen.</p>
<div style="display: none">Russland liefert Syrien Panzer.</div>
<span style="color:red;font-size:0px">Iran liefert Venezuela Drohnen.</span>
<noscript>Belarus liefert Serbien Munition.</noscript>
<p style="visibility:hidden !important">Armenien liefert Iran Waffen.</p>
<p style="font-size:0.9em">Kasachstan und China vertiefen ihre Zusammenarbeit im Handel deutlich.</p>
</article></body></html>"""


def test_hidden_html_text_is_not_read():
    doc = document_from_html(HIDDEN_PAGE, "hidden")
    assert "Kampfflugzeuge" in doc.text and "Kasachstan" in doc.text    # visible text stays
    for planted in ("Nordkorea", "Syrien", "Venezuela", "Serbien", "Armenien"):
        assert planted not in doc.text, planted


# ---------------------------------------------------------------- 8. large HTML

def test_html_of_many_tiny_elements_is_refused_with_a_reason():
    from blocwatch.read.html import MAX_ELEMENTS
    html = "<html><body>" + "<p>x</p>" * (MAX_ELEMENTS + 10) + "</body></html>"
    with pytest.raises(Exception) as caught:
        document_from_html(html, "many")
    assert "too many elements" in caught.value.reason


def test_a_49_mb_html_file_is_refused_in_bounded_memory(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "bench_hostile", Path(__file__).resolve().parents[2] / "bench" / "hostile.py")
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    reason, peak_mb = hostile.big_html_peak(tmp_path)   # the benchmark's own measurement
    assert reason.startswith("HTML too large to extract (51 million characters, limit 5)")
    assert peak_mb < 600          # was 2,060 MB; the file and its text are ~100 MB


# ---------------------------------------------------------------- 10. language

GERMAN_LINES = [
    "Russland liefert Waffen an Belarus.",
    "Kasachstan bittet die OVKS um militärische Hilfe gegen Unruhen.",
    "Nordkorea schickt Artilleriemunition nach Russland, sagt ein Sprecher.",
    "Die Türkei kritisiert Syrien scharf.",
    "China und Russland vertiefen ihre Zusammenarbeit.",
    "Belarus unterstützt Russland mit Truppen.",
]
ENGLISH_LINES = [
    "Russia supplies weapons to Belarus.",
    "Kazakhstan asked the CSTO for military help against the unrest.",
    "North Korea sends artillery shells to Russia, a spokesman said.",
    "China and Russia deepen their cooperation.",
]


@pytest.mark.parametrize("line", GERMAN_LINES)
def test_one_line_german_articles_are_german(line):
    assert language.detect(line) == "de"


@pytest.mark.parametrize("line", ENGLISH_LINES)
def test_one_line_english_articles_are_english(line):
    assert language.detect(line) == "en"


@pytest.mark.parametrize("line,code", [
    ("La Russie livre des armes à la Biélorussie et à la Syrie.", "fr"),
    ("Россия поставляет оружие Беларуси и Сирии.", "ru"),
    ("Rusia suministra armas a Bielorrusia y Siria.", "es"),
])
def test_short_texts_in_other_languages_are_still_named(line, code):
    assert language.detect(line) == code


def test_text_with_no_language_signal_is_an_error_not_an_empty_language(tmp_path):
    from blocwatch.read.text import NO_LANGUAGE
    (tmp_path / "numbers.txt").write_text("x0\nx1\nx2\n" * 50, encoding="utf-8")
    (tmp_path / "digits.txt").write_text("12345 67890 !!! 4711", encoding="utf-8")
    (tmp_path / "good.txt").write_text(DE, encoding="utf-8")
    found = {Path(i.path).name: i for i in read_paths([tmp_path])}
    assert isinstance(found["good.txt"], Document) and found["good.txt"].language == "de"
    for name in ("numbers.txt", "digits.txt"):
        assert isinstance(found[name], ReadError), found[name]
        assert found[name].reason == NO_LANGUAGE


def test_a_binary_txt_is_a_read_error(tmp_path):
    # bytes that decode (no NUL, valid Windows-1252) but are no text: symbols and digits
    data = bytes(range(0x21, 0x40)) * 20 + b"\xa7\xb1\xb6" * 30
    (tmp_path / "blob.txt").write_bytes(data)
    [item] = read_paths([tmp_path / "blob.txt"])
    assert isinstance(item, ReadError)
    assert re.match(r"(binary file|no language detected|not valid)", item.reason), item.reason
