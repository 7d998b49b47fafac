"""Text from files and documents as safe to print on a terminal.

A file name or a document id may hold control characters: ESC sequences that recolour,
move the cursor or retitle the terminal when printed raw. Every line the commands print
about a file goes through ``printable``, which shows such characters as Python escapes
(``\\x1b``) instead; tabs stay, line breaks become ``\\n`` so that one error stays one line.
"""
from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: object) -> str:
    """``str(text)`` with control characters escaped (tab kept)."""
    text = str(text)
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
