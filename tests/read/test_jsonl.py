"""JSONL: one article per line; a broken line costs only that line."""
from __future__ import annotations

from blocwatch.model import Document, ReadError
from blocwatch.read import read_paths


def test_fixture_lines_give_documents_and_errors_in_order(fixtures):
    items = list(read_paths([fixtures / "articles.jsonl"]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document", "Document"]
    sweden, broken, no_text, sco, csto = items

    assert sweden.doc_id == "nato-sweden"
    assert sweden.outlet == "example-news.com"
    assert sweden.url == "https://www.example-news.com/world/sweden-nato"
    assert sweden.title == "Sweden joins NATO"
    assert sweden.date == "2024-03-07"
    assert sweden.language == "en"
    assert "Read more" not in sweden.text
    assert sweden.text.startswith("Sweden became the 32nd member of NATO")

    assert broken.reason.startswith("JSONL line 2: not JSON (")
    assert no_text.reason == "JSONL line 3: no 'text' or 'html' field"

    assert sco.doc_id == "articles:4"
    assert sco.outlet == "Beispielagentur"
    assert sco.date == "2024-07-04"
    assert "Belarus wurde als zehntes Mitglied aufgenommen." in sco.text

    assert csto.doc_id == "articles:6"            # line 5 is blank and skipped
    assert csto.date == "2022-01"
    assert csto.text.startswith("Kasachstan ersucht die OVKS")


def test_bad_lines_of_every_kind(tmp_path):
    path = tmp_path / "mix.jsonl"
    path.write_bytes(
        b'{"text": "Armenien setzt seine Mitarbeit in der OVKS aus, teilte die Regierung mit."}\n'
        b'[1, 2, 3]\n'
        b'{"text": 42}\n'
        b'{"text": "Georgien \xff\xfe bleibt"}\n'
        b'{"text": "Loading..."}\n'
        b'{"text": ""}\n'
        b'{"id": 7, "text": "Aserbaidschan verl\xc3\xa4ngerte seine Mitgliedschaft 1999 nicht."}\n'
    )
    items = list(read_paths([path]))
    reasons = [i.reason for i in items if isinstance(i, ReadError)]
    assert reasons == [
        "JSONL line 2: not a JSON object",
        "JSONL line 3: 'text' is not a string",
        "JSONL line 4: not valid UTF-8",
        "JSONL line 5: no article text left after removing boilerplate",
        "JSONL line 6: empty 'text'/'html' field",
    ]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.doc_id for d in docs] == ["mix:1", "7"]
    assert docs[1].text == "Aserbaidschan verlängerte seine Mitgliedschaft 1999 nicht."


def test_empty_and_binary_jsonl_files(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "b.jsonl").write_bytes(b"\x00\x01\x02\x03" * 50)
    items = list(read_paths([tmp_path]))
    assert [(i.path.endswith(n), i.reason) for i, n in zip(items, ["a.jsonl", "b.jsonl"])] == [
        (True, "empty file"), (True, "binary file")]


def test_utf16_jsonl_is_read(tmp_path):
    path = tmp_path / "u16.jsonl"
    line = '{"id": "x", "text": "Kirgistan und Tadschikistan streiten über ihre gemeinsame Grenze."}\n'
    path.write_bytes(line.encode("utf-16"))
    (doc,) = read_paths([path])
    assert isinstance(doc, Document) and doc.doc_id == "x"
    assert doc.text.startswith("Kirgistan und Tadschikistan")


def test_invalid_date_field_falls_back_to_the_text(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"date": "unbekannt", "text": "Titel\\nAktualisiert am 02.08.2023\\n\\n'
                    'Die Eurasische Wirtschaftsunion hat fünf Mitglieder."}\n', encoding="utf-8")
    (doc,) = read_paths([path])
    assert doc.date == "2023-08-02"
