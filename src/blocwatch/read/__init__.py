"""Reading articles from disk into Documents.

    read_paths(paths) -> Iterator[Document | ReadError]

Files and directories (walked recursively in name order); .txt/.text, .html/.htm and
.jsonl. One broken file or JSONL line gives one ReadError and never stops the batch.
Each Document's ``text`` is the article body with boilerplate removed; every later
character offset indexes it.

Modules, one job each: ``files`` (walking, dispatch, size guard), ``encoding`` (bytes to
text), ``text`` (plain text and the common pipeline), ``boilerplate`` (+ data file),
``dates``, ``html`` (trafilatura), ``jsonl``, ``language`` (py3langid), ``outlet``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..model import Document, ReadError
from . import encoding, files
from .html import document_from_html, read_html_file
from .jsonl import read_jsonl_file
from .text import NoText, build_document, read_text_file

__all__ = ["read_paths", "read_file", "build_document", "document_from_html", "NoText"]

_SINGLE = {"text": read_text_file, "html": read_html_file}


def read_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every article found under ``paths``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for item in files.iter_inputs(paths):
        if isinstance(item, ReadError):
            yield _encodable(item)
            continue
        yield from map(_encodable, read_file(*item))


def _encodable(item: Document | ReadError) -> Document | ReadError:
    """A file name that is not valid UTF-8 is reported (and stored) with U+FFFD for its
    odd bytes; build_document already did that for the Documents."""
    if isinstance(item, ReadError):
        item.path = encoding.encodable(item.path)
        item.reason = encoding.encodable(item.reason)
    return item


def read_file(path: str, kind: str | None = None,
              data: bytes | None = None) -> Iterator[Document | ReadError]:
    """The articles of one file (kind from its extension unless given). `data`: its
    bytes, when they were read elsewhere (Spark reads the files, then calls this)."""
    kind = kind or files.kind_of(path)
    if kind is None:
        yield ReadError(path, "unsupported file type (expected .txt, .html or .jsonl)")
    elif kind == "jsonl":
        yield from _guarded_jsonl(path, data)
    else:
        try:
            yield _SINGLE[kind](path, data)
        except Exception as exc:  # a bug on one odd file must not stop the batch
            yield ReadError(path, f"unexpected error: {type(exc).__name__}: {exc}")


def _guarded_jsonl(path: str, data: bytes | None) -> Iterator[Document | ReadError]:
    it = read_jsonl_file(path, data)
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except Exception as exc:
            yield ReadError(path, f"unexpected error: {type(exc).__name__}: {exc}")
            return
        yield item
