"""Turning a file's bytes into the one canonical string every later stage indexes.

Scraped news arrives as UTF-8, UTF-8 with BOM, UTF-16 from Windows tools, or Latin-1 /
Windows-1252 from older archives. We decode in order of certainty: a BOM, then an
encoding the document declares, then strict UTF-8 (which almost never succeeds by
accident), then Windows-1252 for mostly-ASCII text (German/English legacy files;
charset-normalizer misguesses these when they are short), then charset-normalizer.
Files with NUL bytes or many control characters are binary, not text.

``normalize`` then fixes the characters that would otherwise break matching downstream:
line ends, no-break spaces, soft hyphens, zero-width marks and decomposed umlauts.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = (  # UTF-32 first: its LE BOM begins with the UTF-16 LE BOM
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

NOT_TEXT = "not valid UTF-8 or any known encoding"

# Control characters that never occur in real text (tab, newlines and form feed do).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x9f]")
_BINARY_SHARE = 0.05        # more control characters than this share: a binary file
_ASCII_SHARE = 0.80         # at least this share of ASCII bytes: try Windows-1252

# Characters removed or replaced by normalize(): invisible marks and odd spaces.
_REPLACE = tuple(
    [(ch, "") for ch in "\ufeff\u200b\u200c\u200d\u2060\u00ad"]
    + [(ch, " ") for ch in "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"]
    + [(ch, "\n") for ch in "\u2028\u2029\x85"]
)

# Lone surrogates: a file name that is not valid UTF-8 (Python keeps its bytes as
# surrogates), or a JSON "\ud800" escape. No store or terminal can encode them.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


class DecodeError(ValueError):
    """Bytes that are not text; ``reason`` is the short sentence for ReadError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode and normalize ``data``; raise DecodeError("empty file" | "binary file" | NOT_TEXT).

    ``declared`` is an encoding named by the document itself (an HTML meta charset); it is
    used only when the bytes decode with it.
    """
    if not data.strip():
        raise DecodeError("empty file")
    text = _decode(data, declared)
    if _looks_binary(text):
        raise DecodeError("binary file")
    text = normalize(text)
    if not text.strip():
        raise DecodeError("empty file")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise DecodeError(f"not valid {codec.upper()} despite its byte order mark") from None
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
        raise DecodeError("binary file")
    if declared:
        try:
            codecs.lookup(declared)
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    ascii_share = sum(b < 0x80 for b in data[:65536]) / min(len(data), 65536)
    if ascii_share >= _ASCII_SHARE:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    best = _charset_normalizer_guess(data)
    if best is None:
        raise DecodeError(NOT_TEXT)
    return best


def _charset_normalizer_guess(data: bytes) -> str | None:
    import charset_normalizer  # imported late: only legacy files need it

    match = charset_normalizer.from_bytes(data).best()
    return str(match) if match is not None else None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit in every other position, as in
    mostly-ASCII text saved as UTF-16 without a byte order mark; else None."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > _BINARY_SHARE


def encodable(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so it encodes as UTF-8."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def normalize(text: str) -> str:
    """Canonical form of decoded text: ``\\n`` line ends, plain spaces for no-break
    spaces, no soft hyphens or zero-width marks, no lone surrogates, NFC (composed
    umlauts)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text
    text = encodable(text)
    for ch, repl in _REPLACE:       # str.replace runs in C; translate() with a dict does not
        if ch in text:
            text = text.replace(ch, repl)
    return unicodedata.normalize("NFC", text)
