"""JSON-LD of actors, facts and claims, with IRIs that stay the same from run to run.

Actors are ``urn:blocwatch:actor:CODE`` (the contract's code never changes) and point to
their Wikidata entity with owl:sameAs where the gazetteer knows it. A fact is named by its
key, a claim by its document and character offsets, so re-exporting the same store gives
the same IRIs and another tool can join on them.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from sqlalchemy.orm import Session

from ..analysis.claims import load_claims
from ..analysis.facts import merge
from ..network import FAMILY_OF, actor_info

CONTEXT = {
    "bw": "urn:blocwatch:vocab:",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "name": "schema:name",
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
    "subject": {"@id": "bw:subject", "@type": "@id"},
    "object": {"@id": "bw:object", "@type": "@id"},
    "fact": {"@id": "bw:fact", "@type": "@id"},
    "url": {"@id": "schema:url", "@type": "@id"},
    "datePublished": "schema:datePublished",
    "evidence": "bw:evidence",
}
WIKIDATA = "http://www.wikidata.org/entity/"


def actor_iri(code: str) -> str:
    return "urn:blocwatch:actor:" + quote(code, safe="")


def fact_iri(key: tuple[str, str, str, str]) -> str:
    return "urn:blocwatch:fact:" + "/".join(quote(k, safe="") for k in key)


def claim_iri(doc_id: str, start: int, end: int, key: tuple[str, str, str, str]) -> str:
    return (f"urn:blocwatch:claim:{quote(doc_id, safe='')}:{start}-{end}:"
            + "/".join(quote(k, safe="") for k in key))


def document(session: Session, since: str | None = None, until: str | None = None) -> dict:
    claims = load_claims(session, since=since, until=until)
    codes = sorted({c.subject for c in claims} | {c.object for c in claims})
    graph: list[dict] = []
    for code in codes:
        info = actor_info(code)
        node = {"@id": actor_iri(code), "@type": "bw:Actor", "bw:code": code,
                "name": info["name"], "bw:kind": info["kind"]}
        if info["wikidata"]:
            node["sameAs"] = WIKIDATA + info["wikidata"]
        graph.append(node)
    for fact in merge(claims):
        key = (fact.subject, fact.relation, fact.object, fact.polarity)
        graph.append({"@id": fact_iri(key), "@type": "bw:Fact",
                      "subject": actor_iri(fact.subject), "object": actor_iri(fact.object),
                      "bw:relation": fact.relation, "bw:family": FAMILY_OF[fact.relation],
                      "bw:polarity": fact.polarity, "bw:firstTime": fact.first_time,
                      "bw:lastTime": fact.last_time, "bw:documents": fact.n_documents,
                      "bw:confidence": fact.confidence})
    for c in claims:
        node = {"@id": claim_iri(c.doc_id, c.char_start, c.char_end, c.key),
                "@type": "bw:Claim", "fact": fact_iri(c.key),
                "subject": actor_iri(c.subject), "object": actor_iri(c.object),
                "bw:relation": c.relation, "bw:polarity": c.polarity,
                "bw:modality": c.modality, "bw:time": c.time, "bw:source": c.source,
                "bw:goods": list(c.goods), "evidence": c.evidence, "bw:document": c.doc_id,
                "schema:publisher": c.outlet, "datePublished": c.doc_date}
        if c.url and c.url.startswith(("http://", "https://")):
            node["url"] = c.url
        graph.append({k: v for k, v in node.items() if v not in (None, [])})
    return {"@context": CONTEXT, "@graph": [{k: v for k, v in n.items() if v is not None}
                                            for n in graph]}


def jsonld_bytes(session: Session, since: str | None = None, until: str | None = None) -> bytes:
    return json.dumps(document(session, since, until), ensure_ascii=False,
                      indent=1).encode("utf-8")
