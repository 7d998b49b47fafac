"""A small invented corpus, ingested once per backend, for the analysis tests.

The articles are written by the team for these tests (short, news-style, German); each
sentence is scripted with the claims a perfect extractor would find in it. The scenarios
mirror what the analysis must get right on real news: a request for help answered by
troops, one left unanswered, suppliers with goods named and refused, membership changes,
a claim reported by one paper and denied by another, a partnership that turned sour.
"""
from __future__ import annotations

from blocwatch.model import Claim, Document
from kit.store import ScriptedExtractor, build_scripted_store


def C(subject, relation, object_, polarity="pos", modality="asserted", time=None,
      source=None, goods=()):
    return Claim(subject, relation, object_, polarity=polarity, modality=modality,
                 time=time, source=source, goods=list(goods))


# doc_id, publication date, outlet, [(sentence, claims)]
ARTICLES = [
    ("kaz_unrest", "2022-01-07", "beispiel-nachrichten.de", [
        ("Der kasachische Präsident bat am Mittwoch das Bündnis OVKS um Beistand.",
         [C("KAZ", "REQUEST_AID", "CSTO", time="2022-01")]),
        ("Noch in der Nacht landeten russische Fallschirmjäger in Almaty.",
         [C("RUS", "DEPLOY_FORCES", "KAZ", time="2022-01")]),
        ("Die OVKS schickte eine Friedenstruppe zur Unterstützung nach Kasachstan.",
         [C("CSTO", "DEPLOY_FORCES", "KAZ", time="2022-01"),
          C("CSTO", "SUPPORT", "KAZ", time="2022-01")]),
    ]),
    ("arm_unanswered", "2022-01-10", "andere-zeitung.de", [
        ("Armenien hatte im vergangenen Jahr die OVKS vergeblich um Hilfe gebeten.",
         [C("ARM", "REQUEST_AID", "CSTO", time="2021")]),
        ("Weder Russland noch Belarus, Kasachstan, Kirgistan oder Tadschikistan "
         "standen Eriwan bei.",
         [C(s, "SUPPORT", "ARM", "neg", time="2021") for s in ("RUS", "BLR", "KAZ", "KGZ", "TJK")]),
        ("Zuvor hatten aserbaidschanische Truppen armenische Grenzposten angegriffen.",
         [C("AZE", "CONFLICT", "ARM", time="2021")]),
        ("Die Lage im Kaukasus bleibt unübersichtlich.", []),
    ]),
    ("suppliers", "2023-08-02", "beispiel-nachrichten.de", [
        ("Iran liefert Russland Kampfdrohnen und Munition.",
         [C("IRN", "SUPPLY", "RUS", goods=("drones", "ammunition"))]),
        ("Aus Nordkorea kommen Granaten und Raketen für die russische Armee.",
         [C("PRK", "SUPPLY", "RUS", goods=("ammunition", "weapons"))]),
        ("China liefert keine Waffen, wohl aber Mikrochips mit doppeltem Verwendungszweck.",
         [C("CHN", "SUPPLY", "RUS", "neg", goods=("weapons",)),
          C("CHN", "SUPPLY", "RUS", goods=("dual_use",))]),
        ("Im Juli empfing Putin eine Delegation aus Pjöngjang.",
         [C("RUS", "MEET", "PRK", time="2023-07")]),
        ("Peking und Moskau bekräftigten ihre Partnerschaft.",
         [C("CHN", "ALIGN", "RUS", time="2023")]),
    ]),
    ("neighbours", None, "boulevard.de", [
        ("Laut Prawda liefert Kasachstan Ersatzteile für Militärgerät an Russland.",
         [C("KAZ", "SUPPLY", "RUS", modality="reported", source="Prawda",
            goods=("spare_parts", "military_equipment"))]),
        ("Auch Kirgistan soll Waffen geliefert haben.",
         [C("KGZ", "SUPPLY", "RUS", modality="reported", goods=("weapons",))]),
        ("Den Krieg unterstütze Kasachstan aber nicht, schreibt Bild.",
         [C("KAZ", "SUPPORT", "RUS", "neg", modality="reported", source="Bild")]),
        ("Kasachstan gehört wie Kirgistan zur OVKS.",
         [C("KAZ", "MEMBER_OF", "CSTO"), C("KGZ", "MEMBER_OF", "CSTO")]),
    ]),
    ("membership", "2024-03-01", "beispiel-nachrichten.de", [
        ("Georgien, Aserbaidschan und Usbekistan kehrten dem Bündnis 1999 den Rücken.",
         [C(s, "LEFT", "CSTO", time="1999") for s in ("GEO", "AZE", "UZB")]),
        ("Usbekistan ist nach wie vor Mitglied der OVKS.",
         [C("UZB", "MEMBER_OF", "CSTO")]),
        ("Armenien gehört der OVKS weiterhin an.",
         [C("ARM", "MEMBER_OF", "CSTO")]),
        ("Die Türkei möchte der SOZ beitreten.",
         [C("TUR", "MEMBER_OF", "SCO", modality="possible")]),
    ]),
    ("distance_claimed", "2022-08-15", "boulevard.de", [
        ("Kasachstan wende sich von Russland ab, berichtet Bild.",
         [C("KAZ", "DISTANCE", "RUS", modality="reported", time="2022", source="Bild")]),
    ]),
    ("distance_denied", "2022-09-01", "qualitaetszeitung.de", [
        ("Von einer Abkehr Kasachstans von Moskau kann in diesem Jahr keine Rede sein.",
         [C("KAZ", "DISTANCE", "RUS", "neg", time="2022")]),
    ]),
    ("india_2019", "2019-09-05", "beispiel-nachrichten.de", [
        ("Indien und Russland bekräftigten ihre strategische Partnerschaft.",
         [C("IND", "ALIGN", "RUS", time="2019-09")]),
    ]),
    ("india_2023", "2023-06-20", "andere-zeitung.de", [
        ("Neu-Delhi geht zunehmend auf Distanz zu Moskau.",
         [C("IND", "DISTANCE", "RUS", time="2023-06")]),
        ("Indien verurteilte den russischen Angriff.",
         [C("IND", "CRITICIZE", "RUS", time="2023-06")]),
    ]),
    ("war", "2022-03-01", "qualitaetszeitung.de", [
        ("Russland führt seit Februar Krieg gegen die Ukraine.",
         [C("RUS", "CONFLICT", "UKR", time="2022-02")]),
        ("Die USA liefern der Ukraine Panzerabwehrwaffen.",
         [C("USA", "SUPPLY", "UKR", time="2022-03", goods=("weapons",))]),
        ("Der Westen verhängte umfassende Sanktionen gegen Moskau.",
         [C("WEST", "SANCTION", "RUS", time="2022-02")]),
        ("Washington kritisierte Peking für seine Nähe zu Moskau.",
         [C("USA", "CRITICIZE", "CHN", time="2022-03")]),
        ("Belarus stellte sich an die Seite Russlands.",
         [C("BLR", "SUPPORT", "RUS", time="2022-02")]),
        ("Die Europäer unterstützen Kiew politisch.",
         [C("WEST", "SUPPORT", "UKR", time="2022-03")]),
    ]),
]


def documents() -> list[Document]:
    return [Document(doc_id=doc_id, text=" ".join(s for s, _ in sentences), date=date,
                     outlet=outlet, url=f"https://{outlet}/{doc_id}", language="de",
                     path=f"/fixtures/{doc_id}.txt")
            for doc_id, date, outlet, sentences in ARTICLES]


def extractor() -> ScriptedExtractor:
    return ScriptedExtractor({s: claims for _, _, _, sentences in ARTICLES
                              for s, claims in sentences})


def build(url: str):
    """A fresh store at `url` holding the articles above; returns its engine."""
    return build_scripted_store(url, documents(), extractor().script)


def stored(subject, relation, object_, polarity="pos", modality="asserted", time=None,
           doc_date=None, outlet="beispiel-nachrichten.de", source=None, goods=(),
           document_id=1, claim_id=None):
    """A StoredClaim built by hand, for tests of the pure functions."""
    from blocwatch.analysis.claims import StoredClaim
    from blocwatch.store.periods import period
    covered = period(time) or period(doc_date)
    stored.counter += 1
    return StoredClaim(
        id=claim_id or stored.counter, subject=subject, relation=relation, object=object_,
        polarity=polarity, modality=modality, time=time,
        when_start=covered[0] if covered else None, when_end=covered[1] if covered else None,
        time_inferred=period(time) is None and covered is not None, source=source,
        goods=tuple(goods), evidence=f"{subject} {relation} {object_}", char_start=0,
        char_end=10, document_id=document_id, doc_id=f"doc{document_id}", url=None,
        outlet=outlet, doc_date=doc_date, path=None)


stored.counter = 0
