"""Loads the gazetteer data files into one lookup table of surface forms.

The data (states.yaml, groups.yaml, people.yaml, context.yaml; format in data/FORMAT.md)
lists names as people write them; this module adds the forms German inflection makes of
them (genitive -s, adjective endings) so the data stays short and reviewable.

A surface form is keyed by its sequence of lower-cased word tokens, so "Organisation des
Vertrags über kollektive Sicherheit" and "U.S." are matched token by token (see link.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..datafiles import load_yaml


TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Scraped text loses spaces: "ZumSCO-Bündnis", "hatteXi Jinping". A lower-case letter
# followed by an upper-case one starts a new token (in the text and in the names alike).
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


def iter_tokens(text: str, offset: int = 0):
    """Word tokens as (start, end, text), split at lower-to-upper case changes."""
    for m in TOKEN.finditer(text):
        word, start = m.group(), m.start()
        if word[1:].islower():
            yield offset + start, offset + m.end(), word   # no upper-case letter to split at
            continue
        cut = 0
        for i in range(1, len(word)):
            if word[i - 1].islower() and word[i].isupper():
                yield offset + start + cut, offset + start + i, word[cut:i]
                cut = i
        yield offset + start + cut, offset + m.end(), word[cut:]


def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(t.lower() for _, _, t in iter_tokens(text))


@dataclass(frozen=True)
class Entry:
    """One way of naming one actor."""
    code: str
    kind: str                 # name | adjective | demonym | capital | seat | person | group
    form: str                 # the form as listed (for case checks)
    case_sensitive: bool      # short all-caps forms (US, AU, UN) must match exactly
    weak: bool = False        # needs support from context (see link.py)
    context: re.Pattern | None = None   # sentence must match this for the form to link
    joint: bool = False       # one form naming several actors at once ("Donbass-Volksrepubliken")


@dataclass
class Gazetteer:
    forms: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    codes: dict[str, dict] = field(default_factory=dict)      # code -> its data block
    compound_heads: tuple[str, ...] = ()                      # Kreml|chef, Nato|staaten
    max_len: int = 1
    # longest form (in tokens) starting with a given token: most tokens start none, so
    # the linker tries one dictionary lookup for them instead of max_len
    longest_from: dict[str, int] = field(default_factory=dict)

    def add(self, form: str, entry: Entry) -> None:
        key = tokens_of(form)
        if not key:
            return
        self.longest_from[key[0]] = max(self.longest_from.get(key[0], 0), len(key))
        bucket = self.forms.setdefault(key, [])
        for i, e in enumerate(bucket):
            if e.code == entry.code and e.kind == entry.kind:
                # "NATO" (exact case) and "Nato" (any case) are one entry: keep the looser one.
                if e.case_sensitive and not entry.case_sensitive:
                    bucket[i] = entry
                return
        bucket.append(entry)
        self.max_len = max(self.max_len, len(key))

    def kind_of(self, code: str) -> str | None:
        block = self.codes.get(code)
        return block.get("kind") if block else None


def _case_sensitive(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) <= 4 and all(c.isupper() for c in letters)


def _genitive(name: str) -> list[str]:
    """German genitive of a proper name: Russland -> Russlands; Belarus stays Belarus."""
    if name[-1:] in "sßxz" or not name[-1:].isalpha() or " " in name:
        return []
    return [name + "s"]


@lru_cache(maxsize=1)
def context_rules() -> dict:
    """context.yaml: the rules that decide what a form names in its context (read once)."""
    return _load_yaml("context.yaml")


def _load_yaml(name: str):
    with resources.files("blocwatch.actors").joinpath("data", name).open(encoding="utf-8") as f:
        return load_yaml(f) or {}


def _add_actor(gaz: Gazetteer, code: str, block: dict) -> None:
    kind = block.get("kind", "state")
    weak = set(block.get("weak") or [])
    exact = set(block.get("case_sensitive") or [])   # "West", not "to the west"
    gaz.codes[code] = block

    def add(form: str, entry_kind: str) -> None:
        gaz.add(form, Entry(code, entry_kind, form, _case_sensitive(form) or form in exact, weak=form in weak))

    for lang in ("en", "de", "other"):
        for name in block.get(lang) or []:
            add(name, "group" if kind in ("bloc", "group") else "name")
            if lang == "de" and not _case_sensitive(name):
                for g in _genitive(name):
                    add(g, "group" if kind in ("bloc", "group") else "name")
    for adj in block.get("adj_en") or []:
        add(adj, "adjective")
    for stem in block.get("adj_de") or []:
        for ending in _ADJ_ENDINGS:
            add(stem + ending, "adjective")
    for dem in block.get("demonym_de") or []:
        add(dem, "demonym")
    for cap in block.get("capital") or []:
        add(cap, "capital")
        for g in _genitive(cap):
            add(g, "capital")
    for seat in block.get("seat") or []:
        add(seat, "seat")
        for g in _genitive(seat):
            add(g, "seat")
    for region in block.get("region") or []:
        add(region, "region")
        for g in _genitive(region):
            add(g, "region")


def _add_person(gaz: Gazetteer, person: dict) -> None:
    code = person["code"]
    for name in list(person.get("names") or []) + list(person.get("surnames") or []):
        gaz.add(name, Entry(code, "person", name, False))
        for g in _genitive(name.split()[-1]) if " " not in name else [name + "s"]:
            gaz.add(g, Entry(code, "person", g, False))


def _add_context_forms(gaz: Gazetteer, rules: list[dict]) -> None:
    for rule in rules or []:
        pattern = re.compile(rule["sentence"], re.I) if rule.get("sentence") else None
        for code in rule["codes"]:
            for form in rule["forms"]:
                gaz.add(form, Entry(code, rule.get("kind", "name"), form, _case_sensitive(form),
                                    context=pattern, joint=bool(rule.get("joint"))))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer from the package's data files (loaded once per process)."""
    gaz = Gazetteer()
    for fname in ("states.yaml", "groups.yaml"):
        for code, block in _load_yaml(fname).items():
            _add_actor(gaz, str(code), block or {})
    people = _load_yaml("people.yaml") or []
    for person in people:
        _add_person(gaz, person)
    context = context_rules()
    _add_context_forms(gaz, context.get("conditional_forms"))
    gaz.compound_heads = tuple(sorted(context.get("compound_heads") or [], key=len, reverse=True))
    for form in context.get("not_actors") or []:
        gaz.forms.pop(tokens_of(form), None)
    return gaz
