"""The questions asked of the store: pure functions over a store Session, typed results.

    from blocwatch.store import open_session
    from blocwatch.analysis import who_supports
    with open_session() as session:
        result = who_supports(session, "RUS", since="2022")

One module per question; claims.py loads claims, facts.py merges them, weights.py holds
the Goldstein-like relation weights, community.py the signed-modularity clustering.
"""
from .alignment import AlignmentResult, alignment
from .blocs import BlocsResult, blocs
from .claims import StoredClaim, load_claims
from .contradictions import Contradiction, contradictions
from .explain import Explanation, explain
from .facts import confidence, facts, merge
from .members import MembersResult, members
from .obligations import ObligationsResult, obligations
from .scenario import ScenarioResult, scenario
from .support import SupportResult, who_supports

__all__ = [
    "AlignmentResult", "BlocsResult", "Contradiction", "Explanation", "MembersResult",
    "ObligationsResult", "ScenarioResult", "StoredClaim", "SupportResult", "alignment", "blocs", "confidence",
    "contradictions", "explain", "facts", "load_claims", "members", "merge", "obligations",
    "scenario", "who_supports",
]
