"""Asserted, reported or possible, and who the claim is attributed to.

Reported: the sentence attributes or hedges (laut, zufolge, wie X berichtet, soll ... haben,
Konjunktiv I; according to, reportedly). Possible: a plan, wish, offer, proposal, fear or
condition in the cue's clause (will, plant, könnte; plans to, could). Reported wins: a
reported plan is still somebody else's word.
"""
from __future__ import annotations

import re

from .lexicon import Language, sources

# A quoted name after an attribution word: laut „Bild“, wie die "Bild" schreibt, according to "X".
_QUOTED = re.compile(r"""(?:laut|zufolge|wie|zu|according to|told|via)\s+(?:\w+\s+){0,4}?["„“»‚']([^"“”«‘']{2,60})["“”«‘']""", re.I)
_QUOTED_BEFORE = re.compile(r"""["„“»]([^"“”«]{2,60})["“”«]\s+zufolge""", re.I)


def modality_of(sentence: str, clause: str, lang: Language, cue_modality: str | None) -> str:
    if lang.reported.search(sentence) or lang.subjunctive.search(sentence):
        return "reported"
    if lang.reported_passive.search(sentence) and not lang.future_markers.search(sentence):
        return "reported"   # "soll ... unterstützt werden" without a date ahead: said to be
    if cue_modality:
        return cue_modality
    if lang.possible.search(clause):
        return "possible"
    return "asserted"


def source_of(sentence: str) -> str | None:
    """The named source a sentence attributes its content to, if any."""
    pattern, names = sources()
    m = pattern.search(sentence)
    if m:
        return names[m.group().lower()]
    m = _QUOTED.search(sentence) or _QUOTED_BEFORE.search(sentence)
    if m:
        name = m.group(1).strip()
        if name[:1].isupper() and len(name.split()) <= 5:
            return name
    return None
