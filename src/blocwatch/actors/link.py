"""Finds actor mentions in sentences and links them to codes.

Matching is a longest-match lookup of word-token n-grams in the gazetteer (no regex
alternation over thousands of names: one dict lookup per n-gram keeps this linear).
Then, per document, the context decides what a form on its own cannot:
- *weak* forms (English "Georgia", "Jordan") link only when the same actor is named
  unambiguously elsewhere in the article, or the article is clearly about international
  politics (two or more other actors);
- forms with several codes ("Brüssel": EU or NATO) take the one the article names
  elsewhere, and are dropped when that does not decide it: never guessed;
- *conditional* forms ("Donezk" for the Donetsk People's Republic) link only in a sentence
  that matches their context pattern (context.yaml);
- exclusions drop a form before certain words ("im Westen des Landes" is geography);
- a person the article introduces by state and title stands for that state when named
  again by surname (introductions.py).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import Mention, Sentence
from .gazetteer import Entry, Gazetteer, context_rules, iter_tokens, load
from .introductions import introduced

# Only these may stand between the tokens of one multi-word name.
_JOINER = re.compile(r"[\s\-.'’]{1,3}")


@lru_cache(maxsize=1)
def _exclusions() -> list[tuple[frozenset[str], re.Pattern | None, re.Pattern | None]]:
    rules = []
    for rule in context_rules().get("exclusions") or []:
        forms = frozenset(f.lower() for f in rule["forms"])
        nxt = re.compile(rule["next"]) if rule.get("next") else None
        prev = re.compile(rule["prev"] + r"\Z") if rule.get("prev") else None
        rules.append((forms, nxt, prev))
    return rules


@lru_cache(maxsize=1)
def _breakaway() -> re.Pattern:
    return re.compile(context_rules()["breakaway"], re.I)


@lru_cache(maxsize=1)
def _agent_nouns() -> re.Pattern:
    return re.compile(r"[\s-]*(?:[^\W\d_]+[\s-]+)?" + context_rules()["agent_nouns"], re.I)


def names_actor(text: str, mention: Mention) -> bool:
    """Does this mention name an actor by itself? Adjectives only before an agent noun
    ("russische Soldaten" yes, "deutsche Medien", "sowjetischer Bauart" no); a region never."""
    if mention.kind == "region":
        return False   # a territory is a place ("Truppen in Transnistrien"), not an actor named
    if mention.kind != "adjective":
        return True
    if text[mention.end:mention.end + 1] == "-" and re.match(r"-[^\W\d_]+isch", text[mention.end:]):
        return True   # "armenisch-belarussische Beziehungen"
    if text[mention.start:mention.end].endswith("isch") and re.match(r" [a-zäöü]", text[mention.end:mention.end + 2]):
        return False  # German uninflected, so an adverb: "das russisch geprägte Bündnis" (the bloc is named)
    if _breakaway().search(text, max(0, mention.start - 30), mention.start):
        return False  # "die abtrünnigen georgischen Gebiete": separatists, not the state
    return _agent_nouns().match(text, mention.end) is not None


def _excluded(text: str, start: int, end: int) -> bool:
    surface = text[start:end].lower()
    for forms, nxt, prev in _exclusions():
        if surface in forms or "*" in forms:
            if nxt is not None and nxt.match(text, end):
                return True
            if prev is not None and prev.search(text[max(0, start - 40):start]):
                return True
    return False


def _case_ok(entry: Entry, surface_tokens: list[str]) -> bool:
    if entry.kind == "person":
        # Names are capitalised; "trump", "tusk", "bush" in lower case are words.
        return surface_tokens[0][:1].isupper()
    if not entry.case_sensitive:
        return True
    return [t for _, _, t in iter_tokens(entry.form)] == surface_tokens


def _candidates(gaz: Gazetteer, text: str, sentence: Sentence):
    """Yield (start, end, entries) for the longest gazetteer match at each position."""
    toks = list(iter_tokens(sentence.text, sentence.start))
    lows = [t[2].lower() for t in toks]
    n = len(toks)
    i = 0
    while i < n:
        hit = None
        for length in range(min(gaz.longest_from.get(lows[i], 0), n - i), 0, -1):
            entries = gaz.forms.get(tuple(lows[i:i + length]))
            if not entries:
                continue
            window = toks[i:i + length]
            if length > 1 and not all(_JOINER.fullmatch(text, a[1], b[0]) for a, b in zip(window, window[1:])):
                continue
            surface = [t[2] for t in window]
            entries = [e for e in entries if _case_ok(e, surface)]
            if entries:
                hit = (window[0][0], window[-1][1], entries, length)
                break
        if hit is None:
            hit = _compound(gaz, toks[i])
        if hit is None:
            i += 1
            continue
        start, end, entries, length = hit
        yield start, end, entries
        i += length


def _compound(gaz: Gazetteer, tok):
    """A closed compound of a name and a known head: "Kremlchef", "Natostaaten"."""
    start, end, word = tok
    low = word.lower()
    if not low.endswith(gaz.compound_heads):
        return None   # most words end in no head: one C call instead of the loop below
    for head in gaz.compound_heads:
        if len(low) > len(head) + 2 and low.endswith(head):
            stem = low[: -len(head)]
            for candidate in (stem, stem[:-1] if stem.endswith("s") else None):
                if candidate and (entries := gaz.forms.get((candidate,))):
                    entries = [e for e in entries if not e.case_sensitive and e.kind != "adjective"]
                    if entries:
                        return start, start + len(candidate), entries, 1
    return None


def find_mentions(text: str, sentences: list[Sentence], gaz: Gazetteer | None = None) -> list[Mention]:
    """All actor mentions in ``text``, resolved against the whole document's context."""
    gaz = gaz or load()
    raw: list[tuple[int, int, list[Entry], Sentence]] = []
    for sentence in sentences:
        for start, end, entries in _candidates(gaz, text, sentence):
            if _excluded(text, start, end):
                continue
            entries = [e for e in entries if e.context is None or e.context.search(sentence.text)]
            if entries:
                raw.append((start, end, entries, sentence))

    # Codes named unambiguously and not weakly: the evidence that settles the rest.
    strong = Counter(es[0].code for _, _, es, _ in raw
                     if len({e.code for e in es}) == 1 and not es[0].weak)
    mentions: list[Mention] = []
    for start, end, entries, _ in raw:
        codes = {e.code for e in entries}
        if len(codes) > 1 and all(e.joint for e in entries):
            for e in entries:
                mentions.append(Mention(start, end, text[start:end], e.code, e.kind))
            continue
        if len(codes) > 1:
            named = [c for c in codes if strong[c]]
            if len(named) != 1:
                continue
            entry = next(e for e in entries if e.code == named[0])
        else:
            entry = entries[0]
            if entry.weak and not strong[entry.code] and len(set(strong) - {entry.code}) < 2:
                continue
        mentions.append(Mention(start, end, text[start:end], entry.code, entry.kind))
    return introduced(text, _without_owners_of_groups(mentions, text, gaz), gaz)


def _without_owners_of_groups(mentions: list[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """Drop a state's adjective written right before a group's name: "russische Wagner-Söldner
    unterstützen Mali", "Russian Wagner mercenaries" say whose the group is; the state is no
    party beside it (the rules made it RUS SUPPORT WAGNER)."""
    out = []
    for m, after in zip(mentions, mentions[1:] + [None]):
        if (m.kind == "adjective" and after is not None and after.start > m.end
                and not text[m.end:after.start].strip() and gaz.kind_of(after.code) == "group"):
            continue
        out.append(m)
    return out
