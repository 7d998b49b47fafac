"""Candidates: every pair of actors that one sentence could relate, for the scorer to judge.

High recall first (the scorer, not this module, decides): every ordered pair of distinct
actors resolved in a sentence (names, adjectives, people, capitals and the anaphors the
rule analysis resolved: "das Land", "beide Staaten", "the bloc"), plus cross-sentence pairs
between an actor of this sentence and one of the sentence before that this one does not
name: the lists that give "the members" of a bloc one sentence later, subjects carried over
by a pronoun the gazetteer cannot see. Cross-sentence pairs are marked so that the scorer
weighs them apart.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Sentence
from .extract import SentenceAnalysis
from .roles import Occurrence

# A sentence naming more actors than this is a long list: no cross-sentence pairs with it.
_MAX_CROSS_ACTORS = 8


@dataclass
class Candidate:
    """An ordered pair of actors: ``a`` the would-be subject, ``b`` the would-be object.

    ``earlier`` is "" when both stand in ``seen``'s sentence, else "a" or "b": that side was
    named only in the sentence before (its offsets are in that sentence)."""
    seen: SentenceAnalysis
    a: Occurrence
    b: Occurrence
    earlier: str = ""
    before: Sentence | None = None   # the sentence before, for a cross-sentence pair
    at: int = 0                      # index of ``seen``'s sentence in the document

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a.code, self.b.code)


def parties(seen: SentenceAnalysis) -> dict[str, list[Occurrence]]:
    """The actors of a sentence that can be a party (a reporting frame, "laut Bild", is not).
    A sentence the rule analysis skipped gives its mentions as plain occurrences."""
    out: dict[str, list[Occurrence]] = {}
    if seen.analysis is not None:
        for o in seen.analysis.occurrences:
            if o.marker != "frame":
                out.setdefault(o.code, []).append(o)
        return out
    base = seen.sentence.start
    for m in seen.mentions:
        out.setdefault(m.code, []).append(Occurrence(m.code, m.start - base, m.end - base, m.kind))
    return out


def _closest(xs: list[Occurrence], ys: list[Occurrence]) -> tuple[Occurrence, Occurrence]:
    """The occurrences of two actors that stand nearest each other (ties: the earliest)."""
    return min(((x, y) for x in xs for y in ys),
               key=lambda p: (abs(p[0].start - p[1].start), min(p[0].start, p[1].start)))


def sentence_candidates(seen: SentenceAnalysis, previous: SentenceAnalysis | None = None) -> list[Candidate]:
    """Every ordered pair of distinct actors of the sentence, and the cross-sentence pairs
    with actors of the sentence before."""
    here = parties(seen)
    out: list[Candidate] = []
    codes = sorted(here)
    for x in codes:
        for y in codes:
            if x != y:
                a, b = _closest(here[x], here[y])
                out.append(Candidate(seen, a, b))
    if previous is None or not here or len(here) > _MAX_CROSS_ACTORS:
        return out
    before = parties(previous)
    if len(before) > _MAX_CROSS_ACTORS:
        return out
    for x in codes:
        for y in sorted(before):
            if y not in here:
                out.append(Candidate(seen, here[x][0], before[y][0], earlier="b", before=previous.sentence))
                out.append(Candidate(seen, before[y][0], here[x][0], earlier="a", before=previous.sentence))
    return out
