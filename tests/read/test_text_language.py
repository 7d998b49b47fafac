"""End to end on invented scrapes, and language identification."""
from __future__ import annotations

from blocwatch.read import language

from .conftest import read_doc


def test_english_scrape(fixtures):
    doc = read_doc(fixtures / "en_scrape_sco.txt")
    assert doc.language == "en"
    assert doc.date == "2024-07-04"
    assert doc.outlet == "examplenews.com"
    assert doc.title == "SCO summit: Leaders meet in Astana"
    assert doc.text == (
        "SCO summit: Leaders meet in Astana\n\n"
        "Leaders of the Shanghai Cooperation Organisation met in Astana on Thursday. "
        "Belarus joined the bloc as its tenth member.\n\n"
        "The summit adopted a declaration on regional security. "
        "Kazakhstan handed the rotating chair to China."
    )


def test_german_scrape_end_to_end(fixtures):
    doc = read_doc(fixtures / "de_scrape_nato.txt")
    assert doc.language == "de"
    assert doc.date == "2024-03-07"
    assert doc.title == "Nato-Erweiterung: Schweden tritt dem Bündnis bei"
    assert doc.outlet is None
    assert doc.text.splitlines()[:4] == [
        "Nato-Erweiterung", "Schweden tritt dem Bündnis bei", "",
        "Schweden ist das 32. Mitglied der Nato. Ministerpräsident Ulf Kristersson übergab "
        "die Beitrittsurkunde am Donnerstag in Washington.",
    ]


def test_agency_is_the_outlet_only_when_nothing_better(fixtures):
    assert read_doc(fixtures / "de_dateline_agency.txt").outlet == "dpa"
    assert read_doc(fixtures / "de_stand_marker.txt").outlet == "beispielschau.de"


def test_offsets_index_document_text(fixtures):
    doc = read_doc(fixtures / "de_news_csto.txt")
    sentence = "Die Regierung in Astana hatte die Partnerstaaten zuvor offiziell um Hilfe ersucht."
    start = doc.text.index(sentence)
    assert doc.text[start:start + len(sentence)] == sentence
    assert "Bild:" not in doc.text and "Folgen Sie" not in doc.text and "Themen" not in doc.text


def test_language_german_and_english():
    assert language.detect("Die Nato hat ihre Präsenz an der Ostflanke deutlich verstärkt.") == "de"
    assert language.detect("NATO has strengthened its presence on the eastern flank.") == "en"


def test_language_of_very_short_text_is_none():
    assert language.detect("NATO, OVKS") is None
    assert language.detect("12345 67890 !!!") is None
