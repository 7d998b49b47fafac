"""HTML: trafilatura's main text and metadata, with the same cleaning and date rules."""
from __future__ import annotations

from blocwatch.model import Document, ReadError
from blocwatch.read import read_paths

from .conftest import read_doc, read_one

PARAS = ("<p>Die Außenminister der Schanghaier Organisation für Zusammenarbeit berieten in Astana "
         "über Handel und Sicherheit in Zentralasien.</p>"
         "<p>Am 4. Juli 2024 wurde Belarus als zehntes Mitglied der Organisation aufgenommen, "
         "teilte die Gastgeberin mit.</p>"
         "<p>Die nächste Zusammenkunft soll im kommenden Jahr in China stattfinden.</p>")


def test_main_text_title_url_outlet_and_meta_date(fixtures):
    doc = read_doc(fixtures / "de_article.html")
    assert doc.doc_id == "de_article"
    assert doc.title == "Finnland tritt der Nato bei"
    assert doc.date == "2023-04-04"
    assert doc.url == "https://www.beispielzeitung.de/politik/finnland-nato-100.html"
    assert doc.outlet == "beispielzeitung.de"
    assert doc.language == "de"
    assert "Finnland ist seit Dienstag das 31. Mitglied der Nato." in doc.text
    assert "Die Türkei und Ungarn stimmten als letzte Mitglieder zu." in doc.text
    for junk in ("Startseite", "Impressum", "Datenschutz", "Lesen Sie auch", "Copyright"):
        assert junk not in doc.text, junk


def test_date_in_the_body_is_not_guessed(tmp_path):
    path = tmp_path / "ohne_datum.html"
    path.write_text(f"<html><body><article><h1>SCO-Treffen</h1>{PARAS}</article></body></html>",
                    encoding="utf-8")
    doc = read_doc(path)
    assert doc.date is None
    assert "Belarus als zehntes Mitglied" in doc.text


def test_page_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "leer.html"
    path.write_text("<html><head><title>x</title><script>var a=1;</script></head>"
                    "<body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    err = read_one(path)
    assert isinstance(err, ReadError) and err.reason == "HTML has no main text"


def test_latin1_page_with_meta_charset(tmp_path):
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            f"</head><body><article><h1>Gipfel</h1>{PARAS}</article></body></html>")
    path = tmp_path / "latin.htm"
    path.write_bytes(html.encode("latin-1"))
    doc = read_doc(path)
    assert "Außenminister" in doc.text and "Schanghaier" in doc.text


def test_xml_declaration_does_not_break_extraction(tmp_path):
    path = tmp_path / "x.html"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<html><body><article>'
                    f"{PARAS}</article></body></html>", encoding="utf-8")
    items = list(read_paths([path]))
    assert isinstance(items[0], Document) and "Belarus" in items[0].text
