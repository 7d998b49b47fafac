"""People an article introduces by their state and title, linked to that state in the rest of it.

The gazetteer (people.yaml) lists heads of state and well-known ministers; an article names
many more people, introduced once with state and office ("der US-Botschafter in Ungarn,
David Pressman", "Kazakh Foreign Minister Murat Nurtleu", "Russia's ambassador to Israel,
Anatoly Viktorov") and then by surname ("Pressman sagte ...", "Nurtleu said ..."). After such
an introduction the surname stands for the state in that article only, as the ontology maps
persons to their state.

Kept narrow on purpose: a full name (at least two capitalised words) right after a title word
that follows the state's mention. German capitalises its nouns, so words of time ("Anfang
Mai") never count as a name, nor does a name the gazetteer already knows (its entry decides)
or a surname two introductions give to different states.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from .gazetteer import Gazetteer, context_rules


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, frozenset[str]]:
    data = context_rules()["introductions"]
    title = data["titles"]
    # state mention, optional "'s", a title (with its modifiers), an optional place ("in
    # Ungarn", "to Israel"), an optional comma, then the name
    intro = re.compile(
        r"(?:['’]s)?[\s-]*(?i:(?:(?!(?:und|and|or|oder|sowie|with|mit|der|die|den|dem|the)\b)[\w-]+\s+){0,2}?" + title + r")"
        r"(?:\s+(?i:in|to|at|bei|für|beim|in der|in den)\s+(?:[\w-]+\s+){0,2}?[A-ZÄÖÜ][\w-]+)?,?\s+"
        r"(?P<name>(?:[A-ZÄÖÜ][a-zäöüßéáíóúëïçšžčřýñ'’-]+\s+){1,3}[A-ZÄÖÜ][a-zäöüßéáíóúëïçšžčřýñ-]{2,})\b")
    return intro, frozenset(w.lower() for w in data["not_names"])


def introduced(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` with the later mentions of the people the text introduces added (sorted)."""
    intro, not_names = _patterns()
    found: dict[str, set[str]] = {}     # surname -> codes
    first: dict[str, int] = {}          # surname -> where its introduction ends
    for m in mentions:
        if gaz.kind_of(m.code) not in (None, "state") or m.kind in ("person", "group"):
            continue
        hit = intro.match(text, m.end)
        if hit is None:
            continue
        words = hit.group("name").split()
        if any(w.lower().strip("'’") in not_names for w in words):
            continue
        if any(n.start < hit.end("name") and hit.start("name") < n.end for n in mentions):
            continue   # a name the gazetteer knows (or another actor): its own entry decides
        surname = words[-1]
        if gaz.forms.get((surname.lower(),)):
            continue
        found.setdefault(surname, set()).add(m.code)
        first[surname] = min(first.get(surname, len(text)), hit.end("name"))
    if not found:
        return mentions
    added = []
    for surname, codes in found.items():
        if len(codes) != 1:
            continue   # two states claim the name: never guessed
        code = next(iter(codes))
        for hit in re.finditer(rf"\b{re.escape(surname)}(?:s|['’]s?)?\b", text):
            if hit.start() < first[surname]:
                continue
            if any(n.start < hit.end() and hit.start() < n.end for n in mentions):
                continue
            end = hit.start() + len(surname)
            added.append(Mention(hit.start(), end, text[hit.start():end], code, "person"))
    return sorted(mentions + added, key=lambda n: (n.start, n.end)) if added else mentions
