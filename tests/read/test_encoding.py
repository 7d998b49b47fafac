"""Bytes to text: legacy encodings decode, non-text is refused with a reason."""
from __future__ import annotations

import codecs

import pytest

from blocwatch.model import Document, ReadError
from blocwatch.read import encoding

from .conftest import read_one

GERMAN = ("Größere Übungen der OVKS fanden in Tadschikistan statt. Die Außenminister "
          "äußerten sich zufrieden über die Zusammenarbeit.")


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
def test_text_files_in_common_encodings_decode(tmp_path, codec):
    data = GERMAN.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / f"artikel_{codec}.txt"
    path.write_bytes(data)
    doc = read_one(path)
    assert isinstance(doc, Document), doc
    assert doc.text == GERMAN
    assert doc.doc_id == f"artikel_{codec}"


def test_utf16_without_bom_decodes():
    assert encoding.decode(GERMAN.encode("utf-16-le")) == GERMAN


def test_windows_1252_quotes_and_dashes():
    # charset-normalizer alone reads this as cp1250 and turns "è" into "č".
    text = "Treffen in Genève: „Ein Fortschritt“ – sagte der Minister."
    assert encoding.decode(text.encode("cp1252")) == text


def test_short_latin1_text_is_not_misread():
    assert encoding.decode("Die NATO tagt in Brüssel".encode("latin-1")) == "Die NATO tagt in Brüssel"


def test_declared_charset_is_used():
    text = "Москва и Минск"
    assert encoding.decode(text.encode("koi8_r"), declared="koi8-r") == text


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", codecs.BOM_UTF8 + b"  \n"])
def test_empty_files_give_read_error(tmp_path, data):
    path = tmp_path / "leer.txt"
    path.write_bytes(data)
    err = read_one(path)
    assert isinstance(err, ReadError)
    assert err.reason == "empty file" and err.path == str(path)


def test_binary_file_gives_read_error(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    err = read_one(path)
    assert isinstance(err, ReadError) and err.reason == "binary file"


def test_control_character_soup_is_binary():
    with pytest.raises(encoding.DecodeError, match="binary file"):
        encoding.decode(bytes(range(1, 32)) * 20 + b"abc")


def test_normalize_fixes_invisible_and_odd_characters():
    raw = "Kasach\u00adstan\u00a0und\u200b Belaru\u0308s\r\nzweite Zeile\rdritte"
    assert encoding.normalize(raw) == "Kasachstan und Belarüs\nzweite Zeile\ndritte"
