"""The boilerplate filter: each kind of page chrome goes, article text stays."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from blocwatch.read import boilerplate

PARA_DE = ("Die Staats- und Regierungschefs der Nato-Staaten trafen sich in Vilnius. "
           "Dort ging es um die Aufnahme Schwedens und um die Hilfe für die Ukraine.")
PARA_EN = ("NATO leaders met in Vilnius in July 2023. They discussed Sweden's accession "
           "and long-term support for Ukraine.")


def cleaned(*lines: str) -> str:
    return boilerplate.clean("\n".join(lines)).text


def removed_names(*lines: str) -> list[str]:
    return [name for name, _ in boilerplate.clean("\n".join(lines)).removed if _]


@pytest.mark.parametrize("line, rule", [
    ("Folgen Sie Beispielnews.de schon bei Facebook, Twitter und YouTube? Dort gibt es mehr.", "social"),
    ("Follow us on Facebook and Instagram for more stories.", "social"),
    ("• Artikel teilen:", "social"),
    ("Share this article", "social"),
    ("Loading...", "loading"),
    ("Wird geladen …", "loading"),
    ("Lesen Sie auch: Finnland schließt die Grenze zu Russland", "teaser"),
    ("Lesen Sie mehr: Was die OVKS zusammenhält", "teaser"),
    ("Read more: What Sweden brings to NATO", "teaser"),
    ("Also read: The CSTO at thirty", "teaser"),
    ("Soldaten bei einer Übung in Belarus. Bild: picture alliance/dpa/Beispiel | Max Muster", "caption"),
    ("Soldaten bei einer Übung in Belarus. (Foto) Suche", "caption"),
    ("Foto: Beispielagentur", "caption"),
    ("Gipfeltreffen in Astana. (Quelle: Max Beispiel/Bildagentur)", "caption"),
    ("Gipfeltreffen in Astana.Vergrößern des Bildes", "caption"),
    ("Legende: Die Delegationen vor dem Palast der Unabhängigkeit. Beispielagentur/POOL", "caption"),
    ("Photo: Example Agency", "caption"),
    ("Image: Example Photo/Agency", "caption"),
    ("Credit: Jane Example", "caption"),
    ("Leaders at the summit in Astana. Photo: Example Agency", "caption"),
    ("Erstellt von - Uhr", "byline"),
    ("Von Erika Beispiel, beispielschau.de", "byline"),
    ("By Jane Example and John Sample", "byline"),
    ("von dpa", "agency_byline"),
    ("Themen:", "tags"),
    ("Themen", "tags"),
    ("Neueste Artikel", "promo"),
    ("Anzeige", "promo"),
    ("ShoppingAnzeigen", "promo"),
    ("/beispielnews.de", "signature"),
    ("abc/xy/beispielnews.de", "signature"),
    ("HomePolitikAusland", "navigation"),
    ("Suche IconMenü IconKonto Icon", "navigation"),
    ("Home > World > Europe", "navigation"),
    ("Lesedauer: 6 Min.", "meta"),
    ("Politik", "section"),
])
def test_each_kind_of_boilerplate_line_is_removed(line, rule):
    result = boilerplate.clean(f"Gipfel in Vilnius\n\n{PARA_DE}\n\n{line}\n\n{PARA_EN}")
    assert line.strip() not in result.text
    assert (rule, line.strip()) in result.removed
    assert PARA_DE in result.text and PARA_EN in result.text
    assert result.text.startswith("Gipfel in Vilnius")


@pytest.mark.parametrize("line", [
    "Nato-Gipfel: Schweden darf beitreten",                      # headline
    "YouTube sperrt Kanäle russischer Staatsmedien",             # one CamelCase word only
    "Von Moskau nach Minsk",                                     # not a byline
    "Folgen Sie dem Geld, sagt die Ermittlerin, dann finden Sie die Hintermänner.",
    "Das Foto zeigt die Außenminister beim Treffen in Brüssel.",
    "Themenabend in Berlin: Wie sicher ist die Ostflanke?",
    "- Belarus, Kasachstan und Armenien sind Mitglieder der Eurasischen Wirtschaftsunion.",
    "Quellen zufolge plant die Regierung einen neuen Anlauf.",
])
def test_article_lines_are_kept(line):
    text = cleaned("Gipfel in Vilnius", "", PARA_DE, "", line, "", PARA_EN)
    assert line in text


def test_caption_repeating_the_previous_line_is_removed():
    caption = "Die Außenminister der Nato-Staaten bei ihrem Treffen in Brüssel."
    text = cleaned("Treffen in Brüssel", "", PARA_DE, "", caption,
                   caption + " Beispielagentur", "", PARA_EN)
    assert text.count("Die Außenminister") == 1            # the first stays, its repeat goes
    assert "Beispielagentur" not in text
    names = removed_names("x", "", PARA_DE, caption, caption)
    assert "duplicate" in names


def test_headline_followed_by_lead_that_starts_alike_is_not_a_duplicate():
    head = "Putin reist nach Peking"
    lead = "Putin reist nach Peking, um mit Xi Jinping über Handel und Energie zu sprechen."
    assert cleaned(head, lead) == f"{head}\n{lead}"


def test_source_list_at_the_end_is_removed_with_its_bullets():
    text = cleaned(
        "Titel", "", PARA_DE, "",
        "Verwendete Quellen",
        "  • beispiel.de: Schweden wird Mitglied",
        "  • nachrichten.example.org: Der lange Weg nach Brüssel",
    )
    assert text == f"Titel\n\n{PARA_DE}"


def test_english_sources_heading_with_dashes():
    text = cleaned("Title", "", PARA_EN, "", "Sources:", "- Example Wire: a report",
                   "- Example Daily: another report")
    assert "Example" not in text
    assert text.endswith(PARA_EN)


def test_list_inside_article_is_kept():
    items = ["• Russland", "• Belarus", "• Kasachstan"]
    text = cleaned("Titel", "", "Die Mitglieder der Eurasischen Wirtschaftsunion sind:", *items,
                   "", PARA_DE)
    for item in items:
        assert item in text


def test_page_chrome_above_the_headline_is_removed(fixtures):
    raw = (fixtures / "de_scrape_nato.txt").read_text("utf-8")
    result = boilerplate.clean(raw)
    text = result.text
    assert text.startswith("Nato-Erweiterung\nSchweden tritt dem Bündnis bei\n")
    for junk in ("Beispielportal", "Frankreich", "Icon", "StartseitePolitik",
                 "Lesedauer", "Lesen Sie", "Loading", "Verwendete Quellen", "beispiel-agentur",
                 "Anzeige", "Neueste Artikel", "FirmaXyz", "Vergrößern", "Quelle:"):
        assert junk not in text, junk
    assert "Schweden ist das 32. Mitglied der Nato." in text
    assert "Die Türkei hatte ihre Zustimmung bereits im Januar gegeben." in text


def test_chrome_is_not_assumed_without_evidence():
    # A headline and a lead before the stamp, nothing flagged above: everything stays.
    text = cleaned("Schweden tritt der Nato bei", "", PARA_DE, "",
                   "Aktualisiert am 07.03.2024", "", PARA_EN)
    assert text.startswith("Schweden tritt der Nato bei\n\n" + PARA_DE)


def test_outlet_signatures_are_collected():
    result = boilerplate.clean(f"Titel\n\nVon Erika Beispiel, beispielschau.de\n\n{PARA_DE}\n\n/news.example.de")
    assert result.outlets == ["beispielschau.de", "news.example.de"]
    result = boilerplate.clean(f"{PARA_DE}\n\nvon dpa\n\n{PARA_EN}")
    assert result.agencies == ["dpa"] and result.outlets == []


def test_footer_lines_after_last_paragraph_are_removed():
    text = cleaned("Titel", "", PARA_DE, "", "BeispielCo2 Neutrale Website", "Impressum")
    assert text == f"Titel\n\n{PARA_DE}"


def test_blank_line_runs_collapse():
    assert cleaned("A headline", "", "", "", PARA_DE) == f"A headline\n\n{PARA_DE}"


def test_config_rejects_a_bad_pattern():
    with pytest.raises(ValueError, match="bad pattern"):
        boilerplate._Config({"rules": [{"name": "x", "patterns": ["(unclosed"]}]})


_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x85\u2028\u2029"),
                max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=25))
def test_cleaning_only_removes_lines_never_invents_text(lines):
    source = {ln.strip() for ln in lines}
    out = boilerplate.clean("\n".join(lines)).text
    for ln in out.split("\n"):
        assert ln == "" or ln in source
