"""Cooperation-conflict weight of each relation, in the spirit of the Goldstein scale.

Goldstein (1992) scored each WEIS/CAMEO event type from -10 (military attack) to +10
(merge, military assistance). These are our relations' counterparts, rounded; the
comment names the CAMEO/Goldstein neighbour each is set after. They drive alignment()
and the signed graph of blocs().

A refusal (polarity neg) of a cooperative relation counts as a mild rebuff, half the
weight with the sign flipped (Goldstein puts "reject request for aid" near -4). The
denial of a hostile relation ("no conflict", "did not criticise") says little and counts 0.
Modality scales the weight: asserted 1, reported 0.7, possible 0.3.
"""
from __future__ import annotations

# alignment over time leaves these out (a membership mentioned again is not a move
# closer); the signed graph of blocs() keeps them
from ..model import STATE_RELATIONS  # noqa: F401 - re-exported for alignment

RELATION_WEIGHT = {
    "GUARANTEE": 8.0,            # promise military support (~ +8)
    "SUPPLY": 7.0,               # extend military / economic aid (+7.4 .. +8.3)
    "COOPERATE_MILITARY": 7.0,   # military cooperation (~ +7)
    "ALIGN": 6.0,                # formal agreement / alliance (+4.8 .. +8)
    "SUPPORT": 6.0,              # extend aid / express support (~ +6)
    "COOPERATE_ECONOMIC": 5.0,   # economic cooperation (~ +5)
    "MEMBER_OF": 5.0,            # structural tie: member of the same organisation
    "RECOGNIZE": 5.0,            # grant diplomatic recognition (~ +5.4)
    "DEPLOY_FORCES": 3.0,        # troops sent into the object (help: positive; an
                                 # invasion is coded CONFLICT as well, which outweighs it)
    "REQUEST_AID": 3.0,          # request aid (+3.4)
    "DEPEND_ON": 3.0,            # dependence binds, but is no choice
    "OBSERVER_OF": 2.0,          # loose structural tie
    "MEET": 2.0,                 # consult, meet (+1 .. +3.8)
    "CRITICIZE": -2.0,           # criticise or denounce (-2.2)
    "DISTANCE": -4.0,            # reduce relations (~ -4)
    "LEFT": -5.0,                # break with an organisation
    "THREATEN": -6.0,            # threaten (force) (-6 .. -7)
    "SANCTION": -8.0,            # impose sanctions / embargo (~ -8)
    "CONFLICT": -10.0,           # military engagement (-10)
}

MODALITY_FACTOR = {"asserted": 1.0, "reported": 0.7, "possible": 0.3}


def relation_weight(relation: str, polarity: str) -> float:
    """Signed weight of a relation as stated with a polarity (see module doc)."""
    weight = RELATION_WEIGHT.get(relation, 0.0)
    if polarity == "pos":
        return weight
    return -weight / 2 if weight > 0 else 0.0
