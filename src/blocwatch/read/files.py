"""Finding the files to read and getting their bytes.

This is the only module of ``read/`` that touches the file system: it walks directories,
decides by extension which reader a file goes to, and guards against files too large to
hold in memory. Everything after it works on bytes and strings, so it can be tested
without files.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import ReadError

# Files above this size are refused rather than read whole into memory. JSONL files are
# streamed line by line instead, and the limit applies to each of their lines.
MAX_BYTES = 50 * 1024 * 1024

# Extension (lower case) -> reader kind.
KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl",
}


class FileError(Exception):
    """A file that cannot be read; ``reason`` is the short sentence for ReadError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def kind_of(path: str | os.PathLike) -> str | None:
    """The reader kind for a file name, or None when the extension is not supported."""
    return KINDS.get(Path(path).suffix.lower())


def iter_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[str, str] | ReadError]:
    """Yield ``(path, kind)`` for every file to read, or a ReadError for a bad argument.

    A file named explicitly must have a supported extension (else ReadError). Directories
    are walked recursively in name order; inside them hidden entries (".name") and files
    with other extensions are skipped silently, since a corpus folder often holds
    notes, manifests or gold files beside the articles.
    """
    seen: set[str] = set()
    for p in paths:
        path = os.fspath(p)
        if os.path.isdir(path):
            yield from _walk(path, seen)
        elif os.path.isfile(path):
            if kind_of(path) is None:
                ext = Path(path).suffix
                what = f"'{ext}'" if ext else "without an extension"
                yield ReadError(path, f"unsupported file type {what} (expected .txt, .html or .jsonl)")
            else:
                yield path, kind_of(path)  # type: ignore[misc]
        elif os.path.exists(path):
            yield ReadError(path, "not a regular file")
        else:
            yield ReadError(path, "no such file or directory")


def _walk(directory: str, seen: set[str]) -> Iterator[tuple[str, str] | ReadError]:
    real = os.path.realpath(directory)
    if real in seen:          # a symlink loop, or the same folder named twice
        return
    seen.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(directory, f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            if entry.is_dir():
                yield from _walk(path, seen)
            elif entry.is_file() and kind_of(entry.name) is not None:
                yield path, kind_of(entry.name)  # type: ignore[misc]
        except OSError:
            continue


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_bytes(path: str) -> bytes:
    """The whole file, refusing files larger than MAX_BYTES."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise FileError(f"too large ({_size_text(size)}, limit {_size_text(MAX_BYTES)})")
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc


def checked_size(data: bytes) -> bytes:
    """Bytes already read elsewhere (Spark reads the files), under the same limit."""
    if len(data) > MAX_BYTES:
        raise FileError(f"too large ({_size_text(len(data))}, limit {_size_text(MAX_BYTES)})")
    return data


def head_bytes(path: str, n: int = 8192) -> bytes:
    """The first ``n`` bytes, to sniff a file before streaming it."""
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc


def iter_lines(path: str) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line_number, raw_line)`` from 1, streaming, so large JSONL files fit in memory.

    A line longer than MAX_BYTES is yielded cut to MAX_BYTES + 1 bytes (the caller refuses
    it as too large) and the rest of it is skipped unread, so memory stays bounded by
    MAX_BYTES whatever the line length.
    """
    try:
        with open(path, "rb") as fh:
            number = 0
            while True:
                line = fh.readline(MAX_BYTES + 1)
                if not line:
                    return
                number += 1
                if len(line) > MAX_BYTES and not line.endswith(b"\n"):
                    while True:                      # skip the rest of the line in chunks
                        rest = fh.readline(1024 * 1024)
                        if not rest or rest.endswith(b"\n"):
                            break
                yield number, line
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc


def lines_of(data: bytes) -> Iterator[tuple[int, bytes]]:
    """``(line_number, raw_line)`` of bytes already in memory, as iter_lines gives them."""
    start, number = 0, 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        number += 1
        yield number, data[start:end][:MAX_BYTES + 1]
        start = end
