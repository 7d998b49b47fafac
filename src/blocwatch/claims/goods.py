"""What a SUPPLY claim says is delivered: categories of the contract from a goods lexicon."""
from __future__ import annotations

from .lexicon import folded, shared


def goods_in(text: str) -> list[str]:
    """Goods categories named in ``text``, in the contract's order."""
    # a substring test first: most sentences name no goods, and the regexes ("\w*munition\w*")
    # are slow to fail
    lowered = folded(text)
    contains = lowered.__contains__   # (map over a bound method: no Python frame per anchor)
    return [g.name for g in shared().goods
            if (g.anchors is None or any(map(contains, g.anchors))) and g.pattern.search(text)]
