"""Attributes of a scored claim: modality, source, time, goods and the evidence sentence.

Where the rule engine stated the same claim in the same sentence, its attributes are kept
(they come from the cue's own clause); otherwise they are read from the sentence around the
pair with the same rule functions (modality.py, timex.py, goods.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Claim, relation_key
from . import timex
from .candidates import Candidate
from .modality import modality_of

if TYPE_CHECKING:
    from ..pipeline import Parsed


def claim_from(cand: Candidate, s: str, r: str, o: str, polarity: str, confidence: float, doc: "Parsed") -> Claim:
    seen = cand.seen
    sentence = seen.sentence
    key = (*relation_key(s, r, o), polarity)
    ruled = next((c for c in seen.claims if c.key() == key), None)
    if ruled is not None:
        return Claim(s, r, o, polarity, ruled.modality, ruled.time, ruled.source, list(ruled.goods),
                     ruled.evidence, ruled.start, ruled.end, ruled.cue, confidence, ruled.time_basis)
    text = sentence.text
    pub = doc.document.date
    if cand.earlier:
        start, end = cand.before.start, sentence.end
        evidence = doc.document.text[start:end]
        at = 0
    else:
        start, end = sentence.start, sentence.end
        evidence = text
        at = min(cand.a.start, cand.b.start)   # where the pair begins: its clause onwards
    modality = modality_of(text, text[at:], doc.lang, None)
    time = timex.nearest(seen.times, at)
    basis = "stated" if time else None
    if time is None and pub:
        time, basis = pub[:7], "published"   # the article speaks of its own day
    goods = seen.goods if r == "SUPPLY" else []   # the rule analysis read them once
    return Claim(s, r, o, polarity, modality, time, seen.source, list(goods), evidence, start, end, "", confidence, basis)
