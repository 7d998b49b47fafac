"""Invented articles for the store tests, and the claims scripted for their sentences."""
from __future__ import annotations

from blocwatch.model import Claim, Document

# Invented news-style sentences and the claims a perfect extractor would find in them.
SCRIPT = {
    "Russland liefert Belarus neue Kampfflugzeuge.":
        [Claim("RUS", "SUPPLY", "BLR", goods=["weapons"])],
    "Im vergangenen Jahr hatte Armenien Moskau vergeblich um Hilfe gebeten.":
        [Claim("ARM", "REQUEST_AID", "RUS", time="2021"),
         Claim("RUS", "SUPPORT", "ARM", polarity="neg", time="2021")],
    "Kasachstan und China vertiefen ihre Handelsbeziehungen.":
        [Claim("KAZ", "COOPERATE_ECONOMIC", "CHN")],
    "Laut einem Bericht soll Iran Drohnen geliefert haben.":
        [Claim("IRN", "SUPPLY", "RUS", modality="reported", goods=["drones"])],
}


def article(doc_id: str, *sentences: str, date: str | None = "2022-01-10",
            outlet: str | None = "beispiel-nachrichten.de", path: str | None = None) -> Document:
    return Document(doc_id=doc_id, text=" ".join(sentences), date=date, outlet=outlet,
                    url=f"https://{outlet}/{doc_id}" if outlet else None, language="de",
                    path=path or f"/fixtures/{doc_id}.txt")
