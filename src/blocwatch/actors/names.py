"""An actor named by a user: a code (RUS), or a name in German or English (Russland,
Kazakhstan, Tokajew), read through the gazetteer; anything else is refused with the
nearest known codes and names."""
from __future__ import annotations

import difflib
from functools import lru_cache

from .gazetteer import load, tokens_of

NEAREST = 5


class UnknownActor(KeyError):
    """No actor by that code or name; the message names the nearest known ones."""


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    from ..registry import load_registry  # noqa: PLC0415 - blocs that have a code
    gaz = load()
    blocs = {code for code, bloc in load_registry().blocs.items() if bloc.kind != "treaty"}
    return frozenset(gaz.codes) | blocs


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased listed name -> code, for the names that name one actor only."""
    found: dict[str, set[str]] = {}
    for entries in load().forms.values():
        for entry in entries:
            if entry.kind in ("name", "group", "person") and entry.context is None:
                found.setdefault(entry.form.casefold(), set()).add(entry.code)
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}


def resolve_actor(text: str) -> str:
    """The actor code `text` names; UnknownActor (a KeyError) when none or several."""
    wanted = (text or "").strip()
    if not wanted:
        raise UnknownActor("no actor given: use a code such as RUS or a name such as Russland")
    if wanted.upper() in _codes():
        return wanted.upper()
    gaz = load()
    entries = [e for e in gaz.forms.get(tokens_of(wanted), []) if e.context is None
               and e.kind in ("name", "group", "person", "adjective", "capital")]
    codes = sorted({e.code for e in entries})
    if len(codes) == 1:
        return codes[0]
    if len(codes) > 1:
        raise UnknownActor(f"{wanted!r} names several actors: {', '.join(codes)}; give the code")
    raise UnknownActor(f"unknown actor {wanted!r}; nearest known: {', '.join(nearest(wanted))}")


def nearest(text: str, n: int = NEAREST) -> list[str]:
    """The known codes and names closest to `text`, as 'CODE' or 'Name (CODE)'."""
    upper = text.strip().upper()
    found = [c for c in difflib.get_close_matches(upper, sorted(_codes()), n=n, cutoff=0.3)]
    names = _names()
    for name in difflib.get_close_matches(text.strip().casefold(), list(names), n=n, cutoff=0.6):
        label = f"{name} ({names[name]})"
        if names[name] not in found:
            found.append(label)
    return found[:n] or sorted(_codes())[:n]
