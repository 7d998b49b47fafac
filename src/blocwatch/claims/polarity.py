"""Is the relation said to hold or not? Negation within the cue's clause.

Scope is the stretch from the subject (or the clause start) to the clause end: German puts
"nicht" late ("unterstützt Russland nicht"), "kein" before the object ("keine Waffen"),
"weder" before the subject; English puts "not"/"n't" before the verb.
"""
from __future__ import annotations

from .lexicon import Language


def is_negated(text: str, start: int, end: int, lang: Language) -> bool:
    span = text[start:end]
    exceptions = [m.span() for m in lang.negation_exceptions.finditer(span)]
    for m in lang.negators.finditer(span):
        if not any(a <= m.start() < b for a, b in exceptions):
            return True
    return False
