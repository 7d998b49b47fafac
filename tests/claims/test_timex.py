from blocwatch.claims.timex import resolve_all, time_near


def values(text, pub):
    return [v for _, v in resolve_all(text, pub)]


def test_explicit_dates_in_german_and_english():
    assert values("Am 24. Februar 2022 begann der Krieg.", None) == ["2022-02-24"]
    assert values("Seit Februar 2022 führt Russland Krieg.", None) == ["2022-02"]
    assert values("On June 19, 2024 the treaty was signed.", None) == ["2024-06-19"]
    assert values("Anfang 2021 eskalierte der Konflikt.", None) == ["2021"]


def test_relative_expressions_resolve_against_publication_date():
    assert values("Im vergangenen Jahr bat Armenien um Hilfe.", "2022-01-06") == ["2021"]
    assert values("Last year Russia sent troops.", "2023-05") == ["2022"]
    # a month after the publication month lies in the year before
    assert values("Ende Juli reiste der Minister nach Pjöngjang.", "2023-08-02") == ["2023-07"]
    assert values("Erst im Dezember sprach Putin darüber.", "2022-01-06") == ["2021-12"]
    # 2022-01-06 was a Thursday: "am Mittwochabend" is the day before
    assert values("Der Präsident hat am Mittwochabend um Beistand gebeten.", "2022-01-06") == ["2022-01-05"]


def test_relative_expressions_without_publication_date_give_nothing():
    assert values("Im vergangenen Jahr bat Armenien um Hilfe.", None) == []


def test_numbers_that_are_not_years_are_ignored():
    assert values("Etwa 3,5 Millionen Menschen und 2000 Soldaten.", None) == []


def test_nearest_expression_to_the_cue_wins():
    text = "1999 trat Usbekistan aus, 2006 kehrte es zurück."
    assert time_near(text, text.index("kehrte"), None) == "2006"


def test_a_founding_date_is_no_time_of_the_sentence():
    from blocwatch.claims.timex import resolve_all
    assert resolve_all("Zur SOZ, die 2001 gegründet wurde, zählen Indien und Pakistan.", None) == []
    assert resolve_all("The SCO, founded in 2001, includes India.", None) == []
    assert resolve_all("2002 gründete Putin die OVKS.", None) == []
    assert resolve_all("Indien trat 2017 der SOZ bei.", None) == [(12, "2017")]


def test_a_month_with_a_dotless_i_resolves_instead_of_stopping_the_article():
    # the case-insensitive patterns match "Junı" and "ſeptember"; the month lookup failed with a KeyError
    assert resolve_all("Am 3. Junı 2022 trafen sich die Minister.", "2022-06-10") == [(3, "2022-06-03")]
    assert resolve_all("In ſeptember 2021 the ministers met.", "2022-06-10") == [(3, "2021-09")]
