"""An invented store for the web, export and report tests, with hostile text in it.

Written by the team for these tests. Besides ordinary news-style sentences it holds an
article whose text carries script tags and event handlers, a javascript: URL and
SQL-looking strings: the page must show them as text and run none of them, and the API
must hand them back as data.
"""
from __future__ import annotations

from blocwatch.model import Claim, Document
from kit.store import ScriptedExtractor, build_scripted_store

HOSTILE_SENTENCE = ('Belarus <script>window.__pwned = "script"</script> liefert Russland '
                    'Granaten <img src=x onerror="window.__pwned = \'img\'">.')
SQL_SOURCE = "Robert'); DROP TABLE claims;--"


def C(subject, relation, object_, polarity="pos", modality="asserted", time=None,
      source=None, goods=()):
    return Claim(subject, relation, object_, polarity=polarity, modality=modality,
                 time=time, source=source, goods=list(goods))


# doc_id, date, outlet, url, [(sentence, claims)]
ARTICLES = [
    ("request", "2022-01-07", "beispiel-nachrichten.de", "https://beispiel-nachrichten.de/a", [
        ("Kasachstan bat die OVKS um Beistand.", [C("KAZ", "REQUEST_AID", "CSTO", time="2022-01")]),
        ("Russische Fallschirmjäger landeten in Almaty.",
         [C("RUS", "DEPLOY_FORCES", "KAZ", time="2022-01")]),
        ("Kasachstan gehört zur OVKS.", [C("KAZ", "MEMBER_OF", "CSTO", time="2022")]),
    ]),
    ("supply", "2023-08-02", "andere-zeitung.de", "https://andere-zeitung.de/b", [
        ("Iran liefert Russland Kampfdrohnen.",
         [C("IRN", "SUPPLY", "RUS", time="2023-08", goods=("drones",))]),
        ("China liefert keine Waffen an Russland.",
         [C("CHN", "SUPPLY", "RUS", "neg", time="2023", goods=("weapons",))]),
        ("Peking und Moskau bekräftigten ihre Partnerschaft.",
         [C("CHN", "ALIGN", "RUS", time="2023")]),
    ]),
    ("war", "2022-03-01", "qualitaetszeitung.de", "https://qualitaetszeitung.de/c", [
        ("Russland führt Krieg gegen die Ukraine.", [C("RUS", "CONFLICT", "UKR", time="2022-02")]),
        ("Der Westen verhängte Sanktionen gegen Moskau.",
         [C("WEST", "SANCTION", "RUS", time="2022-02")]),
        ("Kasachstan wende sich von Russland ab, heißt es.",
         [C("KAZ", "DISTANCE", "RUS", modality="reported", time="2022", source=SQL_SOURCE)]),
    ]),
    ("hostile", "2024-05-01", "evil.example", "javascript:window.__pwned='url'", [
        (HOSTILE_SENTENCE, [C("BLR", "SUPPLY", "RUS", time="2024-04", goods=("ammunition",))]),
    ]),
]


# For the page (tests/web/test_browser.py, test_page_api.py): a weak edge the default
# filter hides, Armenia (whose CSTO status the registry changes in 2024), and an outlet
# a spreadsheet would take for a formula.
FORMULA_OUTLET = "=cmd|' /C calc'!A0"
PAGE_ARTICLES = ARTICLES + [
    ("jerewan", "2021-05-20", "kaukasus-bote.example", "https://kaukasus-bote.example/e", [
        ("Armenien bat die OVKS um Hilfe an der Grenze.",
         [C("ARM", "REQUEST_AID", "CSTO", time="2021-05")]),
    ]),
    ("armenia", "2024-03-01", FORMULA_OUTLET, "https://armenia.example/d", [
        ("Armenien könnte der OVKS bald den Rücken kehren.",
         [C("ARM", "DISTANCE", "CSTO", modality="possible", time="2024-02")]),
        ("Kasachstan und China vertiefen ihre Zusammenarbeit.",
         [C("KAZ", "COOPERATE_ECONOMIC", "CHN", time="2024-02")]),
    ]),
    ("undatiert", None, "ohne-datum.example", None, [
        ("Ankara und Moskau trafen sich zu Gesprächen.", [C("TUR", "MEET", "RUS")]),
    ]),
]


def documents(articles=ARTICLES) -> list[Document]:
    return [Document(doc_id=doc_id, text=" ".join(s for s, _ in sentences), date=date,
                     outlet=outlet, url=url, language="de", title=f"<b>{doc_id}</b>",
                     path=f"/fixtures/{doc_id}.txt")
            for doc_id, date, outlet, url, sentences in articles]


def extractor(articles=ARTICLES) -> ScriptedExtractor:
    return ScriptedExtractor({s: claims for *_, sentences in articles for s, claims in sentences})


def build(url: str, articles=ARTICLES):
    """A fresh store at `url` holding the articles above (or `articles`); returns its
    engine."""
    return build_scripted_store(url, documents(articles), extractor(articles).script)
