from blocwatch.nlp.sentences import split_sentences


def texts(s):
    return [x.text for x in split_sentences(s)]


def test_splits_on_final_punctuation_and_keeps_offsets():
    text = "Russland schickte Truppen. Belarus half! Wer zahlt?"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Russland schickte Truppen.", "Belarus half!", "Wer zahlt?"]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_does_not_split_dates_abbreviations_and_initials():
    assert texts("Am 5. Dezember 2022 traf Dr. Müller z.B. Wladimir W. Putin in Moskau.") == [
        "Am 5. Dezember 2022 traf Dr. Müller z.B. Wladimir W. Putin in Moskau."]
    assert texts("The U.S. Navy sailed on. It left.") == ["The U.S. Navy sailed on.", "It left."]


def test_line_breaks_end_headlines_without_punctuation():
    assert texts("Putin in Peking\n\nDer Besuch dauert zwei Tage.") == [
        "Putin in Peking", "Der Besuch dauert zwei Tage."]


def test_quotes_after_final_punctuation_stay_with_the_sentence():
    assert texts('Er sagte: "Wir helfen." Dann ging er.') == ['Er sagte: "Wir helfen."', "Dann ging er."]


def test_a_sentence_glued_to_the_next_by_scraping_is_split():
    assert texts("Troops went under the treaty between the two countries.The agency said so.") == [
        "Troops went under the treaty between the two countries.", "The agency said so."]
    # but not abbreviations, initials or names with a dot
    assert texts("Er fuhr nach St.Petersburg, bzw.Moskau, wie z.B.Reuters schrieb.") == [
        "Er fuhr nach St.Petersburg, bzw.Moskau, wie z.B.Reuters schrieb."]


def test_a_glued_sentence_may_start_with_a_short_word():
    assert texts("The two leaders promised to defend each other if attacked.It was a first.") == [
        "The two leaders promised to defend each other if attacked.", "It was a first."]
