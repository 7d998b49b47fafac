"""The rule that drops a cue match inside a longer one (extract._held), against its
definition on many random sets of spans, and on the cases that motivate it."""
from __future__ import annotations

import random

from blocwatch.claims.extract import _held


def _by_definition(spans):
    return [any(s <= start and end <= e and e - s > end - start for s, e in spans)
            for start, end in spans]


def test_held_agrees_with_its_definition_on_random_spans():
    rng = random.Random(7)
    for _ in range(3000):
        spans = []
        for _ in range(rng.randint(0, 9)):
            start = rng.randint(0, 30)
            spans.append((start, start + rng.randint(1, 12)))
        assert _held(spans) == _by_definition(spans), spans


def test_a_span_inside_a_longer_one_is_held_and_equal_spans_are_not():
    assert _held([(10, 20), (0, 40), (10, 20), (30, 45)]) == [True, False, True, False]
    assert _held([(5, 9), (5, 9)]) == [False, False]          # two cues, one place
    assert _held([(5, 9), (5, 12), (2, 9)]) == [True, False, False]
