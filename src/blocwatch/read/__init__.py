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

__all__ = ["read_paths", "build_document", "document_from_html", "NoText"]

_SINGLE = {"text": read_text_file, "html": read_html_file}


def read_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every article found under ``paths``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for item in files.iter_inputs(paths):
        if isinstance(item, ReadError):
            yield _encodable(item)
            continue
        path, kind = item
        if kind == "jsonl":
            yield from map(_encodable, _guarded_jsonl(path))
        else:
            try:
                yield _encodable(_SINGLE[kind](path))
            except Exception as exc:  # a bug on one odd file must not stop the batch
                yield _encodable(ReadError(path, f"unexpected error: {type(exc).__name__}: {exc}"))


def _encodable(item: Document | ReadError) -> Document | ReadError:
    """A file name that is not valid UTF-8 is reported (and stored) with U+FFFD for its
    odd bytes; build_document already did that for the Documents."""
    if isinstance(item, ReadError):
        item.path = encoding.encodable(item.path)
        item.reason = encoding.encodable(item.reason)
    return item


def _guarded_jsonl(path: str) -> Iterator[Document | ReadError]:
    it = read_jsonl_file(path)
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except Exception as exc:
            yield ReadError(path, f"unexpected error: {type(exc).__name__}: {exc}")
            return
        yield item
