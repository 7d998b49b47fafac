"""CSV tables: facts, claims, and the PLOVER-style event table.

Events follow PLOVER's shape (source actor, target actor, event type, mode, date) with
the url and the evidence sentence; the type is the PLOVER category the claim contract
names beside each relation (../shared/ONTOLOGY.md); `relation` always says ours. Leaving
an organisation (LEFT) is PLOVER's REDUCE (break relations). States are no events and
are left out of the event table: MEMBER_OF, OBSERVER_OF and DEPEND_ON (STATE_RELATIONS);
facts.csv and claims.csv keep them.
Text cells that a spreadsheet would take for a formula are prefixed with a quote.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy.orm import Session

from ..analysis.claims import StoredClaim, load_claims
from ..analysis.facts import merge
from ..model import STATE_RELATIONS
from ..network import FAMILY_OF

PLOVER_TYPE = {
    "ALIGN": "COOPERATE", "DISTANCE": "REDUCE", "MEET": "CONSULT",
    "COOPERATE_MILITARY": "COOPERATE", "COOPERATE_ECONOMIC": "COOPERATE", "SUPPORT": "AID",
    "REQUEST_AID": "REQUEST", "DEPLOY_FORCES": "AID", "SUPPLY": "AID", "GUARANTEE": "AGREE",
    "CRITICIZE": "ACCUSE", "THREATEN": "THREATEN", "CONFLICT": "ASSAULT",
    "SANCTION": "SANCTION", "RECOGNIZE": "ACCEDE", "LEFT": "REDUCE",
}

FACT_COLUMNS = ["subject", "relation", "object", "polarity", "family", "first_time",
                "last_time", "n_documents", "n_outlets", "share_reported", "confidence"]
CLAIM_COLUMNS = ["id", "subject", "relation", "object", "polarity", "modality", "time",
                 "when_start", "when_end", "source", "goods", "doc", "outlet", "date", "url",
                 "start", "end", "evidence"]
EVENT_COLUMNS = ["source", "target", "event_type", "mode", "relation", "polarity",
                 "modality", "date", "goods", "outlet", "attributed_to", "doc", "url",
                 "sentence"]


def mode(claim: StoredClaim) -> str:
    """PLOVER-like mode: negated, hypothetical (plans, threats of), reported, asserted."""
    if claim.polarity == "neg":
        return "negated"
    if claim.modality == "possible":
        return "hypothetical"
    return claim.modality


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# ("=HYPERLINK(...)" in a sentence, an outlet named "=1+2"): OWASP's advice is to prefix
# such a cell with a single quote, which spreadsheets show as text and do not evaluate.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet will not evaluate; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[list], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return buffer.getvalue()


def facts_csv(claims: list[StoredClaim]) -> str:
    return _csv([[f.subject, f.relation, f.object, f.polarity, FAMILY_OF[f.relation],
                  f.first_time, f.last_time, f.n_documents, f.n_outlets, f.share_reported,
                  f.confidence] for f in merge(claims)], FACT_COLUMNS)


def claims_csv(claims: list[StoredClaim]) -> str:
    return _csv([[c.id, c.subject, c.relation, c.object, c.polarity, c.modality, c.time,
                  c.when_start, c.when_end, c.source, ",".join(c.goods), c.doc_id, c.outlet,
                  c.doc_date, c.url, c.char_start, c.char_end, c.evidence] for c in claims],
                CLAIM_COLUMNS)


def events_csv(claims: list[StoredClaim]) -> str:
    return _csv([[c.subject, c.object, PLOVER_TYPE[c.relation], mode(c), c.relation,
                  c.polarity, c.modality, c.when_label, ",".join(c.goods), c.outlet, c.source,
                  c.doc_id, c.url, c.evidence] for c in claims
                 if c.relation not in STATE_RELATIONS], EVENT_COLUMNS)


def write_csv(session: Session, directory: Path, since: str | None = None,
              until: str | None = None) -> list[str]:
    claims = load_claims(session, since=since, until=until)
    written = []
    for name, text in (("facts.csv", facts_csv(claims)), ("claims.csv", claims_csv(claims))):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(str(path))
    return written


def events_bytes(session: Session, since: str | None = None, until: str | None = None) -> bytes:
    return events_csv(load_claims(session, since=since, until=until)).encode("utf-8")
