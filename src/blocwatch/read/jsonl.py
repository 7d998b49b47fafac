"""JSONL files: one article per line, each line read on its own.

Crawlers and exports write many articles into one file; a bad line (cut off, not JSON,
no text) must cost that line only, so each line gives a Document or a ReadError whose
reason names the line number. The file is streamed, so its size is bounded only per line.

A line is a JSON object with ``text`` (scraped text) or ``html`` (a page), and optionally
``id``/``doc`` (document id; default ``<file stem>:<line number>``), ``url``, ``title``,
``date`` and ``outlet``/``source``. Given metadata wins over what the text says.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

from ..model import Document, ReadError
from . import encoding, files
from .html import document_from_html
from .text import NoText, build_document

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_jsonl_file(path: str, data: bytes | None = None) -> Iterator[Document | ReadError]:
    """Every line of a .jsonl file -> Document or ReadError; blank lines are skipped.
    `data`: the file's bytes, when they were read elsewhere (Spark)."""
    stem = Path(path).stem
    try:
        head = files.head_bytes(path) if data is None else data[:8192]
        if not head.strip():
            yield ReadError(path, "empty file")
            return
        if head.startswith(_WIDE_BOMS):       # UTF-16/32: decode whole, then split
            whole = files.read_bytes(path) if data is None else files.checked_size(data)
            text = encoding.decode(whole)
            lines: Iterator[tuple[int, str | bytes]] = enumerate(text.split("\n"), start=1)
        elif b"\x00" in head:
            yield ReadError(path, "binary file")
            return
        else:
            lines = files.iter_lines(path) if data is None else files.lines_of(data)
        for number, raw in lines:
            yield from _line(path, stem, number, raw)
    except (files.FileError, encoding.DecodeError) as exc:
        yield ReadError(path, exc.reason)


def _line(path: str, stem: str, number: int, raw: str | bytes) -> Iterator[Document | ReadError]:
    def error(reason: str) -> ReadError:
        return ReadError(path, f"JSONL line {number}: {reason}")

    if isinstance(raw, bytes):
        if len(raw) > files.MAX_BYTES:
            yield error("too large")
            return
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield error("not valid UTF-8")
            return
    if not raw.strip():
        return
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        yield error(f"not JSON ({exc.msg} at column {exc.colno})")
        return
    if not isinstance(obj, dict):
        yield error("not a JSON object")
        return
    yield read_record(obj, path, f"{stem}:{number}", where=f"JSONL line {number}")


def read_record(obj: dict, path: str, default_id: str, where: str) -> Document | ReadError:
    """One article given as a mapping (a JSONL line, a Parquet row) -> Document, or a
    ReadError whose reason starts with `where` (e.g. "JSONL line 3")."""
    try:
        return _document(obj, path, default_id)
    except (_LineError, NoText) as exc:
        return ReadError(path, f"{where}: {exc.reason}")
    except Exception as exc:  # a bug on one odd line must not stop the file
        return ReadError(path, f"{where}: unexpected error: {type(exc).__name__}: {exc}")


class _LineError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _str_field(obj: dict, *names: str, numbers: bool = False) -> str | None:
    for name in names:
        value = obj.get(name)
        if value is None:
            continue
        if numbers and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise _LineError(f"'{name}' is not a string")
        if value.strip():
            return value
    return None


def _document(obj: dict, path: str, default_id: str) -> Document:
    doc_id = _str_field(obj, "id", "doc", numbers=True)
    doc_id = doc_id.strip() if doc_id else default_id
    meta = dict(
        path=path,
        url=_str_field(obj, "url"),
        title=_str_field(obj, "title"),
        outlet_name=_str_field(obj, "outlet", "source"),
        date=_str_field(obj, "date"),
    )
    text = _str_field(obj, "text")
    if text is not None:
        return build_document(text, doc_id, **meta)
    html = _str_field(obj, "html")
    if html is not None:
        return document_from_html(encoding.normalize(html), doc_id, **meta)
    if "text" in obj or "html" in obj:
        raise _LineError("empty 'text'/'html' field")
    raise _LineError("no 'text' or 'html' field")
