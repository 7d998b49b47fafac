"""Walking paths: order, skipping, explicit files, the size guard."""
from __future__ import annotations

from pathlib import Path

from blocwatch.model import Document, ReadError
from blocwatch.read import files, read_paths

ARTICLE = "Titel\n\nDie Nato hat 32 Mitglieder, seit Schweden im März 2024 beigetreten ist."


def write(path: Path, text: str = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_directories_are_walked_recursively_in_name_order(tmp_path):
    write(tmp_path / "b.txt")
    write(tmp_path / "a" / "z.text")
    write(tmp_path / "a" / "b" / "c.txt")
    write(tmp_path / "c.htm", "<html><body><article><p>" + ARTICLE * 3 + "</p></article></body></html>")
    write(tmp_path / "notes.md")                 # unknown extension: skipped silently
    write(tmp_path / ".hidden.txt")              # hidden file: skipped
    write(tmp_path / ".git" / "x.txt")           # hidden directory: skipped
    items = list(read_paths([tmp_path]))
    assert all(isinstance(i, Document) for i in items), items
    rel = [Path(i.path).relative_to(tmp_path).as_posix() for i in items]
    assert rel == ["a/b/c.txt", "a/z.text", "b.txt", "c.htm"]
    assert [i.doc_id for i in items] == ["c", "z", "b", "c"]


def test_explicit_paths_keep_their_order_and_single_path_works(tmp_path):
    b, a = write(tmp_path / "b.txt"), write(tmp_path / "a.txt")
    assert [d.doc_id for d in read_paths([b, str(a)])] == ["b", "a"]
    assert [d.doc_id for d in read_paths(str(a))] == ["a"]


def test_explicit_file_with_unknown_extension_is_an_error(tmp_path):
    path = write(tmp_path / "artikel.pdf")
    (err,) = read_paths([path])
    assert isinstance(err, ReadError)
    assert "unsupported file type '.pdf'" in err.reason


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path):
    good = write(tmp_path / "gut.txt")
    items = list(read_paths([tmp_path / "fehlt.txt", good]))
    assert isinstance(items[0], ReadError) and items[0].reason == "no such file or directory"
    assert isinstance(items[1], Document) and items[1].doc_id == "gut"


def test_too_large_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 10)
    (err,) = read_paths([write(tmp_path / "gross.txt")])
    assert isinstance(err, ReadError) and err.reason.startswith("too large")


def test_one_broken_file_does_not_stop_the_batch(tmp_path):
    write(tmp_path / "1.txt")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    write(tmp_path / "4.txt")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document"]
    assert [i.reason for i in items if isinstance(i, ReadError)] == ["empty file", "binary file"]


def test_only_boilerplate_is_an_error(tmp_path):
    (err,) = read_paths([write(tmp_path / "leer.txt", "Loading...\nLoading...\nAnzeige\n")])
    assert isinstance(err, ReadError)
    assert err.reason == "no article text left after removing boilerplate"


def test_document_fields_from_a_text_file(fixtures):
    (doc,) = read_paths([fixtures / "de_news_csto.txt"])
    assert doc.doc_id == "de_news_csto"
    assert doc.path == str(fixtures / "de_news_csto.txt")
    assert doc.outlet == "beispielnews.de"
    assert doc.title == "OVKS-Einsatz: Friedenstruppe erreicht Almaty"
    assert doc.language == "de"
    assert doc.date is None
    assert doc.hash and len(doc.hash) == 64
