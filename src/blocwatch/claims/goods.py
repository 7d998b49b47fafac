"""What a SUPPLY claim says is delivered: categories of the contract from a goods lexicon."""
from __future__ import annotations

from .lexicon import shared


def goods_in(text: str) -> list[str]:
    """Goods categories named in ``text``, in the contract's order."""
    return [name for name, pattern in shared().goods if pattern.search(text)]
