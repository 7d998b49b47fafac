"""Publication dates: only where the page states them, with the marker as referee."""
from __future__ import annotations

import pytest

from blocwatch.read import dates
from blocwatch.read.text import build_document

from .conftest import read_doc

BODY = ("Die Organisation des Vertrags über kollektive Sicherheit hat sechs Mitglieder. "
        "Sie wurde im Jahr 2002 gegründet.")


def date_of(text: str) -> str | None:
    return build_document(text, "t").date


def test_marker_month_and_stand_give_the_stand_day(fixtures):
    doc = read_doc(fixtures / "de_stand_marker.txt")
    assert doc.date == "2022-01-06"
    assert doc.text.startswith("OVKS Ein Bündnis unter Druck\n")
    assert "date 2022" not in doc.text and "Stand:" not in doc.text and "12:33" not in doc.text


def test_marker_month_and_dateline_give_the_dateline_day(fixtures):
    doc = read_doc(fixtures / "de_dateline_agency.txt")
    assert doc.date == "2019-04-08"
    assert "05:16" not in doc.text and "April 2019" not in doc.text
    assert doc.text.startswith("Der russische und der türkische Präsident")


def test_aktualisiert_without_marker():
    assert date_of(f"Titel\n\nAktualisiert am 02.08.2023\n\n{BODY}") == "2023-08-02"


def test_full_marker_alone():
    assert date_of(f" date 2025-12-04 Ein Besuch in Neu-Delhi. {BODY}") == "2025-12-04"


def test_month_marker_alone_stays_a_month():
    # The day in the caption-like sentence is not a dateline: never guessed.
    assert date_of(f" date 2022-08 Die Präsidenten trafen sich am 22. August 2022 in Sotschi.\n\n{BODY}") == "2022-08"


def test_no_marker_no_stamp_gives_none():
    text = (f"Titel\n\nFinnland trat am 4. April 2023 der Nato bei. {BODY}\n\n"
            "Die Außenminister in Brüssel am 4. April 2023. Foto: Beispielagentur\n\n" + BODY)
    assert date_of(text) is None


def test_colon_marker_form():
    assert date_of(f"date: 2022-01-06\nOVKS-Einsatz beginnt\n\n{BODY}") == "2022-01-06"


def test_inconsistent_stamp_loses_to_marker():
    assert date_of(f" date 2022-01 Titel\n\nStand: 06.03.2021 10:00 Uhr\n\n{BODY}") == "2022-01"


def test_same_month_other_day_stamp_wins_over_full_marker():
    assert date_of(f" date 2022-01-05 Titel\n\nStand: 06.01.2022\n\n{BODY}") == "2022-01-06"


def test_publication_stamp_beats_update_stamp():
    text = f"Titel\n\nVeröffentlicht am 3. März 2022\nAktualisiert am 05.03.2022\n\n{BODY}"
    assert date_of(text) == "2022-03-03"


@pytest.mark.parametrize("line, expected", [
    ("Stand: 06.01.2022 12:33 Uhr", "2022-01-06"),
    ("Aktualisiert am 02.08.2023", "2023-08-02"),
    ("Veröffentlicht am 3. März 2022, 10:15 Uhr", "2022-03-03"),
    ("Published on April 8, 2019", "2019-04-08"),
    ("Updated: 8 April 2019 12:00 GMT", "2019-04-08"),
    ("Last updated on 21st February 2024", "2024-02-21"),
    ("08. April 2019, 05:16 Uhr", "2019-04-08"),
    ("April 8, 2019", "2019-04-08"),
    ("Montag, 8. April 2019", "2019-04-08"),
    ("Berlin, 12.07.2023", "2023-07-12"),
    ("Oktober 2, 2022", "2022-10-02"),
    ("3. Dez. 2021", "2021-12-03"),
])
def test_each_date_form(line, expected):
    assert date_of(f"Titel\n{line}\n\n{BODY}") == expected


def test_stamp_at_end_of_headline_line_is_removed_keeping_headline():
    doc = build_document(f"Ein Bündnis im Wandel Stand: 06.01.2022 12:33 Uhr\n\n{BODY}", "t")
    assert doc.text == f"Ein Bündnis im Wandel\n\n{BODY}"


def test_stamp_inside_a_sentence_is_not_a_date():
    text = f"Titel\n\nDie Zahlen (Stand: 01.01.2022) zeigen einen Anstieg der Truppenstärke. {BODY}"
    assert date_of(text) is None


def test_dateline_deep_in_the_body_is_not_taken():
    paras = "\n\n".join(f"Absatz {i}. {BODY}" for i in range(20))
    assert date_of(f"Titel\n\n{paras}\n\n8. April 2019") is None


def test_invalid_dates_are_ignored():
    assert date_of(f"Titel\nStand: 31.02.2022\n\n{BODY}") is None
    assert dates.split_marker(" date 2022-13 Titel")[0] is None


@pytest.mark.parametrize("value, expected", [
    ("2022", "2022"), ("2022-1", "2022-01"), ("2022-01-06", "2022-01-06"),
    ("2022-01-06T12:33:00+01:00", "2022-01-06"), ("06.01.2022", "2022-01-06"),
    ("January 6, 2022", "2022-01-06"), ("2022-13-01", None), ("gestern", None), (None, None),
])
def test_normalize_metadata_dates(value, expected):
    assert dates.normalize_date(value) == expected


def test_split_marker_keeps_the_rest_of_the_line():
    assert dates.split_marker(" date 2023-12 Russland richtet einen Bezirk ein.") == (
        "2023-12", "Russland richtet einen Bezirk ein.")
    assert dates.split_marker("Update 2023 ist da") == (None, "Update 2023 ist da")
