"""A stand-in for GET /api/scenario/{actor} (built by another issue) for the page's tests:
the answer's shape as agreed, for KAZ only; 404 for every other actor, as the real
endpoint answers for an actor it cannot analyse."""
from __future__ import annotations

from fastapi import FastAPI, HTTPException


def scenario_for_kaz(at: str, document_id: int) -> dict:
    return {
        "actor": "KAZ", "at": at,
        "parties": [
            {"party": "RUS", "verdict": "bound_came_before",
             "obligations": [{"instrument": "CSTO", "clause": "Art. 4", "status": "member",
                              "source": "Collective Security Treaty <b>Art. 4</b>"}],
             "record": [{"requester": "KAZ", "time": "2022-01", "answer": "came",
                         "goods": ["troops"],
                         "evidence": [{"sentence": "Russische Fallschirmjäger landeten in Almaty.",
                                       "document_id": document_id,
                                       "outlet": "beispiel-nachrichten.de",
                                       "date": "2022-01-07"}]}],
             "stance": [{"relation": "DEPLOY_FORCES", "subject": "RUS", "object": "KAZ",
                         "polarity": "pos", "documents": 1, "confidence": 0.6}]},
            {"party": "ARM", "verdict": "bound_never_tested", "obligations": [], "record": [],
             "stance": []},
        ],
        "adversaries": [],
    }


def install(app: FastAPI, document_id: int) -> None:
    """Route /api/scenario/{actor} to the stand-in, ahead of any real route."""

    def scenario(actor: str, at: str | None = None):
        if actor.upper() != "KAZ":
            raise HTTPException(404, f"no scenario for {actor}")
        return scenario_for_kaz(at or "2025-07-01", document_id)

    app.add_api_route("/api/scenario/{actor}", scenario, methods=["GET"])
    app.router.routes.insert(0, app.router.routes.pop())
